// Reservations on one hot product: CONCURRENCY loops call reserveOrder (one unit each) in this
// process, as the checkout route does, on a fresh PostgreSQL database, for SECONDS per round.
// Next to it, in the same run and on the same database (another product), the bare baseline:
// the same grouped reservation's statements (order-reserve.server's reservationSql) on one `pg` client
// and nothing else: reservations arriving while a batch commits share the next one (BEGIN, the
// market's windows, the product locked, one statement taking the stock and writing the orders and
// lines, COMMIT), with the same durability (synchronous_commit on, as the app runs). Rounds are interleaved; medians of the
// rounds are reported, with the load average around them.
import { randomUUID } from "node:crypto";
import { loadavg } from "node:os";
import pg from "pg";
import { createTestDatabase, dropTestDatabase } from "../tests/setup/database";
import { median, table } from "./lib";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

type Round = { perSecond: number; p50: number; p99: number; count: number; batch: number };

/** `batches`: transactions run in the round (the mean batch is count / batches). */
function summarise(latencies: number[], ms: number, batches: number): Round {
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]! * 100) / 100;
  return {
    perSecond: (latencies.length / ms) * 1000,
    p50: at(0.5),
    p99: at(0.99),
    count: latencies.length,
    batch: latencies.length / Math.max(1, batches),
  };
}

export async function benchReservations(): Promise<string> {
  const databaseUrl = await createTestDatabase("bench-reservations");
  // Before the app's modules are loaded: db.server reads it once.
  process.env.DATABASE_URL = databaseUrl;
  const { db, databasePool } = await import("../app/utils/db.server");
  const { reserveOrder, reservationSql } = await import("../app/models/order-reserve.server");

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
    // Each batch takes one connection from the pool.
    let batches = 0;
    const counted = () => batches++;
    databasePool().on("acquire", counted);
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
    databasePool().off("acquire", counted);
    return summarise(latencies, performance.now() - started, batches);
  }

  // The bare batcher: what reserveOrder does for one-line baskets, in `pg` and nothing else.
  type Waiting = { resolve: () => void; reject: (error: unknown) => void };
  const queue: Waiting[] = [];
  let draining = false;
  let bareBatches = 0;
  // As reserveOrder's drain: the batch runs in an async function that is awaited, so the loops
  // its end resolves queue their next reservations before the next batch is taken (resolving
  // and then reading the queue in the same tick would take a batch of one, then one of fifteen).
  async function bareBatch(batch: Waiting[]) {
    bareBatches++;
    const at = new Date();
    try {
      await client.query("BEGIN");
      await client.query({ ...reservationSql.windows, values: [market.id, at.toISOString()] });
      await client.query({ ...reservationSql.products, values: [[bare.id]] });
      const orders = batch.map(() => randomUUID());
      const iso = at.toISOString();
      const hold = new Date(at.getTime() + 1_800_000).toISOString();
      const each = <T>(value: T) => orders.map(() => value);
      const taken = await client.query({
        ...reservationSql.write,
        values: [
          [bare.id],
          [batch.length],
          [batch.length],
          [iso],
          orders,
          each(market.id),
          each(owner.id),
          each(450),
          each(hold),
          each(iso),
          orders.map(() => randomUUID()),
          orders,
          each(stall.id),
          each(bare.id),
          each("Bare"),
          each(450),
          each(1),
          orders.map(() => randomUUID().slice(0, 8)),
          each(null),
          [],
          [],
        ],
      });
      if (taken.rowCount !== 1) throw new Error("bare update took nothing");
      await client.query("COMMIT");
      for (const waiting of batch) waiting.resolve();
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      for (const waiting of batch) waiting.reject(error);
    }
  }
  async function drain() {
    draining = true;
    while (queue.length) await bareBatch(queue.splice(0, 500));
    draining = false;
  }
  const bareReserve = () =>
    new Promise<void>((resolve, reject) => {
      queue.push({ resolve, reject });
      if (!draining) void drain();
    });

  async function bareLoops(): Promise<Round> {
    const latencies: number[] = [];
    const batchesBefore = bareBatches;
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
    return summarise(latencies, performance.now() - started, bareBatches - batchesBefore);
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
      Math.round(median(rounds.map((r) => r.batch)) * 10) / 10,
      rounds.map((r) => `${Math.round(r.perSecond)} (p99 ${r.p99})`).join(" / "),
    ];
    const appRate = median(runs.app.map((r) => r.perSecond));
    const bareRate = median(runs.bare.map((r) => r.perSecond));
    return [
      `Reservations on one hot product, PostgreSQL (synchronous_commit ${sync[0]?.synchronous_commit}), ${CONCURRENCY} concurrent loops, ${ROUNDS} interleaved rounds of ${SECONDS}s, medians; load average ${loadBefore} before, ${load()} after`,
      table(
        ["path", "per second", "p50 ms", "p99 ms", "mean batch", "rounds: per second (p99 ms)"],
        [
          row("reserveOrder (grouped transactions, raw pg from db's pool)", runs.app),
          row("bare pg: the same statements, nothing around them", runs.bare),
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
