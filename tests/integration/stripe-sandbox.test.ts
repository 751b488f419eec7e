// The Stripe sandbox through the official SDK, as the app will use it: Checkout Sessions,
// refunds, Stripe's errors and idempotency, the hosted page, and signed webhooks with retries
// that survive a restart. Objects are compared with Stripe's published fixtures. Its API key is
// public, so it serves only this app: sessions for its orders awaiting payment, returning to it.
import { readFileSync } from "node:fs";
import { createServer as createHttpServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import Stripe from "stripe";
import type { ChaletServer } from "../../server/index";
import { startTestServer, TestClock } from "../setup/server";
import { createMarketScene, createPayoutAccount, createProduct, createUser } from "../fixtures/factories";
import { reserve } from "../fixtures/payments";
import { releaseOrder } from "~/models/order-checkout.server";
import { db } from "~/utils/db.server";
import { getStripe, SANDBOX_WEBHOOK_SECRET } from "~/utils/stripe.server";
import { eventually } from "../setup/wait";

type Received = { event: Stripe.Event; raw: string };

/** A webhook endpoint that checks each signature with the SDK and answers what the test says. */
class Receiver {
  received: Received[] = [];
  /** Answers to give the deliveries about one object (by its id), in turn; anything else gets 200. */
  refusals = new Map<string, number[]>();
  server: Server;
  constructor() {
    this.server = createHttpServer((req, res) => {
      let raw = "";
      req.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
      req.on("end", () => {
        // Keyed by the event's object: another test's event retried meanwhile is not taken for it.
        const objectId = (JSON.parse(raw) as { data?: { object?: { id?: string } } }).data?.object?.id ?? "";
        const status = this.refusals.get(objectId)?.shift() ?? 200;
        if (status === 200) {
          // Throws (and the test fails) unless the signature is Stripe's, made with our secret.
          const event = Stripe.webhooks.constructEvent(
            raw,
            String(req.headers["stripe-signature"]),
            SANDBOX_WEBHOOK_SECRET,
          );
          this.received.push({ event, raw });
        }
        res.writeHead(status).end();
      });
    });
  }
  async listen() {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhooks/stripe`;
  }
  ofType(type: string) {
    return this.received.filter((r) => r.event.type === type);
  }
}

const clock = new TestClock(new Date());
const receiver = new Receiver();
let webhookUrl = "";
let server: ChaletServer;
let stripe: Stripe;

async function start() {
  server = await startTestServer({
    clock,
    stripeSandbox: { webhookUrl, retryDelaysMs: [60_000, 120_000], settleAfterMs: 1_000 },
  });
  stripe = getStripe();
}

beforeAll(async () => {
  webhookUrl = await receiver.listen();
  await start();
});
afterAll(async () => {
  await server.close();
  receiver.server.close();
});

const nowS = () => Math.floor(clock.now().getTime() / 1000);

/** An order of this app awaiting payment: 2 × Vin chaud at 4,50 € and 1 × Couronne de sapin at 12 €. */
async function reservedOrder() {
  const scene = await createMarketScene(clock.now());
  const mulledWine = await createProduct(scene.stall.id, { name: "Vin chaud", priceCents: 450 });
  const wreath = await createProduct(scene.stall.id, { name: "Couronne de sapin", priceCents: 1200 });
  const buyer = await createUser();
  const lines = [
    { productId: mulledWine.id, quantity: 2 },
    { productId: wreath.id, quantity: 1 },
  ];
  return reserve({ buyerId: buyer.id, marketId: scene.market.id, lines }, clock.now());
}

/** A session for a fresh order of this app (unless `overrides` names another). */
async function createSession(
  overrides: Partial<Stripe.Checkout.SessionCreateParams> = {},
  options?: Stripe.RequestOptions,
) {
  const order = await reservedOrder();
  return stripe.checkout.sessions.create(
    {
      mode: "payment",
      line_items: [
        { quantity: 2, price_data: { currency: "eur", unit_amount: 450, product_data: { name: "Vin chaud" } } },
        {
          quantity: 1,
          price_data: { currency: "eur", unit_amount: 1200, product_data: { name: "Couronne de sapin" } },
        },
      ],
      metadata: { order_id: order.id },
      customer_email: "lucie@example.test",
      expires_at: nowS() + 45 * 60,
      success_url: `${server.url}/orders/success?session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${server.url}/basket`,
      locale: "fr",
      ...overrides,
    },
    options,
  );
}

async function payOnHostedPage(session: Stripe.Checkout.Session, number: string) {
  const page = new URL(session.url!);
  return fetch(`${server.url}${page.pathname}/pay`, {
    method: "POST",
    body: new URLSearchParams({ method: "card", email: "lucie@example.test", number, expiry: "12 / 34", cvc: "123" }),
    redirect: "manual",
  });
}

describe("Checkout Sessions through the SDK", () => {
  it("creates and retrieves a session with line items, metadata, email and expiry", async () => {
    const expiresAt = nowS() + 45 * 60;
    const session = await createSession({ expires_at: expiresAt });
    expect(session.id).toMatch(/^cs_test_/);
    expect(session).toMatchObject({
      object: "checkout.session",
      status: "open",
      payment_status: "unpaid",
      amount_total: 2100,
      currency: "eur",
      customer_email: "lucie@example.test",
      metadata: { order_id: expect.any(String) },
      expires_at: expiresAt,
      payment_intent: null,
    });
    expect(session.url).toBe(`${server.url}/sandbox/checkout/${session.id}`);

    const again = await stripe.checkout.sessions.retrieve(session.id, { expand: ["line_items"] });
    expect(again.id).toBe(session.id);
    expect(again.line_items?.data.map((item) => [item.description, item.quantity, item.amount_total])).toEqual([
      ["Vin chaud", 2, 900],
      ["Couronne de sapin", 1, 1200],
    ]);
    const items = await stripe.checkout.sessions.listLineItems(session.id);
    expect(items.data).toHaveLength(2);
  });

  it("refuses what Stripe refuses, with Stripe's error classes, codes and params", async () => {
    const tooSoon = await createSession({ expires_at: nowS() + 10 * 60 }).catch((e: unknown) => e);
    expect(tooSoon).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(tooSoon).toMatchObject({ statusCode: 400, param: "expires_at" });
    const tooLate = await createSession({ expires_at: nowS() + 25 * 3600 }).catch((e: unknown) => e);
    expect(tooLate).toMatchObject({ type: "StripeInvalidRequestError", param: "expires_at" });

    const missing = await stripe.checkout.sessions.retrieve("cs_test_nope").catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(missing).toMatchObject({
      statusCode: 404,
      code: "resource_missing",
      message: "No such checkout.session: 'cs_test_nope'",
    });

    const unknown = await createSession({ foo: "bar" } as Partial<Stripe.Checkout.SessionCreateParams>).catch(
      (e: unknown) => e,
    );
    expect(unknown).toMatchObject({ code: "parameter_unknown", param: "foo" });

    const noLines = await createSession({ line_items: [] }).catch((e: unknown) => e);
    expect(noLines).toMatchObject({ code: "parameter_missing", param: "line_items" });

    const wrongKey = new Stripe("sk_test_wrong", {
      host: "127.0.0.1",
      port: new URL(server.url).port,
      protocol: "http",
    });
    const denied = await wrongKey.checkout.sessions.retrieve("cs_test_x").catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
  });

  it("expires a session once, with checkout.session.expired, and refuses to expire it again", async () => {
    const session = await createSession();
    const expired = await stripe.checkout.sessions.expire(session.id);
    expect(expired).toMatchObject({ status: "expired", url: null });
    const second = await stripe.checkout.sessions.expire(session.id).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    const event = await eventually(() =>
      receiver
        .ofType("checkout.session.expired")
        .find((r) => (r.event.data.object as { id: string }).id === session.id),
    );
    expect(event.event.request).toMatchObject({ id: expect.stringMatching(/^req_/) });
    const page = await fetch(session.url!);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain("Cette session de paiement a expiré");
  });

  it("expires sessions past expires_at in the sweep, once", async () => {
    const session = await createSession({ expires_at: nowS() + 30 * 60 });
    clock.advance(31 * 60_000);
    const first = await server.stripeSandbox!.runOnce();
    expect(first.expired).toBeGreaterThanOrEqual(1);
    expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe("expired");
    await eventually(() =>
      receiver
        .ofType("checkout.session.expired")
        .find((r) => (r.event.data.object as { id: string }).id === session.id),
    );
    expect((await server.stripeSandbox!.runOnce()).expired).toBe(0);
  });
});

describe("only for this app: its orders awaiting payment, its own addresses", () => {
  const isRefusal = (error: unknown, param: string) => {
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 400, type: "StripeInvalidRequestError", param });
  };
  const sessionCount = () => db.stripeSandboxObject.count({ where: { type: "checkout.session" } });

  it("refuses a session for no order, a foreign order id, other lines or amounts, or an order not awaiting payment", async () => {
    const before = await sessionCount();
    const order = await reservedOrder();
    const mine = { metadata: { order_id: order.id } };
    const line = (name: string, unit_amount: number, quantity = 1, currency = "eur") => ({
      quantity,
      price_data: { currency, unit_amount, product_data: { name } },
    });
    const refused = async (overrides: Partial<Stripe.Checkout.SessionCreateParams>) =>
      createSession(overrides).then(
        () => null,
        (error: unknown) => error,
      );

    isRefusal(await refused({ metadata: {} }), "metadata[order_id]");
    isRefusal(await refused({ metadata: { order_id: "order_123" } }), "metadata[order_id]");
    isRefusal(await refused({ ...mine, client_reference_id: "order_123" }), "client_reference_id");
    // The same total with a text of the caller's own: the town's domain must not show it.
    isRefusal(await refused({ ...mine, line_items: [line("Gagnez un cadeau sur evil.example", 2100)] }), "line_items");
    // The order's lines, cheaper.
    isRefusal(
      await refused({ ...mine, line_items: [line("Vin chaud", 1, 2), line("Couronne de sapin", 1200)] }),
      "line_items",
    );
    isRefusal(
      await refused({
        ...mine,
        line_items: [line("Vin chaud", 450, 2, "usd"), line("Couronne de sapin", 1200, 1, "usd")],
      }),
      "line_items",
    );
    await releaseOrder(order.id, "CANCELLED", clock.now());
    const released = await refused(mine);
    isRefusal(released, "metadata[order_id]");
    expect((released as Error).message).toContain("not awaiting payment");
    expect(await sessionCount()).toBe(before);
  });

  it("refuses a success_url or cancel_url that leaves this app, and accepts another loopback name of it", async () => {
    const before = await sessionCount();
    const { port } = new URL(server.url);
    const elsewhere = [
      "https://evil.example/merci",
      `http://127.0.0.1:${Number(port) + 1}/basket`,
      `https://127.0.0.1:${port}/basket`,
    ];
    for (const url of elsewhere) {
      const success = await createSession({ success_url: url }).catch((e: unknown) => e);
      isRefusal(success, "success_url");
      expect(success).toMatchObject({ code: "url_invalid" });
      isRefusal(await createSession({ cancel_url: url }).catch((e: unknown) => e), "cancel_url");
    }
    expect(await sessionCount()).toBe(before);
    // The checkout builds its return address from the name the browser used (localhost or 127.0.0.1).
    const local = await createSession({ success_url: `http://localhost:${port}/orders/x?paid=1` });
    expect(local.success_url).toBe(`http://localhost:${port}/orders/x?paid=1`);
  });
});

