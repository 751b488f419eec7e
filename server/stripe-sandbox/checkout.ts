// Checkout Sessions: create, retrieve, list line items, expire, and what the hosted page does
// (pay by card, start a SEPA debit that settles later), with the events Stripe sends for each.
import type Stripe from "stripe";
import { db, type Tx } from "../../app/utils/db.server";
import { requireAppOrder, requireOwnUrl } from "./app-orders";
import { invalidRequest, missingParam, noSuch, SandboxError } from "./errors";
import type { FormObject } from "./form";
import { newId } from "./ids";
import {
  buildCharge,
  buildLineItem,
  buildPaymentIntent,
  buildSession,
  type EventRequest,
  type LineInput,
  type PaymentMethodInput,
} from "./objects";
import {
  expandList,
  metadataOf,
  optionalArray,
  optionalInteger,
  optionalObject,
  optionalString,
  rejectUnknown,
  requiredString,
  stringArray,
  urlParam,
} from "./params";
import { insertObject, readObject, recordEvent, replaceObject } from "./store";
import { recordChargeSettled } from "./balance";

export type SandboxClock = { now: () => Date };
type Session = Stripe.Checkout.Session;

const CREATE_PARAMS = [
  "mode",
  "line_items",
  "success_url",
  "cancel_url",
  "customer_email",
  "client_reference_id",
  "metadata",
  "expires_at",
  "locale",
  "allowed_payment_method_types",
  "payment_method_types",
  "currency",
  "submit_type",
  "payment_intent_data",
  "expand",
  "ui_mode",
] as const;

const LOCALES = new Set(["auto", "fr", "en", "en-GB", "de", "es", "it", "nl", "pt"]);
const MIN_EXPIRY_S = 30 * 60;
const MAX_EXPIRY_S = 24 * 60 * 60;
const DEFAULT_EXPIRY_S = 24 * 60 * 60;
/** Stripe's minimum charge in EUR. */
const MIN_AMOUNT = 50;

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

function lineItemsOf(params: FormObject): LineInput[] {
  const items = optionalArray(params, "line_items");
  if (!items || items.length === 0) throw missingParam("line_items");
  if (items.length > 100) throw invalidRequest("A Checkout Session can have at most 100 line items.", "line_items");
  return items.map((raw, i) => {
    const at = `line_items[${i}]`;
    if (typeof raw !== "object" || Array.isArray(raw)) throw invalidRequest(`Invalid object: ${at}`, at);
    rejectUnknown(raw, ["price_data", "quantity", "price"], `${at}[`);
    const price = optionalString(raw, "price", `${at}[price]`);
    if (price !== null) throw noSuch("price", price, `${at}[price]`);
    const priceData = optionalObject(raw, "price_data", `${at}[price_data]`);
    if (!priceData) throw missingParam(`${at}[price_data]`);
    rejectUnknown(priceData, ["currency", "unit_amount", "product_data"], `${at}[price_data][`);
    const currency = requiredString(priceData, "currency", `${at}[price_data][currency]`).toLowerCase();
    const unitAmount = optionalInteger(priceData, "unit_amount", `${at}[price_data][unit_amount]`);
    if (unitAmount === null) throw missingParam(`${at}[price_data][unit_amount]`);
    if (unitAmount < 0 || unitAmount > 99_999_999) {
      throw invalidRequest(
        "Invalid non-negative integer",
        `${at}[price_data][unit_amount]`,
        "parameter_invalid_integer",
      );
    }
    const product = optionalObject(priceData, "product_data", `${at}[price_data][product_data]`);
    if (!product) throw missingParam(`${at}[price_data][product_data]`);
    rejectUnknown(product, ["name", "description", "images", "metadata"], `${at}[price_data][product_data][`);
    const quantity = optionalInteger(raw, "quantity", `${at}[quantity]`);
    if (quantity === null) throw missingParam(`${at}[quantity]`);
    if (quantity < 1 || quantity > 999_999) {
      throw invalidRequest("Quantity must be greater than 0.", `${at}[quantity]`, "parameter_invalid_integer");
    }
    return {
      name: requiredString(product, "name", `${at}[price_data][product_data][name]`),
      description: optionalString(product, "description"),
      images: stringArray(product, "images") ?? [],
      metadata: metadataOf(product),
      unitAmount,
      quantity,
      currency,
    };
  });
}

