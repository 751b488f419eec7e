// The stall's side of a paid order: each of its lines is made READY, COLLECTED, or REFUSED (out
// of stock), by the stall's owner only. Conditional updates on the line's status (transitionOrderLines): a double tap,
// two tabs or two phones change a line once. REFUSED refunds the line ("line:<lineId>", see
// refund.server.ts) and takes its share back from the stall's transfer (transfer-reversal.server.ts) and the buyer is emailed once the refund went through.
// READY tells the buyer once per line (tellLinesReady, order-alerts.server.ts).
import { db } from "~/utils/db.server";
import { ownsStall } from "./authorization.server";
import { hasOpenDispute } from "./dispute.server";
import { broadcastOrderUpdated } from "./order-notify.server";
import { tellLinesReady } from "./order-alerts.server";
import { transitionOrderLines } from "./order-transition.server";
import { insertRefundRow, processRefund, refundKey, type RefundStatus } from "./refund.server";
import { lineReversalCents } from "./commission";
import { insertReversalRow, processReversal, reversalKey } from "./transfer-reversal.server";
import type { Tx } from "~/utils/db.server";

export type MerchantLineAction = "READY" | "COLLECTED" | "REFUSED";

export type SetOrderLineStatusResult =
  | {
      ok: true;
      /** false: the line already had this status (a repeated tap); nothing was done again. */
      changed: boolean;
      line: { id: string; orderId: string; stallId: string; status: string };
      order: { id: string; status: string; version: number; refundedCents: number };
      /** REFUSED only: the refund's state (PENDING while Stripe is unreachable, retried on its own). */
      refund: { id: string; status: RefundStatus | "MISSING" } | null;
    }
  /** No such line, or it belongs to a stall this merchant does not own (not told apart, on purpose). */
  | { ok: false; reason: "notFound" }
  /** The order is not paid (still held, released or refunded): nothing to prepare. */
  | { ok: false; reason: "orderNotPaid"; orderStatus: string }
  /** REFUSED while a dispute is open on the order: Stripe would refuse the refund (charge_disputed). */
  | { ok: false; reason: "disputeOpen" }
  /** The line's current status does not allow this (e.g. COLLECTED, then READY). */
  | { ok: false; reason: "invalidTransition"; lineStatus: string };

/**
 * A merchant marks a line of their own stall. READY and COLLECTED only change the line;
 * REFUSED also writes the line's refund row in the same transaction, then asks Stripe.
 */
