import { db } from "~/utils/db.server";
import { MODERATOR, ORGANISER } from "./authorization.server";
import { slugify } from "~/utils/slug";
import { scheduleSelect } from "./market-schedule.server";
import { computeMarketStatus, hasEnded, type MarketStatus } from "./market-status";

export type MarketCard = {
  id: string;
  slug: string;
  name: string;
  description: string;
  coverUrl: string | null;
  timezone: string;
  townName: string;
  townSlug: string;
  stallCount: number;
  status: MarketStatus;
};

/** When a market opens next, for sorting: one with no opening set yet comes after the others. */
const openingOrder = (status: MarketStatus) =>
  status.next ? new Date(status.next.startsAt).getTime() : Number.POSITIVE_INFINITY;

/**
 * Published markets split as the home page shows them: open now, to come, past; every town's, or
 * one town's (its page).
 */
export async function listPublicMarkets(now: Date, filter: { townId?: string } = {}) {
  const markets = await db.market.findMany({
    where: { status: "PUBLISHED", ...(filter.townId ? { townId: filter.townId } : {}) },
    orderBy: { name: "asc" },
    include: {
      town: { select: { name: true, slug: true } },
      ...scheduleSelect,
      _count: { select: { stalls: { where: { status: "APPROVED" } } } },
    },
  });
  const cards: MarketCard[] = markets.map((m) => ({
    id: m.id,
    slug: m.slug,
    name: m.name,
    description: m.description,
    coverUrl: m.coverUrl,
    timezone: m.timezone,
    townName: m.town.name,
    townSlug: m.town.slug,
    stallCount: m._count.stalls,
    status: computeMarketStatus(m.sessions, now, m.overrides),
  }));
  const { open, upcoming, past } = splitByTime(cards, (c) => c.status);
  // The public pages list past markets by name (the order of the query).
  const isPast = new Set(past);
  return { open, upcoming, past: cards.filter((c) => isPast.has(c)) };
}

/**
 * Markets split by time: open now, to come (soonest first; one whose dates are still to come,
 * none set yet, after those), past (most recently closed first). An archived market is past,
 * whatever its sessions say. The public pages and the organiser's home both split this way.
 */
export function splitByTime<T>(
  items: readonly T[],
  statusOf: (item: T) => MarketStatus,
  archived?: (item: T) => boolean,
) {
  const isPast = (item: T) => archived?.(item) || hasEnded(statusOf(item));
  const closedAt = (item: T) => (statusOf(item).since ? new Date(statusOf(item).since!.at).getTime() : 0);
  return {
    open: items.filter((item) => !isPast(item) && statusOf(item).open),
    upcoming: items
      .filter((item) => !isPast(item) && !statusOf(item).open)
      .sort((a, b) => openingOrder(statusOf(a)) - openingOrder(statusOf(b))),
    past: items.filter(isPast).sort((a, b) => closedAt(b) - closedAt(a)),
  };
}

/**
 * A published market as its public page shows it. All of its sessions come along (a market has
 * a few dozen at most): the status needs the running chain, the page lists those to come.
 */
export async function getPublicMarket(slug: string, now: Date) {
  const market = await db.market.findFirst({
    where: { slug, status: "PUBLISHED" },
    select: {
      id: true,
      slug: true,
      name: true,
      description: true,
      coverUrl: true,
      timezone: true,
      town: { select: { name: true, slug: true, websiteUrl: true } },
      ...scheduleSelect,
    },
  });
  if (!market) return null;
  const t = now.getTime();
  const toIso = (s: { id: string; startsAt: Date; endsAt: Date }) => ({
    id: s.id,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
  });
  const last = market.sessions.at(-1);
  return {
    id: market.id,
    slug: market.slug,
    name: market.name,
    description: market.description,
    coverUrl: market.coverUrl,
    timezone: market.timezone,
    townName: market.town.name,
    /** The root footer links to this town's legal notice (legalLinks in app/root.tsx). */
    townSlug: market.town.slug,
    /** Tells the visits that came from the town's site (visit-source.ts). */
    townWebsite: market.town.websiteUrl,
    status: computeMarketStatus(market.sessions, now, market.overrides),
    upcomingSessions: market.sessions.filter((s) => s.endsAt.getTime() > t).map(toIso),
    lastSession: last ? toIso(last) : null,
  };
}

