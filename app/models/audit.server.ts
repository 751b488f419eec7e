// The audit log: who did what to a town's team and settings, and to the platform's towns (shown
// in /admin). Rows are written by the models that make the change, in the same transaction, so
// a change without its line (or a line without its change) cannot happen.
import { db, type Tx } from "~/utils/db.server";

export const AUDIT_ACTIONS = [
  "town.created",
  "town.updated",
  "team.invited",
  "team.invitation_revoked",
  "team.joined",
  "team.role_changed",
  "team.removed",
  "market.draft_deleted",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditActor = { id: string; name: string };

/** One line; `subject` says what it was done to, in words (an email, a name, "MODERATOR → ORGANISER"). */
export async function recordAudit(
  tx: Tx,
  input: { actor: AuditActor; townId: string | null; action: AuditAction; subject: string; now: Date },
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: input.actor.id,
      actorName: input.actor.name,
      townId: input.townId,
      action: input.action,
      subject: input.subject,
      createdAt: input.now,
    },
  });
}

/** A town's log, newest first. */
export function listTownAudit(townId: string, take = 100) {
  return db.auditEvent.findMany({
    where: { townId },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, actorName: true, action: true, subject: true, createdAt: true },
  });
}