export async function createSession(params: FormObject, clock: SandboxClock, publicUrl: string): Promise<Session> {
  rejectUnknown(params, CREATE_PARAMS);
  const mode = requiredString(params, "mode");
  if (mode !== "payment") {
    throw invalidRequest(
      `The Stripe sandbox only emulates mode=payment, not ${mode}.`,
      "mode",
      "parameter_invalid_string",
    );
  }
  const uiMode = optionalString(params, "ui_mode");
  if (uiMode !== null && uiMode !== "hosted") {
    throw invalidRequest(`The Stripe sandbox only emulates ui_mode=hosted.`, "ui_mode");
  }
  const lines = lineItemsOf(params);
  const currency = (optionalString(params, "currency") ?? lines[0].currency).toLowerCase();
  if (lines.some((line) => line.currency !== currency)) {
    throw invalidRequest("All line items must use the same currency.", "line_items");
  }
  const total = lines.reduce((sum, line) => sum + line.unitAmount * line.quantity, 0);
  if (total < MIN_AMOUNT) {
    throw invalidRequest(
      `The Checkout Session's total amount due must add up to at least €0.50 ${currency}`,
      "line_items",
      "amount_too_small",
    );
  }

  const now = clock.now();
  const created = seconds(now);
  const expiresAt = optionalInteger(params, "expires_at") ?? created + DEFAULT_EXPIRY_S;
  if (expiresAt < created + MIN_EXPIRY_S) {
    throw invalidRequest(
      "The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.",
      "expires_at",
    );
  }
  if (expiresAt > created + MAX_EXPIRY_S) {
    throw invalidRequest(
      "The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.",
      "expires_at",
    );
  }

  const customerEmail = optionalString(params, "customer_email");
  if (customerEmail !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(customerEmail)) {
    throw invalidRequest(`Invalid email address: ${customerEmail}`, "customer_email", "email_invalid");
  }
  const clientReferenceId = optionalString(params, "client_reference_id");
  if (clientReferenceId !== null && clientReferenceId.length > 200) {
    throw invalidRequest("client_reference_id can be at most 200 characters.", "client_reference_id");
  }
  const locale = optionalString(params, "locale");
  if (locale !== null && !LOCALES.has(locale)) {
    throw invalidRequest(`Invalid locale: ${locale}`, "locale", "parameter_invalid_string");
  }
  // This API version filters with allowed_payment_method_types; older ones listed payment_method_types.
  const allowed = stringArray(params, "allowed_payment_method_types");
  const methods = allowed ?? stringArray(params, "payment_method_types") ?? ["card"];
  for (const method of methods) {
    if (method !== "card" && method !== "sepa_debit") {
      throw invalidRequest(
        `The Stripe sandbox only emulates card and sepa_debit, not ${method}.`,
        allowed ? "allowed_payment_method_types" : "payment_method_types",
        "payment_method_invalid_parameter",
      );
    }
  }
  const submitType = optionalString(params, "submit_type");
  if (submitType !== null && !["auto", "pay", "book", "donate"].includes(submitType)) {
    throw invalidRequest(`Invalid submit_type: ${submitType}`, "submit_type");
  }
  const intentData = optionalObject(params, "payment_intent_data") ?? {};
  rejectUnknown(intentData, ["description", "metadata", "transfer_group"], "payment_intent_data[");

  const successUrl = urlParam(params, "success_url");
  const cancelUrl = urlParam(params, "cancel_url");
  requireOwnUrl(successUrl, "success_url", publicUrl);
  requireOwnUrl(cancelUrl, "cancel_url", publicUrl);
  const metadata = metadataOf(params);
  await requireAppOrder({ metadata, clientReferenceId, lines, currency });

  const id = newId.checkoutSession();
  const session = buildSession(
    {
      lines,
      currency,
      successUrl,
      cancelUrl,
      customerEmail,
      clientReferenceId,
      metadata,
      locale: locale as Stripe.Checkout.Session.Locale | null,
      expiresAt,
      paymentMethodTypes: methods,
      allowedPaymentMethodTypes: allowed,
      submitType: submitType as Stripe.Checkout.Session.SubmitType | null,
    },
    id,
    created,
    `${publicUrl}/sandbox/checkout/${id}`,
  );
  const lineItems: Stripe.ApiList<Stripe.LineItem> = {
    object: "list",
    data: lines.map((line) => buildLineItem(line, created)),
    has_more: false,
    url: `/v1/checkout/sessions/${id}/line_items`,
  };
  const intentPlan: IntentPlan = {
    description: optionalString(intentData, "description"),
    metadata: metadataOf(intentData),
    transferGroup: optionalString(intentData, "transfer_group", "payment_intent_data[transfer_group]"),
  };
  await db.$transaction(async (tx) => {
    await insertObject(tx, "checkout.session", id, session, { status: "open", dueAt: new Date(expiresAt * 1000) });
    await insertObject(tx, "checkout.session.line_items", id + ":line_items", lineItems);
    await insertObject(tx, "intent_plan", id + ":intent_plan", intentPlan);
  });
  return expandSession(session, expandList(params));
}

