// Pickup points and slots on a real PostgreSQL database and a real server: a slot's capacity
// under 200 concurrent reservations (the batch's locked `booked`), a release giving the place
// back once when the sweeper races a cancel, the refusals that write nothing (past slot, another
// market's slot, a point a stall does not use), and the organiser's and merchant's forms with
// their authorisation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cancelCheckout } from "~/models/checkout.server";
import { getMerchantOrder } from "~/models/merchant-orders.server";
import { announcePaidOrder } from "~/models/order-notify.server";
import { reserveOrder } from "~/models/order-reserve.server";
import { sweepExpiredHolds } from "~/models/order-sweeper.server";
import { HOLD_MS } from "~/models/order-status";
import { db } from "~/utils/db.server";
import {
  createMarketScene,
  createOrganiser,
  createProduct,
  createStall,
  createTown,
  createUser,
} from "../fixtures/factories";
import { clientFor, startTestServer, type TestServer } from "../setup/server";

const NOW = new Date("2026-12-12T15:00:00Z");
const HOUR = 3600_000;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ now: NOW });
});
afterAll(() => server.close());

/** A market open now, with a point used by its stall and a slot tomorrow of this capacity. */
async function pickupScene(capacity = 20, startsAt = new Date(NOW.getTime() + 24 * HOUR)) {
  const scene = await createMarketScene(NOW);
  const point = await db.pickupPoint.create({
    data: { marketId: scene.market.id, name: "Place de la mairie", address: "1 place de la Mairie" },
  });
  await db.stallPickupPoint.create({ data: { stallId: scene.stall.id, pickupPointId: point.id } });
  const slot = await db.pickupSlot.create({
    data: { pickupPointId: point.id, startsAt, endsAt: new Date(startsAt.getTime() + 2 * HOUR), capacity },
  });
  return { ...scene, point, slot };
}

async function buyers(n: number) {
  const stamp = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  await db.user.createMany({
    data: Array.from({ length: n }, (_, i) => ({
      email: `pickup-${stamp}-${i}@example.test`,
      name: `Buyer ${i}`,
      passwordHash: "not-a-real-hash",
    })),
  });
  return db.user.findMany({ where: { email: { startsWith: `pickup-${stamp}-` } }, select: { id: true } });
}

const bookedOf = async (slotId: string) =>
  (await db.pickupSlot.findUniqueOrThrow({ where: { id: slotId }, select: { booked: true } })).booked;
const stockOf = async (productId: string) =>
  (await db.product.findUniqueOrThrow({ where: { id: productId }, select: { stock: true } })).stock;

describe("a slot's capacity under 200 concurrent reservations", () => {
  it("takes exactly N places; the others are refused slotFull with their stock untouched", async () => {
    const N = 37;
    const scene = await pickupScene(N);
    const product = await createProduct(scene.stall.id, { stock: 1000 });
    const people = await buyers(200);
    const results = await Promise.all(
      people.map((buyer) =>
        reserveOrder({
          buyerId: buyer.id,
          marketId: scene.market.id,
          lines: [{ productId: product.id, quantity: 2 }],
          now: NOW,
          pickupSlotId: scene.slot.id,
        }),
      ),
    );
    const won = results.filter((r) => r.ok);
    expect(won).toHaveLength(N);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.reason === "slotFull")).toBe(true);
    expect(await bookedOf(scene.slot.id)).toBe(N);
    expect(await stockOf(product.id)).toBe(1000 - 2 * N);
    expect(await db.order.count({ where: { pickupSlotId: scene.slot.id } })).toBe(N);
    expect(await db.order.count({ where: { marketId: scene.market.id } })).toBe(N);
  });
});

