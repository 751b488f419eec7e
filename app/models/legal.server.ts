// What the legal pages read: the town that publishes the site (mentions légales), a market's
// terms of sale with each approved stall's legal identity, and the towns' contacts for the
// privacy notice. Public reads: only published markets and approved stalls.
import { db } from "~/utils/db.server";

const townSelect = {
  slug: true,
  name: true,
  address: true,
  contactEmail: true,
  contactPhone: true,
  publicationDirector: true,
  hostName: true,
  hostAddress: true,
  hostContact: true,
} as const;

const townNoticeSelect = {
  ...townSelect,
  markets: { where: { status: "PUBLISHED" }, orderBy: { name: "asc" }, select: { slug: true, name: true } },
} as const;

/** The legal notice's editor and host, or null for an unknown town. */
export function getTownNotice(townSlug: string) {
  return db.town.findUnique({ where: { slug: townSlug }, select: townNoticeSelect });
}

/** Every town of the deployment with its notice, by name (one, usually). */
export function listTownNotices() {
  return db.town.findMany({ orderBy: { name: "asc" }, select: townNoticeSelect });
}

/** A published market's terms of sale: its town, commission and the sellers (approved stalls). */
export async function getMarketTerms(marketSlug: string) {
  const market = await db.market.findFirst({
    where: { slug: marketSlug, status: "PUBLISHED" },
    select: {
      slug: true,
      name: true,
      commissionBps: true,
      town: { select: townSelect },
      stalls: {
        where: { status: "APPROVED" },
        orderBy: { name: "asc" },
        select: { id: true, slug: true, name: true, legalName: true, siret: true, legalAddress: true },
      },
    },
  });
  return market;
}
