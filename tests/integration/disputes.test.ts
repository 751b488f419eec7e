// Disputes end to end through the sandbox and the real SDK: the card 4000 0000 0000 0259 pays,
// then the buyer's bank disputes the charge; the platform is debited the amount and Stripe's fee;
// evidence wins or loses it, closing accepts (loses) it. The app records one OrderDispute per
// dispute, flags the order, tells the merchants and organisers once, moves the status forward
// only, and on a loss takes each stall's share back from its transfer (none on a win), whatever
// the order and number of the events. The sandbox's events go to a sink: each test delivers
// them to the app itself, duplicated and reordered.
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { getStripe, SANDBOX_WEBHOOK_SECRET } from "~/utils/stripe.server";
import { createServer, type ChaletServer } from "../../server/index";
import { createMarketScene, createProduct, createStall, createUser } from "../fixtures/factories";
import {
  deliver,
  deliverFourTimes,
  emailsTo,
  openCheckout,
  orderOf,
  payWithCard,
  reserve,
  StripeSink,
  stripeEvent,
  type SinkEvent,
} from "../fixtures/payments";
import { TestClock, clientFor, pointStripeAt } from "../setup/server";
import { eventually } from "../setup/wait";

const T0 = new Date("2026-12-12T15:00:00Z");
const clock = new TestClock(T0);
const sink = new StripeSink();
let server: ChaletServer;
let stripe: Stripe;

beforeAll(async () => {
  const sinkUrl = await sink.listen();
  server = await createServer({
    port: 0,
    host: "127.0.0.1",
    now: clock.now,
    logRequests: false,
    redisUrl: null,
    scheduler: { auto: false },
    holdSweeper: { auto: false },
    stripeSandbox: { webhookUrl: sinkUrl },
  });
  pointStripeAt(server);
  stripe = getStripe();
});
afterAll(async () => {
  await server.close();
  sink.close();
});

const OPENED = "Litige bancaire";
const WON = "Litige clos en faveur du marché";
const LOST = "Litige perdu";
const DISPUTE_CARD = "4000 0000 0000 0259";

/** Two stalls (two merchants) in one market, a buyer's order across both: 2 × 12,50 € + 1 × 8,00 €. */
async function scene() {
  clock.set(T0);
  const s = await createMarketScene(T0);
  // 5 %: stall A's 25,00 € leaves it 23,75 €, stall B's 8,00 € leaves it 7,60 €.
  await db.market.update({ where: { id: s.market.id }, data: { commissionBps: 500 } });
  const otherMerchant = await createUser({ name: "Other merchant" });
  const otherStall = await createStall(s.market.id, otherMerchant.id);
  const honey = await createProduct(s.stall.id, { priceCents: 1250, stock: 10 });
  const candle = await createProduct(otherStall.id, { priceCents: 800, stock: 10 });
  const buyer = await createUser();
  const order = await reserve(
    {
      buyerId: buyer.id,
      marketId: s.market.id,
      lines: [
        { productId: honey.id, quantity: 2 },
        { productId: candle.id, quantity: 1 },
      ],
    },
    T0,
  );
  return { ...s, otherMerchant, otherStall, buyer, order };
}

/** The order paid on the hosted page with `card`; its completion and (for the dispute card) dispute events. */
async function pay(order: { id: string } & Parameters<typeof openCheckout>[0], card = DISPUTE_CARD) {
  const session = await openCheckout(order, server.url, clock.now());
  await payWithCard(server.url, session, card);
  const paid = await stripe.checkout.sessions.retrieve(session.id);
  const paymentIntentId = paid.payment_intent as string;
  const completed = await sink.waitFor("checkout.session.completed", session.id);
  return { session, paymentIntentId, completed };
}

async function disputedOrder() {
  const s = await scene();
  const payment = await pay(s.order);
  const created = await sink.waitFor("charge.dispute.created", payment.paymentIntentId);
  const dispute = created.event.data.object as Stripe.Dispute;
  return { ...s, ...payment, created, dispute };
}

