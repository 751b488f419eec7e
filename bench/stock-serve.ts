// The app's side of bench/stock-fanout.ts: the production-mode server on the benchmark's
// database, making the stock changes itself through the real path (changeStock, its commit, the
// stock registry, the broadcaster's coalescing, Socket.IO). A change is timed by a listener of
// the stock registry registered before the server's own, so right after its commit; a send by
// the broadcaster, right before its emit. Prints "STOCK_URLS=<app url>,<control url>".
import { NO_FLOOD_LIMITS } from "./no-flood-limits";
import { createStockControl, wallClock } from "./stock-control";

process.env.NODE_ENV = "production";
process.env.LOG_REQUESTS = "0";
process.env.CHALET_BENCH = "1";
process.env.SESSION_SECRET ??= "bench-secret-not-for-production";
process.env.PUBLIC_URL ??= "http://localhost:3000";
// Production refuses to start without Stripe keys unless the sandbox is asked for (docs/operations.md).
process.env.STRIPE_SANDBOX ??= "1";
if (!process.env.BENCH_DATABASE_URL) throw new Error("BENCH_DATABASE_URL: the database bench/stock-fanout.ts made");
process.env.DATABASE_URL = process.env.BENCH_DATABASE_URL;

// The build's modules, the copy the server runs (a source import would be another copy, whose
// changes its sockets never hear of): loaded first, so this listener comes before the server's.
const { ensureDatabase } = await import("../server/database");
await ensureDatabase();
const { createServer, importBuild } = await import("../server/index");
const { services } = await importBuild();
const control = createStockControl(async ({ productId, stallId }, delta) => {
  const result = await services.changeStock(stallId, productId, { delta });
  if (!result.ok) throw new Error(`changeStock refused: ${result.reason}`);
});
services.onStockChanged((changes) => {
  const at = wallClock();
  for (const c of changes) control.commit(c.productId, c.stockVersion, at);
});

// 1,000 readers from one address (loopback): the flood limits would take them for one client.
const server = await createServer({ port: 0, host: "127.0.0.1", realtimeLimits: NO_FLOOD_LIMITS });
services.observeStockBroadcasts((event, _to, at) => control.sent(event, at));
console.log(`STOCK_URLS=${server.url},${await control.listen()}`);
process.once("SIGTERM", () => void server.close().then(() => process.exit(0)));
