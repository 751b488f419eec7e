import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

// Every setting is optional so that a fresh clone starts with none set; see .env.example.
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Defaults to 127.0.0.1 outside production, so the demo is not reachable from the network. */
  HOST: z.string().optional(),
  /** PostgreSQL (postgresql://user:password@host:5432/name). Unset (or empty): an embedded
   *  PostgreSQL kept in data/postgres, started and stopped with the server (server/database.ts). */
  DATABASE_URL: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z
      .string()
      .regex(/^postgres(ql)?:\/\/\S+$/, "must be a PostgreSQL URL, postgresql://user:password@host:5432/name")
      .optional(),
  ),
  /** Connections of this instance's pool (Prisma and the raw reservation batch share it): the
   *  instances' sum must stay under the server's max_connections (PostgreSQL's default, 100). */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(1_000).default(10),
  /** How long a query waits for a free connection (or a new one to open) before it fails, and
   *  the page answers 503 "try again" (ms). */
  DATABASE_POOL_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  /** The embedded PostgreSQL's port (127.0.0.1 only), used when DATABASE_URL is unset. */
  EMBEDDED_POSTGRES_PORT: z.coerce.number().int().min(1).max(65535).default(5488),
  /** The embedded PostgreSQL's data directory (relative to the checkout); its password is kept
   *  beside it, in the same name followed by "-password". */
  EMBEDDED_POSTGRES_DIR: z.string().min(1).default("data/postgres"),
  SESSION_SECRET: z.string().min(16).optional(),
  PUBLIC_URL: z.string().url().optional(),
  MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(5 * 1024 * 1024),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Chalet <noreply@chalet.local>"),
  /** Who push services may contact about this site's Web Push notifications (mailto: or https:).
   *  Unset: MAIL_FROM's address (app/models/push.server.ts). */
  VAPID_SUBJECT: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z
      .string()
      .regex(/^(mailto:\S+@\S+|https:\/\/\S+)$/, "must be a mailto: or https:// URL")
      .optional(),
  ),
  SEED_DEMO: z.enum(["auto", "never"]).default("auto"),
  LOG_REQUESTS: z.enum(["0", "1"]).default("1"),
  /** Longest sleep of the scheduler between checks: bounds how late it notices a changed clock
   *  or a schedule written by another instance. */
  SCHEDULER_MAX_SLEEP_MS: z.coerce.number().int().min(50).max(300_000).default(30_000),
  /** How long the scheduler leader's lease lasts; a standby takes over within this after a crash. */
  SCHEDULER_LEASE_MS: z.coerce.number().int().min(1_000).max(600_000).default(15_000),
  /** Redis for the Socket.IO adapter when several instances serve one site (redis:// or rediss://).
   *  Unset (or empty): one instance, Socket.IO's in-memory adapter, no Redis needed. */
  REDIS_URL: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z
      .string()
      .url()
      .refine((url) => /^rediss?:$/.test(new URL(url).protocol), "must start with redis:// or rediss://")
      .optional(),
  ),
  /** Prefix of every Redis key and channel of this site (the Socket.IO stream and sessions, the
   *  rate limits): instances with the same prefix are one site; sites sharing a Redis differ. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[\w.:-]{1,64}$/, "letters, digits, '_', '.', ':' or '-', at most 64")
    .default("chalet"),
  /** How long a stall page read is served from memory (ms). Writes on this instance, and on the
   *  others through Redis, drop it at once; this bounds what nobody announced (a script). */
  STALL_PAGE_CACHE_MS: z.coerce.number().int().min(0).max(600_000).default(2_000),
  /** Stripe's secret key (sk_… or a restricted rk_…). Unset or empty: the built-in Stripe sandbox
   *  (server/stripe-sandbox, docs/stripe-sandbox.md) takes payments with test cards instead. */
  STRIPE_SECRET_KEY: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z
      .string()
      .regex(/^(sk|rk)_(test|live)_\w+$/, "must be a Stripe secret key (sk_test_…, sk_live_… or rk_…)")
      .optional(),
  ),
  /** The webhook endpoint's signing secret (whsec_…); with the sandbox, a fixed one is used. */
  STRIPE_WEBHOOK_SECRET: z.preprocess((value) => (value === "" ? undefined : value), z.string().min(8).optional()),
  /** The Connect endpoint's signing secret (/webhooks/stripe-connect: connected accounts' events). */
  STRIPE_CONNECT_WEBHOOK_SECRET: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.string().min(8).optional(),
  ),
  /** "1": a public demo that takes fake payments with the built-in sandbox, said on every page.
   *  Required for the sandbox in production, where its published key and secret would otherwise
   *  let anyone mark real orders paid. */
  STRIPE_SANDBOX: z.preprocess((value) => (value === "" ? undefined : value), z.enum(["0", "1"]).optional()),
  /** Proxies whose X-Forwarded-For is believed (comma-separated addresses, CIDR ranges, or
   *  loopback, linklocal, uniquelocal): the client's address for HTTP and sockets alike
   *  (server/client-address.ts). Only name proxies that set the header themselves. */
  TRUST_PROXY: z.string().min(1).default("loopback"),
  /** Open sockets per client address, beyond which a new one is refused (docs/realtime.md).
   *  High enough for a town hall's wifi or a mobile carrier's shared address. */
  SOCKET_MAX_PER_ADDRESS: z.coerce.number().int().min(1).default(300),
  /** Client events per client address, all its sockets together, per 10 seconds. */
  SOCKET_EVENTS_PER_ADDRESS: z.coerce.number().int().min(1).default(1_500),
  /** Client events per account, all its sockets and addresses together, per 10 seconds. */
  SOCKET_EVENTS_PER_ACCOUNT: z.coerce.number().int().min(1).default(600),
  /** Expensive socket reads (history, stock, joins) running at once in this process; more answer
   *  BUSY. Above the 2 × 60 events a home page sends at once when it joins every market it lists. */
  SOCKET_EXPENSIVE_IN_FLIGHT: z.coerce.number().int().min(1).default(256),
  /** The same, from one client address: its burst is refused before it slows everyone else. Above
   *  one socket's whole burst (SOCKET_EVENT_LIMIT: 20 + 120), which a page may send at once. */
  SOCKET_EXPENSIVE_IN_FLIGHT_PER_ADDRESS: z.coerce.number().int().min(1).default(150),
  /** Event-loop delay (ms) over which expensive socket reads answer BUSY until it falls again. */
  SOCKET_SHED_DELAY_MS: z.coerce.number().int().min(10).default(200),
  /** Serves /bench/bare, the baseline route of bench/stall-page.ts. */
  CHALET_BENCH: z.enum(["0", "1"]).default("0"),
});

