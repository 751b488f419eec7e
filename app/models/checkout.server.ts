// From a basket to Stripe Checkout and back. startCheckout takes the market's lines out of the
// basket (claimBasketLines: one "Payer" of two sent at once gets them), reserves the stock
// (reserveOrder: all or nothing), creates the Checkout Session for exactly what was reserved
// (names and unit prices from the order's copy, never from the form), and records it on the
// order. When any step fails, the order is released and the lines go back into the basket (short
// ones lowered to what is left), so nothing is left half done. Stripe is never called inside a
// transaction: the sandbox answers through this same database.
import type Stripe from "stripe";
import { Prisma } from "~/generated/prisma/client";
import type { Locale } from "~/i18n";
import { getStripe } from "~/utils/stripe.server";
import { db } from "~/utils/db.server";
import { claimBasketLines, restoreBasketLines, type ClaimedLine } from "./basket.server";
import type { MarketOpenness } from "./market-status";
import { ownerCanBePaid } from "./payout-account.server";
import { attachCheckoutSession, checkoutSessionExpiresAt, releaseOrder } from "./order-checkout.server";
import { reserveOrder, type ReservedOrder, type ShortLine } from "./order-reserve.server";

/** Cards only: a SEPA debit must be enabled on the Stripe account first, and keeps stock held for days. */
const PAYMENT_METHODS = ["card"] as const;
// Stripe checks "at least 30 minutes" against its own clock when the request reaches it: a
// reservation that waited its turn on a loaded server, or a clock a little behind Stripe's, would
// be refused with a hold of exactly 30 minutes. The hold follows the session, so it is this much longer.
const EXPIRY_SLACK_S = 60;

export type CheckoutBuyer = { id: string; email: string; locale: Locale };

export type CheckoutResult =
  | { ok: true; orderId: string; url: string }
  /** Nothing of this market in the basket, and no order of it waiting for payment. */
  | { ok: false; reason: "empty" }
  /**
   * Nothing of this market in the basket, but an order of it waits for payment (the other tap of
   * a double tap, or an earlier tab): where to resume it.
   */
  | { ok: false; reason: "pending"; orderId: string; url: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "marketClosed"; status: MarketOpenness }
  | { ok: false; reason: "unavailable"; productIds: string[] }
  /** Lines of stalls whose merchant cannot be paid yet (Stripe account not active): nothing reserved. */
  | { ok: false; reason: "cannotTakeOrders"; stallNames: string[] }
  /** The basket now holds what is left of each short line (none: removed). */
  | { ok: false; reason: "insufficientStock"; short: ShortLine[] }
  /** The pickup slot: none chosen, full, started, or not one of the basket's (app/models/pickup.server.ts). */
  | { ok: false; reason: "slotRequired" | "slotFull" | "slotPast" | "slotInvalid" }
  /** Stripe refused or could not be reached: the order was released, nothing is held. */
  | { ok: false; reason: "payment"; message: string };

export function orderPaths(orderId: string) {
  return { order: `/orders/${orderId}`, paid: `/orders/${orderId}?paid=1`, cancel: `/orders/${orderId}/cancel` };
}

// One checkout at a time per buyer in this process: the second tap of a double tap then finds the
// first's order, with its session, instead of a basket emptied a moment before. (Across instances
// the claim still keeps it to one reservation; the second answer may just be "empty".)
const running = new Map<string, Promise<unknown>>();

function oneAtATime<T>(key: string, task: () => Promise<T>): Promise<T> {
  const before = running.get(key) ?? Promise.resolve();
  const mine = before.then(task, task);
  const settled = mine.then(
    () => undefined,
    () => undefined,
  );
  running.set(key, settled);
  void settled.then(() => {
    if (running.get(key) === settled) running.delete(key);
  });
  return mine;
}

export function startCheckout(input: {
  buyer: CheckoutBuyer;
  marketId: string;
  now: Date;
  /** Where Stripe sends the buyer back: PUBLIC_URL, or this server's own address. */
  origin: string;
  /** The pickup slot chosen, in a market with pickup points. */
  pickupSlotId?: string | null;
}): Promise<CheckoutResult> {
  return oneAtATime(input.buyer.id, () => checkout(input));
}

type CheckoutInput = Parameters<typeof startCheckout>[0];

async function checkout(input: CheckoutInput): Promise<CheckoutResult> {
  const { buyer, marketId, now } = input;
  // Before anything is claimed or reserved: a stall that cannot be paid takes no order.
  const unpaid = await stallsThatCannotTakeOrders(buyer.id, marketId);
  if (unpaid.length) return { ok: false, reason: "cannotTakeOrders", stallNames: unpaid };
  const claimed = await claimBasketLines(buyer.id, marketId);
  if (claimed.length === 0) return pendingOrEmpty(buyer.id, marketId, now);
  let result: CheckoutResult | null = null;
  try {
    result = await reserveAndOpen(input, claimed);
    return result;
  } finally {
    // Anything but a session to pay (a refusal, Stripe failing, an exception): the lines go back.
    if (!result?.ok) await restoreBasketLines(buyer.id, linesToGiveBack(claimed, result), now);
  }
}

