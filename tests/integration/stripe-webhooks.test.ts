// POST /webhooks/stripe through the real server: signatures checked on the raw body, and each
// event (shaped like Stripe's published examples, signed with the SDK's generateTestHeaderString)
// delivered three times at once plus once later changes the order once and sends one email, in
// any order of arrival. The sandbox's own events go to a sink here, so each test delivers them
// itself; the last test lets them through to the app, end to end.
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { HOLD_MS } from "~/models/order-status";
import { sweepExpiredHolds } from "~/models/order-sweeper.server";
import { retryPendingRefunds } from "~/models/refund.server";
import { db } from "~/utils/db.server";
import { getStripe, SANDBOX_WEBHOOK_SECRET } from "~/utils/stripe.server";
import type { ChaletServer } from "../../server/index";
import { createMarketScene, createProduct, createUser } from "../fixtures/factories";
import {
  attachFakeSession,
  deliver,
  deliverFourTimes,
  emailsTo,
  openCheckout,
  orderOf,
  payWithCard,
  reserve,
  sandboxRefundsOf,
  sessionObject,
  stockOf,
  StripeSink,
  stripeEvent,
} from "../fixtures/payments";
import { connectSocket, TestClock, clientFor, startTestServer } from "../setup/server";
import { eventually } from "../setup/wait";

