// Stripe Connect's money moving (issue 13): a paid basket across stalls becomes one Transfer per
// stall, from the charge, less the market's commission, each to its merchant's account and each
// once whatever the events do; a refused line is refunded and its share reversed; a reversal the
// merchant's balance cannot cover waits and is retried; a transfer waits for an account to be
// active; Stripe failing once is retried. Everything through the real SDK against the sandbox.
import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stallShare, lineReversalCents } from "~/models/commission";
import { announceDisputeClosed, recoverLostDispute } from "~/models/dispute.server";
import { processReversal } from "~/models/transfer-reversal.server";
import { retryStallTransfers } from "~/models/stall-transfer.server";
import { db } from "~/utils/db.server";
import { formatPrice } from "~/utils/format";
import { getStripe } from "~/utils/stripe.server";
import { createMarketScene, createProduct, createStall, createUser } from "../fixtures/factories";
import {
  deliver,
  deliverFourTimes,
  openCheckout,
  orderOf,
  payWithCard,
  reserve,
  sandboxRefundsOf,
  StripeSink,
} from "../fixtures/payments";
import { clientFor, startTestServer, type TestServer } from "../setup/server";
import { eventually } from "../setup/wait";
import { accountInState } from "../../server/stripe-sandbox/accounts";

const T0 = new Date("2026-12-12T15:00:00Z");
const sink = new StripeSink();
let server: TestServer;
beforeAll(async () => {
  // Events pass through the sink (kept, then forwarded to the app): a test can deliver them again.
  const sinkUrl = await sink.listen();
  server = await startTestServer({ now: T0, stripeSandbox: { webhookUrl: sinkUrl } });
  sink.target = `${server.url}/webhooks/stripe`;
});
afterAll(async () => {
  await server.close();
  sink.close();
});
const app = () => server.services;
const stripe = () => getStripe();

const accountOf = async (userId: string) =>
  (await db.payoutAccount.findUniqueOrThrow({ where: { userId } })).stripeAccountId;

/** A market taking 10 %, three stalls (three merchants with active accounts), a basket across them. */
async function basketAcrossThreeStalls() {
  server.clock.set(T0);
  const s = await createMarketScene(T0);
  await db.market.update({ where: { id: s.market.id }, data: { commissionBps: 1000 } });
  const honey = await createProduct(s.stall.id, { stock: 5, priceCents: 905, name: "Miel" });
  const m2 = await createUser({ name: "Merchant 2" });
  const stall2 = await createStall(s.market.id, m2.id);
  const candle = await createProduct(stall2.id, { stock: 5, priceCents: 1499, name: "Bougie" });
  const m3 = await createUser({ name: "Merchant 3" });
  const stall3 = await createStall(s.market.id, m3.id);
  const wine = await createProduct(stall3.id, { stock: 5, priceCents: 750, name: "Vin chaud" });
  const buyer = await createUser();
  const order = await reserve(
    {
      buyerId: buyer.id,
      marketId: s.market.id,
      lines: [
        { productId: honey.id, quantity: 3 },
        { productId: candle.id, quantity: 1 },
        { productId: wine.id, quantity: 2 },
      ],
    },
    T0,
  );
  // A later change of the market's rate does not touch an order already reserved.
  await db.market.update({ where: { id: s.market.id }, data: { commissionBps: 2500 } });
  const stalls = [
    { stall: s.stall, merchant: s.merchant, lines: [{ unitPriceCents: 905, quantity: 3 }] },
    { stall: stall2, merchant: m2, lines: [{ unitPriceCents: 1499, quantity: 1 }] },
    { stall: stall3, merchant: m3, lines: [{ unitPriceCents: 750, quantity: 2 }] },
  ];
  return { ...s, buyer, order, stalls, honey, candle, wine };
}

async function pay(order: { id: string } & Parameters<typeof openCheckout>[0]) {
  const session = await openCheckout(order, server.url, T0);
  await payWithCard(server.url, session);
  return session;
}

const sentTransfers = (orderId: string, count: number) =>
  eventually(async () => {
    const rows = await db.stallTransfer.findMany({ where: { orderId, status: "SENT" } });
    return rows.length === count ? rows : null;
  });