describe("giving a place back", () => {
  it("the sweeper racing a cancel gives the place and the stock back exactly once", async () => {
    const scene = await pickupScene(5);
    const product = await createProduct(scene.stall.id, { stock: 10 });
    const [buyer, other] = await buyers(2);
    const reserve = (buyerId: string) =>
      reserveOrder({
        buyerId,
        marketId: scene.market.id,
        lines: [{ productId: product.id, quantity: 3 }],
        now: NOW,
        pickupSlotId: scene.slot.id,
      });
    const first = await reserve(buyer!.id);
    const kept = await reserve(other!.id);
    if (!first.ok || !kept.ok) throw new Error("reservation refused");
    expect(await bookedOf(scene.slot.id)).toBe(2);

    const later = new Date(NOW.getTime() + HOLD_MS + 60_000);
    await Promise.all([
      sweepExpiredHolds(later),
      cancelCheckout({ buyerId: buyer!.id, orderId: first.order.id, now: later }),
      cancelCheckout({ buyerId: buyer!.id, orderId: first.order.id, now: later }),
    ]);
    // Both holds ended; each gave its place back once (never below zero, never twice).
    expect(await bookedOf(scene.slot.id)).toBe(0);
    expect(await stockOf(product.id)).toBe(10);
    expect(await db.order.count({ where: { id: { in: [first.order.id, kept.order.id] }, status: "RELEASED" } })).toBe(
      2,
    );
    // Released again by nobody: a second sweep changes nothing.
    await sweepExpiredHolds(later);
    expect(await bookedOf(scene.slot.id)).toBe(0);
  });

  it("a paid order keeps its place", async () => {
    const scene = await pickupScene(5);
    const [buyer] = await buyers(1);
    const reserved = await reserveOrder({
      buyerId: buyer!.id,
      marketId: scene.market.id,
      lines: [{ productId: scene.product.id, quantity: 1 }],
      now: NOW,
      pickupSlotId: scene.slot.id,
    });
    if (!reserved.ok) throw new Error("refused");
    await db.order.update({ where: { id: reserved.order.id }, data: { status: "PAID", paidAt: NOW } });
    await sweepExpiredHolds(new Date(NOW.getTime() + 2 * HOLD_MS));
    expect(await bookedOf(scene.slot.id)).toBe(1);

    // The paid email says where and when: 16:00 UTC tomorrow is 17 h in Paris.
    await announcePaidOrder(reserved.order.id);
    const to = (await db.user.findUniqueOrThrow({ where: { id: buyer!.id } })).email;
    const email = await db.outboxEmail.findFirstOrThrow({ where: { to } });
    expect(email.text).toContain("Créneau\u00a0: dimanche 13 décembre, 16\u00a0h – 18\u00a0h");
    expect(email.text).toContain("Retrait\u00a0: Place de la mairie, 1 place de la Mairie");
    // The stall's order card says it too.
    expect((await getMerchantOrder(scene.stall.id, reserved.order.id))?.pickup).toEqual({
      point: scene.point.name,
      startsAt: scene.slot.startsAt.toISOString(),
      endsAt: scene.slot.endsAt.toISOString(),
    });
  });
});

describe("slots refused, nothing written", () => {
  async function refusedWith(
    scene: Awaited<ReturnType<typeof pickupScene>>,
    pickupSlotId: string | null,
    productId = scene.product.id,
  ) {
    const [buyer] = await buyers(1);
    const before = await stockOf(productId);
    const result = await reserveOrder({
      buyerId: buyer!.id,
      marketId: scene.market.id,
      lines: [{ productId, quantity: 1 }],
      now: NOW,
      pickupSlotId,
    });
    expect(await stockOf(productId)).toBe(before);
    expect(await db.order.count({ where: { buyerId: buyer!.id } })).toBe(0);
    return result.ok ? "ok" : result.reason;
  }

  it("a slot that has started: slotPast", async () => {
    const scene = await pickupScene(5, new Date(NOW.getTime() - HOUR));
    expect(await refusedWith(scene, scene.slot.id)).toBe("slotPast");
    expect(await bookedOf(scene.slot.id)).toBe(0);
  });

  it("another market's slot, or a point the stall does not use: slotInvalid", async () => {
    const scene = await pickupScene(5);
    const elsewhere = await pickupScene(5);
    expect(await refusedWith(scene, elsewhere.slot.id)).toBe("slotInvalid");
    const otherStall = await createStall(scene.market.id, (await createUser()).id);
    const theirs = await createProduct(otherStall.id);
    expect(await refusedWith(scene, scene.slot.id, theirs.id)).toBe("slotInvalid");
    expect(await refusedWith(scene, "no-such-slot")).toBe("slotInvalid");
    expect(await bookedOf(elsewhere.slot.id)).toBe(0);
    expect(await bookedOf(scene.slot.id)).toBe(0);
  });

  it("a market with pickup points needs a slot; one without takes none", async () => {
    const scene = await pickupScene(5);
    expect(await refusedWith(scene, null)).toBe("slotRequired");
    const plain = await createMarketScene(NOW);
    const [buyer] = await buyers(1);
    const result = await reserveOrder({
      buyerId: buyer!.id,
      marketId: plain.market.id,
      lines: [{ productId: plain.product.id, quantity: 1 }],
      now: NOW,
    });
    expect(result.ok && result.order.pickupSlotId).toBe(null);
  });
});

