// The hold sweeper's timer as createServer wires it: it acts only on the scheduler's leader, and
// once this instance holds the lease it releases a hold whose time has passed on its own.
import { afterAll, beforeAll, expect, it } from "vitest";
import { HOLD_MS } from "~/models/order-status";
import { createMarketScene, createUser } from "../fixtures/factories";
import { orderOf, reserve, stockOf, waitUntil } from "../fixtures/payments";
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
