// Money given back: a late payment whose stock was gone (key "late:<orderId>"), a line the
// stall refused (key "line:<lineId>"), or a payment of the wrong amount or currency that was never
// applied to its order (key "mismatch:<PaymentIntent>"). Always in three steps, each safe to repeat:
//   1. the OrderRefund row, once per key (INSERT … ON CONFLICT DO NOTHING, inside the caller's
//      transaction with the state change that decided the refund);
//   2. Stripe, with the row's id as the idempotency key: asking twice refunds once;
//   3. the outcome, by a conditional update PENDING → SUCCEEDED (with the order's and line's
//      statuses in the same transaction); only that winner tells the buyer.
// A Stripe error that may pass (network, 5xx, rate limit, a request in flight) leaves the row
// PENDING: the hold sweeper's loop tries it again (retryPendingRefunds). Stripe refusing the
// refund (400) marks it FAILED and logs it: trying the same request again would be refused again.
import { randomUUID } from "node:crypto";
import type Stripe from "stripe";
import { db, type Tx } from "~/utils/db.server";
import { getStripe } from "~/utils/stripe.server";
import { announceLatePaymentRefunded, announceLineRefunded, broadcastOrderUpdated } from "./order-notify.server";
import { transitionOrder, transitionOrderLines } from "./order-transition.server";

export type RefundReason = "LATE_PAYMENT" | "LINE_REFUSED" | "PAYMENT_MISMATCH";
export type RefundStatus = "PENDING" | "SUCCEEDED" | "FAILED";

/** The refund's unique key: one refund per cause, whoever asks and however often. */
export const refundKey = {
  late: (orderId: string) => `late:${orderId}`,
  line: (lineId: string) => `line:${lineId}`,
  mismatch: (paymentIntentId: string) => `mismatch:${paymentIntentId}`,
};

/**
 * Step 1, inside the caller's transaction: the row for this key, written once. Returns its id,
 * and whether this call wrote it (false: another caller already decided this refund).
 *
 * The amount is capped at what is still refundable: what was paid (`paidCents`, the order's
 * total unless told) less what is already given back or being given back (the larger of the
 * order's refundedCents, which counts refunds made in Stripe's Dashboard, and our own rows not
 * FAILED). Stripe would refuse more, leaving the row FAILED and the buyer without their money;
 * a row capped at 0 is settled without asking Stripe. A row for another payment than the order's
 * (`paymentIntentId`, a mismatch) is capped by what that payment brought and its own rows only. Callers take the order's row first (a
 * version bump) so that two refunds of one order are decided one at a time.
 */