const T0 = new Date("2026-12-12T15:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const clock = new TestClock(T0);
const sink = new StripeSink();
let server: ChaletServer;

beforeAll(async () => {
  const sinkUrl = await sink.listen();
  server = await startTestServer({ clock, stripeSandbox: { webhookUrl: sinkUrl } });
});
afterAll(async () => {
  await server.close();
  sink.close();
});

const PAID_SUBJECT = "Commande confirmée";
const LATE_SUBJECT = "Paiement remboursé";

/** A market open at T0 with one product, a buyer and their reserved order for `quantity` of it. */
async function scene(stock: number, quantity = 1) {
  clock.set(T0);
  const s = await createMarketScene(T0);
  const product = await createProduct(s.stall.id, { stock, priceCents: 1250 });
  const buyer = await createUser();
  const order = await reserve(
    { buyerId: buyer.id, marketId: s.market.id, lines: [{ productId: product.id, quantity }] },
    T0,
  );
  return { ...s, product, buyer, order };
}

describe("signature", () => {
  it("refuses a bad signature, a stale timestamp, a missing header, and changes nothing", async () => {
    const { order, buyer } = await scene(5);
    const sessionId = await attachFakeSession(order);
    const event = stripeEvent("checkout.session.completed", sessionObject(order, { id: sessionId }));
    const nowS = Math.floor(Date.now() / 1000);

    const wrongSecret = await deliver(server.url, event, { secret: "whsec_not_ours" });
    expect(wrongSecret.status).toBe(400);
    expect(wrongSecret.text).toMatch(/Invalid Stripe signature/);

    const stale = await deliver(server.url, event, { timestamp: nowS - 301 });
    expect(stale.status).toBe(400);
    expect(stale.text).toMatch(/timestamp/i);

    const missing = await deliver(server.url, event, { signature: null });
    expect(missing).toEqual({ status: 400, text: "Missing Stripe-Signature header." });

    // Signed, then altered: the signature covers the exact bytes.
    const raw = JSON.stringify(event);
    const signature = Stripe.webhooks.generateTestHeaderString({ payload: raw, secret: SANDBOX_WEBHOOK_SECRET });
    const altered = await deliver(server.url, raw.replace('"paid"', '"unpaid"'), { signature });
    expect(altered.status).toBe(400);

    expect((await orderOf(order.id)).status).toBe("RESERVED");
    expect(await db.processedStripeEvent.findUnique({ where: { id: event.id } })).toBeNull();
    expect(await emailsTo(buyer.email, PAID_SUBJECT)).toBe(0);

    // Within the tolerance it is accepted. Dated from now, not from the start of the test: on a
    // loaded machine the deliveries above can take seconds, and 299 s would have become 300.
    const recent = Math.floor(Date.now() / 1000) - 270;
    expect((await deliver(server.url, event, { timestamp: recent })).status).toBe(200);
    expect((await orderOf(order.id)).status).toBe("PAID");
  });

  it("answers 200 to event types it does not use, and GET with 405", async () => {
    const event = stripeEvent("customer.created", { id: "cus_test_1", object: "customer" });
    const answer = await deliver(server.url, event);
    expect(answer.status).toBe(200);
    expect(answer.text).toMatch(/^ignored/);
    expect((await fetch(`${server.url}/webhooks/stripe`)).status).toBe(405);
  });

  it("answers 400, never 500, to a well-signed body that is not an event it can read, and changes nothing", async () => {
    const { order } = await scene(5);
    const sessionId = await attachFakeSession(order);
    const bodies = [
      "not json",
      "null",
      "[]",
      JSON.stringify({ id: "evt_test_no_data", object: "event", type: "checkout.session.completed" }),
      JSON.stringify({ id: "evt_test_no_object", object: "event", type: "checkout.session.completed", data: {} }),
      JSON.stringify({
        id: "evt_test_no_session_id",
        object: "event",
        type: "checkout.session.completed",
        data: { object: { object: "checkout.session", payment_status: "paid" } },
      }),
      JSON.stringify({
        id: 42,
        object: "event",
        type: "checkout.session.expired",
        data: { object: { id: sessionId, object: "checkout.session" } },
      }),
      JSON.stringify({
        id: "evt_test_bad_metadata",
        object: "event",
        type: "checkout.session.completed",
        data: {
          object: { id: sessionId, object: "checkout.session", payment_status: "paid", metadata: { order_id: 7 } },
        },
      }),
      JSON.stringify({
        id: "evt_test_charge_without_amount",
        object: "event",
        type: "charge.refunded",
        data: { object: { id: "ch_test_1", object: "charge", payment_intent: "pi_test_1" } },
      }),
    ];
    for (const body of bodies) {
      const answer = await deliver(server.url, body);
      expect({ body, status: answer.status }).toEqual({ body, status: 400 });
    }
    expect(await orderOf(order.id)).toMatchObject({ status: "RESERVED", version: 1 });
  });

  it("checks the signature on the exact bytes: bytes that decode to the signed text are still refused", async () => {
    // Signed text holds U+FFFD (bytes EF BF BD); the body sent has a lone 0xFF instead, which a
    // lenient UTF-8 decoder turns into the same U+FFFD.
    const event = stripeEvent("customer.created", { id: "cus_test_bytes", object: "customer", name: "\uFFFD" });
    const raw = JSON.stringify(event);
    const signed = Buffer.from(raw, "utf8");
    const where = signed.indexOf(Buffer.from("\uFFFD", "utf8"));
    expect(where).toBeGreaterThan(0);
    const altered = new Uint8Array(
      Buffer.concat([signed.subarray(0, where), Buffer.from([0xff]), signed.subarray(where + 3)]),
    );
    const answer = await deliver(server.url, raw, { body: altered });
    expect(answer.status).toBe(400);
    // The bytes as signed still pass.
    expect((await deliver(server.url, raw)).status).toBe(200);
  });

  it("answers 200 to a well-signed event about an order it does not know", async () => {
    const event = stripeEvent(
      "checkout.session.completed",
      sessionObject({ id: "no-such-order", totalCents: 100 }, { id: "cs_test_unknown" }),
    );
    const answer = await deliver(server.url, event);
    expect(answer.status).toBe(200);
    expect(answer.text).toContain("no such order");
  });
});

describe("each event three times at once plus once later changes the order once", () => {
  it("checkout.session.completed (paid): PAID once, one email, one order:created per stall", async () => {
    const { order, buyer, merchant, stall, product } = await scene(5, 2);
    const sessionId = await attachFakeSession(order);
    const socket = await connectSocket(server, await clientFor(server, merchant.id));
    const created: string[] = [];
    socket.on("order:created", (dto) => created.push(dto.orderId));
    expect(await socket.emitWithAck("merchant:join", { stallId: stall.id })).toMatchObject({ ok: true });

    const session = sessionObject(order, { id: sessionId, payment_intent: "pi_test_paid_once" });
    const event = stripeEvent("checkout.session.completed", session);
    const answers = await deliverFourTimes(server.url, event);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(answers[3]!.text).toMatch(/^duplicate/);

    const paid = await orderOf(order.id);
    expect(paid).toMatchObject({ status: "PAID", paidAt: T0, paymentIntentId: "pi_test_paid_once", version: 2 });
    expect(paid.lines.map((l) => l.status)).toEqual(["RESERVED"]);
    expect(await stockOf(product.id)).toBe(3);
    expect(await emailsTo(buyer.email, PAID_SUBJECT)).toBe(1);
    expect(await db.processedStripeEvent.count({ where: { id: event.id } })).toBe(1);
    await eventually(() => created.length > 0);
    expect(created).toEqual([order.id]);
    socket.close();

    const email = await db.outboxEmail.findFirstOrThrow({ where: { to: buyer.email } });
    expect(email.text).toContain(`/orders/${order.id}`);
    expect(email.text).toContain(stall.name);
    expect(email.text).toContain(`Chalet n°\u00a0${stall.chaletNumber} sur le plan de la place`);
  });

  it("checkout.session.expired: RELEASED once, the stock given back once", async () => {
    const { order, product } = await scene(5, 2);
    const sessionId = await attachFakeSession(order);
    const event = stripeEvent(
      "checkout.session.expired",
      sessionObject(order, { id: sessionId, status: "expired", payment_status: "unpaid", payment_intent: null }),
    );
    await deliverFourTimes(server.url, event);
    expect(await orderOf(order.id)).toMatchObject({ status: "RELEASED", releaseReason: "SESSION_EXPIRED", version: 2 });
    expect(await stockOf(product.id)).toBe(5);
  });

  it("an expired session that is not the order's own releases nothing", async () => {
    const { order, product } = await scene(5, 2);
    await attachFakeSession(order);
    const spare = stripeEvent(
      "checkout.session.expired",
      sessionObject(order, { id: "cs_test_spare", status: "expired", payment_status: "unpaid", payment_intent: null }),
    );
    expect((await deliver(server.url, spare)).text).toContain("not the order's session");
    expect((await orderOf(order.id)).status).toBe("RESERVED");
    expect(await stockOf(product.id)).toBe(3);
  });

  it("a bank debit: completed (unpaid) → AWAITING_PAYMENT, async_payment_succeeded → PAID, one email", async () => {
    const { order, buyer } = await scene(5);
    const sessionId = await attachFakeSession(order);
    const unpaid = sessionObject(order, { id: sessionId, payment_status: "unpaid", payment_intent: "pi_test_sepa_ok" });
    await deliverFourTimes(server.url, stripeEvent("checkout.session.completed", unpaid));
    expect(await orderOf(order.id)).toMatchObject({ status: "AWAITING_PAYMENT", paymentIntentId: "pi_test_sepa_ok" });

    // Still held past the hold's end: the sweeper leaves a pending debit alone.
    expect((await sweepExpiredHolds(at(HOLD_MS + 1))).released).not.toContain(order.id);

    const settled = stripeEvent("checkout.session.async_payment_succeeded", { ...unpaid, payment_status: "paid" });
    await deliverFourTimes(server.url, settled);
    expect(await orderOf(order.id)).toMatchObject({ status: "PAID", version: 3 });
    expect(await emailsTo(buyer.email, PAID_SUBJECT)).toBe(1);
  });

  it("async_payment_failed: RELEASED with PAYMENT_FAILED once, stock back once, no email", async () => {
    const { order, buyer, product } = await scene(5, 3);
    const sessionId = await attachFakeSession(order);
    const unpaid = sessionObject(order, { id: sessionId, payment_status: "unpaid", payment_intent: "pi_test_sepa_ko" });
    await deliver(server.url, stripeEvent("checkout.session.completed", unpaid));
    await deliverFourTimes(server.url, stripeEvent("checkout.session.async_payment_failed", unpaid));
    expect(await orderOf(order.id)).toMatchObject({ status: "RELEASED", releaseReason: "PAYMENT_FAILED", version: 3 });
    expect(await stockOf(product.id)).toBe(5);
    expect(await db.outboxEmail.count({ where: { to: buyer.email } })).toBe(0);
  });
});

describe("any order of arrival", () => {
  it("completed before expired: stays PAID", async () => {
    const { order, product } = await scene(5);
    const sessionId = await attachFakeSession(order);
    await deliver(server.url, stripeEvent("checkout.session.completed", sessionObject(order, { id: sessionId })));
    const expired = sessionObject(order, { id: sessionId, status: "expired", payment_status: "unpaid" });
    await deliverFourTimes(server.url, stripeEvent("checkout.session.expired", expired));
    expect((await orderOf(order.id)).status).toBe("PAID");
    expect(await stockOf(product.id)).toBe(4);
  });

  it("expired before completed, the stock still there: taken again, PAID, one email, no refund", async () => {
    const { order, product, buyer } = await scene(5, 2);
    const sessionId = await attachFakeSession(order);
    const expired = sessionObject(order, {
      id: sessionId,
      status: "expired",
      payment_status: "unpaid",
      payment_intent: null,
    });
    await deliver(server.url, stripeEvent("checkout.session.expired", expired));
    expect(await stockOf(product.id)).toBe(5);

    clock.set(at(60_000));
    await deliverFourTimes(
      server.url,
      stripeEvent(
        "checkout.session.completed",
        sessionObject(order, { id: sessionId, payment_intent: "pi_test_late_ok" }),
      ),
    );
    const paid = await orderOf(order.id);
    expect(paid).toMatchObject({ status: "PAID", paymentIntentId: "pi_test_late_ok", paidAt: at(60_000), refunds: [] });
    expect(paid.lines.map((l) => l.status)).toEqual(["RESERVED"]);
    expect(await stockOf(product.id)).toBe(3);
    expect(await emailsTo(buyer.email, PAID_SUBJECT)).toBe(1);
  });

  it("async_payment_succeeded before completed (unpaid): PAID, and the late completed changes nothing", async () => {
    const { order, buyer } = await scene(5);
    const sessionId = await attachFakeSession(order);
    const unpaid = sessionObject(order, {
      id: sessionId,
      payment_status: "unpaid",
      payment_intent: "pi_test_sepa_first",
    });
    await deliver(
      server.url,
      stripeEvent("checkout.session.async_payment_succeeded", { ...unpaid, payment_status: "paid" }),
    );
    await deliverFourTimes(server.url, stripeEvent("checkout.session.completed", unpaid));
    expect((await orderOf(order.id)).status).toBe("PAID");
    expect(await emailsTo(buyer.email, PAID_SUBJECT)).toBe(1);
  });

  it("async_payment_failed of a session that is not the order's own releases nothing", async () => {
    const { order, product } = await scene(5, 2);
    await attachFakeSession(order);
    const spare = sessionObject(order, {
      id: "cs_test_spare_debit",
      payment_status: "unpaid",
      payment_intent: "pi_test_spare_debit",
    });
    const answers = await deliverFourTimes(server.url, stripeEvent("checkout.session.async_payment_failed", spare));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(answers[0]!.text).toContain("not the order's session");
    expect(await orderOf(order.id)).toMatchObject({ status: "RESERVED", version: 1 });
    expect(await stockOf(product.id)).toBe(3);
  });

  it("async_payment_failed before completed (unpaid): RELEASED, not left awaiting forever", async () => {
    const { order, product } = await scene(5, 2);
    const sessionId = await attachFakeSession(order);
    const unpaid = sessionObject(order, {
      id: sessionId,
      payment_status: "unpaid",
      payment_intent: "pi_test_sepa_ko2",
    });
    await deliver(server.url, stripeEvent("checkout.session.async_payment_failed", unpaid));
    await deliverFourTimes(server.url, stripeEvent("checkout.session.completed", unpaid));
    expect(await orderOf(order.id)).toMatchObject({ status: "RELEASED", releaseReason: "PAYMENT_FAILED" });
    expect(await stockOf(product.id)).toBe(5);
  });
});

describe("what was paid is checked against the order", () => {
  // The order: 1 × 12,50 €. Each case is a real payment on the sandbox's page (so the refund is a
  // real one), told to the app by a correctly signed event whose amount or currency is not the order's.
  const cases = [
    { name: "1 cent", amount_total: 1, currency: "eur" },
    { name: "half the total", amount_total: 625, currency: "eur" },
    { name: "the total in another currency", amount_total: 1250, currency: "usd" },
  ];
  for (const wrong of cases) {
    it(`${wrong.name}: logged, the order not paid, refunded once however often completed and async_payment_succeeded come`, async () => {
      const { order, buyer, product } = await scene(5);
      const session = await openCheckout(order, server.url, T0);
      await payWithCard(server.url, session);
      const real = (await sink.waitFor("checkout.session.completed", session.id)).event.data
        .object as Stripe.Checkout.Session;
      const intent = real.payment_intent as string;
      const told = { ...real, ...wrong };
      const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
      try {
        const completed = await deliverFourTimes(server.url, stripeEvent("checkout.session.completed", told));
        const succeeded = await deliverFourTimes(
          server.url,
          stripeEvent("checkout.session.async_payment_succeeded", told),
        );
        expect([...completed, ...succeeded].map((a) => a.status)).toEqual(Array(8).fill(200));
        expect(completed[0]!.text).toContain("amount mismatch");
        expect(succeeded[0]!.text).toContain("amount mismatch");

        const after = await orderOf(order.id);
        expect(after).toMatchObject({ status: "RESERVED", paidAt: null, paymentIntentId: null, refundedCents: 0 });
        expect(after.lines.map((l) => l.status)).toEqual(["RESERVED"]);
        expect(after.refunds).toEqual([
          expect.objectContaining({
            key: `mismatch:${intent}`,
            reason: "PAYMENT_MISMATCH",
            paymentIntentId: intent,
            status: "SUCCEEDED",
            amountCents: wrong.amount_total,
          }),
        ]);
        const refunds = await sandboxRefundsOf(intent);
        expect(refunds.map((r) => [r.amount, r.status])).toEqual([[wrong.amount_total, "succeeded"]]);
        expect(await emailsTo(buyer.email, PAID_SUBJECT)).toBe(0);
        expect(await stockOf(product.id)).toBe(4);
        const logged = errors.mock.calls.map((call) => String(call[0])).filter((line) => line.includes(order.id));
        expect(logged).toEqual([
          expect.stringMatching(new RegExp(`${wrong.amount_total} ${wrong.currency} paid, the order is 1250 eur`)),
        ]);

        // Its hold ends as an unpaid order's: the stock comes back, and a redelivery then is no late payment.
        clock.set(at(HOLD_MS + 120_000));
        expect((await sweepExpiredHolds(clock.now())).released).toContain(order.id);
        expect(await stockOf(product.id)).toBe(5);
        await deliver(server.url, stripeEvent("checkout.session.completed", told));
        expect(await orderOf(order.id)).toMatchObject({ status: "RELEASED", paidAt: null });
        expect(await stockOf(product.id)).toBe(5);
        expect(await sandboxRefundsOf(intent)).toHaveLength(1);
      } finally {
        errors.mockRestore();
      }
    });
  }

  it("the right amount in EUR still pays the order, with nothing refunded", async () => {
    const { order, product } = await scene(5);
    const session = await openCheckout(order, server.url, T0);
    await payWithCard(server.url, session);
    const completed = await sink.waitFor("checkout.session.completed", session.id);
    expect(completed.event.data.object).toMatchObject({ amount_total: 1250, currency: "eur" });
    await deliverFourTimes(server.url, completed.raw);
    const paid = await orderOf(order.id);
    expect(paid).toMatchObject({ status: "PAID", refunds: [] });
    expect(await sandboxRefundsOf(paid.paymentIntentId!)).toEqual([]);
    expect(await stockOf(product.id)).toBe(4);
  });

  it("a bank debit of the wrong amount is not awaited: the order stays RESERVED", async () => {
    const { order } = await scene(5);
    const sessionId = await attachFakeSession(order);
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const unpaid = sessionObject(order, { id: sessionId, payment_status: "unpaid", amount_total: 1 });
      const answer = await deliver(server.url, stripeEvent("checkout.session.completed", unpaid));
      expect(answer.text).toContain("amount mismatch");
    } finally {
      errors.mockRestore();
    }
    expect(await orderOf(order.id)).toMatchObject({ status: "RESERVED", paymentIntentId: null, refunds: [] });
  });

  it("a payment event that does not say its amount or currency is refused with 400, and changes nothing", async () => {
    const { order } = await scene(5);
    const sessionId = await attachFakeSession(order);
    for (const missing of ["amount_total", "currency"] as const) {
      const session: Record<string, unknown> = { ...sessionObject(order, { id: sessionId }) };
      delete session[missing];
      const answer = await deliver(server.url, stripeEvent("checkout.session.completed", session));
      expect(answer).toEqual({ status: 400, text: `Malformed event: data.object.${missing}: Required` });
    }
    expect(await orderOf(order.id)).toMatchObject({ status: "RESERVED", version: 1 });
  });
});

