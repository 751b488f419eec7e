// Who may act on a stall, a market or a town, answered from data: an organiser has an ORGANISER
// Membership in the market's town, a moderator a MODERATOR one (chat reports and mutes only); a
// merchant owns the stall; an administrator has User.isAdmin (towns and their teams, /admin).
// The one set of checks behind the HTTP guards (app/utils/auth.server.ts), chat moderation, the
// team's model (team.server.ts) and the socket handlers.
import { db } from "~/utils/db.server";

/** notFound is told apart so a guard can answer 404 for what does not exist, 403 for what is not yours. */
export type Access = "allowed" | "forbidden" | "notFound";

/** The Membership role that makes an organiser of its town (everything in its markets). */
export const ORGANISER = "ORGANISER";
/** The Membership role that moderates its town's chat (reports, deletions, mutes) and nothing else. */
export const MODERATOR = "MODERATOR";
export const TEAM_ROLES = [ORGANISER, MODERATOR] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

/** An organiser of the town. */
export async function isTownOrganiser(userId: string, townId: string): Promise<boolean> {
  const membership = await db.membership.findUnique({
    where: { userId_townId: { userId, townId } },
    select: { role: true },
  });
  return membership?.role === ORGANISER;
}

/** A platform administrator (User.isAdmin). Not an organiser of any town by that alone. */
export async function isAdmin(userId: string): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { isAdmin: true, deletedAt: true } });
  return user?.isAdmin === true && user.deletedAt === null;
}

/** Who manages a town's team (invite, change a role, remove): an administrator or an organiser of the town. */
export async function teamManagerAccess(userId: string, townId: string): Promise<Access> {
  const [town, admin, organiser] = await Promise.all([
    db.town.findUnique({ where: { id: townId }, select: { id: true } }),
    isAdmin(userId),
    isTownOrganiser(userId, townId),
  ]);
  if (!town) return "notFound";
  return admin || organiser ? "allowed" : "forbidden";
}

/** A member of the market's town with one of `roles`; one statement. */
async function marketTeamAccess(userId: string, marketId: string, roles: readonly string[]): Promise<Access> {
  const market = await db.market.findUnique({
    where: { id: marketId },
    select: {
      town: { select: { memberships: { where: { userId, role: { in: [...roles] } }, select: { id: true } } } },
    },
  });
  if (!market) return "notFound";
  return market.town.memberships.length > 0 ? "allowed" : "forbidden";
}

/** Organising a market is organising its town. */
export function marketOrganiserAccess(userId: string, marketId: string): Promise<Access> {
  return marketTeamAccess(userId, marketId, [ORGANISER]);
}

/** Moderating a market's chat (its reports, deletions and mutes): its town's organisers and moderators. */
export function marketModeratorAccess(userId: string, marketId: string): Promise<Access> {
  return marketTeamAccess(userId, marketId, TEAM_ROLES);
}

export async function isMarketOrganiser(userId: string, marketId: string): Promise<boolean> {
  return (await marketOrganiserAccess(userId, marketId)) === "allowed";
}

/** An organiser or a moderator of the market's town. */
export async function isMarketModerator(userId: string, marketId: string): Promise<boolean> {
  return (await marketModeratorAccess(userId, marketId)) === "allowed";
}

/** The user's role in the market's town (ORGANISER, MODERATOR) or null; the console draws its tabs from it. */
export async function marketTeamRole(userId: string, marketId: string): Promise<TeamRole | null> {
  const market = await db.market.findUnique({
    where: { id: marketId },
    select: { town: { select: { memberships: { where: { userId }, select: { role: true } } } } },
  });
  const role = market?.town.memberships[0]?.role;
  return role === ORGANISER || role === MODERATOR ? role : null;
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

/** Who moderates a stall's chat room: its merchant, or an organiser or moderator of its market's town. */
export async function canModerateStall(userId: string, stall: { ownerId: string; marketId: string }): Promise<boolean> {
  return ownsStall(userId, stall) || isMarketModerator(userId, stall.marketId);
}

/** A merchant of the market: the owner of one of its approved stalls. */
export async function sellsInMarket(userId: string, marketId: string): Promise<boolean> {
  return (await db.stall.count({ where: { ownerId: userId, marketId, status: "APPROVED" } })) > 0;
}