describe("the hosted payment page", () => {
  it("shows the order in French with the email prefilled, declines 4000…0002, pays with 4242", async () => {
    const session = await createSession();
    const page = await fetch(session.url!);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain("Vin chaud");
    expect(html).toMatch(/21,00\s€/);
    expect(html).toContain('value="lucie@example.test"');
    expect(html).toContain(`href="${server.url}/basket"`);
    // Said first, in words (not colour alone), to screen readers too: this payment is not real.
    expect(html).toMatch(/<p class="banner" role="note">.*Démonstration\u00a0: ce paiement n’est pas réel/);

    const declined = await payOnHostedPage(session, "4000 0000 0000 0002");
    expect(declined.status).toBe(402);
    expect(await declined.text()).toContain("Votre carte a été refusée.");
    expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe("open");

    const paid = await payOnHostedPage(session, "4242 4242 4242 4242");
    expect(paid.status).toBe(303);
    expect(paid.headers.get("location")).toBe(`${server.url}/orders/success?session_id=${session.id}`);

    const done = await stripe.checkout.sessions.retrieve(session.id, { expand: ["payment_intent.latest_charge"] });
    expect(done).toMatchObject({ status: "complete", payment_status: "paid", url: null });
    const intent = done.payment_intent as Stripe.PaymentIntent;
    expect(intent).toMatchObject({ status: "succeeded", amount: 2100, amount_received: 2100 });
    expect(intent.latest_charge).toMatchObject({
      paid: true,
      amount: 2100,
      payment_method_details: { card: { last4: "4242" } },
    });

    const completed = await eventually(() =>
      receiver
        .ofType("checkout.session.completed")
        .find((r) => (r.event.data.object as { id: string }).id === session.id),
    );
    expect(completed.event.data.object).toMatchObject({ payment_status: "paid", metadata: session.metadata });

    const again = await payOnHostedPage(session, "4242 4242 4242 4242");
    expect(again.status).toBe(409);
  });

  it("speaks English when the session's locale asks for it", async () => {
    const session = await createSession({ locale: "en" });
    const declined = await payOnHostedPage(session, "4000000000000002");
    const html = await declined.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("Your card was declined.");
  });

  it("completes a SEPA debit unpaid, then sends async_payment_succeeded when it settles", async () => {
    const session = await createSession({ allowed_payment_method_types: ["card", "sepa_debit"] });
    const response = await fetch(`${server.url}/sandbox/checkout/${session.id}/pay`, {
      method: "POST",
      body: new URLSearchParams({
        method: "sepa_debit",
        email: "lucie@example.test",
        iban: "FR14 2004 1010 0505 0001 3M02 606",
      }),
      redirect: "manual",
    });
    expect(response.status).toBe(303);
    const completed = await eventually(() =>
      receiver
        .ofType("checkout.session.completed")
        .find((r) => (r.event.data.object as { id: string }).id === session.id),
    );
    expect(completed.event.data.object).toMatchObject({ status: "complete", payment_status: "unpaid" });
    clock.advance(2_000);
    await server.stripeSandbox!.runOnce();
    await eventually(() =>
      receiver
        .ofType("checkout.session.async_payment_succeeded")
        .find((r) => (r.event.data.object as { id: string }).id === session.id),
    );
    expect((await stripe.checkout.sessions.retrieve(session.id)).payment_status).toBe("paid");
  });
});

