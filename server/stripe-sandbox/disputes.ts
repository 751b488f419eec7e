// Disputes, as Stripe's test mode makes them: the card 4000 0000 0000 0259 pays, then the
// buyer's bank disputes the charge as fraudulent. The platform's balance is debited the amount
// and Stripe's dispute fee (balance transactions owned by the platform's balance, balance.ts); evidence
// with `winning_evidence` / `losing_evidence` closes the dispute won / lost, as test mode does,
// and closing it (accepting) loses it. Each change is an event to the platform's endpoint.
import type Stripe from "stripe";
import { db, type Tx } from "../../app/utils/db.server";
import { PLATFORM } from "./balance";
import type { SandboxClock } from "./checkout";
import { invalidRequest, noSuch, SandboxError } from "./errors";
import type { FormObject } from "./form";
import { newId } from "./ids";
import type { EventRequest } from "./objects";
import { metadataOf, optionalObject, optionalString, rejectUnknown } from "./params";
import { insertObject, readObject, recordEvent, replaceObject } from "./store";

/** Stripe's dispute fee for an account in France (EEA pricing since April 2023): 20,00 €. */
export const DISPUTE_FEE_CENTS = 2000;
/** Test mode gives about a week to answer. */
const EVIDENCE_WINDOW_S = 7 * 24 * 60 * 60;

/** The statuses after which a dispute changes no more (Stripe refuses evidence then). */
const CLOSED = new Set(["won", "lost", "warning_closed", "prevented"]);

const EVIDENCE_FIELDS = [
  "access_activity_log",
  "billing_address",
  "cancellation_policy",
  "cancellation_policy_disclosure",
  "cancellation_rebuttal",
  "customer_communication",
  "customer_email_address",
  "customer_name",
  "customer_purchase_ip",
  "customer_signature",
  "duplicate_charge_documentation",
  "duplicate_charge_explanation",
  "duplicate_charge_id",
  "product_description",
  "receipt",
  "refund_policy",
  "refund_policy_disclosure",
  "refund_refusal_explanation",
  "service_date",
  "service_documentation",
  "shipping_address",
  "shipping_carrier",
  "shipping_date",
  "shipping_documentation",
  "shipping_tracking_number",
  "uncategorized_file",
  "uncategorized_text",
] as const;

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

function balanceTransaction(args: {
  dispute: string;
  amount: number;
  fee: number;
  currency: string;
  reportingCategory: "dispute" | "dispute_reversal";
  description: string;
  created: number;
}): Stripe.BalanceTransaction {
  return {
    id: newId.balanceTransaction(),
    object: "balance_transaction",
    amount: args.amount,
    available_on: args.created,
    balance_type: "payments",
    created: args.created,
    currency: args.currency,
    description: args.description,
    exchange_rate: null,
    fee: args.fee,
    fee_details: args.fee
      ? [
          {
            amount: args.fee,
            application: null,
            currency: args.currency,
            description: "Dispute fee",
            type: "stripe_fee",
          },
        ]
      : [],
    net: args.amount - args.fee,
    reporting_category: args.reportingCategory,
    source: args.dispute,
    status: "available",
    type: "adjustment",
  };
}

function emptyEvidence(): Stripe.Dispute.Evidence {
  const evidence = Object.fromEntries(EVIDENCE_FIELDS.map((field) => [field, null])) as unknown as Omit<
    Stripe.Dispute.Evidence,
    "enhanced_evidence"
  >;
  return { ...evidence, enhanced_evidence: {} };
}

export function buildDispute(args: {
  charge: Stripe.Charge;
  reason: "fraudulent";
  created: number;
  debit: Stripe.BalanceTransaction;
  id: string;
}): Stripe.Dispute {
  const { charge } = args;
  const card = charge.payment_method_details?.card;
  return {
    id: args.id,
    object: "dispute",
    amount: charge.amount,
    balance_transactions: [args.debit],
    charge: charge.id,
    created: args.created,
    currency: charge.currency,
    enhanced_eligibility_types: [],
    evidence: emptyEvidence(),
    evidence_details: {
      due_by: args.created + EVIDENCE_WINDOW_S,
      enhanced_eligibility: {},
      has_evidence: false,
      past_due: false,
      submission_count: 0,
      submission_method: "not_submitted",
    },
    intended_submission_method: null,
    // A chargeback has taken the money back already: nothing is left to refund.
    is_charge_refundable: false,
    livemode: false,
    metadata: {},
    network_reason_code: "10.4",
    payment_intent: typeof charge.payment_intent === "string" ? charge.payment_intent : null,
    payment_method_details: {
      type: "card",
      card: { brand: card?.brand ?? "visa", case_type: "chargeback", network_reason_code: "10.4", network: "visa" },
    },
    reason: args.reason,
    status: "needs_response",
  };
}

