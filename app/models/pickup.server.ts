// Pickup points and their slots: organisers define them per market, each stall says which points
// it hands orders at, and a buyer books one slot per order at checkout. A slot's `booked` counts
// the orders holding a place (reserved, awaiting payment, paid; a refund does not give it back,
// the merchant may still hand over). It is taken by the reservation batch
// (app/models/order-reserve.server.ts, the slot rows locked after the products) and given back
// once, by the winner of a release (givePickupPlaceBack in releaseOrder).
import { db, type Tx } from "~/utils/db.server";
import type { PlannedSession } from "./schedule";

export type PointInput = { name: string; address: string; details: string };

/** A market's points with all their slots, for the organiser's "Retrait" tab. */
export async function listPickupPoints(marketId: string) {
  return db.pickupPoint.findMany({
    where: { marketId },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: {
      id: true,
      name: true,
      address: true,
      details: true,
      _count: { select: { stalls: true } },
      slots: {
        orderBy: { startsAt: "asc" },
        select: { id: true, startsAt: true, endsAt: true, capacity: true, booked: true },
      },
    },
  });
}

export async function createPickupPoint(marketId: string, input: PointInput) {
  const last = await db.pickupPoint.aggregate({ where: { marketId }, _max: { position: true } });
  return db.pickupPoint.create({
    data: { marketId, ...input, position: (last._max.position ?? -1) + 1 },
    select: { id: true, name: true },
  });
}

/** False when the point is not this market's. */
export async function updatePickupPoint(marketId: string, pointId: string, input: PointInput): Promise<boolean> {
  const updated = await db.pickupPoint.updateMany({ where: { id: pointId, marketId }, data: input });
  return updated.count === 1;
}

export type RemoveResult = { ok: true; name: string } | { ok: false; reason: "notFound" | "booked" };

/**
 * Removes a point and its slots, refused while any of its slots holds a place. Released orders
 * that once chose one of its slots forget it (their row references the slot). The slots are
 * locked first: a reservation taking a place meanwhile either commits before (refused here) or
 * waits and then finds the slot gone.
 */
export async function deletePickupPoint(marketId: string, pointId: string): Promise<RemoveResult> {
  return db.$transaction(async (tx) => {
    const point = await tx.pickupPoint.findFirst({ where: { id: pointId, marketId }, select: { name: true } });
    if (!point) return { ok: false, reason: "notFound" } as const;
    const slots = await tx.$queryRaw<{ id: string; booked: number }[]>`
      SELECT "id", "booked" FROM "PickupSlot" WHERE "pickupPointId" = ${pointId} ORDER BY "id" COLLATE "C" FOR UPDATE`;
    if (slots.some((s) => s.booked > 0)) return { ok: false, reason: "booked" } as const;
    await forgetSlots(
      tx,
      slots.map((s) => s.id),
    );
    await tx.pickupPoint.delete({ where: { id: pointId } });
    return { ok: true, name: point.name } as const;
  });
}

async function forgetSlots(tx: Tx, slotIds: string[]) {
  if (slotIds.length)
    await tx.order.updateMany({ where: { pickupSlotId: { in: slotIds } }, data: { pickupSlotId: null } });
}

/** Slots added to one of the market's points, all or none; null when the point is not the market's. */
export async function addPickupSlots(
  marketId: string,
  pointId: string,
  planned: readonly PlannedSession[],
  capacity: number,
): Promise<{ name: string; count: number } | null> {
  const point = await db.pickupPoint.findFirst({ where: { id: pointId, marketId }, select: { name: true } });
  if (!point) return null;
  const created = await db.pickupSlot.createMany({
    data: planned.map((p) => ({ pickupPointId: pointId, startsAt: p.startsAt, endsAt: p.endsAt, capacity })),
  });
  return { name: point.name, count: created.count };
}

export type SlotChange =
  { ok: true } | { ok: false; reason: "notFound" } | { ok: false; reason: "booked"; booked: number };

/** A slot's capacity, never below the places it holds (the conditional update decides, under the row's lock). */
export async function setSlotCapacity(marketId: string, slotId: string, capacity: number): Promise<SlotChange> {
  // One conditional statement: a reservation holding the row makes it wait, then it reads the new `booked`.
  const updated = await db.$executeRaw`
    UPDATE "PickupSlot" sl SET "capacity" = ${capacity}
      FROM "PickupPoint" p
     WHERE sl."id" = ${slotId} AND p."id" = sl."pickupPointId" AND p."marketId" = ${marketId}
       AND sl."booked" <= ${capacity}`;
  if (updated === 1) return { ok: true };
  return refusal(marketId, slotId);
}

/** Removes a slot that holds no place (a conditional delete: a reservation committing meanwhile wins). */
export async function deletePickupSlot(marketId: string, slotId: string): Promise<SlotChange> {
  return db.$transaction(async (tx) => {
    const [slot] = await tx.$queryRaw<{ booked: number }[]>`
      SELECT sl."booked" FROM "PickupSlot" sl JOIN "PickupPoint" p ON p."id" = sl."pickupPointId"
       WHERE sl."id" = ${slotId} AND p."marketId" = ${marketId} FOR UPDATE OF sl`;
    if (!slot) return { ok: false, reason: "notFound" } as const;
    if (slot.booked > 0) return { ok: false, reason: "booked", booked: slot.booked } as const;
    await forgetSlots(tx, [slotId]);
    await tx.pickupSlot.delete({ where: { id: slotId } });
    return { ok: true } as const;
  });
}