describe("refunds", () => {
  it("refunds once per idempotency key, and sends charge.refunded with the refunded charge", async () => {
    const session = await createSession();
    await payOnHostedPage(session, "4242424242424242");
    const { payment_intent } = await stripe.checkout.sessions.retrieve(session.id);
    const params = { payment_intent: payment_intent as string, amount: 900 };
    const first = await stripe.refunds.create(params, { idempotencyKey: `refund-${session.id}` });
    const second = await stripe.refunds.create(params, { idempotencyKey: `refund-${session.id}` });
    expect(second.id).toBe(first.id);
    expect(first).toMatchObject({ object: "refund", status: "succeeded", amount: 900, payment_intent });
    expect((await stripe.refunds.retrieve(first.id)).id).toBe(first.id);

    const reused = await stripe.refunds
      .create({ ...params, amount: 100 }, { idempotencyKey: `refund-${session.id}` })
      .catch((e: unknown) => e);
    expect(reused).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);

    const refundedEvents = await eventually(() => {
      const list = receiver
        .ofType("charge.refunded")
        .filter((r) => (r.event.data.object as Stripe.Charge).payment_intent === payment_intent);
      return list.length ? list : null;
    });
    expect(refundedEvents).toHaveLength(1);
    expect(refundedEvents[0].event.data.object).toMatchObject({ amount_refunded: 900, refunded: false });

    const rest = await stripe.refunds.create({ payment_intent: payment_intent as string });
    expect(rest.amount).toBe(1200);
    const tooMuch = await stripe.refunds.create({ payment_intent: payment_intent as string }).catch((e: unknown) => e);
    expect(tooMuch).toMatchObject({ code: "charge_already_refunded" });
  });
});

