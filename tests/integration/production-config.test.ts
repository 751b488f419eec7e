// The real server process (server/index.ts, as `npm run serve` starts it) in production: without
// Stripe keys it must refuse to start with one clear line, since the sandbox's key and webhook
// secret are published in this repository; a public demo says so with STRIPE_SANDBOX=1, and then
// its pages say that payments are not real.
import { spawn } from "node:child_process";
import path from "node:path";
import pg from "pg";
import Stripe from "stripe";
import { SANDBOX_API_KEY, SANDBOX_WEBHOOK_SECRET } from "~/utils/stripe.server";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../prisma/seed";
import { createTestDatabase } from "../setup/database";
import { TestClient } from "../setup/server";
import { freePort } from "../setup/ports";

const root = path.resolve(import.meta.dirname, "../..");

type Run = { code: number | null; stdout: string; stderr: string };

/** Only what a production host would set: nothing of this test process's own settings. */
function productionEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "production",
    SESSION_SECRET: "a-production-secret-of-enough-length",
    PUBLIC_URL: "https://noel.example.test",
    // This file's own database (tests/setup/vitest.setup.ts); the seeding test makes a fresh one.
    DATABASE_URL: process.env.DATABASE_URL,
    HOST: "127.0.0.1",
    LOG_REQUESTS: "0",
    SEED_DEMO: "never",
    ...extra,
  };
}

/**
 * Starts `node --import tsx server/index.ts`. Resolves when it exits, or, once it prints its
 * serving line, after `whileServing` ran (the process is then stopped with SIGTERM).
 */
function serve(env: NodeJS.ProcessEnv, whileServing?: () => Promise<void>, script = "server/index.ts"): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script], { cwd: root, env });
    const run: Run = { code: null, stdout: "", stderr: "" };
    let serving = false;
    child.stdout.on("data", (chunk: Buffer) => {
      run.stdout += chunk.toString("utf8");
      if (!serving && run.stdout.includes("Chalet is serving")) {
        serving = true;
        (whileServing ?? (async () => undefined))().then(
          () => child.kill("SIGTERM"),
          (error: unknown) => {
            child.kill("SIGKILL");
            reject(error instanceof Error ? error : new Error(String(error)));
          },
        );
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (run.stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ ...run, code }));
  });
}

/** Each test starts whole processes (tsx compiling the server) on a shared two-core machine. */
const SPAWN_TIMEOUT_MS = 60_000;

const lines = (text: string) => text.split("\n").filter((line) => line.trim() !== "");

it(
  "production without Stripe keys refuses to start, with one line naming what to set",
  async () => {
    const run = await serve(productionEnv({}));
    expect(run.code).not.toBe(0);
    expect(run.stdout).not.toContain("Chalet is serving");
    expect(lines(run.stderr)).toEqual([
      expect.stringMatching(
        /STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET and STRIPE_CONNECT_WEBHOOK_SECRET must be set in production.*STRIPE_SANDBOX=1/,
      ),
    ]);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  },
  SPAWN_TIMEOUT_MS,
);

it(
  "`npm start`'s set-up step refuses the same way, before touching the database",
  async () => {
    const run = await serve(productionEnv({}), undefined, "prisma/setup.ts");
    expect(run.code).not.toBe(0);
    expect(lines(run.stderr)).toEqual([
      expect.stringMatching(
        /^Chalet cannot start: STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET and STRIPE_CONNECT_WEBHOOK_SECRET/,
      ),
    ]);
  },
  SPAWN_TIMEOUT_MS,
);

it(
  "pool settings out of range stop the start with one line naming them",
  async () => {
    const run = await serve(
      productionEnv({ STRIPE_SANDBOX: "1", DATABASE_POOL_MAX: "0", DATABASE_POOL_TIMEOUT_MS: "soon" }),
    );
    expect(run.code).not.toBe(0);
    expect(lines(run.stderr)).toEqual([
      expect.stringMatching(
        /^Chalet cannot start: Invalid environment: DATABASE_POOL_MAX: .*1.*; DATABASE_POOL_TIMEOUT_MS: /,
      ),
    ]);
  },
  SPAWN_TIMEOUT_MS,
);