describe("a payment after its hold was released", () => {
  it("stock gone: refunded once through Stripe (late:<orderId>), REFUNDED, one email, charge.refunded changes nothing", async () => {
    const { order, buyer, product, market } = await scene(1);
    const session = await openCheckout(order, server.url, T0);
    clock.set(at(HOLD_MS - 60_000));
    await payWithCard(server.url, session);
    const completed = await sink.waitFor("checkout.session.completed", session.id);

    // The event is late: the sweep releases the hold first, and someone else takes the last one.
    clock.set(at(HOLD_MS));
    expect((await sweepExpiredHolds(clock.now())).released).toContain(order.id);
    const other = await createUser();
    await reserve(
      { buyerId: other.id, marketId: market.id, lines: [{ productId: product.id, quantity: 1 }] },
      at(HOLD_MS),
    );
    expect(await stockOf(product.id)).toBe(0);

    const answers = await deliverFourTimes(server.url, completed.raw);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    const refunded = await orderOf(order.id);
    const intent = refunded.paymentIntentId!;
    expect(refunded).toMatchObject({ status: "REFUNDED", refundedCents: 1250 });
    expect(refunded.lines.map((l) => l.status)).toEqual(["REFUNDED"]);
    expect(refunded.refunds).toEqual([
      expect.objectContaining({
        key: `late:${order.id}`,
        status: "SUCCEEDED",
        amountCents: 1250,
        reason: "LATE_PAYMENT",
      }),
    ]);
    const refunds = await sandboxRefundsOf(intent);
    expect(refunds).toHaveLength(1);
    expect(refunds[0]!.id).toBe(refunded.refunds[0]!.stripeRefundId);
    expect(await stockOf(product.id)).toBe(0);
    expect(await emailsTo(buyer.email, LATE_SUBJECT)).toBe(1);
    expect(await emailsTo(buyer.email, PAID_SUBJECT)).toBe(0);

    const chargeRefunded = await sink.waitFor("charge.refunded", intent);
    await deliverFourTimes(server.url, chargeRefunded.raw);
    expect(await orderOf(order.id)).toMatchObject({
      status: "REFUNDED",
      refundedCents: 1250,
      version: refunded.version,
    });
    expect(await emailsTo(buyer.email, LATE_SUBJECT)).toBe(1);
    expect(await sandboxRefundsOf(intent)).toHaveLength(1);
  });

  it("two lines, one still there and one gone: nothing taken (all or nothing), refunded once; taken again: published", async () => {
    clock.set(T0);
    const s = await createMarketScene(T0);
    const jam = await createProduct(s.stall.id, { stock: 4, priceCents: 600 });
    const tea = await createProduct(s.stall.id, { stock: 1, priceCents: 400 });
    const buyer = await createUser();
    const lines = [
      { productId: jam.id, quantity: 2 },
      { productId: tea.id, quantity: 1 },
    ];
    const late = await reserve({ buyerId: buyer.id, marketId: s.market.id, lines }, T0);
    const lateSession = await attachFakeSession(late);
    const onTime = await reserve({ buyerId: buyer.id, marketId: s.market.id, lines: [lines[0]!] }, T0);
    const onTimeSession = await attachFakeSession(onTime);
    clock.set(at(HOLD_MS));
    expect((await sweepExpiredHolds(clock.now())).released).toEqual(expect.arrayContaining([late.id, onTime.id]));
    // The tea is sold to someone else meanwhile; the jam is still there.
    const other = await createUser();
    await reserve(
      { buyerId: other.id, marketId: s.market.id, lines: [{ productId: tea.id, quantity: 1 }] },
      at(HOLD_MS),
    );
    expect([await stockOf(jam.id), await stockOf(tea.id)]).toEqual([4, 0]);

    const lateReleased = await orderOf(late.id);
    const published: { productId: string; stock: number }[] = [];
    const stop = server.services.onStockChanged((changes) => published.push(...changes));
    try {
      await deliverFourTimes(
        server.url,
        stripeEvent(
          "checkout.session.completed",
          sessionObject(late, { id: lateSession, payment_intent: "pi_test_late_two_lines" }),
        ),
      );
      expect(await orderOf(late.id)).toMatchObject({
        status: "RELEASED",
        paidAt: at(HOLD_MS),
        paymentIntentId: "pi_test_late_two_lines",
        version: lateReleased.version + 1,
        refunds: [expect.objectContaining({ amountCents: 1600 })],
      });
      expect([await stockOf(jam.id), await stockOf(tea.id)]).toEqual([4, 0]);
      expect(published).toEqual([]);

      // The other order's payment finds its jam: taken again, and the pages are told.
      const released = await orderOf(onTime.id);
      await deliverFourTimes(
        server.url,
        stripeEvent(
          "checkout.session.completed",
          sessionObject(onTime, { id: onTimeSession, payment_intent: "pi_test_late_jam" }),
        ),
      );
      // One write of the order, one version: a page that knows the released order sees one step.
      expect(await orderOf(onTime.id)).toMatchObject({
        status: "PAID",
        paymentIntentId: "pi_test_late_jam",
        version: released.version + 1,
      });
      expect(await stockOf(jam.id)).toBe(2);
      expect(published).toEqual([expect.objectContaining({ productId: jam.id, stock: 2 })]);
    } finally {
      stop();
    }
  });

  it("charge.refunded before the refund call answered settles the row once", async () => {
    // The same late payment, but charge.refunded is applied while the order's refund row is still PENDING.
    const { order, buyer, product, market } = await scene(1);
    const session = await openCheckout(order, server.url, T0);
    await payWithCard(server.url, session);
    const completed = await sink.waitFor("checkout.session.completed", session.id);
    clock.set(at(HOLD_MS));
    await sweepExpiredHolds(clock.now());
    const other = await createUser();
    await reserve(
      { buyerId: other.id, marketId: market.id, lines: [{ productId: product.id, quantity: 1 }] },
      at(HOLD_MS),
    );

    // Stripe unreachable for the webhook's refund call (the server's client): the row stays PENDING.
    server.services.configureStripeSandbox({ host: "127.0.0.1", port: 9, protocol: "http" });
    try {
      await deliver(server.url, completed.raw);
    } finally {
      server.services.configureStripeSandbox({
        host: "127.0.0.1",
        port: Number(new URL(server.url).port),
        protocol: "http",
      });
    }
    const pending = await orderOf(order.id);
    expect(pending.status).toBe("RELEASED");
    expect(pending.refunds).toEqual([expect.objectContaining({ status: "PENDING" })]);

    // Stripe made the refund (as the retry with the same idempotency key will find).
    const intent = pending.paymentIntentId!;
    await getStripe().refunds.create(
      {
        payment_intent: intent,
        amount: 1250,
        reason: "requested_by_customer",
        metadata: { order_id: order.id, order_refund_id: pending.refunds[0]!.id, key: `late:${order.id}` },
      },
      { idempotencyKey: pending.refunds[0]!.id },
    );
    const chargeRefunded = await sink.waitFor("charge.refunded", intent);
    await deliverFourTimes(server.url, chargeRefunded.raw);
    expect(await orderOf(order.id)).toMatchObject({ status: "REFUNDED", refundedCents: 1250 });
    expect(await emailsTo(buyer.email, LATE_SUBJECT)).toBe(1);

    // The retry loop then finds nothing to do, and the same key never refunds twice.
    expect(await retryPendingRefunds(at(HOLD_MS + 3600_000))).toEqual([]);
    expect(await sandboxRefundsOf(intent)).toHaveLength(1);
  });

  it("expiry racing the webhook: each order ends PAID, its stock taken once, one email, no refund", async () => {
    clock.set(T0);
    const s = await createMarketScene(T0);
    const product = await createProduct(s.stall.id, { stock: 20 });
    const buyers = await Promise.all(Array.from({ length: 8 }, () => createUser()));
    const orders = [];
    for (const buyer of buyers) {
      orders.push(
        await reserve(
          { buyerId: buyer.id, marketId: s.market.id, lines: [{ productId: product.id, quantity: 2 }] },
          T0,
        ),
      );
    }
    const sessions = await Promise.all(orders.map((o) => attachFakeSession(o)));
    expect(await stockOf(product.id)).toBe(4);

    clock.set(at(HOLD_MS));
    const events = orders.map((o, i) =>
      stripeEvent(
        "checkout.session.completed",
        sessionObject(o, { id: sessions[i]!, payment_intent: `pi_test_race_${i}` }),
      ),
    );
    await Promise.all([sweepExpiredHolds(clock.now()), ...events.map((e) => deliverFourTimes(server.url, e))]);
    for (const [i, order] of orders.entries()) {
      const done = await orderOf(order.id);
      expect(done).toMatchObject({ status: "PAID", paymentIntentId: `pi_test_race_${i}`, refunds: [] });
      expect(await emailsTo(buyers[i]!.email, PAID_SUBJECT)).toBe(1);
    }
    // Sold 16, whoever won each race; what the sweep released was all taken back.
    expect(await stockOf(product.id)).toBe(4);
  });
});

