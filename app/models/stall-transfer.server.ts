// Each stall's share of a paid order, moved to its merchant's connected account (separate
// charges and transfers, docs/payments.md "Transfers"). As refunds, in steps each safe to repeat:
//   1. the charge (PaymentIntent's latest_charge) and Stripe's fee recorded on the order;
//   2. one StallTransfer row per stall (INSERT … ON CONFLICT (orderId, stallId) DO NOTHING),
//      under the order's row lock, from the lines not refused: PENDING when the merchant's
//      PayoutAccount is ACTIVE, else WAITING;
//   3. Stripe's transfers.create with the row's id as idempotency key, then PENDING → SENT by a
//      conditional update.
// Stripe unreachable: the row stays PENDING and the hold sweeper asks again (retryStallTransfers),
// first looking for a transfer an earlier try may have made (by transfer_group and the row's id in
// its metadata), so none is made twice even after Stripe forgot the key. Stripe refusing: FAILED,
// logged; refusing because the account cannot receive transfers: WAITING, sent when it is ACTIVE.
import { randomUUID } from "node:crypto";
import type Stripe from "stripe";
import { Prisma } from "~/generated/prisma/client";
import { db } from "~/utils/db.server";
import { getStripe } from "~/utils/stripe.server";
import { stallShare } from "./commission";
import { CLOSED_DISPUTE_STATUSES } from "./dispute-status";
import { PAYABLE_STATUS } from "./payout-account.server";
import { refusalCode } from "./transfer-reversal.server";

export type StallTransferStatus = "WAITING" | "PENDING" | "SENT" | "FAILED";
export type TransferOutcome = { transferId: string; status: StallTransferStatus | "MISSING" };

/** PENDING rows untouched this long are asked again by the sweeper. */
export const TRANSFER_RETRY_MS = 30_000;

/**
 * Everything an order's payment owes its stalls, once its status is PAID (called by the winner
 * of the PAID transition, after its commit, and by the sweeper). Never throws: what fails is
 * retried by the sweeper.
 */
export async function transferOrder(orderId: string, now: Date): Promise<TransferOutcome[]> {
  try {
    if (!(await recordOrderCharge(orderId))) return [];
    await writeStallTransferRows(orderId, now);
    const rows = await db.stallTransfer.findMany({ where: { orderId, status: "PENDING" }, select: { id: true } });
    const outcomes: TransferOutcome[] = [];
    for (const row of rows) outcomes.push(await sendStallTransfer(row.id, now));
    return outcomes;
  } catch (error) {
    console.error(`transfers of order ${orderId}: will try again`, error);
    return [];
  }
}

/** Step 1: Order.chargeId and stripeFeeCents from the PaymentIntent's charge. False: not yet. */
async function recordOrderCharge(orderId: string): Promise<boolean> {
  const order = await db.order.findUnique({
    where: { id: orderId },
    select: { status: true, chargeId: true, paymentIntentId: true },
  });
  if (!order || order.status !== "PAID") return false;
  if (order.chargeId) return true;
  if (!order.paymentIntentId) {
    console.error(`order ${orderId} is PAID without a PaymentIntent: no transfer`);
    return false;
  }
  let intent: Stripe.PaymentIntent;
  try {
    intent = await getStripe().paymentIntents.retrieve(order.paymentIntentId, {
      expand: ["latest_charge.balance_transaction"],
    });
  } catch (error) {
    console.error(`order ${orderId}: reading its charge failed, will try again: ${messageOf(error)}`);
    return false;
  }
  const charge = intent.latest_charge;
  if (!charge || typeof charge === "string") return false;
  const txn = charge.balance_transaction;
  await db.order.updateMany({
    where: { id: orderId, chargeId: null },
    data: { chargeId: charge.id, stripeFeeCents: txn && typeof txn !== "string" ? txn.fee : null },
  });
  return true;
}