describe("the organiser's Retrait tab", () => {
  it("adds a point and a daily series in the market's time zone; bad input is a 4xx, nothing written", async () => {
    const scene = await createMarketScene(NOW);
    const organiser = await clientFor(server, scene.organiser.id);
    const base = `/organiser/markets/${scene.market.id}/pickup`;

    const bad = await organiser.post(base, { intent: "createPoint", name: "", address: "" });
    expect(bad.status).toBe(400);
    expect(await db.pickupPoint.count({ where: { marketId: scene.market.id } })).toBe(0);

    expect(
      (await organiser.post(base, { intent: "createPoint", name: "Place de la mairie", address: "1 place" })).status,
    ).toBe(200);
    const point = await db.pickupPoint.findFirstOrThrow({ where: { marketId: scene.market.id } });

    const series = {
      intent: "addSeries",
      pointId: point.id,
      fromDate: "2026-12-05",
      toDate: "2026-12-24",
      startTime: "17:00",
      endTime: "19:00",
    };
    for (const capacity of ["0", "abc", "1.5", "100000"]) {
      expect((await organiser.post(base, { ...series, capacity })).status).toBe(400);
    }
    expect((await organiser.post(base, { ...series, endTime: "16:00", capacity: "20" })).status).toBe(400);
    expect(await db.pickupSlot.count({ where: { pickupPointId: point.id } })).toBe(0);

    expect((await organiser.post(base, { ...series, capacity: "20" })).status).toBe(200);
    const slots = await db.pickupSlot.findMany({ where: { pickupPointId: point.id }, orderBy: { startsAt: "asc" } });
    expect(slots).toHaveLength(20);
    // 17:00 in Paris in December is 16:00 UTC.
    expect(slots[0]!.startsAt.toISOString()).toBe("2026-12-05T16:00:00.000Z");
    expect(slots.at(-1)!.endsAt.toISOString()).toBe("2026-12-24T18:00:00.000Z");
    expect(slots.every((s) => s.capacity === 20)).toBe(true);

    // The 7 slots already over (5 to 11 December) are folded after the ones to come.
    const page = (await (await organiser.get(base)).text()).toLowerCase();
    const folded = page.indexOf("créneaux passés (7)");
    expect(folded).toBeGreaterThan(0);
    expect(page.indexOf("samedi 5 décembre")).toBeGreaterThan(folded);
    expect(page.indexOf("vendredi 11 décembre")).toBeGreaterThan(folded);
    expect(page.indexOf("samedi 12 décembre")).toBeGreaterThan(0);
    expect(page.indexOf("samedi 12 décembre")).toBeLessThan(folded);
  });

  it("refuses to delete a booked slot or shrink it below its bookings (409), and a point with bookings", async () => {
    const scene = await pickupScene(5);
    const organiser = await clientFor(server, scene.organiser.id);
    const base = `/organiser/markets/${scene.market.id}/pickup`;
    const [buyer, second] = await buyers(2);
    for (const b of [buyer!, second!]) {
      const r = await reserveOrder({
        buyerId: b.id,
        marketId: scene.market.id,
        lines: [{ productId: scene.product.id, quantity: 1 }],
        now: NOW,
        pickupSlotId: scene.slot.id,
      });
      expect(r.ok).toBe(true);
    }
    const removeSlot = await organiser.post(base, { intent: "removeSlot", slotId: scene.slot.id });
    expect(removeSlot.status).toBe(409);
    expect(await removeSlot.text()).toContain("2 commandes ont déjà réservé ce créneau");
    expect((await organiser.post(base, { intent: "capacity", slotId: scene.slot.id, capacity: "1" })).status).toBe(409);
    expect((await organiser.post(base, { intent: "removePoint", pointId: scene.point.id })).status).toBe(409);
    expect(await db.pickupSlot.findUniqueOrThrow({ where: { id: scene.slot.id } })).toMatchObject({
      capacity: 5,
      booked: 2,
    });

    expect((await organiser.post(base, { intent: "capacity", slotId: scene.slot.id, capacity: "2" })).status).toBe(200);
    expect(await db.pickupSlot.findUniqueOrThrow({ where: { id: scene.slot.id } })).toMatchObject({
      capacity: 2,
      booked: 2,
    });

    const empty = await db.pickupSlot.create({
      data: {
        pickupPointId: scene.point.id,
        startsAt: new Date(NOW.getTime() + 48 * HOUR),
        endsAt: new Date(NOW.getTime() + 50 * HOUR),
        capacity: 3,
      },
    });
    expect((await organiser.post(base, { intent: "removeSlot", slotId: empty.id })).status).toBe(200);
    expect(await db.pickupSlot.count({ where: { id: empty.id } })).toBe(0);
  });

  it("a merchant cannot edit points; another town's organiser cannot reach them", async () => {
    const scene = await pickupScene(5);
    const path = `/organiser/markets/${scene.market.id}/pickup`;
    const merchant = await clientFor(server, scene.merchant.id);
    const stranger = await clientFor(server, (await createOrganiser((await createTown()).id)).id);
    for (const client of [merchant, stranger]) {
      expect([403, 404]).toContain((await client.get(path)).status);
      const posted = await client.post(path, { intent: "removePoint", pointId: scene.point.id });
      expect([403, 404]).toContain(posted.status);
      const renamed = await client.post(path, {
        intent: "editPoint",
        pointId: scene.point.id,
        name: "Pris",
        address: "",
      });
      expect([403, 404]).toContain(renamed.status);
    }
    expect(await db.pickupPoint.findUniqueOrThrow({ where: { id: scene.point.id } })).toMatchObject({
      name: "Place de la mairie",
    });
    // An organiser of another market cannot remove this market's point through their own market's page.
    const theirs = await createMarketScene(NOW);
    const theirOrganiser = await clientFor(server, theirs.organiser.id);
    const cross = await theirOrganiser.post(`/organiser/markets/${theirs.market.id}/pickup`, {
      intent: "removePoint",
      pointId: scene.point.id,
    });
    expect(cross.status).toBe(404);
    expect(await db.pickupPoint.count({ where: { id: scene.point.id } })).toBe(1);
  });
});

