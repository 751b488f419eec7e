// The hold sweeper's timer as createServer wires it: it acts only on the scheduler's leader, and
// once this instance holds the lease it releases a hold whose time has passed on its own.
import { afterAll, beforeAll, expect, it } from "vitest";
import { HOLD_MS } from "~/models/order-status";
import { createMarketScene, createUser } from "../fixtures/factories";
import { orderOf, reserve, stockOf, waitUntil } from "../fixtures/payments";
import { createHoldSweeper } from "../../server/hold-sweeper";
import { startTestServer, type TestServer } from "../setup/server";

const T0 = new Date("2026-12-12T15:00:00Z");
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ now: T0, scheduler: { auto: false } });
});
afterAll(() => server.close());

it("releases an ended hold on its own once this instance leads, and stops with the server", async () => {
  const { createServer } = await import("../../server/index");
  const scene = await createMarketScene(T0);
  const buyer = await createUser();
  const order = await reserve(
    { buyerId: buyer.id, marketId: scene.market.id, lines: [{ productId: scene.product.id, quantity: 4 }] },
    T0,
  );
  server.clock.set(new Date(T0.getTime() + HOLD_MS));

  // A second instance on the same database with a fast timer; it is no leader until its scheduler runs.
  const other = await createServer({
    port: 0,
    host: "127.0.0.1",
    now: server.clock.now,
    logRequests: false,
    redisUrl: null,
    scheduler: { auto: false, holder: "hold-sweeper-test" },
    holdSweeper: { auto: true, intervalMs: 20 },
  });
  try {
    expect(other.scheduler.isLeader()).toBe(false);
    await other.scheduler.runOnce();
    expect(other.scheduler.isLeader()).toBe(true);
    const released = await waitUntil(async () => {
      const current = await orderOf(order.id);
      return current.status === "RELEASED" ? current : null;
    });
    expect(released.releaseReason).toBe("EXPIRED");
    expect(await stockOf(scene.product.id)).toBe(10);
  } finally {
    await other.close();
  }
});

it("on an instance that does not lead, the timer ticks and releases nothing", async () => {
  server.clock.set(T0);
  const scene = await createMarketScene(T0);
  const buyer = await createUser();
  const order = await reserve(
    { buyerId: buyer.id, marketId: scene.market.id, lines: [{ productId: scene.product.id, quantity: 3 }] },
    T0,
  );
  server.clock.set(new Date(T0.getTime() + HOLD_MS + 1));
  let asked = 0;
  const sweeper = createHoldSweeper({ now: server.clock.now, intervalMs: 5, shouldRun: () => (asked++, false) });
  sweeper.start();
  try {
    // Five ticks came and went (each asks whether to run): none released the ended hold.
    await waitUntil(() => asked >= 5);
  } finally {
    await sweeper.stop();
  }
  expect(await orderOf(order.id)).toMatchObject({ status: "RESERVED" });
  expect(await stockOf(scene.product.id)).toBe(7);
  // The same pass run by hand (the leader's) releases it.
  expect((await sweeper.runOnce()).sweep.released).toContain(order.id);
});