it(
  "a DATABASE_URL that is not PostgreSQL's stops the start with one line",
  async () => {
    for (const script of ["server/index.ts", "prisma/setup.ts"]) {
      const run = await serve(
        productionEnv({ STRIPE_SANDBOX: "1", DATABASE_URL: "file:./data/chalet.db" }),
        undefined,
        script,
      );
      expect(run.code).not.toBe(0);
      expect(lines(run.stderr)).toEqual([
        expect.stringMatching(/^Chalet cannot start: Invalid environment: DATABASE_URL: must be a PostgreSQL URL/),
      ]);
    }
  },
  SPAWN_TIMEOUT_MS,
);

it(
  "a PostgreSQL server that does not answer stops the start with one line naming it",
  async () => {
    const port = await freePort(); // nothing listens there
    for (const script of ["server/index.ts", "prisma/setup.ts"]) {
      const env = productionEnv({
        STRIPE_SANDBOX: "1",
        DATABASE_URL: `postgresql://postgres:secret@127.0.0.1:${port}/chalet`,
      });
      const run = await serve(env, undefined, script);
      expect(run.code).not.toBe(0);
      expect(run.stdout).not.toContain("Chalet is serving");
      expect(lines(run.stderr)).toEqual([
        expect.stringMatching(
          new RegExp(
            `^Chalet cannot start: the database at 127\\.0\\.0\\.1:${port}/chalet \\(DATABASE_URL\\) cannot be used: .*ECONNREFUSED`,
          ),
        ),
      ]);
      // The password is not printed.
      expect(run.stderr).not.toContain("secret");
    }
  },
  SPAWN_TIMEOUT_MS,
);

it(
  "production with a key but no webhook secrets refuses to start too",
  async () => {
    const run = await serve(productionEnv({ STRIPE_SECRET_KEY: "sk_live_abc123" }));
    expect(run.code).not.toBe(0);
    expect(lines(run.stderr)).toEqual([
      expect.stringMatching(/STRIPE_WEBHOOK_SECRET and STRIPE_CONNECT_WEBHOOK_SECRET must be set in production/),
    ]);
  },
  SPAWN_TIMEOUT_MS,
);

it(
  "STRIPE_SANDBOX=1 together with a Stripe key is refused as ambiguous",
  async () => {
    const run = await serve(
      productionEnv({
        STRIPE_SANDBOX: "1",
        STRIPE_SECRET_KEY: "sk_test_abc123",
        STRIPE_WEBHOOK_SECRET: "whsec_abc12345",
      }),
    );
    expect(run.code).not.toBe(0);
    expect(lines(run.stderr)).toEqual([expect.stringMatching(/STRIPE_SANDBOX=1 and STRIPE_SECRET_KEY are both set/)]);
  },
  SPAWN_TIMEOUT_MS,
);

it(
  "production with STRIPE_SANDBOX=1 starts, warns, says payments are not real, and ignores the published credentials",
  async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    let home = "";
    let api: Response | null = null;
    let webhook: Response | null = null;
    const run = await serve(productionEnv({ STRIPE_SANDBOX: "1", PORT: String(port) }), async () => {
      home = await (await fetch(`${base}/`)).text();
      // The sandbox's key and webhook secret are in this repository: a public demo uses its own.
      api = await fetch(`${base}/v1/checkout/sessions`, {
        method: "POST",
        headers: { Authorization: `Bearer ${SANDBOX_API_KEY}`, "Content-Type": "application/x-www-form-urlencoded" },
        body: "mode=payment",
      });
      const event = JSON.stringify({
        id: "evt_forged",
        object: "event",
        type: "customer.created",
        data: { object: {} },
      });
      webhook = await fetch(`${base}/webhooks/stripe`, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "Stripe-Signature": Stripe.webhooks.generateTestHeaderString({
            payload: event,
            secret: SANDBOX_WEBHOOK_SECRET,
          }),
        },
        body: event,
      });
    });
    expect(run.stdout).toContain("Chalet is serving");
    expect(run.stderr).toContain("Payments are NOT real");
    expect(home).toContain("les paiements de ce site ne sont pas réels");
    expect(api!.status).toBe(401);
    expect(webhook!.status).toBe(400);
  },
  SPAWN_TIMEOUT_MS,
);

it(
  "production with real Stripe keys starts, and says nothing of fake payments",
  async () => {
    const port = await freePort();
    let home = "";
    const run = await serve(
      productionEnv({
        STRIPE_SECRET_KEY: "sk_test_abc123",
        STRIPE_WEBHOOK_SECRET: "whsec_abc12345",
        STRIPE_CONNECT_WEBHOOK_SECRET: "whsec_connect_abc12345",
        PORT: String(port),
      }),
      async () => {
        home = await (await fetch(`http://127.0.0.1:${port}/`)).text();
      },
    );
    expect(run.stdout).toContain("Chalet is serving");
    expect(run.stderr).not.toContain("Payments are NOT real");
    expect(home).toContain("<html");
    expect(home).not.toContain("ne sont pas réels");
  },
  SPAWN_TIMEOUT_MS,
);