async function expectOneTransferPerStall(
  orderId: string,
  stalls: Awaited<ReturnType<typeof basketAcrossThreeStalls>>["stalls"],
) {
  const list = await stripe().transfers.list({ transfer_group: orderId, limit: 100 });
  expect(list.data).toHaveLength(stalls.length);
  const order = await db.order.findUniqueOrThrow({ where: { id: orderId } });
  for (const { stall, merchant, lines } of stalls) {
    const share = stallShare(lines, 1000);
    const row = await db.stallTransfer.findUniqueOrThrow({
      where: { orderId_stallId: { orderId, stallId: stall.id } },
    });
    expect(row).toMatchObject({ status: "SENT", ...share, stripeAccountId: await accountOf(merchant.id) });
    const transfer = list.data.filter((t) => t.id === row.stripeTransferId);
    expect(transfer).toHaveLength(1);
    expect(transfer[0]).toMatchObject({
      amount: share.amountCents,
      currency: "eur",
      destination: await accountOf(merchant.id),
      source_transaction: order.chargeId,
      transfer_group: orderId,
      metadata: { order_id: orderId, stall_id: stall.id, stall_transfer_id: row.id },
    });
  }
  const commissions = stalls.reduce((sum, s) => sum + stallShare(s.lines, 1000).commissionCents, 0);
  expect(list.data.reduce((sum, t) => sum + t.amount, 0)).toBe(order.totalCents - commissions);
}

describe("transfers of a paid basket", () => {
  it("three stalls: three transfers from the charge, total less commissions, each to its account; the fee recorded", async () => {
    const { order, stalls } = await basketAcrossThreeStalls();
    expect((await db.order.findUniqueOrThrow({ where: { id: order.id } })).commissionBps).toBe(1000);
    await pay(order);
    await sentTransfers(order.id, 3);
    await expectOneTransferPerStall(order.id, stalls);
    const paid = await db.order.findUniqueOrThrow({ where: { id: order.id } });
    const charge = await stripe().charges.retrieve(paid.chargeId!);
    const txn = await stripe().balanceTransactions.retrieve(charge.balance_transaction as string);
    // The sandbox's 4242 card is a US card: Stripe's international rate, 3.25 % + €0.25.
    expect(paid.stripeFeeCents).toBe(Math.round(order.totalCents * 0.0325) + 25);
    expect(txn).toMatchObject({ amount: order.totalCents, fee: paid.stripeFeeCents, source: charge.id });
    // Each merchant's balance holds its share.
    for (const { merchant, lines } of stalls) {
      const balance = await stripe().balance.retrieve({}, { stripeAccount: await accountOf(merchant.id) });
      expect(balance.available[0]).toMatchObject({ amount: stallShare(lines, 1000).amountCents, currency: "eur" });
    }
  });

  it("the payment's event duplicated, concurrent, again later, and the sweeper racing: still one transfer per stall", async () => {
    const { order, stalls } = await basketAcrossThreeStalls();
    const session = await pay(order);
    const completed = await sink.waitFor("checkout.session.completed", session.id);
    await sentTransfers(order.id, 3);
    const answers = await deliverFourTimes(server.url, completed.raw);
    expect(answers.every((a) => a.status === 200)).toBe(true);
    await Promise.all([
      app().transferOrder(order.id, T0),
      app().transferOrder(order.id, T0),
      server.holdSweeper.runOnce(),
      deliver(server.url, completed.raw),
    ]);
    server.clock.set(new Date(T0.getTime() + 3600_000));
    await server.holdSweeper.runOnce();
    expect(await db.stallTransfer.count({ where: { orderId: order.id } })).toBe(3);
    await expectOneTransferPerStall(order.id, stalls);
  });

  it("rows lost between PAID and Stripe (a crash): the sweeper finds them by transfer_group, sends none twice", async () => {
    const { order, stalls } = await basketAcrossThreeStalls();
    await pay(order);
    const rows = await sentTransfers(order.id, 3);
    // As if the answers had been lost: PENDING again, already tried once, Stripe ids unknown.
    await db.stallTransfer.updateMany({
      where: { orderId: order.id },
      data: { status: "PENDING", stripeTransferId: null, attempts: 1 },
    });
    server.clock.set(new Date(T0.getTime() + 60_000));
    await server.holdSweeper.runOnce();
    const again = await db.stallTransfer.findMany({ where: { orderId: order.id } });
    expect(again.map((r) => r.status)).toEqual(["SENT", "SENT", "SENT"]);
    expect(new Set(again.map((r) => r.stripeTransferId))).toEqual(new Set(rows.map((r) => r.stripeTransferId)));
    await expectOneTransferPerStall(order.id, stalls);
  });

  it("rows held by an open dispute do not fill the sweeper's batch: another order's due row is still sent", async () => {
    const held = await basketAcrossThreeStalls();
    await pay(held.order);
    const [heldRow] = await sentTransfers(held.order.id, 3);
    const other = await basketAcrossThreeStalls();
    await pay(other.order);
    const [dueRow] = await sentTransfers(other.order.id, 3);
    await db.orderDispute.create({
      data: {
        orderId: held.order.id,
        stripeDisputeId: `dp_held_${held.order.id}`,
        chargeId: "ch_held",
        amountCents: 100,
        reason: "fraudulent",
        status: "needs_response",
        openedAt: T0,
      },
    });
    // Both lost between PAID and Stripe; the held one is the oldest.
    for (const [row, at] of [
      [heldRow!, T0.getTime() - 120_000],
      [dueRow!, T0.getTime() - 60_000],
    ] as const) {
      await db.stallTransfer.update({
        where: { id: row.id },
        data: { status: "PENDING", stripeTransferId: null, attempts: 1, updatedAt: new Date(at) },
      });
    }
    const now = new Date(T0.getTime() + 3600_000);
    await retryStallTransfers(now, 1);
    expect((await db.stallTransfer.findUniqueOrThrow({ where: { id: dueRow!.id } })).status).toBe("SENT");
    expect((await db.stallTransfer.findUniqueOrThrow({ where: { id: heldRow!.id } })).status).toBe("PENDING");
  });

  it("a payment after the hold was released: taken again and transferred; with the stock gone, refunded and nothing moves", async () => {
    const { order, stalls } = await basketAcrossThreeStalls();
    const session = await openCheckout(order, server.url, T0);
    const sinkBefore = sink.target;
    sink.target = null; // the completion is held back until after the release
    try {
      await payWithCard(server.url, session);
      const completed = await sink.waitFor("checkout.session.completed", session.id);
      server.clock.set(new Date(order.holdExpiresAt.getTime() + 60_000));
      await server.holdSweeper.runOnce();
      expect((await orderOf(order.id)).status).toBe("RELEASED");
      expect((await deliver(server.url, completed.raw)).text).toContain("paid late");
    } finally {
      sink.target = sinkBefore;
    }
    await sentTransfers(order.id, 3);
    await expectOneTransferPerStall(order.id, stalls);

    // The same story, but the honey sold out meanwhile: the late payment is refunded, no transfer.
    const second = await basketAcrossThreeStalls();
    const session2 = await openCheckout(second.order, server.url, T0);
    sink.target = null;
    try {
      await payWithCard(server.url, session2);
      const completed = await sink.waitFor("checkout.session.completed", session2.id);
      server.clock.set(new Date(second.order.holdExpiresAt.getTime() + 60_000));
      await server.holdSweeper.runOnce();
      await db.product.update({ where: { id: second.honey.id }, data: { stock: 0 } });
      await deliver(server.url, completed.raw);
    } finally {
      sink.target = sinkBefore;
    }
    await eventually(async () => (await orderOf(second.order.id)).status === "REFUNDED");
    await server.holdSweeper.runOnce();
    expect(await db.stallTransfer.count({ where: { orderId: second.order.id } })).toBe(0);
    expect((await stripe().transfers.list({ transfer_group: second.order.id })).data).toHaveLength(0);
  });
});

