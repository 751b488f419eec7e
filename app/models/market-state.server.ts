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
 * Records the market's present state if it differs from the last one announced. The update is a
 * compare-and-set on the version, so of two schedulers racing only one records (and so only one
 * announces) each transition. Returns null when there is nothing to announce.
 *
 * `catchUpAfterMs`: a transition older than this is a catch-up (the server was down or asleep).
 */
export async function recordTransition(
  market: WatchedMarket,
  now: Date,
  catchUpAfterMs: number,
): Promise<SessionTransitionEvent | null> {
  const { status } = market;
  const open = market.published && status.open;
  if (market.announced && market.announced.open === open) return null;

  const at = open || market.published ? new Date(status.since?.at ?? now) : now;
  const event: SessionTransitionEvent = {
    marketId: market.id,
    open,
    at: at.toISOString(),
    announcedAt: now.toISOString(),
    sessionId: status.since && !status.since.byOverride ? status.since.id : null,
    cause: "SCHEDULE",
    nextTransitionAt: market.published ? status.nextTransitionAt : null,
    closure: open ? null : status.closure,
  };

  // The first sight of a market only sets the baseline: nobody was told otherwise before.
  if (!market.announced) {
    await db
      .$transaction(async (tx) => {
        await tx.marketState.create({ data: { marketId: market.id, open, since: at } });
        await tx.marketTransition.create({ data: transitionRow(event, "BASELINE") });
      })
      .catch((error: unknown) => {
        // Another scheduler wrote the baseline first: the same state, nothing to do.
        if (!isUniqueViolation(error)) throw error;
      });
    return null;
  }

  event.cause = status.since?.byOverride
    ? "OVERRIDE"
    : now.getTime() - at.getTime() > catchUpAfterMs
      ? "CATCH_UP"
      : "SCHEDULE";
  const { version } = market.announced;
  const won = await db.$transaction(async (tx) => {
    const { count } = await tx.marketState.updateMany({
      where: { marketId: market.id, version },
      data: { open, since: at, version: { increment: 1 } },
    });
    if (count) await tx.marketTransition.create({ data: transitionRow(event, event.cause) });
    return count === 1;
  });
  return won ? event : null;
}

function transitionRow(event: SessionTransitionEvent, cause: string) {
  return {
    marketId: event.marketId,
    open: event.open,
    at: new Date(event.at),
    announcedAt: new Date(event.announcedAt),
    cause,
    sessionId: event.sessionId,
  };
}
