// "Reconduire": a market's next edition, made from a past one in one step (settings, cover,
// sessions moved to the same weekdays, every approved merchant invited again), and a merchant's
// re-invitation, which keeps their stall (products, photos, legal identity; stock to set).
// Callers have checked requireMarketOrganiser (the source market) or requireUser (the merchant).
import { db } from "~/utils/db.server";
import { slugify } from "~/utils/slug";
import { hashToken, newInvitation } from "./invitation.server";
import { chooseWeekShift, nextEditionName, nextEditionSlug, shiftSession, yearsAhead } from "./market-edition";
import type { PlannedSession } from "./schedule";
import { townNameTaken } from "./market.server";
import { lockTown } from "./team.server";
import { isUniqueViolation } from "./user.server";

/** Merchants of the source who get a re-invitation: approved stalls whose owner still has an account. */
const reinvitedStalls = { status: "APPROVED", owner: { deletedAt: null } } as const;

/** The next edition of a market, when it has one. */
export function getNextEdition(marketId: string) {
  return db.market.findUnique({ where: { previousEditionId: marketId }, select: { id: true, name: true } });
}

/** The editions on either side of a market, for the organiser's market frame. */
export async function getEditionLinks(marketId: string) {
  const market = await db.market.findUnique({
    where: { id: marketId },
    select: {
      previousEdition: { select: { id: true, name: true } },
      nextEdition: { select: { id: true, name: true } },
    },
  });
  return { previous: market?.previousEdition ?? null, next: market?.nextEdition ?? null };
}

/**
 * The first session of the market's first edition, following previousEditionId back (a few
 * editions at most), so that chooseWeekShift aims at the same dates as the first year.
 */
async function firstEditionStart(previousEditionId: string | null): Promise<Date | undefined> {
  let anchor: Date | undefined;
  let id = previousEditionId;
  for (let step = 0; id && step < 20; step++) {
    const edition = await db.market.findUnique({
      where: { id },
      select: {
        previousEditionId: true,
        sessions: { where: { cancelledAt: null }, orderBy: { startsAt: "asc" }, take: 1, select: { startsAt: true } },
      },
    });
    if (!edition) break;
    anchor = edition.sessions[0]?.startsAt ?? anchor;
    id = edition.previousEditionId;
  }
  return anchor;
}

/**
 * What the review page proposes for the next edition of `marketId`: its name and slug, the
 * shift in weeks (the organiser's `weeks`, or the default), the sessions moved by it and the
 * merchants who will be invited again. Null when the market does not exist.
 */
export async function draftNextEdition(marketId: string, now: Date, weeks?: number) {
  const source = await db.market.findUnique({
    where: { id: marketId },
    select: {
      id: true,
      townId: true,
      name: true,
      slug: true,
      timezone: true,
      previousEditionId: true,
      nextEdition: { select: { id: true } },
      sessions: {
        where: { cancelledAt: null },
        orderBy: { startsAt: "asc" },
        select: { startsAt: true, endsAt: true },
      },
      stalls: {
        where: reinvitedStalls,
        orderBy: { name: "asc" },
        select: { id: true, name: true, owner: { select: { name: true, email: true } } },
      },
    },
  });
  if (!source) return null;
  const first = source.sessions[0]?.startsAt;
  const years = first ? yearsAhead(first, now) : 1;
  const anchor = await firstEditionStart(source.previousEditionId);
  const defaultWeeks = first ? chooseWeekShift(first, source.timezone, { anchor, years }) : 52 * years;
  const shift = weeks ?? defaultWeeks;
  // `was`: the source session's start, shown beside its moved copy.
  const sessions = source.sessions.map((s) => ({
    ...shiftSession(s, shift, source.timezone),
    was: s.startsAt.toISOString(),
  }));
  const newYear = Number((sessions[0]?.date ?? String(now.getUTCFullYear() + 1)).slice(0, 4));
  const name = nextEditionName(source.name, years, newYear);
  return {
    source: { id: source.id, name: source.name, timezone: source.timezone },
    nextEditionId: source.nextEdition?.id ?? null,
    name,
    /** The proposed name is already a market's of the town: the page says so before saving. */
    nameTaken: await townNameTaken(db, source.townId, name),
    slug: nextEditionSlug(source.slug, years, newYear),
    weeks: shift,
    defaultWeeks,
    /** More than one: next year's dates are already past, so the edition after is proposed. */
    years,
    sessions,
    merchants: source.stalls.map((s) => ({ stallName: s.name, name: s.owner.name, email: s.owner.email })),
  };
}

