// What a merchant sees of the money of their stalls (the "Paiements" tab): per paid order and
// stall, the amount of their lines, the town's commission, the transfer to their Stripe account
// (its status and date) and what was reversed from it (a refused line, a lost dispute).
import { db } from "~/utils/db.server";
import { stallShare } from "./commission";
import { isDeduction } from "./market-payouts.server";
import { effectiveLineStatus, isRefundedLine } from "./line-money";
import { REVENUE_ORDER_STATUSES } from "./market-revenue.server";

/** The most recent orders shown; older ones are in the merchant's Stripe dashboard. */
export const MERCHANT_TRANSFERS_LIMIT = 100;

export type MerchantReversal = {
  id: string;
  amountCents: number;
  /** LINE_REFUSED | DISPUTE */
  reason: string;
  /** PENDING | SUCCEEDED | FAILED | DEDUCTED (taken off the transfer before it was made) */
  status: string;
  at: string;
};

export type MerchantTransferRow = {
  /** orderId:stallId, unique in the list. */
  key: string;
  orderId: string;
  /** The order's reference ("R-0142"), as the buyer and the stall read it. */
  reference: string;
  stallId: string;
  stallName: string;
  marketName: string;
  timezone: string;
  paidAt: string;
  /** The stall's lines as paid, the commission on them and what the merchant is owed for them. */
  grossCents: number;
  commissionCents: number;
  amountCents: number;
  /** The transfer's state: NONE (not asked yet) | WAITING | PENDING | SENT | FAILED. */
  transferStatus: string;
  transferId: string | null;
  /** When the transfer last changed (sent, failed), null before it exists. */
  transferAt: string | null;
  reversals: MerchantReversal[];
  /** Reversals Stripe accepted. */
  reversedCents: number;
  /** What the merchant keeps of this order: their share less what was or is being taken back
   *  (reversals accepted or pending; one taken off before the transfer is already out of it). */
  leftCents: number;
};

/**
 * Every stall of this user (or the one `stallId` names, if theirs), per paid order, newest first. A row exists as soon as the order is
 * paid, before its transfer row does: then the figures come from the lines kept (commission.ts),
 * as the transfer will count them; a stall whose every line was given back is owed nothing.
 */
export async function listMerchantTransfers(
  userId: string,
  options: { limit?: number; stallId?: string } = {},
): Promise<{ rows: MerchantTransferRow[]; truncated: boolean }> {
  const limit = options.limit ?? MERCHANT_TRANSFERS_LIMIT;
  // One stall's tab shows that stall only; without stallId, every stall of the user.
  const mine = options.stallId ? { ownerId: userId, id: options.stallId } : { ownerId: userId };
  const orders = await db.order.findMany({
    where: { status: { in: [...REVENUE_ORDER_STATUSES] }, lines: { some: { stall: mine } } },
    orderBy: [{ paidAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true,
      reference: true,
      status: true,
      paidAt: true,
      createdAt: true,
      commissionBps: true,
      market: { select: { name: true, timezone: true } },
      lines: {
        where: { stall: mine },
        select: {
          stallId: true,
          quantity: true,
          unitPriceCents: true,
          status: true,
          stall: { select: { name: true } },
        },
      },
      transfers: {
        where: { stall: mine },
        select: {
          stallId: true,
          grossCents: true,
          commissionCents: true,
          amountCents: true,
          status: true,
          stripeTransferId: true,
          createdAt: true,
          updatedAt: true,
          reversals: {
            orderBy: [{ createdAt: "asc" }, { id: "asc" }],
            select: {
              id: true,
              amountCents: true,
              reason: true,
              status: true,
              stripeReversalId: true,
              createdAt: true,
              updatedAt: true,
            },
          },
        },
      },
    },
  });
  const rows = orders.flatMap((order) => {
    const stallIds = [...new Set(order.lines.map((l) => l.stallId))];
    return stallIds.flatMap((stallId): MerchantTransferRow[] => {
      const lines = order.lines.filter((l) => l.stallId === stallId);
      const transfer = order.transfers.find((t) => t.stallId === stallId);
      const kept = lines.filter((l) => !isRefundedLine(effectiveLineStatus(order.status, l.status)));
      if (!transfer && kept.length === 0) return [];
      const share = transfer
        ? {
            grossCents: transfer.grossCents,
            commissionCents: transfer.commissionCents,
            amountCents: transfer.amountCents,
          }
        : stallShare(kept, order.commissionBps);
      const reversals = (transfer?.reversals ?? []).map((r) => ({
        id: r.id,
        amountCents: r.amountCents,
        reason: r.reason,
        // Taken off before the transfer was made: the transfer's amount already excludes it.
        status: isDeduction(r) ? "DEDUCTED" : r.status,
        at: (r.status === "PENDING" ? r.createdAt : r.updatedAt).toISOString(),
      }));
      return [
        {
          key: `${order.id}:${stallId}`,
          orderId: order.id,
          reference: order.reference,
          stallId,
          stallName: lines[0]!.stall.name,
          marketName: order.market.name,
          timezone: order.market.timezone,
          paidAt: (order.paidAt ?? order.createdAt).toISOString(),
          ...share,
          transferStatus: transfer?.status ?? "NONE",
          transferId: transfer?.stripeTransferId ?? null,
          transferAt: transfer ? transfer.updatedAt.toISOString() : null,
          reversals,
          reversedCents: reversals.filter((r) => r.status === "SUCCEEDED").reduce((sum, r) => sum + r.amountCents, 0),
          leftCents:
            share.amountCents -
            reversals
              .filter((r) => r.status === "SUCCEEDED" || r.status === "PENDING")
              .reduce((sum, r) => sum + r.amountCents, 0),
        },
      ];
    });
  });
  return { rows, truncated: orders.length === limit };
}
