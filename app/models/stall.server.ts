// Stall queries. Public reads first (only APPROVED stalls of PUBLISHED markets are ever shown
// to visitors); merchant writes go below them.
import { Prisma } from "~/generated/prisma/client";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { createReadCache } from "~/utils/read-cache.server";
import { slugify } from "~/utils/slug";
import type { StallInput } from "~/schemas/merchant";
import { hashToken } from "./invitation.server";
import { ownerCanBePaid } from "./payout-account.server";
import { isUniqueViolation } from "./user.server";
import { prepareSchedule } from "./market-status";
import { missingLegalFields } from "./stall-legal";
import { notifyStallAwaitingReview } from "./stall-notify.server";

/** A stall's first photo, for cards and lists. */
export const firstPhotoSelect = {
  orderBy: { position: "asc" },
  take: 1,
  select: { thumbSrc: true, alt: true },
} as const;

/** A stall's own fields, as its edit page and the organiser's review show them. */
export const stallDetailsSelect = {
  id: true,
  slug: true,
  name: true,
  category: true,
  description: true,
  pickupDetails: true,
  status: true,
  legalName: true,
  siret: true,
  legalAddress: true,
} as const;

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
      chaletNumber: true,
      photos: firstPhotoSelect,
    },
  });
  return stalls.map(({ photos, ...stall }) => ({ ...stall, photo: photos[0] ?? null }));
}

type PublicStallRow = {
  id: string;
  canTakeOrders: boolean;
  slug: string;
  name: string;
  category: string;
  description: string;
  pickupDetails: string;
  legalName: string;
  siret: string;
  legalAddress: string;
  chaletNumber: number | null;
  marketId: string;
  marketSlug: string;
  townSlug: string;
  townWebsite: string;
  marketName: string;
  timezone: string;
};
/** One row of the stall page's second read: a product, a stall photo or a market session. */
type StallContentRow = {
  kind: "product" | "photo" | "session" | "override";
  id: string;
  name: string | null;
  description: string | null;
  priceCents: number | null;
  stock: number | null;
  stockVersion: number | null;
  thumbSrc: string | null;
  alt: string | null;
  src: string | null;
  width: number | null;
  height: number | null;
  position: number | null;
  createdAt: Date | string | null;
  startsAt: Date | string | null;
  endsAt: Date | string | null;
};

const ms = (value: Date | string | null) => (value === null ? 0 : new Date(value).getTime());

/**
 * Everything the public stall page needs, in two SQL reads: the stall with its market, then
 * its active products (each with its first photo), its photos and the market's sessions as one
 * UNION ALL. This is the hottest page of a market, and through the driver adapter Prisma
 * compiles and interprets every nested query on each call (about 2 ms of CPU for this shape,
 * most of the page's cost), hence plain parameterised SQL. The first branch of the UNION types
 * its NULL columns (PostgreSQL resolves the others' NULLs from it); Node sorts the few rows.
 * It does not depend on the clock (the caller derives the status and the sessions to come),
 * which lets getPublicStall memoise it between catalogue writes.
 */