/**
 * The bank disputes a charge the hosted page just made: the dispute, the charge marked
 * `disputed`, the platform debited the amount and the fee, `charge.dispute.created`. Once per
 * charge (a second call finds the charge disputed and does nothing).
 */
export async function openDispute(chargeId: string, clock: SandboxClock): Promise<Stripe.Dispute | null> {
  return db.$transaction(async (tx) => {
    const now = clock.now();
    const charge = await readObject(tx, "charge", chargeId);
    if (!charge || charge.disputed || charge.status !== "succeeded") return null;
    // The stored status stays "succeeded" (a disputed charge has succeeded); `disputed` says the rest.
    if (!(await replaceObject(tx, "charge", charge.id, { ...charge, disputed: true }, { from: "succeeded" }))) {
      return null;
    }
    const created = seconds(now);
    const id = newId.dispute();
    const debit = balanceTransaction({
      dispute: id,
      amount: -charge.amount,
      fee: DISPUTE_FEE_CENTS,
      currency: charge.currency,
      reportingCategory: "dispute",
      description: `Chargeback withdrawal for ${charge.id}`,
      created,
    });
    const dispute = buildDispute({ charge, reason: "fraudulent", created, debit, id });
    await insertObject(tx, "balance_transaction", debit.id, debit, { status: PLATFORM });
    await insertObject(tx, "dispute", dispute.id, dispute, { status: dispute.status });
    await recordEvent(tx, {
      type: "charge.dispute.created",
      object: dispute,
      request: { id: null, idempotency_key: null },
      now,
    });
    return dispute;
  });
}

export async function retrieveDispute(id: string): Promise<Stripe.Dispute> {
  const dispute = await readObject(db, "dispute", id);
  if (!dispute) throw noSuch("dispute", id, "dispute");
  return dispute;
}

async function requireOpen(tx: Tx, id: string): Promise<Stripe.Dispute> {
  const dispute = await readObject(tx, "dispute", id);
  if (!dispute) throw noSuch("dispute", id, "dispute");
  if (CLOSED.has(dispute.status)) {
    throw invalidRequest(
      `This dispute is already closed (status: ${dispute.status}); it cannot be changed.`,
      undefined,
      "dispute_already_closed",
    );
  }
  return dispute;
}

/** Moves a dispute from the status read to `next` (conditional: two requests cannot both do it). */
async function move(
  tx: Tx,
  from: Stripe.Dispute,
  next: Stripe.Dispute,
  type: "charge.dispute.updated" | "charge.dispute.closed",
  previousAttributes: Record<string, unknown>,
  request: EventRequest,
  now: Date,
): Promise<void> {
  const won = await replaceObject(tx, "dispute", from.id, next, { from: from.status, status: next.status });
  if (!won) throw new SandboxError(409, { type: "api_error", message: "The dispute changed; try again." });
  await recordEvent(tx, { type, object: next, previousAttributes, request, now });
}

/** The dispute closed: won gives the amount back to the platform (not the fee), lost keeps it taken. */
async function close(
  tx: Tx,
  dispute: Stripe.Dispute,
  status: "won" | "lost",
  request: EventRequest,
  now: Date,
): Promise<Stripe.Dispute> {
  let balanceTransactions = dispute.balance_transactions;
  if (status === "won") {
    const credit = balanceTransaction({
      dispute: dispute.id,
      amount: dispute.amount,
      fee: 0,
      currency: dispute.currency,
      reportingCategory: "dispute_reversal",
      description: `Chargeback reversal for ${typeof dispute.charge === "string" ? dispute.charge : dispute.charge.id}`,
      created: seconds(now),
    });
    await insertObject(tx, "balance_transaction", credit.id, credit, { status: PLATFORM });
    balanceTransactions = [...balanceTransactions, credit];
  }
  const closed: Stripe.Dispute = { ...dispute, status, balance_transactions: balanceTransactions };
  await move(tx, dispute, closed, "charge.dispute.closed", { status: dispute.status }, request, now);
  return closed;
}

