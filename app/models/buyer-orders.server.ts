// Orders as their buyer reads them: the list, and one order with its lines per stall and each
// stall's pickup details. Every read is scoped by the buyer, so another person's order id
// answers null (a 404), never someone else's order.
import { db } from "~/utils/db.server";
import { disputeBadges } from "./dispute.server";

/** An id from the address bar: anything else answers "not found" without a query. */
function plausibleOrderId(orderId: unknown): orderId is string {
  return typeof orderId === "string" && orderId.length > 0 && orderId.length <= 64;
}

/** What the list and the order page both show of an order. */
const orderHeadSelect = {
  id: true,
  reference: true,
  status: true,
  releaseReason: true,
  totalCents: true,
  refundedCents: true,
  createdAt: true,
} as const;

export type BuyerOrderSummary = {
  id: string;
  reference: string;
  status: string;
  releaseReason: string | null;
  totalCents: number;
  refundedCents: number;
  createdAt: Date;
  market: { name: string; slug: string; timezone: string };
  stallNames: string[];
  units: number;
};

export async function listBuyerOrders(buyerId: string): Promise<BuyerOrderSummary[]> {
  const orders = await db.order.findMany({
    where: { buyerId },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: {
      ...orderHeadSelect,
      market: { select: { name: true, slug: true, timezone: true } },
      lines: { select: { quantity: true, stall: { select: { name: true } } } },
    },
  });
  return orders.map(({ lines, ...order }) => ({
    ...order,
    stallNames: [...new Set(lines.map((l) => l.stall.name))],
    units: lines.reduce((n, l) => n + l.quantity, 0),
  }));
}

export type BuyerOrder = NonNullable<Awaited<ReturnType<typeof getBuyerOrder>>>;

export async function getBuyerOrder(buyerId: string, orderId: string) {
  if (!plausibleOrderId(orderId)) return null;
  const order = await db.order.findFirst({
    where: { id: orderId, buyerId },
    select: {
      ...orderHeadSelect,
      currency: true,
      holdExpiresAt: true,
      paidAt: true,
      checkoutSessionId: true,
      version: true,
      market: { select: { id: true, name: true, slug: true, timezone: true } },
      lines: {
        orderBy: { name: "asc" },
        select: {
          id: true,
          productId: true,
          name: true,
          unitPriceCents: true,
          quantity: true,
          status: true,
          stall: { select: { id: true, name: true, slug: true, pickupDetails: true, chaletNumber: true } },
        },
      },
      refunds: {
        where: { status: "SUCCEEDED" },
        orderBy: { createdAt: "asc" },
        select: { id: true, amountCents: true, reason: true, orderLineId: true, createdAt: true },
      },
    },
  });
  if (!order) return null;
  const stalls: {
    id: string;
    name: string;
    slug: string;
    pickupDetails: string;
    chaletNumber: number | null;
    totalCents: number;
    lines: { id: string; productId: string; name: string; unitPriceCents: number; quantity: number; status: string }[];
  }[] = [];
  for (const { stall, ...line } of order.lines) {
    let group = stalls.find((s) => s.id === stall.id);
    if (!group) {
      group = { ...stall, totalCents: 0, lines: [] };
      stalls.push(group);
    }
    group.lines.push(line);
    group.totalCents += line.unitPriceCents * line.quantity;
  }
  const { lines: _lines, ...rest } = order;
  // A bank disputing the payment: the page says so (docs/payments.md, Disputes).
  const dispute = (await disputeBadges([order.id])).get(order.id) ?? null;
  return { ...rest, stalls, dispute };
}

/** What the cancel page needs: the order only while it is the buyer's and still held for payment. */
export async function getBuyerOrderForCancel(buyerId: string, orderId: string) {
  if (!plausibleOrderId(orderId)) return null;
  return db.order.findFirst({
    where: { id: orderId, buyerId },
    select: {
      id: true,
      reference: true,
      status: true,
      holdExpiresAt: true,
      checkoutSessionId: true,
      market: { select: { timezone: true } },
    },
  });
}
