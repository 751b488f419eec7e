// Stripe's Connect events: what happens to the merchants' connected accounts, posted to
// /webhooks/stripe-connect and signed with that endpoint's own secret
// (STRIPE_CONNECT_WEBHOOK_SECRET). Like payment events, they come at least once and in any
// order: each account.updated / capability.updated only makes the app read the account again
// (syncPayoutAccount), whose write keeps the newest read, so a duplicate or a late event is
// harmless. The event id is recorded (ProcessedStripeEvent) once applied; a later redelivery
// stops there.
import { z } from "zod";
import { db } from "~/utils/db.server";
import { stripeConnectWebhookSecret } from "~/utils/stripe.server";
import { verifyStripeEvent } from "~/utils/stripe-webhook.server";
import { syncPayoutAccount } from "./payout-account.server";

export const HANDLED_CONNECT_EVENT_TYPES = ["account.updated", "capability.updated"] as const;

export type ConnectWebhookResponse = { status: 200 | 400 | 503; body: string };

// The parts read: which account. A signed event without it is answered 400 and changes nothing.
const accountId = z.string().regex(/^acct_[A-Za-z0-9]{1,100}$/);
const connectEventShape = z
  .object({
    id: z.string().min(1).max(255),
    type: z.string().min(1).max(255),
    account: accountId.optional(),
    data: z.object({ object: z.object({ id: z.string().max(255).optional() }).passthrough() }).passthrough(),
  })
  .passthrough();

/** `POST /webhooks/stripe-connect`: the signature, the shape, then the account read again. */
export async function receiveConnectWebhook(
  rawBody: Uint8Array,
  signature: string | null,
  now: Date,
): Promise<ConnectWebhookResponse> {
  const verified = await verifyStripeEvent(
    rawBody,
    signature,
    stripeConnectWebhookSecret,
    "STRIPE_CONNECT_WEBHOOK_SECRET",
  );
  if (!verified.ok) return { status: verified.status, body: verified.body };
  const parsed = connectEventShape.safeParse(verified.event);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { status: 400, body: `Malformed event: ${issue.path.join(".") || "(body)"}: ${issue.message}` };
  }
  const event = parsed.data;
  if (!(HANDLED_CONNECT_EVENT_TYPES as readonly string[]).includes(event.type)) {
    return { status: 200, body: `ignored: ${event.type} ${event.id} (event type not used)` };
  }
  // account.updated's object is the account; capability.updated's names it too, but `account`
  // on the envelope is what Connect events carry.
  const account = event.account ?? (event.type === "account.updated" ? event.data.object.id : undefined);
  if (!account || !accountId.safeParse(account).success) {
    return { status: 400, body: "Malformed event: account: Required (a Connect event names its account)" };
  }
  const seen = await db.processedStripeEvent.findUnique({ where: { id: event.id }, select: { id: true } });
  if (seen) return { status: 200, body: `duplicate: ${event.type} ${event.id}` };
  const synced = await syncPayoutAccount(account);
  await db.$executeRaw`
    INSERT INTO "ProcessedStripeEvent" ("id", "type", "receivedAt") VALUES (${event.id}, ${event.type}, ${now})
    ON CONFLICT ("id") DO NOTHING`;
  const detail = !synced.known
    ? "account unknown here"
    : `${synced.status ?? "unchanged"}${synced.changed ? ", changed" : ""}`;
  return { status: 200, body: `applied: ${event.type} ${event.id} (${detail})` };
}
