// Stripe's webhook events applied to orders. Stripe delivers each event at least once, several
// at a time and in no guaranteed order, so nothing here trusts order or uniqueness:
// - every transition is a conditional update on the status it leaves
//   (order-transition.server.ts), so a redelivery, a concurrent delivery or an event made stale
//   by another one changes nothing;
// - the winner of a transition, and only it, sends the email and the broadcasts;
// - the event id is recorded (ProcessedStripeEvent) once it has been applied: a later redelivery
//   stops there. Recording comes after the state change, not with it: an event applied but not
//   recorded (a crash in between) is applied again harmlessly.
// Which order an event is about: metadata.order_id, then client_reference_id (both set by the
// checkout), then the session id the order recorded; payment_intent.payment_failed by its
// metadata.order_id (payment_intent_data's); charge.refunded by the PaymentIntent;
// charge.dispute.* in dispute.server.ts (by the PaymentIntent or charge).
// What was paid is checked too: a session whose amount_total or currency is not the order's total
// in EUR is never applied (the order stays unpaid) and the money is refunded once, keyed by its
// PaymentIntent (refundKey.mismatch), however often the event comes.
import type Stripe from "stripe";
import { z } from "zod";
import { db } from "~/utils/db.server";
import { stripeWebhookSecret } from "~/utils/stripe.server";
import { verifyStripeEvent } from "~/utils/stripe-webhook.server";
import { announcePaidOrder, broadcastOrderUpdated } from "./order-notify.server";
import { alertStallsOfPaidOrder } from "./order-alerts.server";
import { releaseOrder, shortenHold } from "./order-checkout.server";
import { applyDispute } from "./dispute.server";
import { applyLatePayment, markOrderAwaitingPayment, markOrderPaid } from "./order-payment.server";
import { transferOrder } from "./stall-transfer.server";
import { insertRefundRow, processRefund, recordStripeRefund, refundKey, settleRefund } from "./refund.server";

export const HANDLED_EVENT_TYPES = [
  "checkout.session.completed",
  "checkout.session.async_payment_succeeded",
  "checkout.session.async_payment_failed",
  "checkout.session.expired",
  "payment_intent.payment_failed",
  "charge.refunded",
  "charge.dispute.created",
  "charge.dispute.updated",
  "charge.dispute.closed",
] as const;
const DISPUTE_EVENT_TYPES: readonly string[] = [
  "charge.dispute.created",
  "charge.dispute.updated",
  "charge.dispute.closed",
];

export type WebhookResponse = { status: 200 | 400 | 503; body: string };

// The parts of Stripe's objects this file reads. A body that is signed but does not have them is
// answered 400 (and changes nothing) rather than failing deep inside with a 500 that Stripe
// would retry for three days; unknown fields are Stripe's business and pass.
const stripeId = z.string().min(1).max(255);
const metadataShape = z.record(z.string()).nullish();
const expandableId = z.union([stripeId, z.object({ id: stripeId }).passthrough()]).nullish();
const envelopeShape = z
  .object({
    id: stripeId,
    type: z.string().min(1).max(255),
    data: z.object({ object: z.object({}).passthrough() }).passthrough(),
  })
  .passthrough();
const sessionShape = z
  .object({
    id: stripeId,
    metadata: metadataShape,
    client_reference_id: z.string().max(255).nullish(),
    payment_status: z.string().nullish(),
    payment_intent: expandableId,
    amount_total: z.number().int().nonnegative().nullish(),
    currency: z.string().max(16).nullish(),
  })
  .passthrough();
const chargeShape = z
  .object({
    id: stripeId,
    payment_intent: expandableId,
    amount_refunded: z.number().int().nonnegative(),
    refunds: z
      .object({
        data: z.array(z.object({ id: stripeId, status: z.string().nullish(), metadata: metadataShape }).passthrough()),
      })
      .passthrough()
      .nullish(),
  })
  .passthrough();

const paymentIntentShape = z.object({ id: stripeId, metadata: metadataShape }).passthrough();

const disputeShape = z
  .object({
    id: stripeId,
    charge: z.union([stripeId, z.object({ id: stripeId }).passthrough()]),
    payment_intent: expandableId,
    amount: z.number().int().nonnegative(),
    currency: z.string().min(1).max(16),
    reason: z.string().min(1).max(255),
    status: z.string().min(1).max(64),
    created: z.number().int().nonnegative(),
    evidence_details: z.object({ due_by: z.number().int().nullish() }).passthrough().nullish(),
  })
  .passthrough();

