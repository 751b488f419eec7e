// Money taken back from a stall's transfer (TransferReversal): a refused line ("line:<lineId>",
// its amount less its commission) or a lost dispute ("dispute:<disputeId>:<stallId>"). As refunds:
//   1. the row, once per key (INSERT … ON CONFLICT DO NOTHING), capped at what is left of the
//      transfer, under the transfer's row lock;
//   2. Stripe's transfers.createReversal, the row's id as idempotency key;
//   3. PENDING → SUCCEEDED by a conditional update, with StallTransfer.reversedCents in the same
//      transaction.
// A transfer not sent yet (WAITING, or PENDING and never asked of Stripe) is reduced instead, so
// nothing is transferred then reversed: the row is SUCCEEDED at once, without a Stripe id.
// Stripe refusing for the merchant's balance (`balance_insufficient`: already paid out) leaves
// the row PENDING with `nextAttemptAt` (backoff) and `lastError`, for the hold sweeper
// (retryPendingReversals); any other refusal makes it FAILED, logged.
import { randomUUID } from "node:crypto";
import type Stripe from "stripe";
import { db, type Tx } from "~/utils/db.server";
import { getStripe } from "~/utils/stripe.server";
import { stallShare } from "./commission";

export type ReversalReason = "LINE_REFUSED" | "DISPUTE";
export type ReversalStatus = "PENDING" | "SUCCEEDED" | "FAILED";

/** One reversal per cause, whoever asks and however often. */
export const reversalKey = {
  line: (orderLineId: string) => `line:${orderLineId}`,
  dispute: (disputeId: string, stallId: string) => `dispute:${disputeId}:${stallId}`,
};

export type ReversalInput = {
  /** The StallTransfer's id (our row, not Stripe's tr_…). */
  transferId: string;
  key: string;
  /** What to take back; capped at what is left of the transfer. */
  amountCents: number;
  reason: ReversalReason;
  orderLineId?: string | null;
  now?: Date;
};

export type ReversalOutcome = {
  /** null: no such transfer (nothing was sent for this stall, nothing to take back). */
  reversalId: string | null;
  status: ReversalStatus | "MISSING";
  amountCents: number;
};

/** Waits after Stripe refused for balance: 1 min, 5 min, 30 min, 2 h, then every 6 h. */
export const BALANCE_RETRY_DELAYS_MS = [60_000, 300_000, 1_800_000, 7_200_000, 21_600_000];
/** Waits after Stripe did not answer (network, 5xx, rate limit), or while the transfer is unsent. */
export const UNREACHABLE_RETRY_MS = 30_000;

/**
 * Step 1, in the caller's transaction (the line's refusal writes it with the line's change).
 * Returns the row's id (null when the transfer does not exist), and whether this call wrote it.
 */
