// On SQLite, reservation batches run as prepared statements in one synchronous transaction
// (app/models/order-reserve-sqlite.server.ts); the Prisma path stays for other databases. Both
// must give the same answers: the same storm of baskets, in the same order, through each path
// on its own copy of the products, must end with the same results and the same stock.
import { afterEach, describe, expect, it, vi } from "vitest";
import { reserveOrder, type BasketLine, type ReserveResult } from "~/models/order.server";
import { onStockChanged, type StockChange } from "~/models/stock-events.server";
import type * as ReserveSqlite from "~/models/order-reserve-sqlite.server";
import {
  reserveBatchDirect,
  reservesDirectly,
  setDirectReservations,
  timeOrderedId,
} from "~/models/order-reserve-sqlite.server";
import { db, prepareDatabase } from "~/utils/db.server";
import { createMarketScene, createProduct, createStall, createUser } from "../fixtures/factories";

// The real module, its batch function watched: says which path order.server.ts took.
vi.mock("~/models/order-reserve-sqlite.server", async (importOriginal) => {
  const real = await importOriginal<typeof ReserveSqlite>();
  return { ...real, reserveBatchDirect: vi.fn(real.reserveBatchDirect) };
});
const directBatches = vi.mocked(reserveBatchDirect);

const NOW = new Date("2026-12-12T15:00:00Z");

function prng(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}

afterEach(() => {
  setDirectReservations(true);
  directBatches.mockClear();
});

/** One market with four scarce products, and a buyer; baskets name products by index 0..3. */
async function storm(seed: number, buyers: number) {
  const scene = await createMarketScene(NOW);
  const otherStall = await createStall(scene.market.id, scene.merchant.id);
  const products = [
    await createProduct(scene.stall.id, { stock: 20, priceCents: 450, name: "Vin chaud" }),
    await createProduct(scene.stall.id, { stock: 20, priceCents: 1200, name: "Couronne" }),
    await createProduct(otherStall.id, { stock: 20, priceCents: 800, name: "Miel de sapin" }),
    await createProduct(otherStall.id, { stock: 20, priceCents: 300, name: "Pain d'épices" }),
  ];
  const buyer = await createUser();
  const random = prng(seed);
  const baskets: BasketLine[][] = Array.from({ length: buyers }, () =>
    Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({
      productId: products[Math.floor(random() * 4)]!.id,
      quantity: 1 + Math.floor(random() * 3),
    })),
  );
  // All at once: they queue in this order and share transactions.
  const results = await Promise.all(
    baskets.map((lines) => reserveOrder({ buyerId: buyer.id, marketId: scene.market.id, lines, now: NOW })),
  );
  const index = new Map(products.map((p, i) => [p.id, i]));
  const left = await db.product.findMany({
    where: { id: { in: products.map((p) => p.id) } },
    select: { id: true, stock: true, stockVersion: true },
  });
  const lines = await db.orderLine.findMany({
    where: { productId: { in: products.map((p) => p.id) } },
    select: { productId: true, quantity: true, unitPriceCents: true, name: true, status: true },
  });
  return {
    // Ids differ between the two copies: products become their index, orders and lines go.
    results: results.map((r) => anonymise(r, index)),
    stock: left.map((p) => [index.get(p.id), p.stock, p.stockVersion]).sort(),
    lines: lines
      .map((l) => ({ ...l, productId: index.get(l.productId) }))
      .sort((a, b) => a.productId! - b.productId! || a.quantity - b.quantity),
    orders: await db.order.findMany({
      where: { buyerId: buyer.id },
      select: { status: true, totalCents: true, currency: true, holdExpiresAt: true, createdAt: true, version: true },
    }),
  };
}

function anonymise(result: ReserveResult, index: Map<string, number>) {
  if (result.ok) {
    const { id: _id, buyerId: _buyer, marketId: _market, lines, ...order } = result.order;
    return {
      ok: true as const,
      order: {
        ...order,
        lines: lines.map(({ id: _l, stallId: _s, productId, ...l }) => ({ ...l, productId: index.get(productId) })),
      },
    };
  }
  if (result.reason === "insufficientStock") {
    return { ...result, short: result.short.map((s) => ({ ...s, productId: index.get(s.productId) })) };
  }
  return result;
}

