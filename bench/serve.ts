// A production-mode server on a freshly seeded database, for benchmarks. Prints
// "BENCH_URL=<url>" once listening. Run pinned to one core by bench/lib.ts.
// BENCH_DATABASE_URL: serve a database the benchmark prepared itself instead (no demo seed unless
// BENCH_SEED_DEMO=1).
// SIGUSR2: print the memory after a full garbage collection (bench/memory-signal.ts).
// BENCH_FLOOD_PROTECTIONS=on: the sockets' flood limits as configured; otherwise lifted (below).
import { createTestDatabase } from "../tests/setup/database";
import { reportMemoryOnSignal } from "./memory-signal";
import { NO_FLOOD_LIMITS } from "./no-flood-limits";

process.env.NODE_ENV = "production";
process.env.LOG_REQUESTS = "0";
process.env.CHALET_BENCH = "1";
process.env.SESSION_SECRET ??= "bench-secret-not-for-production";
process.env.PUBLIC_URL ??= "http://localhost:3000";
// Production refuses to start without Stripe keys unless the sandbox is asked for (docs/operations.md).
process.env.STRIPE_SANDBOX ??= "1";
const prepared = process.env.BENCH_DATABASE_URL;
process.env.DATABASE_URL = prepared ?? (await createTestDatabase("bench"));

const { db } = await import("../app/utils/db.server");
const { seedDemo } = await import("../prisma/seed");
if (!prepared || process.env.BENCH_SEED_DEMO === "1") await seedDemo(db);

const { createServer } = await import("../server/index");
// The other benches play many visitors from one address (loopback), which the flood limits would
// take for one client: only bench/socket-flood.ts's "after" has them.
const server = await createServer({
  port: 0,
  host: "127.0.0.1",
  realtimeLimits: process.env.BENCH_FLOOD_PROTECTIONS === "on" ? undefined : NO_FLOOD_LIMITS,
});
reportMemoryOnSignal();
console.log(`BENCH_URL=${server.url}`);
process.once("SIGTERM", () => void server.close().then(() => process.exit(0)));
