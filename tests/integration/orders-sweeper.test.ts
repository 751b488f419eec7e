// The hold sweeper with an injected clock: holds end after 30 minutes, are released exactly once
// even when the sweep races Stripe's checkout.session.expired (releaseOrder, as the webhook will
// call it), and the Checkout Session is expired in the Stripe sandbox through the real SDK.
import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachCheckoutSession, checkoutSessionExpiresAt, releaseOrder } from "~/models/order-checkout.server";
import { reserveOrder, type ReservedOrder } from "~/models/order-reserve.server";
import { sweepExpiredHolds } from "~/models/order-sweeper.server";
import { onStockChanged } from "~/models/stock-events.server";
import { HOLD_MS } from "~/models/order-status";
import { db } from "~/utils/db.server";
import { getStripe } from "~/utils/stripe.server";
import { createMarketScene, createProduct, createUser } from "../fixtures/factories";
import { StripeSink } from "../fixtures/payments";
import { startTestServer, type TestServer } from "../setup/server";

const T0 = new Date("2026-12-12T15:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

// The sandbox's events go to a sink that keeps them: this file tests the sweeper alone, and the
// webhook applying checkout.session.completed first would race the sweeps below.
const sink = new StripeSink();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ now: T0, stripeSandbox: { webhookUrl: await sink.listen() } });
});
afterAll(async () => {
  await server.close();
  sink.close();
});

