// The organiser's side of stalls: reviewing what merchants submitted and deciding whether the
// public may see it. Every query is scoped by market, so a stall id from another market
// cannot be decided through this market's pages.
import { db } from "~/utils/db.server";
import { placeApprovedStall, removeFromPlan } from "./market-plan.server";
import { firstPhotoSelect, stallDetailsSelect } from "./stall.server";

export type StallDecision = "APPROVED" | "REJECTED";

export function listStallsForReview(marketId: string) {
  return db.stall.findMany({
    where: { marketId },
    orderBy: [{ createdAt: "asc" }],
    select: {
      ...stallDetailsSelect,
      chaletNumber: true,
      owner: { select: { name: true, email: true } },
      photos: firstPhotoSelect,
      products: {
        orderBy: { position: "asc" },
        select: { id: true, name: true, priceCents: true, stock: true, active: true },
      },
    },
  });
}

export function countPendingStalls(marketId: string) {
  return db.stall.count({ where: { marketId, status: "PENDING" } });
}

/**
 * Approves or rejects a stall of this market (a decision can be revisited: an approved stall
 * can be withdrawn). An approved stall gets its chalet number and a spot on the plan, a
 * rejected one leaves the plan, in the decision's transaction (app/models/market-plan.server.ts).
 * Returns null when the stall is not in this market.
 */
export async function decideStall(marketId: string, stallId: string, decision: StallDecision) {
  return db.$transaction(async (tx) => {
    const { count } = await tx.stall.updateMany({ where: { id: stallId, marketId }, data: { status: decision } });
    if (count === 0) return null;
    if (decision === "APPROVED") await placeApprovedStall(tx, marketId, stallId);
    else await removeFromPlan(tx, marketId, stallId);
    return tx.stall.findUnique({
      where: { id: stallId },
      select: { id: true, name: true, slug: true, status: true, chaletNumber: true },
    });
  });
}
