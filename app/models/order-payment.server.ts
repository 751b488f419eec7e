// What a payment does to an order (Stripe's webhook, through payment.server.ts): paid on time,
// awaiting a bank debit, or paid late for a RELEASED order (its stock taken again, or refunded).
import { db } from "~/utils/db.server";
import { adjustStockLines, stockTransaction } from "./stock-events.server";
import { takePickupPlaceAgain } from "./pickup.server";
import { transitionOrder, transitionOrderLines } from "./order-transition.server";
import { tellOrderUpdated } from "./order-notify.server";
import { insertRefundRow, refundKey } from "./refund.server";

export type PaymentDetails = { paymentIntentId: string | null };

/**
 * RESERVED or AWAITING_PAYMENT → PAID, once (the stock stays taken: it is sold), recording the
 * PaymentIntent refunds will be made against. False when another call (a redelivered event, the
 * other of completed / async_payment_succeeded) was first, or the order is not in those states
 * (a RELEASED order paid late is applyLatePayment's business).
 */
export async function markOrderPaid(
  orderId: string,
  now: Date,
  payment: PaymentDetails = { paymentIntentId: null },
): Promise<boolean> {
  // Not from RELEASED, which the table allows: that is applyLatePayment's, which takes the stock again.
  return transitionOrder(db, orderId, "PAID", {
    from: ["RESERVED", "AWAITING_PAYMENT"],
    data: { paidAt: now, ...(payment.paymentIntentId ? { paymentIntentId: payment.paymentIntentId } : {}) },
  });
}

/**
 * RESERVED → AWAITING_PAYMENT once: the buyer completed the session with a bank debit that has
 * not settled yet. The stock stays held, and the sweeper leaves the order alone until Stripe's
 * async_payment_succeeded (→ PAID) or _failed (→ RELEASED) arrives.
 */
export async function markOrderAwaitingPayment(orderId: string, payment: PaymentDetails): Promise<boolean> {
  const won = await transitionOrder(db, orderId, "AWAITING_PAYMENT", {
    data: payment.paymentIntentId ? { paymentIntentId: payment.paymentIntentId } : {},
  });
  if (won) await tellOrderUpdated(orderId);
  return won;
}

export type LatePaymentResult =
  /** The stock was still there: taken again for every line, the order is PAID. */
  | { outcome: "paid" }
  /** Some stock was gone: nothing taken, the refund row is written (refund.server's processRefund next). */
  | { outcome: "refund"; refundId: string }
  /** Not RELEASED, or this payment was already handled (a redelivery, a concurrent delivery). */
  | { outcome: "none" };

/**
 * A payment for a RELEASED order (it arrived after its hold ended). One transaction: the order's
 * row locked while it is RELEASED with no payment recorded (of concurrent deliveries exactly one
 * gets past it: the others find paidAt set once the lock is theirs), then each line's stock
 * taken again, all or nothing. All taken → PAID with the payment, its lines back to RESERVED (to
 * prepare); any line short → nothing taken, the payment recorded on the RELEASED order and the
 * "late:<orderId>" refund row written in the same transaction, for the whole amount paid. Either
 * way one write of the order, one version.
 */
export async function applyLatePayment(
  orderId: string,
  payment: PaymentDetails & { amountCents: number | null },
  now: Date,
): Promise<LatePaymentResult> {
  return stockTransaction(async (tx, changed): Promise<LatePaymentResult> => {
    const claimed = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "Order" WHERE "id" = ${orderId} AND "status" = 'RELEASED' AND "paidAt" IS NULL FOR UPDATE`;
    if (claimed.length !== 1) return { outcome: "none" };
    const order = await tx.order.findUniqueOrThrow({
      where: { id: orderId },
      select: { marketId: true, totalCents: true, lines: { select: { productId: true, quantity: true } } },
    });
    const paid = {
      paidAt: now,
      ...(payment.paymentIntentId ? { paymentIntentId: payment.paymentIntentId } : {}),
    };
    const taken = await adjustStockLines(tx, order.marketId, order.lines, "take", now);
    if (taken) {
      // The row is locked, RELEASED and unpaid: this transition wins.
      await transitionOrder(tx, orderId, "PAID", { from: ["RELEASED"], data: paid });
      await transitionOrderLines(tx, { orderId }, "RESERVED");
      await takePickupPlaceAgain(tx, orderId);
      changed(taken);
      return { outcome: "paid" };
    }
    await tx.order.update({ where: { id: orderId }, data: { ...paid, version: { increment: 1 } } });
    // Everything this payment brought, given back.
    const paidCents = payment.amountCents ?? order.totalCents;
    const refund = await insertRefundRow(tx, {
      orderId,
      key: refundKey.late(orderId),
      amountCents: paidCents,
      paidCents,
      reason: "LATE_PAYMENT",
      now,
    });
    return { outcome: "refund", refundId: refund.id };
  });
}
