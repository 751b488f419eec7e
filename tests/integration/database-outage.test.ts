// The database goes away while the server runs, then comes back: /healthz and pages answer 503
// (a short page saying to try again, with Retry-After), socket events an error, the scheduler's
// and the hold sweeper's timers keep going; once it is back everything works again without a restart. The app reaches
// this file's database through a TCP relay the test cuts and restores (tests/setup/tcp-relay.ts).
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startTcpRelay, type TcpRelay } from "../setup/tcp-relay";
import type { ChaletServer } from "../../server/index";
import { clientFor, connectSocket, startTestServer, TestClock, type TestClient } from "../setup/server";

const T0 = new Date("2026-12-12T15:00:00Z");
const LEASE_MS = 600;

let directUrl: string;
let relay: TcpRelay;
const clock = new TestClock(T0);
let server: ChaletServer;
let client: TestClient;
let scene: { stall: { id: string }; market: { id: string }; product: { id: string }; merchant: { id: string } };

beforeAll(async () => {
  // Before the app loads: its pool is made with this URL (tests/setup/vitest.setup.ts chose the database).
  directUrl = process.env.DATABASE_URL!;
  const direct = new URL(directUrl);
  relay = await startTcpRelay({ host: direct.hostname, port: Number(direct.port || 5432) });
  const throughRelay = new URL(direct);
  throughRelay.port = String(relay.port);
  process.env.DATABASE_URL = throughRelay.toString();

  // The scheduler and the hold sweeper run on their own timers: they must outlive the outage.
  server = await startTestServer({
    clock,
    scheduler: { auto: true, leaseMs: LEASE_MS, holder: "outage-test" },
    holdSweeper: { auto: true, intervalMs: 100 },
  });
  const { createMarketScene } = await import("../fixtures/factories");
  scene = await createMarketScene(T0);
  client = await clientFor(server, scene.merchant.id);
});

// A failed test must not leave the next one without its database.
afterEach(() => relay.restore());

afterAll(async () => {
  await relay?.restore();
  await server?.close();
  await relay?.close();
});

async function leaseExpiry(): Promise<number> {
  const { db } = await import("~/utils/db.server");
  const lease = await db.schedulerLease.findUnique({ where: { name: "market-scheduler" } });
  return lease?.expiresAt.getTime() ?? 0;
}

describe("a database that goes away and comes back", () => {
  it("answers 503 while it is away and recovers on its own", async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await client.get("/")).status).toBe(200);
    await expect.poll(leaseExpiry).toBeGreaterThan(0);

    await relay.cut();

    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(503);
    expect(((await health.json()) as { database: { ok: boolean } }).database.ok).toBe(false);

    for (const path of ["/", `/merchant/stalls/${scene.stall.id}`, "/account"]) {
      const page = await client.get(path);
      expect(page.status, path).toBe(503);
      expect(page.headers.get("retry-after"), path).toBe("5");
      const html = await page.text();
      expect(html, path).toContain("Le marché est momentanément indisponible, réessayez dans un instant.");
      expect(html, path).not.toMatch(/at .*\.(ts|js):\d+/);
    }
    // In English for whoever chose it (the root loader, which reads the choice, failed too).
    const english = await fetch(`${server.url}/`, { headers: { "Accept-Language": "en-GB,en;q=0.8" } });
    expect(english.status).toBe(503);
    expect(await english.text()).toContain("The market is unavailable for a moment. Please try again shortly.");
    // A form posted meanwhile: 503 and the same sentence, not a 500 (log-out ends its session
    // row; a resource route, without a page of its own).
    const posted = await client.post("/logout", {});
    expect(posted.status).toBe(503);
    expect(posted.headers.get("retry-after")).toBe("5");
    expect(await posted.text()).toBe("Le marché est momentanément indisponible, réessayez dans un instant.");
    // The same through Remix's data requests (a page changed in the browser).
    const data = await client.get("/?_data=root");
    expect(data.status).toBe(503);

    const socket = await connectSocket(server, client);
    const answer = await socket.timeout(10_000).emitWithAck("stall:join", { stallId: scene.stall.id });
    expect(answer).toMatchObject({ ok: false });
    socket.disconnect();

    // The scheduler's loop keeps trying (a failed check is retried, not fatal).
    await expect(server.scheduler.runOnce()).rejects.toThrow();

    await relay.restore();

    await vi.waitFor(async () => expect((await fetch(`${server.url}/healthz`)).status).toBe(200), {
      timeout: 15_000,
      interval: 100,
    });
    const home = await client.get("/");
    expect(home.status).toBe(200);
    expect(await home.text()).not.toContain("momentanément indisponible");
    const again = await connectSocket(server, client);
    expect(await again.timeout(10_000).emitWithAck("stall:join", { stallId: scene.stall.id })).toMatchObject({
      ok: true,
    });
    again.disconnect();

    // The timers that ran through the outage carry on: the lease is renewed past the clock, and
    // a hold that ends now is released by the sweeper.
    const { reserve, orderOf } = await import("../fixtures/payments");
    const { createUser } = await import("../fixtures/factories");
    const { HOLD_MS } = await import("~/models/order-status");
    const buyer = await createUser();
    const order = await reserve(
      { buyerId: buyer.id, marketId: scene.market.id, lines: [{ productId: scene.product.id, quantity: 1 }] },
      clock.now(),
    );
    clock.advance(HOLD_MS + 60_000);
    await expect.poll(leaseExpiry, { timeout: 15_000 }).toBeGreaterThan(clock.now().getTime());
    await expect.poll(async () => (await orderOf(order.id)).status, { timeout: 15_000 }).toBe("RELEASED");
  });
});

describe("isDatabaseUnavailable", () => {
  async function failure(work: () => Promise<unknown>): Promise<unknown> {
    return work().then(
      () => expect.unreachable("it should have failed"),
      (error: unknown) => error,
    );
  }

  it("tells a connection the server ended (a restart) from a wrong query", async () => {
    const { db, isDatabaseUnavailable } = await import("~/utils/db.server");
    const terminated = await failure(() =>
      db.$transaction(async (tx) => {
        const [{ pid }] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
        // What PostgreSQL does to every connection when it shuts down (SQLSTATE 57P01).
        const admin = new pg.Client({ connectionString: directUrl });
        await admin.connect();
        await admin.query("SELECT pg_terminate_backend($1)", [pid]);
        await admin.end();
        return tx.$queryRaw`SELECT 1`;
      }),
    );
    expect(isDatabaseUnavailable(terminated)).toBe(true);

    expect(isDatabaseUnavailable(await failure(() => db.$queryRawUnsafe("SELECT no_such_column")))).toBe(false);
    const { createUser } = await import("../fixtures/factories");
    const user = await createUser();
    const duplicate = await failure(() => createUser({ email: user.email }));
    expect(isDatabaseUnavailable(duplicate)).toBe(false);
  });
});
