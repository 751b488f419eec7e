// Connect's separate charges and transfers in the sandbox: transfers to connected accounts
// (from a charge with source_transaction, or from the platform's balance), listed by
// transfer_group, and their reversals, refused when the account's balance cannot cover them.
import type Stripe from "stripe";
import { db, type Tx } from "../../app/utils/db.server";
import { availableOf, lockBalance, PLATFORM, recordBalanceTransaction } from "./balance";
import type { SandboxClock } from "./checkout";
import { invalidRequest, noSuch, SandboxError } from "./errors";
import type { FormObject } from "./form";
import { newId } from "./ids";
import { metadataOf, optionalInteger, optionalString, rejectUnknown, requiredString } from "./params";
import { insertObject, readObject, replaceObject } from "./store";

const euros = (cents: number) => `€${(cents / 100).toFixed(2)}`;

function balanceInsufficient(message: string): SandboxError {
  return new SandboxError(400, { type: "invalid_request_error", code: "balance_insufficient", message });
}

function positiveAmount(params: FormObject): number | null {
  const amount = optionalInteger(params, "amount");
  if (amount !== null && amount <= 0) {
    throw invalidRequest("Invalid positive integer", "amount", "parameter_invalid_integer");
  }
  return amount;
}

/** What transfers naming this charge as their source_transaction have taken from it. */
async function transferredFrom(tx: Tx, chargeId: string): Promise<number> {
  const rows = await tx.$queryRaw<{ sum: bigint | null }[]>`
    SELECT SUM(((json::jsonb) ->> 'amount')::bigint) AS sum FROM "StripeSandboxObject"
    WHERE type = 'transfer' AND (json::jsonb) ->> 'source_transaction' = ${chargeId}`;
  return Number(rows[0]?.sum ?? 0);
}

export async function createTransfer(
  params: FormObject,
  account: string | null,
  clock: SandboxClock,
): Promise<Stripe.Transfer> {
  rejectUnknown(params, [
    "amount",
    "currency",
    "destination",
    "description",
    "metadata",
    "source_transaction",
    "source_type",
    "transfer_group",
    "expand",
  ]);
  if (account) {
    throw invalidRequest("Transfers to connected accounts are made by the platform (no Stripe-Account header).");
  }
  const amount = positiveAmount(params);
  if (amount === null) throw invalidRequest("Missing required param: amount.", "amount", "parameter_missing");
  const currency = requiredString(params, "currency");
  if (currency !== "eur") {
    throw invalidRequest(`Invalid currency: ${currency}. The sandbox's platform holds euros only.`, "currency");
  }
  const destination = requiredString(params, "destination");
  const sourceTransaction = optionalString(params, "source_transaction");
  const sourceType = optionalString(params, "source_type");
  if (sourceType !== null && sourceType !== "card") {
    throw invalidRequest(`Invalid source_type: the sandbox's balance is "card" only.`, "source_type");
  }
  const transferGroup = optionalString(params, "transfer_group");
  const description = optionalString(params, "description");
  const metadata = metadataOf(params);

  return db.$transaction(async (tx) => {
    const target = await readObject(tx, "account", destination);
    if (!target) throw noSuch("destination", destination, "destination");
    if (target.capabilities?.transfers !== "active") {
      throw invalidRequest(
        "Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments",
        "destination",
        "insufficient_capabilities_for_transfer",
      );
    }
    if (sourceTransaction) {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"sandbox-charge:" + sourceTransaction}))`;
      const charge = await readObject(tx, "charge", sourceTransaction);
      if (!charge) throw noSuch("charge", sourceTransaction, "source_transaction");
      if (charge.status !== "succeeded") {
        throw invalidRequest(
          `The source_transaction ${sourceTransaction} has not succeeded.`,
          "source_transaction",
          "charge_not_refundable",
        );
      }
      if (charge.currency !== currency) {
        throw invalidRequest(
          `The currency of source_transaction's balance transaction (${charge.currency}) must be the same as the transfer currency (${currency})`,
          "currency",
        );
      }
      const left = charge.amount - charge.amount_refunded - (await transferredFrom(tx, sourceTransaction));
      if (amount > left) {
        throw balanceInsufficient(
          `Insufficient funds in source_transaction ${sourceTransaction}: ${euros(left)} is left of it, the transfer asks for ${euros(amount)}.`,
        );
      }
    } else {
      await lockBalance(tx, PLATFORM);
      if (amount > (await availableOf(tx, PLATFORM))) {
        throw balanceInsufficient(
          "You have insufficient funds in your Stripe account for this transfer. Your card balance is too low. You can use the /v1/balance endpoint to view your Stripe balance (for more details, see stripe.com/docs/api#balance).",
        );
      }
    }
    const now = clock.now();
    const created = Math.floor(now.getTime() / 1000);
    const id = newId.transfer();
    const payment = newId.destinationPayment();
    const platformTxn = await recordBalanceTransaction(tx, {
      id: newId.balanceTransaction(),
      owner: PLATFORM,
      amount: -amount,
      type: "transfer",
      reportingCategory: "transfer",
      source: id,
      description,
      now,
    });
    await recordBalanceTransaction(tx, {
      id: newId.balanceTransaction(),
      owner: destination,
      amount,
      type: "payment",
      reportingCategory: "charge",
      source: payment,
      description: null,
      now,
    });
    const transfer: Stripe.Transfer = {
      id,
      object: "transfer",
      amount,
      amount_reversed: 0,
      balance_transaction: platformTxn.id,
      created,
      currency,
      description,
      destination,
      destination_payment: payment,
      livemode: false,
      metadata,
      reversals: { object: "list", data: [], has_more: false, url: `/v1/transfers/${id}/reversals` },
      reversed: false,
      source_transaction: sourceTransaction,
      source_type: "card",
      transfer_group: transferGroup,
    };
    await insertObject(tx, "transfer", id, transfer, { status: "created" });
    return transfer;
  });
}