/** One of the market's slots, or null. */
export async function getPickupSlot(marketId: string, slotId: string) {
  return db.pickupSlot.findFirst({
    where: { id: slotId, pickupPoint: { marketId } },
    select: { id: true, startsAt: true, endsAt: true, booked: true, capacity: true },
  });
}

async function refusal(marketId: string, slotId: string): Promise<SlotChange> {
  const slot = await db.pickupSlot.findFirst({
    where: { id: slotId, pickupPoint: { marketId } },
    select: { booked: true },
  });
  return slot ? { ok: false, reason: "booked", booked: slot.booked } : { ok: false, reason: "notFound" };
}

// ---------------------------------------------------------------------------------------------
// Stalls

/** The market's points and which of them this stall uses, for the merchant's settings. */
export async function getStallPickupPoints(stallId: string) {
  const stall = await db.stall.findUnique({ where: { id: stallId }, select: { marketId: true } });
  if (!stall) return [];
  const points = await db.pickupPoint.findMany({
    where: { marketId: stall.marketId },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: { id: true, name: true, address: true, stalls: { where: { stallId }, select: { stallId: true } } },
  });
  return points.map(({ stalls, ...p }) => ({ ...p, chosen: stalls.length > 0 }));
}

/**
 * The points a stall hands orders at, replaced by `pointIds` (only its market's: another
 * market's id is ignored). Returns how many it now uses. The caller checks the stall is the user's.
 */
export async function setStallPickupPoints(stallId: string, pointIds: readonly string[]): Promise<number> {
  return db.$transaction(async (tx) => {
    const stall = await tx.stall.findUniqueOrThrow({ where: { id: stallId }, select: { marketId: true } });
    const points = await tx.pickupPoint.findMany({
      where: { marketId: stall.marketId, id: { in: [...pointIds] } },
      select: { id: true },
    });
    await tx.stallPickupPoint.deleteMany({ where: { stallId } });
    await tx.stallPickupPoint.createMany({ data: points.map((p) => ({ stallId, pickupPointId: p.id })) });
    return points.length;
  });
}

// ---------------------------------------------------------------------------------------------
// Checkout

export type PickupChoice = {
  /** Points every stall of the basket uses, with their slots still to come that have room. */
  points: {
    id: string;
    name: string;
    address: string;
    details: string;
    slots: { id: string; startsAt: Date; endsAt: Date; left: number }[];
  }[];
  /** Each stall's points by name, to explain an empty intersection. */
  stalls: { id: string; name: string; points: string[] }[];
};

/**
 * What the basket offers for a market's checkout; null when the market has no pickup point
 * (checkout then needs no slot). Only points that every stall of the basket uses are offered.
 */
export async function getPickupChoice(
  marketId: string,
  stalls: readonly { id: string; name: string }[],
  now: Date,
): Promise<PickupChoice | null> {
  const points = await db.pickupPoint.findMany({
    where: { marketId },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: {
      id: true,
      name: true,
      address: true,
      details: true,
      stalls: { where: { stallId: { in: stalls.map((s) => s.id) } }, select: { stallId: true } },
      slots: {
        where: { startsAt: { gt: now } },
        orderBy: { startsAt: "asc" },
        select: { id: true, startsAt: true, endsAt: true, capacity: true, booked: true },
      },
    },
  });
  if (points.length === 0) return null;
  const common = points.filter((p) => stalls.every((s) => p.stalls.some((u) => u.stallId === s.id)));
  return {
    points: common.map(({ stalls: _stalls, slots, ...p }) => ({
      ...p,
      slots: slots
        .filter((s) => s.booked < s.capacity)
        .map((s) => ({ id: s.id, startsAt: s.startsAt, endsAt: s.endsAt, left: s.capacity - s.booked })),
    })),
    stalls: stalls.map((s) => ({
      ...s,
      points: points.filter((p) => p.stalls.some((u) => u.stallId === s.id)).map((p) => p.name),
    })),
  };
}

/**
 * A released order's place given back, in the release's transaction: called only by the winner
 * of the conditional transition to RELEASED, so exactly once per order.
 */
export async function givePickupPlaceBack(tx: Tx, orderId: string): Promise<void> {
  await tx.$executeRaw`
    UPDATE "PickupSlot" SET "booked" = "booked" - 1
     WHERE "id" = (SELECT "pickupSlotId" FROM "Order" WHERE "id" = ${orderId}) AND "booked" > 0`;
}

/** A late payment takes its place again (a paid order holds one, even past capacity: it is paid). */
export async function takePickupPlaceAgain(tx: Tx, orderId: string): Promise<void> {
  await tx.$executeRaw`
    UPDATE "PickupSlot" SET "booked" = "booked" + 1
     WHERE "id" = (SELECT "pickupSlotId" FROM "Order" WHERE "id" = ${orderId})`;
}

/** Where and when an order is collected, for its page and email; null without a slot. */
export async function getOrderPickup(orderId: string) {
  const order = await db.order.findUnique({
    where: { id: orderId },
    select: {
      market: { select: { timezone: true } },
      pickupSlot: {
        select: {
          startsAt: true,
          endsAt: true,
          pickupPoint: { select: { name: true, address: true, details: true } },
        },
      },
    },
  });
  if (!order?.pickupSlot) return null;
  const { pickupPoint, ...slot } = order.pickupSlot;
  return { ...pickupPoint, ...slot, timezone: order.market.timezone };
}

export type OrderPickup = NonNullable<Awaited<ReturnType<typeof getOrderPickup>>>;
