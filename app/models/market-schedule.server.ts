// When a market is open, read from the database: its sessions and the organisers' overrides,
// judged by marketOpenness (market-status.ts). Chat, typing and the organisers' console ask here.
import { db, type Tx } from "~/utils/db.server";
import {
  computeMarketStatus,
  marketOpenness,
  scheduledClosing,
  type MarketOpenness,
  type MarketStatus,
} from "./market-status";

export type { MarketOpenness };

/** Prisma select for the rows computeMarketStatus needs; include it wherever a status is shown. */
export const scheduleSelect = {
  sessions: {
    where: { cancelledAt: null },
    orderBy: { startsAt: "asc" },
    select: { id: true, startsAt: true, endsAt: true },
  },
  overrides: {
    orderBy: { startsAt: "asc" },
    select: { id: true, kind: true, startsAt: true, endsAt: true, reason: true },
  },
} as const;

/** The market's status now; a market that is not published is never open. */
export async function getMarketOpenness(marketId: string, now: Date): Promise<MarketOpenness | null> {
  const market = await db.market.findUnique({
    where: { id: marketId },
    select: { id: true, status: true, ...scheduleSelect },
  });
  if (!market) return null;
  return marketOpenness(market.status, market.sessions, now, market.overrides);
}

export class MarketClosedError extends Error {
  constructor(readonly status: MarketOpenness) {
    super("market closed");
  }
}

/** The gate of chat and typing: throws MarketClosedError unless the market is open for business. */
export function requireMarketOpen(status: MarketOpenness | null, marketId: string): MarketOpenness {
  if (!status) throw new Error(`Unknown market ${marketId}`);
  if (!status.open) throw new MarketClosedError(status);
  return status;
}

// ---------------------------------------------------------------------------------------------
// Organiser overrides. Each is an interval computeMarketStatus applies over the sessions, so
// pages, sockets and the scheduler see them with no special case.

type OverrideRefusal = { ok: false; reason: "alreadyOpen" | "notOpen" | "noScheduledClose" };
export type OverrideResult = { ok: true; status: MarketStatus } | OverrideRefusal;

async function statusIn(tx: Tx, marketId: string, now: Date) {
  const market = await tx.market.findUniqueOrThrow({ where: { id: marketId }, select: scheduleSelect });
  return computeMarketStatus(market.sessions, now, market.overrides);
}

/**
 * One override, judged and written in a transaction: `plan` sees the status now and returns the
 * interval to add, or a refusal. Returns the status with the override applied.
 */
function addOverride(
  marketId: string,
  userId: string,
  now: Date,
  plan: (
    status: MarketStatus,
    tx: Tx,
  ) => Promise<{ kind: "OPEN" | "CLOSE"; startsAt: Date; endsAt: Date; reason?: string } | OverrideRefusal>,
): Promise<OverrideResult> {
  return db.$transaction(async (tx) => {
    const planned = await plan(await statusIn(tx, marketId, now), tx);
    if ("ok" in planned) return planned;
    // createdAt from the injected clock, like every other instant here: the console sorts on it.
    await tx.marketOverride.create({ data: { ...planned, marketId, createdById: userId, createdAt: now } });
    return { ok: true, status: await statusIn(tx, marketId, now) } as const;
  });
}

const minutesAfter = (from: Date, minutes: number) => new Date(from.getTime() + minutes * 60_000);

/** When the sessions close the market next today (`scheduledClosing`): what "open now" offers. */
export function getScheduledClosing(marketId: string, now: Date): Promise<Date | null> {
  return scheduledClosingIn(db, marketId, now);
}

async function scheduledClosingIn(runner: Pick<Tx, "market">, marketId: string, now: Date) {
  const market = await runner.market.findUnique({
    where: { id: marketId },
    select: { timezone: true, sessions: scheduleSelect.sessions },
  });
  return market ? scheduledClosing(market.sessions, now, market.timezone) : null;
}

/**
 * Opens the market now for `length` minutes, or until the sessions' next closing today
 * ("scheduled": refused when there is none), lifting any "close now" still in force.
 */
export function openNow(
  marketId: string,
  userId: string,
  now: Date,
  length: number | "scheduled",
): Promise<OverrideResult> {
  return addOverride(marketId, userId, now, async (status, tx) => {
    if (status.open) return { ok: false, reason: "alreadyOpen" };
    const endsAt = length === "scheduled" ? await scheduledClosingIn(tx, marketId, now) : minutesAfter(now, length);
    if (!endsAt) return { ok: false, reason: "noScheduledClose" };
    await tx.marketOverride.updateMany({
      where: { marketId, kind: "CLOSE", startsAt: { lte: now }, endsAt: { gt: now } },
      data: { endsAt: now },
    });
    return { kind: "OPEN", startsAt: now, endsAt };
  });
}

/** Closes the market now until the end of the opening under way; the reason is shown to visitors. */
export function closeNow(marketId: string, userId: string, now: Date, reason: string): Promise<OverrideResult> {
  return addOverride(marketId, userId, now, async (status) =>
    status.current
      ? { kind: "CLOSE", startsAt: now, endsAt: new Date(status.current.endsAt), reason }
      : { ok: false, reason: "notOpen" },
  );
}

/** Adds `minutes` to the end of the opening under way. */
export function extendOpening(marketId: string, userId: string, now: Date, minutes: number): Promise<OverrideResult> {
  return addOverride(marketId, userId, now, async (status) => {
    if (!status.current) return { ok: false, reason: "notOpen" };
    const from = new Date(status.current.endsAt);
    return { kind: "OPEN", startsAt: from, endsAt: minutesAfter(from, minutes) };
  });
}

/** The overrides and announced transitions of a market, newest first, for the console. */
export async function listScheduleHistory(marketId: string) {
  const [overrides, transitions] = await Promise.all([
    db.marketOverride.findMany({
      where: { marketId },
      orderBy: { createdAt: "desc" },
      take: 20,
      select: {
        id: true,
        kind: true,
        startsAt: true,
        endsAt: true,
        reason: true,
        createdAt: true,
        createdBy: { select: { name: true } },
      },
    }),
    db.marketTransition.findMany({
      where: { marketId },
      orderBy: { announcedAt: "desc" },
      take: 20,
      select: { id: true, open: true, at: true, announcedAt: true, cause: true },
    }),
  ]);
  return { overrides, transitions };
}
