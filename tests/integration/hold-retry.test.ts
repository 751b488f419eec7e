// A declined card or a buyer leaving the payment page must not hide the stock for the hold's 30
// minutes: the hold is shortened to RETRY_HOLD_MS (time to try another card), then the sweeper
// releases it. Through the real paths: the sandbox's hosted page declines 4000…0002 and sends
// payment_intent.payment_failed to the app's webhook; the cancel_url page is fetched as a buyer.
// The merchant's quick stock says how many units such holds keep out of the stock.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { releaseOrder } from "~/models/order-checkout.server";
import { markOrderAwaitingPayment, markOrderPaid } from "~/models/order-payment.server";
import { sweepExpiredHolds } from "~/models/order-sweeper.server";
import { HOLD_MS, RETRY_HOLD_MS } from "~/models/order-status";
import { formatTime } from "~/utils/format";
import { getStripe } from "~/utils/stripe.server";
import { createMarketScene, createProduct, createUser } from "../fixtures/factories";
import {
  deliver,
  openCheckout,
  orderOf,
  payWithCard,
  reserve,
  stockOf,
  StripeSink,
  stripeEvent,
} from "../fixtures/payments";
import { clientFor, startTestServer, TestClock, type TestServer } from "../setup/server";
import { eventually } from "../setup/wait";

// Signatures carry the real time: the clock starts at it and only moves forward by a few minutes.
const T0 = new Date(Math.floor(Date.now() / 1000) * 1000);
const at = (ms: number) => new Date(T0.getTime() + ms);

// The sandbox's events pass through a sink that keeps a copy and forwards them to the app.
const sink = new StripeSink();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ clock: new TestClock(T0), stripeSandbox: { webhookUrl: await sink.listen() } });
  sink.target = `${server.url}/webhooks/stripe`;
});
afterAll(async () => {
  await server.close();
  sink.close();
});

async function heldOrder(now: Date) {
  const scene = await createMarketScene(now);
  const product = await createProduct(scene.stall.id, { stock: 10, priceCents: 800 });
  const buyer = await createUser();
  const order = await reserve(
    { buyerId: buyer.id, marketId: scene.market.id, lines: [{ productId: product.id, quantity: 3 }] },
    now,
  );
  const session = await openCheckout(order, server.url, now);
  return { order, session, product, buyer };
}

/** The hosted page's form with a card the bank declines: 402, the session stays open. */
async function payDeclined(session: { url: string | null }) {
  const response = await fetch(`${server.url}${new URL(session.url!).pathname}/pay`, {
    method: "POST",
    body: new URLSearchParams({
      method: "card",
      email: "buyer@example.test",
      number: "4000 0000 0000 0002",
      expiry: "12 / 34",
      cvc: "123",
    }),
    redirect: "manual",
  });
  expect(response.status).toBe(402);
}

const holdOf = async (orderId: string) => (await orderOf(orderId)).holdExpiresAt.getTime();

describe("a declined card", () => {
  it("shortens the hold to a few minutes, once; the sweeper then releases it and expires the session", async () => {
    server.clock.set(T0);
    const { order, session, product } = await heldOrder(T0);
    expect(await holdOf(order.id)).toBeGreaterThanOrEqual(at(HOLD_MS).getTime());
    expect(await stockOf(product.id)).toBe(7);

    server.clock.set(at(60_000));
    await payDeclined(session);
    // Stripe's event: the PaymentIntent, refused by the bank, naming the order as the checkout's metadata does.
    const failed = await eventually(() =>
      sink.received.find(
        (r) =>
          r.event.type === "payment_intent.payment_failed" &&
          (r.event.data.object as { metadata?: Record<string, string> }).metadata?.order_id === order.id,
      ),
    );
    expect(failed.event.data.object).toMatchObject({
      object: "payment_intent",
      status: "requires_payment_method",
      amount: 2400,
      currency: "eur",
      last_payment_error: { type: "card_error", code: "card_declined", decline_code: "generic_decline" },
    });
    const shortened = at(60_000 + RETRY_HOLD_MS).getTime();
    await eventually(async () => (await holdOf(order.id)) === shortened);
    expect((await orderOf(order.id)).status).toBe("RESERVED");
    expect((await getStripe().checkout.sessions.retrieve(session.id)).status).toBe("open");

    // Stripe's retry of the same event, and a second decline later: never a longer hold.
    expect((await deliver(server.url, failed.raw)).text).toMatch(/^duplicate/);
    server.clock.set(at(120_000));
    await payDeclined(session);
    await eventually(() => sink.received.filter((r) => r.event.type === "payment_intent.payment_failed").length >= 2);
    const second = stripeEvent("payment_intent.payment_failed", failed.event.data.object);
    expect((await deliver(server.url, second)).text).toContain("(no change)");
    expect(await holdOf(order.id)).toBe(shortened);

    // Just before the new end nothing is released; at it, the sweeper releases it and ends the session.
    expect((await sweepExpiredHolds(new Date(shortened - 1))).released).not.toContain(order.id);
    const swept = await sweepExpiredHolds(new Date(shortened));
    expect(swept.released).toContain(order.id);
    expect(await orderOf(order.id)).toMatchObject({ status: "RELEASED", releaseReason: "EXPIRED" });
    expect(await stockOf(product.id)).toBe(10);
    expect((await getStripe().checkout.sessions.retrieve(session.id)).status).toBe("expired");
  });

  it("leaves the buyer time to pay with another card", async () => {
    server.clock.set(T0);
    const { order, session, product } = await heldOrder(T0);
    await payDeclined(session);
    await eventually(async () => (await holdOf(order.id)) === at(RETRY_HOLD_MS).getTime());
    server.clock.set(at(RETRY_HOLD_MS - 30_000));
    await payWithCard(server.url, session);
    await eventually(async () => (await orderOf(order.id)).status === "PAID");
    expect(await stockOf(product.id)).toBe(7);
  });

  it("never touches a paid order, and ignores an event naming no order", async () => {
    server.clock.set(T0);
    const { order, session } = await heldOrder(T0);
    await payWithCard(server.url, session);
    await eventually(async () => (await orderOf(order.id)).status === "PAID");
    const before = await orderOf(order.id);
    const late = stripeEvent("payment_intent.payment_failed", {
      id: "pi_test_late",
      object: "payment_intent",
      metadata: { order_id: order.id },
    });
    expect(await deliver(server.url, late)).toMatchObject({ status: 200, text: expect.stringContaining("no change") });
    const anonymous = stripeEvent("payment_intent.payment_failed", { id: "pi_test_x", object: "payment_intent" });
    expect((await deliver(server.url, anonymous)).text).toContain("no order named");
    const after = await orderOf(order.id);
    expect([after.status, after.holdExpiresAt, after.version]).toEqual([
      before.status,
      before.holdExpiresAt,
      before.version,
    ]);
  });
});

