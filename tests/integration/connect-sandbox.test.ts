// The Stripe sandbox's connected accounts through the official SDK: created with controller
// properties equivalent to Express, in Stripe's shape (compared with the published examples),
// idempotent, moved between states with account.updated / capability.updated delivered to the
// Connect endpoint only, signed with the Connect secret, and retried until it answers.
import { createServer as createHttpServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getStripe, SANDBOX_CONNECT_WEBHOOK_SECRET, SANDBOX_WEBHOOK_SECRET } from "~/utils/stripe.server";
import { startTestServer, type TestServer } from "../setup/server";
import { compareWithFixture } from "../setup/stripe-shapes";
import { eventually } from "../setup/wait";

/** An endpoint that checks each signature with the SDK and the given secret. */
class Receiver {
  received: { event: Stripe.Event; raw: string }[] = [];
  refused = 0;
  statuses: number[] = [];
  server: Server;
  constructor(private readonly secret: string) {
    this.server = createHttpServer((req, res) => {
      let raw = "";
      req.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
      req.on("end", () => {
        const status = this.statuses.shift() ?? 200;
        if (status !== 200) {
          this.refused++;
          res.writeHead(status).end();
          return;
        }
        try {
          const event = Stripe.webhooks.constructEvent(raw, String(req.headers["stripe-signature"]), this.secret);
          this.received.push({ event, raw });
          res.writeHead(200).end();
        } catch {
          this.refused++;
          res.writeHead(400).end();
        }
      });
    });
  }
  async listen(pathname: string) {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${pathname}`;
  }
  ofAccount(id: string, type?: string) {
    return this.received.filter((r) => r.event.account === id && (!type || r.event.type === type));
  }
}

const platform = new Receiver(SANDBOX_WEBHOOK_SECRET);
const connect = new Receiver(SANDBOX_CONNECT_WEBHOOK_SECRET);
let server: TestServer;
let stripe: Stripe;

beforeAll(async () => {
  const webhookUrl = await platform.listen("/webhooks/stripe");
  const connectWebhookUrl = await connect.listen("/webhooks/stripe-connect");
  server = await startTestServer({ stripeSandbox: { webhookUrl, connectWebhookUrl, retryDelaysMs: [60_000] } });
  stripe = getStripe();
});
afterAll(async () => {
  await server.close();
  platform.server.close();
  connect.server.close();
});

const EXPRESS_LIKE: Stripe.AccountCreateParams = {
  controller: {
    stripe_dashboard: { type: "express" },
    fees: { payer: "application" },
    losses: { payments: "application" },
    requirement_collection: "stripe",
  },
  country: "FR",
  email: "marchande@example.test",
  capabilities: { transfers: { requested: true } },
  metadata: { user_id: "u_1" },
};

describe("connected accounts", () => {
  it("creates an Express-like FR account with transfers requested, in Stripe's shape", async () => {
    const account = await stripe.accounts.create(EXPRESS_LIKE);
    expect(account.id).toMatch(/^acct_1[0-9A-Za-z]{16}$/);
    expect(account).toMatchObject({
      object: "account",
      country: "FR",
      email: "marchande@example.test",
      metadata: { user_id: "u_1" },
      details_submitted: false,
      payouts_enabled: false,
      capabilities: { transfers: "inactive" },
      controller: {
        type: "application",
        is_controller: true,
        fees: { payer: "application" },
        losses: { payments: "application" },
        requirement_collection: "stripe",
        stripe_dashboard: { type: "express" },
      },
    });
    expect(account.requirements?.currently_due).toContain("external_account");
    const retrieved = await stripe.accounts.retrieve(account.id);
    expect(retrieved).toEqual(account);
    const plain = (o: object) => JSON.parse(JSON.stringify(o)) as Record<string, unknown>;
    const capability = await stripe.accounts.retrieveCapability(account.id, "transfers");
    expect(capability).toMatchObject({ id: "transfers", account: account.id, requested: true, status: "inactive" });
    expect([
      // Stripe lists only the capabilities requested: this account asked for transfers alone.
      ...compareWithFixture("account", "Accounts.d.ts", plain(retrieved)).filter(
        (p) => p !== "account.capabilities.card_payments is missing",
      ),
      ...compareWithFixture("capability", "Capabilities.d.ts", plain(capability)),
    ]).toEqual([]);
  });

  it("replays a creation under the same idempotency key, and refuses other parameters under it", async () => {
    const first = await stripe.accounts.create(EXPRESS_LIKE, { idempotencyKey: "payout-account-u_2" });
    const again = await stripe.accounts.create(EXPRESS_LIKE, { idempotencyKey: "payout-account-u_2" });
    expect(again.id).toBe(first.id);
    await expect(
      stripe.accounts.create(
        { ...EXPRESS_LIKE, email: "autre@example.test" },
        { idempotencyKey: "payout-account-u_2" },
      ),
    ).rejects.toMatchObject({ type: "StripeIdempotencyError" });
  });

  it("refuses what it does not emulate, and unknown accounts, with Stripe's errors", async () => {
    await expect(stripe.accounts.create({ ...EXPRESS_LIKE, country: "US" })).rejects.toMatchObject({
      type: "StripeInvalidRequestError",
      param: "country",
    });
    await expect(
      stripe.accounts.create({
        ...EXPRESS_LIKE,
        controller: { ...EXPRESS_LIKE.controller, losses: { payments: "stripe" } },
      }),
    ).rejects.toMatchObject({ type: "StripeInvalidRequestError", param: "controller[losses][payments]" });
    await expect(stripe.accounts.retrieve("acct_1NotAnAccount0000")).rejects.toMatchObject({
      type: "StripePermissionError",
      code: "account_invalid",
    });
  });

  it("moves an account between states and tells the Connect endpoint only, signed with its secret", async () => {
    const account = await stripe.accounts.create(EXPRESS_LIKE);
    await server.stripeSandbox!.setAccountState(account.id, "verifying");
    const verifying = await stripe.accounts.retrieve(account.id);
    expect(verifying).toMatchObject({
      details_submitted: true,
      capabilities: { transfers: "pending" },
      requirements: { currently_due: [], disabled_reason: "requirements.pending_verification" },
    });
    await server.stripeSandbox!.setAccountState(account.id, "active");
    expect(await stripe.accounts.retrieve(account.id)).toMatchObject({
      capabilities: { transfers: "active" },
      payouts_enabled: true,
      requirements: { currently_due: [], past_due: [], disabled_reason: null },
    });
    await server.stripeSandbox!.setAccountState(account.id, "restricted");
    expect(await stripe.accounts.retrieve(account.id)).toMatchObject({
      capabilities: { transfers: "inactive" },
      payouts_enabled: false,
      requirements: { past_due: ["individual.verification.document"], disabled_reason: "requirements.past_due" },
    });
    // Same state again: nothing changes, nothing is sent.
    await server.stripeSandbox!.setAccountState(account.id, "restricted");

    await eventually(() => connect.ofAccount(account.id).length === 6 || undefined);
    const types = connect.ofAccount(account.id).map((r) => r.event.type);
    expect(types.filter((t) => t === "account.updated")).toHaveLength(3);
    expect(types.filter((t) => t === "capability.updated")).toHaveLength(3);
    const capabilityEvent = connect.ofAccount(account.id, "capability.updated")[0];
    expect(capabilityEvent.event.data.object).toMatchObject({
      object: "capability",
      id: "transfers",
      status: "pending",
    });
    expect(capabilityEvent.event.data.previous_attributes).toEqual({ status: "inactive" });
    const raw = JSON.parse(connect.ofAccount(account.id, "account.updated")[0].raw) as Record<string, unknown>;
    expect(raw.account).toBe(account.id);
    expect(compareWithFixture("event", "Events.d.ts", raw)).toEqual([]);
    expect(platform.received.filter((r) => r.event.account === account.id)).toEqual([]);
    expect(connect.refused).toBe(0);
  });

  it("retries a Connect event the endpoint did not take", async () => {
    const account = await stripe.accounts.create(EXPRESS_LIKE);
    connect.statuses.push(500, 500);
    await server.stripeSandbox!.setAccountState(account.id, "active");
    await eventually(() => (connect.refused >= 2 ? true : undefined));
    expect(connect.ofAccount(account.id)).toHaveLength(0);
    server.clock.advance(61_000);
    await server.stripeSandbox!.runOnce();
    await eventually(() => connect.ofAccount(account.id).length === 2 || undefined);
  });
});