describe("checkout through the app", () => {
  it("the basket's Checkout Session carries the order as transfer_group, onto the PaymentIntent and its transfers", async () => {
    const { market, honey, candle } = await basketAcrossThreeStalls();
    const buyer = await createUser();
    const client = await clientFor(server, buyer.id);
    for (const productId of [honey.id, candle.id]) {
      expect((await client.post("/basket", { intent: "add", productId, quantity: "1" })).status).toBe(200);
    }
    expect((await client.post("/basket", { intent: "checkout", marketId: market.id })).status).toBe(303);
    const order = await db.order.findFirstOrThrow({ where: { buyerId: buyer.id } });
    // The rate when reserved (the market's now: 25 %).
    expect(order.commissionBps).toBe(2500);
    const session = await stripe().checkout.sessions.retrieve(order.checkoutSessionId!);
    await payWithCard(server.url, session);
    const rows = await sentTransfers(order.id, 2);
    const paid = await db.order.findUniqueOrThrow({ where: { id: order.id } });
    const intent = await stripe().paymentIntents.retrieve(paid.paymentIntentId!);
    expect(intent.transfer_group).toBe(order.id);
    expect(rows.map((r) => r.amountCents).sort((a, b) => a - b)).toEqual(
      [
        stallShare([{ unitPriceCents: 905, quantity: 1 }], 2500),
        stallShare([{ unitPriceCents: 1499, quantity: 1 }], 2500),
      ]
        .map((share) => share.amountCents)
        .sort((a, b) => a - b),
    );
  });
});

