// Towns: created and edited by an administrator (/admin, each change written to the audit log in
// the same transaction; the form's rules are app/schemas/town.ts), their public page (/t/<slug>),
// the list the home page links to, and the settings their organisers edit (/organiser/town).
// Callers have already checked requireAdmin or requireTownOrganiser.
import type { TownInput } from "~/schemas/town";
import { db, type Tx } from "~/utils/db.server";
import { slugify } from "~/utils/slug";
import { recordAudit, type AuditActor } from "./audit.server";
import { ORGANISER } from "./authorization.server";
import { listPublicMarkets } from "./market.server";
import { isUniqueViolation } from "./user.server";

/**
 * A slug derived from the town's name, made unique with -2, -3… Read under the caller's
 * transaction; the unique index still decides between two creations at once.
 */
export async function freeTownSlug(name: string, tx: Tx | typeof db = db): Promise<string> {
  const base = slugify(name, "ville");
  const taken = new Set(
    (await tx.town.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((t) => t.slug),
  );
  for (let attempt = 1; ; attempt++) {
    const slug = attempt === 1 ? base : `${base}-${attempt}`;
    if (!taken.has(slug)) return slug;
  }
}

/** A town as residents see it: who runs it, how to reach them, and its published markets. */
export async function getPublicTown(slug: string, now: Date) {
  const town = await db.town.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      name: true,
      address: true,
      contactEmail: true,
      contactPhone: true,
      logoSrc: true,
    },
  });
  if (!town) return null;
  const markets = await listPublicMarkets(now, { townId: town.id });
  return { town, ...markets };
}

/** Every town, for the home page's links to their pages. */
export function listTowns() {
  return db.town.findMany({ orderBy: { name: "asc" }, select: { slug: true, name: true } });
}

/** The towns this user organises (the settings page lets them pick one). */
export function listOrganisedTownNames(userId: string) {
  return db.town.findMany({
    where: { memberships: { some: { userId, role: ORGANISER } } },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}

export type TownSettings = {
  name: string;
  address: string;
  contactEmail: string;
  contactPhone: string;
  publicationDirector: string;
  hostName: string;
  hostAddress: string;
  hostContact: string;
};

export function getTownSettings(townId: string) {
  return db.town.findUnique({
    where: { id: townId },
    select: {
      id: true,
      slug: true,
      name: true,
      address: true,
      contactEmail: true,
      contactPhone: true,
      websiteUrl: true,
      logoSrc: true,
      publicationDirector: true,
      hostName: true,
      hostAddress: true,
      hostContact: true,
    },
  });
}

/**
 * Saves a town's details. `logoSrc` undefined keeps the current logo, null removes it. The slug
 * stays: links to the town's page have been shared.
 */
export async function updateTownSettings(townId: string, input: TownSettings & { logoSrc?: string | null }) {
  await db.town.update({ where: { id: townId }, data: input });
}

// --- The administrator's side ---------------------------------------------------------------

export type TownResult = { ok: true; id: string } | { ok: false; reason: "slugTaken" };

export async function createTown(actor: AuditActor, input: TownInput, now: Date): Promise<TownResult> {
  try {
    return await db.$transaction(async (tx) => {
      const town = await tx.town.create({ data: { ...input, createdAt: now, updatedAt: now }, select: { id: true } });
      await recordAudit(tx, { actor, townId: town.id, action: "town.created", subject: input.name, now });
      return { ok: true as const, id: town.id };
    });
  } catch (error) {
    // The unique index decides: two administrators picking the same slug at once.
    if (isUniqueViolation(error)) return { ok: false, reason: "slugTaken" };
    throw error;
  }
}

export async function updateTown(actor: AuditActor, townId: string, input: TownInput, now: Date): Promise<TownResult> {
  try {
    return await db.$transaction(async (tx) => {
      await tx.town.update({ where: { id: townId }, data: { ...input, updatedAt: now } });
      await recordAudit(tx, { actor, townId, action: "town.updated", subject: input.name, now });
      return { ok: true as const, id: townId };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "slugTaken" };
    throw error;
  }
}

/** Every town with how many markets and organisers it has, by name (the /admin list). */
export async function listTownsForAdmin() {
  const towns = await db.town.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      slug: true,
      name: true,
      _count: { select: { markets: true, memberships: { where: { role: ORGANISER } } } },
    },
  });
  return towns.map((t) => ({
    id: t.id,
    slug: t.slug,
    name: t.name,
    markets: t._count.markets,
    organisers: t._count.memberships,
  }));
}

/** A town's page in /admin: its details and every market, whatever its status. */
export function getTownForAdmin(townId: string) {
  return db.town.findUnique({
    where: { id: townId },
    select: {
      id: true,
      slug: true,
      name: true,
      address: true,
      contactEmail: true,
      contactPhone: true,
      markets: {
        orderBy: { createdAt: "desc" },
        select: { id: true, slug: true, name: true, status: true },
      },
    },
  });
}

/** The town's name, for a page title (the caller's guard answered 404 for no such town). */
export async function getTownName(townId: string): Promise<string> {
  const town = await db.town.findUniqueOrThrow({ where: { id: townId }, select: { name: true } });
  return town.name;
}
