// A town's team: organisers (everything) and moderators (chat reports and mutes only). Invited by
// email by an administrator or an organiser of the town; the link works once, for 7 days, and only
// for an account with the invited address. Every change writes its AuditEvent in the same
// transaction. Rule: a town that has an organiser keeps at least one (nobody removes or demotes
// the last), so there is always someone to run its markets; an administrator who wants to hand a
// town over invites the new organiser first. Changes that count organisers lock the town's row,
// so two organisers removing each other at once cannot both succeed.
import { randomBytes } from "node:crypto";
import { db, type Tx } from "~/utils/db.server";
import { recordAudit, type AuditActor } from "./audit.server";
import { ORGANISER, teamManagerAccess, type TeamRole } from "./authorization.server";
import { hashToken } from "./invitation.server";
import { normaliseEmail } from "./user.server";

export const TEAM_INVITATION_DAYS = 7;

/** The actor may not manage this town's team (checked here too, whatever the route did). */
export class TeamForbiddenError extends Error {}

export type TeamFailure =
  | "notFound"
  | "alreadyMember"
  | "lastOrganiser"
  | "notMember"
  | "unknown"
  | "used"
  | "expired"
  | "revoked"
  | "wrongEmail";
export type TeamResult<T = object> = ({ ok: true } & T) | { ok: false; reason: TeamFailure };

async function checkManager(actor: AuditActor, townId: string): Promise<void> {
  const access = await teamManagerAccess(actor.id, townId);
  if (access !== "allowed") throw new TeamForbiddenError(`${actor.id} may not manage town ${townId} (${access})`);
}

/**
 * Serialises the changes that count a town's organisers, and those that compare its markets'
 * names (`townNameTaken`, app/models/market.server.ts).
 */
export async function lockTown(tx: Tx, townId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Town" WHERE "id" = ${townId} FOR UPDATE`;
  return rows.length > 0;
}

/** Would taking `userId` out of the organisers leave a town that had some with none? */
async function isLastOrganiser(tx: Tx, townId: string, userId: string): Promise<boolean> {
  const others = await tx.membership.count({ where: { townId, role: ORGANISER, userId: { not: userId } } });
  return others === 0;
}

/** Members (organisers first, then by name) and the invitations not yet accepted or revoked. */
export async function getTeam(townId: string, now: Date) {
  const [members, invitations] = await Promise.all([
    db.membership.findMany({
      where: { townId },
      select: { role: true, user: { select: { id: true, name: true, email: true } } },
    }),
    db.teamInvitation.findMany({
      where: { townId, acceptedAt: null, revokedAt: null },
      orderBy: { createdAt: "desc" },
      select: { id: true, email: true, role: true, createdAt: true, expiresAt: true },
    }),
  ]);
  return {
    members: members
      .map((m) => ({ ...m.user, role: m.role as TeamRole }))
      .sort((a, b) => (a.role === b.role ? a.name.localeCompare(b.name) : a.role === ORGANISER ? -1 : 1)),
    invitations: invitations.map((i) => ({ ...i, role: i.role as TeamRole, expired: i.expiresAt <= now })),
  };
}

/**
 * Invites `email` with `role`; a newer invitation to the same address replaces (revokes) the
 * pending ones. Answers the secret token for the email link: only its hash is stored.
 */
export async function inviteTeamMember(input: {
  actor: AuditActor;
  townId: string;
  email: string;
  role: TeamRole;
  now: Date;
}): Promise<TeamResult<{ token: string; email: string; expiresAt: Date; townName: string }>> {
  await checkManager(input.actor, input.townId);
  const email = normaliseEmail(input.email);
  const token = randomBytes(24).toString("base64url");
  const expiresAt = new Date(input.now.getTime() + TEAM_INVITATION_DAYS * 86400_000);
  return db.$transaction(async (tx) => {
    const town = await tx.town.findUnique({ where: { id: input.townId }, select: { name: true } });
    if (!town) return { ok: false as const, reason: "notFound" as const };
    const member = await tx.membership.count({ where: { townId: input.townId, user: { email } } });
    if (member > 0) return { ok: false as const, reason: "alreadyMember" as const };
    await tx.teamInvitation.updateMany({
      where: { townId: input.townId, email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: input.now },
    });
    await tx.teamInvitation.create({
      data: {
        townId: input.townId,
        email,
        role: input.role,
        tokenHash: hashToken(token),
        invitedById: input.actor.id,
        expiresAt,
        createdAt: input.now,
      },
    });
    await recordAudit(tx, {
      actor: input.actor,
      townId: input.townId,
      action: "team.invited",
      subject: `${email} (${input.role})`,
      now: input.now,
    });
    return { ok: true as const, token, email, expiresAt, townName: town.name };
  });
}

/** Revokes a pending invitation of this town: its link stops working. */
export async function revokeTeamInvitation(input: {
  actor: AuditActor;
  townId: string;
  invitationId: string;
  now: Date;
}): Promise<TeamResult> {
  await checkManager(input.actor, input.townId);
  return db.$transaction(async (tx) => {
    const invitation = await tx.teamInvitation.findFirst({
      where: { id: input.invitationId, townId: input.townId, acceptedAt: null, revokedAt: null },
      select: { email: true, role: true },
    });
    if (!invitation) return { ok: false as const, reason: "notFound" as const };
    // Conditional: accepted or revoked meanwhile, nothing changes.
    const { count } = await tx.teamInvitation.updateMany({
      where: { id: input.invitationId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: input.now },
    });
    if (count === 0) return { ok: false as const, reason: "notFound" as const };
    await recordAudit(tx, {
      actor: input.actor,
      townId: input.townId,
      action: "team.invitation_revoked",
      subject: `${invitation.email} (${invitation.role})`,
      now: input.now,
    });
    return { ok: true as const };
  });
}