async function readPublicStall(marketSlug: string, stallSlug: string) {
  const [stall] = await db.$queryRaw<PublicStallRow[]>`
    SELECT s."id", s."slug", s."name", s."category", s."description", s."pickupDetails", s."chaletNumber",
           s."legalName", s."siret", s."legalAddress",
           m."id" AS "marketId", m."slug" AS "marketSlug", m."name" AS "marketName", m."timezone",
           t."slug" AS "townSlug", t."websiteUrl" AS "townWebsite",
           ${ownerCanBePaid(Prisma.sql`s."ownerId"`)} AS "canTakeOrders"
    FROM "Stall" s JOIN "Market" m ON m."id" = s."marketId" JOIN "Town" t ON t."id" = m."townId"
    WHERE m."slug" = ${marketSlug} AND m."status" = 'PUBLISHED'
      AND s."slug" = ${stallSlug} AND s."status" = 'APPROVED'
    LIMIT 1`;
  if (!stall) return null;

  const rows = await db.$queryRaw<StallContentRow[]>`
    SELECT 'product' AS "kind", p."id", p."name", p."description", p."priceCents", p."stock",
           p."stockVersion",
           (SELECT ph."thumbSrc" FROM "Photo" ph WHERE ph."productId" = p."id"
            ORDER BY ph."position", ph."createdAt" LIMIT 1) AS "thumbSrc",
           NULL::text AS "alt",
           NULL::text AS "src", NULL::integer AS "width", NULL::integer AS "height",
           p."position", p."createdAt", NULL::timestamptz AS "startsAt", NULL::timestamptz AS "endsAt"
    FROM "Product" p
    WHERE p."stallId" = ${stall.id} AND p."active" = TRUE
    UNION ALL
    SELECT 'photo', f."id", NULL, NULL, NULL, NULL, NULL, f."thumbSrc", f."alt", f."src", f."width",
           f."height", f."position", f."createdAt", NULL, NULL
    FROM "Photo" f
    WHERE f."stallId" = ${stall.id}
    UNION ALL
    SELECT 'session', ms."id", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL,
           ms."startsAt", ms."endsAt"
    FROM "MarketSession" ms
    WHERE ms."marketId" = ${stall.marketId} AND ms."cancelledAt" IS NULL
    UNION ALL
    SELECT 'override', o."id", o."kind", o."reason", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL,
           o."startsAt", o."endsAt"
    FROM "MarketOverride" o
    WHERE o."marketId" = ${stall.marketId}`;

  const byPosition = (a: StallContentRow, b: StallContentRow) =>
    (a.position ?? 0) - (b.position ?? 0) || ms(a.createdAt) - ms(b.createdAt);
  const of = (kind: StallContentRow["kind"]) => rows.filter((r) => r.kind === kind);

  const sessions = of("session")
    .map((r) => ({ id: r.id, startsAt: new Date(r.startsAt!), endsAt: new Date(r.endsAt!) }))
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const overrides = of("override").map((r) => ({
    id: r.id,
    kind: r.name ?? "",
    reason: r.description ?? "",
    startsAt: new Date(r.startsAt!),
    endsAt: new Date(r.endsAt!),
  }));

  return {
    id: stall.id,
    slug: stall.slug,
    name: stall.name,
    category: stall.category,
    description: stall.description,
    pickupDetails: stall.pickupDetails,
    /** Who sells (the contract of sale is with the merchant): stall-legal.ts. */
    legal: { name: stall.legalName, siret: stall.siret, address: stall.legalAddress },
    /** Its chalet on the plan of the square (app/models/market-plan.server.ts). */
    chaletNumber: stall.chaletNumber,
    /** False while the merchant cannot be paid (payout-account.server.ts): no add-to-basket. */
    canTakeOrders: stall.canTakeOrders,
    photos: of("photo")
      .sort(byPosition)
      .map((r) => ({
        id: r.id,
        src: r.src ?? "",
        thumbSrc: r.thumbSrc ?? "",
        width: Number(r.width),
        height: Number(r.height),
        alt: r.alt ?? "",
      })),
    products: of("product")
      .sort(byPosition)
      .map((r) => ({
        id: r.id,
        name: r.name ?? "",
        description: r.description ?? "",
        priceCents: Number(r.priceCents),
        stock: Number(r.stock),
        stockVersion: Number(r.stockVersion),
        // The card's picture only (decorative there: the name is next to it), as the page sends it.
        thumbSrc: r.thumbSrc,
      })),
    market: {
      id: stall.marketId,
      slug: stall.marketSlug,
      name: stall.marketName,
      timezone: stall.timezone,
      townSlug: stall.townSlug,
      /** Tells the visits that came from the town's site (visit-source.ts). */
      townWebsite: stall.townWebsite,
      // A market has a few dozen sessions at most; the caller keeps those still to come. The
      // ISO strings and the schedule (openings, closings) are made here, once per memoised read,
      // so a request only finds where `now` falls (statusAt): the page is the market's hottest.
      // The page sends these objects as they are (no copy per request); `sessionEnds` (ms) says
      // which are still to come.
      sessions: sessions.map((s) => ({
        id: s.id,
        startsAt: s.startsAt.toISOString(),
        endsAt: s.endsAt.toISOString(),
      })),
      sessionEnds: sessions.map((s) => s.endsAt.getTime()),
      schedule: prepareSchedule(sessions, overrides),
    },
  };
}