describe("webhook delivery", () => {
  it("tries again after a 500 until the endpoint answers 2xx", async () => {
    const session = await createSession();
    receiver.refusals.set(session.id, [500]);
    await stripe.checkout.sessions.expire(session.id);
    await eventually(() => receiver.refusals.get(session.id)!.length === 0);
    const byId = (r: Received) => (r.event.data.object as { id: string }).id === session.id;
    expect(receiver.received.some(byId)).toBe(false);
    clock.advance(61_000);
    await server.stripeSandbox!.runOnce();
    await eventually(() => receiver.received.find(byId));
    const delivery = await db.stripeSandboxDelivery.findFirstOrThrow({
      where: { eventId: receiver.received.find(byId)!.event.id },
    });
    expect(delivery).toMatchObject({ attempts: 2, lastStatus: 200 });
  });

  it("still delivers a pending event after a restart", async () => {
    const session = await createSession();
    receiver.refusals.set(session.id, [503]);
    await stripe.checkout.sessions.expire(session.id);
    await eventually(() => receiver.refusals.get(session.id)!.length === 0);
    await server.close();
    clock.advance(61_000);
    await start();
    const byId = (r: Received) => (r.event.data.object as { id: string }).id === session.id;
    await eventually(() => receiver.received.find(byId));
  });
});