/** What payment_intent_data asked for, kept until a payment creates the PaymentIntent. */
export type IntentPlan = {
  description: string | null;
  metadata: Record<string, string>;
  /** Absent from plans stored before Connect. */
  transferGroup?: string | null;
};

export async function requireSession(client: Tx | typeof db, id: string): Promise<Session> {
  const session = await readObject(client, "checkout.session", id);
  if (!session) throw noSuch("checkout.session", id, "session");
  return session;
}

export async function lineItemsOfSession(id: string): Promise<Stripe.ApiList<Stripe.LineItem>> {
  await requireSession(db, id);
  const list = await readObject(db, "checkout.session.line_items", id + ":line_items");
  if (!list) throw noSuch("checkout.session", id, "session");
  return list;
}

/** Stripe's `expand[]` for the paths a Chalet checkout needs. */
export async function expandSession(session: Session, expand: string[]): Promise<Session> {
  let out: Session = { ...session };
  for (const path of expand) {
    if (path === "line_items") out = { ...out, line_items: await lineItemsOfSession(session.id) };
    else if (path === "payment_intent" || path === "payment_intent.latest_charge") {
      if (typeof session.payment_intent !== "string") continue;
      let intent = await readObject(db, "payment_intent", session.payment_intent);
      if (intent && path === "payment_intent.latest_charge" && typeof intent.latest_charge === "string") {
        intent = { ...intent, latest_charge: await readObject(db, "charge", intent.latest_charge) };
      }
      out = { ...out, payment_intent: intent };
    } else throw invalidRequest(`This property cannot be expanded (${path}).`, "expand");
  }
  return out;
}

async function expireInTx(tx: Tx, session: Session, request: EventRequest, now: Date): Promise<Session | null> {
  const expired: Session = { ...session, status: "expired", url: null };
  const won = await replaceObject(tx, "checkout.session", session.id, expired, {
    from: "open",
    status: "expired",
    dueAt: null,
  });
  if (!won) return null;
  await recordEvent(tx, { type: "checkout.session.expired", object: expired, request, now });
  return expired;
}

export async function expireSession(id: string, request: EventRequest, clock: SandboxClock): Promise<Session> {
  return db.$transaction(async (tx) => {
    const session = await requireSession(tx, id);
    if (session.status !== "open") {
      throw invalidRequest(
        `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${session.status}".`,
        undefined,
        "checkout_session_not_expirable",
      );
    }
    const expired = await expireInTx(tx, session, request, clock.now());
    if (!expired) throw new SandboxError(409, { type: "api_error", message: "The session changed; try again." });
    return expired;
  });
}

