// Started by the Playwright global set-up: a freshly seeded database and the built app on a
// free port. Prints "E2E_URL=<url>" once listening.
import { createServer as createHttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createTestDatabase } from "../setup/database";

process.env.NODE_ENV = "test";
process.env.LOG_REQUESTS = "0";
process.env.DATABASE_URL = await createTestDatabase("e2e");
// Browser tests write schedules from their own process: the scheduler must notice within moments.
process.env.SCHEDULER_MAX_SLEEP_MS = "300";
// Browsers and the server share a busy machine here: its pauses are not a flood, and a page told
// BUSY only retries 2 s later. Shedding still works, past a second of delay.
process.env.SOCKET_SHED_DELAY_MS ??= "1000";

const { db } = await import("../../app/utils/db.server");
const { seedDemo } = await import("../../prisma/seed");
await seedDemo(db);

// The server's clock runs `offsetMs` ahead of the machine's: a spec moves it, with the browser's
// (tests/e2e/clock.ts), rather than wait for a real opening. Loaders, the scheduler and the
// sweeper all read it (createServer's `now`). Only this test server has the control below.
let offsetMs = 0;
const now = () => new Date(Date.now() + offsetMs);
const clockControl = createHttpServer((request, response) => {
  const advance = Number(new URL(request.url ?? "/", "http://clock").searchParams.get("advance") ?? "0");
  if (request.method === "POST" && request.url?.startsWith("/reset")) offsetMs = 0;
  else if (request.method === "POST" && Number.isFinite(advance)) offsetMs += advance;
  response.setHeader("Content-Type", "application/json");
  response.end(JSON.stringify({ now: now().toISOString(), offsetMs }));
});
await new Promise<void>((resolve) => clockControl.listen(0, "127.0.0.1", resolve));
clockControl.unref();

const { createServer } = await import("../../server/index");
const server = await createServer({ port: 0, host: "127.0.0.1", now });
console.log(`E2E_DATABASE_URL=${process.env.DATABASE_URL}`);
console.log(`E2E_CLOCK_URL=http://127.0.0.1:${(clockControl.address() as AddressInfo).port}`);
console.log(`E2E_URL=${server.url}`);

for (const signal of ["SIGTERM", "SIGINT"] as const)
  process.once(signal, () => void server.close().then(() => process.exit(0)));