/** Step 2: one row per stall with lines still sold, once (the order's row lock orders it with refusals). */
async function writeStallTransferRows(orderId: string, now: Date): Promise<void> {
  await db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ status: string; chargeId: string | null; commissionBps: number }[]>`
      SELECT "status", "chargeId", "commissionBps" FROM "Order" WHERE "id" = ${orderId} FOR UPDATE`;
    const order = locked[0];
    // A late payment refunded (REFUNDED) moves nothing; a transfer needs its source charge.
    if (!order || order.status !== "PAID" || !order.chargeId) return;
    const lines = await tx.orderLine.findMany({
      where: { orderId, status: { in: ["RESERVED", "READY", "COLLECTED"] } },
      select: { stallId: true, unitPriceCents: true, quantity: true, stall: { select: { ownerId: true } } },
    });
    const byStall = new Map<string, { ownerId: string; lines: { unitPriceCents: number; quantity: number }[] }>();
    for (const line of lines) {
      const entry = byStall.get(line.stallId) ?? { ownerId: line.stall.ownerId, lines: [] };
      entry.lines.push(line);
      byStall.set(line.stallId, entry);
    }
    const accounts = await tx.payoutAccount.findMany({
      where: { userId: { in: [...new Set([...byStall.values()].map((s) => s.ownerId))] } },
      select: { userId: true, status: true, stripeAccountId: true },
    });
    for (const [stallId, { ownerId, lines: stallLines }] of byStall) {
      const share = stallShare(stallLines, order.commissionBps);
      if (share.amountCents <= 0) continue;
      const account = accounts.find((a) => a.userId === ownerId);
      const active = account?.status === PAYABLE_STATUS;
      await tx.$executeRaw`
        INSERT INTO "StallTransfer" ("id", "orderId", "stallId", "stripeAccountId", "grossCents", "commissionCents", "amountCents", "status", "createdAt", "updatedAt")
        VALUES (${randomUUID()}, ${orderId}, ${stallId}, ${active ? account.stripeAccountId : null},
                ${share.grossCents}, ${share.commissionCents}, ${share.amountCents}, ${active ? "PENDING" : "WAITING"}, ${now}, ${now})
        ON CONFLICT ("orderId", "stallId") DO NOTHING`;
    }
  });
}

/** Step 3 for one row. Safe to call concurrently and again; never throws for a Stripe error. */
export async function sendStallTransfer(id: string, now: Date): Promise<TransferOutcome> {
  // The claim: counted before Stripe is asked, so a refusal after this reverses instead of
  // shrinking the row (the amount asked of Stripe under this key must not change).
  const claimed = await db.$queryRaw<
    {
      orderId: string;
      stallId: string;
      amountCents: number;
      attempts: number;
      stripeAccountId: string | null;
      chargeId: string | null;
      accountStatus: string | null;
      currentAccountId: string | null;
    }[]
  >`
    UPDATE "StallTransfer" t SET "attempts" = t."attempts" + 1, "updatedAt" = ${now}
      FROM "Order" o, "Stall" s LEFT JOIN "PayoutAccount" pa ON pa."userId" = s."ownerId"
     WHERE t."id" = ${id} AND t."status" = 'PENDING' AND o."id" = t."orderId" AND s."id" = t."stallId"
       -- Held while the order's payment is disputed (docs/payments.md, Disputes): the stall's
       -- share waits for the verdict instead of being sent, then reversed if the dispute is lost.
       AND NOT EXISTS (SELECT 1 FROM "OrderDispute" d WHERE d."orderId" = t."orderId"
                        AND d."status" NOT IN (${Prisma.join([...CLOSED_DISPUTE_STATUSES])}))
    RETURNING t."orderId", t."stallId", t."amountCents", t."attempts", t."stripeAccountId", o."chargeId",
              pa."status" AS "accountStatus", pa."stripeAccountId" AS "currentAccountId"`;
  const row = claimed[0];
  if (!row) return current(id);
  if (row.accountStatus !== PAYABLE_STATUS && row.attempts === 1) {
    // The account stopped being able to receive before anything was asked: wait for it.
    await toWaiting(id, now, `account ${row.accountStatus ?? "missing"}`, { asked: false });
    return current(id);
  }
  const destination = row.stripeAccountId ?? row.currentAccountId;
  if (row.amountCents <= 0) return markSent(id, null, now);
  if (!destination || !row.chargeId) return current(id);
  const stripe = getStripe();
  try {
    if (row.attempts > 1) {
      const found = await findStripeTransfer(stripe, row.orderId, id);
      if (found) return markSent(id, found.id, now);
    }
    const transfer = await stripe.transfers.create(
      {
        amount: row.amountCents,
        currency: "eur",
        destination,
        source_transaction: row.chargeId,
        transfer_group: row.orderId,
        metadata: { order_id: row.orderId, stall_id: row.stallId, stall_transfer_id: id },
      },
      { idempotencyKey: id },
    );
    return markSent(id, transfer.id, now);
  } catch (error) {
    const code = refusalCode(error);
    if (code === "insufficient_capabilities_for_transfer") {
      // Stripe knew before our Connect webhook did: the transfer waits for the account.
      await toWaiting(id, now, `refused: ${messageOf(error)}`, { asked: true });
      return current(id);
    }
    if (code !== null) {
      console.error(
        `stall transfer ${id} (order ${row.orderId}, stall ${row.stallId}) refused by Stripe: ${messageOf(error)}`,
      );
      await db.stallTransfer.updateMany({
        where: { id, status: "PENDING" },
        data: { status: "FAILED", lastError: `refused: ${messageOf(error)}`.slice(0, 1000), updatedAt: now },
      });
      return current(id);
    }
    console.error(`stall transfer ${id}: Stripe unreachable, will try again: ${messageOf(error)}`);
    await db.stallTransfer.updateMany({
      where: { id, status: "PENDING" },
      data: { lastError: `unreachable: ${messageOf(error)}`.slice(0, 1000), updatedAt: now },
    });
    return current(id);
  }
}