/** Expires every open session whose expires_at has passed, once each. */
export async function sweepExpiredSessions(clock: SandboxClock, ids: string[]): Promise<number> {
  let count = 0;
  for (const id of ids) {
    const done = await db.$transaction(async (tx) => {
      const session = await readObject(tx, "checkout.session", id);
      if (!session || session.status !== "open") return null;
      return expireInTx(tx, session, { id: null, idempotency_key: null }, clock.now());
    });
    if (done) count++;
  }
  return count;
}

/** A debit that settles later (SEPA): what the sweep does when it is due. */
export type Settlement = {
  sessionId: string;
  paymentIntentId: string;
  chargeId: string;
  outcome: "succeeded" | "failed";
};

export type PaymentOutcome = { session: Session } | { closed: Session };

/**
 * The hosted page's successful payment: PaymentIntent and Charge created, session complete.
 * A card is paid at once; a SEPA debit completes the session unpaid and settles after `settleAfterMs`.
 */
export async function completePayment(
  id: string,
  method: PaymentMethodInput,
  clock: SandboxClock,
  async: { outcome: "succeeded" | "failed"; settleAfterMs: number } | null,
): Promise<PaymentOutcome> {
  return db.$transaction(async (tx) => {
    const now = clock.now();
    const session = await requireSession(tx, id);
    if (session.status !== "open") return { closed: session };
    if (session.expires_at <= seconds(now)) {
      const expired = await expireInTx(tx, session, { id: null, idempotency_key: null }, now);
      return { closed: expired ?? session };
    }
    const plan = (await readObject(tx, "intent_plan", id + ":intent_plan")) ?? { description: null, metadata: {} };
    const created = seconds(now);
    const paymentMethodId = newId.paymentMethod();
    const draft: Stripe.PaymentIntent = {
      ...buildPaymentIntent({ session, ...plan, paymentMethodId, method, created }),
      transfer_group: plan.transferGroup ?? null,
    };
    const charge0: Stripe.Charge = {
      ...buildCharge({ intent: draft, method, created }),
      transfer_group: draft.transfer_group,
    };
    const charge: Stripe.Charge = async
      ? {
          ...charge0,
          status: "pending",
          paid: false,
          outcome: { ...charge0.outcome!, seller_message: "Payment pending." },
        }
      : charge0;
    const intent: Stripe.PaymentIntent = async
      ? { ...draft, status: "processing", latest_charge: charge.id, processing: null }
      : { ...draft, status: "succeeded", amount_received: draft.amount, latest_charge: charge.id };
    const completed: Session = {
      ...session,
      status: "complete",
      payment_status: async ? "unpaid" : "paid",
      payment_intent: intent.id,
      url: null,
      customer_details: {
        address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null },
        business_name: null,
        email: method.email,
        individual_name: null,
        name: null,
        phone: null,
        tax_exempt: "none",
        tax_ids: [],
      },
    };
    const won = await replaceObject(tx, "checkout.session", id, completed, {
      from: "open",
      status: "complete",
      dueAt: null,
    });
    if (!won) return { closed: (await readObject(tx, "checkout.session", id)) ?? session };
    await insertObject(tx, "payment_intent", intent.id, intent, { status: intent.status });
    await insertObject(tx, "charge", charge.id, charge, { status: charge.status });
    if (!async) await recordChargeSettled(tx, charge, now);
    if (async) {
      const settlement: Settlement = {
        sessionId: id,
        paymentIntentId: intent.id,
        chargeId: charge.id,
        outcome: async.outcome,
      };
      await insertObject(tx, "settlement", `settle_${intent.id}`, settlement, {
        status: "pending",
        dueAt: new Date(now.getTime() + async.settleAfterMs),
      });
    }
    await recordEvent(tx, {
      type: "checkout.session.completed",
      object: completed,
      request: { id: null, idempotency_key: null },
      now,
    });
    return { session: completed };
  });
}

