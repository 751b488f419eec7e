// What the scheduler has announced: one MarketState row per market (the last announced state,
// versioned) and a MarketTransition log. The open/closed rule itself is computeMarketStatus.
import type { SessionTransitionEvent } from "~/realtime/events";
import { db } from "~/utils/db.server";
import { computeMarketStatus, type MarketStatus } from "./market-status";
import { isUniqueViolation } from "./user.server";

// Sessions and overrides that ended longer ago than this cannot change today's state; the
// window also bounds how far back a closure reason is looked for.
const LOOKBACK_MS = 7 * 24 * 60 * 60 * 1000;

export type WatchedMarket = {
  id: string;
  status: MarketStatus;
  published: boolean;
  announced: { open: boolean; version: number; nextTransitionAt: Date | null } | null;
};

/**
 * Every market whose state the scheduler must keep announced: the published ones, and any other
 * still announced as open (unpublished or archived while open must be announced closed).
 */
export async function loadWatchedMarkets(now: Date): Promise<WatchedMarket[]> {
  const since = new Date(now.getTime() - LOOKBACK_MS);
  const markets = await db.market.findMany({
    where: { OR: [{ status: "PUBLISHED" }, { state: { open: true } }] },
    select: {
      id: true,
      status: true,
      state: { select: { open: true, version: true, nextTransitionAt: true } },
      sessions: {
        where: { cancelledAt: null, endsAt: { gt: since } },
        select: { id: true, startsAt: true, endsAt: true },
      },
      overrides: {
        where: { endsAt: { gt: since } },
        select: { id: true, kind: true, startsAt: true, endsAt: true, reason: true },
      },
    },
  });
  return markets.map((m) => ({
    id: m.id,
    status: computeMarketStatus(m.sessions, now, m.overrides),
    published: m.status === "PUBLISHED",
    announced: m.state,
  }));
}

/** Markets per conditional update: two bound values each, a statement of bounded size. */
const MARKETS_PER_UPDATE = 400;

export type AnnouncementName = "session:opened" | "session:closed" | "session:updated";
export type Announcement = { name: AnnouncementName; event: SessionTransitionEvent };
export type PendingAnnouncement = Announcement & { version: number };

/**
 * What to announce about the market now, or null when nothing changed since the last
 * announcement (or the market was never seen: see recordBaseline): session:opened or
 * session:closed when its state changed, session:updated when only its next change moved (an
 * extension, a session added or cancelled). `catchUpAfterMs`: a transition older than this is a
 * catch-up (the server was down or asleep).
 */
export function pendingAnnouncement(
  market: WatchedMarket,
  now: Date,
  catchUpAfterMs: number,
): PendingAnnouncement | null {
  const { status, announced } = market;
  if (!announced) return null;
  const open = market.published && status.open;
  const nextTransitionAt = market.published ? status.nextTransitionAt : null;
  const closure = open ? null : status.closure;
  const common = { marketId: market.id, open, announcedAt: now.toISOString(), nextTransitionAt, closure };

  if (announced.open === open) {
    if ((announced.nextTransitionAt?.toISOString() ?? null) === nextTransitionAt) return null;
    const event = { ...common, at: now.toISOString(), sessionId: null, cause: "SCHEDULE" as const };
    return { name: "session:updated", event, version: announced.version };
  }
  // Unpublished while open: closed now, whatever the schedule says.
  const at = market.published ? new Date(status.since?.at ?? now) : now;
  const event: SessionTransitionEvent = {
    ...common,
    at: at.toISOString(),
    sessionId: status.since && !status.since.byOverride ? status.since.id : null,
    cause: status.since?.byOverride
      ? "OVERRIDE"
      : now.getTime() - at.getTime() > catchUpAfterMs
        ? "CATCH_UP"
        : "SCHEDULE",
  };
  return { name: open ? "session:opened" : "session:closed", event, version: announced.version };
}

/** The first sight of a market only records its state: nobody was told otherwise before. */
export async function recordBaseline(market: WatchedMarket, now: Date): Promise<void> {
  if (market.announced) return;
  const open = market.published && market.status.open;
  const at = market.published && market.status.since ? new Date(market.status.since.at) : now;
  const nextTransitionAt = market.published && market.status.nextTransitionAt;
  await db
    .$transaction(async (tx) => {
      await tx.marketState.create({
        data: {
          marketId: market.id,
          open,
          since: at,
          nextTransitionAt: nextTransitionAt ? new Date(nextTransitionAt) : null,
        },
      });
      await tx.marketTransition.create({
        data: { marketId: market.id, open, at, announcedAt: now, cause: "BASELINE", sessionId: null },
      });
    })
    .catch((error: unknown) => {
      // Another scheduler wrote the baseline first: the same state, nothing to do.
      if (!isUniqueViolation(error)) throw error;
    });
}

/**
 * Records announcements and returns those this caller won, to be made. Each is a compare-and-set
 * on the market's version, so of two schedulers racing only one records (and so only one
 * announces) each. They are written together, one conditional update per distinct new state and
 * one insert for the log of openings and closings: a hundred markets opening at the same instant
 * cost two statements rather than two hundred (Prisma spends 1 to 2 ms on each).
 */
export async function recordAnnouncements(changes: readonly PendingAnnouncement[]): Promise<Announcement[]> {
  if (!changes.length) return [];
  const groups = new Map<string, PendingAnnouncement[]>();
  for (const change of changes) {
    const { open, at, nextTransitionAt } = change.event;
    const key = `${change.name}|${open}|${at}|${nextTransitionAt}`;
    groups.set(key, [...(groups.get(key) ?? []), change]);
  }
  // Batches keep each statement's list of bound values bounded; each market takes two here.
  const batches = [...groups.values()].flatMap((group) =>
    Array.from({ length: Math.ceil(group.length / MARKETS_PER_UPDATE) }, (_, i) =>
      group.slice(i * MARKETS_PER_UPDATE, (i + 1) * MARKETS_PER_UPDATE),
    ),
  );
  return db.$transaction(async (tx) => {
    const won: Announcement[] = [];
    for (const group of batches) {
      const { name, event } = group[0]!;
      const nextTransitionAt = event.nextTransitionAt ? new Date(event.nextTransitionAt) : null;
      const updated = await tx.marketState.updateManyAndReturn({
        where: { OR: group.map((c) => ({ marketId: c.event.marketId, version: c.version })) },
        data:
          name === "session:updated"
            ? { nextTransitionAt, version: { increment: 1 } }
            : { open: event.open, since: new Date(event.at), nextTransitionAt, version: { increment: 1 } },
        select: { marketId: true },
      });
      const ids = new Set(updated.map((row) => row.marketId));
      won.push(...group.filter((c) => ids.has(c.event.marketId)).map(({ name, event }) => ({ name, event })));
    }
    const transitions = won.filter((a) => a.name !== "session:updated");
    if (transitions.length)
      await tx.marketTransition.createMany({ data: transitions.map((a) => transitionRow(a.event)) });
    return won;
  });
}

function transitionRow(event: SessionTransitionEvent) {
  return {
    marketId: event.marketId,
    open: event.open,
    at: new Date(event.at),
    announcedAt: new Date(event.announcedAt),
    cause: event.cause,
    sessionId: event.sessionId,
  };
}
