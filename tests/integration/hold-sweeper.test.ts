// The hold sweeper's timer as createServer wires it: it acts only on the scheduler's leader, and
// once this instance holds the lease it releases a hold whose time has passed on its own. Holds
// whose payment page never reached the buyer (a crash between reserving and recording the
// Checkout Session) are released after a few minutes' grace, and once when a server starts.
import { afterAll, beforeAll, expect, it } from "vitest";
import { SESSIONLESS_HOLD_GRACE_MS } from "~/models/checkout.server";
import { HOLD_MS } from "~/models/order-status";
import { db } from "~/utils/db.server";
import { configureStripeSandbox } from "~/utils/stripe.server";
import { createMarketScene, createUser } from "../fixtures/factories";
import { openCheckout, orderOf, reserve, stockOf } from "../fixtures/payments";
import { eventually } from "../setup/wait";
import { createHoldSweeper, HOLD_SWEEP_INTERVAL_MS } from "../../server/hold-sweeper";
import { ManualTimers } from "../setup/manual-timers";
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

  // A second instance on the same database, its timers fired by the test; no leader until its scheduler runs.
  const timers = new ManualTimers();
  const other = await createServer({
    port: 0,
    host: "127.0.0.1",
    now: server.clock.now,
    logRequests: false,
    redisUrl: null,
    scheduler: { auto: false, holder: "hold-sweeper-test" },
    holdSweeper: { auto: true },
    timers,
  });
  try {
    expect(other.scheduler.isLeader()).toBe(false);
    await other.scheduler.runOnce();
    expect(other.scheduler.isLeader()).toBe(true);
    expect(timers.waiting).toEqual([HOLD_SWEEP_INTERVAL_MS]);
    timers.runAll();
    const released = await eventually(async () => {
      const current = await orderOf(order.id);
      return current.status === "RELEASED" ? current : null;
    });
    expect(released.releaseReason).toBe("EXPIRED");
    expect(await stockOf(scene.product.id)).toBe(10);
  } finally {
    await other.close();
  }
  expect(timers.waiting).toEqual([]);
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
  const timers = new ManualTimers();
  const sweeper = createHoldSweeper({ now: server.clock.now, shouldRun: () => (asked++, false), timers });
  sweeper.start();
  try {
    // Five ticks come and go (each asks whether to run, and sets the next): none releases the ended hold.
    for (let tick = 0; tick < 5; tick++) timers.runAll();
    expect(asked).toBe(5);
    expect(timers.waiting).toEqual([HOLD_SWEEP_INTERVAL_MS]);
  } finally {
    await sweeper.stop(); // and the start-up pass it began is over
  }
  expect(await orderOf(order.id)).toMatchObject({ status: "RESERVED" });
  expect(await stockOf(scene.product.id)).toBe(7);
  // The same pass run by hand (the leader's) releases it.
  expect((await sweeper.runOnce()).sweep.released).toContain(order.id);
});

const basketOf = async (userId: string) =>
  (await db.basketItem.findMany({ where: { basket: { userId } }, select: { productId: true, quantity: true } })).map(
    (item) => [item.productId, item.quantity],
  );

it("releases a hold that never got its Checkout Session once the grace has passed, once, its lines back in the basket", async () => {
  server.clock.set(T0);
  // The other server of the first test pointed the (process-wide) Stripe client at itself.
  configureStripeSandbox({ host: "127.0.0.1", port: Number(new URL(server.url).port), protocol: "http" });
  const scene = await createMarketScene(T0);
  const [lost, paying, fresh] = [await createUser(), await createUser(), await createUser()];
  const line = (quantity: number) => [{ productId: scene.product.id, quantity }];
  const lostOrder = await reserve({ buyerId: lost.id, marketId: scene.market.id, lines: line(2) }, T0);
  const payingOrder = await reserve({ buyerId: paying.id, marketId: scene.market.id, lines: line(1) }, T0);
  await openCheckout(payingOrder, server.url, T0);
  // Another instance may be between reserving and creating the session right now: too fresh to touch.
  const later = new Date(T0.getTime() + SESSIONLESS_HOLD_GRACE_MS - 60_000);
  const freshOrder = await reserve({ buyerId: fresh.id, marketId: scene.market.id, lines: line(3) }, later);
  expect(await stockOf(scene.product.id)).toBe(4);

  server.clock.set(new Date(T0.getTime() + SESSIONLESS_HOLD_GRACE_MS - 1));
  expect((await server.holdSweeper.runOnce()).withoutSession).toEqual([]);

  server.clock.set(new Date(T0.getTime() + SESSIONLESS_HOLD_GRACE_MS));
  expect((await server.holdSweeper.runOnce()).withoutSession).toEqual([lostOrder.id]);
  expect(await orderOf(lostOrder.id)).toMatchObject({ status: "RELEASED", releaseReason: "CANCELLED" });
  expect(await stockOf(scene.product.id)).toBe(6);
  expect(await basketOf(lost.id)).toEqual([[scene.product.id, 2]]);
  expect((await orderOf(payingOrder.id)).status).toBe("RESERVED");
  expect((await orderOf(freshOrder.id)).status).toBe("RESERVED");

  // Once: the next pass finds nothing more, and the basket is not filled twice.
  expect((await server.holdSweeper.runOnce()).withoutSession).toEqual([]);
  expect(await basketOf(lost.id)).toEqual([[scene.product.id, 2]]);
});

it("at start, a server releases the holds a crash left without a payment page, before it leads", async () => {
  server.clock.set(T0);
  const { createServer } = await import("../../server/index");
  const scene = await createMarketScene(T0);
  const buyer = await createUser();
  const order = await reserve(
    { buyerId: buyer.id, marketId: scene.market.id, lines: [{ productId: scene.product.id, quantity: 5 }] },
    T0,
  );
  server.clock.set(new Date(T0.getTime() + SESSIONLESS_HOLD_GRACE_MS + 1));
  const restarted = await createServer({
    port: 0,
    host: "127.0.0.1",
    now: server.clock.now,
    logRequests: false,
    redisUrl: null,
    // Not the leader, and its timer never fired: only the start-up pass can release the hold.
    scheduler: { auto: false, holder: "restarted-after-crash" },
    holdSweeper: { auto: true },
    timers: new ManualTimers(),
  });
  try {
    const released = await eventually(async () => {
      const current = await orderOf(order.id);
      return current.status === "RELEASED" ? current : null;
    });
    expect(released.releaseReason).toBe("CANCELLED");
    expect(restarted.scheduler.isLeader()).toBe(false);
    expect(await stockOf(scene.product.id)).toBe(10);
  } finally {
    await restarted.close();
  }
});