/** What the link-preview picture of a market shows; updatedAt keys its cache. */
export async function getMarketPreview(slug: string) {
  return db.market.findFirst({
    where: { slug, status: "PUBLISHED" },
    select: { name: true, updatedAt: true, town: { select: { name: true } } },
  });
}

// ---------------------------------------------------------------------------------------------
// Organiser console: the markets of the towns a user organises, and their writes. Callers have
// already checked requireTownOrganiser / requireMarketOrganiser.
// (Imports are hoisted; kept here so this section can be appended without touching the top.)
import { isUniqueViolation } from "./user.server";
import { productNameKey } from "./product-import.server";
import { lockTown } from "./team.server";
import { recordAudit, type AuditActor } from "./audit.server";
import type { Tx } from "~/utils/db.server";

export type MarketInput = {
  name: string;
  description: string;
  timezone: string;
  status: "DRAFT" | "PUBLISHED" | "ARCHIVED";
};

/**
 * Towns where the user has one of `roles` (organisers by default), each with the user's role and
 * all its markets (any status), their state and pending stalls.
 */
export async function listOrganisedTowns(userId: string, now: Date, roles: readonly string[] = [ORGANISER]) {
  const towns = await db.town.findMany({
    where: { memberships: { some: { userId, role: { in: [...roles] } } } },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      memberships: { where: { userId }, select: { role: true } },
      markets: {
        orderBy: { createdAt: "desc" },
        select: {
          id: true,
          slug: true,
          name: true,
          status: true,
          timezone: true,
          ...scheduleSelect,
          _count: { select: { stalls: { where: { status: "PENDING" } } } },
        },
      },
    },
  });
  return towns.map((town) => ({
    id: town.id,
    name: town.name,
    role: town.memberships[0]?.role === ORGANISER ? ORGANISER : MODERATOR,
    markets: town.markets.map((m) => ({
      id: m.id,
      slug: m.slug,
      name: m.name,
      status: m.status,
      timezone: m.timezone,
      pendingStalls: m._count.stalls,
      state: computeMarketStatus(m.sessions, now, m.overrides),
    })),
  }));
}

export function getMarketForOrganiser(marketId: string) {
  return db.market.findUnique({
    where: { id: marketId },
    select: {
      id: true,
      townId: true,
      slug: true,
      name: true,
      description: true,
      coverUrl: true,
      timezone: true,
      status: true,
      commissionBps: true,
      town: { select: { name: true } },
    },
  });
}

/**
 * Is `name` already a market's name in the town (other than `exceptId`)? Names are compared as
 * a product's are (`productNameKey`: case, accents, apostrophes and spaces ignored), so
 * "Marché de Noël" and "marche de noel" are one name. Callers hold the town's row lock
 * (`lockTown`), so two organisers naming markets alike at once cannot both pass.
 */
export async function townNameTaken(
  tx: Pick<Tx, "market">,
  townId: string,
  name: string,
  exceptId?: string,
): Promise<boolean> {
  const key = productNameKey(name);
  const markets = await tx.market.findMany({
    where: { townId, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { name: true },
  });
  return markets.some((m) => productNameKey(m.name) === key);
}

/** A slug free across every town: the name's, or with -2, -3… (slugs are global, names per town). */
async function freeMarketSlug(tx: Tx, name: string): Promise<string> {
  const base = slugify(name, "marche");
  const taken = await tx.market.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } });
  const used = new Set(taken.map((m) => m.slug));
  let slug = base;
  for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
  return slug;
}

/**
 * Creates a market, refused when its town already has a market of that name (nothing written).
 * Its slug comes from the name, made unique with -2, -3… when another town has the same.
 */