describe("end to end through the sandbox", () => {
  it("a real Checkout Session paid on the hosted page makes the order PAID through the webhook", async () => {
    const { order, buyer, merchant, stall } = await scene(3, 2);
    // This buyer reads English: the confirmation follows User.locale.
    await db.user.update({ where: { id: buyer.id }, data: { locale: "en" } });
    sink.target = `${server.url}/webhooks/stripe`;
    try {
      const socket = await connectSocket(server, await clientFor(server, merchant.id));
      const created: string[] = [];
      socket.on("order:created", (dto) => created.push(dto.orderId));
      await socket.emitWithAck("merchant:join", { stallId: stall.id });

      const session = await openCheckout(order, server.url, T0);
      await payWithCard(server.url, session);
      const paid = await eventually(async () => {
        const current = await orderOf(order.id);
        return current.status === "PAID" ? current : null;
      });
      expect(paid.paymentIntentId).toMatch(/^pi_/);
      await eventually(() => created.includes(order.id));
      socket.close();
      // Sent after the broadcasts (the pickup's details are read in between): waited for, not assumed.
      await eventually(async () => (await emailsTo(buyer.email, "Order confirmed")) > 0);
      expect(await emailsTo(buyer.email, "Order confirmed")).toBe(1);
      expect(await emailsTo(buyer.email, PAID_SUBJECT)).toBe(0);
      const { event } = await sink.waitFor("checkout.session.completed", session.id);
      const delivery = await eventually(() =>
        db.stripeSandboxDelivery.findFirst({ where: { eventId: event.id, deliveredAt: { not: null } } }),
      );
      expect(delivery).toMatchObject({ attempts: 1, lastStatus: 200 });
    } finally {
      sink.target = null;
    }
  });
});