async function findStripeTransfer(stripe: Stripe, orderId: string, rowId: string) {
  const list = await stripe.transfers.list({ transfer_group: orderId, limit: 100 });
  return list.data.find((t) => t.metadata?.stall_transfer_id === rowId) ?? null;
}

async function markSent(id: string, stripeTransferId: string | null, now: Date): Promise<TransferOutcome> {
  await db.stallTransfer.updateMany({
    where: { id, status: "PENDING" },
    data: { status: "SENT", stripeTransferId, lastError: null, updatedAt: now },
  });
  return current(id);
}

/**
 * Waits for the account. Not asked of Stripe: the claim's attempt is given back, so the row is
 * still unsent (a refused line shrinks it, transfer-reversal.server.ts). Asked (Stripe refused):
 * the amount asked under this key must not change, so later refusals become reversals.
 */
async function toWaiting(id: string, now: Date, reason: string, { asked }: { asked: boolean }) {
  await db.stallTransfer.updateMany({
    where: { id, status: "PENDING" },
    data: {
      status: "WAITING",
      lastError: reason.slice(0, 1000),
      updatedAt: now,
      ...(asked ? {} : { attempts: { decrement: 1 } }),
    },
  });
}

async function current(id: string): Promise<TransferOutcome> {
  const row = await db.stallTransfer.findUnique({ where: { id }, select: { status: true } });
  return { transferId: id, status: (row?.status as StallTransferStatus | undefined) ?? "MISSING" };
}

/**
 * The hold sweeper's part: WAITING transfers whose account became ACTIVE are sent, PENDING ones
 * untouched for TRANSFER_RETRY_MS asked again, and paid orders without their rows (a crash, or
 * Stripe unreachable when reading the charge) given them.
 */
export async function retryStallTransfers(now: Date, limit = 50): Promise<TransferOutcome[]> {
  await db.$executeRaw`
    UPDATE "StallTransfer" t SET "status" = 'PENDING', "stripeAccountId" = pa."stripeAccountId", "updatedAt" = ${now}
      FROM "Stall" s JOIN "PayoutAccount" pa ON pa."userId" = s."ownerId"
     WHERE t."status" = 'WAITING' AND s."id" = t."stallId" AND pa."status" = ${PAYABLE_STATUS}`;
  const orders = await db.$queryRaw<{ id: string }[]>`
    SELECT o."id" FROM "Order" o
     WHERE o."status" = 'PAID'
       AND NOT EXISTS (SELECT 1 FROM "StallTransfer" t WHERE t."orderId" = o."id")
       AND EXISTS (SELECT 1 FROM "OrderLine" l WHERE l."orderId" = o."id" AND l."status" IN ('RESERVED', 'READY', 'COLLECTED'))
     ORDER BY o."paidAt" LIMIT ${limit}`;
  const outcomes: TransferOutcome[] = [];
  for (const order of orders) outcomes.push(...(await transferOrder(order.id, now)));
  const due = await db.stallTransfer.findMany({
    where: {
      status: "PENDING",
      OR: [{ attempts: 0 }, { updatedAt: { lte: new Date(now.getTime() - TRANSFER_RETRY_MS) } }],
      // Rows held by an open dispute are not sent: picking them would let them fill the batch.
      order: { disputes: { none: { status: { notIn: [...CLOSED_DISPUTE_STATUSES] } } } },
    },
    orderBy: { updatedAt: "asc" },
    take: limit,
    select: { id: true },
  });
  for (const { id } of due) outcomes.push(await sendStallTransfer(id, now));
  return outcomes;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