/** The sandbox's event of this type about this dispute, once it came. */
const eventOf = (type: string, disputeId: string): Promise<SinkEvent> =>
  eventually(() =>
    sink.received.find((r) => r.event.type === type && (r.event.data.object as { id: string }).id === disputeId),
  );

const transfersOf = (orderId: string) =>
  db.stallTransfer.findMany({ where: { orderId }, orderBy: { amountCents: "desc" } });

const rowOf = (stripeDisputeId: string) => db.orderDispute.findUnique({ where: { stripeDisputeId } });

/** Delivers the sandbox's own signed payload to the app, as Stripe would. */
const send = (e: SinkEvent) => deliver(server.url, e.raw);

describe("the sandbox: test card 4000 0000 0000 0259, through the SDK", () => {
  it("pays, then the charge is disputed as fraudulent; the platform is debited the amount and the 20 € fee", async () => {
    const before = await stripe.balance.retrieve();
    const { order, paymentIntentId, dispute } = await disputedOrder();
    expect(dispute).toMatchObject({
      object: "dispute",
      status: "needs_response",
      reason: "fraudulent",
      amount: order.totalCents,
      currency: "eur",
      payment_intent: paymentIntentId,
      is_charge_refundable: false,
    });
    expect(dispute.id).toMatch(/^dp_/);
    expect(dispute.evidence_details.due_by).toBeGreaterThan(Math.floor(T0.getTime() / 1000));

    const intent = await stripe.paymentIntents.retrieve(paymentIntentId);
    const charge = await stripe.charges.retrieve(intent.latest_charge as string);
    expect(charge.disputed).toBe(true);
    expect(dispute.charge).toBe(charge.id);
    expect(await stripe.disputes.retrieve(dispute.id)).toEqual(dispute);

    const [debit] = dispute.balance_transactions;
    expect(debit).toMatchObject({ amount: -order.totalCents, fee: 2000, net: -order.totalCents - 2000 });
    const chargeFee = (await stripe.balanceTransactions.retrieve(charge.balance_transaction as string)).fee;
    const after = await stripe.balance.retrieve();
    const eur = (b: Stripe.Balance) => b.available.find((a) => a.currency === "eur")?.amount ?? 0;
    // The charge came in (less Stripe's fee), then the dispute took it back and the fee.
    expect(eur(after) - eur(before)).toBe(-chargeFee - 2000);

    // A disputed charge cannot be refunded any more.
    await expect(stripe.refunds.create({ payment_intent: paymentIntentId })).rejects.toMatchObject({
      code: "charge_disputed",
    });
  });

  it("winning_evidence → under review, then won (updated, then closed); the amount comes back, not the fee", async () => {
    const { dispute } = await disputedOrder();
    const answered = await stripe.disputes.update(dispute.id, { evidence: { uncategorized_text: "winning_evidence" } });
    expect(answered.status).toBe("under_review");
    const updated = await eventOf("charge.dispute.updated", dispute.id);
    const closed = await eventOf("charge.dispute.closed", dispute.id);
    expect(sink.received.indexOf(updated)).toBeLessThan(sink.received.indexOf(closed));
    expect(closed.event.data.object).toMatchObject({ status: "won" });
    const won = await stripe.disputes.retrieve(dispute.id);
    expect(won.status).toBe("won");
    expect(won.balance_transactions.map((b) => b.net)).toEqual([-dispute.amount - 2000, dispute.amount]);
    // Closed: no more evidence, no closing.
    await expect(stripe.disputes.update(dispute.id, { evidence: { uncategorized_text: "x" } })).rejects.toMatchObject({
      statusCode: 400,
    });
    await expect(stripe.disputes.close(dispute.id)).rejects.toMatchObject({ statusCode: 400 });
  });

  it("losing_evidence → lost; closing (accepting) → lost; submit=false keeps it open", async () => {
    const first = await disputedOrder();
    await stripe.disputes.update(first.dispute.id, { evidence: { uncategorized_text: "losing_evidence" } });
    expect((await eventOf("charge.dispute.closed", first.dispute.id)).event.data.object).toMatchObject({
      status: "lost",
    });

    const second = await disputedOrder();
    const draft = await stripe.disputes.update(second.dispute.id, {
      evidence: { product_description: "Miel de sapin" },
      submit: false,
    });
    expect(draft).toMatchObject({ status: "needs_response", evidence: { product_description: "Miel de sapin" } });
    const accepted = await stripe.disputes.close(second.dispute.id);
    expect(accepted.status).toBe("lost");
    expect((await eventOf("charge.dispute.closed", second.dispute.id)).event.data.object).toMatchObject({
      status: "lost",
    });
    await expect(stripe.disputes.retrieve("dp_does_not_exist")).rejects.toMatchObject({ statusCode: 404 });
  });

  it("the hosted page lists the dispute card among its test cards", async () => {
    const { order } = await scene();
    const session = await openCheckout(order, server.url, clock.now());
    const html = await (await fetch(`${server.url}${new URL(session.url!).pathname}`)).text();
    expect(html).toContain("4000 0000 0000 0259");
    expect(html).toContain("contesté");
  });
});

