// A stall's orders as its owner handles them at the counter: paid (or since refunded) orders that
// hold lines of this stall, newest first, with only this stall's lines. The buyer is shown by
// name only: the name is what the merchant asks at pickup; the email stays with the buyer (the
// merchant can answer through the stall's chat).
import type { MerchantOrderDto, OrderLineDto } from "~/realtime/events";
import { db } from "~/utils/db.server";
import { stallTotal } from "./line-money";
import type { OrderLineStatus } from "./order-status";

/** Orders a merchant sees: paid ones, and refunded ones so a refund does not make an order vanish. */
export const MERCHANT_ORDER_STATUSES = ["PAID", "REFUNDED"] as const;

/** The page lists this many at most; the counts cover every order. */
export const MERCHANT_ORDERS_LIMIT = 200;

/** What the merchant's card shows of the buyer's pickup slot (also read by order-notify's broadcast). */
export const PICKUP_SLOT_SELECT = {
  select: { startsAt: true, endsAt: true, pickupPoint: { select: { name: true } } },
} as const;

const orderSelect = (stallId: string) =>
  ({
    id: true,
    reference: true,
    marketId: true,
    status: true,
    paidAt: true,
    version: true,
    buyer: { select: { name: true } },
    pickupSlot: PICKUP_SLOT_SELECT,
    lines: {
      where: { stallId },
      orderBy: { id: "asc" },
      select: { id: true, productId: true, name: true, quantity: true, unitPriceCents: true, status: true },
    },
  }) as const;

type OrderRow = {
  id: string;
  reference: string;
  marketId: string;
  status: string;
  paidAt: Date | null;
  version: number;
  buyer: { name: string };
  pickupSlot: { startsAt: Date; endsAt: Date; pickupPoint: { name: string } } | null;
  /** This stall's lines, or the whole order's with their stallId (the others are left out). */
  lines: (OrderLineDto & { stallId?: string })[];
};

/**
 * The merchant's view of one order: this stall's lines and this stall's share of the total, and
 * of the buyer only the name. Fields are picked one by one, so a wider query (the buyer's email,
 * another stall's lines) never reaches a merchant. The one definition of what order:created
 * carries and the page lists, which the live list merges.
 */
export function toMerchantOrderDto(order: OrderRow, stallId: string): MerchantOrderDto {
  const lines = order.lines.filter((line) => line.stallId === undefined || line.stallId === stallId);
  return {
    orderId: order.id,
    reference: order.reference,
    stallId,
    marketId: order.marketId,
    status: order.status,
    paidAt: order.paidAt?.toISOString() ?? null,
    buyer: { name: order.buyer.name },
    pickup: order.pickupSlot
      ? {
          point: order.pickupSlot.pickupPoint.name,
          startsAt: order.pickupSlot.startsAt.toISOString(),
          endsAt: order.pickupSlot.endsAt.toISOString(),
        }
      : null,
    lines: lines.map(({ id, productId, name, quantity, unitPriceCents, status }) => ({
      id,
      productId,
      name,
      quantity,
      unitPriceCents,
      status,
    })),
    totalCents: stallTotal(order.status, lines).netCents,
    version: order.version,
  };
}

/** One order as the stall's merchant sees it, or null when it holds no line of the stall or is not paid. */
export async function getMerchantOrder(stallId: string, orderId: string): Promise<MerchantOrderDto | null> {
  const order = await db.order.findFirst({
    where: { id: orderId, status: { in: [...MERCHANT_ORDER_STATUSES] }, lines: { some: { stallId } } },
    select: orderSelect(stallId),
  });
  return order ? toMerchantOrderDto(order, stallId) : null;
}

export type LineCounts = Record<OrderLineStatus, number>;

export type StallOrders = {
  orders: MerchantOrderDto[];
  /** Lines of this stall per status, over every order (not only the listed ones). */
  counts: LineCounts;
  /** More orders exist than the page lists. */
  more: boolean;
};

/** The stall's paid and refunded orders, newest payment first. The caller checked ownership. */
export async function listStallOrders(stallId: string, limit = MERCHANT_ORDERS_LIMIT): Promise<StallOrders> {
  const where = { status: { in: [...MERCHANT_ORDER_STATUSES] }, lines: { some: { stallId } } };
  const [rows, grouped] = await Promise.all([
    db.order.findMany({
      where,
      orderBy: [{ paidAt: "desc" }, { createdAt: "desc" }, { id: "desc" }],
      take: limit + 1,
      select: orderSelect(stallId),
    }),
    db.orderLine.groupBy({
      by: ["status"],
      where: { stallId, order: { status: { in: [...MERCHANT_ORDER_STATUSES] } } },
      _count: { _all: true },
    }),
  ]);
  const counts: LineCounts = { RESERVED: 0, READY: 0, COLLECTED: 0, REFUSED: 0, REFUNDED: 0, RELEASED: 0 };
  for (const group of grouped) {
    if (group.status in counts) counts[group.status as OrderLineStatus] = group._count._all;
  }
  return {
    orders: rows.slice(0, limit).map((row) => toMerchantOrderDto(row, stallId)),
    counts,
    more: rows.length > limit,
  };
}

/** The stall an order line belongs to, to check it against the page's stall before acting. */
export async function findLineStall(
  lineId: string,
): Promise<{ stallId: string; orderId: string; name: string; quantity: number } | null> {
  return db.orderLine.findUnique({
    where: { id: lineId },
    select: { stallId: true, orderId: true, name: true, quantity: true },
  });
}

/** The stall's name and its market's time zone (times are shown in it), for its owner only. */
export function getStallForOrders(ownerId: string, stallId: string) {
  return db.stall.findFirst({
    where: { id: stallId, ownerId },
    select: { id: true, name: true, market: { select: { timezone: true } } },
  });
}