describe("leaving the payment page (cancel_url)", () => {
  it("shortens the hold when the buyer lands there, says until when, and never lengthens it", async () => {
    server.clock.set(T0);
    const { order, buyer } = await heldOrder(T0);
    const client = await clientFor(server, buyer.id);
    server.clock.set(at(2 * 60_000));
    const page = await client.get(`/orders/${order.id}/cancel`);
    expect(page.status).toBe(200);
    const shortened = at(2 * 60_000 + RETRY_HOLD_MS);
    expect(await holdOf(order.id)).toBe(shortened.getTime());
    expect(await page.text()).toContain(`réservés jusqu’à ${formatTime(shortened, "Europe/Paris")}`);

    // A reload a minute later keeps the end already set; someone else's order is not found.
    server.clock.set(at(3 * 60_000));
    expect((await client.get(`/orders/${order.id}/cancel`)).status).toBe(200);
    expect(await holdOf(order.id)).toBe(shortened.getTime());
    const stranger = await clientFor(server, (await createUser()).id);
    expect((await stranger.get(`/orders/${order.id}/cancel`)).status).toBe(404);
  });
});

describe("the merchant's quick stock", () => {
  it("shows per product what is left and what baskets being paid for hold", async () => {
    server.clock.set(T0);
    const { stall, merchant, market } = await createMarketScene(T0);
    const honey = await createProduct(stall.id, { stock: 12, name: "Miel" });
    const nougat = await createProduct(stall.id, { stock: 5, name: "Nougat" });
    const order = async (quantity: number) =>
      reserve(
        {
          buyerId: (await createUser()).id,
          marketId: market.id,
          lines: [{ productId: honey.id, quantity }],
        },
        T0,
      );
    await order(2); // being paid: held
    const pending = await order(1);
    expect(await markOrderAwaitingPayment(pending.id, { paymentIntentId: null })).toBe(true); // a bank debit: held
    const paid = await order(4);
    expect(await markOrderPaid(paid.id, T0)).toBe(true); // sold: no longer "reserved"
    const released = await order(3);
    expect((await releaseOrder(released.id, "CANCELLED", T0)).released).toBe(true); // back in the stock

    const client = await clientFor(server, merchant.id);
    const held = async (productId: string) => {
      const html = await (await client.get(`/merchant/stalls/${stall.id}/stock`)).text();
      return new RegExp(`data-testid="stock-held-${productId}"[^>]*>([^<]*)<`).exec(html)?.[1];
    };
    expect(await held(honey.id)).toBe("5 en stock · 3 réservés");
    expect(await held(nougat.id)).toBe("5 en stock · aucun réservé");

    // The paying order pays: its units are sold, no longer held.
    expect(await markOrderPaid(pending.id, T0)).toBe(true);
    expect(await held(honey.id)).toBe("5 en stock · 2 réservés");
    // Another merchant does not see the page.
    expect(
      (await (await clientFor(server, (await createUser()).id)).get(`/merchant/stalls/${stall.id}/stock`)).status,
    ).toBe(403);
  });
});