describe("reservations through direct statements", () => {
  it("are what SQLite runs, in one direct transaction per batch", async () => {
    await prepareDatabase();
    expect(reservesDirectly()).toBe(true);
    const scene = await createMarketScene(NOW);
    const product = await createProduct(scene.stall.id, { stock: 10 });
    const buyer = await createUser();
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        reserveOrder({
          buyerId: buyer.id,
          marketId: scene.market.id,
          lines: [{ productId: product.id, quantity: 1 }],
          now: NOW,
        }),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    // Time-ordered ids (UUID version 7), so a batch's rows sit together in the ids' indexes.
    const v7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const ids = results.flatMap((r) => (r.ok ? [r.order.id, ...r.order.lines.map((l) => l.id)] : []));
    expect(ids.filter((id) => !v7.test(id))).toEqual([]);
    expect(
      timeOrderedId(Date.parse("2026-12-12T15:00:00.001Z")) > timeOrderedId(Date.parse("2026-12-12T15:00:00Z")),
    ).toBe(true);
    // Batched: fewer transactions than reservations.
    expect(directBatches).toHaveBeenCalled();
    expect(directBatches.mock.calls.length).toBeLessThan(5);
    expect((await db.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(5);
  });

  it("answer a storm of baskets exactly as the Prisma path does", async () => {
    await prepareDatabase();
    const direct = await storm(7, 120);
    expect(directBatches).toHaveBeenCalled();
    directBatches.mockClear();
    setDirectReservations(false);
    const prisma = await storm(7, 120);
    expect(directBatches).not.toHaveBeenCalled();

    // The storm must have both outcomes, or the comparison says little.
    expect(direct.results.some((r) => r.ok)).toBe(true);
    expect(direct.results.some((r) => !r.ok && r.reason === "insufficientStock")).toBe(true);
    expect(direct.results).toEqual(prisma.results);
    expect(direct.stock).toEqual(prisma.stock);
    expect(direct.lines).toEqual(prisma.lines);
    expect(direct.orders).toEqual(prisma.orders);
    // Stock taken plus stock left is the stock there was, and never below zero.
    for (const [product, stock] of direct.stock as [number, number, number][]) {
      const held = direct.lines.filter((l) => l.productId === product).reduce((n, l) => n + l.quantity, 0);
      expect(stock).toBeGreaterThanOrEqual(0);
      expect(stock + held).toBe(20);
    }
  });

  it.each([true, false])(
    "give back a basket's first lines when a later UPDATE takes nothing (direct: %s)",
    async (on) => {
      // On SQLite the batch's own read already knows the stock, so only something unforeseen can
      // make an UPDATE take nothing; a trigger on this connection plays that part for one product.
      setDirectReservations(on);
      const scene = await createMarketScene(NOW);
      const first = await createProduct(scene.stall.id, { stock: 10 });
      const second = await createProduct(scene.stall.id, { stock: 10 });
      const [a, b] = [first, second].sort((x, y) => (x.id < y.id ? -1 : 1));
      const buyer = await createUser();
      await db.$direct(
        `CREATE TEMP TRIGGER "refuse_second" BEFORE UPDATE OF "stock" ON "Product" WHEN OLD."id" = '${b!.id}'
       BEGIN SELECT RAISE(IGNORE); END`,
        [],
      );
      try {
        const result = await reserveOrder({
          buyerId: buyer.id,
          marketId: scene.market.id,
          lines: [
            { productId: a!.id, quantity: 3 },
            { productId: b!.id, quantity: 3 },
          ],
          now: NOW,
        });
        expect(result).toMatchObject({ ok: false, reason: "insufficientStock" });
        expect(directBatches).toHaveBeenCalledTimes(on ? 1 : 0);
      } finally {
        await db.$direct(`DROP TRIGGER "refuse_second"`, []);
      }
      const left = await db.product.findMany({
        where: { id: { in: [a!.id, b!.id] } },
        select: { stock: true, stockVersion: true },
      });
      expect(left).toEqual([
        { stock: 10, stockVersion: 0 },
        { stock: 10, stockVersion: 0 },
      ]);
      expect(await db.order.count({ where: { buyerId: buyer.id } })).toBe(0);
    },
  );

  it("fail only a basket whose insert fails, as the Prisma path does", async () => {
    await prepareDatabase(); // foreign keys on, as the server runs
    const scene = await createMarketScene(NOW);
    const product = await createProduct(scene.stall.id, { stock: 10 });
    const buyer = await createUser();
    const basket = (buyerId: string) =>
      reserveOrder({ buyerId, marketId: scene.market.id, lines: [{ productId: product.id, quantity: 2 }], now: NOW });
    const [first, unknownBuyer, last] = await Promise.allSettled([
      basket(buyer.id),
      basket("no-such-buyer"),
      basket(buyer.id),
    ]);
    expect(first).toMatchObject({ status: "fulfilled", value: { ok: true } });
    expect(unknownBuyer.status).toBe("rejected");
    expect(last).toMatchObject({ status: "fulfilled", value: { ok: true } });
    expect((await db.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(6);
    expect(await db.order.count({ where: { buyerId: "no-such-buyer" } })).toBe(0);
  });

  it.each([true, false])("publish no stock change when the COMMIT fails (direct: %s)", async (on) => {
    await prepareDatabase(); // foreign keys on: the deferred one below fails the COMMIT
    setDirectReservations(on);
    const scene = await createMarketScene(NOW);
    const product = await createProduct(scene.stall.id, { stock: 10 });
    const buyer = await createUser();
    const published: StockChange[] = [];
    const stopListening = onStockChanged((changes) => published.push(...changes));
    // A deferred foreign key broken by this product's order line: checked, and failing, at COMMIT.
    await db.$direct(`CREATE TEMP TABLE "commit_parent" ("id" TEXT PRIMARY KEY)`, []);
    await db.$direct(
      `CREATE TEMP TABLE "commit_child" ("parentId" TEXT REFERENCES "commit_parent" ("id") DEFERRABLE INITIALLY DEFERRED)`,
      [],
    );
    await db.$direct(
      `CREATE TEMP TRIGGER "commit_fails" AFTER INSERT ON "OrderLine" WHEN NEW."productId" = '${product.id}'
       BEGIN INSERT INTO "commit_child" VALUES ('missing'); END`,
      [],
    );
    try {
      const result = await reserveOrder({
        buyerId: buyer.id,
        marketId: scene.market.id,
        lines: [{ productId: product.id, quantity: 1 }],
        now: NOW,
      }).catch((error: unknown) => error);
      expect(String(result)).toMatch(/FOREIGN KEY|ForeignKey/);
    } finally {
      stopListening();
      await db.$direct(`DROP TRIGGER "commit_fails"`, []);
      await db.$direct(`DROP TABLE "commit_child"`, []);
      await db.$direct(`DROP TABLE "commit_parent"`, []);
    }
    expect((await db.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(10);
    // A version announced for a write that never was would hide the real one that reuses it.
    expect(published.filter((c) => c.productId === product.id)).toEqual([]);
  });
});