/**
 * The hosted page's declined card: as at Stripe, the attempt leaves a PaymentIntent in
 * requires_payment_method with the bank's refusal in last_payment_error and the session still
 * open (the buyer may try another card), and sends payment_intent.payment_failed, whose metadata
 * (payment_intent_data's) names the app's order. Simplification: each attempt gets its own
 * PaymentIntent, not linked to the session (Stripe reuses one per session).
 */
export async function declinePayment(
  id: string,
  method: PaymentMethodInput & { type: "card" },
  error: { code: string; declineCode: string; message: string },
  clock: SandboxClock,
): Promise<void> {
  await db.$transaction(async (tx) => {
    const now = clock.now();
    const session = await requireSession(tx, id);
    if (session.status !== "open") return;
    const plan = (await readObject(tx, "intent_plan", id + ":intent_plan")) ?? { description: null, metadata: {} };
    const paymentMethodId = newId.paymentMethod();
    const draft = buildPaymentIntent({ session, ...plan, paymentMethodId, method, created: seconds(now) });
    const intent: Stripe.PaymentIntent = {
      ...draft,
      transfer_group: plan.transferGroup ?? null,
      status: "requires_payment_method",
      payment_method: null,
      last_payment_error: {
        type: "card_error",
        code: error.code,
        decline_code: error.declineCode,
        message: error.message,
      } as Stripe.PaymentIntent.LastPaymentError,
    };
    await insertObject(tx, "payment_intent", intent.id, intent, { status: intent.status });
    await recordEvent(tx, {
      type: "payment_intent.payment_failed",
      object: intent,
      request: { id: null, idempotency_key: null },
      now,
    });
  });
}

/** Settles due SEPA debits: the session becomes paid (async_payment_succeeded) or not (_failed). */
export async function settleDebits(clock: SandboxClock, ids: string[]): Promise<number> {
  let count = 0;
  for (const settlementId of ids) {
    const done = await db.$transaction(async (tx) => {
      const now = clock.now();
      const settlement = await readObject(tx, "settlement", settlementId);
      if (!settlement) return false;
      const won = await replaceObject(tx, "settlement", settlementId, settlement, {
        from: "pending",
        status: settlement.outcome,
        dueAt: null,
      });
      if (!won) return false;
      const session = await requireSession(tx, settlement.sessionId);
      const intent = await readObject(tx, "payment_intent", settlement.paymentIntentId);
      const charge = await readObject(tx, "charge", settlement.chargeId);
      if (!intent || !charge) return false;
      const ok = settlement.outcome === "succeeded";
      const settledCharge: Stripe.Charge = ok
        ? {
            ...charge,
            status: "succeeded",
            paid: true,
            outcome: { ...charge.outcome!, seller_message: "Payment complete." },
          }
        : {
            ...charge,
            status: "failed",
            paid: false,
            amount_captured: 0,
            failure_code: "insufficient_funds",
            failure_message: "The customer's account has insufficient funds to cover this payment.",
          };
      const settledIntent: Stripe.PaymentIntent = ok
        ? { ...intent, status: "succeeded", amount_received: intent.amount }
        : {
            ...intent,
            status: "requires_payment_method",
            last_payment_error: {
              type: "card_error",
              code: "insufficient_funds",
              message: "The customer's account has insufficient funds to cover this payment.",
            } as Stripe.PaymentIntent.LastPaymentError,
          };
      const settledSession: Session = ok ? { ...session, payment_status: "paid" } : session;
      await replaceObject(tx, "charge", charge.id, settledCharge, { status: settledCharge.status });
      await replaceObject(tx, "payment_intent", intent.id, settledIntent, { status: settledIntent.status });
      if (ok) await replaceObject(tx, "checkout.session", session.id, settledSession);
      if (ok) await recordChargeSettled(tx, settledCharge, now);
      await recordEvent(tx, {
        type: ok ? "checkout.session.async_payment_succeeded" : "checkout.session.async_payment_failed",
        object: settledSession,
        request: { id: null, idempotency_key: null },
        now,
      });
      return true;
    });
    if (done) count++;
  }
  return count;
}