describe("fidelity to Stripe's published example objects", () => {
  const root = path.resolve(import.meta.dirname, "../..");
  const fixtures = JSON.parse(readFileSync(path.join(root, "tests/fixtures/stripe/fixtures.json"), "utf8")) as Record<
    string,
    Record<string, unknown>
  >;
  const declarations: Record<string, string> = {
    "checkout.session": "Checkout/Sessions.d.ts",
    payment_intent: "PaymentIntents.d.ts",
    charge: "Charges.d.ts",
    refund: "Refunds.d.ts",
    event: "Events.d.ts",
    dispute: "Disputes.d.ts",
    transfer: "Transfers.d.ts",
    transfer_reversal: "TransferReversals.d.ts",
    balance: "Balance.d.ts",
    payout: "Payouts.d.ts",
    balance_transaction: "BalanceTransactions.d.ts",
  };
  const kind = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);

  /** Where the fixture has a value but test mode returns null, the SDK must declare the field nullable. */
  function declaredNullable(object: string, field: string) {
    const file = path.join(root, "node_modules/stripe/esm/resources", declarations[object]);
    return new RegExp(`\\n\\s+${field}\\??: [^;]*\\| null;`).test(readFileSync(file, "utf8"));
  }

  function compare(
    object: string,
    fixture: Record<string, unknown>,
    actual: Record<string, unknown>,
    at = "",
  ): string[] {
    const problems: string[] = [];
    for (const [key, expected] of Object.entries(fixture)) {
      const where = `${object}${at}.${key}`;
      if (!(key in actual)) {
        problems.push(`${where} is missing`);
        continue;
      }
      const value = actual[key];
      if (expected === null) continue;
      if (value === null) {
        if (!declaredNullable(object, key)) problems.push(`${where} is null, the fixture has ${kind(expected)}`);
        continue;
      }
      if (kind(value) !== kind(expected))
        problems.push(`${where} is ${kind(value)}, the fixture has ${kind(expected)}`);
      else if (kind(expected) === "object" && key !== "metadata" && !(object === "event" && key === "data")) {
        problems.push(
          ...compare(object, expected as Record<string, unknown>, value as Record<string, unknown>, `${at}.${key}`),
        );
      }
    }
    return problems;
  }

  it("sessions, payment intents, charges, refunds and events carry every fixture field with its type", async () => {
    const session = await createSession();
    await payOnHostedPage(session, "4242424242424242");
    const paid = await stripe.checkout.sessions.retrieve(session.id);
    const intent = await stripe.paymentIntents.retrieve(paid.payment_intent as string);
    const refund = await stripe.refunds.create({ payment_intent: intent.id, amount: 100 });
    const charge = await stripe.charges.retrieve(intent.latest_charge as string);
    const event = await eventually(() =>
      receiver
        .ofType("checkout.session.completed")
        .find((r) => (r.event.data.object as { id: string }).id === session.id),
    );
    const raw = JSON.parse(event.raw) as Record<string, unknown>;
    const plain = (o: object) => JSON.parse(JSON.stringify(o)) as Record<string, unknown>;
    const problems = [
      ...compare("checkout.session", fixtures["checkout.session"], plain(paid)),
      ...compare("payment_intent", fixtures.payment_intent, plain(intent)),
      ...compare("charge", fixtures.charge, plain(charge)),
      ...compare("refund", fixtures.refund, plain(refund)),
      ...compare("event", fixtures.event, raw),
      ...compare(
        "checkout.session",
        fixtures["checkout.session"],
        (raw.data as { object: Record<string, unknown> }).object,
      ),
    ];
    expect(problems).toEqual([]);
  });
  it("a dispute (card 4000 0000 0000 0259) carries every fixture field with its type", async () => {
    const session = await createSession();
    expect((await payOnHostedPage(session, "4000 0000 0000 0259")).status).toBe(303);
    const paid = await stripe.checkout.sessions.retrieve(session.id, { expand: ["payment_intent"] });
    const intent = paid.payment_intent as Stripe.PaymentIntent;
    const event = await eventually(() =>
      receiver
        .ofType("charge.dispute.created")
        .find((r) => (r.event.data.object as Stripe.Dispute).payment_intent === intent.id),
    );
    const dispute = await stripe.disputes.retrieve((event.event.data.object as Stripe.Dispute).id);
    const raw = JSON.parse(event.raw) as { data: { object: Record<string, unknown> } };
    const plain = (o: object) => JSON.parse(JSON.stringify(o)) as Record<string, unknown>;
    expect([
      ...compare("dispute", fixtures.dispute, plain(dispute)),
      ...compare("dispute", fixtures.dispute, raw.data.object),
    ]).toEqual([]);
  });

  it("transfers, reversals, balances, payouts and balance transactions carry every fixture field with its type", async () => {
    const session = await createSession();
    await payOnHostedPage(session, "4242424242424242");
    const paid = await stripe.checkout.sessions.retrieve(session.id);
    const intent = await stripe.paymentIntents.retrieve(paid.payment_intent as string);
    const merchant = await createUser();
    const { stripeAccountId: account } = await createPayoutAccount(merchant.id, "active");
    const transfer = await stripe.transfers.create({
      amount: 500,
      currency: "eur",
      destination: account,
      source_transaction: intent.latest_charge as string,
      transfer_group: "group_1",
    });
    const reversal = await stripe.transfers.createReversal(transfer.id, { amount: 100 });
    const balance = await stripe.balance.retrieve({}, { stripeAccount: account });
    const payout = await stripe.payouts.create({ amount: 400, currency: "eur" }, { stripeAccount: account });
    const charge = await stripe.charges.retrieve(intent.latest_charge as string);
    const txn = await stripe.balanceTransactions.retrieve(charge.balance_transaction as string);
    const plain = (o: object) => JSON.parse(JSON.stringify(o)) as Record<string, unknown>;
    const problems = [
      ...compare("transfer", fixtures.transfer, plain(await stripe.transfers.retrieve(transfer.id))),
      ...compare("transfer_reversal", fixtures.transfer_reversal, plain(reversal)),
      ...compare("balance", fixtures.balance, plain(balance)),
      ...compare("payout", fixtures.payout, plain(payout)),
      ...compare("balance_transaction", fixtures.balance_transaction, plain(txn)),
    ];
    expect(problems).toEqual([]);
    expect(balance.available).toEqual([{ amount: 400, currency: "eur", source_types: { card: 400 } }]);
    expect((await stripe.balance.retrieve({}, { stripeAccount: account })).available[0]!.amount).toBe(0);
    // A connected account's transaction is not the platform's to read.
    await expect(stripe.balanceTransactions.retrieve(payout.balance_transaction as string)).rejects.toMatchObject({
      code: "resource_missing",
    });
  });
});