describe("a refused line", () => {
  it("one refund and one reversal of the line less its commission, however often refused", async () => {
    const { order, stalls, candle } = await basketAcrossThreeStalls();
    await pay(order);
    await sentTransfers(order.id, 3);
    const paid = await orderOf(order.id);
    const line = paid.lines.find((l) => l.productId === candle.id)!;
    const merchantId = stalls[1]!.merchant.id;
    const results = await Promise.all(
      [0, 1, 2].map(() => app().setOrderLineStatus({ lineId: line.id, merchantId, status: "REFUSED", now: T0 })),
    );
    expect(results.filter((r) => r.ok && r.changed)).toHaveLength(1);
    await app().setOrderLineStatus({ lineId: line.id, merchantId, status: "REFUSED", now: T0 });

    const refunds = await sandboxRefundsOf(paid.paymentIntentId!);
    expect(refunds.map((r) => r.amount)).toEqual([line.unitPriceCents * line.quantity]);
    const reversals = await db.transferReversal.findMany({ where: { orderLineId: line.id } });
    const expected = lineReversalCents(line, 1000);
    expect(reversals).toHaveLength(1);
    expect(reversals[0]).toMatchObject({ key: `line:${line.id}`, amountCents: expected, status: "SUCCEEDED" });
    const row = await db.stallTransfer.findUniqueOrThrow({ where: { id: reversals[0]!.transferId } });
    expect(row.reversedCents).toBe(expected);
    const transfer = await stripe().transfers.retrieve(row.stripeTransferId!);
    expect(transfer.amount_reversed).toBe(expected);
    expect(transfer.reversals.data.map((r) => r.id)).toEqual([reversals[0]!.stripeReversalId]);
  });

  it("refused before its transfer was sent: the transfer shrinks, nothing is transferred then reversed", async () => {
    const { order, stalls, honey } = await basketAcrossThreeStalls();
    // Stall 1's merchant is not active when the payment arrives: its transfer waits.
    await db.payoutAccount.update({ where: { userId: stalls[0]!.merchant.id }, data: { status: "RESTRICTED" } });
    await pay(order);
    await sentTransfers(order.id, 2);
    const paid = await orderOf(order.id);
    const line = paid.lines.find((l) => l.productId === honey.id)!;
    const waiting = await db.stallTransfer.findUniqueOrThrow({
      where: { orderId_stallId: { orderId: order.id, stallId: stalls[0]!.stall.id } },
    });
    expect(waiting.status).toBe("WAITING");
    await app().setOrderLineStatus({ lineId: line.id, merchantId: stalls[0]!.merchant.id, status: "REFUSED", now: T0 });
    const shrunk = await db.stallTransfer.findUniqueOrThrow({ where: { id: waiting.id } });
    expect(shrunk).toMatchObject({ status: "WAITING", grossCents: 0, commissionCents: 0, amountCents: 0 });
    // Back to active: nothing is sent for a share of 0, no reversal asked of Stripe.
    await db.payoutAccount.update({ where: { userId: stalls[0]!.merchant.id }, data: { status: "ACTIVE" } });
    await server.holdSweeper.runOnce();
    expect(await db.stallTransfer.findUniqueOrThrow({ where: { id: waiting.id } })).toMatchObject({
      status: "SENT",
      stripeTransferId: null,
    });
    expect((await stripe().transfers.list({ transfer_group: order.id })).data).toHaveLength(2);
    expect(await db.transferReversal.findUniqueOrThrow({ where: { key: `line:${line.id}` } })).toMatchObject({
      status: "SUCCEEDED",
      stripeReversalId: null,
    });
  });

  it("refused after a dispute took the unsent transfer to 0: the transfer only shrinks, nothing is sent", async () => {
    const { order, stalls, honey, candle, wine } = await basketAcrossThreeStalls();
    // A second line at stall 1, so that the lines left after the refusal are worth something.
    const jam = await createProduct(stalls[0]!.stall.id, { stock: 5, priceCents: 400, name: "Confiture" });
    const both = await reserve(
      {
        buyerId: (await createUser()).id,
        marketId: order.marketId,
        lines: [
          { productId: honey.id, quantity: 1 },
          { productId: jam.id, quantity: 1 },
          { productId: candle.id, quantity: 1 },
          { productId: wine.id, quantity: 1 },
        ],
      },
      T0,
    );
    await db.payoutAccount.update({ where: { userId: stalls[0]!.merchant.id }, data: { status: "RESTRICTED" } });
    await pay(both);
    await sentTransfers(both.id, 2);
    const waiting = await db.stallTransfer.findUniqueOrThrow({
      where: { orderId_stallId: { orderId: both.id, stallId: stalls[0]!.stall.id } },
    });
    expect(waiting.status).toBe("WAITING");
    // A lost dispute takes the whole unsent share.
    await app().requestTransferReversal({
      transferId: waiting.id,
      key: `dispute:dp_lost:${stalls[0]!.stall.id}`,
      amountCents: waiting.amountCents,
      reason: "DISPUTE",
      now: T0,
    });
    expect((await db.stallTransfer.findUniqueOrThrow({ where: { id: waiting.id } })).amountCents).toBe(0);
    const line = (await orderOf(both.id)).lines.find((l) => l.productId === honey.id)!;
    await app().setOrderLineStatus({ lineId: line.id, merchantId: stalls[0]!.merchant.id, status: "REFUSED", now: T0 });
    const rate = (await db.order.findUniqueOrThrow({ where: { id: both.id } })).commissionBps;
    const jamShare = stallShare([{ unitPriceCents: 400, quantity: 1 }], rate);
    expect(await db.stallTransfer.findUniqueOrThrow({ where: { id: waiting.id } })).toMatchObject({
      status: "WAITING",
      amountCents: 0,
      grossCents: jamShare.grossCents,
      commissionCents: jamShare.commissionCents,
    });
    expect(await db.transferReversal.findUniqueOrThrow({ where: { key: `line:${line.id}` } })).toMatchObject({
      status: "SUCCEEDED",
      amountCents: 0,
    });
    await db.payoutAccount.update({ where: { userId: stalls[0]!.merchant.id }, data: { status: "ACTIVE" } });
    await server.holdSweeper.runOnce();
    expect(await db.stallTransfer.findUniqueOrThrow({ where: { id: waiting.id } })).toMatchObject({
      amountCents: 0,
      stripeTransferId: null,
    });
    expect((await stripe().transfers.list({ transfer_group: both.id })).data).toHaveLength(2);
  });

  it("a dispute lost after a refused line: each stall's share computed on the lines kept, over their worth", async () => {
    const { order, stalls, candle } = await basketAcrossThreeStalls();
    await pay(order);
    await sentTransfers(order.id, 3);
    const paid = await orderOf(order.id);
    const line = paid.lines.find((l) => l.productId === candle.id)!;
    await app().setOrderLineStatus({ lineId: line.id, merchantId: stalls[1]!.merchant.id, status: "REFUSED", now: T0 });
    const net = order.totalCents - line.unitPriceCents * line.quantity;
    const dispute = await db.orderDispute.create({
      data: {
        orderId: order.id,
        stripeDisputeId: `dp_lost_${order.id}`,
        chargeId: paid.chargeId!,
        amountCents: net,
        reason: "fraudulent",
        status: "lost",
        openedAt: T0,
        closedAt: T0,
      },
    });
    await recoverLostDispute(dispute.id, T0);
    await announceDisputeClosed(dispute.id);
    // The whole net was disputed: each kept stall gives back its whole share, the refused one
    // nothing more, and each merchant's email says what was taken.
    for (const [i, expected] of [
      [0, stallShare(stalls[0]!.lines, 1000).amountCents],
      [2, stallShare(stalls[2]!.lines, 1000).amountCents],
    ] as const) {
      const reversal = await db.transferReversal.findUniqueOrThrow({
        where: { key: `dispute:${dispute.stripeDisputeId}:${stalls[i]!.stall.id}` },
      });
      expect(reversal).toMatchObject({ amountCents: expected, status: "SUCCEEDED" });
      const email = await db.outboxEmail.findFirstOrThrow({
        where: { to: stalls[i]!.merchant.email, subject: { startsWith: "Litige perdu" } },
      });
      expect(email.text).toContain(`Repris sur votre virement\u00a0: ${formatPrice(expected, "fr")}.`);
    }
    expect(
      await db.transferReversal.count({ where: { key: `dispute:${dispute.stripeDisputeId}:${stalls[1]!.stall.id}` } }),
    ).toBe(0);
  });

  it("the merchant's balance paid out: the reversal waits (balance_insufficient), then succeeds once funds are back", async () => {
    const { order, stalls, wine } = await basketAcrossThreeStalls();
    await pay(order);
    await sentTransfers(order.id, 3);
    const merchant = stalls[2]!.merchant;
    const account = await accountOf(merchant.id);
    const balance = await stripe().balance.retrieve({}, { stripeAccount: account });
    const payout = await stripe().payouts.create(
      { amount: balance.available[0]!.amount, currency: "eur" },
      { stripeAccount: account },
    );
    expect(payout).toMatchObject({ status: "in_transit", object: "payout" });
    expect((await stripe().balance.retrieve({}, { stripeAccount: account })).available[0]!.amount).toBe(0);

    const paid = await orderOf(order.id);
    const line = paid.lines.find((l) => l.productId === wine.id)!;
    await app().setOrderLineStatus({ lineId: line.id, merchantId: merchant.id, status: "REFUSED", now: T0 });
    const pending = await db.transferReversal.findUniqueOrThrow({ where: { key: `line:${line.id}` } });
    expect(pending).toMatchObject({ status: "PENDING", attempts: 1 });
    expect(pending.lastError).toMatch(/^balance_insufficient/);
    expect(pending.nextAttemptAt!.getTime()).toBe(T0.getTime() + 60_000);
    // The buyer's refund does not wait for the merchant.
    expect((await sandboxRefundsOf(paid.paymentIntentId!)).map((r) => r.amount)).toEqual([1500]);

    // Too soon: not asked again. Due, still no funds: refused again, later again.
    expect((await server.holdSweeper.runOnce()).reversals).toEqual([]);
    server.clock.set(new Date(T0.getTime() + 61_000));
    await server.holdSweeper.runOnce();
    expect(await db.transferReversal.findUniqueOrThrow({ where: { id: pending.id } })).toMatchObject({
      status: "PENDING",
      attempts: 2,
      nextAttemptAt: new Date(T0.getTime() + 61_000 + 300_000),
    });

    // Funds back on the account (another sale at this stall transferred), then the next due sweep succeeds.
    const buyer = await createUser();
    const more = await reserve(
      { buyerId: buyer.id, marketId: order.marketId, lines: [{ productId: wine.id, quantity: 3 }] },
      server.clock.now(),
    );
    await pay(more);
    await sentTransfers(more.id, 1);
    server.clock.set(new Date(T0.getTime() + 61_000 + 301_000));
    await server.holdSweeper.runOnce();
    const done = await db.transferReversal.findUniqueOrThrow({ where: { id: pending.id } });
    expect(done).toMatchObject({ status: "SUCCEEDED", amountCents: lineReversalCents(line, 1000) });
    const row = await db.stallTransfer.findUniqueOrThrow({ where: { id: done.transferId } });
    expect(row.reversedCents).toBe(done.amountCents);
    expect((await stripe().transfers.retrieve(row.stripeTransferId!)).amount_reversed).toBe(done.amountCents);
    await server.holdSweeper.runOnce();
    expect((await stripe().transfers.retrieve(row.stripeTransferId!)).reversals.data).toHaveLength(1);
  });

  it("two overlapping retries refused for balance count one attempt", async () => {
    const { order, stalls, wine } = await basketAcrossThreeStalls();
    await pay(order);
    await sentTransfers(order.id, 3);
    const merchant = stalls[2]!.merchant;
    const account = await accountOf(merchant.id);
    const balance = await stripe().balance.retrieve({}, { stripeAccount: account });
    await stripe().payouts.create(
      { amount: balance.available[0]!.amount, currency: "eur" },
      { stripeAccount: account },
    );
    const line = (await orderOf(order.id)).lines.find((l) => l.productId === wine.id)!;
    await app().setOrderLineStatus({ lineId: line.id, merchantId: merchant.id, status: "REFUSED", now: T0 });
    const pending = await db.transferReversal.findUniqueOrThrow({ where: { key: `line:${line.id}` } });
    expect(pending).toMatchObject({ status: "PENDING", attempts: 1 });
    const due = new Date(T0.getTime() + 61_000);
    await Promise.all([processReversal(pending.id, due), processReversal(pending.id, due)]);
    expect(await db.transferReversal.findUniqueOrThrow({ where: { id: pending.id } })).toMatchObject({
      status: "PENDING",
      attempts: 2,
    });
  });

  it("requestTransferReversal: one per key, capped at what is left of the transfer", async () => {
    const { order } = await basketAcrossThreeStalls();
    await pay(order);
    const [row] = await sentTransfers(order.id, 3);
    const asks = await Promise.all(
      [0, 1, 2].map(() =>
        app().requestTransferReversal({
          transferId: row!.id,
          key: "dispute:dp_1:x",
          amountCents: 100,
          reason: "DISPUTE",
          now: T0,
        }),
      ),
    );
    expect(new Set(asks.map((a) => a.reversalId)).size).toBe(1);
    const capped = await app().requestTransferReversal({
      transferId: row!.id,
      key: "dispute:dp_2:x",
      amountCents: 1_000_000,
      reason: "DISPUTE",
      now: T0,
    });
    expect(capped).toMatchObject({ status: "SUCCEEDED", amountCents: row!.amountCents - 100 });
    const transfer = await stripe().transfers.retrieve(row!.stripeTransferId!);
    expect(transfer).toMatchObject({ amount_reversed: row!.amountCents, reversed: true });
    expect(
      await app().requestTransferReversal({
        transferId: "nope",
        key: "dispute:dp_3:x",
        amountCents: 1,
        reason: "DISPUTE",
      }),
    ).toMatchObject({ reversalId: null, status: "MISSING" });
  });
});

