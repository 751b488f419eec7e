// Sessions of a market: when it is open. Instants are UTC; app/models/schedule.ts turns the
// organiser's wall-clock input into the PlannedSession values written here.
import { db } from "~/utils/db.server";
import { findOverlaps, overlapsAny, type PlannedSession } from "./schedule";

export async function listMarketSessions(marketId: string) {
  const sessions = await db.marketSession.findMany({
    where: { marketId },
    orderBy: { startsAt: "asc" },
    select: { id: true, startsAt: true, endsAt: true, cancelledAt: true },
  });
  const overlapping = findOverlaps(sessions);
  return sessions.map((s) => ({ ...s, overlaps: overlapping.has(s.id) }));
}

/**
 * Writes every session of one rule in a single transaction: all of them or none. Overlaps
 * with existing sessions are allowed (computeMarketStatus treats them as one long opening) and
 * counted so the organiser is warned.
 */
export async function addSessions(marketId: string, planned: readonly PlannedSession[]) {
  return db.$transaction(async (tx) => {
    const first = planned.reduce((min, s) => (s.startsAt < min ? s.startsAt : min), planned[0]!.startsAt);
    const last = planned.reduce((max, s) => (s.endsAt > max ? s.endsAt : max), planned[0]!.endsAt);
    const existing = await tx.marketSession.findMany({
      where: { marketId, cancelledAt: null, startsAt: { lt: last }, endsAt: { gt: first } },
      select: { startsAt: true, endsAt: true },
    });
    const overlapCount = planned.filter((p) => overlapsAny(p, existing)).length;
    for (const p of planned) {
      await tx.marketSession.create({ data: { marketId, startsAt: p.startsAt, endsAt: p.endsAt } });
    }
    return { created: planned.length, overlapCount };
  });
}

export type CancelResult = { ok: true; startsAt: Date } | { ok: false; reason: "notFound" | "alreadyCancelled" };

/** Cancels one session of this market. A session id from another market is "notFound". */
export async function cancelSession(marketId: string, sessionId: string, now: Date): Promise<CancelResult> {
  const { count } = await db.marketSession.updateMany({
    where: { id: sessionId, marketId, cancelledAt: null },
    data: { cancelledAt: now },
  });
  const session = await db.marketSession.findFirst({ where: { id: sessionId, marketId }, select: { startsAt: true } });
  if (!session) return { ok: false, reason: "notFound" };
  if (count === 0) return { ok: false, reason: "alreadyCancelled" };
  return { ok: true, startsAt: session.startsAt };
}
