// Merchants' connected accounts in the app: one per user (even on a double click), their state
// following Stripe through the Connect endpoint (/webhooks/stripe-connect, its own secret) end to
// end with the sandbox, whatever the events' order or number; forged, stale and malformed
// events refused like payment events, changing nothing.
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensurePayoutAccount, getPayoutAccount } from "~/models/payout-account.server";
import { db } from "~/utils/db.server";
import { SANDBOX_CONNECT_WEBHOOK_SECRET, SANDBOX_WEBHOOK_SECRET, STRIPE_API_VERSION } from "~/utils/stripe.server";
import { createUser } from "../fixtures/factories";
import { startTestServer, type TestServer } from "../setup/server";
import { eventually } from "../setup/wait";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ stripeSandbox: { verifyAfterMs: 1_000 } });
});
afterAll(() => server.close());

async function merchantWithAccount() {
  const user = await createUser({ name: "Élise Martin" });
  const account = await ensurePayoutAccount(user, server.clock.now());
  return { user, account };
}

const statusOf = async (userId: string) => (await getPayoutAccount(userId))?.status;

let eventCounter = 0;
function connectEvent(type: string, account: string, object: object): Stripe.Event {
  return {
    id: `evt_1test${Date.now().toString(36)}${eventCounter++}`,
    object: "event",
    account,
    api_version: STRIPE_API_VERSION,
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  } as unknown as Stripe.Event;
}

async function deliver(
  payload: Stripe.Event | string,
  options: { secret?: string; timestamp?: number; signature?: string | null } = {},
) {
  const raw = typeof payload === "string" ? payload : JSON.stringify(payload, null, 2);
  const signature =
    options.signature !== undefined
      ? options.signature
      : Stripe.webhooks.generateTestHeaderString({
          payload: raw,
          secret: options.secret ?? SANDBOX_CONNECT_WEBHOOK_SECRET,
          timestamp: options.timestamp,
        });
  const headers: Record<string, string> = { "Content-Type": "application/json; charset=utf-8" };
  if (signature !== null) headers["Stripe-Signature"] = signature;
  const response = await fetch(`${server.url}/webhooks/stripe-connect`, { method: "POST", headers, body: raw });
  return { status: response.status, text: await response.text() };
}

