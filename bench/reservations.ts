// Reservations on one hot product: CONCURRENCY loops call reserveOrder (one unit each) in this
// process, as the checkout route will, on a fresh SQLite file with the app's pragmas, for SECONDS
// per round: on SQLite's path (direct statements) and on the Prisma path PostgreSQL would take.
// Next to it, in the same run and on the same file, the bare baseline: the same
// conditional UPDATE through better-sqlite3 directly (no Prisma, no transaction around it), and
// the whole reservation's statements (BEGIN, market, product, UPDATE … RETURNING, two INSERTs,
// COMMIT) through better-sqlite3, which is what the service layer would cost without Prisma.
// Rounds are interleaved; medians of the rounds are reported, with the load average around them.
import { randomUUID } from "node:crypto";
import { loadavg } from "node:os";
import Database from "better-sqlite3";
import { createTestDatabase } from "../tests/setup/database";
import { median, table } from "./lib";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
// 0 leaves out the Prisma path (slow, and not what SQLite runs).
const PRISMA_PATH = process.env.BENCH_PRISMA_PATH !== "0";

type Round = { perSecond: number; p50: number; p99: number; count: number };

function summarise(latencies: number[], ms: number): Round {
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]! * 100) / 100;
  return { perSecond: (latencies.length / ms) * 1000, p50: at(0.5), p99: at(0.99), count: latencies.length };
}