describe("accounts and Stripe failing", () => {
  it("an account restricted when the order is paid: the transfer waits, and is sent when it is active again", async () => {
    const { order, stalls } = await basketAcrossThreeStalls();
    const merchant = stalls[1]!.merchant;
    const account = await accountOf(merchant.id);
    await server.stripeSandbox!.setAccountState(account, "restricted");
    await db.payoutAccount.update({ where: { userId: merchant.id }, data: { status: "RESTRICTED" } });
    await pay(order);
    await sentTransfers(order.id, 2);
    const waiting = await db.stallTransfer.findUniqueOrThrow({
      where: { orderId_stallId: { orderId: order.id, stallId: stalls[1]!.stall.id } },
    });
    expect(waiting).toMatchObject({ status: "WAITING", stripeAccountId: null });
    await server.holdSweeper.runOnce();
    expect((await db.stallTransfer.findUniqueOrThrow({ where: { id: waiting.id } })).status).toBe("WAITING");

    await server.stripeSandbox!.setAccountState(account, "active");
    await db.payoutAccount.update({ where: { userId: merchant.id }, data: { status: "ACTIVE" } });
    await server.holdSweeper.runOnce();
    await sentTransfers(order.id, 3);
    await expectOneTransferPerStall(order.id, stalls);
  });

  it("Stripe's account restricted before our Connect event came: refused for capabilities, the row waits", async () => {
    const { order, stalls } = await basketAcrossThreeStalls();
    const account = await accountOf(stalls[0]!.merchant.id);
    // Restricted at Stripe, its account.updated not sent yet: our PayoutAccount still says ACTIVE.
    const stored = await db.stripeSandboxObject.findUniqueOrThrow({ where: { id: account } });
    const restricted = accountInState(JSON.parse(stored.json) as Stripe.Account, "restricted");
    await db.stripeSandboxObject.update({
      where: { id: account },
      data: { json: JSON.stringify(restricted), status: "restricted" },
    });
    await pay(order);
    await sentTransfers(order.id, 2);
    const row = await db.stallTransfer.findUniqueOrThrow({
      where: { orderId_stallId: { orderId: order.id, stallId: stalls[0]!.stall.id } },
    });
    expect(row.status).toBe("WAITING");
    expect(row.lastError).toMatch(/capabilities/);
    // Stripe was asked under the row's key: its amount must not change. A line refused meanwhile
    // is taken back by a reversal once the transfer is made, not off the transfer.
    const line = (await orderOf(order.id)).lines.find((l) => l.stallId === stalls[0]!.stall.id)!;
    await app().setOrderLineStatus({ lineId: line.id, merchantId: stalls[0]!.merchant.id, status: "REFUSED", now: T0 });
    expect((await db.stallTransfer.findUniqueOrThrow({ where: { id: row.id } })).amountCents).toBe(row.amountCents);
    expect(await db.transferReversal.findUniqueOrThrow({ where: { key: `line:${line.id}` } })).toMatchObject({
      status: "PENDING",
    });
  });

  it("Stripe unreachable at payment: nothing lost, the sweeper reads the charge and sends each transfer once", async () => {
    const { order, stalls } = await basketAcrossThreeStalls();
    const port = Number(new URL(server.url).port);
    app().configureStripeSandbox({ host: "127.0.0.1", port: 9, protocol: "http" });
    try {
      const session = await pay(order);
      const { event } = await sink.waitFor("checkout.session.completed", session.id);
      // The webhook answered: transferOrder could not read the charge, no row written.
      await eventually(() =>
        db.stripeSandboxDelivery.findFirst({ where: { eventId: event.id, deliveredAt: { not: null } } }),
      );
      expect((await orderOf(order.id)).status).toBe("PAID");
      expect(await db.stallTransfer.count({ where: { orderId: order.id } })).toBe(0);
      await server.holdSweeper.runOnce();
      expect(await db.stallTransfer.count({ where: { orderId: order.id } })).toBe(0);
    } finally {
      app().configureStripeSandbox({ host: "127.0.0.1", port, protocol: "http" });
    }
    server.clock.set(new Date(T0.getTime() + 60_000));
    await server.holdSweeper.runOnce();
    await sentTransfers(order.id, 3);
    await expectOneTransferPerStall(order.id, stalls);
  });

  it("Stripe unreachable for a transfer and a reversal, then back: each made once by the sweeper", async () => {
    const { order, stalls, candle } = await basketAcrossThreeStalls();
    const merchant = stalls[1]!.merchant;
    await db.payoutAccount.update({ where: { userId: merchant.id }, data: { status: "RESTRICTED" } });
    await pay(order);
    await sentTransfers(order.id, 2);
    const line = (await orderOf(order.id)).lines.find((l) => l.productId === candle.id)!;
    const port = Number(new URL(server.url).port);
    app().configureStripeSandbox({ host: "127.0.0.1", port: 9, protocol: "http" });
    try {
      await db.payoutAccount.update({ where: { userId: merchant.id }, data: { status: "ACTIVE" } });
      const run = await server.holdSweeper.runOnce();
      expect(run.transfers.map((t) => t.status)).toEqual(["PENDING"]);
      // Too soon: a transfer just tried is left alone.
      server.clock.set(new Date(T0.getTime() + 10_000));
      expect((await server.holdSweeper.runOnce()).transfers).toEqual([]);
    } finally {
      app().configureStripeSandbox({ host: "127.0.0.1", port, protocol: "http" });
    }
    server.clock.set(new Date(T0.getTime() + 60_000));
    await server.holdSweeper.runOnce();
    await sentTransfers(order.id, 3);
    await expectOneTransferPerStall(order.id, stalls);

    app().configureStripeSandbox({ host: "127.0.0.1", port: 9, protocol: "http" });
    try {
      await app().setOrderLineStatus({
        lineId: line.id,
        merchantId: merchant.id,
        status: "REFUSED",
        now: server.clock.now(),
      });
    } finally {
      app().configureStripeSandbox({ host: "127.0.0.1", port, protocol: "http" });
    }
    const waiting = await db.transferReversal.findUniqueOrThrow({ where: { key: `line:${line.id}` } });
    expect(waiting).toMatchObject({ status: "PENDING", attempts: 0 });
    expect(waiting.lastError).toMatch(/^unreachable/);
    server.clock.set(new Date(T0.getTime() + 120_000));
    await server.holdSweeper.runOnce();
    await server.holdSweeper.runOnce();
    const done = await db.transferReversal.findUniqueOrThrow({ where: { id: waiting.id } });
    expect(done).toMatchObject({ status: "SUCCEEDED", amountCents: lineReversalCents(line, 1000) });
    const transfer = await stripe().transfers.retrieve(
      (await db.stallTransfer.findUniqueOrThrow({ where: { id: done.transferId } })).stripeTransferId!,
    );
    expect(transfer.reversals.data.map((r) => r.amount)).toEqual([done.amountCents]);
  });
});

