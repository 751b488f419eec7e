// Towns: their public page (/t/<slug>), the list the home page links to, and the settings their
// organisers edit (/organiser/town). Callers of the settings functions have already checked
// requireTownOrganiser.
import { db, type Tx } from "~/utils/db.server";
import { slugify } from "~/utils/slug";
import { ORGANISER } from "./authorization.server";
import { listPublicMarkets } from "./market.server";

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