export async function changeTeamRole(input: {
  actor: AuditActor;
  townId: string;
  userId: string;
  role: TeamRole;
  now: Date;
}): Promise<TeamResult> {
  await checkManager(input.actor, input.townId);
  return db.$transaction(async (tx) => {
    if (!(await lockTown(tx, input.townId))) return { ok: false as const, reason: "notFound" as const };
    const membership = await tx.membership.findUnique({
      where: { userId_townId: { userId: input.userId, townId: input.townId } },
      select: { id: true, role: true, user: { select: { email: true } } },
    });
    if (!membership) return { ok: false as const, reason: "notMember" as const };
    if (membership.role === input.role) return { ok: true as const };
    if (membership.role === ORGANISER && (await isLastOrganiser(tx, input.townId, input.userId))) {
      return { ok: false as const, reason: "lastOrganiser" as const };
    }
    await tx.membership.update({ where: { id: membership.id }, data: { role: input.role } });
    await recordAudit(tx, {
      actor: input.actor,
      townId: input.townId,
      action: "team.role_changed",
      subject: `${membership.user.email} (${membership.role} → ${input.role})`,
      now: input.now,
    });
    return { ok: true as const };
  });
}

/** Takes a member out of the team (their account stays). An organiser may leave, unless the last. */
export async function removeTeamMember(input: {
  actor: AuditActor;
  townId: string;
  userId: string;
  now: Date;
}): Promise<TeamResult> {
  await checkManager(input.actor, input.townId);
  return db.$transaction(async (tx) => {
    if (!(await lockTown(tx, input.townId))) return { ok: false as const, reason: "notFound" as const };
    const membership = await tx.membership.findUnique({
      where: { userId_townId: { userId: input.userId, townId: input.townId } },
      select: { id: true, role: true, user: { select: { email: true } } },
    });
    if (!membership) return { ok: false as const, reason: "notMember" as const };
    if (membership.role === ORGANISER && (await isLastOrganiser(tx, input.townId, input.userId))) {
      return { ok: false as const, reason: "lastOrganiser" as const };
    }
    await tx.membership.delete({ where: { id: membership.id } });
    await recordAudit(tx, {
      actor: input.actor,
      townId: input.townId,
      action: "team.removed",
      subject: `${membership.user.email} (${membership.role})`,
      now: input.now,
    });
    return { ok: true as const };
  });
}

type InvitationState = "usable" | "used" | "expired" | "revoked";
function stateOf(i: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now: Date): InvitationState {
  if (i.acceptedAt) return "used";
  if (i.revokedAt) return "revoked";
  if (i.expiresAt <= now) return "expired";
  return "usable";
}

/** What the invitation page shows for a token: its state, town, address and role. */
export async function lookupTeamInvitation(token: string, now: Date) {
  const invitation = await db.teamInvitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      email: true,
      role: true,
      acceptedAt: true,
      revokedAt: true,
      expiresAt: true,
      town: { select: { id: true, name: true } },
    },
  });
  if (!invitation) return { state: "unknown" as const };
  return {
    state: stateOf(invitation, now),
    email: invitation.email,
    role: invitation.role as TeamRole,
    town: invitation.town,
  };
}

/**
 * Accepts the invitation for `user`, whose address must be the invited one: the membership (or its
 * new role) and the audit line, once. An organiser accepting a moderator's invitation is demoted,
 * under the last-organiser rule.
 */
export async function acceptTeamInvitation(input: {
  token: string;
  user: { id: string; name: string; email: string };
  now: Date;
}): Promise<TeamResult<{ townId: string; role: TeamRole }>> {
  const tokenHash = hashToken(input.token);
  return db
    .$transaction(async (tx) => {
      const invitation = await tx.teamInvitation.findUnique({ where: { tokenHash } });
      if (!invitation) return { ok: false as const, reason: "unknown" as const };
      const state = stateOf(invitation, input.now);
      if (state !== "usable") return { ok: false as const, reason: state };
      if (normaliseEmail(input.user.email) !== invitation.email)
        return { ok: false as const, reason: "wrongEmail" as const };
      await lockTown(tx, invitation.townId);
      // Conditional: two tabs accepting at once, one wins.
      const { count } = await tx.teamInvitation.updateMany({
        where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: input.now } },
        data: { acceptedAt: input.now },
      });
      if (count === 0) return { ok: false as const, reason: "used" as const };
      const role = invitation.role as TeamRole;
      const where = { userId_townId: { userId: input.user.id, townId: invitation.townId } };
      const existing = await tx.membership.findUnique({ where, select: { role: true } });
      if (
        existing?.role === ORGANISER &&
        role !== ORGANISER &&
        (await isLastOrganiser(tx, invitation.townId, input.user.id))
      ) {
        // Rolls the acceptance back: the invitation stays usable for when another organiser exists.
        throw new LastOrganiserRollback();
      }
      await tx.membership.upsert({
        where,
        create: { userId: input.user.id, townId: invitation.townId, role, createdAt: input.now },
        update: { role },
      });
      await recordAudit(tx, {
        actor: input.user,
        townId: invitation.townId,
        action: "team.joined",
        subject: `${invitation.email} (${role})`,
        now: input.now,
      });
      return { ok: true as const, townId: invitation.townId, role };
    })
    .catch((error: unknown) => {
      if (error instanceof LastOrganiserRollback) return { ok: false as const, reason: "lastOrganiser" as const };
      throw error;
    });
}

class LastOrganiserRollback extends Error {}
