// A production-mode server on a freshly seeded database, for benchmarks. Prints
// "BENCH_URL=<url>" once listening. Run pinned to one core by bench/lib.ts.
// BENCH_DATABASE_URL: serve a database the benchmark prepared itself instead (no demo seed).
// SIGUSR2: print the memory after a full garbage collection (bench/memory-signal.ts).
// BENCH_FLOOD_PROTECTIONS=off: no connection cap, socket budgets nor load shedding (see below).
import path from "node:path";
import { createTestDatabase, TMP_DIR } from "../tests/setup/database";
import { reportMemoryOnSignal } from "./memory-signal";

process.env.NODE_ENV = "production";
process.env.LOG_REQUESTS = "0";
process.env.CHALET_BENCH = "1";
process.env.SESSION_SECRET ??= "bench-secret-not-for-production";
process.env.PUBLIC_URL ??= "http://localhost:3000";
const prepared = process.env.BENCH_DATABASE_URL;
process.env.DATABASE_URL = prepared ?? createTestDatabase("bench");
process.env.UPLOAD_DIR = path.join(TMP_DIR, `bench-uploads-${process.pid}`);

const { db } = await import("../app/utils/db.server");
const { seedDemo } = await import("../prisma/seed");
if (!prepared) await seedDemo(db, { uploadDir: process.env.UPLOAD_DIR });

const { createServer } = await import("../server/index");
// BENCH_FLOOD_PROTECTIONS=off: the sockets as they were before issue 10 (only the per-socket
// limit), the "before" of bench/socket-flood.ts.
const unprotected = process.env.BENCH_FLOOD_PROTECTIONS === "off";
const server = await createServer({
  port: 0,
  host: "127.0.0.1",
  realtimeLimits: unprotected
    ? {
        maxConnectionsPerAddress: Infinity,
        budgets: { perAddress: Infinity, perAccount: Infinity },
        expensiveInFlight: Infinity,
        expensiveInFlightPerAddress: Infinity,
        shedDelayMs: Infinity,
      }
    : undefined,
});
reportMemoryOnSignal();
console.log(`BENCH_URL=${server.url}`);
process.once("SIGTERM", () => void server.close().then(() => process.exit(0)));
