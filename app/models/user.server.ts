import { db } from "~/utils/db.server";
import { ORGANISER } from "./authorization.server";
import { hashPassword, verifyPassword } from "~/utils/password.server";

export type PublicUser = { id: string; email: string; name: string; locale: string };

const publicFields = { id: true, email: true, name: true, locale: true } as const;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * The live account with this address. A deleted account (a tombstone kept for its orders,
 * app/models/account-data.server.ts) is never found: its address was replaced, and this says so
 * again, so sign-up, log-in and resets treat the address as free.
 */
export function getUserByEmail(email: string): Promise<PublicUser | null> {
  return db.user.findUnique({ where: { email: normaliseEmail(email), deletedAt: null }, select: publicFields });
}

export async function verifyLogin(email: string, password: string): Promise<PublicUser | null> {
  const user = await db.user.findUnique({ where: { email: normaliseEmail(email), deletedAt: null } });
  if (!user) {
    // Spend the same time as a real check so response time does not reveal which emails exist.
    await verifyPassword(DUMMY_HASH, password);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password))) return null;
  return { id: user.id, email: user.email, name: user.name, locale: user.locale };
}

export async function setPassword(userId: string, password: string): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(password) } });
}

/**
 * Organiser or moderator of which towns, owner of which stalls: roles come from data; the one
 * flag is the platform administrator's (User.isAdmin, set by the first start's set-up link).
 */
export async function getUserRoles(userId: string) {
  const [memberships, stalls, user] = await Promise.all([
    db.membership.findMany({ where: { userId }, select: { townId: true, role: true } }),
    db.stall.findMany({ where: { ownerId: userId }, select: { id: true } }),
    db.user.findUnique({ where: { id: userId }, select: { isAdmin: true } }),
  ]);
  return {
    organiserOfTownIds: memberships.filter((m) => m.role === ORGANISER).map((m) => m.townId),
    /** Organisers and moderators: who has the organiser console (moderators its reports only). */
    teamOfTownIds: memberships.map((m) => m.townId),
    stallIds: stalls.map((s) => s.id),
    isAdmin: user?.isAdmin ?? false,
  };
}

/**
 * Where a user lands after logging in when they were not going anywhere: the team of a town
 * (organisers and moderators) to the organiser console, which needs them first (stalls to
 * review, reports); else a merchant to their stalls; else an administrator to /admin; a resident
 * to the home page. Someone both organiser and merchant lands on the console: the header links
 * to their stalls.
 */
export function landingPath(roles: Awaited<ReturnType<typeof getUserRoles>>): string {
  if (roles.teamOfTownIds.length > 0) return "/organiser";
  if (roles.stallIds.length > 0) return "/merchant";
  if (roles.isAdmin) return "/admin";
  return "/";
}

export function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === "P2002"
  );
}

// argon2id hash of a random string, used only to equalise timing for unknown emails.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$2cvBmcr/KPIiPRzFWjSzGw$vrlv2ELhn490NjRQUuesjw/tmlxjBMHpN2kY5yKpdyM";
