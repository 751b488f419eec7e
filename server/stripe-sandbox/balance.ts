// Balances in the sandbox: every movement of money is a balance_transaction row owned by one
// balance (the platform's, or a connected account's acct_…), and a balance is the sum of its
// rows' net. Charges carry Stripe's processing fee; payouts empty a connected account's balance.
// Simplification: funds are available at once (Stripe holds card funds for days; transfers with
// source_transaction do not wait for them in the sandbox either).
import type Stripe from "stripe";
import { db, type Tx } from "../../app/utils/db.server";
import type { SandboxClock } from "./checkout";
import { invalidRequest, noSuch, SandboxError } from "./errors";
import type { FormObject } from "./form";
import { newId } from "./ids";
import { metadataOf, optionalInteger, optionalString, rejectUnknown, requiredString } from "./params";
import { insertObject, readObject } from "./store";
import { requireAccount } from "./accounts";

type Client = Tx | typeof db;

/** The owner of a balance: the platform, or a connected account's id. */
export const PLATFORM = "platform";

/** EEA countries (Stripe's "standard EEA cards" price applies to cards issued there). */
const EEA = new Set(
  "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IS IT LI LT LU LV MT NL NO PL PT RO SE SI SK".split(" "),
);

/**
 * Stripe's fee on a charge, as its French pricing states it: standard EEA cards 1.5 % + €0.25,
 * UK cards 2.5 % + €0.25, other cards 3.25 % + €0.25; a SEPA Direct Debit €0.35.
 */
export function stripeFeeOn(charge: Stripe.Charge): number {
  const details = charge.payment_method_details;
  if (details?.type === "sepa_debit") return 35;
  const country = details?.card?.country ?? null;
  const rate = country && EEA.has(country) ? 0.015 : country === "GB" ? 0.025 : 0.0325;
  return Math.round(charge.amount * rate) + 25;
}

type Entry = {
  id: string;
  owner: string;
  amount: number;
  fee?: number;
  type: Stripe.BalanceTransaction.Type;
  reportingCategory: string;
  source: string;
  description: string | null;
  now: Date;
};

/** Writes one balance transaction (the row's `status` column holds its owner, for the sums). */
export async function recordBalanceTransaction(tx: Tx, entry: Entry): Promise<Stripe.BalanceTransaction> {
  const fee = entry.fee ?? 0;
  const created = Math.floor(entry.now.getTime() / 1000);
  const txn: Stripe.BalanceTransaction = {
    id: entry.id,
    object: "balance_transaction",
    amount: entry.amount,
    available_on: created,
    balance_type: "payments",
    created,
    currency: "eur",
    description: entry.description,
    exchange_rate: null,
    fee,
    fee_details: fee
      ? [{ amount: fee, application: null, currency: "eur", description: "Stripe processing fees", type: "stripe_fee" }]
      : [],
    net: entry.amount - fee,
    reporting_category: entry.reportingCategory,
    source: entry.source,
    status: "available",
    type: entry.type,
  };
  await insertObject(tx, "balance_transaction", txn.id, txn, { status: entry.owner });
  return txn;
}

/** A succeeded charge's balance transaction on the platform, with Stripe's fee. */
export async function recordChargeSettled(tx: Tx, charge: Stripe.Charge, now: Date): Promise<void> {
  if (typeof charge.balance_transaction !== "string") return;
  if (await readObject(tx, "balance_transaction", charge.balance_transaction)) return;
  await recordBalanceTransaction(tx, {
    id: charge.balance_transaction,
    owner: PLATFORM,
    amount: charge.amount,
    fee: stripeFeeOn(charge),
    type: "charge",
    reportingCategory: "charge",
    source: charge.id,
    description: charge.description,
    now,
  });
}

/** A refund leaves the platform's balance (Stripe keeps the charge's fee). */
export async function recordRefundSettled(tx: Tx, refund: Stripe.Refund, now: Date): Promise<void> {
  if (typeof refund.balance_transaction !== "string") return;
  await recordBalanceTransaction(tx, {
    id: refund.balance_transaction,
    owner: PLATFORM,
    amount: -refund.amount,
    type: "refund",
    reportingCategory: "refund",
    source: refund.id,
    description: "REFUND FOR CHARGE",
    now,
  });
}

