// Orders' numbers never repeat: each market numbers its orders 1, 2, 3… in the reservation batch's
// one statement (Market.orderCounter), however many arrive in the same second, and the reference
// people read ("T-0042") follows; orders placed before numbering existed were numbered by the
// migration, per market, in the order they were made.
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { nextOrderIdentity } from "~/models/order-number.server";
import { reserveOrder } from "~/models/order-reserve.server";
import { db } from "~/utils/db.server";
import { migrate, MIGRATIONS_DIR, readMigrations } from "../../server/migrate";
import { createMarket, createMarketScene, createProduct, createSession, createStall } from "../fixtures/factories";
import { runPrefix, testDatabaseUrl } from "../setup/database";

const NOW = new Date("2026-12-12T15:00:00Z");
const pad = (n: number) => String(n).padStart(4, "0");

async function buyers(n: number, tag: string) {
  await db.user.createMany({
    data: Array.from({ length: n }, (_, i) => ({
      email: `numbers-${tag}-${i}@example.test`,
      name: `Buyer ${i}`,
      passwordHash: "x",
    })),
  });
  return db.user.findMany({ where: { email: { startsWith: `numbers-${tag}-` } }, select: { id: true } });
}

describe("order numbers", () => {
  it("are 1..200 without a gap or a repeat for 200 baskets reserved together, per market", async () => {
    const scene = await createMarketScene(NOW);
    const other = await createMarket(scene.market.townId);
    await createSession(other.id, new Date(NOW.getTime() - 3600_000), new Date(NOW.getTime() + 3600_000));
    const otherProduct = await createProduct((await createStall(other.id, scene.merchant.id)).id, { stock: 1000 });
    const product = await createProduct(scene.stall.id, { stock: 1000 });
    const people = await buyers(260, Date.now().toString(36));

    // All at the same instant, through the reservation batch: 200 in one market, 60 in the other.
    const results = await Promise.all(
      people.map((buyer, i) =>
        i < 200
          ? reserveOrder({
              buyerId: buyer.id,
              marketId: scene.market.id,
              lines: [{ productId: product.id, quantity: 1 }],
              now: NOW,
            })
          : reserveOrder({
              buyerId: buyer.id,
              marketId: other.id,
              lines: [{ productId: otherProduct.id, quantity: 1 }],
              now: NOW,
            }),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);

    const town = await db.town.findUniqueOrThrow({ where: { id: scene.market.townId }, select: { name: true } });
    const initial = town.name[0]!.toUpperCase();
    for (const [marketId, count] of [
      [scene.market.id, 200],
      [other.id, 60],
    ] as const) {
      const orders = await db.order.findMany({
        where: { marketId },
        orderBy: { number: "asc" },
        select: { number: true, reference: true, pickupCode: true },
      });
      expect(orders.map((o) => o.number)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
      expect(orders.map((o) => o.reference)).toEqual(orders.map((o) => `${initial}-${pad(o.number)}`));
      expect(new Set(orders.map((o) => o.pickupCode)).size).toBe(count);
      expect((await db.market.findUniqueOrThrow({ where: { id: marketId } })).orderCounter).toBe(count);
    }
    // An order written outside the batch (a fixture, the seed) takes the next number.
    expect(await nextOrderIdentity(db, scene.market.id)).toMatchObject({ number: 201, reference: `${initial}-0201` });
  });
});

describe("the migration that numbered orders", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it("numbers the orders already placed per market, oldest first, and sets each market's counter", async () => {
    const admin = new pg.Client({ connectionString: testDatabaseUrl() });
    await admin.connect();
    // Named with this run's prefix: the run's end drops it (tests/setup/global-setup.ts).
    const name = `${runPrefix()}numbers_${process.pid}`;
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(testDatabaseUrl());
    url.pathname = `/${name}`;

    // The migrations before the numbering one, then orders as they were, then the numbering one.
    const numbering = "20261206230000_merchant_december";
    // Later migrations are left out: this test is about the numbering one alone.
    const copyUpTo = (last: (name: string) => boolean) => {
      const dir = mkdtempSync(path.join(tmpdir(), "chalet-migrations-"));
      dirs.push(dir);
      for (const m of readMigrations().filter((m) => last(m.name))) {
        cpSync(path.join(MIGRATIONS_DIR, m.name), path.join(dir, m.name), { recursive: true });
      }
      return dir;
    };
    await migrate(url.toString(), { dir: copyUpTo((name) => name < numbering) });
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      await client.query(`
        INSERT INTO "Town" ("id", "slug", "name") VALUES ('t1', 'rueil', 'Rueil-Malmaison'), ('t2', 'sans', '');
        INSERT INTO "Market" ("id", "townId", "slug", "name", "updatedAt") VALUES
          ('m1', 't1', 'noel', 'Noël', now()), ('m2', 't2', 'autre', 'Autre', now()), ('m3', 't1', 'vide', 'Vide', now());
        INSERT INTO "User" ("id", "email", "name", "passwordHash") VALUES ('u1', 'u1@example.test', 'U', 'x');
        INSERT INTO "Order" ("id", "marketId", "buyerId", "totalCents", "holdExpiresAt", "createdAt") VALUES
          ('o-c', 'm1', 'u1', 100, now(), '2025-12-03T10:00:00Z'),
          ('o-a', 'm1', 'u1', 100, now(), '2025-12-01T10:00:00Z'),
          ('o-x', 'm2', 'u1', 100, now(), '2025-12-02T10:00:00Z'),
          ('o-b2', 'm1', 'u1', 100, now(), '2025-12-02T10:00:00Z'),
          ('o-b1', 'm1', 'u1', 100, now(), '2025-12-02T10:00:00Z');`);
      expect(await migrate(url.toString(), { dir: copyUpTo((name) => name <= numbering) })).toEqual([numbering]);
      const { rows } = await client.query<{ id: string; number: number; reference: string }>(
        `SELECT "id", "number", "reference" FROM "Order" ORDER BY "marketId", "number"`,
      );
      // Same instant: the id breaks the tie, so a rerun on a copy numbers the same way.
      expect(rows).toEqual([
        { id: "o-a", number: 1, reference: "R-0001" },
        { id: "o-b1", number: 2, reference: "R-0002" },
        { id: "o-b2", number: 3, reference: "R-0003" },
        { id: "o-c", number: 4, reference: "R-0004" },
        { id: "o-x", number: 1, reference: "C-0001" },
      ]);
      const counters = await client.query<{ id: string; orderCounter: number }>(
        `SELECT "id", "orderCounter" FROM "Market" ORDER BY "id"`,
      );
      expect(counters.rows).toEqual([
        { id: "m1", orderCounter: 4 },
        { id: "m2", orderCounter: 1 },
        { id: "m3", orderCounter: 0 },
      ]);
    } finally {
      await client.end();
    }
  });
});
