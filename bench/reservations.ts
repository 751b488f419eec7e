// Reservations on one hot product: CONCURRENCY loops call reserveOrder (one unit each) in this
// process, as the checkout route does, on a fresh PostgreSQL database, for SECONDS per round.
// Next to it, in the same run and on the same database (another product), the bare baseline:
// the same grouped reservation through `pg` directly, no Prisma: reservations arriving while a
// batch commits share the next one (BEGIN, the market's windows, the products, one conditional
// UPDATE … RETURNING per reservation, one INSERT of orders and one of lines, COMMIT), with the
// same durability (synchronous_commit on, as the app runs). Rounds are interleaved; medians of the
// rounds are reported, with the load average around them.
import { randomUUID } from "node:crypto";
import { loadavg } from "node:os";
import pg from "pg";
import { createTestDatabase, dropTestDatabase } from "../tests/setup/database";
import { median, table } from "./lib";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

type Round = { perSecond: number; p50: number; p99: number; count: number };

function summarise(latencies: number[], ms: number): Round {
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]! * 100) / 100;
  return { perSecond: (latencies.length / ms) * 1000, p50: at(0.5), p99: at(0.99), count: latencies.length };
}

export async function benchReservations(): Promise<string> {
  const databaseUrl = await createTestDatabase("bench-reservations");
  // Before the app's modules are loaded: db.server reads it once.
  process.env.DATABASE_URL = databaseUrl;
  const { db } = await import("../app/utils/db.server");
  const { reserveOrder } = await import("../app/models/order.server");

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

  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows: sync } = await client.query<{ synchronous_commit: string }>("SHOW synchronous_commit");

  async function app(): Promise<Round> {
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
    if (refused) throw new Error(`${refused} reservations refused`);
    return summarise(latencies, performance.now() - started);
  }

  // The bare batcher: what reserveOrder does for one-line baskets, in `pg` and nothing else.
  type Waiting = { resolve: () => void; reject: (error: unknown) => void };
  const queue: Waiting[] = [];
  let draining = false;
  async function drain() {
    draining = true;
    while (queue.length) {
      const batch = queue.splice(0, 500);
      const at = new Date();
      try {
        await client.query("BEGIN");
        await client.query(
          `SELECT 'MARKET' AS kind, "status" AS id, "createdAt" AS "startsAt", "createdAt" AS "endsAt", '' AS reason FROM "Market" WHERE "id" = $1
           UNION ALL SELECT 'SESSION', "id", "startsAt", "endsAt", '' FROM "MarketSession" WHERE "marketId" = $1 AND "cancelledAt" IS NULL AND "endsAt" > $2
           UNION ALL SELECT "kind", "id", "startsAt", "endsAt", "reason" FROM "MarketOverride" WHERE "marketId" = $1 AND "endsAt" > $2`,
          [market.id, at],
        );
        await client.query(
          `SELECT p."id", p."name", p."priceCents", p."stock", p."active", s."id" AS "stallId", s."status", s."marketId"
             FROM "Product" p JOIN "Stall" s ON s."id" = p."stallId" WHERE p."id" = ANY($1)`,
          [[bare.id]],
        );
        const orders: string[] = [];
        for (let i = 0; i < batch.length; i++) {
          const taken = await client.query(
            `UPDATE "Product" SET "stock" = "stock" - 1, "stockVersion" = "stockVersion" + 1, "updatedAt" = $1
              WHERE "id" = $2 AND "stock" >= 1 RETURNING "stock", "stockVersion"`,
            [at, bare.id],
          );
          if (taken.rowCount !== 1) throw new Error("bare update took nothing");
          orders.push(randomUUID());
        }
        const hold = new Date(at.getTime() + 1_800_000);
        await client.query(
          `INSERT INTO "Order" ("id", "marketId", "buyerId", "status", "totalCents", "currency", "holdExpiresAt", "version", "createdAt")
           SELECT id, $2, $3, 'RESERVED', 450, 'eur', $4, 0, $5 FROM unnest($1::text[]) AS id`,
          [orders, market.id, owner.id, hold, at],
        );
        await client.query(
          `INSERT INTO "OrderLine" ("id", "orderId", "stallId", "productId", "name", "unitPriceCents", "quantity", "status")
           SELECT gen_random_uuid()::text, id, $2, $3, 'Bare', 450, 1, 'RESERVED' FROM unnest($1::text[]) AS id`,
          [orders, stall.id, bare.id],
        );
        await client.query("COMMIT");
        for (const waiting of batch) waiting.resolve();
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        for (const waiting of batch) waiting.reject(error);
      }
    }
    draining = false;
  }
  const bareReserve = () =>
    new Promise<void>((resolve, reject) => {
      queue.push({ resolve, reject });
      if (!draining) void drain();
    });

  async function bareLoops(): Promise<Round> {
    const latencies: number[] = [];
    const started = performance.now();
    const end = started + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (performance.now() < end) {
          const t = performance.now();
          await bareReserve();
          latencies.push(performance.now() - t);
        }
      }),
    );
    return summarise(latencies, performance.now() - started);
  }

  const load = () => loadavg()[0]!.toFixed(1);
  try {
    await app(); // warm-up: JIT, statement caches, PostgreSQL's buffers
    await bareLoops();
    const loadBefore = load();
    const runs: Record<"app" | "bare", Round[]> = { app: [], bare: [] };
    for (let round = 0; round < ROUNDS; round++) {
      runs.app.push(await app());
      runs.bare.push(await bareLoops());
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
    const bareRate = median(runs.bare.map((r) => r.perSecond));
    return [
      `Reservations on one hot product, PostgreSQL (synchronous_commit ${sync[0]?.synchronous_commit}), ${CONCURRENCY} concurrent loops, ${ROUNDS} interleaved rounds of ${SECONDS}s, medians; load average ${loadBefore} before, ${load()} after`,
      table(
        ["path", "per second", "p50 ms", "p99 ms", "rounds: per second (p99 ms)"],
        [
          row("reserveOrder (Prisma over adapter-pg, grouped transactions)", runs.app),
          row("bare pg: the same grouped reservation", runs.bare),
        ],
      ),
      `reserveOrder / bare pg: ${(appRate / bareRate).toFixed(3)}; stock + held = initial: yes`,
    ].join("\n");
  } finally {
    await client.end();
    const { endDatabasePool } = await import("../app/utils/db.server");
    await endDatabasePool();
    await dropTestDatabase(databaseUrl);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchReservations());
}