export async function insertReversalRow(
  tx: Tx,
  input: ReversalInput,
): Promise<{ id: string | null; created: boolean; amountCents: number; status: ReversalStatus }> {
  const now = input.now ?? new Date();
  const existing = await tx.transferReversal.findUnique({
    where: { key: input.key },
    select: { id: true, amountCents: true, status: true },
  });
  if (existing) return { ...existing, status: existing.status as ReversalStatus, created: false };
  // The transfer's row lock: reversals of one transfer, and its sending, are decided one at a time.
  const rows = await tx.$queryRaw<
    {
      status: string;
      amountCents: number;
      grossCents: number;
      commissionCents: number;
      attempts: number;
      orderId: string;
      stallId: string;
    }[]
  >`
    SELECT "status", "amountCents", "grossCents", "commissionCents", "attempts", "orderId", "stallId" FROM "StallTransfer" WHERE "id" = ${input.transferId} FOR UPDATE`;
  const transfer = rows[0];
  if (!transfer) return { id: null, created: false, amountCents: 0, status: "FAILED" };
  // Read again under the lock: a call with the same key that held it before us has committed.
  const written = await tx.transferReversal.findUnique({
    where: { key: input.key },
    select: { id: true, amountCents: true, status: true },
  });
  if (written) return { ...written, status: written.status as ReversalStatus, created: false };
  // Never asked of Stripe (a wait before asking gives its attempt back, stall-transfer.server.ts).
  const unsent = (transfer.status === "WAITING" || transfer.status === "PENDING") && transfer.attempts === 0;
  const taken = await tx.transferReversal.aggregate({
    where: { transferId: input.transferId, status: { not: "FAILED" }, stripeReversalId: { not: null } },
    _sum: { amountCents: true },
  });
  const pending = await tx.transferReversal.aggregate({
    where: { transferId: input.transferId, status: "PENDING" },
    _sum: { amountCents: true },
  });
  const left =
    transfer.status === "FAILED"
      ? 0
      : transfer.amountCents - (taken._sum.amountCents ?? 0) - (pending._sum.amountCents ?? 0);
  let amountCents = Math.max(0, Math.min(input.amountCents, left));
  let status: ReversalStatus = "PENDING";
  if (unsent) {
    // Not asked of Stripe yet: the transfer shrinks instead, never grows. A refused line takes
    // its own gross and commission out, and its share capped at what is left.
    status = "SUCCEEDED";
    if (input.orderLineId) {
      // Decremented by this line's own share, never recomputed from the lines left: a recompute
      // would undo what a lost dispute already took from this transfer.
      const [order, line] = await Promise.all([
        tx.order.findUniqueOrThrow({ where: { id: transfer.orderId }, select: { commissionBps: true } }),
        tx.orderLine.findUniqueOrThrow({
          where: { id: input.orderLineId },
          select: { unitPriceCents: true, quantity: true },
        }),
      ]);
      const share = stallShare([line], order.commissionBps);
      amountCents = Math.max(0, Math.min(share.amountCents, left));
      await tx.stallTransfer.update({
        where: { id: input.transferId },
        data: {
          grossCents: { decrement: Math.min(share.grossCents, transfer.grossCents) },
          commissionCents: { decrement: Math.min(share.commissionCents, transfer.commissionCents) },
          amountCents: { decrement: amountCents },
          updatedAt: now,
        },
      });
    } else {
      await tx.stallTransfer.update({
        where: { id: input.transferId },
        data: { amountCents: { decrement: amountCents }, updatedAt: now },
      });
    }
  }
  const id = randomUUID();
  const inserted = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "TransferReversal" ("id", "transferId", "key", "orderLineId", "amountCents", "reason", "status", "createdAt", "updatedAt")
    VALUES (${id}, ${input.transferId}, ${input.key}, ${input.orderLineId ?? null}, ${amountCents}, ${input.reason}, ${status}, ${now}, ${now})
    ON CONFLICT ("key") DO NOTHING
    RETURNING "id"`;
  if (inserted.length === 1) return { id, created: true, amountCents, status };
  // Another transaction wrote this key first; ours rolls back with the caller's if it changed the transfer.
  if (unsent) throw new Error(`reversal ${input.key} written twice at once`);
  const raced = await tx.transferReversal.findUniqueOrThrow({
    where: { key: input.key },
    select: { id: true, amountCents: true, status: true },
  });
  return { ...raced, status: raced.status as ReversalStatus, created: false };
}

/**
 * Takes money back from a stall's transfer, once per `key`: the row, then Stripe (unless the
 * transfer was not sent yet), then the outcome. Safe to call again and concurrently; never
 * throws for a Stripe error (PENDING rows are retried by the hold sweeper).
 */
export async function requestTransferReversal(input: ReversalInput): Promise<ReversalOutcome> {
  const now = input.now ?? new Date();
  const row = await db.$transaction((tx) => insertReversalRow(tx, { ...input, now }));
  if (!row.id) return { reversalId: null, status: "MISSING", amountCents: 0 };
  return processReversal(row.id, now);
}

/** Stripe's idempotency key for the row's next try: a new one after each refusal for balance. */
function idempotencyKeyOf(row: { id: string; attempts: number }): string {
  // Stripe replays a refused request's answer under its key for 24 h; the refusal created
  // nothing, so a new key cannot reverse twice.
  return row.attempts === 0 ? row.id : `${row.id}:${row.attempts}`;
}

/** Steps 2 and 3 for one row. Safe to call concurrently and again. */
export async function processReversal(reversalId: string, now: Date): Promise<ReversalOutcome> {
  const row = await db.transferReversal.findUnique({
    where: { id: reversalId },
    include: { transfer: { select: { status: true, stripeTransferId: true } } },
  });
  if (!row) return { reversalId, status: "MISSING", amountCents: 0 };
  const outcome = (status: ReversalStatus | "MISSING"): ReversalOutcome => ({
    reversalId,
    status,
    amountCents: row.amountCents,
  });
  if (row.status !== "PENDING") return outcome(row.status as ReversalStatus);
  if (row.amountCents <= 0) return outcome(await settleReversal(row.id, null, now));
  if (row.transfer.status === "FAILED") {
    console.error(`transfer reversal ${row.id} (${row.key}): its transfer was never made; nothing to reverse`);
    await db.transferReversal.updateMany({
      where: { id: row.id, status: "PENDING" },
      data: { status: "FAILED", lastError: "transfer failed", updatedAt: now },
    });
    return outcome("FAILED");
  }
  const stripeTransferId = row.transfer.stripeTransferId;
  if (!stripeTransferId) {
    // Asked of Stripe but not known to be sent yet: wait for the transfer.
    await postpone(row.id, now, UNREACHABLE_RETRY_MS, "waiting for the transfer to be sent", null);
    return outcome("PENDING");
  }
  const stripe = getStripe();
  try {
    // An earlier try's answer was lost: it may have reversed. Look before asking again.
    if (row.lastError?.startsWith("unreachable")) {
      const found = await findStripeReversal(stripe, stripeTransferId, row.id);
      if (found) return outcome(await settleReversal(row.id, found.id, now));
    }
    const reversal = await stripe.transfers.createReversal(
      stripeTransferId,
      {
        amount: row.amountCents,
        metadata: { transfer_reversal_id: row.id, key: row.key, stall_transfer_id: row.transferId },
      },
      { idempotencyKey: idempotencyKeyOf(row) },
    );
    return outcome(await settleReversal(row.id, reversal.id, now));
  } catch (error) {
    const code = refusalCode(error);
    if (code === "balance_insufficient") {
      const delay = BALANCE_RETRY_DELAYS_MS[Math.min(row.attempts, BALANCE_RETRY_DELAYS_MS.length - 1)];
      await postpone(row.id, now, delay, `balance_insufficient: ${messageOf(error)}`, row.attempts);
      return outcome("PENDING");
    }
    if (code !== null) {
      console.error(`transfer reversal ${row.id} (${row.key}) refused by Stripe: ${messageOf(error)}`);
      await db.transferReversal.updateMany({
        where: { id: row.id, status: "PENDING" },
        data: { status: "FAILED", lastError: `refused: ${messageOf(error)}`.slice(0, 1000), updatedAt: now },
      });
      return outcome("FAILED");
    }
    console.error(`transfer reversal ${row.id} (${row.key}): Stripe unreachable, will try again: ${messageOf(error)}`);
    await postpone(row.id, now, UNREACHABLE_RETRY_MS, `unreachable: ${messageOf(error)}`, null);
    return outcome("PENDING");
  }
}

/** `refusedAt`: the attempts read before a refusal for balance; counted once, by whichever of
 *  two overlapping passes writes first (the other finds the count moved and changes nothing). */
async function postpone(id: string, now: Date, delayMs: number, error: string, refusedAt: number | null) {
  await db.transferReversal.updateMany({
    where: { id, status: "PENDING", ...(refusedAt === null ? {} : { attempts: refusedAt }) },
    data: {
      nextAttemptAt: new Date(now.getTime() + delayMs),
      lastError: error.slice(0, 1000),
      ...(refusedAt === null ? {} : { attempts: { increment: 1 } }),
      updatedAt: now,
    },
  });
}

async function findStripeReversal(stripe: Stripe, transferId: string, rowId: string) {
  const transfer = await stripe.transfers.retrieve(transferId);
  return transfer.reversals.data.find((r) => r.metadata?.transfer_reversal_id === rowId) ?? null;
}

/** Step 3: PENDING → SUCCEEDED once, the transfer's reversedCents with it. */
async function settleReversal(id: string, stripeReversalId: string | null, now: Date): Promise<ReversalStatus> {
  return db.$transaction(async (tx) => {
    const won = await tx.transferReversal.updateMany({
      where: { id, status: "PENDING" },
      data: { status: "SUCCEEDED", stripeReversalId, lastError: null, nextAttemptAt: null, updatedAt: now },
    });
    const row = await tx.transferReversal.findUniqueOrThrow({ where: { id } });
    if (won.count === 1 && row.amountCents > 0) {
      await tx.stallTransfer.update({
        where: { id: row.transferId },
        data: { reversedCents: { increment: row.amountCents }, updatedAt: now },
      });
    }
    return row.status as ReversalStatus;
  });
}

/** The hold sweeper's part: PENDING reversals whose time has come are asked again. */
export async function retryPendingReversals(now: Date, limit = 50): Promise<ReversalOutcome[]> {
  const due = await db.transferReversal.findMany({
    where: {
      status: "PENDING",
      OR: [
        { nextAttemptAt: { lte: now } },
        { nextAttemptAt: null, updatedAt: { lte: new Date(now.getTime() - UNREACHABLE_RETRY_MS) } },
      ],
    },
    orderBy: { updatedAt: "asc" },
    take: limit,
    select: { id: true },
  });
  const outcomes: ReversalOutcome[] = [];
  for (const { id } of due) outcomes.push(await processReversal(id, now));
  return outcomes;
}

/** Stripe answered and refused (400): its code, or null when it did not answer for sure. */
export function refusalCode(error: unknown): string | null {
  if (typeof error !== "object" || error === null) return null;
  const { type, code } = error as { type?: unknown; code?: unknown };
  if (type !== "StripeInvalidRequestError") return null;
  return typeof code === "string" ? code : "invalid_request";
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
