// The handover at the stall: the merchant types the buyer's pickup code or scans its QR code
// (pickup-code.server.ts reads both), sees the order's lines of their stall, and "Remis" marks
// them COLLECTED. A code finds an order only in the stall's own market and shows only this stall's
// lines and the buyer's name. Codes that find nothing of the stall count against the merchant
// (rate-limit.server.ts, pickupCodeMisses): 31⁶ codes cannot be walked 20 at a time.
// Also the orders not collected in time, for the stall and for the market's organisers.
import { DateTime } from "luxon";
import { db } from "~/utils/db.server";
import { hitRateLimit, rateLimitWait } from "~/utils/rate-limit.server";
import { hasEnded, computeMarketStatus } from "./market-status";
import { scheduleSelect } from "./market-schedule.server";
import { tellOrderUpdated } from "./order-notify.server";
import type { OrderLineStatus } from "./order-status";
import { transitionOrderLines } from "./order-transition.server";
import { readPickupInput } from "./pickup-code.server";

/** The lines a handover collects: prepared or not (a merchant may hand over a line not marked ready). */
const HANDABLE: readonly OrderLineStatus[] = ["RESERVED", "READY"];

export type HandoverOrder = {
  orderId: string;
  reference: string;
  code: string;
  buyerName: string;
  lines: { id: string; name: string; quantity: number; status: string }[];
  /** Lines still to hand over (RESERVED or READY). */
  handable: number;
  /** When this stall's last line was handed over, if any was. */
  collectedAt: Date | null;
};

export type HandoverFailure =
  /** Neither a code (six characters of the alphabet) nor a Chalet QR code: a typo, not counted. */
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rateLimited"; seconds: number }
  /** A Chalet QR code of another market. */
  | { ok: false; reason: "otherMarket" }
  | { ok: false; reason: "unknown" }
  /** An order of this market with no line of this stall. */
  | { ok: false; reason: "otherStall" }
  /** Not paid (held, awaiting a bank debit, released) or refunded: nothing to hand over. */
  | { ok: false; reason: "notPaid" | "refunded" }
  /** Nothing left to hand over: every line was collected (at `collectedAt`) or refused. */
  | { ok: false; reason: "alreadyCollected"; order: HandoverOrder }
  | { ok: false; reason: "nothingToHand"; order: HandoverOrder };

const orderSelect = (stallId: string) =>
  ({
    id: true,
    status: true,
    reference: true,
    pickupCode: true,
    buyer: { select: { name: true } },
    lines: {
      where: { stallId },
      orderBy: { id: "asc" },
      select: { id: true, name: true, quantity: true, status: true, collectedAt: true },
    },
  }) as const;

function toHandoverOrder(order: {
  id: string;
  reference: string;
  pickupCode: string;
  buyer: { name: string };
  lines: { id: string; name: string; quantity: number; status: string; collectedAt: Date | null }[];
}): HandoverOrder {
  const collected = order.lines.flatMap((l) => (l.collectedAt ? [l.collectedAt.getTime()] : []));
  return {
    orderId: order.id,
    reference: order.reference,
    code: order.pickupCode,
    buyerName: order.buyer.name,
    lines: order.lines.map(({ id, name, quantity, status }) => ({ id, name, quantity, status })),
    handable: order.lines.filter((l) => HANDABLE.includes(l.status as OrderLineStatus)).length,
    collectedAt: collected.length ? new Date(Math.max(...collected)) : null,
  };
}

/**
 * The order a typed or scanned code names, as this stall's merchant may see it, or why not. The
 * caller checked that `merchantId` owns `stallId`. Nothing is written but the miss count.
 */
export async function findHandover(input: {
  stallId: string;
  merchantId: string;
  code: string;
}): Promise<{ ok: true; order: HandoverOrder } | HandoverFailure> {
  const read = readPickupInput(input.code);
  if (!read) return { ok: false, reason: "invalid" };
  const seconds = await rateLimitWait("pickupCodeMisses", input.merchantId);
  if (seconds !== null) return { ok: false, reason: "rateLimited", seconds };
  const miss = async (reason: "otherMarket" | "unknown" | "otherStall") => {
    await hitRateLimit("pickupCodeMisses", input.merchantId);
    return { ok: false as const, reason };
  };

  const stall = await db.stall.findUniqueOrThrow({ where: { id: input.stallId }, select: { marketId: true } });
  if (read.marketId !== null && read.marketId !== stall.marketId) return miss("otherMarket");
  const order = await db.order.findUnique({
    where: { marketId_pickupCode: { marketId: stall.marketId, pickupCode: read.code } },
    select: orderSelect(input.stallId),
  });
  if (!order) return miss("unknown");
  if (order.lines.length === 0) return miss("otherStall");
  if (order.status !== "PAID") return { ok: false, reason: order.status === "REFUNDED" ? "refunded" : "notPaid" };
  const view = toHandoverOrder(order);
  if (view.handable === 0) {
    return { ok: false, reason: view.collectedAt ? "alreadyCollected" : "nothingToHand", order: view };
  }
  return { ok: true, order: view };
}