export async function insertRefundRow(
  tx: Tx,
  input: {
    orderId: string;
    key: string;
    orderLineId?: string | null;
    amountCents: number;
    paidCents?: number;
    reason: RefundReason;
    /** Set when the money came with another payment than the order's own (never applied to it). */
    paymentIntentId?: string | null;
    now: Date;
  },
): Promise<{ id: string; created: boolean; amountCents: number }> {
  const existing = await tx.orderRefund.findUnique({
    where: { key: input.key },
    select: { id: true, amountCents: true },
  });
  if (existing) return { ...existing, created: false };
  const order = await tx.order.findUniqueOrThrow({
    where: { id: input.orderId },
    select: { totalCents: true, refundedCents: true },
  });
  const foreign = input.paymentIntentId ?? null;
  const ours = await tx.orderRefund.aggregate({
    where: { orderId: input.orderId, status: { not: "FAILED" }, paymentIntentId: foreign },
    _sum: { amountCents: true },
  });
  const given = foreign ? (ours._sum.amountCents ?? 0) : Math.max(order.refundedCents, ours._sum.amountCents ?? 0);
  const amountCents = Math.max(0, Math.min(input.amountCents, (input.paidCents ?? order.totalCents) - given));
  const id = randomUUID();
  const inserted = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "OrderRefund" ("id", "orderId", "key", "orderLineId", "amountCents", "reason", "paymentIntentId", "status", "createdAt", "updatedAt")
    VALUES (${id}, ${input.orderId}, ${input.key}, ${input.orderLineId ?? null}, ${amountCents}, ${input.reason}, ${foreign}, 'PENDING', ${input.now}, ${input.now})
    ON CONFLICT ("key") DO NOTHING
    RETURNING "id"`;
  if (inserted.length === 1) return { id, created: true, amountCents };
  const raced = await tx.orderRefund.findUniqueOrThrow({
    where: { key: input.key },
    select: { id: true, amountCents: true },
  });
  return { ...raced, created: false };
}

/**
 * Stripe keeps an idempotency key for at least 24 hours. A row still without Stripe's answer
 * after this long is not asked again: if an earlier try did reach Stripe, a create with a
 * forgotten key would refund a second time. It is marked FAILED and logged for someone to check
 * in the Dashboard.
 */
export const IDEMPOTENCY_WINDOW_MS = 23 * 3600_000;

export type RefundOutcome = { refundId: string; status: RefundStatus | "MISSING"; settledHere: boolean };

/**
 * Steps 2 and 3 for one row: asks Stripe (idempotency key = the row's id) and records the
 * outcome. Never throws for a Stripe error; safe to call concurrently and again.
 */
export async function processRefund(refundId: string, now: Date): Promise<RefundOutcome> {
  const row = await db.orderRefund.findUnique({
    where: { id: refundId },
    include: { order: { select: { paymentIntentId: true } } },
  });
  if (!row) return { refundId, status: "MISSING", settledHere: false };
  if (row.status !== "PENDING") return { refundId, status: row.status as RefundStatus, settledHere: false };
  // Nothing was left to give back (insertRefundRow's cap): settled without Stripe, which refuses 0.
  if (row.amountCents <= 0) return settleRefund(row.id, null, now);
  if (!row.stripeRefundId && now.getTime() - row.createdAt.getTime() > IDEMPOTENCY_WINDOW_MS) {
    console.error(
      `refund ${row.id} (${row.key}): no answer from Stripe since ${row.createdAt.toISOString()}; not asked again ` +
        `(its idempotency key may be forgotten): check the Dashboard for a refund with metadata order_refund_id=${row.id}`,
    );
    await db.orderRefund.updateMany({
      where: { id: row.id, status: "PENDING", stripeRefundId: null },
      data: { status: "FAILED", updatedAt: now },
    });
    return { refundId, status: "FAILED", settledHere: false };
  }
  const paymentIntent = row.paymentIntentId ?? row.order.paymentIntentId;
  if (!paymentIntent) {
    // Nothing to refund against yet (should not happen: rows follow a payment). Tried again later.
    console.error(`refund ${row.id}: order ${row.orderId} has no PaymentIntent`);
    return { refundId, status: "PENDING", settledHere: false };
  }

  let refund: Stripe.Refund;
  try {
    // Already known to Stripe (it answered `pending`): ask how it went rather than replaying the create.
    if (row.stripeRefundId)
      return recordStripeRefund(row.id, await getStripe().refunds.retrieve(row.stripeRefundId), now);
    refund = await getStripe().refunds.create(
      {
        payment_intent: paymentIntent,
        amount: row.amountCents,
        reason: "requested_by_customer",
        metadata: { order_id: row.orderId, order_refund_id: row.id, key: row.key },
      },
      { idempotencyKey: row.id },
    );
  } catch (error) {
    if (isRefusal(error)) {
      console.error(`refund ${row.id} (${row.key}) refused by Stripe: ${messageOf(error)}`);
      await db.orderRefund.updateMany({
        where: { id: row.id, status: "PENDING" },
        data: { status: "FAILED", updatedAt: now },
      });
      return { refundId, status: "FAILED", settledHere: false };
    }
    console.error(`refund ${row.id} (${row.key}): Stripe unreachable, will try again: ${messageOf(error)}`);
    // Dated so the retry loop waits a little before asking again.
    await db.orderRefund.updateMany({ where: { id: row.id, status: "PENDING" }, data: { updatedAt: now } });
    return { refundId, status: "PENDING", settledHere: false };
  }
  return recordStripeRefund(row.id, refund, now);
}

/** Records what Stripe says of a refund: succeeded settles it, failed/canceled fails it, else it waits. */
export async function recordStripeRefund(refundId: string, refund: Stripe.Refund, now: Date): Promise<RefundOutcome> {
  if (refund.status === "succeeded") return settleRefund(refundId, refund.id, now);
  if (refund.status === "failed" || refund.status === "canceled") {
    const failed = await db.orderRefund.updateMany({
      where: { id: refundId, status: "PENDING" },
      data: { status: "FAILED", stripeRefundId: refund.id, updatedAt: now },
    });
    if (failed.count === 1) console.error(`refund ${refundId}: Stripe ${refund.status} ${refund.id}`);
    return { refundId, status: "FAILED", settledHere: false };
  }
  // pending / requires_action: charge.refunded (or the retry loop) settles it later. Dated, so
  // the retry loop waits its delay before asking again.
  await db.orderRefund.updateMany({
    where: { id: refundId, status: "PENDING", OR: [{ stripeRefundId: null }, { stripeRefundId: refund.id }] },
    data: { stripeRefundId: refund.id, updatedAt: now },
  });
  return { refundId, status: "PENDING", settledHere: false };
}

/**
 * Step 3: PENDING → SUCCEEDED once. In the same transaction: the order's refundedCents (the
 * succeeded rows' sum, never less than what it was), and
 * - a late payment: the order RELEASED → REFUNDED, its lines REFUNDED;
 * - a refused line: the line REFUSED → REFUNDED, and the order PAID → REFUNDED when no line is left;
 * - a mismatched payment: nothing else (it was never the order's payment, nor counted in it).
 * The winner, and only it, tells the buyer (email and order:updated).
 */
export async function settleRefund(refundId: string, stripeRefundId: string | null, now: Date): Promise<RefundOutcome> {
  const settled = await db.$transaction(async (tx) => {
    const won = await tx.orderRefund.updateMany({
      where: { id: refundId, status: "PENDING" },
      data: { status: "SUCCEEDED", ...(stripeRefundId ? { stripeRefundId } : {}), updatedAt: now },
    });
    if (won.count !== 1) return null;
    const row = await tx.orderRefund.findUniqueOrThrow({ where: { id: refundId } });
    if (row.paymentIntentId) return row;
    // The order's row lock first: two refunds of one order settling at once sum one after the
    // other, the second seeing the first's row (read committed reads after the lock is granted).
    const order = await tx.order.update({
      where: { id: row.orderId },
      data: { version: { increment: 1 } },
      select: { refundedCents: true },
    });
    const sum = await tx.orderRefund.aggregate({
      where: { orderId: row.orderId, status: "SUCCEEDED", paymentIntentId: null },
      _sum: { amountCents: true },
    });
    await tx.order.update({
      where: { id: row.orderId },
      data: { refundedCents: Math.max(order.refundedCents, sum._sum.amountCents ?? 0) },
    });
    if (row.reason === "LATE_PAYMENT") {
      await transitionOrder(tx, row.orderId, "REFUNDED", { from: ["RELEASED"] });
      await transitionOrderLines(tx, { orderId: row.orderId }, "REFUNDED");
    } else if (row.orderLineId) {
      await transitionOrderLines(tx, { id: row.orderLineId }, "REFUNDED", { from: ["REFUSED"] });
      const left = await tx.orderLine.count({ where: { orderId: row.orderId, status: { not: "REFUNDED" } } });
      if (left === 0) await transitionOrder(tx, row.orderId, "REFUNDED", { from: ["PAID"] });
    }
    return row;
  });
  if (!settled) {
    const current = await db.orderRefund.findUnique({ where: { id: refundId }, select: { status: true } });
    return { refundId, status: (current?.status as RefundStatus | undefined) ?? "MISSING", settledHere: false };
  }
  try {
    // A mismatched payment was never shown as the order's: nothing to tell (logged when decided).
    if (settled.reason === "PAYMENT_MISMATCH") return { refundId, status: "SUCCEEDED", settledHere: true };
    // Nothing given back by this row (it was all refunded already): the pages are told, no email.
    if (settled.amountCents <= 0) await broadcastOrderUpdated(settled.orderId);
    else if (settled.reason === "LATE_PAYMENT") await announceLatePaymentRefunded(settled.orderId, settled.amountCents);
    else if (settled.orderLineId) await announceLineRefunded(settled.orderId, settled.orderLineId, settled.amountCents);
  } catch (error) {
    // The refund is recorded; a lost email must not make Stripe's webhook or the merchant's tap fail.
    console.error(`refund ${refundId}: telling the buyer failed`, error);
  }
  return { refundId, status: "SUCCEEDED", settledHere: true };
}

/**
 * The retry loop's part (server/hold-sweeper.ts): every refund still PENDING and untouched for
 * `olderThanMs` is asked of Stripe again, with the same idempotency key.
 */
export async function retryPendingRefunds(
  now: Date,
  options: { olderThanMs?: number; limit?: number } = {},
): Promise<RefundOutcome[]> {
  const due = await db.orderRefund.findMany({
    where: { status: "PENDING", updatedAt: { lte: new Date(now.getTime() - (options.olderThanMs ?? 30_000)) } },
    orderBy: { updatedAt: "asc" },
    take: options.limit ?? 50,
    select: { id: true },
  });
  const outcomes: RefundOutcome[] = [];
  for (const { id } of due) outcomes.push(await processRefund(id, now));
  return outcomes;
}

/** Stripe answered and refused (400): the same request would be refused again. */
function isRefusal(error: unknown): boolean {
  return (
    typeof error === "object" && error !== null && (error as { type?: unknown }).type === "StripeInvalidRequestError"
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
