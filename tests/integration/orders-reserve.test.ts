// Reserving a basket through the real service layer on a real PostgreSQL database: no oversell under 500
// concurrent buyers, all or nothing, prices from the database, and the market's gate.
import type { Socket } from "node:net";
import pg from "pg";
import { describe, expect, it, vi } from "vitest";
import { closeNow } from "~/models/market-schedule.server";
import { markOrderPaid } from "~/models/order-payment.server";
import { reserveOrder, type ReserveResult } from "~/models/order-reserve.server";
import { onStockChanged, type StockChange } from "~/models/stock-events.server";
import { HOLD_MS } from "~/models/order-status";
import { databasePool, db, isDatabaseUnavailable } from "~/utils/db.server";
import {
  createMarket,
  createMarketScene,
  createProduct,
  createSession,
  createStall,
  createUser,
} from "../fixtures/factories";
import { eventually } from "../setup/wait";

const NOW = new Date("2026-12-12T15:00:00Z");

/** A small deterministic PRNG, so a failure can be replayed. */
function prng(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}

async function buyers(n: number) {
  const stamp = Date.now().toString(36);
  await db.user.createMany({
    data: Array.from({ length: n }, (_, i) => ({
      email: `buyer-${stamp}-${i}@example.test`,
      name: `Buyer ${i}`,
      passwordHash: "not-a-real-hash",
    })),
  });
  return db.user.findMany({ where: { email: { startsWith: `buyer-${stamp}-` } }, select: { id: true } });
}

async function stockOf(productIds: string[]) {
  const rows = await db.product.findMany({ where: { id: { in: productIds } }, select: { id: true, stock: true } });
  return new Map(rows.map((r) => [r.id, r.stock]));
}

