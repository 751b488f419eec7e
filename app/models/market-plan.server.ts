// The plan of the square: each approved stall's chalet number and spot. The stored
// `Stall.chaletNumber` is the only source of a number: it is given once at approval (one more
// than the market's highest) and changed only by an organiser, so "chalet n° 13" in a pickup text
// stays true when other stalls are approved later. Every change of a market's plan runs under
// that market's advisory lock: two approvals at once would otherwise both read the same highest
// number (the unique index would refuse the second) or the same free spot (nothing would).
import { db, type Tx } from "~/utils/db.server";
import { freeSpot, isFreeSpot, nextChaletNumber } from "./market-plan";
import { isUniqueViolation } from "./user.server";

async function lockMarketPlan(tx: Tx, marketId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"market-plan:" + marketId}))`;
}

/**
 * Gives a stall that has just been approved (inside the approval's transaction) its number and
 * a spot, unless it already has them: a number, and a spot clear of the tree and of the other
 * chalets. An approval never changes another stall.
 */
export async function placeApprovedStall(tx: Tx, marketId: string, stallId: string): Promise<void> {
  await lockMarketPlan(tx, marketId);
  const stalls = await tx.stall.findMany({
    where: { marketId, OR: [{ status: "APPROVED" }, { chaletNumber: { not: null } }] },
    select: { id: true, status: true, chaletNumber: true, planX: true, planY: true },
  });
  const stall = stalls.find((s) => s.id === stallId);
  if (!stall) return;
  const others = stalls.filter((s) => s.id !== stallId && s.status === "APPROVED");
  const data: { chaletNumber?: number; planX?: number; planY?: number } = {};
  if (stall.chaletNumber === null) {
    const number = nextChaletNumber(stalls.flatMap((s) => (s.chaletNumber === null ? [] : [s.chaletNumber])));
    // 999 chalets on one square: the stall stays unnumbered rather than failing its approval.
    if (number !== null) data.chaletNumber = number;
  }
  if (!isFreeSpot(stall, others)) Object.assign(data, freeSpot(others));
  if (Object.keys(data).length) await tx.stall.update({ where: { id: stallId }, data });
}

/**
 * A stall that is no longer approved leaves the plan: its number is free for the organiser to
 * give again (never to a later approval, which takes the highest + 1), and it will get a spot
 * anew if it is approved again.
 */
export async function removeFromPlan(tx: Tx, marketId: string, stallId: string): Promise<void> {
  await lockMarketPlan(tx, marketId);
  await tx.stall.updateMany({
    where: { id: stallId, marketId },
    data: { chaletNumber: null, planX: 50, planY: 50 },
  });
}

/** The approved stalls of a market as the plan editor shows them, by number (unnumbered last). */
export async function listMarketPlan(marketId: string) {
  const stalls = await db.stall.findMany({
    where: { marketId, status: "APPROVED" },
    orderBy: [{ chaletNumber: { sort: "asc", nulls: "last" } }, { name: "asc" }],
    select: { id: true, slug: true, name: true, category: true, chaletNumber: true, planX: true, planY: true },
  });
  return stalls;
}

/** A chalet's new spot, and its new number unless `chaletNumber` is left out (a drag on the plan). */
export type ChaletEdit = { stallId: string; chaletNumber?: number; planX: number; planY: number; swap: boolean };

export type ChaletEditResult =
  | { ok: true; name: string; chaletNumber: number | null; swappedWith: string | null }
  | { ok: false; reason: "notFound" }
  | { ok: false; reason: "numberTaken"; holder: string | null };

/**
 * An organiser's change of one chalet: its number and its spot, in one step. A number held by
 * another chalet of the market is refused (nothing written) unless `swap` asks to exchange the
 * two numbers. Only approved stalls of this market are found: anything else is "notFound".
 */
export async function editChalet(marketId: string, edit: ChaletEdit): Promise<ChaletEditResult> {
  try {
    return await db.$transaction(async (tx): Promise<ChaletEditResult> => {
      await lockMarketPlan(tx, marketId);
      const stall = await tx.stall.findFirst({
        where: { id: edit.stallId, marketId, status: "APPROVED" },
        select: { id: true, name: true, chaletNumber: true },
      });
      if (!stall) return { ok: false, reason: "notFound" };
      let swappedWith: string | null = null;
      const chaletNumber = edit.chaletNumber ?? stall.chaletNumber;
      if (edit.chaletNumber !== undefined && stall.chaletNumber !== edit.chaletNumber) {
        const holder = await tx.stall.findFirst({
          where: { marketId, chaletNumber: edit.chaletNumber, id: { not: stall.id } },
          select: { id: true, name: true },
        });
        if (holder && !edit.swap) return { ok: false, reason: "numberTaken", holder: holder.name };
        if (holder) {
          // The unique index allows one holder of a number at a time: free it, take it, give back.
          await tx.stall.update({ where: { id: holder.id }, data: { chaletNumber: null } });
          await tx.stall.update({ where: { id: stall.id }, data: { chaletNumber: edit.chaletNumber } });
          const numbers = await tx.stall.findMany({
            where: { marketId, chaletNumber: { not: null } },
            select: { chaletNumber: true },
          });
          const given =
            stall.chaletNumber ?? nextChaletNumber(numbers.flatMap((s) => (s.chaletNumber ? [s.chaletNumber] : [])));
          await tx.stall.update({ where: { id: holder.id }, data: { chaletNumber: given } });
          swappedWith = holder.name;
        }
      }
      await tx.stall.update({
        where: { id: stall.id },
        data: { chaletNumber, planX: edit.planX, planY: edit.planY },
      });
      return { ok: true, name: stall.name, chaletNumber, swappedWith };
    });
  } catch (error) {
    // Under the lock only a number written outside this module (a script) can still collide.
    if (isUniqueViolation(error)) return { ok: false, reason: "numberTaken", holder: null };
    throw error;
  }
}