describe("the merchant's points", () => {
  it("ticks only its market's points, and is told when none is ticked", async () => {
    const scene = await pickupScene(5);
    const elsewhere = await pickupScene(5);
    const merchant = await clientFor(server, scene.merchant.id);
    const path = `/merchant/stalls/${scene.stall.id}?index`;
    const saved = await merchant.post(path, { intent: "pickup", pointIds: [scene.point.id, elsewhere.point.id] });
    expect(saved.status).toBe(200);
    const chosen = await db.stallPickupPoint.findMany({ where: { stallId: scene.stall.id } });
    expect(chosen.map((c) => c.pickupPointId)).toEqual([scene.point.id]);

    await merchant.post(path, { intent: "pickup" });
    expect(await db.stallPickupPoint.count({ where: { stallId: scene.stall.id } })).toBe(0);
    expect(await (await merchant.get(path)).text()).toContain("Vous n’avez coché aucun point de retrait");

    // Another merchant's stall: refused, nothing changed.
    const intruder = await clientFor(server, elsewhere.merchant.id);
    expect([403, 404]).toContain((await intruder.post(path, { intent: "pickup", pointIds: [scene.point.id] })).status);
    expect(await db.stallPickupPoint.count({ where: { stallId: scene.stall.id } })).toBe(0);
  });
});

describe("the basket's Payer", () => {
  it("says plainly why a slot is refused, keeps the basket and reserves nothing", async () => {
    const scene = await pickupScene(1);
    const [taker] = await buyers(1);
    const taken = await reserveOrder({
      buyerId: taker!.id,
      marketId: scene.market.id,
      lines: [{ productId: scene.product.id, quantity: 1 }],
      now: NOW,
      pickupSlotId: scene.slot.id,
    });
    expect(taken.ok).toBe(true);
    const buyer = await createUser();
    const client = await clientFor(server, buyer.id);
    expect(
      (await client.post("/basket", { intent: "add", productId: scene.product.id, quantity: "1", stay: "1" })).status,
    ).toBe(200);
    const page = await (await client.get("/basket")).text();
    expect(page).toContain("Place de la mairie");

    const cases: [Record<string, string>, number, string][] = [
      [{}, 400, "Choisissez un point et un créneau de retrait"],
      [{ pickupSlotId: scene.slot.id }, 409, "Ce créneau vient d’être complet"],
      [{ pickupSlotId: "no-such-slot" }, 409, "Ce créneau ne convient pas aux stands de votre panier"],
    ];
    for (const [fields, status, message] of cases) {
      const response = await client.post("/basket", { intent: "checkout", marketId: scene.market.id, ...fields });
      expect(response.status).toBe(status);
      expect(await response.text()).toContain(message);
    }
    expect(await db.order.count({ where: { buyerId: buyer.id } })).toBe(0);
    expect(await bookedOf(scene.slot.id)).toBe(1);
    expect(await db.basketItem.count({ where: { basket: { userId: buyer.id } } })).toBe(1);
  });
});