describe("reserveOrder under 500 concurrent buyers", () => {
  it("sells exactly the stock, never below zero, and tells the refused what ran short", async () => {
    const scene = await createMarketScene(NOW);
    const otherStall = await createStall(scene.market.id, scene.merchant.id);
    const products = await Promise.all([
      createProduct(scene.stall.id, { stock: 50, priceCents: 450, name: "Vin chaud" }),
      createProduct(scene.stall.id, { stock: 50, priceCents: 1200, name: "Couronne" }),
      createProduct(otherStall.id, { stock: 50, priceCents: 800, name: "Miel de sapin" }),
      createProduct(otherStall.id, { stock: 50, priceCents: 300, name: "Pain d'épices" }),
    ]);
    const ids = products.map((p) => p.id);
    const people = await buyers(500);

    const random = prng(42);
    const baskets = people.map(() => {
      // 40% single units of one product (they drain what the big baskets leave), the rest 1 to 3
      // products of 1 to 3 each, sometimes with a duplicate line to merge.
      if (random() < 0.4) return [{ productId: ids[Math.floor(random() * 4)]!, quantity: 1 }];
      const count = 1 + Math.floor(random() * 3);
      const lines = Array.from({ length: count }, () => ({
        productId: ids[Math.floor(random() * 4)]!,
        quantity: 1 + Math.floor(random() * 3),
      }));
      return lines;
    });

    // Watches stock while the storm runs, as another page would.
    let lowest = Infinity;
    let storming = true;
    const watcher = (async () => {
      while (storming) {
        for (const stock of (await stockOf(ids)).values()) lowest = Math.min(lowest, stock);
        // Yields to the storm between samples (each sample is a query already; no time waited).
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const changes: StockChange[] = [];
    const unsubscribe = onStockChanged((c) => changes.push(...c));

    // Some buyers pay while others are still reserving: sold + reserved + left must still add up.
    const paid: Promise<boolean>[] = [];
    const results: ReserveResult[] = await Promise.all(
      people.map(async (buyer, i) => {
        const result = await reserveOrder({
          buyerId: buyer.id,
          marketId: scene.market.id,
          lines: baskets[i]!,
          now: NOW,
        });
        if (result.ok && i % 3 === 0) paid.push(markOrderPaid(result.order.id, NOW));
        return result;
      }),
    );
    await Promise.all(paid);
    storming = false;
    await watcher;
    unsubscribe();

    const left = await stockOf(ids);
    const lines = await db.orderLine.findMany({
      where: { productId: { in: ids } },
      select: { productId: true, quantity: true, unitPriceCents: true, order: { select: { status: true } } },
    });
    const accepted = results.filter((r) => r.ok);
    const refused = results.filter((r) => !r.ok);
    expect(accepted.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    expect(lowest).toBeGreaterThanOrEqual(0);
    expect(paid.length).toBeGreaterThan(0);

    for (const product of products) {
      const mine = lines.filter((l) => l.productId === product.id);
      const sold = mine.filter((l) => l.order.status === "PAID").reduce((n, l) => n + l.quantity, 0);
      const reserved = mine.filter((l) => l.order.status === "RESERVED").reduce((n, l) => n + l.quantity, 0);
      expect(left.get(product.id)).toBe(0);
      expect(reserved + sold + left.get(product.id)!).toBe(50);
      expect(mine.every((l) => l.unitPriceCents === product.priceCents)).toBe(true);
      // Each accepted line was announced once with a new stockVersion.
      const announced = changes.filter((c) => c.productId === product.id);
      expect(announced.length).toBe(mine.length);
      expect(new Set(announced.map((c) => c.stockVersion)).size).toBe(announced.length);
    }
    expect(await db.order.count({ where: { marketId: scene.market.id } })).toBe(accepted.length);

    for (const result of refused) {
      if (result.ok) continue;
      expect(result.reason).toBe("insufficientStock");
      if (result.reason !== "insufficientStock") continue;
      expect(result.short.length).toBeGreaterThan(0);
      for (const line of result.short) {
        expect(ids).toContain(line.productId);
        expect(line.name).toBe(products.find((p) => p.id === line.productId)!.name);
        expect(line.available).toBeGreaterThanOrEqual(0);
        expect(line.available).toBeLessThan(line.requested);
      }
    }
  }, 60_000);
});

describe("reserveOrder", () => {
  it("fails only the basket at fault when baskets share a transaction", async () => {
    const scene = await createMarketScene(NOW);
    const product = await createProduct(scene.stall.id, { stock: 10 });
    const scarce = await createProduct(scene.stall.id, { stock: 1 });
    const [a, b] = [await createUser(), await createUser()];
    const basket = (buyerId: string, lines: { productId: string; quantity: number }[]) =>
      reserveOrder({ buyerId, marketId: scene.market.id, lines, now: NOW });
    const [first, unknownBuyer, short, last] = await Promise.allSettled([
      basket(a.id, [{ productId: product.id, quantity: 1 }]),
      basket("no-such-buyer", [{ productId: product.id, quantity: 1 }]),
      // Takes the product's line, then runs short on the scarce one: its first line is given back.
      basket(a.id, [
        { productId: product.id, quantity: 2 },
        { productId: scarce.id, quantity: 2 },
      ]),
      basket(b.id, [{ productId: product.id, quantity: 3 }]),
    ]);
    expect(first).toMatchObject({ status: "fulfilled", value: { ok: true } });
    expect(unknownBuyer.status).toBe("rejected");
    expect(short).toMatchObject({ status: "fulfilled", value: { ok: false, reason: "insufficientStock" } });
    expect(last).toMatchObject({ status: "fulfilled", value: { ok: true } });
    expect((await stockOf([product.id])).get(product.id)).toBe(6);
    expect((await stockOf([scarce.id])).get(scarce.id)).toBe(1);
    expect(await db.orderLine.count({ where: { productId: product.id } })).toBe(2);
  });

  it("another connection writing the row meanwhile: refused on the level it committed, never oversold", async () => {
    const scene = await createMarketScene(NOW);
    const product = await createProduct(scene.stall.id, { stock: 10, name: "Bredele" });
    const buyer = await createUser();
    // Another instance, in the middle of its own transaction on the product's row.
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      await other.query("BEGIN");
      await other.query(`UPDATE "Product" SET "stock" = 1, "stockVersion" = "stockVersion" + 1 WHERE "id" = $1`, [
        product.id,
      ]);
      const reserving = reserveOrder({
        buyerId: buyer.id,
        marketId: scene.market.id,
        lines: [{ productId: product.id, quantity: 2 }],
        now: NOW,
      });
      // The reservation's transaction waits for the row: only then does the other one commit.
      await vi.waitFor(
        async () => {
          const waiting = await other.query(
            `SELECT 1 FROM pg_stat_activity WHERE "datname" = current_database() AND "wait_event_type" = 'Lock'`,
          );
          expect(waiting.rowCount).toBe(1);
        },
        { timeout: 10_000, interval: 20 },
      );
      await other.query("COMMIT");
      expect(await reserving).toEqual({
        ok: false,
        reason: "insufficientStock",
        short: [{ productId: product.id, name: "Bredele", requested: 2, available: 1 }],
      });
    } finally {
      await other.end();
    }
    expect(await db.product.findUniqueOrThrow({ where: { id: product.id } })).toMatchObject({
      stock: 1,
      stockVersion: 1,
    });
    expect(await db.order.count({ where: { buyerId: buyer.id } })).toBe(0);
  });

  it("a connection lost while its batch waits fails that batch, not the process; the next one is served", async () => {
    const { reserving, other, product, scene, buyer } = await reservationWaitingForRow();
    try {
      // The network drops the batch's connection (pg's socket, as a reset would): the pool does
      // not listen to a lent connection, so only the batch's own listener stands between the
      // 'error' it emits and the end of the process.
      const lent = (
        databasePool() as unknown as { _clients: { activeQuery: unknown; connection: { stream: Socket } }[] }
      )._clients;
      lent.find((client) => client.activeQuery)!.connection.stream.destroy();
      await expect(reserving).rejects.toThrow(/terminated/i);
      await other.query("ROLLBACK");
    } finally {
      await other.end();
    }
    const next = await reserveOrder({
      buyerId: buyer.id,
      marketId: scene.market.id,
      lines: [{ productId: product.id, quantity: 2 }],
      now: NOW,
    });
    expect(next).toMatchObject({ ok: true });
    expect(await db.product.findUniqueOrThrow({ where: { id: product.id } })).toMatchObject({ stock: 8 });
  });

  it("a row held past the lock timeout fails the reservation instead of holding every later one", async () => {
    const { reserving, other, product } = await reservationWaitingForRow();
    try {
      await expect(reserving).rejects.toThrow(/lock timeout/i);
      // Answered as a database that cannot answer now: 503 "try again" (checkout.test.ts), no retry one by one.
      expect(isDatabaseUnavailable(await reserving.catch((error: unknown) => error))).toBe(true);
    } finally {
      await other.query("ROLLBACK");
      await other.end();
    }
    expect(await db.product.findUniqueOrThrow({ where: { id: product.id } })).toMatchObject({ stock: 10 });
  });

  it("reserves nothing when one line is short, and says which and how many are left", async () => {
    const scene = await createMarketScene(NOW);
    const plenty = await createProduct(scene.stall.id, { stock: 10, name: "Bougie" });
    const scarce = await createProduct(scene.stall.id, { stock: 2, name: "Santon" });
    const buyer = await createUser();

    const result = await reserveOrder({
      buyerId: buyer.id,
      marketId: scene.market.id,
      lines: [
        { productId: plenty.id, quantity: 4 },
        { productId: scarce.id, quantity: 3 },
      ],
      now: NOW,
    });
    expect(result).toEqual({
      ok: false,
      reason: "insufficientStock",
      short: [{ productId: scarce.id, name: "Santon", requested: 3, available: 2 }],
    });
    const left = await stockOf([plenty.id, scarce.id]);
    expect(left.get(plenty.id)).toBe(10);
    expect(left.get(scarce.id)).toBe(2);
    expect(await db.order.count({ where: { buyerId: buyer.id } })).toBe(0);
    expect(await db.orderLine.count({ where: { productId: { in: [plenty.id, scarce.id] } } })).toBe(0);
  });

  it("copies names and prices from the database, merges duplicate lines and holds for 30 minutes", async () => {
    const scene = await createMarketScene(NOW);
    const product = await createProduct(scene.stall.id, { stock: 10, priceCents: 1250, name: "Étoile en paille" });
    const buyer = await createUser();

    const result = await reserveOrder({
      buyerId: buyer.id,
      marketId: scene.market.id,
      lines: [
        { productId: product.id, quantity: 2 },
        { productId: product.id, quantity: 1 },
      ],
      now: NOW,
    });
    if (!result.ok) throw new Error(`refused: ${JSON.stringify(result)}`);
    const order = await db.order.findUniqueOrThrow({ where: { id: result.order.id }, include: { lines: true } });
    expect(order).toMatchObject({
      status: "RESERVED",
      totalCents: 3750,
      currency: "eur",
      buyerId: buyer.id,
      marketId: scene.market.id,
      holdExpiresAt: new Date(NOW.getTime() + HOLD_MS),
      createdAt: NOW,
    });
    expect(order.lines).toEqual([
      expect.objectContaining({
        productId: product.id,
        stallId: scene.stall.id,
        name: "Étoile en paille",
        unitPriceCents: 1250,
        quantity: 3,
        status: "RESERVED",
      }),
    ]);
    // A later price change does not touch the order.
    await db.product.update({ where: { id: product.id }, data: { priceCents: 9900 } });
    expect((await db.orderLine.findFirstOrThrow({ where: { orderId: order.id } })).unitPriceCents).toBe(1250);
    const after = await db.product.findUniqueOrThrow({ where: { id: product.id } });
    expect(after.stock).toBe(7);
    expect(after.stockVersion).toBe(1);
  });

  it("refuses while the market is closed, after an organiser's close-now too", async () => {
    const scene = await createMarketScene(NOW);
    const product = await createProduct(scene.stall.id, { stock: 10 });
    const buyer = await createUser();
    const basket = { buyerId: buyer.id, marketId: scene.market.id, lines: [{ productId: product.id, quantity: 1 }] };

    const later = await reserveOrder({ ...basket, now: new Date(NOW.getTime() + 2 * 3600_000) });
    expect(later).toMatchObject({ ok: false, reason: "marketClosed", status: { open: false } });

    await closeNow(scene.market.id, scene.organiser.id, NOW, "Tempête");
    const closed = await reserveOrder({ ...basket, now: new Date(NOW.getTime() + 1000) });
    expect(closed).toMatchObject({
      ok: false,
      reason: "marketClosed",
      status: { open: false, closure: { reason: "Tempête" } },
    });
    expect((await db.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(10);
    expect(await db.order.count({ where: { buyerId: buyer.id } })).toBe(0);
  });

  it("refuses inactive products, unapproved stalls' and another market's, naming them", async () => {
    const scene = await createMarketScene(NOW);
    const inactive = await createProduct(scene.stall.id, { stock: 10 });
    await db.product.update({ where: { id: inactive.id }, data: { active: false } });
    const pendingStall = await createStall(scene.market.id, scene.merchant.id, { status: "PENDING" });
    const pending = await createProduct(pendingStall.id, { stock: 10 });
    const otherMarket = await createMarket(scene.town.id);
    await createSession(otherMarket.id, new Date(NOW.getTime() - 3600_000), new Date(NOW.getTime() + 3600_000));
    const elsewhere = await createProduct((await createStall(otherMarket.id, scene.merchant.id)).id, { stock: 10 });
    const fine = await createProduct(scene.stall.id, { stock: 10 });
    const buyer = await createUser();

    const result = await reserveOrder({
      buyerId: buyer.id,
      marketId: scene.market.id,
      lines: [inactive, pending, elsewhere, fine].map((p) => ({ productId: p.id, quantity: 1 })),
      now: NOW,
    });
    expect(result.ok).toBe(false);
    if (result.ok || result.reason !== "unavailable") throw new Error(JSON.stringify(result));
    expect(new Set(result.productIds)).toEqual(new Set([inactive.id, pending.id, elsewhere.id]));
    expect((await stockOf([fine.id])).get(fine.id)).toBe(10);

    const unknownMarket = await reserveOrder({
      buyerId: buyer.id,
      marketId: "no-such-market",
      lines: [{ productId: fine.id, quantity: 1 }],
      now: NOW,
    });
    expect(unknownMarket).toMatchObject({ ok: false, reason: "unavailable" });
  });

  it("refuses bad quantities and empty baskets without touching the database", async () => {
    const scene = await createMarketScene(NOW);
    const buyer = await createUser();
    const product = await createProduct(scene.stall.id, { stock: 500 });
    for (const lines of [
      [],
      [{ productId: product.id, quantity: 0 }],
      [{ productId: product.id, quantity: 100 }],
      [{ productId: product.id, quantity: 1.5 }],
      [
        { productId: product.id, quantity: 60 },
        { productId: product.id, quantity: 40 },
      ],
    ]) {
      const result = await reserveOrder({ buyerId: buyer.id, marketId: scene.market.id, lines, now: NOW });
      expect(result).toMatchObject({ ok: false, reason: "invalid" });
    }
    expect((await stockOf([product.id])).get(product.id)).toBe(500);
  });
});

/** A reservation of 2 waiting for a product row (stock 10) that another connection holds in a transaction. */
async function reservationWaitingForRow() {
  const scene = await createMarketScene(NOW);
  const product = await createProduct(scene.stall.id, { stock: 10, name: "Bredele" });
  const buyer = await createUser();
  const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await other.connect();
  await other.query("BEGIN");
  await other.query(`SELECT 1 FROM "Product" WHERE "id" = $1 FOR UPDATE`, [product.id]);
  const reserving = reserveOrder({
    buyerId: buyer.id,
    marketId: scene.market.id,
    lines: [{ productId: product.id, quantity: 2 }],
    now: NOW,
  });
  reserving.catch(() => undefined); // awaited by the test; not unhandled meanwhile
  await eventually(async () => {
    const waiting = await other.query(
      `SELECT 1 FROM pg_stat_activity WHERE "datname" = current_database() AND "wait_event_type" = 'Lock'`,
    );
    return waiting.rowCount === 1;
  });
  return { scene, product, buyer, other, reserving };
}
