// Towns of the platform: created and edited by an administrator (/admin), each change written to
// the audit log in the same transaction. The form's rules are app/schemas/town.ts.
import type { TownInput } from "~/schemas/town";
import { db } from "~/utils/db.server";
import { recordAudit, type AuditActor } from "./audit.server";
import { ORGANISER } from "./authorization.server";
import { isUniqueViolation } from "./user.server";

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
export async function listTowns() {
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
