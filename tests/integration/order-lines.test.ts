// A stall's merchant acts on the lines of a paid order: READY, COLLECTED, REFUSED. A refused line
// is refunded through the Stripe sandbox once (key line:<lineId>, however many taps), the buyer
// is emailed once, and when Stripe cannot be reached the refund waits and the retry loop finishes it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { createMarketScene, createProduct, createStall, createUser } from "../fixtures/factories";
import { emailsTo, openCheckout, orderOf, payWithCard, reserve, sandboxRefundsOf, stockOf } from "../fixtures/payments";
import { clientFor, connectSocket, startTestServer, type TestServer } from "../setup/server";
import { eventually } from "../setup/wait";

const T0 = new Date("2026-12-12T15:00:00Z");
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ now: T0 });
});
afterAll(() => server.close());
// The models as the server runs them: their broadcasts reach its sockets, and the Stripe client
// they refund through is the one its hold sweeper retries with.
const app = () => server.services;

const REFUSED_SUBJECT = "Article non disponible";

/** An order paid through the sandbox (the webhook makes it PAID): two lines at one stall, one at another. */
async function paidOrder() {
  server.clock.set(T0);
  const s = await createMarketScene(T0);
  const honey = await createProduct(s.stall.id, { stock: 5, priceCents: 900, name: "Miel de sapin" });
  const nougat = await createProduct(s.stall.id, { stock: 5, priceCents: 450, name: "Nougat" });
  const otherMerchant = await createUser({ name: "Other merchant" });
  const otherStall = await createStall(s.market.id, otherMerchant.id);
  const candle = await createProduct(otherStall.id, { stock: 5, priceCents: 1500 });
  const buyer = await createUser();
  const order = await reserve(
    {
      buyerId: buyer.id,
      marketId: s.market.id,
      lines: [
        { productId: honey.id, quantity: 2 },
        { productId: nougat.id, quantity: 1 },
        { productId: candle.id, quantity: 1 },
      ],
    },
    T0,
  );
  const session = await openCheckout(order, server.url, T0);
  await payWithCard(server.url, session);
  const paid = await eventually(async () => {
    const current = await orderOf(order.id);
    return current.status === "PAID" ? current : null;
  });
  const line = (productId: string) => paid.lines.find((l) => l.productId === productId)!;
  return { ...s, otherMerchant, buyer, order: paid, honey, nougat, candle, line };
}

