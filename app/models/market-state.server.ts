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
  announced: { open: boolean; version: number } | null;
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
      state: { select: { open: true, version: true } },
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

/**
 * The event announcing the market's present state, or null when that is the state last announced
 * (or the market was never seen: see recordBaseline). `catchUpAfterMs`: a transition older than
 * this is a catch-up (the server was down or asleep).
 */
export function pendingTransition(
  market: WatchedMarket,
  now: Date,
  catchUpAfterMs: number,
): SessionTransitionEvent | null {
  const { status } = market;
  const open = market.published && status.open;
  if (!market.announced || market.announced.open === open) return null;
  // Unpublished while open: closed now, whatever the schedule says.
  const at = market.published ? new Date(status.since?.at ?? now) : now;
  return {
    marketId: market.id,
    open,
    at: at.toISOString(),
    announcedAt: now.toISOString(),
    sessionId: status.since && !status.since.byOverride ? status.since.id : null,
    cause: status.since?.byOverride
      ? "OVERRIDE"
      : now.getTime() - at.getTime() > catchUpAfterMs
        ? "CATCH_UP"
        : "SCHEDULE",
    nextTransitionAt: market.published ? status.nextTransitionAt : null,
    closure: open ? null : status.closure,
  };
}

/** The first sight of a market only records its state: nobody was told otherwise before. */
export async function recordBaseline(market: WatchedMarket, now: Date): Promise<void> {
  if (market.announced) return;
  const open = market.published && market.status.open;
  const at = market.published && market.status.since ? new Date(market.status.since.at) : now;
  await db
    .$transaction(async (tx) => {
      await tx.marketState.create({ data: { marketId: market.id, open, since: at } });
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
 * Records transitions and returns those this caller won, to be announced. Each is a
 * compare-and-set on the market's version, so of two schedulers racing only one records (and so
 * only one announces) each transition. They are written together, one conditional update per
 * distinct new state and one insert for the log: a hundred markets opening at the same instant
 * cost two statements rather than two hundred (Prisma spends 1 to 2 ms on each).
 */
export async function recordTransitions(
  changes: readonly { event: SessionTransitionEvent; version: number }[],
): Promise<SessionTransitionEvent[]> {
  if (!changes.length) return [];
  const groups = new Map<string, { event: SessionTransitionEvent; version: number }[]>();
  for (const change of changes) {
    const key = `${change.event.open}|${change.event.at}`;
    groups.set(key, [...(groups.get(key) ?? []), change]);
  }
  return db.$transaction(async (tx) => {
    const won: SessionTransitionEvent[] = [];
    for (const group of groups.values()) {
      const { open, at } = group[0]!.event;
      const updated = await tx.marketState.updateManyAndReturn({
        where: { OR: group.map((c) => ({ marketId: c.event.marketId, version: c.version })) },
        data: { open, since: new Date(at), version: { increment: 1 } },
        select: { marketId: true },
      });
      const ids = new Set(updated.map((row) => row.marketId));
      won.push(...group.filter((c) => ids.has(c.event.marketId)).map((c) => c.event));
    }
    if (won.length) await tx.marketTransition.createMany({ data: won.map(transitionRow) });
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
