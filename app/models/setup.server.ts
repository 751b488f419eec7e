// A town's first start without SQL: on a database with no administrator, the server prints a
// one-time link (/setup/<token>) whose form creates the platform administrator, the first town
// and its organiser's membership. Only the token's sha-256 is stored; the link expires, works
// once, and is refused as soon as any administrator exists.
import { randomBytes } from "node:crypto";
import { db } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import { ORGANISER } from "./authorization.server";
import { hashToken } from "./invitation.server";
import { freeTownSlug } from "./town.server";
import { getUserByEmail, isUniqueViolation, normaliseEmail } from "./user.server";

export const SETUP_VALIDITY_MS = 24 * 60 * 60 * 1000;

/** Serialises set-up claims across instances: taken by every claim's transaction. */
const SETUP_LOCK = "chalet:first-start";

export function adminExists(): Promise<boolean> {
  return db.user.count({ where: { isAdmin: true } }).then((count) => count > 0);
}

/**
 * A fresh set-up token (the caller prints its link), or null when an administrator already
 * exists. Expired tokens are cleared on the way: they can never serve again.
 */
export async function createSetupToken(now: Date): Promise<string | null> {
  if (await adminExists()) return null;
  const token = randomBytes(32).toString("base64url");
  await db.setupToken.deleteMany({ where: { expiresAt: { lte: now } } });
  await db.setupToken.create({
    data: { tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + SETUP_VALIDITY_MS) },
  });
  return token;
}

export function setupLink(baseUrl: string, token: string): string {
  return new URL(`/setup/${token}`, baseUrl).href;
}

/**
 * What the server's start says about set-up: with no administrator yet, a fresh link (printed
 * through `print`, one line); with one, nothing. Returns the link printed, if any.
 */
export async function announceSetupLink(options: {
  baseUrl: string;
  now: Date;
  print: (line: string) => void;
}): Promise<string | null> {
  const token = await createSetupToken(options.now);
  if (!token) return null;
  const link = setupLink(options.baseUrl, token);
  options.print(`Chalet: no administrator yet. Open this link to set up: ${link}`);
  return link;
}

export type SetupTokenState =
  | { status: "valid" }
  | { status: "unknown" }
  | { status: "expired" }
  | { status: "used" }
  /** An administrator exists: every set-up link is void. */
  | { status: "done" };

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

export async function checkSetupToken(token: string, now: Date): Promise<SetupTokenState> {
  if (!TOKEN_SHAPE.test(token)) return { status: "unknown" };
  const row = await db.setupToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { expiresAt: true, usedAt: true },
  });
  if (!row) return { status: "unknown" };
  if (await adminExists()) return { status: "done" };
  if (row.usedAt) return { status: "used" };
  if (row.expiresAt <= now) return { status: "expired" };
  return { status: "valid" };
}

export type SetupInput = {
  name: string;
  email: string;
  password: string;
  townName: string;
  townAddress: string;
  townEmail: string;
  townPhone: string;
  logoSrc: string | null;
};

export type SetupResult =
  | { ok: true; userId: string; townId: string }
  | { ok: false; state: Exclude<SetupTokenState, { status: "valid" }> }
  /** The address has an account already: the form asks for another (nothing is written). */
  | { ok: false; state: { status: "emailTaken" } };

/**
 * Claims the link and creates the administrator, the town and the organiser's membership, in one
 * transaction. A transaction-level advisory lock makes concurrent claims (two people, two
 * instances, two links) run one after another, so the second finds the administrator the first
 * created: exactly one wins, and the loser writes nothing.
 */
export async function completeSetup(token: string, input: SetupInput, now: Date): Promise<SetupResult> {
  const state = await checkSetupToken(token, now);
  if (state.status !== "valid") return { ok: false, state };
  const email = normaliseEmail(input.email);
  // Not made administrator: whoever holds the link would be logged in as that account.
  if (await getUserByEmail(email)) return { ok: false, state: { status: "emailTaken" } };
  const passwordHash = await hashPassword(input.password);
  const tokenHash = hashToken(token);
  try {
    const created = await db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${SETUP_LOCK}))`;
      if ((await tx.user.count({ where: { isAdmin: true } })) > 0) return null;
      const claimed = await tx.setupToken.updateMany({
        where: { tokenHash, usedAt: null, expiresAt: { gt: now } },
        data: { usedAt: now },
      });
      if (claimed.count !== 1) return null;
      const user = await tx.user.create({
        data: { email, name: input.name.trim(), passwordHash, isAdmin: true },
        select: { id: true },
      });
      const town = await tx.town.create({
        data: {
          name: input.townName,
          slug: await freeTownSlug(input.townName, tx),
          address: input.townAddress,
          contactEmail: input.townEmail,
          contactPhone: input.townPhone,
          logoSrc: input.logoSrc,
        },
        select: { id: true },
      });
      await tx.membership.create({ data: { userId: user.id, townId: town.id, role: ORGANISER } });
      return { userId: user.id, townId: town.id };
    });
    if (created) return { ok: true, ...created };
  } catch (error) {
    // The address got an account, or a town made elsewhere took the slug, between the read and
    // the insert: the unique index decides, and nothing was written.
    if (!isUniqueViolation(error)) throw error;
    if (await getUserByEmail(email)) return { ok: false, state: { status: "emailTaken" } };
  }
  const again = await checkSetupToken(token, now);
  return { ok: false, state: again.status === "valid" ? { status: "used" } : again };
}
