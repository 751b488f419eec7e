// Who may act on a stall or a market, answered from data: an organiser has an ORGANISER
// Membership in the market's town; a merchant owns the stall. The one set of checks behind the
// HTTP guards (app/utils/auth.server.ts), chat moderation and the socket handlers.
import { db } from "~/utils/db.server";

/** notFound is told apart so a guard can answer 404 for what does not exist, 403 for what is not yours. */
export type Access = "allowed" | "forbidden" | "notFound";

/** The Membership role that makes an organiser of its town. */
export const ORGANISER = "ORGANISER";

/** An organiser of the town. */
export async function isTownOrganiser(userId: string, townId: string): Promise<boolean> {
  const membership = await db.membership.findUnique({
    where: { userId_townId: { userId, townId } },
    select: { role: true },
  });
  return membership?.role === ORGANISER;
}

/** Organising a market is organising its town; one statement. */
export async function marketOrganiserAccess(userId: string, marketId: string): Promise<Access> {
  const market = await db.market.findUnique({
    where: { id: marketId },
    select: { town: { select: { memberships: { where: { userId, role: ORGANISER }, select: { id: true } } } } },
  });
  if (!market) return "notFound";
  return market.town.memberships.length > 0 ? "allowed" : "forbidden";
}

export async function isMarketOrganiser(userId: string, marketId: string): Promise<boolean> {
  return (await marketOrganiserAccess(userId, marketId)) === "allowed";
}

/** For a caller that already holds the stall (a socket handler's memoised read). */
export function ownsStall(userId: string, stall: { ownerId: string }): boolean {
  return stall.ownerId === userId;
}

export async function stallOwnerAccess(userId: string, stallId: string): Promise<Access> {
  const stall = await db.stall.findUnique({ where: { id: stallId }, select: { ownerId: true } });
  if (!stall) return "notFound";
  return ownsStall(userId, stall) ? "allowed" : "forbidden";
}

/** Who moderates a stall's chat room: its merchant, or an organiser of its market. */
export async function canModerateStall(userId: string, stall: { ownerId: string; marketId: string }): Promise<boolean> {
  return ownsStall(userId, stall) || isMarketOrganiser(userId, stall.marketId);
}

/** A merchant of the market: the owner of one of its approved stalls. */
export async function sellsInMarket(userId: string, marketId: string): Promise<boolean> {
  return (await db.stall.count({ where: { ownerId: userId, marketId, status: "APPROVED" } })) > 0;
}
