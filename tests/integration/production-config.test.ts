// The real server process (server/index.ts, as `npm run serve` starts it) in production: without
// Stripe keys it must refuse to start with one clear line, since the sandbox's key and webhook
// secret are published in this repository; a public demo says so with STRIPE_SANDBOX=1, and then
// its pages say that payments are not real.
import { spawn } from "node:child_process";
import { createServer as createNetServer } from "node:net";
import path from "node:path";
import { createTestDatabase } from "../setup/database";

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
    DATABASE_URL: createTestDatabase("production-config"),
    HOST: "127.0.0.1",
    LOG_REQUESTS: "0",
    SEED_DEMO: "never",
    ...extra,
  };
}

async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
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

const lines = (text: string) => text.split("\n").filter((line) => line.trim() !== "");

it("production without Stripe keys refuses to start, with one line naming what to set", async () => {
  const run = await serve(productionEnv({}));
  expect(run.code).not.toBe(0);
  expect(run.stdout).not.toContain("Chalet is serving");
  expect(lines(run.stderr)).toEqual([
    expect.stringMatching(/STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET must be set in production.*STRIPE_SANDBOX=1/),
  ]);
  expect(run.stderr).not.toMatch(/\n\s+at /);
});

it("`npm start`'s set-up step refuses the same way, before touching the database", async () => {
  const run = await serve(productionEnv({}), undefined, "prisma/setup.ts");
  expect(run.code).not.toBe(0);
  expect(lines(run.stderr)).toEqual([
    expect.stringMatching(/^Chalet cannot start: STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET/),
  ]);
});

it("production with a key but no webhook secret refuses to start too", async () => {
  const run = await serve(productionEnv({ STRIPE_SECRET_KEY: "sk_live_abc123" }));
  expect(run.code).not.toBe(0);
  expect(lines(run.stderr)).toEqual([expect.stringMatching(/STRIPE_WEBHOOK_SECRET must be set in production/)]);
});

it("STRIPE_SANDBOX=1 together with a Stripe key is refused as ambiguous", async () => {
  const run = await serve(
    productionEnv({
      STRIPE_SANDBOX: "1",
      STRIPE_SECRET_KEY: "sk_test_abc123",
      STRIPE_WEBHOOK_SECRET: "whsec_abc12345",
    }),
  );
  expect(run.code).not.toBe(0);
  expect(lines(run.stderr)).toEqual([expect.stringMatching(/STRIPE_SANDBOX=1 and STRIPE_SECRET_KEY are both set/)]);
});

it("production with STRIPE_SANDBOX=1 starts, warns, and its pages say payments are not real", async () => {
  const port = await freePort();
  let home = "";
  const run = await serve(productionEnv({ STRIPE_SANDBOX: "1", PORT: String(port) }), async () => {
    home = await (await fetch(`http://127.0.0.1:${port}/`)).text();
  });
  expect(run.stdout).toContain("Chalet is serving");
  expect(run.stderr).toContain("Payments are NOT real");
  expect(home).toContain("les paiements de ce site ne sont pas réels");
});

it("production with real Stripe keys starts, and says nothing of fake payments", async () => {
  const port = await freePort();
  let home = "";
  const run = await serve(
    productionEnv({ STRIPE_SECRET_KEY: "sk_test_abc123", STRIPE_WEBHOOK_SECRET: "whsec_abc12345", PORT: String(port) }),
    async () => {
      home = await (await fetch(`http://127.0.0.1:${port}/`)).text();
    },
  );
  expect(run.stdout).toContain("Chalet is serving");
  expect(run.stderr).not.toContain("Payments are NOT real");
  expect(home).toContain("<html");
  expect(home).not.toContain("ne sont pas réels");
});