/** Raised inside the handover's transaction to roll it back: the lines were handed over meanwhile. */
class NothingLeft extends Error {}

/**
 * "Remis": every line of this stall still RESERVED or READY becomes COLLECTED at `now`, in one
 * conditional transition, while the order is still PAID (its row is locked by the version bump
 * first, so a refund waits or has already won). Of two phones pressing together, one hands over;
 * the other is told it was already done. Buyer and stalls hear order:updated.
 */
export async function handOver(input: {
  stallId: string;
  merchantId: string;
  code: string;
  now: Date;
}): Promise<{ ok: true; order: HandoverOrder; collected: number } | HandoverFailure> {
  const found = await findHandover(input);
  if (!found.ok) return found;
  const { orderId } = found.order;
  let collected: number;
  try {
    collected = await db.$transaction(async (tx) => {
      const paid = await tx.order.updateMany({
        where: { id: orderId, status: "PAID" },
        data: { version: { increment: 1 } },
      });
      if (paid.count !== 1) throw new NothingLeft();
      const changed = await transitionOrderLines(tx, { orderId, stallId: input.stallId }, "COLLECTED", {
        from: HANDABLE,
        data: { collectedAt: input.now },
      });
      if (changed === 0) throw new NothingLeft();
      return changed;
    });
  } catch (error) {
    if (!(error instanceof NothingLeft)) throw error;
    // Someone else acted first: say what the order is now (handed over, refunded…).
    const again = await findHandover(input);
    return again.ok ? { ok: false, reason: "alreadyCollected", order: again.order } : again;
  }
  await tellOrderUpdated(orderId);
  const order = await db.order.findUniqueOrThrow({ where: { id: orderId }, select: orderSelect(input.stallId) });
  return { ok: true, order: toHandoverOrder(order), collected };
}

export type UncollectedOrder = {
  orderId: string;
  reference: string;
  buyerName: string;
  stall: { id: string; name: string };
  /** Lines of this stall not handed over yet. */
  lines: number;
  slot: { startsAt: Date; endsAt: Date; point: string } | null;
};

/**
 * Paid orders with lines of a stall still not collected (RESERVED or READY) once their time is
 * over: the end of the day (in the market's time zone) of their pickup slot's end, or, without a
 * slot, the end of the market's last opening. One entry per order and stall, oldest first, for a
 * market or one stall of it (the caller checked who may see it).
 */
export async function listUncollected(
  scope: { marketId: string } | { stallId: string },
  now: Date,
): Promise<UncollectedOrder[]> {
  const stallId = "stallId" in scope ? scope.stallId : undefined;
  const marketId =
    "marketId" in scope
      ? scope.marketId
      : (await db.stall.findUniqueOrThrow({ where: { id: scope.stallId }, select: { marketId: true } })).marketId;
  const market = await db.market.findUniqueOrThrow({
    where: { id: marketId },
    select: { timezone: true, ...scheduleSelect },
  });
  const ended = hasEnded(computeMarketStatus(market.sessions, now, market.overrides));
  const lineWhere = { status: { in: [...HANDABLE] }, ...(stallId ? { stallId } : {}) };
  // A slot's day ends after the slot itself: its end before now narrows the rows, luxon decides.
  const late = { pickupSlot: { endsAt: { lt: now } } };
  const orders = await db.order.findMany({
    where: {
      marketId,
      status: "PAID",
      lines: { some: lineWhere },
      ...(ended ? { OR: [late, { pickupSlotId: null }] } : late),
    },
    orderBy: { number: "asc" },
    take: 500,
    select: {
      id: true,
      reference: true,
      buyer: { select: { name: true } },
      pickupSlot: { select: { startsAt: true, endsAt: true, pickupPoint: { select: { name: true } } } },
      lines: { where: lineWhere, select: { stall: { select: { id: true, name: true } } } },
    },
  });
  const dayOver = (endsAt: Date) =>
    DateTime.fromJSDate(endsAt, { zone: market.timezone }).plus({ days: 1 }).startOf("day").toMillis() <= now.getTime();
  return orders
    .filter((order) => !order.pickupSlot || dayOver(order.pickupSlot.endsAt))
    .flatMap((order) => {
      const stalls = new Map<string, { stall: { id: string; name: string }; lines: number }>();
      for (const { stall } of order.lines) {
        const entry = stalls.get(stall.id) ?? { stall, lines: 0 };
        entry.lines += 1;
        stalls.set(stall.id, entry);
      }
      const slot = order.pickupSlot
        ? {
            startsAt: order.pickupSlot.startsAt,
            endsAt: order.pickupSlot.endsAt,
            point: order.pickupSlot.pickupPoint.name,
          }
        : null;
      return [...stalls.values()].map(({ stall, lines }) => ({
        orderId: order.id,
        reference: order.reference,
        buyerName: order.buyer.name,
        stall,
        lines,
        slot,
      }));
    });
}