/**
 * `POST /v1/disputes/:id`: evidence and metadata. Submitted evidence (the default, as at Stripe)
 * puts the dispute under review; test mode then decides at once on `uncategorized_text`:
 * `winning_evidence` → won, `losing_evidence` → lost. The answer is the dispute under review, as
 * Stripe's is; the verdict follows as `charge.dispute.closed`.
 */
export async function updateDispute(
  id: string,
  params: FormObject,
  request: EventRequest,
  clock: SandboxClock,
): Promise<Stripe.Dispute> {
  rejectUnknown(params, ["evidence", "metadata", "submit", "expand"]);
  const evidenceParams = optionalObject(params, "evidence") ?? {};
  rejectUnknown(evidenceParams, EVIDENCE_FIELDS, "evidence[");
  const given: Record<string, string> = {};
  for (const field of EVIDENCE_FIELDS) {
    const value = optionalString(evidenceParams, field, `evidence[${field}]`);
    if (value !== null) {
      if (value.length > 150_000) throw invalidRequest(`evidence[${field}] is too long.`, `evidence[${field}]`);
      given[field] = value;
    }
  }
  const submitParam = optionalString(params, "submit");
  if (submitParam !== null && submitParam !== "true" && submitParam !== "false") {
    throw invalidRequest("Invalid boolean: submit", "submit", "parameter_invalid_boolean");
  }
  const submit = submitParam !== "false";
  const metadata = params.metadata === undefined ? null : metadataOf(params);

  return db.$transaction(async (tx) => {
    const now = clock.now();
    const dispute = await requireOpen(tx, id);
    const evidence: Stripe.Dispute.Evidence = { ...dispute.evidence, ...given };
    const hasEvidence = Object.values(given).length > 0 || dispute.evidence_details.has_evidence;
    const updated: Stripe.Dispute = {
      ...dispute,
      evidence,
      metadata: metadata ? { ...dispute.metadata, ...metadata } : dispute.metadata,
      evidence_details: {
        ...dispute.evidence_details,
        has_evidence: hasEvidence,
        submission_count: dispute.evidence_details.submission_count + (submit ? 1 : 0),
        submission_method: submit ? "manual" : dispute.evidence_details.submission_method,
      },
      status: submit ? "under_review" : dispute.status,
    };
    const previous: Record<string, unknown> = {};
    if (updated.status !== dispute.status) previous.status = dispute.status;
    if (Object.keys(given).length) previous.evidence = Object.fromEntries(Object.keys(given).map((k) => [k, null]));
    if (metadata) previous.metadata = dispute.metadata;
    await move(tx, dispute, updated, "charge.dispute.updated", previous, request, now);
    if (submit) {
      const text = updated.evidence.uncategorized_text;
      if (text === "winning_evidence") await close(tx, updated, "won", request, now);
      else if (text === "losing_evidence") await close(tx, updated, "lost", request, now);
    }
    return updated;
  });
}

/** `POST /v1/disputes/:id/close`: the platform accepts the dispute, which is lost. */
export async function closeDispute(
  id: string,
  params: FormObject,
  request: EventRequest,
  clock: SandboxClock,
): Promise<Stripe.Dispute> {
  rejectUnknown(params, ["expand"]);
  return db.$transaction(async (tx) => close(tx, await requireOpen(tx, id), "lost", request, clock.now()));
}

/** The dispute card's payment: the session's charge is disputed. */
export async function openDisputeOfSession(
  session: Stripe.Checkout.Session,
  clock: SandboxClock,
): Promise<Stripe.Dispute | null> {
  if (typeof session.payment_intent !== "string") return null;
  const intent = await readObject(db, "payment_intent", session.payment_intent);
  if (!intent || typeof intent.latest_charge !== "string") return null;
  return openDispute(intent.latest_charge, clock);
}