export async function benchReservations(): Promise<string> {
  const databaseUrl = createTestDatabase("bench-reservations");
  // Before the app's modules are loaded: db.server reads it once.
  process.env.DATABASE_URL = databaseUrl;
  const { db, prepareDatabase } = await import("../app/utils/db.server");
  const { reserveOrder } = await import("../app/models/order.server");
  const { setDirectReservations } = await import("../app/models/order-reserve-sqlite.server");
  await prepareDatabase();
  // To see what WAL checkpoints cost the hot path: 0 turns them off on the app's connection.
  if (process.env.BENCH_WAL_AUTOCHECKPOINT) {
    await db.$direct(`PRAGMA wal_autocheckpoint = ${Number(process.env.BENCH_WAL_AUTOCHECKPOINT)}`, []);
  }

  const now = new Date();
  const town = await db.town.create({ data: { slug: "bench-town", name: "Bench" } });
  const owner = await db.user.create({ data: { email: "bench@example.test", name: "Bench", passwordHash: "x" } });
  const market = await db.market.create({
    data: { townId: town.id, slug: "bench-market", name: "Bench", status: "PUBLISHED" },
  });
  // A realistic schedule: a session a day for six weeks, the one under way now.
  await db.marketSession.createMany({
    data: Array.from({ length: 42 }, (_, day) => ({
      marketId: market.id,
      startsAt: new Date(now.getTime() - 3600_000 + (day - 7) * 86_400_000),
      endsAt: new Date(now.getTime() + 3 * 3600_000 + (day - 7) * 86_400_000),
    })),
  });
  const stall = await db.stall.create({
    data: {
      marketId: market.id,
      ownerId: owner.id,
      slug: "hot",
      name: "Hot",
      category: "miellerie",
      status: "APPROVED",
    },
  });
  const product = await db.product.create({
    data: { stallId: stall.id, name: "Vin chaud", priceCents: 450, stock: 1_000_000_000 },
  });
  const bare = await db.product.create({
    data: { stallId: stall.id, name: "Bare", priceCents: 450, stock: 1_000_000_000 },
  });

  const sqlite = new Database(databaseUrl.slice("file:".length));
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("busy_timeout = 5000");
  const update = sqlite.prepare(
    `UPDATE "Product" SET "stock" = "stock" - 1, "stockVersion" = "stockVersion" + 1, "updatedAt" = ? WHERE "id" = ? AND "stock" >= 1`,
  );
  const begin = sqlite.prepare("BEGIN");
  const commit = sqlite.prepare("COMMIT");
  const readMarket = sqlite.prepare(
    `SELECT 'MARKET' AS kind, "status" AS id, "createdAt" AS "startsAt", "createdAt" AS "endsAt", '' AS reason FROM "Market" WHERE "id" = ?
     UNION ALL SELECT 'SESSION', "id", "startsAt", "endsAt", '' FROM "MarketSession" WHERE "marketId" = ? AND "cancelledAt" IS NULL AND "endsAt" > ?
     UNION ALL SELECT "kind", "id", "startsAt", "endsAt", "reason" FROM "MarketOverride" WHERE "marketId" = ? AND "endsAt" > ?`,
  );
  const readProduct = sqlite.prepare(
    `SELECT p."id", p."name", p."priceCents", p."stock", p."active", s."id" AS "stallId", s."status", s."marketId"
       FROM "Product" p JOIN "Stall" s ON s."id" = p."stallId" WHERE p."id" IN (?)`,
  );
  const takeReturning = sqlite.prepare(
    `UPDATE "Product" SET "stock" = "stock" - 1, "stockVersion" = "stockVersion" + 1, "updatedAt" = ? WHERE "id" = ? AND "stock" >= 1 RETURNING "stock", "stockVersion"`,
  );
  const insertOrder = sqlite.prepare(
    `INSERT INTO "Order" ("id", "marketId", "buyerId", "status", "totalCents", "currency", "holdExpiresAt", "version", "createdAt") VALUES (?, ?, ?, 'RESERVED', 450, 'eur', ?, 0, ?)`,
  );
  const insertLine = sqlite.prepare(
    `INSERT INTO "OrderLine" ("id", "orderId", "stallId", "productId", "name", "unitPriceCents", "quantity", "status") VALUES (?, ?, ?, ?, 'Bare', 450, 1, 'RESERVED')`,
  );

  async function app(direct = true): Promise<Round> {
    setDirectReservations(direct);
    const latencies: number[] = [];
    let refused = 0;
    const started = performance.now();
    const end = started + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (performance.now() < end) {
          const t = performance.now();
          const result = await reserveOrder({
            buyerId: owner.id,
            marketId: market.id,
            lines: [{ productId: product.id, quantity: 1 }],
            now: new Date(),
          });
          latencies.push(performance.now() - t);
          if (!result.ok) refused++;
        }
      }),
    );
    setDirectReservations(true);
    if (refused) throw new Error(`${refused} reservations refused`);
    return summarise(latencies, performance.now() - started);
  }

  // Synchronous, one at a time: better-sqlite3 has no concurrency to offer, and no await means
  // no event-loop cost either. Yields now and then so timers and GC can run as they would.
  async function bareLoop(run: () => void): Promise<Round> {
    const latencies: number[] = [];
    const started = performance.now();
    const end = started + SECONDS * 1000;
    while (performance.now() < end) {
      for (let i = 0; i < 200; i++) {
        const t = performance.now();
        run();
        latencies.push(performance.now() - t);
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    return summarise(latencies, performance.now() - started);
  }

  const bareUpdate = () => {
    if (update.run(new Date().toISOString(), bare.id).changes !== 1) throw new Error("bare update took nothing");
  };
  const bareTransaction = () => {
    const at = new Date();
    const iso = at.toISOString();
    begin.run();
    try {
      readMarket.all(market.id, market.id, iso, market.id, iso);
      readProduct.all(bare.id);
      if (!takeReturning.get(iso, bare.id)) throw new Error("bare update took nothing");
      const orderId = randomUUID();
      insertOrder.run(orderId, market.id, owner.id, new Date(at.getTime() + 1_800_000).toISOString(), iso);
      insertLine.run(randomUUID(), orderId, stall.id, bare.id);
      commit.run();
    } catch (error) {
      sqlite.exec("ROLLBACK");
      throw error;
    }
  };

  const load = () => loadavg()[0]!.toFixed(1);
  try {
    await app(); // warm-up: JIT, statement caches, SQLite page cache
    if (PRISMA_PATH) await app(false);
    await bareLoop(bareUpdate);
    await bareLoop(bareTransaction);
    const loadBefore = load();
    const runs: Record<"app" | "prisma" | "update" | "transaction", Round[]> = {
      app: [],
      prisma: [],
      update: [],
      transaction: [],
    };
    for (let round = 0; round < ROUNDS; round++) {
      runs.app.push(await app());
      if (PRISMA_PATH) runs.prisma.push(await app(false));
      runs.update.push(await bareLoop(bareUpdate));
      runs.transaction.push(await bareLoop(bareTransaction));
    }
    const stock = await db.product.findUniqueOrThrow({ where: { id: product.id }, select: { stock: true } });
    const held = await db.orderLine.aggregate({ where: { productId: product.id }, _sum: { quantity: true } });
    if (stock.stock + (held._sum.quantity ?? 0) !== 1_000_000_000) throw new Error("stock does not add up");

    const row = (name: string, rounds: Round[]) => [
      name,
      Math.round(median(rounds.map((r) => r.perSecond))),
      Math.round(median(rounds.map((r) => r.p50)) * 100) / 100,
      Math.round(median(rounds.map((r) => r.p99)) * 100) / 100,
      rounds.map((r) => `${Math.round(r.perSecond)} (p99 ${r.p99})`).join(" / "),
    ];
    const appRate = median(runs.app.map((r) => r.perSecond));
    const ratio = (rounds: Round[]) => (appRate / median(rounds.map((r) => r.perSecond))).toFixed(3);
    return [
      `Reservations on one hot product, SQLite (WAL, synchronous=NORMAL), ${CONCURRENCY} concurrent loops, ${ROUNDS} interleaved rounds of ${SECONDS}s, medians; load average ${loadBefore} before, ${load()} after`,
      table(
        ["path", "per second", "p50 ms", "p99 ms", "rounds: per second (p99 ms)"],
        [
          row("reserveOrder (SQLite: direct statements, shared transactions)", runs.app),
          ...(PRISMA_PATH ? [row("reserveOrder (Prisma path, as on PostgreSQL)", runs.prisma)] : []),
          row("bare: the conditional UPDATE alone (better-sqlite3)", runs.update),
          row("bare: the same transaction's statements (better-sqlite3)", runs.transaction),
        ],
      ),
      `reserveOrder / bare UPDATE: ${ratio(runs.update)}; reserveOrder / bare transaction: ${ratio(runs.transaction)}; stock + held = initial: yes`,
    ].join("\n");
  } finally {
    sqlite.close();
    await db.$disconnect();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchReservations());
}
