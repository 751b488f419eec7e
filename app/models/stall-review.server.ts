// The organiser's side of stalls: reviewing what merchants submitted and deciding whether the
// public may see it. Every query is scoped by market, so a stall id from another market
// cannot be decided through this market's pages.
import { db } from "~/utils/db.server";
import { placeApprovedStall, removeFromPlan } from "./market-plan.server";
import { missingLegalFields, type LegalField } from "./stall-legal";
import { firstPhotoSelect, stallDetailsSelect } from "./stall.server";
import { notifyStallDecision } from "./stall-notify.server";

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

/** Refused approval: the stall's legal identity lacks these (nothing was written). */
export class IncompleteIdentityError extends Error {
  constructor(
    readonly stallName: string,
    readonly missing: LegalField[],
  ) {
    super(`stall ${stallName}: legal identity incomplete (${missing.join(", ")})`);
  }
}

/**
 * Approves or rejects a stall of this market (a decision can be revisited: an approved stall
 * can be withdrawn). Returns null when the stall is not in this market. An approval needs the
 * merchant's legal identity (IncompleteIdentityError). An approved stall gets its chalet number
 * and a spot on the plan, a rejected one leaves the plan, in the decision's transaction
 * (app/models/market-plan.server.ts). The merchant is emailed when the status really changed, so
 * a second click on the same decision sends nothing.
 */
export async function decideStall(
  marketId: string,
  stallId: string,
  decision: StallDecision,
): Promise<{ id: string; name: string; slug: string; status: string; chaletNumber: number | null } | null> {
  const stall = await db.stall.findFirst({
    where: { id: stallId, marketId },
    select: { name: true, legalName: true, siret: true, legalAddress: true },
  });
  if (!stall) return null;
  const missing = missingLegalFields(stall);
  if (decision === "APPROVED" && missing.length > 0) throw new IncompleteIdentityError(stall.name, missing);
  // The identity read above is required again in the write, in case the merchant changed it
  // meanwhile; "status not already this" makes the change (and its email) happen once.
  const identity =
    decision === "APPROVED" ? { legalName: stall.legalName, siret: stall.siret, legalAddress: stall.legalAddress } : {};
  const outcome = await db.$transaction(async (tx) => {
    const { count } = await tx.stall.updateMany({
      where: { id: stallId, marketId, status: { not: decision }, ...identity },
      data: { status: decision },
    });
    const row = await tx.stall.findUnique({ where: { id: stallId }, select: { status: true } });
    if (!row) return { kind: "gone" as const };
    // Not this decision and not written: the identity changed between the read and the write.
    if (row.status !== decision) return { kind: "raced" as const };
    if (decision === "APPROVED") await placeApprovedStall(tx, marketId, stallId);
    else await removeFromPlan(tx, marketId, stallId);
    const decided = await tx.stall.findUniqueOrThrow({
      where: { id: stallId },
      select: { id: true, name: true, slug: true, status: true, chaletNumber: true },
    });
    return { kind: "decided" as const, changed: count === 1, decided };
  });
  if (outcome.kind === "gone") return null;
  if (outcome.kind === "raced") return decideStall(marketId, stallId, decision);
  if (outcome.changed) await notifyStallDecision(stallId, decision);
  return outcome.decided;
}