async function reserve(marketId: string, productId: string, quantity = 1, now = T0): Promise<ReservedOrder> {
  const buyer = await createUser();
  const result = await reserveOrder({ buyerId: buyer.id, marketId, lines: [{ productId, quantity }], now });
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result)}`);
  return result.order;
}

/** What the checkout route will do: a session that ends with the hold, attached to the order. */
async function checkout(order: ReservedOrder, now = T0): Promise<Stripe.Checkout.Session> {
  const session = await getStripe().checkout.sessions.create({
    mode: "payment",
    line_items: order.lines.map((l) => ({
      quantity: l.quantity,
      price_data: { currency: "eur", unit_amount: l.unitPriceCents, product_data: { name: l.name } },
    })),
    client_reference_id: order.id,
    metadata: { order_id: order.id },
    expires_at: checkoutSessionExpiresAt(order, now),
    success_url: `${server.url}/orders/${order.id}`,
    cancel_url: `${server.url}/basket`,
  });
  expect(
    await attachCheckoutSession(order.id, { id: session.id, expiresAt: new Date(session.expires_at * 1000) }),
  ).toBe(true);
  return session;
}

const stockOf = async (productId: string) =>
  db.product.findUniqueOrThrow({ where: { id: productId }, select: { stock: true, stockVersion: true } });

describe("sweepExpiredHolds", () => {
  it("releases a hold after 30 minutes, once, and expires its Checkout Session", async () => {
    server.clock.set(T0);
    const scene = await createMarketScene(T0);
    const product = await createProduct(scene.stall.id, { stock: 10 });
    const order = await reserve(scene.market.id, product.id, 3);
    const session = await checkout(order);
    expect((await stockOf(product.id)).stock).toBe(7);

    server.clock.set(at(HOLD_MS - 1000));
    expect((await sweepExpiredHolds(server.clock.now())).released).not.toContain(order.id);
    expect((await db.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("RESERVED");
    expect((await getStripe().checkout.sessions.retrieve(session.id)).status).toBe("open");

    server.clock.set(at(HOLD_MS));
    const swept = await sweepExpiredHolds(server.clock.now());
    expect(swept.released).toContain(order.id);
    expect(swept.stripeErrors).toEqual([]);
    expect(await stockOf(product.id)).toEqual({ stock: 10, stockVersion: 2 });
    expect(await db.order.findUniqueOrThrow({ where: { id: order.id }, include: { lines: true } })).toMatchObject({
      status: "RELEASED",
      releaseReason: "EXPIRED",
      releasedAt: at(HOLD_MS),
      lines: [expect.objectContaining({ status: "RELEASED" })],
    });
    expect((await getStripe().checkout.sessions.retrieve(session.id)).status).toBe("expired");

    // Again, and Stripe's own expiry event arriving late: nothing changes twice.
    server.clock.set(at(HOLD_MS + 60_000));
    expect((await sweepExpiredHolds(server.clock.now())).released).not.toContain(order.id);
    expect(await releaseOrder(order.id, "SESSION_EXPIRED", server.clock.now())).toEqual({
      released: false,
      checkoutSessionId: null,
    });
    expect(await stockOf(product.id)).toEqual({ stock: 10, stockVersion: 2 });
  });

  it("releases each hold exactly once when sweeps race the expiry webhook", async () => {
    server.clock.set(T0);
    const scene = await createMarketScene(T0);
    const product = await createProduct(scene.stall.id, { stock: 40 });
    const orders: ReservedOrder[] = [];
    for (let i = 0; i < 20; i++) orders.push(await reserve(scene.market.id, product.id, 2));
    await Promise.all(orders.map((o) => checkout(o)));
    expect((await stockOf(product.id)).stock).toBe(0);

    server.clock.set(at(HOLD_MS + 5000));
    const now = server.clock.now();
    // Stripe's expiry events arrive while the sweeps are under way: as soon as the first release
    // commits, every order's event is applied, in reverse order, racing both sweeps.
    let webhookDone!: Promise<{ released: boolean }[]>;
    const started = new Promise<void>((resolve) => {
      const stop = onStockChanged(() => {
        stop();
        webhookDone = Promise.all([...orders].reverse().map((o) => releaseOrder(o.id, "SESSION_EXPIRED", now)));
        resolve();
      });
    });
    const [sweepA, sweepB] = await Promise.all([sweepExpiredHolds(now), sweepExpiredHolds(now), started]);
    const webhook = (await webhookDone).reverse();
    const bySweep = [...sweepA.released, ...sweepB.released];
    const byWebhook = orders.filter((_, i) => webhook[i]!.released).map((o) => o.id);
    expect(bySweep.length).toBeGreaterThan(0);
    expect(byWebhook.length).toBeGreaterThan(0);
    // Every order released by exactly one of the three.
    expect([...bySweep, ...byWebhook].sort()).toEqual(orders.map((o) => o.id).sort());
    expect(await stockOf(product.id)).toEqual({ stock: 40, stockVersion: 40 });
    // The sweeps expired the sessions of the orders they released (the sandbox's own expiry, on
    // the same clock, may have been first: the sweep then finds them expired, not an error), and
    // never, through the API, those of the orders the webhook released.
    expect([...sweepA.stripeErrors, ...sweepB.stripeErrors]).toEqual([]);
    const events = await db.stripeSandboxObject.findMany({ where: { type: "event" }, select: { json: true } });
    const expiredByApi = new Set(
      events
        .map((e) => JSON.parse(e.json) as Stripe.Event)
        .filter((e) => e.type === "checkout.session.expired" && e.request?.idempotency_key?.startsWith("expire-"))
        .map((e) => (e.data.object as Stripe.Checkout.Session).id),
    );
    for (const order of orders) {
      const { checkoutSessionId, releaseReason } = await db.order.findUniqueOrThrow({ where: { id: order.id } });
      if (bySweep.includes(order.id)) {
        expect(releaseReason).toBe("EXPIRED");
        expect((await getStripe().checkout.sessions.retrieve(checkoutSessionId!)).status).toBe("expired");
      } else {
        expect(releaseReason).toBe("SESSION_EXPIRED");
        expect(expiredByApi.has(checkoutSessionId!)).toBe(false);
      }
    }
  });

  it("reports a session the buyer completed before the sweep could expire it", async () => {
    server.clock.set(T0);
    const scene = await createMarketScene(T0);
    const product = await createProduct(scene.stall.id, { stock: 5 });
    const order = await reserve(scene.market.id, product.id, 1);
    const session = await checkout(order);

    server.clock.set(at(HOLD_MS - 60_000));
    const paid = await fetch(`${server.url}${new URL(session.url!).pathname}/pay`, {
      method: "POST",
      body: new URLSearchParams({
        method: "card",
        email: "lucie@example.test",
        number: "4242 4242 4242 4242",
        expiry: "12 / 34",
        cvc: "123",
      }),
      redirect: "manual",
    });
    expect(paid.status).toBe(303);

    // The completed event has not been applied (it went to the sink): the hold looks expired.
    server.clock.set(at(HOLD_MS));
    const swept = await sweepExpiredHolds(server.clock.now());
    expect(swept.released).toContain(order.id);
    expect(swept.completedAfterRelease).toContainEqual({
      orderId: order.id,
      sessionId: session.id,
      paymentStatus: "paid",
    });
    expect(swept.stripeErrors).toEqual([]);
  });

  it("releases a hold whose Checkout Session was never created, without calling Stripe", async () => {
    server.clock.set(T0);
    const scene = await createMarketScene(T0);
    const product = await createProduct(scene.stall.id, { stock: 5 });
    const order = await reserve(scene.market.id, product.id, 5);
    const swept = await sweepExpiredHolds(at(HOLD_MS));
    expect(swept.released).toContain(order.id);
    expect(swept.stripeErrors).toEqual([]);
    expect((await stockOf(product.id)).stock).toBe(5);
  });
});