describe("a merchant's connected account", () => {
  it("is created once per user, however many ask at once, as Stripe's Express-like FR account", async () => {
    const user = await createUser();
    const made = await Promise.all([1, 2, 3].map(() => ensurePayoutAccount(user, server.clock.now())));
    expect(new Set(made.map((a) => a.stripeAccountId)).size).toBe(1);
    expect(await db.payoutAccount.count({ where: { userId: user.id } })).toBe(1);
    expect(made[0]).toMatchObject({ status: "ONBOARDING", disabledReason: "requirements.past_due" });
    expect(made[0].requirementsDue).toContain("external_account");
    const stripe = new Stripe("sk_test_chalet_sandbox", {
      apiVersion: STRIPE_API_VERSION,
      host: new URL(server.url).hostname,
      port: Number(new URL(server.url).port),
      protocol: "http",
    });
    const account = await stripe.accounts.retrieve(made[0].stripeAccountId);
    expect(account).toMatchObject({
      country: "FR",
      metadata: { user_id: user.id },
      controller: { stripe_dashboard: { type: "express" }, losses: { payments: "application" } },
    });
  });

  it("follows Stripe through the Connect endpoint: verifying, active, restricted", async () => {
    const { user, account } = await merchantWithAccount();
    await server.stripeSandbox!.setAccountState(account.stripeAccountId, "verifying");
    await eventually(async () => (await statusOf(user.id)) === "VERIFYING");
    await server.stripeSandbox!.setAccountState(account.stripeAccountId, "active");
    await eventually(async () => (await statusOf(user.id)) === "ACTIVE");
    expect(await getPayoutAccount(user.id)).toMatchObject({ requirementsDue: [], disabledReason: null });
    await server.stripeSandbox!.setAccountState(account.stripeAccountId, "restricted");
    await eventually(async () => (await statusOf(user.id)) === "RESTRICTED");
    expect(await getPayoutAccount(user.id)).toMatchObject({
      requirementsDue: ["individual.verification.document"],
      disabledReason: "requirements.past_due",
    });
    // Every event the sandbox sent was taken (2xx) by the app's endpoint.
    const deliveries = await db.stripeSandboxDelivery.findMany({ where: { deliveredAt: null, abandonedAt: null } });
    expect(deliveries.filter((d) => d.attempts > 0)).toEqual([]);
  });

  it("keeps the newest state whatever the events' order and number", async () => {
    const { user, account } = await merchantWithAccount();
    await server.stripeSandbox!.setAccountState(account.stripeAccountId, "active");
    await eventually(async () => (await statusOf(user.id)) === "ACTIVE");
    // A late account.updated still showing the account being onboarded (its data is stale), three
    // times at once and once more: the app reads the account again and stays active.
    const late = connectEvent("account.updated", account.stripeAccountId, {
      id: account.stripeAccountId,
      object: "account",
      details_submitted: false,
      capabilities: { transfers: "inactive" },
    });
    const answers = [...(await Promise.all([deliver(late), deliver(late), deliver(late)])), await deliver(late)];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(answers[3].text).toMatch(/^duplicate/);
    expect(await statusOf(user.id)).toBe("ACTIVE");
    const capability = connectEvent("capability.updated", account.stripeAccountId, {
      id: "transfers",
      object: "capability",
      account: account.stripeAccountId,
      status: "pending",
    });
    expect((await deliver(capability)).text).toMatch(/^applied: capability.updated .*\(ACTIVE\)/);
    expect(await statusOf(user.id)).toBe("ACTIVE");
  });

  it("refuses forged, stale and malformed Connect events, and changes nothing", async () => {
    const { user, account } = await merchantWithAccount();
    const event = connectEvent("account.updated", account.stripeAccountId, {
      id: account.stripeAccountId,
      object: "account",
    });
    // The platform endpoint's secret is not the Connect endpoint's.
    const wrongSecret = await deliver(event, { secret: SANDBOX_WEBHOOK_SECRET });
    expect(wrongSecret.status).toBe(400);
    expect(wrongSecret.text).toMatch(/Invalid Stripe signature/);
    const stale = await deliver(event, { timestamp: Math.floor(Date.now() / 1000) - 301 });
    expect(stale.status).toBe(400);
    expect(stale.text).toMatch(/timestamp/i);
    expect((await deliver(event, { signature: null })).status).toBe(400);
    const tampered = JSON.stringify(event).replace(account.stripeAccountId, "acct_1SomeoneElse000000");
    const forged = await deliver(tampered, {
      signature: Stripe.webhooks.generateTestHeaderString({
        payload: JSON.stringify(event),
        secret: SANDBOX_CONNECT_WEBHOOK_SECRET,
      }),
    });
    expect(forged.status).toBe(400);
    const noAccount = { ...event, account: undefined, data: { object: { object: "capability", id: "transfers" } } };
    const malformed = await deliver({ ...noAccount, type: "capability.updated" } as unknown as Stripe.Event);
    expect(malformed.status).toBe(400);
    expect(malformed.text).toMatch(/account/);
    expect((await deliver("not json")).status).toBe(400);
    expect(await db.processedStripeEvent.count({ where: { id: event.id } })).toBe(0);
    expect(await statusOf(user.id)).toBe("ONBOARDING");
    // Get and other methods are refused too.
    expect((await fetch(`${server.url}/webhooks/stripe-connect`)).status).toBe(405);
  });

  it("answers 200 for an account it does not know and for events it does not use", async () => {
    const unknown = await deliver(
      connectEvent("account.updated", "acct_1NotOursAtAll00", { id: "acct_1NotOursAtAll00" }),
    );
    expect(unknown.status).toBe(200);
    expect(unknown.text).toMatch(/account unknown here/);
    const other = await deliver(connectEvent("payout.paid", "acct_1NotOursAtAll00", { id: "po_1" }));
    expect(other).toMatchObject({ status: 200 });
    expect(other.text).toMatch(/^ignored/);
  });
});