describe("the app: charge.dispute.* events", () => {
  it("created, four times at once and later: one row, the order flagged, the merchants and organiser told once", async () => {
    const { order, organiser, merchant, otherMerchant, completed, created, dispute } = await disputedOrder();
    expect((await send(completed)).status).toBe(200);
    expect((await orderOf(order.id)).status).toBe("PAID");

    const answers = await deliverFourTimes(server.url, created.raw);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(await db.orderDispute.count({ where: { orderId: order.id } })).toBe(1);
    expect(await rowOf(dispute.id)).toMatchObject({
      orderId: order.id,
      status: "needs_response",
      amountCents: order.totalCents,
      reason: "fraudulent",
      chargeId: dispute.charge,
      closedAt: null,
    });
    for (const person of [merchant, otherMerchant, organiser]) {
      expect({ who: person.name, emails: await emailsTo(person.email, OPENED) }).toEqual({
        who: person.name,
        emails: 1,
      });
    }
    const merchantEmail = await db.outboxEmail.findFirstOrThrow({
      where: { to: merchant.email, subject: { contains: OPENED } },
    });
    expect(merchantEmail.text).toContain("25,00"); // their lines: 2 × 12,50 €
    expect(merchantEmail.text).not.toContain("Stripe Dashboard");

    // The buyer's order page says so.
    const { buyerPageText } = await buyerPage(order.id, order.buyerId);
    expect(buyerPageText).toContain("Litige en cours");
  });

  it("a dispute before the payment's own event is still recorded (the order found through its PaymentIntent)", async () => {
    const { order, completed, created, dispute } = await disputedOrder();
    expect((await send(created)).status).toBe(200);
    expect(await rowOf(dispute.id)).toMatchObject({ orderId: order.id, status: "needs_response" });
    expect((await send(completed)).status).toBe(200);
    expect((await orderOf(order.id)).status).toBe("PAID");
  });

  it("a dispute on a spare payment of a paid order (its PaymentIntent names the order, which recorded another) is not the order's", async () => {
    const s = await scene();
    const first = await openCheckout(s.order, server.url, clock.now());
    // A second session for the same order, opened in another tab: the app never attached it.
    const spare = await stripe.checkout.sessions.create({
      mode: "payment",
      line_items: s.order.lines.map((l) => ({
        quantity: l.quantity,
        price_data: { currency: "eur", unit_amount: l.unitPriceCents, product_data: { name: l.name } },
      })),
      metadata: { order_id: s.order.id },
      payment_intent_data: { metadata: { order_id: s.order.id } },
      success_url: `${server.url}/orders/${s.order.id}`,
      cancel_url: `${server.url}/basket`,
    });
    await payWithCard(server.url, first);
    expect((await send(await sink.waitFor("checkout.session.completed", first.id))).status).toBe(200);
    expect((await orderOf(s.order.id)).status).toBe("PAID");
    await payWithCard(server.url, spare, DISPUTE_CARD);
    const spareIntent = (await stripe.checkout.sessions.retrieve(spare.id)).payment_intent as string;
    const created = await sink.waitFor("charge.dispute.created", spareIntent);
    expect((await send(created)).status).toBe(200);
    expect(await db.orderDispute.count({ where: { orderId: s.order.id } })).toBe(0);
    expect(await emailsTo(s.merchant.email, OPENED)).toBe(0);
  });

  it("won, events reordered and duplicated: closed once (won), never moved back, told once, nothing reversed", async () => {
    const { order, organiser, merchant, completed, created, dispute } = await disputedOrder();
    await send(completed);
    await stripe.disputes.update(dispute.id, { evidence: { uncategorized_text: "winning_evidence" } });
    const updated = await eventOf("charge.dispute.updated", dispute.id);
    const closed = await eventOf("charge.dispute.closed", dispute.id);

    // closed first (before even created), then the older ones, each twice.
    for (const e of [closed, closed, created, updated, created, updated]) expect((await send(e)).status).toBe(200);
    const row = await rowOf(dispute.id);
    expect(row).toMatchObject({ status: "won" });
    expect(row!.closedAt).not.toBeNull();
    expect(await emailsTo(merchant.email, WON)).toBe(1);
    expect(await emailsTo(organiser.email, WON)).toBe(1);
    expect(await emailsTo(organiser.email, OPENED)).toBe(1);
    expect(await db.transferReversal.count({ where: { key: { startsWith: `dispute:${dispute.id}:` } } })).toBe(0);
    expect((await transfersOf(order.id)).map((t) => [t.status, t.reversedCents])).toEqual([
      ["SENT", 0],
      ["SENT", 0],
    ]);
    const { buyerPageText } = await buyerPage(order.id, order.buyerId);
    expect(buyerPageText).not.toContain("Litige en cours");
  });

  it("lost: each stall's share (commission deducted) reversed from its sent transfer once; told once", async () => {
    const { order, stall, otherStall, organiser, otherMerchant, completed, created, dispute } = await disputedOrder();
    await send(completed);
    const sent = await eventually(async () => {
      const rows = await transfersOf(order.id);
      return rows.length === 2 && rows.every((t) => t.status === "SENT") && rows;
    });
    expect(sent.map((t) => [t.stallId, t.amountCents])).toEqual(
      expect.arrayContaining([
        [stall.id, 2375],
        [otherStall.id, 760],
      ]),
    );
    await send(created);
    await stripe.disputes.close(dispute.id);
    const closed = await eventOf("charge.dispute.closed", dispute.id);
    const answers = await deliverFourTimes(server.url, closed.raw);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(await rowOf(dispute.id)).toMatchObject({ status: "lost" });

    const reversals = await db.transferReversal.findMany({
      where: { key: { startsWith: `dispute:${dispute.id}:` } },
      include: { transfer: true },
    });
    expect(reversals.map((r) => [r.key, r.amountCents, r.status, r.reason]).sort()).toEqual(
      [
        [`dispute:${dispute.id}:${stall.id}`, 2375, "SUCCEEDED", "DISPUTE"],
        [`dispute:${dispute.id}:${otherStall.id}`, 760, "SUCCEEDED", "DISPUTE"],
      ].sort(),
    );
    // At Stripe: each transfer reversed by that amount, once.
    for (const r of reversals) {
      expect(r.stripeReversalId).toMatch(/^trr_/);
      const transfer = await stripe.transfers.retrieve(r.transfer.stripeTransferId!);
      expect(transfer.amount_reversed).toBe(r.amountCents);
      expect((await db.stallTransfer.findUniqueOrThrow({ where: { id: r.transferId } })).reversedCents).toBe(
        r.amountCents,
      );
    }
    expect(await emailsTo(organiser.email, LOST)).toBe(1);
    expect(await emailsTo(otherMerchant.email, LOST)).toBe(1);
    const mail = await db.outboxEmail.findFirstOrThrow({
      where: { to: otherMerchant.email, subject: { contains: LOST } },
    });
    expect(mail.text).toContain("7,60");
  });

  it("transfers wait while the dispute is open; won → sent in full", async () => {
    const { order, completed, created, dispute } = await disputedOrder();
    // The dispute arrives first, then the payment: the order is paid, its transfers held.
    await send(created);
    await send(completed);
    expect((await orderOf(order.id)).status).toBe("PAID");
    await eventually(async () => (await transfersOf(order.id)).length === 2);
    await server.holdSweeper.runOnce();
    for (const t of await transfersOf(order.id)) expect(t).toMatchObject({ status: "PENDING", stripeTransferId: null });

    await stripe.disputes.update(dispute.id, { evidence: { uncategorized_text: "winning_evidence" } });
    await send(await eventOf("charge.dispute.closed", dispute.id));
    const sent = await transfersOf(order.id);
    expect(sent.map((t) => [t.status, t.amountCents, t.reversedCents]).sort()).toEqual(
      [
        ["SENT", 2375, 0],
        ["SENT", 760, 0],
      ].sort(),
    );
    expect(await db.transferReversal.count({ where: { key: { startsWith: `dispute:${dispute.id}:` } } })).toBe(0);
  });

  it("transfers held, then lost: reduced instead, nothing sent then reversed", async () => {
    const { order, completed, created, dispute } = await disputedOrder();
    await send(created);
    await send(completed);
    await eventually(async () => (await transfersOf(order.id)).length === 2);
    await stripe.disputes.update(dispute.id, { evidence: { uncategorized_text: "losing_evidence" } });
    const closed = await eventOf("charge.dispute.closed", dispute.id);
    await send(closed);
    await send(closed);
    await server.holdSweeper.runOnce();
    const rows = await transfersOf(order.id);
    expect(rows.map((t) => [t.amountCents, t.stripeTransferId])).toEqual([
      [0, null],
      [0, null],
    ]);
    const reversals = await db.transferReversal.findMany({ where: { key: { startsWith: `dispute:${dispute.id}:` } } });
    expect(reversals.map((r) => [r.amountCents, r.status, r.stripeReversalId]).sort()).toEqual(
      [
        [2375, "SUCCEEDED", null],
        [760, "SUCCEEDED", null],
      ].sort(),
    );
    expect((await stripe.transfers.list({ transfer_group: order.id })).data).toEqual([]);
  });

  it("forged or malformed dispute events are refused and change nothing", async () => {
    const { created, dispute } = await disputedOrder();
    const forged = await deliver(server.url, created.raw, { secret: "whsec_forged" });
    expect(forged.status).toBe(400);
    expect(forged.text).toMatch(/Invalid Stripe signature/);
    const altered = created.raw.replace('"needs_response"', '"lost"');
    const signature = Stripe.webhooks.generateTestHeaderString({
      payload: created.raw,
      secret: SANDBOX_WEBHOOK_SECRET,
    });
    expect((await deliver(server.url, altered, { signature })).status).toBe(400);
    const malformed = stripeEvent("charge.dispute.closed", { id: dispute.id, object: "dispute", status: "lost" });
    const answer = await deliver(server.url, malformed);
    expect(answer.status).toBe(400);
    expect(answer.text).toMatch(/^Malformed event/);
    expect(await rowOf(dispute.id)).toBeNull();
  });
});

/** The buyer's order page as the buyer sees it (logged in through the app's own form). */
async function buyerPage(orderId: string, buyerId: string): Promise<{ buyerPageText: string }> {
  const client = await clientFor(server, buyerId);
  const response = await client.get(`/orders/${orderId}`);
  expect(response.status).toBe(200);
  return { buyerPageText: await response.text() };
}