export async function createMarket(
  input: MarketInput & { townId: string; coverUrl: string | null },
): Promise<{ ok: true; id: string; slug: string } | { ok: false; reason: "nameTaken" }> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        await lockTown(tx, input.townId);
        if (await townNameTaken(tx, input.townId, input.name))
          return { ok: false as const, reason: "nameTaken" as const };
        const slug = await freeMarketSlug(tx, input.name);
        const market = await tx.market.create({ data: { ...input, slug }, select: { id: true, slug: true } });
        return { ok: true as const, ...market };
      });
    } catch (error) {
      // Another town's market took the same slug at the same moment: pick again.
      if (attempt < 3 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

/**
 * Updates a market's settings. `coverUrl` undefined keeps the current picture, null removes it.
 * Returns { ok: false } when the slug belongs to another market or the name to another market of
 * the town (nothing is written). Sessions are stored in UTC from wall-clock times in the market's
 * timezone, so a new timezone would silently move every one of them: once a market has sessions
 * its timezone stays.
 */
export async function updateMarket(
  marketId: string,
  input: MarketInput & { slug: string; coverUrl?: string | null; commissionBps?: number },
): Promise<{ ok: true } | { ok: false; reason: "slugTaken" | "timezoneLocked" | "nameTaken" }> {
  try {
    return await db.$transaction(async (tx) => {
      // The town first, then the market (as createNextEdition): no two writers wait on each other.
      // The market is read once the town is locked, so that its name is not one a concurrent
      // rename has just changed.
      const { townId } = await tx.market.findUniqueOrThrow({ where: { id: marketId }, select: { townId: true } });
      await lockTown(tx, townId);
      const current = await tx.market.findUniqueOrThrow({
        where: { id: marketId },
        select: { name: true, timezone: true, _count: { select: { sessions: true } } },
      });
      // Only a new name is checked: two markets named alike before this rule can still be edited.
      const renamed = productNameKey(input.name) !== productNameKey(current.name);
      if (renamed && (await townNameTaken(tx, townId, input.name, marketId))) {
        return { ok: false as const, reason: "nameTaken" as const };
      }
      if (input.timezone !== current.timezone && current._count.sessions > 0) {
        return { ok: false as const, reason: "timezoneLocked" as const };
      }
      await tx.market.update({ where: { id: marketId }, data: input });
      return { ok: true as const };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "slugTaken" };
    throw error;
  }
}

/**
 * What deleting a draft takes with it, for its confirmation page. Null when there is no such
 * market. `deletable` is false for a market that is not a draft (a published or archived market
 * keeps its history) or has orders (a draft that was published once).
 */
export async function getDraftDeletion(marketId: string) {
  const market = await db.market.findUnique({
    where: { id: marketId },
    select: {
      name: true,
      status: true,
      _count: {
        select: {
          sessions: { where: { cancelledAt: null } },
          stalls: true,
          invitations: { where: { acceptedAt: null } },
          orders: true,
        },
      },
    },
  });
  if (!market) return null;
  const { sessions, stalls, invitations, orders } = market._count;
  const refusal = draftDeletionRefusal(market.status, orders);
  return { name: market.name, status: market.status, sessions, stalls, invitations, refusal };
}

/** Why a market cannot be deleted, or null: only a draft that never took an order can. */
function draftDeletionRefusal(status: string, orders: number): "notDraft" | "hasOrders" | null {
  if (status !== "DRAFT") return "notDraft";
  return orders > 0 ? "hasOrders" : null;
}

export type DeleteDraftResult =
  { ok: true; name: string } | { ok: false; reason: "notFound" | "notDraft" | "hasOrders" };

/**
 * Deletes a DRAFT market and everything hanging off it in ONE transaction: its sessions,
 * overrides, invitations, pickup points and the stalls made in it (their products, photos and
 * chat), by the schema's cascades. Refused for any other status (a published market keeps its
 * history) and for a draft with orders (one that was published once: orders are never deleted).
 * The row is locked first, so a publication or an order at the same moment waits and then fails,
 * or wins and the deletion is refused. A line goes to the town's audit log, the name with it.
 * Photo and cover files stay in storage, as with any cascade (docs/architecture.md, photos).
 */
export async function deleteDraftMarket(marketId: string, actor: AuditActor, now: Date): Promise<DeleteDraftResult> {
  return db.$transaction(async (tx) => {
    const [market] = await tx.$queryRaw<{ status: string; townId: string; name: string }[]>`
      SELECT "status", "townId", "name" FROM "Market" WHERE "id" = ${marketId} FOR UPDATE`;
    if (!market) return { ok: false as const, reason: "notFound" as const };
    const refusal = draftDeletionRefusal(market.status, await tx.order.count({ where: { marketId } }));
    if (refusal) return { ok: false as const, reason: refusal };
    await tx.market.delete({ where: { id: marketId } });
    await recordAudit(tx, { actor, townId: market.townId, action: "market.draft_deleted", subject: market.name, now });
    return { ok: true as const, name: market.name };
  });
}
