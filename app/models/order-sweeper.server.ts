// The sweeper's pass over ended holds: each released once (./order-checkout.server.ts), then its
// Checkout Session expired at Stripe, outside any transaction (the sandbox answers through the
// same database). server/hold-sweeper.ts runs it on its timer.
import type Stripe from "stripe";
import { db } from "~/utils/db.server";
import { getStripe } from "~/utils/stripe.server";
import { releaseOrder } from "./order-checkout.server";

export type SweepResult = {
  /** Orders this sweep released (their stock is back). */
  released: string[];
  /**
   * Released here, but Stripe says the buyer completed the session meanwhile: the payment landed
   * after the hold ended. Nothing is lost: Stripe also sends checkout.session.completed, and the
   * webhook's rule for a RELEASED order applies (take the stock again if it is still there, else
   * refund with an idempotency key). Returned so a caller may act at once and for the logs.
   */
  completedAfterRelease: { orderId: string; sessionId: string; paymentStatus: string }[];
  /** Stripe could not be reached for these sessions; the order stays released, Stripe expires it itself. */
  stripeErrors: { orderId: string; sessionId: string; message: string }[];
};

/**
 * Releases every RESERVED order whose hold has ended, each exactly once, then expires the
 * Checkout Session of each order this call released (never inside a transaction: the sandbox
 * answers through the same database). Safe to run on several instances at once.
 */
export async function sweepExpiredHolds(now: Date, options: { limit?: number } = {}): Promise<SweepResult> {
  const due = await db.order.findMany({
    where: { status: "RESERVED", holdExpiresAt: { lte: now } },
    orderBy: { holdExpiresAt: "asc" },
    take: options.limit ?? 500,
    select: { id: true },
  });
  const result: SweepResult = { released: [], completedAfterRelease: [], stripeErrors: [] };
  for (const { id } of due) {
    const release = await releaseOrder(id, "EXPIRED", now);
    if (!release.released) continue;
    result.released.push(id);
    if (release.checkoutSessionId) await expireSession(id, release.checkoutSessionId, result);
  }
  return result;
}

async function expireSession(orderId: string, sessionId: string, result: SweepResult) {
  const stripe = getStripe();
  try {
    await stripe.checkout.sessions.expire(sessionId, {}, { idempotencyKey: `expire-${sessionId}` });
    return;
  } catch (error) {
    // "Only Checkout Sessions with a status in ["open"] can be expired": already expired (fine) or
    // complete (the buyer paid meanwhile): look at which.
    if (!isStripeInvalidRequest(error)) {
      result.stripeErrors.push({ orderId, sessionId, message: errorMessage(error) });
      return;
    }
  }
  try {
    const session: Stripe.Checkout.Session = await stripe.checkout.sessions.retrieve(sessionId);
    if (session.status === "complete") {
      result.completedAfterRelease.push({ orderId, sessionId, paymentStatus: session.payment_status });
    }
  } catch (error) {
    result.stripeErrors.push({ orderId, sessionId, message: errorMessage(error) });
  }
}

function isStripeInvalidRequest(error: unknown): boolean {
  return (
    typeof error === "object" && error !== null && (error as { type?: unknown }).type === "StripeInvalidRequestError"
  );
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