// The sandbox itself, through the SDK.
describe("sandbox transfers", () => {
  it("refuses an unknown destination, a charge's funds spent twice, a bad currency; lists by transfer_group", async () => {
    const { order, stalls } = await basketAcrossThreeStalls();
    await pay(order);
    await sentTransfers(order.id, 3);
    const paid = await db.order.findUniqueOrThrow({ where: { id: order.id } });
    const account = await accountOf(stalls[0]!.merchant.id);
    const refusal = (promise: Promise<unknown>) =>
      promise.then(
        () => null,
        (error: Stripe.errors.StripeError) => ({ type: error.type, code: error.code, status: error.statusCode }),
      );
    expect(
      await refusal(stripe().transfers.create({ amount: 100, currency: "eur", destination: "acct_nope" })),
    ).toEqual({
      type: "StripeInvalidRequestError",
      code: "resource_missing",
      status: 404,
    });
    expect(
      await refusal(
        stripe().transfers.create({
          amount: order.totalCents,
          currency: "eur",
          destination: account,
          source_transaction: paid.chargeId!,
        }),
      ),
    ).toMatchObject({ code: "balance_insufficient", status: 400 });
    expect(
      await refusal(stripe().transfers.create({ amount: 100, currency: "usd", destination: account })),
    ).toMatchObject({
      status: 400,
    });
    expect(
      await refusal(stripe().transfers.create({ amount: 0, currency: "eur", destination: account })),
    ).toMatchObject({
      code: "parameter_invalid_integer",
    });
    const page = await stripe().transfers.list({ transfer_group: order.id, limit: 2 });
    expect(page).toMatchObject({ object: "list", has_more: true });
    expect(page.data).toHaveLength(2);
  });
});
