// The sandbox's state in the app's database, so sessions, payments and undelivered events
// survive a restart. Each object is stored as the JSON Stripe would return.
import type Stripe from "stripe";
import { type db, type Tx } from "../../app/utils/db.server";
import type { SandboxAccountLink, SandboxLoginLink } from "./account-links";
import type { IntentPlan, Settlement } from "./checkout";
import {
  buildEvent,
  type EventRequest,
  type SandboxEvent,
  type SandboxEventObject,
  type SandboxEventType,
} from "./objects";

type Client = Tx | typeof db;

export type StoredTypes = {
  "checkout.session": Stripe.Checkout.Session;
  "checkout.session.line_items": Stripe.ApiList<Stripe.LineItem>;
  payment_intent: Stripe.PaymentIntent;
  charge: Stripe.Charge;
  refund: Stripe.Refund;
  event: SandboxEvent;
  account: Stripe.Account;
  /** Sandbox-only records behind account links' and login links' URLs. */
  account_link: SandboxAccountLink;
  login_link: SandboxLoginLink;
  /** Sandbox-only records (never served): payment_intent_data kept for the payment, a pending debit. */
  intent_plan: IntentPlan;
  settlement: Settlement;
};
export type StoredType = keyof StoredTypes;

export async function readObject<T extends StoredType>(
  client: Client,
  type: T,
  id: string,
): Promise<StoredTypes[T] | null> {
  const row = await client.stripeSandboxObject.findUnique({ where: { id } });
  if (!row || row.type !== type) return null;
  return JSON.parse(row.json) as StoredTypes[T];
}

export async function insertObject<T extends StoredType>(
  client: Client,
  type: T,
  id: string,
  object: StoredTypes[T],
  extra: { status?: string | null; dueAt?: Date | null } = {},
): Promise<void> {
  await client.stripeSandboxObject.create({
    data: { id, type, json: JSON.stringify(object), status: extra.status ?? null, dueAt: extra.dueAt ?? null },
  });
}

/**
 * Writes the new JSON only if the stored status is still `from`: two requests racing to pay,
 * expire or settle the same object cannot both win. Returns whether this one did.
 */
export async function replaceObject<T extends StoredType>(
  client: Client,
  type: T,
  id: string,
  object: StoredTypes[T],
  change: { from?: string; status?: string | null; dueAt?: Date | null } = {},
): Promise<boolean> {
  const { count } = await client.stripeSandboxObject.updateMany({
    where: { id, type, ...(change.from !== undefined ? { status: change.from } : {}) },
    data: {
      json: JSON.stringify(object),
      ...(change.status !== undefined ? { status: change.status } : {}),
      ...(change.dueAt !== undefined ? { dueAt: change.dueAt } : {}),
    },
  });
  return count === 1;
}

/** Ids of objects of a type in a status whose due time has come (oldest first). */
export async function dueObjects(client: Client, type: StoredType, status: string, now: Date, take = 100) {
  const rows = await client.stripeSandboxObject.findMany({
    where: { type, status, dueAt: { lte: now } },
    orderBy: { dueAt: "asc" },
    select: { id: true },
    take,
  });
  return rows.map((row) => row.id);
}

export async function nextDueAt(client: Client, type: StoredType, status: string): Promise<Date | null> {
  const row = await client.stripeSandboxObject.findFirst({
    where: { type, status, dueAt: { not: null } },
    orderBy: { dueAt: "asc" },
    select: { dueAt: true },
  });
  return row?.dueAt ?? null;
}

/** Records an event and its pending delivery in the caller's transaction. */
export async function recordEvent(
  tx: Tx,
  args: {
    type: SandboxEventType;
    object: SandboxEventObject;
    /** A connected account's id: the event goes to the Connect endpoint. */
    account?: string;
    previousAttributes?: Record<string, unknown>;
    request: EventRequest;
    now: Date;
  },
): Promise<SandboxEvent> {
  const event = buildEvent({ ...args, created: Math.floor(args.now.getTime() / 1000) });
  await insertObject(tx, "event", event.id, event);
  await tx.stripeSandboxDelivery.create({ data: { eventId: event.id, nextAttemptAt: args.now } });
  return event;
}
