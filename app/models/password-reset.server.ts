import { randomBytes } from "node:crypto";
import { db } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import { hashToken } from "./invitation.server";
import { closeSessionSockets, deleteUserSessions } from "./login-session.server";
import { normaliseEmail, type PublicUser } from "./user.server";

export const RESET_VALIDITY_MS = 60 * 60 * 1000;

/**
 * Starts a reset for the account with this email. Returns the secret token for the email
 * link (only its sha-256 hash is stored), or null when no account has this email: the caller
 * must answer the same either way so the form does not reveal who has an account.
 */
export async function createPasswordReset(
  email: string,
  now: Date,
): Promise<{ token: string; user: PublicUser; expiresAt: Date } | null> {
  const user = await db.user.findUnique({
    where: { email: normaliseEmail(email), deletedAt: null },
    select: { id: true, email: true, name: true, locale: true },
  });
  if (!user) return null;
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + RESET_VALIDITY_MS);
  await db.passwordReset.create({ data: { userId: user.id, tokenHash: hashToken(token), expiresAt } });
  return { token, user, expiresAt };
}

export type ResetTokenState =
  { status: "valid"; email: string } | { status: "unknown" } | { status: "expired" } | { status: "used" };

// Tokens are 43 base64url characters; anything else is refused before touching the database.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

export async function checkResetToken(token: string, now: Date): Promise<ResetTokenState> {
  if (!TOKEN_SHAPE.test(token)) return { status: "unknown" };
  const reset = await db.passwordReset.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { expiresAt: true, usedAt: true, user: { select: { email: true } } },
  });
  if (!reset) return { status: "unknown" };
  if (reset.usedAt) return { status: "used" };
  if (reset.expiresAt <= now) return { status: "expired" };
  return { status: "valid", email: reset.user.email };
}

/**
 * Sets the new password if the token is still usable. Claiming the token (a conditional
 * update, so two concurrent submissions cannot both win), changing the password and closing
 * the user's other pending links happen in one transaction: all or nothing.
 */
export async function resetPassword(
  token: string,
  password: string,
  now: Date,
): Promise<{ ok: true; userId: string } | { ok: false; state: Exclude<ResetTokenState, { status: "valid" }> }> {
  const state = await checkResetToken(token, now);
  if (state.status !== "valid") return { ok: false, state };
  // Hashed before the transaction: its connection and row locks are not held during argon2.
  const passwordHash = await hashPassword(password);
  const tokenHash = hashToken(token);
  const claim = await db.$transaction(async (tx) => {
    const reset = await tx.passwordReset.findUnique({ where: { tokenHash }, select: { userId: true } });
    if (!reset) return null;
    const claimed = await tx.passwordReset.updateMany({
      where: { tokenHash, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (claimed.count !== 1) return null;
    await tx.user.update({ where: { id: reset.userId }, data: { passwordHash } });
    // A new password ends every session opened with the old one (someone who knew it, a lost phone).
    const endedSessions = await deleteUserSessions(tx, reset.userId);
    await tx.passwordReset.updateMany({ where: { userId: reset.userId, usedAt: null }, data: { usedAt: now } });
    return { userId: reset.userId, endedSessions };
  });
  if (!claim) {
    // Lost a race with another submission of the same link between the check and the claim.
    const again = await checkResetToken(token, now);
    return { ok: false, state: again.status === "valid" ? { status: "used" } : again };
  }
  // Committed: their sockets are closed now, on every instance, not at their next write.
  closeSessionSockets(claim.endedSessions);
  return { ok: true, userId: claim.userId };
}