/** What is wrong with a signed event's shape, or null when this file can apply it. */
function malformation(event: unknown): string | null {
  const envelope = envelopeShape.safeParse(event);
  if (!envelope.success) return describe(envelope.error);
  const { type, data } = envelope.data;
  if (!(HANDLED_EVENT_TYPES as readonly string[]).includes(type)) return null;
  const shape =
    type === "charge.refunded"
      ? chargeShape
      : type === "payment_intent.payment_failed"
        ? paymentIntentShape
        : DISPUTE_EVENT_TYPES.includes(type)
          ? disputeShape
          : sessionShape;
  const object = shape.safeParse(data.object);
  if (!object.success) return describe(object.error, "data.object.");
  if (type === "checkout.session.completed" && !object.data.payment_status) {
    return "data.object.payment_status: Required";
  }
  // What was paid is checked against the order: a payment event must say it.
  if (type === "checkout.session.completed" || type === "checkout.session.async_payment_succeeded") {
    const session = object.data as { amount_total?: number | null; currency?: string | null };
    if (typeof session.amount_total !== "number") return "data.object.amount_total: Required";
    if (!session.currency) return "data.object.currency: Required";
  }
  return null;
}

function describe(error: z.ZodError, prefix = ""): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${prefix}${issue.path.join(".") || "(body)"}: ${issue.message}`)
    .join("; ");
}

/**
 * `POST /webhooks/stripe`: checks the signature (verifyStripeEvent, app/utils/stripe-webhook.server.ts),
 * then applies the event. A bad signature, a stale timestamp or a signed body that is not an event
 * we can read answers 400; any event checked answers 200 (also the ones ignored), so Stripe stops
 * sending it. Only an unexpected failure (the database away) throws: the route answers 500 and
 * Stripe tries again later, which is then harmless.
 */
export async function receiveStripeWebhook(
  rawBody: Uint8Array,
  signature: string | null,
  now: Date,
): Promise<WebhookResponse> {
  // A real key without STRIPE_WEBHOOK_SECRET (refused in production) answers 503: Stripe retries.
  const verified = await verifyStripeEvent(rawBody, signature, stripeWebhookSecret, "STRIPE_WEBHOOK_SECRET");
  if (!verified.ok) return { status: verified.status, body: verified.body };
  const event = verified.event;
  const problem = malformation(event);
  if (problem) return { status: 400, body: `Malformed event: ${problem}` };
  const applied = await applyStripeEvent(event, now);
  return {
    status: 200,
    body: `${applied.outcome}: ${event.type} ${event.id}${applied.detail ? ` (${applied.detail})` : ""}`,
  };
}

export type ApplyOutcome = { outcome: "applied" | "duplicate" | "ignored"; detail?: string };

/** Applies one verified event; safe to call again with the same event, concurrently or later. */
export async function applyStripeEvent(event: Stripe.Event, now: Date): Promise<ApplyOutcome> {
  if (!(HANDLED_EVENT_TYPES as readonly string[]).includes(event.type)) {
    return { outcome: "ignored", detail: "event type not used" };
  }
  const seen = await db.processedStripeEvent.findUnique({ where: { id: event.id }, select: { id: true } });
  if (seen) return { outcome: "duplicate" };

  let detail: string;
  switch (event.type) {
    case "checkout.session.completed": {
      const session = event.data.object;
      detail =
        session.payment_status === "unpaid" ? await applyAwaitingPayment(session) : await applyPayment(session, now);
      break;
    }
    case "checkout.session.async_payment_succeeded":
      detail = await applyPayment(event.data.object, now);
      break;
    case "checkout.session.async_payment_failed":
      detail = await applyPaymentFailed(event.data.object, now);
      break;
    case "checkout.session.expired":
      detail = await applyExpired(event.data.object, now);
      break;
    case "payment_intent.payment_failed":
      detail = await applyAttemptFailed(event.data.object, now);
      break;
    case "charge.refunded":
      detail = await applyChargeRefunded(event.data.object, now);
      break;
    case "charge.dispute.created":
    case "charge.dispute.updated":
    case "charge.dispute.closed":
      detail = await applyDispute(event.data.object, now);
      break;
    default:
      return { outcome: "ignored", detail: "event type not used" };
  }
  await db.$executeRaw`
    INSERT INTO "ProcessedStripeEvent" ("id", "type", "receivedAt") VALUES (${event.id}, ${event.type}, ${now})
    ON CONFLICT ("id") DO NOTHING`;
  return { outcome: "applied", detail };
}

type SessionOrder = {
  id: string;
  status: string;
  checkoutSessionId: string | null;
  totalCents: number;
  currency: string;
};

async function orderOfSession(session: Stripe.Checkout.Session): Promise<SessionOrder | null> {
  const select = { id: true, status: true, checkoutSessionId: true, totalCents: true, currency: true } as const;
  const claimedId = session.metadata?.order_id ?? session.client_reference_id ?? null;
  if (claimedId) {
    const order = await db.order.findUnique({ where: { id: claimedId }, select });
    if (order) return order;
  }
  return db.order.findUnique({ where: { checkoutSessionId: session.id }, select });
}

function paymentIntentOf(session: Stripe.Checkout.Session): string | null {
  const intent = session.payment_intent;
  return typeof intent === "string" ? intent : (intent?.id ?? null);
}

/** Whether the session's amount and currency are the order's (the checkout charges orders in EUR). */
function paysTheOrder(order: SessionOrder, session: Stripe.Checkout.Session): boolean {
  return (
    session.amount_total === order.totalCents &&
    (session.currency ?? "").toLowerCase() === "eur" &&
    order.currency.toLowerCase() === "eur"
  );
}

function describePayment(order: SessionOrder, session: Stripe.Checkout.Session): string {
  return `${session.amount_total ?? "no amount"} ${session.currency ?? "no currency"} paid, the order is ${order.totalCents} ${order.currency}`;
}

/**
 * A payment that is not the order's amount in EUR: not applied (the order stays unpaid, its hold
 * ends as any unpaid one's), and what it brought refunded once: the row's key is the
 * PaymentIntent, so a redelivery, or the same payment's other event, finds the row written.
 */
async function refundMismatch(order: SessionOrder, session: Stripe.Checkout.Session, now: Date): Promise<string> {
  const paymentIntentId = paymentIntentOf(session);
  const what = describePayment(order, session);
  if (!paymentIntentId) {
    console.error(`order ${order.id}: payment does not match (${what}), not applied; no PaymentIntent to refund`);
    return "amount mismatch, not applied, nothing to refund";
  }
  const paid = session.amount_total ?? 0;
  const row = await db.$transaction((tx) =>
    insertRefundRow(tx, {
      orderId: order.id,
      key: refundKey.mismatch(paymentIntentId),
      amountCents: paid,
      paidCents: paid,
      reason: "PAYMENT_MISMATCH",
      paymentIntentId,
      now,
    }),
  );
  if (row.created) {
    console.error(
      `order ${order.id}: payment ${paymentIntentId} does not match (${what}): not applied, refunding ${row.amountCents}`,
    );
  }
  const refund = await processRefund(row.id, now);
  return `amount mismatch (${what}), not applied, refund ${refund.status.toLowerCase()}`;
}

/** completed (paid) or async_payment_succeeded: the money is there. */
async function applyPayment(session: Stripe.Checkout.Session, now: Date): Promise<string> {
  const order = await orderOfSession(session);
  if (!order) return "no such order";
  if (!paysTheOrder(order, session)) return refundMismatch(order, session, now);
  const paymentIntentId = paymentIntentOf(session);
  if (await markOrderPaid(order.id, now, { paymentIntentId })) {
    await tell(() => announcePaidOrder(order.id));
    await tell(() => alertStallsOfPaidOrder(order.id));
    // Only the winner of PAID, after its commit; the sweeper finishes what fails here.
    await transferOrder(order.id, now);
    return "paid";
  }
  const late = await applyLatePayment(order.id, { paymentIntentId, amountCents: session.amount_total }, now);
  if (late.outcome === "paid") {
    await tell(() => announcePaidOrder(order.id));
    await tell(() => alertStallsOfPaidOrder(order.id));
    await transferOrder(order.id, now);
    return "paid late, stock taken again";
  }
  if (late.outcome === "refund") {
    // The row is written: the refund happens now, or in the retry loop if Stripe is unreachable.
    await tell(() => broadcastOrderUpdated(order.id));
    const refund = await processRefund(late.refundId, now);
    return `paid late, stock gone, refund ${refund.status.toLowerCase()}`;
  }
  if (order.status === "PAID" || order.status === "REFUNDED") {
    const current = await db.order.findUnique({ where: { id: order.id }, select: { paymentIntentId: true } });
    if (paymentIntentId && current?.paymentIntentId && current.paymentIntentId !== paymentIntentId) {
      // A second payment for one order (two sessions paid): not refunded automatically, see docs/payments.md.
      console.error(`order ${order.id} paid twice: ${current.paymentIntentId} and ${paymentIntentId}`);
      return "already paid by another payment";
    }
  }
  return "no change";
}

/** completed with a bank debit still to settle. */
async function applyAwaitingPayment(session: Stripe.Checkout.Session): Promise<string> {
  const order = await orderOfSession(session);
  if (!order) return "no such order";
  if (!paysTheOrder(order, session)) {
    // Nothing is paid yet: the hold is not extended for it, and a settled debit is refunded then.
    console.error(`order ${order.id}: debit does not match (${describePayment(order, session)}), not applied`);
    return "amount mismatch, not applied";
  }
  // RESERVED only: after async_payment_succeeded (PAID) or _failed (RELEASED) this is old news.
  return (await markOrderAwaitingPayment(order.id, { paymentIntentId: paymentIntentOf(session) }))
    ? "awaiting payment"
    : "no change";
}

async function applyPaymentFailed(session: Stripe.Checkout.Session, now: Date): Promise<string> {
  const order = await orderOfSession(session);
  if (!order) return "no such order";
  // As for expired: a debit failing on another session (a spare one) must not end this order's hold.
  if (order.checkoutSessionId !== session.id) return "not the order's session";
  return (await releaseOrder(order.id, "PAYMENT_FAILED", now)).released ? "released" : "no change";
}

/**
 * A card declined on the payment page (the session stays open for another card): the hold is
 * shortened, not released, so the buyer can still retry while the stock stops being hidden for
 * half an hour. The order is the one payment_intent_data's metadata names.
 */
async function applyAttemptFailed(intent: Stripe.PaymentIntent, now: Date): Promise<string> {
  const orderId = intent.metadata?.order_id;
  if (!orderId) return "no order named";
  return (await shortenHold(orderId, now)) ? "hold shortened" : "no change";
}

async function applyExpired(session: Stripe.Checkout.Session, now: Date): Promise<string> {
  const order = await orderOfSession(session);
  if (!order) return "no such order";
  // Only the order's own session ends its hold: a spare session the checkout expired must not.
  if (order.checkoutSessionId !== session.id) return "not the order's session";
  return (await releaseOrder(order.id, "SESSION_EXPIRED", now)).released ? "released" : "no change";
}

/**
 * A refund went through. Our rows are settled from the charge's refunds when the event carries
 * them (the sandbox does; Stripe's recent API versions leave `refunds` out), else by asking
 * Stripe about each pending row. refundedCents follows the charge's amount_refunded (refunds made
 * in the Dashboard count too), and only grows, whatever order the events come in.
 */
async function applyChargeRefunded(charge: Stripe.Charge, now: Date): Promise<string> {
  const intent =
    typeof charge.payment_intent === "string" ? charge.payment_intent : (charge.payment_intent?.id ?? null);
  if (!intent) return "no PaymentIntent";
  const ordersOwn = await db.order.findFirst({ where: { paymentIntentId: intent }, select: { id: true } });
  // A refund of a mismatched payment: its rows name the PaymentIntent, the order does not.
  const mismatched = ordersOwn
    ? null
    : await db.orderRefund.findFirst({ where: { paymentIntentId: intent }, select: { orderId: true } });
  const order = ordersOwn ?? (mismatched && { id: mismatched.orderId });
  if (!order) return "no such order";

  let settled = 0;
  const listed = charge.refunds?.data ?? null;
  if (listed) {
    for (const refund of listed) {
      const rowId = refund.metadata?.order_refund_id;
      const row = await db.orderRefund.findFirst({
        where: {
          orderId: order.id,
          status: "PENDING",
          OR: [{ stripeRefundId: refund.id }, ...(rowId ? [{ id: rowId }] : [])],
        },
        select: { id: true },
      });
      if (!row) continue;
      const outcome =
        refund.status === "succeeded"
          ? await settleRefund(row.id, refund.id, now)
          : await recordStripeRefund(row.id, refund, now);
      if (outcome.settledHere) settled++;
    }
  } else {
    const pending = await db.orderRefund.findMany({
      where: { orderId: order.id, status: "PENDING", stripeRefundId: { not: null } },
      select: { id: true },
    });
    for (const row of pending) if ((await processRefund(row.id, now)).settledHere) settled++;
  }

  if (!ordersOwn)
    return `mismatched payment refunded ${charge.amount_refunded}${settled ? `, ${settled} settled` : ""}`;
  const grown = await db.order.updateMany({
    where: { id: order.id, refundedCents: { lt: charge.amount_refunded } },
    data: { refundedCents: charge.amount_refunded, version: { increment: 1 } },
  });
  if (grown.count === 1 && settled === 0) await tell(() => broadcastOrderUpdated(order.id));
  return `refunded ${charge.amount_refunded} in all${settled ? `, ${settled} settled` : ""}`;
}

/** Emails and broadcasts after a committed change: a failure is logged, never undoes or repeats it. */
async function tell(send: () => Promise<void>): Promise<void> {
  try {
    await send();
  } catch (error) {
    console.error("payment notification failed", error);
  }
}
