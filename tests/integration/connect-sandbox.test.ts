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

describe("account links, the onboarding page and login links", () => {
  const form = (fields: Record<string, string>) => ({
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url },
    body: new URLSearchParams(fields).toString(),
    redirect: "manual" as const,
  });
  const FILLED = { firstName: "Élise", lastName: "Martin", iban: "FR14 2004 1010 0505 0001 3M02 606" };

  async function link(accountId: string) {
    return stripe.accountLinks.create({
      account: accountId,
      type: "account_onboarding",
      refresh_url: `${server.url}/merchant/payments?refresh=1`,
      return_url: `${server.url}/merchant/payments?return=1`,
    });
  }

  it("makes a 5-minute link to a French onboarding page, back to this app only", async () => {
    const account = await stripe.accounts.create(EXPRESS_LIKE);
    const made = await link(account.id);
    expect(made.expires_at - made.created).toBe(300);
    expect(made.url).toMatch(new RegExp(`^${server.url}/sandbox/connect/onboarding/acctlink_`));
    expect(compareWithFixture("account_link", "AccountLinks.d.ts", JSON.parse(JSON.stringify(made)))).toEqual([]);
    await expect(
      stripe.accountLinks.create({
        account: account.id,
        type: "account_onboarding",
        refresh_url: "https://evil.example/refresh",
        return_url: `${server.url}/merchant/payments`,
      }),
    ).rejects.toMatchObject({ type: "StripeInvalidRequestError", param: "refresh_url" });
    await expect(
      stripe.accountLinks.create({ account: account.id, type: "account_onboarding", return_url: `${server.url}/x` }),
    ).rejects.toMatchObject({ param: "refresh_url" });

    const page = await fetch(made.url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="fr"');
    expect(html).toContain("Démonstration");
    expect(html).toContain('name="outcome" value="complete" checked');
    expect(html).not.toContain("<script");
  });

  it("refuses a form with missing or non-test details, then completes: verifying, then active", async () => {
    const account = await stripe.accounts.create(EXPRESS_LIKE);
    const made = await link(account.id);
    const refused = await fetch(
      made.url,
      form({ firstName: "", lastName: "Martin", iban: "FR76 3000 6000 0112 3456 7890 189" }),
    );
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toMatch(/id="f-firstName"[^>]*aria-invalid="true"/);
    expect(html).toContain("Cet IBAN n’est pas un IBAN de test.");
    expect((await stripe.accounts.retrieve(account.id)).details_submitted).toBe(false);

    const done = await fetch(made.url, form({ ...FILLED, outcome: "complete" }));
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe(`${server.url}/merchant/payments?return=1`);
    expect(await stripe.accounts.retrieve(account.id)).toMatchObject({ capabilities: { transfers: "pending" } });
    // A link is used once: again, the merchant is sent to refresh_url for a new one.
    const again = await fetch(made.url, { redirect: "manual" });
    expect(again.status).toBe(303);
    expect(again.headers.get("location")).toBe(`${server.url}/merchant/payments?refresh=1`);

    server.clock.advance(3_000);
    await server.stripeSandbox!.runOnce();
    expect(await stripe.accounts.retrieve(account.id)).toMatchObject({
      capabilities: { transfers: "active" },
      payouts_enabled: true,
    });
    await eventually(() => connect.ofAccount(account.id, "capability.updated").length === 2 || undefined);
    expect(
      connect.ofAccount(account.id, "capability.updated").map((r) => (r.event.data.object as Stripe.Capability).status),
    ).toEqual(["pending", "active"]);
  });

  it("can leave the account under verification or restricted, as the merchant chose", async () => {
    const verifying = await stripe.accounts.create(EXPRESS_LIKE);
    await fetch((await link(verifying.id)).url, form({ ...FILLED, outcome: "verifying" }));
    const restricted = await stripe.accounts.create(EXPRESS_LIKE);
    await fetch((await link(restricted.id)).url, form({ ...FILLED, outcome: "restricted" }));
    server.clock.advance(60_000);
    await server.stripeSandbox!.runOnce();
    expect(await stripe.accounts.retrieve(verifying.id)).toMatchObject({
      details_submitted: true,
      capabilities: { transfers: "pending" },
    });
    expect(await stripe.accounts.retrieve(restricted.id)).toMatchObject({
      details_submitted: true,
      capabilities: { transfers: "inactive" },
      requirements: { past_due: ["individual.verification.document"] },
    });
  });

  it("sends an expired link to refresh_url", async () => {
    const account = await stripe.accounts.create(EXPRESS_LIKE);
    const made = await link(account.id);
    server.clock.advance(300_000);
    const expired = await fetch(made.url, { redirect: "manual" });
    expect(expired.status).toBe(303);
    expect(expired.headers.get("location")).toBe(`${server.url}/merchant/payments?refresh=1`);
    expect((await fetch(`${server.url}/sandbox/connect/onboarding/acctlink_nope`)).status).toBe(404);
  });

  it("opens the Express dashboard with a login link once onboarding is done", async () => {
    const account = await stripe.accounts.create(EXPRESS_LIKE);
    await expect(stripe.accounts.createLoginLink(account.id)).rejects.toMatchObject({
      type: "StripeInvalidRequestError",
    });
    await server.stripeSandbox!.setAccountState(account.id, "active");
    const login = await stripe.accounts.createLoginLink(account.id);
    expect(compareWithFixture("login_link", "LoginLinks.d.ts", JSON.parse(JSON.stringify(login)))).toEqual([]);
    const page = await fetch(login.url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Actif\u00a0: les virements peuvent vous parvenir");
    expect(html).toContain("Aucun virement pour le moment.");
    server.clock.advance(301_000);
    expect((await fetch(login.url)).status).toBe(404);
  });
});
