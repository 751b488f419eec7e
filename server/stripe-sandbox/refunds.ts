// Refunds of a sandbox payment, by payment_intent or charge, whole or partial, with the
// charge.refunded event carrying the charge's new amount_refunded and refunded.
import type Stripe from "stripe";
import { db } from "../../app/utils/db.server";
import type { SandboxClock } from "./checkout";
import { invalidRequest, noSuch } from "./errors";
import type { FormObject } from "./form";
import { buildRefund, type EventRequest } from "./objects";
import { metadataOf, optionalInteger, optionalString, rejectUnknown } from "./params";
import { insertObject, readObject, recordEvent, replaceObject } from "./store";
import { recordRefundSettled } from "./balance";

const REASONS = ["duplicate", "fraudulent", "requested_by_customer"] as const;

export async function createRefund(
  params: FormObject,
  request: EventRequest,
  clock: SandboxClock,
): Promise<Stripe.Refund> {
  rejectUnknown(params, ["payment_intent", "charge", "amount", "reason", "metadata", "expand"]);
  const intentId = optionalString(params, "payment_intent");
  const chargeParam = optionalString(params, "charge");
  if (!intentId && !chargeParam) {
    throw invalidRequest(
      "One of the following params should be provided for this request: payment_intent or charge.",
      undefined,
      "parameter_missing",
    );
  }
  const amountParam = optionalInteger(params, "amount");
  if (amountParam !== null && amountParam <= 0) {
    throw invalidRequest("Invalid positive integer", "amount", "parameter_invalid_integer");
  }
  const reason = optionalString(params, "reason");
  if (reason !== null && !(REASONS as readonly string[]).includes(reason)) {
    throw invalidRequest(`Invalid reason: must be one of ${REASONS.join(", ")}`, "reason");
  }
  const metadata = metadataOf(params);

  return db.$transaction(async (tx) => {
    let chargeId = chargeParam;
    if (intentId) {
      const intent = await readObject(tx, "payment_intent", intentId);
      if (!intent) throw noSuch("payment_intent", intentId, "payment_intent");
      if (intent.status !== "succeeded" || typeof intent.latest_charge !== "string") {
        throw invalidRequest(
          `This PaymentIntent (${intentId}) does not have a successful charge to refund.`,
          "payment_intent",
          "charge_not_refundable",
        );
      }
      if (chargeId && chargeId !== intent.latest_charge) {
        throw invalidRequest(`The charge ${chargeId} does not belong to ${intentId}.`, "charge");
      }
      chargeId = intent.latest_charge;
    }
    const charge = await readObject(tx, "charge", chargeId!);
    if (!charge) throw noSuch("charge", chargeId!, "charge");
    if (charge.status !== "succeeded") {
      throw invalidRequest(
        `Charge ${charge.id} has not succeeded and cannot be refunded.`,
        "charge",
        "charge_not_refundable",
      );
    }
    if (charge.disputed) {
      // A chargeback has taken the money back already (docs: error code charge_disputed).
      throw invalidRequest(
        `Charge ${charge.id} has been charged back; cannot issue a refund.`,
        "charge",
        "charge_disputed",
      );
    }
    const remaining = charge.amount - charge.amount_refunded;
    if (remaining <= 0) {
      throw invalidRequest(`Charge ${charge.id} has already been refunded.`, "charge", "charge_already_refunded");
    }
    const amount = amountParam ?? remaining;
    if (amount > remaining) {
      const euros = (cents: number) => `€${(cents / 100).toFixed(2)}`;
      throw invalidRequest(
        `Refund amount (${euros(amount)}) is greater than unrefunded amount on charge (${euros(remaining)})`,
        "amount",
        "amount_too_large",
      );
    }
    const now = clock.now();
    const refund = buildRefund({
      charge,
      amount,
      reason: reason as Stripe.Refund.Reason | null,
      metadata,
      created: Math.floor(now.getTime() / 1000),
    });
    const refundedTotal = charge.amount_refunded + amount;
    const previousRefunds = charge.refunds ?? { object: "list" as const, data: [], has_more: false, url: "" };
    const updated: Stripe.Charge = {
      ...charge,
      amount_refunded: refundedTotal,
      refunded: refundedTotal === charge.amount,
      refunds: { ...previousRefunds, data: [refund, ...previousRefunds.data] },
    };
    await insertObject(tx, "refund", refund.id, refund, { status: refund.status });
    await recordRefundSettled(tx, refund, now);
    await replaceObject(tx, "charge", charge.id, updated);
    await recordEvent(tx, {
      type: "charge.refunded",
      object: updated,
      previousAttributes: { amount_refunded: charge.amount_refunded, refunded: charge.refunded },
      request,
      now,
    });
    return refund;
  });
}

export async function retrieveRefund(id: string): Promise<Stripe.Refund> {
  const refund = await readObject(db, "refund", id);
  if (!refund) throw noSuch("refund", id, "refund");
  return refund;
}
