// Sign-up by email confirmation. The form answers the same for every address ("check your
// email"), so it cannot tell who has an account; the email says what happened: a link that
// creates the account for a new address, or a reminder with log-in and reset links for a known
// one. The account exists only once the link is used, so nobody can take an address they cannot
// read.
import { randomBytes } from "node:crypto";
import { db } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import { findUsableInvitation, hashToken } from "./invitation.server";
import { lookupTeamInvitation } from "./team.server";
import { getUserByEmail, isUniqueViolation, normaliseEmail, type PublicUser } from "./user.server";

export const SIGNUP_VALIDITY_MS = 24 * 60 * 60 * 1000;

export type SignupRequested =
  { kind: "new"; token: string; email: string; name: string } | { kind: "existing"; user: PublicUser };

/**
 * Records a sign-up for a new address (the caller mails the token's link), or says the address
 * already has an account (the caller mails its owner). `redirectTo` must already be a safe
 * local path.
 */
export async function requestSignup(
  input: { name: string; email: string; password: string; redirectTo: string },
  now: Date,
): Promise<SignupRequested> {
  // Hashed in both cases, before knowing which: argon2 is what would make the answers' timing
  // differ (the rest, one row or none and an email, is small beside it).
  const passwordHash = await hashPassword(input.password);
  const email = normaliseEmail(input.email);
  const user = await getUserByEmail(email);
  if (user) return { kind: "existing", user };
  const token = randomBytes(32).toString("base64url");
  const name = input.name.trim();
  // Expired requests are of no use: cleared here, at the next request.
  await db.signupRequest.deleteMany({ where: { expiresAt: { lte: now } } });
  await db.signupRequest.create({
    data: {
      tokenHash: hashToken(token),
      email,
      name,
      passwordHash,
      redirectTo: input.redirectTo,
      expiresAt: new Date(now.getTime() + SIGNUP_VALIDITY_MS),
    },
  });
  return { kind: "new", token, email, name };
}

export type SignupTokenState =
  | { status: "valid"; email: string; name: string }
  | { status: "unknown" }
  | { status: "expired" }
  | { status: "used" }
  /** The address got an account since (another request confirmed first). */
  | { status: "taken" };

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

export async function checkSignupToken(token: string, now: Date): Promise<SignupTokenState> {
  if (!TOKEN_SHAPE.test(token)) return { status: "unknown" };
  const request = await db.signupRequest.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { email: true, name: true, expiresAt: true, usedAt: true },
  });
  if (!request) return { status: "unknown" };
  if (await getUserByEmail(request.email)) return { status: "taken" };
  if (request.usedAt) return { status: "used" };
  if (request.expiresAt <= now) return { status: "expired" };
  return { status: "valid", email: request.email, name: request.name };
}

/**
 * Creates the account of a confirmed sign-up. Claiming the link (a conditional update, so two
 * clicks cannot both win), creating the user and closing the address's other pending sign-ups
 * happen in one transaction.
 */
export async function confirmSignup(
  token: string,
  now: Date,
): Promise<
  | { ok: true; user: PublicUser; redirectTo: string }
  | { ok: false; state: Exclude<SignupTokenState, { status: "valid" }> }
> {
  const state = await checkSignupToken(token, now);
  if (state.status !== "valid") return { ok: false, state };
  const tokenHash = hashToken(token);
  try {
    const created = await db.$transaction(async (tx) => {
      const request = await tx.signupRequest.findUnique({ where: { tokenHash } });
      if (!request) return null;
      const claimed = await tx.signupRequest.updateMany({
        where: { tokenHash, usedAt: null, expiresAt: { gt: now } },
        data: { usedAt: now },
      });
      if (claimed.count !== 1) return null;
      const user = await tx.user.create({
        data: { email: request.email, name: request.name, passwordHash: request.passwordHash },
        select: { id: true, email: true, name: true, locale: true },
      });
      await tx.signupRequest.updateMany({ where: { email: request.email, usedAt: null }, data: { usedAt: now } });
      return { user, redirectTo: request.redirectTo };
    });
    if (created) return { ok: true, ...created };
  } catch (error) {
    // The address got an account between the check and the insert: the unique index decides.
    if (isUniqueViolation(error)) return { ok: false, state: { status: "taken" } };
    throw error;
  }
  // Lost a race with another click on the same link.
  const again = await checkSignupToken(token, now);
  return { ok: false, state: again.status === "valid" ? { status: "used" } : again };
}

/**
 * The address invited by the invitation a sign-up comes back to (its `redirectTo`, the stall
 * invitation /invitations/<token> or the team one /team/<token>), while that invitation is usable;
 * null otherwise. The token travels in the path, so every sign-up and log-in link that keeps the
 * visitor's way back keeps the invitation too.
 */
export async function invitedEmailFor(redirectTo: string | null, now: Date): Promise<string | null> {
  const match = redirectTo === null ? null : /^\/(invitations|team)\/([A-Za-z0-9_-]{10,100})$/.exec(redirectTo);
  if (!match) return null;
  const [, kind, token] = match;
  if (kind === "invitations") return (await findUsableInvitation(token!, now))?.email ?? null;
  const team = await lookupTeamInvitation(token!, now);
  return team.state === "usable" ? team.email : null;
}

/**
 * A sign-up with the very address an invitation was mailed to: holding the token proves the
 * mailbox, so the account is created at once, with no confirmation e-mail. Null when the
 * address is another one, the invitation is no longer usable or the address already has an
 * account: the caller then takes the usual way (requestSignup), which mails the address.
 */
export async function signupFromInvitation(
  input: { name: string; email: string; password: string; redirectTo: string },
  now: Date,
): Promise<PublicUser | null> {
  const invited = await invitedEmailFor(input.redirectTo, now);
  const email = normaliseEmail(input.email);
  if (invited === null || invited !== email) return null;
  if (await getUserByEmail(email)) return null;
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email, name: input.name.trim(), passwordHash },
        select: { id: true, email: true, name: true, locale: true },
      });
      // A sign-up of the same address left pending by the usual way is now pointless.
      await tx.signupRequest.updateMany({ where: { email, usedAt: null }, data: { usedAt: now } });
      return user;
    });
  } catch (error) {
    // The address got an account meanwhile: the usual way mails its owner.
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}