describe("setOrderLineStatus", () => {
  it("READY then COLLECTED by the stall's owner; a repeated tap changes nothing; not backwards", async () => {
    const { merchant, line, honey, order } = await paidOrder();
    const lineId = line(honey.id).id;
    const ready = await app().setOrderLineStatus({ lineId, merchantId: merchant.id, status: "READY", now: T0 });
    expect(ready).toMatchObject({ ok: true, changed: true, line: { status: "READY" }, refund: null });
    expect(await app().setOrderLineStatus({ lineId, merchantId: merchant.id, status: "READY", now: T0 })).toMatchObject(
      {
        ok: true,
        changed: false,
      },
    );
    expect(
      await app().setOrderLineStatus({ lineId, merchantId: merchant.id, status: "COLLECTED", now: T0 }),
    ).toMatchObject({
      ok: true,
      changed: true,
      line: { status: "COLLECTED" },
      order: { status: "PAID", version: order.version + 2 },
    });
    expect(await app().setOrderLineStatus({ lineId, merchantId: merchant.id, status: "READY", now: T0 })).toEqual({
      ok: false,
      reason: "invalidTransition",
      lineStatus: "COLLECTED",
    });
    expect(await app().setOrderLineStatus({ lineId, merchantId: merchant.id, status: "REFUSED", now: T0 })).toEqual({
      ok: false,
      reason: "invalidTransition",
      lineStatus: "COLLECTED",
    });
  });

  it("another stall's merchant, or a buyer, gets notFound and changes nothing", async () => {
    const { otherMerchant, buyer, line, honey, candle, merchant } = await paidOrder();
    for (const merchantId of [otherMerchant.id, buyer.id]) {
      expect(
        await app().setOrderLineStatus({ lineId: line(honey.id).id, merchantId, status: "REFUSED", now: T0 }),
      ).toEqual({
        ok: false,
        reason: "notFound",
      });
    }
    expect(
      await app().setOrderLineStatus({ lineId: line(candle.id).id, merchantId: merchant.id, status: "READY", now: T0 }),
    ).toEqual({ ok: false, reason: "notFound" });
    expect(
      await app().setOrderLineStatus({ lineId: "nope", merchantId: merchant.id, status: "READY", now: T0 }),
    ).toEqual({
      ok: false,
      reason: "notFound",
    });
    expect((await db.orderLine.findUniqueOrThrow({ where: { id: line(honey.id).id } })).status).toBe("RESERVED");
    expect(await db.orderRefund.count({ where: { orderLineId: line(honey.id).id } })).toBe(0);
  });

  it("a line of an order not paid yet cannot be touched", async () => {
    server.clock.set(T0);
    const s = await createMarketScene(T0);
    const buyer = await createUser();
    const order = await reserve(
      { buyerId: buyer.id, marketId: s.market.id, lines: [{ productId: s.product.id, quantity: 1 }] },
      T0,
    );
    expect(
      await app().setOrderLineStatus({
        lineId: order.lines[0]!.id,
        merchantId: s.merchant.id,
        status: "READY",
        now: T0,
      }),
    ).toEqual({ ok: false, reason: "orderNotPaid", orderStatus: "RESERVED" });
  });

  it("REFUSED three times at once: refunded once through Stripe, the line REFUNDED, one email, order:updated", async () => {
    const { merchant, buyer, line, honey, order, stall } = await paidOrder();
    const lineId = line(honey.id).id;
    const buyerSocket = await connectSocket(server, await clientFor(server, buyer.id));
    const updates: { status: string; refundedCents: number; version: number }[] = [];
    buyerSocket.on("order:updated", (event) => updates.push(event));
    const merchantSocket = await connectSocket(server, await clientFor(server, merchant.id));
    const merchantUpdates: string[] = [];
    merchantSocket.on("order:updated", (event) => merchantUpdates.push(event.orderId));
    await merchantSocket.emitWithAck("merchant:join", { stallId: stall.id });

    const results = await Promise.all(
      [0, 1, 2].map(() => app().setOrderLineStatus({ lineId, merchantId: merchant.id, status: "REFUSED", now: T0 })),
    );
    expect(results.filter((r) => r.ok && r.changed)).toHaveLength(1);
    expect(results.every((r) => r.ok)).toBe(true);
    const later = await app().setOrderLineStatus({ lineId, merchantId: merchant.id, status: "REFUSED", now: T0 });
    expect(later).toMatchObject({
      ok: true,
      changed: false,
      line: { status: "REFUNDED" },
      refund: { status: "SUCCEEDED" },
    });

    const after = await orderOf(order.id);
    expect(after).toMatchObject({ status: "PAID", refundedCents: 1800 });
    expect(after.lines.find((l) => l.id === lineId)!.status).toBe("REFUNDED");
    expect(after.refunds).toEqual([
      expect.objectContaining({
        key: `line:${lineId}`,
        status: "SUCCEEDED",
        amountCents: 1800,
        reason: "LINE_REFUSED",
      }),
    ]);
    const refunds = await sandboxRefundsOf(after.paymentIntentId!);
    expect(refunds.map((r) => r.amount)).toEqual([1800]);
    // Refused stock is not put back: the stall said it does not have it.
    expect(await stockOf(honey.id)).toBe(3);
    expect(await emailsTo(buyer.email, REFUSED_SUBJECT)).toBe(1);
    const email = await db.outboxEmail.findFirstOrThrow({
      where: { to: buyer.email, subject: { contains: REFUSED_SUBJECT } },
    });
    expect(email.text).toContain("Miel de sapin");
    expect(email.text).toMatch(/18,00\s€/);

    // Stripe's charge.refunded reaches the webhook too: nothing more happens.
    await eventually(async () => {
      const delivered = await db.stripeSandboxDelivery.count({
        where: { deliveredAt: { not: null }, lastStatus: 200 },
      });
      const pending = await db.stripeSandboxDelivery.count({ where: { deliveredAt: null, abandonedAt: null } });
      return delivered > 0 && pending === 0;
    });
    expect(await orderOf(order.id)).toMatchObject({ refundedCents: 1800 });
    expect(await emailsTo(buyer.email, REFUSED_SUBJECT)).toBe(1);

    await eventually(() => updates.some((u) => u.refundedCents === 1800));
    await eventually(() => merchantUpdates.length > 0);
    buyerSocket.close();
    merchantSocket.close();
  });

  it("REFUSED while a dispute is open on the order: 409 with a clear message, nothing written, nothing refunded", async () => {
    const { order, stall, merchant, line, honey } = await paidOrder();
    await db.orderDispute.create({
      data: {
        orderId: order.id,
        stripeDisputeId: `dp_open_${order.id}`,
        chargeId: "ch_disputed",
        amountCents: order.totalCents,
        reason: "fraudulent",
        status: "needs_response",
        openedAt: T0,
      },
    });
    const lineId = line(honey.id).id;
    const client = await clientFor(server, merchant.id);
    const answer = await client.post(`/merchant/stalls/${stall.id}/orders`, { lineId, status: "REFUSED" });
    expect(answer.status).toBe(409);
    expect(await answer.text()).toContain("Un litige est en cours sur cette commande");
    expect(await app().setOrderLineStatus({ lineId, merchantId: merchant.id, status: "REFUSED", now: T0 })).toEqual({
      ok: false,
      reason: "disputeOpen",
    });
    expect((await db.orderLine.findUniqueOrThrow({ where: { id: lineId } })).status).toBe("RESERVED");
    expect(await db.orderRefund.count({ where: { orderId: order.id } })).toBe(0);
    expect(await db.transferReversal.count({ where: { orderLineId: lineId } })).toBe(0);
    expect(await sandboxRefundsOf(order.paymentIntentId!)).toEqual([]);
    // Preparing the line is still allowed.
    expect(await app().setOrderLineStatus({ lineId, merchantId: merchant.id, status: "READY", now: T0 })).toMatchObject(
      { ok: true, changed: true },
    );
  });

  it("every line refused: the order ends REFUNDED", async () => {
    const { merchant, otherMerchant, line, honey, nougat, candle, order } = await paidOrder();
    await app().setOrderLineStatus({ lineId: line(honey.id).id, merchantId: merchant.id, status: "REFUSED", now: T0 });
    await app().setOrderLineStatus({ lineId: line(nougat.id).id, merchantId: merchant.id, status: "REFUSED", now: T0 });
    expect((await orderOf(order.id)).status).toBe("PAID");
    await app().setOrderLineStatus({
      lineId: line(candle.id).id,
      merchantId: otherMerchant.id,
      status: "REFUSED",
      now: T0,
    });
    const done = await orderOf(order.id);
    expect(done).toMatchObject({ status: "REFUNDED", refundedCents: order.totalCents });
    expect(await sandboxRefundsOf(done.paymentIntentId!)).toHaveLength(3);
  });

  it("Stripe unreachable: the refund waits PENDING, the hold sweeper's retry finishes it once", async () => {
    const { merchant, buyer, line, nougat, order } = await paidOrder();
    const lineId = line(nougat.id).id;
    app().configureStripeSandbox({ host: "127.0.0.1", port: 9, protocol: "http" });
    let result;
    try {
      result = await app().setOrderLineStatus({ lineId, merchantId: merchant.id, status: "REFUSED", now: T0 });
    } finally {
      app().configureStripeSandbox({ host: "127.0.0.1", port: Number(new URL(server.url).port), protocol: "http" });
    }
    expect(result).toMatchObject({
      ok: true,
      changed: true,
      line: { status: "REFUSED" },
      refund: { status: "PENDING" },
    });
    expect(await emailsTo(buyer.email, REFUSED_SUBJECT)).toBe(0);

    // Too soon for the retry loop: it leaves a refund just tried alone.
    expect(await server.holdSweeper.runOnce()).toMatchObject({ refunds: [] });
    server.clock.set(new Date(T0.getTime() + 60_000));
    const [first, second] = await Promise.all([server.holdSweeper.runOnce(), server.holdSweeper.runOnce()]);
    expect([...first.refunds, ...second.refunds].filter((r) => r.settledHere)).toHaveLength(1);
    const after = await orderOf(order.id);
    expect(after.lines.find((l) => l.id === lineId)!.status).toBe("REFUNDED");
    expect(after.refundedCents).toBe(450);
    expect(await sandboxRefundsOf(after.paymentIntentId!)).toHaveLength(1);
    expect(await emailsTo(buyer.email, REFUSED_SUBJECT)).toBe(1);
  });

  it("a charge partly refunded elsewhere: a refused line gets at most what is left, never more than was paid", async () => {
    const { merchant, buyer, line, honey, nougat, order } = await paidOrder();
    const intent = order.paymentIntentId!;
    // 30,00 € of the 37,50 € refunded in Stripe's Dashboard; its charge.refunded reaches the webhook.
    await app().getStripe().refunds.create({ payment_intent: intent, amount: 3000 });
    await eventually(async () => (await orderOf(order.id)).refundedCents === 3000);

    // The honey (18,00 €): only 7,50 € are left to give back.
    const honeyLine = line(honey.id).id;
    expect(
      await app().setOrderLineStatus({ lineId: honeyLine, merchantId: merchant.id, status: "REFUSED", now: T0 }),
    ).toMatchObject({ ok: true, changed: true, line: { status: "REFUNDED" }, refund: { status: "SUCCEEDED" } });
    // Stripe's charge.refunded for it tells the webhook the charge is now refunded in full.
    await eventually(async () => (await orderOf(order.id)).refundedCents === 3750);
    // The nougat: nothing is left, so Stripe is not asked (it would refuse), and the line is settled.
    const nougatLine = line(nougat.id).id;
    expect(
      await app().setOrderLineStatus({ lineId: nougatLine, merchantId: merchant.id, status: "REFUSED", now: T0 }),
    ).toMatchObject({ ok: true, changed: true, line: { status: "REFUNDED" }, refund: { status: "SUCCEEDED" } });

    const after = await orderOf(order.id);
    const rowOf = (lineId: string) => after.refunds.find((r) => r.orderLineId === lineId);
    expect(rowOf(honeyLine)).toMatchObject({ amountCents: 750, status: "SUCCEEDED" });
    expect(rowOf(nougatLine)).toMatchObject({ amountCents: 0, status: "SUCCEEDED", stripeRefundId: null });
    const refunds = await sandboxRefundsOf(intent);
    expect(refunds.map((r) => r.amount).sort((a, b) => a - b)).toEqual([750, 3000]);
    expect(after).toMatchObject({ status: "PAID", refundedCents: order.totalCents });
    // Told once, for the money this refund gave back.
    expect(await emailsTo(buyer.email, REFUSED_SUBJECT)).toBe(1);
    const email = await db.outboxEmail.findFirstOrThrow({
      where: { to: buyer.email, subject: { contains: REFUSED_SUBJECT } },
    });
    expect(email.text).toMatch(/7,50\s€/);
  });

  it("a refund Stripe never answered for a day is not asked again (its idempotency key has expired): FAILED, logged", async () => {
    const { line, candle, order, otherMerchant } = await paidOrder();
    const lineId = line(candle.id).id;
    const outcomeOf = async () =>
      (await server.holdSweeper.runOnce()).refunds.find((r) => r.refundId === refund?.id)?.status;
    let refund: { id: string } | null = null;
    app().configureStripeSandbox({ host: "127.0.0.1", port: 9, protocol: "http" });
    try {
      const refused = await app().setOrderLineStatus({
        lineId,
        merchantId: otherMerchant.id,
        status: "REFUSED",
        now: T0,
      });
      expect(refused).toMatchObject({ refund: { status: "PENDING" } });
      refund = refused.ok ? refused.refund : null;
      // Still unreachable an hour later: the retry keeps it PENDING.
      server.clock.set(new Date(T0.getTime() + 3600_000));
      expect(await outcomeOf()).toBe("PENDING");
    } finally {
      app().configureStripeSandbox({ host: "127.0.0.1", port: Number(new URL(server.url).port), protocol: "http" });
    }
    // A day on, Stripe may have forgotten the key: a create now could refund a second time.
    server.clock.set(new Date(T0.getTime() + 24 * 3600_000));
    expect(await outcomeOf()).toBe("FAILED");
    expect((await orderOf(order.id)).refunds).toEqual([expect.objectContaining({ id: refund!.id, status: "FAILED" })]);
    expect(await sandboxRefundsOf(order.paymentIntentId!)).toEqual([]);
  });

  it("a refund of the whole order after a line was refunded asks Stripe only for the rest", async () => {
    const { merchant, line, honey, order } = await paidOrder();
    await app().setOrderLineStatus({ lineId: line(honey.id).id, merchantId: merchant.id, status: "REFUSED", now: T0 });
    // No page refunds a whole paid order yet; the rule is insertRefundRow's, whoever calls it.
    const whole = await db.$transaction((tx) =>
      app().insertRefundRow(tx, {
        orderId: order.id,
        key: `whole:${order.id}`,
        amountCents: order.totalCents,
        reason: "LATE_PAYMENT",
        now: T0,
      }),
    );
    expect(whole).toMatchObject({ created: true, amountCents: order.totalCents - 1800 });
    expect(await app().processRefund(whole.id, T0)).toMatchObject({ status: "SUCCEEDED" });
    const refunds = await sandboxRefundsOf(order.paymentIntentId!);
    expect(refunds.reduce((sum, r) => sum + r.amount, 0)).toBe(order.totalCents);
    expect((await orderOf(order.id)).refundedCents).toBe(order.totalCents);
  });
});
