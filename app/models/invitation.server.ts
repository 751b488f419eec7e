import { createHash, randomBytes } from "node:crypto";
import { db } from "~/utils/db.server";
import { normaliseEmail } from "./user.server";

const INVITATION_DAYS = 30;

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * A new invitation's row and the secret token for its email link (only the hash is stored).
 * Shared by the invitations tab and "Reconduire" (market-edition.server.ts), which writes its
 * rows inside the transaction that creates the edition.
 */
export function newInvitation(input: {
  marketId: string;
  email: string;
  invitedById: string;
  now: Date;
  previousStallId?: string | null;
}) {
  const token = randomBytes(24).toString("base64url");
  const data = {
    marketId: input.marketId,
    email: normaliseEmail(input.email),
    invitedById: input.invitedById,
    tokenHash: hashToken(token),
    expiresAt: new Date(input.now.getTime() + INVITATION_DAYS * 86400_000),
    previousStallId: input.previousStallId ?? null,
  };
  return { token, data };
}

/** Creates an invitation and returns the secret token for the email link (only its hash is stored). */
export async function createInvitation(input: { marketId: string; email: string; invitedById: string; now: Date }) {
  const { token, data } = newInvitation(input);
  const invitation = await db.invitation.create({ data });
  return { token, invitation };
}

/** The invitation behind a token when it is still usable, with its market. */
export async function findUsableInvitation(token: string, now: Date) {
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { market: { select: { id: true, name: true, slug: true, timezone: true } } },
  });
  if (!invitation || invitation.acceptedAt || invitation.expiresAt <= now) return null;
  return invitation;
}

export function listInvitations(marketId: string) {
  return db.invitation.findMany({ where: { marketId }, orderBy: { createdAt: "desc" } });
}