export type Env = z.infer<typeof EnvSchema>;

/**
 * A setting that stops the server from starting. server/index.ts prints its message alone (one
 * line, no stack trace) and exits non-zero. Matched by name: the Remix build has its own copy.
 */
export class ConfigError extends Error {
  override name = "ConfigError";
}

function loadEnv(): Env {
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid environment: ${issues.join("; ")}`);
  }
  const env = parsed.data;
  if (env.STRIPE_SANDBOX === "1" && env.STRIPE_SECRET_KEY) {
    throw new ConfigError(
      "STRIPE_SANDBOX=1 and STRIPE_SECRET_KEY are both set: unset one (real payments: the key; a demo with fake payments: STRIPE_SANDBOX=1)",
    );
  }
  if (env.NODE_ENV === "production") {
    // Email links are built from PUBLIC_URL only: a link built from the request's Host header
    // could be pointed at an attacker's site by whoever asks for a password reset.
    const missing = (["SESSION_SECRET", "PUBLIC_URL"] as const).filter((name) => !env[name]);
    if (missing.length) throw new ConfigError(`${missing.join(" and ")} must be set in production (see .env.example)`);
    // The sandbox's key and webhook secret are published in this repository: without an explicit
    // STRIPE_SANDBOX=1, a production server without Stripe keys must not take "payments".
    if (env.STRIPE_SANDBOX !== "1") {
      const stripe = (["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_CONNECT_WEBHOOK_SECRET"] as const).filter(
        (name) => !env[name],
      );
      if (stripe.length) {
        throw new ConfigError(
          `${stripe.length > 1 ? `${stripe.slice(0, -1).join(", ")} and ${stripe.at(-1)}` : stripe[0]} must be set in production, or STRIPE_SANDBOX=1 for a public demo whose payments are not real (see docs/operations.md)`,
        );
      }
    }
  }
  return env;
}

export const env = loadEnv();

export const listenHost = env.HOST ?? (env.NODE_ENV === "production" ? "0.0.0.0" : "127.0.0.1");

/**
 * Cookie signing secret. Outside production without SESSION_SECRET, a random one is made on
 * first start and kept next to the database, so demo sessions survive restarts and nobody can
 * forge a cookie with a secret published in this repository. Tests use a fixed one.
 */
export const sessionSecret = env.SESSION_SECRET ?? (env.NODE_ENV === "test" ? "chalet-test-secret" : localSecret());

function localSecret(): string {
  const file = path.resolve("data", "session-secret");
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    const secret = randomBytes(32).toString("hex");
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}