it(
  "a production demo (STRIPE_SANDBOX=1) set up by `npm start`'s steps takes a buyer through the sandbox to a paid order",
  async () => {
    // A fresh database, migrated and seeded by prisma/setup.ts as `npm start` does.
    const env = productionEnv({
      STRIPE_SANDBOX: "1",
      DATABASE_URL: await createTestDatabase("production-demo"),
      SEED_DEMO: "auto",
    });
    const setup = await serve(env, undefined, "prisma/setup.ts");
    expect(setup).toMatchObject({ code: 0 });
    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    const {
      rows: [product],
    } = await client.query<{ id: string; marketId: string }>(
      `SELECT p.id, s."marketId" FROM "Product" p JOIN "Stall" s ON s.id = p."stallId" JOIN "Market" m ON m.id = s."marketId"
        WHERE p.stock > 0 AND p.active AND s.status = 'APPROVED' AND m.name LIKE 'Marché de Noël virtuel%' LIMIT 1`,
    );
    if (!product) throw new Error("the seeded demo has no product to buy");
    // The demo market hands its orders at the town hall square: the buyer picks a slot to come.
    const {
      rows: [slot],
    } = await client.query<{ id: string }>(
      `SELECT ps.id FROM "PickupSlot" ps JOIN "StallPickupPoint" sp ON sp."pickupPointId" = ps."pickupPointId"
        JOIN "Product" p ON p."stallId" = sp."stallId"
        WHERE p.id = $1 AND ps."startsAt" > now() AND ps.booked < ps.capacity ORDER BY ps."startsAt" LIMIT 1`,
      [product.id],
    );
    await client.end();
    if (!slot) throw new Error("the seeded demo has no pickup slot to come for that product");

    const port = await freePort();
    let payment: { status: number; location: string | null; page: string; paid: string } | null = null;
    await serve({ ...env, PORT: String(port) }, async () => {
      const buyer = new TestClient(`http://127.0.0.1:${port}`);
      const login = await buyer.post("/login", { email: DEMO_ACCOUNTS.resident.email, password: DEMO_PASSWORD });
      expect(login.status).toBe(302);
      expect((await buyer.post("/basket", { intent: "add", productId: product.id, quantity: "1" })).status).toBe(200);
      const checkout = await buyer.post("/basket", {
        intent: "checkout",
        marketId: product.marketId,
        pickupSlotId: slot.id,
      });
      const location = checkout.headers.get("Location");
      // The page is on PUBLIC_URL (the proxy's address): asked here through this server.
      const pagePath = location ? new URL(location).pathname : "/";
      const page = await (await fetch(`http://127.0.0.1:${port}${pagePath}`)).text();
      // Paid with the test card: the event, signed with this process's own secret, makes the order PAID.
      const card = {
        method: "card",
        email: "lucas@example.test",
        number: "4242 4242 4242 4242",
        expiry: "12 / 34",
        cvc: "123",
      };
      const paid = await fetch(`http://127.0.0.1:${port}${pagePath}/pay`, {
        method: "POST",
        body: new URLSearchParams(card),
        redirect: "manual",
      });
      expect(paid.status).toBe(303);
      const status = await vi.waitFor(
        async () => {
          const reader = new pg.Client({ connectionString: env.DATABASE_URL });
          await reader.connect();
          const { rows } = await reader.query<{ status: string }>(
            `SELECT status FROM "Order" ORDER BY "createdAt" DESC LIMIT 1`,
          );
          await reader.end();
          if (rows[0]?.status !== "PAID") throw new Error(`order ${rows[0]?.status}`);
          return rows[0].status;
        },
        { timeout: 10_000, interval: 50 },
      );
      payment = { status: checkout.status, location, page, paid: status };
    });
    expect(payment).toMatchObject({
      status: 303,
      location: expect.stringMatching(/^https:\/\/noel\.example\.test\/sandbox\/checkout\/cs_test_/),
    });
    expect(payment!.page).toContain("Démonstration\u00a0: ce paiement n’est pas réel");
    expect(payment!.paid).toBe("PAID");
  },
  SPAWN_TIMEOUT_MS,
);