export type PublicStall = NonNullable<Awaited<ReturnType<typeof readPublicStall>>>;

// Any write to a market, session, stall, product or photo in this process (a sale, a stock tap),
// or announced by another instance (catalogue:changed, server/cache-announcements.ts), empties it
// at once; the short TTL bounds what a write nobody announced (a script) can leave stale.
const publicStalls = createReadCache<PublicStall | null>(env.STALL_PAGE_CACHE_MS);

/**
 * The public stall page's data. Null when the stall is unknown, not approved, or its market is
 * not published. Callers must not mutate the result: it is shared between requests.
 */
export function getPublicStall(marketSlug: string, stallSlug: string): Promise<PublicStall | null> {
  return publicStalls(`${marketSlug}\u0000${stallSlug}`, () => readPublicStall(marketSlug, stallSlug));
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
      photos: firstPhotoSelect,
    },
  });
}

/** One owned stall with what its edit pages show; null when unknown or not the owner's. */
export function getOwnedStall(ownerId: string, stallId: string) {
  return db.stall.findFirst({
    where: { id: stallId, ownerId },
    select: {
      ...stallDetailsSelect,
      market: { select: { id: true, slug: true, name: true, status: true } },
    },
  });
}

/**
 * "saved", "notFound" (unknown or not the owner's), or "identityRequired": an approved stall's
 * legal identity is on its public page and in the terms of sale, so it cannot be emptied.
 */
export async function updateStallDetails(
  ownerId: string,
  stallId: string,
  input: StallInput,
): Promise<"saved" | "notFound" | "identityRequired"> {
  const incomplete = missingLegalFields(input).length > 0;
  // The slug stays as it was: public links and shared posts keep working after a rename. The
  // status condition is in the same statement, so an approval meanwhile cannot slip between.
  const updated = await db.stall.updateMany({
    where: { id: stallId, ownerId, ...(incomplete ? { status: { not: "APPROVED" } } : {}) },
    data: {
      name: input.name,
      category: input.category,
      description: input.description,
      pickupDetails: input.pickupDetails,
      legalName: input.legalName,
      siret: input.siret,
      legalAddress: input.legalAddress,
    },
  });
  if (updated.count === 1) return "saved";
  if (!incomplete) return "notFound";
  const exists = await db.stall.count({ where: { id: stallId, ownerId } });
  return exists ? "identityRequired" : "notFound";
}

export type InvitationLookup =
  | { state: "unknown" }
  | { state: "used" | "expired"; marketName: string }
  | {
      state: "usable";
      invitation: { id: string; email: string; expiresAt: Date };
      /** commissionBps: the town's commission, told before the merchant accepts. */
      market: { id: string; slug: string; name: string; description: string; commissionBps: number; townName: string };
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
        select: {
          id: true,
          slug: true,
          name: true,
          description: true,
          commissionBps: true,
          town: { select: { name: true } },
        },
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

/** Pages of a market at /m/<market>/<name>, which a stall named so would hide. */
const RESERVED_STALL_SLUGS = new Set(["conditions-de-vente", "affiche"]);

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
  const base = slugify(input.stall.name, "stand");
  // A concurrent stall can take the chosen slug between the read and the insert: retry then.
  for (let attempt = 0; ; attempt++) {
    try {
      const created = await db.$transaction(async (tx) => {
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
        for (let n = 2; used.has(slug) || RESERVED_STALL_SLUGS.has(slug); n++) slug = `${base}-${n}`;
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
            legalName: input.stall.legalName,
            siret: input.stall.siret,
            legalAddress: input.stall.legalAddress,
          },
          select: { id: true, slug: true },
        });
      });
      await notifyStallAwaitingReview(created.id);
      return created;
    } catch (error) {
      if (attempt < 3 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}
