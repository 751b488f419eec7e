// From a basket to Stripe Checkout and back. startCheckout reserves the stock (reserveOrder: all
// or nothing), creates the Checkout Session for exactly what was reserved (names and unit prices
// from the order's copy, never from the form), and records it on the order. Stripe is never
// called inside a transaction: the sandbox answers through this same database.
import type Stripe from "stripe";
import type { Locale } from "~/i18n";
import { getStripe } from "~/utils/stripe.server";
import { db } from "~/utils/db.server";
import { removeBasketProducts, restoreBasketLines } from "./basket.server";
import type { MarketStatus } from "./market-status";
import {
  attachCheckoutSession,
  checkoutSessionExpiresAt,
  releaseOrder,
  reserveOrder,
  type BasketLine,
  type ReservedOrder,
  type ShortLine,
} from "./order.server";

/** Cards only: a SEPA debit must be enabled on the Stripe account first, and keeps stock held for days. */
const PAYMENT_METHODS = ["card"] as const;

export type CheckoutBuyer = { id: string; email: string; locale: Locale };

export type CheckoutResult =
  | { ok: true; orderId: string; url: string }
  | { ok: false; reason: "invalid"; message: string }
  | { ok: false; reason: "empty" }
  | { ok: false; reason: "marketClosed"; status: MarketStatus & { published: boolean } }
  | { ok: false; reason: "unavailable"; productIds: string[] }
  | { ok: false; reason: "insufficientStock"; short: ShortLine[] }
  /** Stripe refused or could not be reached: the order was released, nothing is held. */
  | { ok: false; reason: "payment"; message: string };

export function orderPaths(orderId: string) {
  return { order: `/orders/${orderId}`, paid: `/orders/${orderId}?paid=1`, cancel: `/orders/${orderId}/cancel` };
}

export async function startCheckout(input: {
  buyer: CheckoutBuyer;
  marketId: string;
  lines: readonly BasketLine[];
  now: Date;
  /** Where Stripe sends the buyer back: PUBLIC_URL, or this server's own address. */
  origin: string;
}): Promise<CheckoutResult> {
  const { buyer, marketId, lines, now } = input;
  if (lines.length === 0) return { ok: false, reason: "empty" };
  const reserved = await reserveOrder({ buyerId: buyer.id, marketId, lines, now });
  if (!reserved.ok) return reserved;
  const order = reserved.order;

  let session: Stripe.Checkout.Session;
  try {
    session = await createSession(order, buyer, now, input.origin.replace(/\/$/, ""));
  } catch (error) {
    await releaseOrder(order.id, "CANCELLED", now);
    const message = error instanceof Error ? error.message : String(error);
    console.error(`Checkout Session for order ${order.id} failed, order released: ${message}`);
    return { ok: false, reason: "payment", message };
  }
  const attached = await attachCheckoutSession(order.id, {
    id: session.id,
    expiresAt: new Date(session.expires_at * 1000),
  });
  if (!attached || !session.url) {
    // Released meanwhile (a sweep on a wrong clock, a cancel from another tab): nothing is held,
    // so the session must not take a payment.
    await releaseOrder(order.id, "CANCELLED", now);
    await expireQuietly(session.id);
    return { ok: false, reason: "payment", message: "the reservation ended before payment" };
  }
  await removeBasketProducts(
    buyer.id,
    order.lines.map((l) => l.productId),
  );
  return { ok: true, orderId: order.id, url: session.url };
}

function createSession(order: ReservedOrder, buyer: CheckoutBuyer, now: Date, origin: string) {
  const paths = orderPaths(order.id);
  return getStripe().checkout.sessions.create(
    {
      mode: "payment",
      line_items: order.lines.map((line) => ({
        quantity: line.quantity,
        price_data: {
          currency: "eur",
          unit_amount: line.unitPriceCents,
          product_data: { name: line.name, metadata: { product_id: line.productId, stall_id: line.stallId } },
        },
      })),
      metadata: { order_id: order.id },
      payment_intent_data: { metadata: { order_id: order.id } },
      client_reference_id: order.id,
      customer_email: buyer.email,
      expires_at: checkoutSessionExpiresAt(order, now),
      success_url: `${origin}${paths.paid}`,
      cancel_url: `${origin}${paths.cancel}`,
      locale: buyer.locale,
      allowed_payment_method_types: [...PAYMENT_METHODS],
    },
    // One session per order, even when the buyer's tap is retried.
    { idempotencyKey: `checkout-${order.id}` },
  );
}

async function expireQuietly(sessionId: string) {
  try {
    await getStripe().checkout.sessions.expire(sessionId, {}, { idempotencyKey: `expire-${sessionId}` });
  } catch {
    // Already expired or completed: Stripe's own event tells the webhook what happened.
  }
}

export type CancelResult =
  | { ok: true; restored: { productId: string; quantity: number }[] }
  | { ok: false; reason: "notFound" }
  /** Paid, released or refunded already: nothing to cancel. */
  | { ok: false; reason: "notCancellable"; status: string };

/**
 * The buyer gives up before paying: the hold is released (CANCELLED, stock back, exactly once),
 * the Checkout Session expired so it can no longer take a payment, and the lines go back into
 * the buyer's basket. A payment racing this is the webhook's business (late payment rules).
 */
export async function cancelCheckout(input: { buyerId: string; orderId: string; now: Date }): Promise<CancelResult> {
  const order = await db.order.findFirst({
    where: { id: input.orderId, buyerId: input.buyerId },
    select: { id: true, status: true, lines: { select: { productId: true, quantity: true } } },
  });
  if (!order) return { ok: false, reason: "notFound" };
  const release = await releaseOrder(order.id, "CANCELLED", input.now);
  if (!release.released) {
    const now = await db.order.findUnique({ where: { id: order.id }, select: { status: true } });
    return { ok: false, reason: "notCancellable", status: now?.status ?? order.status };
  }
  if (release.checkoutSessionId) await expireQuietly(release.checkoutSessionId);
  await restoreBasketLines(input.buyerId, order.lines, input.now);
  return { ok: true, restored: order.lines };
}

/** The hosted payment page of a reserved order, to resume paying; null when it cannot be resumed. */
export async function resumeCheckoutUrl(sessionId: string | null): Promise<string | null> {
  if (!sessionId) return null;
  try {
    const session = await getStripe().checkout.sessions.retrieve(sessionId);
    return session.status === "open" ? session.url : null;
  } catch {
    return null;
  }
}
