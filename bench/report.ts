// The market's report over a whole edition (issue 16: "under a second"): 30 days, 200 stalls,
// 100,000 page visits, 6,000 orders (about 10,000 lines, some refused, some orders refunded) and
// 20,000 chat messages, generated with generate_series in a fresh test database. Times
// buildMarketReport (median of several runs, after one warm-up) next to a bare
// `SELECT count(*)` over the same PageVisit rows (the floor: reading the rows once), in the same
// run, and prints both, the ratio and the load average. `npx tsx bench/report.ts`
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { createTestDatabase, dropTestDatabase } from "../tests/setup/database";
import { median, table } from "./lib";

const RUNS = 7;
const DAYS = 30;
const STALLS = 200;
const VISITS = 100_000;
const ORDERS = 6_000;
const MESSAGES = 20_000;

export async function benchReport(): Promise<string> {
  const databaseUrl = await createTestDatabase("bench-report");
  // Before the app's modules are loaded: db.server reads it once.
  process.env.DATABASE_URL = databaseUrl;
  const { db, endDatabasePool } = await import("../app/utils/db.server");
  const { buildMarketReport } = await import("../app/models/report.server");
  try {
    const town = await db.town.create({ data: { slug: "bench-town", name: "Bench" } });
    const market = await db.market.create({
      data: { townId: town.id, slug: "bench-market", name: "Bench", status: "PUBLISHED", timezone: "Europe/Paris" },
    });
    const m = market.id;
    const first = "2026-11-27";
    // One session a day, 10:00 to 20:00 Paris time (UTC+1 in these weeks).
    await db.$executeRawUnsafe(
      `INSERT INTO "MarketSession" ("id", "marketId", "startsAt", "endsAt")
       SELECT 'ses' || d, $1, ($2::date + d) + time '09:00' AT TIME ZONE 'UTC', ($2::date + d) + time '19:00' AT TIME ZONE 'UTC'
       FROM generate_series(0, ${DAYS - 1}) d`,
      m,
      first,
    );
    await db.$executeRawUnsafe(
      `INSERT INTO "User" ("id", "email", "name", "passwordHash")
       SELECT 'u' || i, 'u' || i || '@bench.test', 'User ' || i, 'x' FROM generate_series(1, 3000) i`,
    );
    await db.$executeRawUnsafe(
      `INSERT INTO "Stall" ("id", "marketId", "ownerId", "slug", "name", "category", "status", "updatedAt")
       SELECT 'st' || i, $1, 'u' || i, 'stall-' || i, 'Stall ' || i, 'miellerie', 'APPROVED', now()
       FROM generate_series(1::bigint, ${STALLS}) i`,
      m,
    );
    await db.$executeRawUnsafe(
      `INSERT INTO "Product" ("id", "stallId", "name", "priceCents", "stock", "updatedAt")
       SELECT 'p' || i, 'st' || i, 'Product ' || i, 300 + (i % 20) * 100, 100, now() FROM generate_series(1::bigint, ${STALLS}) i`,
    );
    // Visits during the sessions; a fifth on the market page; about 3,000 visitor hashes a day.
    await db.$executeRawUnsafe(
      `INSERT INTO "PageVisit" ("marketId", "stallId", "visitor", "source", "device", "at")
       SELECT $1,
              CASE WHEN i % 5 = 0 THEN NULL ELSE 'st' || (1 + (i * 7919) % ${STALLS}) END,
              'v' || ((i * 104729) % 2999),
              (ARRAY['INTERNAL','INTERNAL','DIRECT','SOCIAL','TOWN','QR','SEARCH','OTHER'])[1 + (i * 31) % 8],
              CASE WHEN i % 3 = 0 THEN 'DESKTOP' ELSE 'PHONE' END,
              ($2::date + (i % ${DAYS})::int) + time '09:00' AT TIME ZONE 'UTC' + ((i * 6007) % 36000) * interval '1 second'
       FROM generate_series(1::bigint, ${VISITS}) i`,
      m,
      first,
    );
    // Orders by 2,000 buyers; one in twenty refunded as a whole.
    await db.$executeRawUnsafe(
      `INSERT INTO "Order" ("id", "marketId", "buyerId", "status", "totalCents", "holdExpiresAt", "paidAt", "number",
                            "reference", "pickupCode", "createdAt")
       SELECT 'o' || i, $1, 'u' || (1 + (i * 37) % 2000), CASE WHEN i % 20 = 0 THEN 'REFUNDED' ELSE 'PAID' END, 0,
              now(), ($2::date + (i % ${DAYS})::int) + time '09:00' AT TIME ZONE 'UTC' + ((i * 7001) % 36000) * interval '1 second',
              i, 'B-' || i, 'code' || i, now()
       FROM generate_series(1::bigint, ${ORDERS}) i`,
      m,
      first,
    );
    // One to three lines per order, on different stalls; one line in thirty refused.
    await db.$executeRawUnsafe(
      `INSERT INTO "OrderLine" ("id", "orderId", "stallId", "productId", "name", "unitPriceCents", "quantity", "status")
       SELECT 'l' || i || '-' || k, 'o' || i, 'st' || s, 'p' || s, 'Product', 300 + (s % 20) * 100, 1 + (i + k) % 3,
              CASE WHEN (i + k) % 30 = 0 THEN 'REFUSED' ELSE 'COLLECTED' END
       FROM generate_series(1::bigint, ${ORDERS}) i, generate_series(0, 2) k,
            LATERAL (SELECT 1 + ((i * 13 + k * 67) % ${STALLS}) AS s) x
       WHERE k <= i % 3`,
    );
    // Messages: residents ask, the stall's owner answers one message in three.
    await db.$executeRawUnsafe(
      `INSERT INTO "ChatMessage" ("stallId", "authorId", "body", "createdAt")
       SELECT 'st' || s, CASE WHEN i % 3 = 0 THEN 'u' || s ELSE 'u' || (${STALLS} + 1 + i % 2000) END, 'Bonjour',
              ($1::date + (i % ${DAYS})::int) + time '09:00' AT TIME ZONE 'UTC' + ((i * 3001) % 36000) * interval '1 second'
       FROM generate_series(1::bigint, ${MESSAGES}) i, LATERAL (SELECT 1 + (i * 17) % ${STALLS} AS s) x`,
      first,
    );
    await db.$executeRawUnsafe(`ANALYZE`);

    const range = { from: first, to: "2026-12-26" };
    const now = new Date("2026-12-27T12:00:00Z");
    const start = new Date("2026-11-26T23:00:00Z");
    const end = new Date("2026-12-26T23:00:00Z");
    const time = async (fn: () => Promise<unknown>) => {
      const t0 = performance.now();
      await fn();
      return performance.now() - t0;
    };
    const report = () => buildMarketReport(m, range, {}, now);
    const stallReport = () => buildMarketReport(m, range, { stallId: "st7" }, now);
    const bare = () =>
      db.$queryRaw`SELECT count(*) FROM "PageVisit" WHERE "marketId" = ${m} AND "at" >= ${start} AND "at" < ${end}`;
    // Warm-up (plans, caches), and a check that the figures are there.
    const sample = await report();
    await stallReport();
    await bare();
    const runs = { report: [] as number[], stall: [] as number[], bare: [] as number[] };
    // Interleaved, so a busy moment of the machine falls on all three.
    for (let i = 0; i < RUNS; i++) {
      runs.report.push(await time(report));
      runs.stall.push(await time(stallReport));
      runs.bare.push(await time(bare));
    }
    const row = (name: string, values: number[]) => [
      name,
      median(values).toFixed(1),
      Math.min(...values).toFixed(1),
      Math.max(...values).toFixed(1),
    ];
    return [
      `## Report (bench/report.ts): ${DAYS} days, ${STALLS} stalls, ${VISITS} visits, ${ORDERS} orders, ${MESSAGES} messages; load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
      `(figures: ${sample.totals.views} views, ${sample.totals.visitors} visitor-days, ${sample.totals.orders} orders, ${sample.totals.paidCents} cents paid, ${sample.totals.questions} questions)`,
      table(
        ["", "median ms", "min ms", "max ms"],
        [
          row("buildMarketReport (whole market)", runs.report),
          row("buildMarketReport (one stall)", runs.stall),
          row("bare SELECT count(*) over the same visits", runs.bare),
        ],
      ),
      `report / bare count: ${(median(runs.report) / median(runs.bare)).toFixed(1)}×; stall report / bare count: ${(median(runs.stall) / median(runs.bare)).toFixed(1)}×`,
    ].join("\n");
  } finally {
    await endDatabasePool();
    await dropTestDatabase(databaseUrl);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchReport());
}
