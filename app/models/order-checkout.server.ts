// An order's Stripe Checkout Session (attached once the session is created) and the release of
// its hold, giving the stock back (the sweeper, Stripe's checkout.session.expired, a cancel, a
// failed bank debit). Stripe is never called here: the callers do, outside any transaction (the
// sandbox answers through this database).
import { db } from "~/utils/db.server";
import { HOLD_MS, RETRY_HOLD_MS, type OrderStatus, type ReleaseReason } from "./order-status";
import { adjustStockLines, stockTransaction } from "./stock-events.server";
import { transitionOrder, transitionOrderLines } from "./order-transition.server";
import { tellOrderUpdated } from "./order-notify.server";
import { givePickupPlaceBack } from "./pickup.server";

/**
 * Records the Checkout Session created for a reserved order. The hold follows the session: its
 * `expires_at` becomes the hold's end (created a moment after the reservation, the session ends
 * a moment later). False when the order is no longer RESERVED (released meanwhile: the caller
 * should expire the session it just created) or already has another session.
 */
export async function attachCheckoutSession(
  orderId: string,
  session: { id: string; expiresAt: Date },
): Promise<boolean> {
  const updated = await db.order.updateMany({
    where: { id: orderId, status: "RESERVED", OR: [{ checkoutSessionId: null }, { checkoutSessionId: session.id }] },
    data: { checkoutSessionId: session.id, holdExpiresAt: session.expiresAt, version: { increment: 1 } },
  });
  return updated.count === 1;
}

/** The Stripe `expires_at` (seconds) for a session created now for this order: the hold's end, 30 min at least. */
export function checkoutSessionExpiresAt(order: { holdExpiresAt: Date }, now: Date): number {
  return Math.ceil(Math.max(order.holdExpiresAt.getTime(), now.getTime() + HOLD_MS) / 1000);
}

/**
 * A declined card or a buyer who left the payment page: the hold now ends RETRY_HOLD_MS from now
 * (the sweeper then releases it and expires the session). Conditional on a RESERVED order whose
 * hold ends later than that: never lengthens a hold, never touches a paid or pending order, and a
 * redelivered event or a reloaded page changes nothing. The new end when this call shortened it.
 */
export async function shortenHold(orderId: string, now: Date): Promise<Date | null> {
  const until = new Date(now.getTime() + RETRY_HOLD_MS);
  const { count } = await db.order.updateMany({
    where: { id: orderId, status: "RESERVED", holdExpiresAt: { gt: until } },
    data: { holdExpiresAt: until, version: { increment: 1 } },
  });
  if (count === 0) return null;
  await tellOrderUpdated(orderId);
  return until;
}

export type ReleaseResult = { released: boolean; checkoutSessionId: string | null };

/**
 * → RELEASED, giving the stock and the pickup slot's place back, exactly once: the conditional update on the status decides,
 * so the sweeper and Stripe's checkout.session.expired (or a retry) racing each other release
 * once; the loser gets `released: false` and must do nothing. A failed bank debit
 * (PAYMENT_FAILED) releases an AWAITING_PAYMENT order, or a RESERVED one when Stripe's failure
 * arrives before its checkout.session.completed; every other reason a RESERVED one. The winner
 * tells the buyer's and the stalls' pages (order:updated).
 */
export async function releaseOrder(orderId: string, reason: ReleaseReason, now: Date): Promise<ReleaseResult> {
  const from: OrderStatus[] = reason === "PAYMENT_FAILED" ? ["RESERVED", "AWAITING_PAYMENT"] : ["RESERVED"];
  const outcome = await stockTransaction(async (tx, changed): Promise<ReleaseResult> => {
    const won = await transitionOrder(tx, orderId, "RELEASED", {
      from,
      data: { releasedAt: now, releaseReason: reason },
    });
    if (!won) return { released: false, checkoutSessionId: null };
    const order = await tx.order.findUniqueOrThrow({
      where: { id: orderId },
      select: { marketId: true, checkoutSessionId: true, lines: { select: { productId: true, quantity: true } } },
    });
    changed(await adjustStockLines(tx, order.marketId, order.lines, "give back", now));
    // After the products, as the reservation batch locks them: the slot's place, once (the winner).
    await givePickupPlaceBack(tx, orderId);
    await transitionOrderLines(tx, { orderId }, "RELEASED");
    return { released: true, checkoutSessionId: order.checkoutSessionId };
  });
  // Told only once committed: a commit that fails must not have announced an order state that never existed.
  if (outcome.released) await tellOrderUpdated(orderId);
  return outcome;
}