async function reserveAndOpen(input: CheckoutInput, claimed: ClaimedLine[]): Promise<CheckoutResult> {
  const { buyer, marketId, now } = input;
  const lines = claimed.map(({ productId, quantity }) => ({ productId, quantity }));
  const reserved = await reserveOrder({ buyerId: buyer.id, marketId, lines, now, pickupSlotId: input.pickupSlotId });
  if (!reserved.ok) {
    // The basket's own caps keep it valid; the reason (English, for logs) is not shown to buyers.
    if (reserved.reason === "invalid") {
      console.error(`Checkout refused a basket of ${buyer.id}: ${reserved.message}`);
      return { ok: false, reason: "invalid" };
    }
    return reserved;
  }
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
  return { ok: true, orderId: order.id, url: session.url };
}

/** What goes back into the basket after a failed checkout: short lines lowered to what is left. */
function linesToGiveBack(claimed: ClaimedLine[], result: CheckoutResult | null): ClaimedLine[] {
  if (result?.ok !== false || result.reason !== "insufficientStock") return claimed;
  const left = new Map(result.short.map((s) => [s.productId, s.available]));
  return claimed.flatMap((line) => {
    const available = left.get(line.productId);
    if (available === undefined) return [line];
    return available > 0 ? [{ ...line, quantity: Math.min(line.quantity, available) }] : [];
  });
}

async function pendingOrEmpty(buyerId: string, marketId: string, now: Date): Promise<CheckoutResult> {
  const pending = await db.order.findFirst({
    where: { buyerId, marketId, status: "RESERVED", holdExpiresAt: { gt: now } },
    orderBy: { createdAt: "desc" },
    select: { id: true, checkoutSessionId: true },
  });
  if (!pending) return { ok: false, reason: "empty" };
  const url = (await resumeCheckoutUrl(pending.checkoutSessionId)) ?? orderPaths(pending.id).order;
  return { ok: false, reason: "pending", orderId: pending.id, url };
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
      // transfer_group: the order, so each stall's Transfer is grouped with the charge (Connect).
      payment_intent_data: { metadata: { order_id: order.id }, transfer_group: order.id },
      client_reference_id: order.id,
      customer_email: buyer.email,
      expires_at: checkoutSessionExpiresAt(order, now) + EXPIRY_SLACK_S,
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

/**
 * How long a reservation may wait for its Checkout Session before it is taken for lost (the
 * process crashed between reserving and recording the session). Longer than the slowest session
 * creation another instance may be in the middle of: the SDK gives up after 3 tries of 80 s at
 * most. Releasing one still being created would only make that checkout fail cleanly (its
 * attachCheckoutSession is refused and it expires the session), but the buyer would have to
 * start again.
 */
export const SESSIONLESS_HOLD_GRACE_MS = 5 * 60_000;

/**
 * Releases the reservations whose payment page never reached the buyer: RESERVED, no Checkout
 * Session recorded, reserved more than `graceMs` ago and still held (an ended hold is the
 * sweeper's, sweepExpiredHolds). Their lines go back into the buyer's basket, as when creating the
 * session fails. Each once (releaseOrder's conditional update): safe on several instances at once.
 */
export async function releaseHoldsWithoutSession(
  now: Date,
  options: { graceMs?: number; limit?: number } = {},
): Promise<string[]> {
  const reservedBefore = new Date(now.getTime() - (options.graceMs ?? SESSIONLESS_HOLD_GRACE_MS));
  const lost = await db.order.findMany({
    where: {
      status: "RESERVED",
      checkoutSessionId: null,
      createdAt: { lte: reservedBefore },
      holdExpiresAt: { gt: now },
    },
    orderBy: { createdAt: "asc" },
    take: options.limit ?? 500,
    select: { id: true, buyerId: true, lines: { select: { productId: true, quantity: true } } },
  });
  const released: string[] = [];
  for (const order of lost) {
    if (!(await releaseOrder(order.id, "CANCELLED", now)).released) continue;
    released.push(order.id);
    await restoreBasketLines(order.buyerId, order.lines, now);
  }
  return released;
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

/** Names of the stalls in the buyer's basket for this market whose merchant cannot be paid. */
async function stallsThatCannotTakeOrders(buyerId: string, marketId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ name: string }[]>`
    SELECT DISTINCT s."name"
    FROM "Basket" b
    JOIN "BasketItem" bi ON bi."basketId" = b."id"
    JOIN "Product" p ON p."id" = bi."productId"
    JOIN "Stall" s ON s."id" = p."stallId"
    WHERE b."userId" = ${buyerId} AND s."marketId" = ${marketId}
      AND NOT ${ownerCanBePaid(Prisma.sql`s."ownerId"`)}
    ORDER BY s."name"`;
  return rows.map((row) => row.name);
}