/** Serialises the movements of one balance (a check of funds, then the debit). */
export async function lockBalance(tx: Tx, owner: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"sandbox-balance:" + owner}))`;
}

export async function availableOf(client: Client, owner: string): Promise<number> {
  const rows = await client.$queryRaw<{ sum: bigint | null }[]>`
    SELECT SUM(((json::jsonb) ->> 'net')::bigint) AS sum
    FROM "StripeSandboxObject" WHERE type = 'balance_transaction' AND status = ${owner}`;
  return Number(rows[0]?.sum ?? 0);
}

export async function retrieveBalance(account: string | null): Promise<Stripe.Balance> {
  if (account) await requireAccount(db, account);
  const amount = await availableOf(db, account ?? PLATFORM);
  return {
    object: "balance",
    available: [{ amount, currency: "eur", source_types: { card: amount } }],
    connect_reserved: [{ amount: 0, currency: "eur" }],
    livemode: false,
    pending: [{ amount: 0, currency: "eur", source_types: { card: 0 } }],
  };
}

export async function retrieveBalanceTransaction(id: string, account: string | null) {
  const row = await db.stripeSandboxObject.findUnique({ where: { id } });
  // Another balance's transaction is "no such" for this one, as at Stripe.
  if (!row || row.type !== "balance_transaction" || row.status !== (account ?? PLATFORM)) {
    throw noSuch("balance transaction", id, "id");
  }
  return JSON.parse(row.json) as Stripe.BalanceTransaction;
}

/** A payout of a connected account (Stripe-Account header): simulated, in transit at once. */
export async function createPayout(
  params: FormObject,
  account: string | null,
  clock: SandboxClock,
): Promise<Stripe.Payout> {
  rejectUnknown(params, ["amount", "currency", "description", "metadata", "statement_descriptor", "expand"]);
  if (!account) {
    throw invalidRequest(
      "The sandbox pays out connected accounts only: send the Stripe-Account header.",
      undefined,
      "parameter_missing",
    );
  }
  const amount = optionalInteger(params, "amount");
  if (amount === null) throw invalidRequest("Missing required param: amount.", "amount", "parameter_missing");
  if (amount <= 0) throw invalidRequest("Invalid positive integer", "amount", "parameter_invalid_integer");
  const currency = requiredString(params, "currency");
  if (currency !== "eur")
    throw invalidRequest(`Invalid currency: ${currency}. The sandbox pays out euros only.`, "currency");
  const metadata = metadataOf(params);
  const description = optionalString(params, "description");
  return db.$transaction(async (tx) => {
    await requireAccount(tx, account);
    await lockBalance(tx, account);
    const available = await availableOf(tx, account);
    if (amount > available) {
      throw new SandboxError(400, {
        type: "invalid_request_error",
        code: "balance_insufficient",
        message: `You have insufficient funds in your Stripe account for this payout. Your available balance is €${(available / 100).toFixed(2)}.`,
      });
    }
    const now = clock.now();
    const created = Math.floor(now.getTime() / 1000);
    const id = newId.payout();
    const txnId = newId.balanceTransaction();
    const payout: Stripe.Payout = {
      id,
      object: "payout",
      amount,
      application_fee: null,
      application_fee_amount: null,
      arrival_date: created + 2 * 86_400,
      automatic: false,
      balance_transaction: txnId,
      created,
      currency,
      description: description ?? "STRIPE PAYOUT",
      destination: `ba_${newId.fingerprint()}`,
      failure_balance_transaction: null,
      failure_code: null,
      failure_message: null,
      livemode: false,
      metadata,
      method: "standard",
      original_payout: null,
      payout_method: null,
      reconciliation_status: "not_applicable",
      reversed_by: null,
      source_type: "card",
      statement_descriptor: null,
      status: "in_transit",
      trace_id: { status: "pending", value: null },
      type: "bank_account",
    };
    await recordBalanceTransaction(tx, {
      id: txnId,
      owner: account,
      amount: -amount,
      type: "payout",
      reportingCategory: "payout",
      source: id,
      description: payout.description,
      now,
    });
    await insertObject(tx, "payout", id, payout, { status: payout.status });
    return payout;
  });
}