export async function retrieveTransfer(id: string): Promise<Stripe.Transfer> {
  const transfer = await readObject(db, "transfer", id);
  if (!transfer) throw noSuch("transfer", id, "id");
  return transfer;
}

/** GET /v1/transfers, newest first, by transfer_group and/or destination (one page of ≤ 100). */
export async function listTransfers(params: FormObject): Promise<Stripe.ApiList<Stripe.Transfer>> {
  rejectUnknown(params, ["transfer_group", "destination", "limit", "expand"]);
  const group = optionalString(params, "transfer_group");
  const destination = optionalString(params, "destination");
  const limit = optionalInteger(params, "limit") ?? 10;
  if (limit < 1 || limit > 100) throw invalidRequest("Invalid integer: limit must be between 1 and 100", "limit");
  const rows = await db.$queryRaw<{ json: string }[]>`
    SELECT json FROM "StripeSandboxObject" WHERE type = 'transfer'
      AND (${group}::text IS NULL OR (json::jsonb) ->> 'transfer_group' = ${group})
      AND (${destination}::text IS NULL OR (json::jsonb) ->> 'destination' = ${destination})
    ORDER BY "createdAt" DESC, id DESC LIMIT ${limit + 1}`;
  const data = rows.slice(0, limit).map((row) => JSON.parse(row.json) as Stripe.Transfer);
  return { object: "list", data, has_more: rows.length > limit, url: "/v1/transfers" };
}

/**
 * POST /v1/transfers/:id/reversals: the amount (or what is left) goes back from the account's
 * balance to the platform's. Refused with balance_insufficient when the account cannot cover it.
 */
export async function createReversal(
  transferId: string,
  params: FormObject,
  account: string | null,
  clock: SandboxClock,
): Promise<Stripe.TransferReversal> {
  rejectUnknown(params, ["amount", "description", "metadata", "refund_application_fee", "expand"]);
  if (account) throw invalidRequest("Transfers are reversed by the platform (no Stripe-Account header).");
  const amountParam = positiveAmount(params);
  const metadata = metadataOf(params);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"sandbox-transfer:" + transferId}))`;
    const transfer = await readObject(tx, "transfer", transferId);
    if (!transfer) throw noSuch("transfer", transferId, "id");
    const left = transfer.amount - transfer.amount_reversed;
    if (left <= 0) {
      throw invalidRequest(
        `Transfer ${transferId} has already been fully reversed.`,
        undefined,
        "transfer_already_reversed",
      );
    }
    const amount = amountParam ?? left;
    if (amount > left) {
      throw invalidRequest(
        `Amount (${euros(amount)}) is greater than the unreversed amount of the transfer (${euros(left)}).`,
        "amount",
        "amount_too_large",
      );
    }
    const destination = transfer.destination as string;
    await lockBalance(tx, destination);
    const available = await availableOf(tx, destination);
    if (amount > available) {
      throw balanceInsufficient(
        `Insufficient funds in the connected account ${destination} to reverse ${euros(amount)} of this transfer: its available balance is ${euros(available)}.`,
      );
    }
    const now = clock.now();
    const id = newId.transferReversal();
    const txn = await recordBalanceTransaction(tx, {
      id: newId.balanceTransaction(),
      owner: PLATFORM,
      amount,
      type: "transfer_refund",
      reportingCategory: "transfer_reversal",
      source: id,
      description: null,
      now,
    });
    const refundId = `pyr_1${newId.secret()}`;
    await recordBalanceTransaction(tx, {
      id: newId.balanceTransaction(),
      owner: destination,
      amount: -amount,
      type: "payment_refund",
      reportingCategory: "refund",
      source: refundId,
      description: null,
      now,
    });
    const reversal: Stripe.TransferReversal = {
      id,
      object: "transfer_reversal",
      amount,
      balance_transaction: txn.id,
      created: Math.floor(now.getTime() / 1000),
      currency: transfer.currency,
      destination_payment_refund: refundId,
      metadata,
      source_refund: null,
      transfer: transfer.id,
    };
    const reversed = transfer.amount_reversed + amount;
    const updated: Stripe.Transfer = {
      ...transfer,
      amount_reversed: reversed,
      reversed: reversed === transfer.amount,
      reversals: { ...transfer.reversals, data: [reversal, ...transfer.reversals.data] },
    };
    await insertObject(tx, "transfer_reversal", id, reversal);
    await replaceObject(tx, "transfer", transfer.id, updated);
    return reversal;
  });
}