export async function setOrderLineStatus(input: {
  lineId: string;
  merchantId: string;
  status: MerchantLineAction;
  now: Date;
}): Promise<SetOrderLineStatusResult> {
  const { lineId, merchantId, status, now } = input;
  const decided = await db.$transaction(async (tx) => {
    const line = await tx.orderLine.findUnique({
      where: { id: lineId },
      select: {
        id: true,
        orderId: true,
        stallId: true,
        status: true,
        unitPriceCents: true,
        quantity: true,
        stall: { select: { ownerId: true } },
        order: { select: { status: true } },
      },
    });
    if (!line || !ownsStall(merchantId, line.stall)) return { ok: false as const, reason: "notFound" as const };
    // Asked again (a refused line may be refunded since, and its order REFUNDED): already done.
    if (line.status === status || (status === "REFUSED" && line.status === "REFUNDED")) {
      return { ok: true as const, changed: false, line, refundId: null, reversalId: null };
    }
    if (line.order.status !== "PAID") {
      return { ok: false as const, reason: "orderNotPaid" as const, orderStatus: line.order.status };
    }
    // Checked before anything is written: no refund Stripe would refuse, no reversal without it.
    if (status === "REFUSED" && (await hasOpenDispute(line.orderId, tx))) {
      return { ok: false as const, reason: "disputeOpen" as const };
    }
    const data = status === "COLLECTED" ? { collectedAt: now } : undefined;
    if ((await transitionOrderLines(tx, { id: lineId }, status, { data })) !== 1) {
      // Another call changed the line since it was read (the UPDATE waited for its commit): read
      // it again. The same action at once (a double tap) is then already done.
      const current = await tx.orderLine.findUniqueOrThrow({ where: { id: lineId }, select: { status: true } });
      if (current.status === status || (status === "REFUSED" && current.status === "REFUNDED")) {
        return {
          ok: true as const,
          changed: false,
          line: { ...line, status: current.status },
          refundId: null,
          reversalId: null,
        };
      }
      return { ok: false as const, reason: "invalidTransition" as const, lineStatus: current.status };
    }
    await tx.order.update({ where: { id: line.orderId }, data: { version: { increment: 1 } } });
    let refundId: string | null = null;
    let reversalId: string | null = null;
    if (status === "REFUSED") {
      refundId = (
        await insertRefundRow(tx, {
          orderId: line.orderId,
          key: refundKey.line(lineId),
          orderLineId: lineId,
          amountCents: line.unitPriceCents * line.quantity,
          reason: "LINE_REFUSED",
          now,
        })
      ).id;
      reversalId = await reverseRefusedLine(tx, line, now);
    }
    return { ok: true as const, changed: true, line, refundId, reversalId };
  });
  if (!decided.ok) return decided;

  let refund: { id: string; status: RefundStatus | "MISSING" } | null = null;
  if (decided.changed) {
    try {
      await broadcastOrderUpdated(decided.line.orderId);
    } catch (error) {
      console.error(`order:updated for ${decided.line.orderId} failed`, error);
    }
    if (decided.refundId) {
      const outcome = await processRefund(decided.refundId, now);
      refund = { id: decided.refundId, status: outcome.status };
    }
    // The stall's transfer gives the line's share back (retried by the sweeper when it cannot now).
    if (decided.reversalId) await processReversal(decided.reversalId, now);
  } else if (status === "REFUSED") {
    const row = await db.orderRefund.findUnique({
      where: { key: refundKey.line(lineId) },
      select: { id: true, status: true },
    });
    if (row) refund = { id: row.id, status: row.status as RefundStatus };
  }

  if (status === "READY") {
    // Asked again too: a "Prête" retried after its message failed tells then (once: readyNotifiedAt).
    try {
      await tellLinesReady(decided.line.orderId, decided.line.stallId, now);
    } catch (error) {
      // Committed already; the buyer's order page shows the line ready anyway.
      console.error(`ready message for ${decided.line.orderId} failed`, error);
    }
  }

  const [line, order] = await Promise.all([
    db.orderLine.findUniqueOrThrow({
      where: { id: lineId },
      select: { id: true, orderId: true, stallId: true, status: true },
    }),
    db.order.findUniqueOrThrow({
      where: { id: decided.line.orderId },
      select: { id: true, status: true, version: true, refundedCents: true },
    }),
  ]);
  return { ok: true, changed: decided.changed, line, order, refund };
}

/**
 * In the refusal's transaction (the order's row is held): the line's share taken back from its
 * stall's transfer, the line's amount less its commission ("line:<lineId>"). No transfer yet:
 * nothing (it will be written from the lines still sold); not sent yet: it shrinks instead.
 */
async function reverseRefusedLine(
  tx: Tx,
  line: { id: string; orderId: string; stallId: string; unitPriceCents: number; quantity: number },
  now: Date,
): Promise<string | null> {
  const transfer = await tx.stallTransfer.findUnique({
    where: { orderId_stallId: { orderId: line.orderId, stallId: line.stallId } },
    select: { id: true, order: { select: { commissionBps: true } } },
  });
  if (!transfer) return null;
  const row = await insertReversalRow(tx, {
    transferId: transfer.id,
    key: reversalKey.line(line.id),
    amountCents: lineReversalCents(line, transfer.order.commissionBps),
    reason: "LINE_REFUSED",
    orderLineId: line.id,
    now,
  });
  return row.status === "PENDING" ? row.id : null;
}
