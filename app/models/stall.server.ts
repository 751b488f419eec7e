// Stall queries. Public reads first (only APPROVED stalls of PUBLISHED markets are ever shown
// to visitors); merchant writes go below them.
import { db } from "~/utils/db.server";
import type { StallInput } from "~/schemas/merchant";
import { hashToken } from "./invitation.server";
import { isUniqueViolation } from "./user.server";

/** Approved stalls of a market for its grid and plan, each with its first photo. */
export async function listApprovedStalls(marketId: string) {
  const stalls = await db.stall.findMany({
    where: { marketId, status: "APPROVED" },
    orderBy: { name: "asc" },
    select: {
      id: true,
      slug: true,
      name: true,
      category: true,
      description: true,
      planX: true,
      planY: true,
      photos: { orderBy: { position: "asc" }, take: 1, select: { thumbSrc: true, alt: true } },
    },
  });
  return stalls.map(({ photos, ...stall }) => ({ ...stall, photo: photos[0] ?? null }));
}

/**
 * Everything the public stall page needs, in one Prisma call: it is the hottest page of a
 * market, so only the shown columns are read, and only the sessions still to come.
 * Null when the stall is unknown, not approved, or its market is not published.
 */
export async function getPublicStall(marketSlug: string, stallSlug: string, now: Date) {
  return db.stall.findFirst({
    where: { slug: stallSlug, status: "APPROVED", market: { slug: marketSlug, status: "PUBLISHED" } },
    select: {
      id: true,
      slug: true,
      name: true,
      category: true,
      description: true,
      pickupDetails: true,
      photos: {
        orderBy: { position: "asc" },
        select: { id: true, src: true, thumbSrc: true, width: true, height: true, alt: true },
      },
      products: {
        where: { active: true },
        orderBy: [{ position: "asc" }, { createdAt: "asc" }],
        select: {
          id: true,
          name: true,
          description: true,
          priceCents: true,
          stock: true,
          stockVersion: true,
          photos: { orderBy: { position: "asc" }, take: 1, select: { thumbSrc: true, alt: true } },
        },
      },
      market: {
        select: {
          id: true,
          slug: true,
          name: true,
          timezone: true,
          // Enough to know whether the market is open (the running chain) and to list the week.
          sessions: {
            where: { cancelledAt: null, endsAt: { gt: now } },
            orderBy: { startsAt: "asc" },
            take: 14,
            select: { id: true, startsAt: true, endsAt: true },
          },
        },
      },
    },
  });
}

/** What the link-preview picture of a stall shows; updatedAt keys its cache. */
export async function getStallPreview(marketSlug: string, stallSlug: string) {
  return db.stall.findFirst({
    where: { slug: stallSlug, status: "APPROVED", market: { slug: marketSlug, status: "PUBLISHED" } },
    select: { name: true, category: true, updatedAt: true, market: { select: { name: true } } },
  });
}

// ---------------------------------------------------------------------------------------------
// Merchant side: the owner's own stalls. Writes are scoped by ownerId as well as the stall id,
// so even a route that forgot requireStallOwner could not change someone else's stall.

/** The stalls a user owns, with their market, for the merchant home. */
export function listOwnedStalls(ownerId: string) {
  return db.stall.findMany({
    where: { ownerId },
    orderBy: [{ createdAt: "asc" }],
    select: {
      id: true,
      slug: true,
      name: true,
      category: true,
      status: true,
      market: { select: { slug: true, name: true, status: true } },
      _count: { select: { products: true } },
      photos: { orderBy: { position: "asc" }, take: 1, select: { thumbSrc: true, alt: true } },
    },
  });
}

/** One owned stall with what its edit pages show; null when unknown or not the owner's. */
export function getOwnedStall(ownerId: string, stallId: string) {
  return db.stall.findFirst({
    where: { id: stallId, ownerId },
    select: {
      id: true,
      slug: true,
      name: true,
      category: true,
      description: true,
      pickupDetails: true,
      status: true,
      market: { select: { slug: true, name: true, status: true } },
    },
  });
}

export async function updateStallDetails(ownerId: string, stallId: string, input: StallInput): Promise<boolean> {
  // The slug stays as it was: public links and shared posts keep working after a rename.
  const updated = await db.stall.updateMany({
    where: { id: stallId, ownerId },
    data: {
      name: input.name,
      category: input.category,
      description: input.description,
      pickupDetails: input.pickupDetails,
    },
  });
  return updated.count === 1;
}

/** "Crêpes de Brocéliande !" -> "crepes-de-broceliande". */
export function slugify(name: string): string {
  const slug = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return slug || "stand";
}

export type InvitationLookup =
  | { state: "unknown" }
  | { state: "used" | "expired"; marketName: string }
  | {
      state: "usable";
      invitation: { id: string; email: string; expiresAt: Date };
      market: { id: string; slug: string; name: string; description: string; townName: string };
    };

/** Tells an unknown token (404) from a used or expired one (410) so the page can say which. */
export async function lookupInvitation(token: string, now: Date): Promise<InvitationLookup> {
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      email: true,
      expiresAt: true,
      acceptedAt: true,
      market: {
        select: { id: true, slug: true, name: true, description: true, town: { select: { name: true } } },
      },
    },
  });
  if (!invitation) return { state: "unknown" };
  if (invitation.acceptedAt) return { state: "used", marketName: invitation.market.name };
  if (invitation.expiresAt <= now) return { state: "expired", marketName: invitation.market.name };
  const { town, ...market } = invitation.market;
  return {
    state: "usable",
    invitation: { id: invitation.id, email: invitation.email, expiresAt: invitation.expiresAt },
    market: { ...market, townName: town.name },
  };
}

export class InvitationUnusableError extends Error {
  constructor() {
    super("invitation already used or expired");
  }
}

/**
 * Accepting an invitation: in ONE transaction the invitation is claimed with a conditional
 * update (acceptedAt still null, not expired), so a token works once even when two tabs
 * submit together, and the PENDING stall is created with a slug unique in its market.
 */
export async function createStallFromInvitation(input: {
  token: string;
  ownerId: string;
  stall: StallInput;
  now: Date;
}): Promise<{ id: string; slug: string }> {
  const base = slugify(input.stall.name);
  // A concurrent stall can take the chosen slug between the read and the insert: retry then.
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        const invitation = await tx.invitation.findUnique({
          where: { tokenHash: hashToken(input.token) },
          select: { id: true, marketId: true },
        });
        if (!invitation) throw new InvitationUnusableError();
        const claimed = await tx.invitation.updateMany({
          where: { id: invitation.id, acceptedAt: null, expiresAt: { gt: input.now } },
          data: { acceptedAt: input.now },
        });
        if (claimed.count !== 1) throw new InvitationUnusableError();
        const taken = await tx.stall.findMany({
          where: { marketId: invitation.marketId, slug: { startsWith: base } },
          select: { slug: true },
        });
        const used = new Set(taken.map((s) => s.slug));
        let slug = base;
        for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
        return tx.stall.create({
          data: {
            marketId: invitation.marketId,
            ownerId: input.ownerId,
            slug,
            status: "PENDING",
            name: input.stall.name,
            category: input.stall.category,
            description: input.stall.description,
            pickupDetails: input.stall.pickupDetails,
          },
          select: { id: true, slug: true },
        });
      });
    } catch (error) {
      if (attempt < 3 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}