export type NextEditionResult =
  | {
      ok: true;
      marketId: string;
      invitations: { email: string; stallName: string; token: string; expiresAt: Date }[];
    }
  | { ok: false; reason: "exists"; marketId: string }
  | { ok: false; reason: "slugTaken" | "nameTaken" | "notFound" };

/**
 * Creates the next edition in ONE transaction: the DRAFT market (description, cover, time
 * zone and commission copied; previousEditionId set), its sessions, and one invitation per
 * approved stall of the source (previousStallId set). The source's row is locked first, so a
 * double submit waits for the first and then finds its edition ("exists"); the unique
 * previousEditionId is the last word if anything else gets there first. The caller emails
 * the invitations once this has committed.
 */
export async function createNextEdition(input: {
  sourceId: string;
  invitedById: string;
  name: string;
  slug: string;
  sessions: readonly PlannedSession[];
  now: Date;
}): Promise<NextEditionResult> {
  try {
    return await db.$transaction(async (tx) => {
      // The town's row first (as createMarket and updateMarket), then the source's.
      const town = await tx.market.findUnique({ where: { id: input.sourceId }, select: { townId: true } });
      if (!town || !(await lockTown(tx, town.townId))) return { ok: false as const, reason: "notFound" as const };
      const locked = await tx.$queryRaw<{ id: string }[]>`
        SELECT "id" FROM "Market" WHERE "id" = ${input.sourceId} FOR UPDATE`;
      if (locked.length === 0) return { ok: false as const, reason: "notFound" as const };
      const existing = await tx.market.findUnique({
        where: { previousEditionId: input.sourceId },
        select: { id: true },
      });
      if (existing) return { ok: false as const, reason: "exists" as const, marketId: existing.id };
      if (await townNameTaken(tx, town.townId, input.name)) return { ok: false as const, reason: "nameTaken" as const };
      if (await tx.market.findUnique({ where: { slug: input.slug }, select: { id: true } })) {
        return { ok: false as const, reason: "slugTaken" as const };
      }
      const source = await tx.market.findUniqueOrThrow({
        where: { id: input.sourceId },
        select: {
          townId: true,
          description: true,
          coverUrl: true,
          timezone: true,
          commissionBps: true,
          stalls: { where: reinvitedStalls, select: { id: true, name: true, owner: { select: { email: true } } } },
        },
      });
      const market = await tx.market.create({
        data: {
          townId: source.townId,
          slug: input.slug,
          name: input.name,
          description: source.description,
          // Cover files are immutable keys: both editions can show the same one.
          coverUrl: source.coverUrl,
          timezone: source.timezone,
          commissionBps: source.commissionBps,
          status: "DRAFT",
          previousEditionId: input.sourceId,
        },
        select: { id: true },
      });
      if (input.sessions.length > 0) {
        await tx.marketSession.createMany({
          data: input.sessions.map((s) => ({ marketId: market.id, startsAt: s.startsAt, endsAt: s.endsAt })),
        });
      }
      const invitations = source.stalls.map((stall) => ({
        stallName: stall.name,
        ...newInvitation({
          marketId: market.id,
          email: stall.owner.email,
          invitedById: input.invitedById,
          now: input.now,
          previousStallId: stall.id,
        }),
      }));
      if (invitations.length > 0) await tx.invitation.createMany({ data: invitations.map((i) => i.data) });
      return {
        ok: true as const,
        marketId: market.id,
        invitations: invitations.map((i) => ({
          email: i.data.email,
          stallName: i.stallName,
          token: i.token,
          expiresAt: i.data.expiresAt,
        })),
      };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Either the edition (another submit won) or the slug (another market took it meanwhile).
    const existing = await getNextEdition(input.sourceId);
    if (existing) return { ok: false, reason: "exists", marketId: existing.id };
    return { ok: false, reason: "slugTaken" };
  }
}

/** A re-invitation's stall from last year, for the invitation page; null for a plain invitation. */
export async function getReinvitedStall(token: string) {
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      previousStall: {
        select: {
          id: true,
          name: true,
          ownerId: true,
          _count: { select: { products: { where: { active: true } }, photos: true } },
        },
      },
    },
  });
  const stall = invitation?.previousStall;
  if (!stall) return null;
  return {
    id: stall.id,
    name: stall.name,
    ownerId: stall.ownerId,
    products: stall._count.products,
    photos: stall._count.photos,
  };
}

export class ReinvitationUnusableError extends Error {
  constructor() {
    super("invitation unknown, used or expired");
  }
}

/** The invitation is not a re-invitation, or last year's stall belongs to another account. */
export class NotYourStallError extends Error {
  constructor() {
    super("not a re-invitation of this user's stall");
  }
}

/**
 * "Garder mon stand": in ONE transaction the invitation is claimed (conditional update, so a
 * token works once even on a double tap) and last year's stall is copied into the new market:
 * its details, legal identity, place on the plan and chalet number (when still free), its
 * active products with stock 0, and its photos as new rows pointing at the same stored files
 * (photo keys are immutable, no bytes copied). The stall is PENDING, as any new stall.
 */
export async function keepStallFromInvitation(input: {
  token: string;
  ownerId: string;
  now: Date;
}): Promise<{ id: string }> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        const invitation = await tx.invitation.findUnique({
          where: { tokenHash: hashToken(input.token) },
          select: { id: true, marketId: true, previousStallId: true },
        });
        if (!invitation) throw new ReinvitationUnusableError();
        const previous = invitation.previousStallId
          ? await tx.stall.findUnique({
              where: { id: invitation.previousStallId },
              select: {
                ownerId: true,
                slug: true,
                name: true,
                category: true,
                description: true,
                pickupDetails: true,
                legalName: true,
                siret: true,
                legalAddress: true,
                planX: true,
                planY: true,
                chaletNumber: true,
                photos: { select: photoCopy },
                products: {
                  where: { active: true },
                  select: {
                    name: true,
                    description: true,
                    priceCents: true,
                    position: true,
                    photos: { select: photoCopy },
                  },
                },
              },
            })
          : null;
        if (!previous || previous.ownerId !== input.ownerId) throw new NotYourStallError();
        const claimed = await tx.invitation.updateMany({
          where: { id: invitation.id, acceptedAt: null, expiresAt: { gt: input.now } },
          data: { acceptedAt: input.now },
        });
        if (claimed.count !== 1) throw new ReinvitationUnusableError();

        const base = previous.slug || slugify(previous.name, "stand");
        const taken = await tx.stall.findMany({
          where: { marketId: invitation.marketId, slug: { startsWith: base } },
          select: { slug: true },
        });
        const used = new Set(taken.map((s) => s.slug));
        let slug = base;
        for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
        // The chalet keeps its number unless the organiser has given it to someone else already.
        const numberTaken =
          previous.chaletNumber !== null &&
          (await tx.stall.count({ where: { marketId: invitation.marketId, chaletNumber: previous.chaletNumber } })) > 0;

        return tx.stall.create({
          data: {
            marketId: invitation.marketId,
            ownerId: input.ownerId,
            slug,
            status: "PENDING",
            name: previous.name,
            category: previous.category,
            description: previous.description,
            pickupDetails: previous.pickupDetails,
            legalName: previous.legalName,
            siret: previous.siret,
            legalAddress: previous.legalAddress,
            planX: previous.planX,
            planY: previous.planY,
            chaletNumber: numberTaken ? null : previous.chaletNumber,
            photos: { create: previous.photos },
            products: {
              create: previous.products.map(({ photos, ...product }) => ({
                ...product,
                stock: 0,
                photos: { create: photos },
              })),
            },
          },
          select: { id: true },
        });
      });
    } catch (error) {
      // A stall created at the same moment can take the slug or the chalet number: try again.
      if (attempt < 3 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

/** What a photo row is made of, without its ids: the copy points at the same files. */
const photoCopy = {
  src: true,
  thumbSrc: true,
  width: true,
  height: true,
  alt: true,
  position: true,
} as const;
