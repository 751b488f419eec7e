// The one way the app gets a Stripe client. With STRIPE_SECRET_KEY: Stripe itself. Without: the
// same official SDK pointed at the sandbox mounted on this app's own server (server/stripe-sandbox),
// so the demo, the tests and production run one code path.
import { randomBytes } from "node:crypto";
import Stripe from "stripe";
import { env } from "./env.server";

/** Pinned: the objects and events the app reads have this version's shape (the SDK's own). */
export const STRIPE_API_VERSION = "2026-10-28.endive" as const;

/**
 * The sandbox's fixed credentials, for the demo and the tests (the browser tests call its API with
 * them). Published here, so a production demo (STRIPE_SANDBOX=1) uses random ones instead: see
 * sandboxCredentials().
 */
export const SANDBOX_API_KEY = "sk_test_chalet_sandbox";
export const SANDBOX_WEBHOOK_SECRET = "whsec_chalet_sandbox_0123456789abcdef";
/** The sandbox's Connect endpoint secret (connected accounts' events), published likewise. */
export const SANDBOX_CONNECT_WEBHOOK_SECRET = "whsec_chalet_sandbox_connect_0123456789abcdef";

/** The sandbox runs when no key is set: in production only with STRIPE_SANDBOX=1 (env.server.ts). */
export const stripeMode: "stripe" | "sandbox" = env.STRIPE_SECRET_KEY ? "stripe" : "sandbox";

/**
 * Whether payments are fake (the sandbox takes them): then every page, the order pages and the
 * payment emails say so. True for the demo and the tests too: their payments are not real either.
 */
export const paymentsAreFake: boolean = stripeMode === "sandbox";

export type SandboxAddress = { host: string; port: number; protocol: "http" | "https" };

let client: Stripe | undefined;
let sandboxAddress: SandboxAddress | undefined;
type SandboxCredentials = { apiKey: string; webhookSecret: string; connectWebhookSecret: string };
let credentials: SandboxCredentials | undefined;

/**
 * What the sandbox's API accepts and signs its events with. In production (a public demo) they
 * are made at random for this process, so that nobody can call its API or sign an event with the
 * published ones: only this process talks to its own sandbox. STRIPE_WEBHOOK_SECRET, when set, is
 * the secret. Elsewhere, the fixed ones.
 */
export function sandboxCredentials(): SandboxCredentials {
  return (credentials ??=
    env.NODE_ENV === "production"
      ? {
          apiKey: `sk_test_${randomBytes(24).toString("hex")}`,
          webhookSecret: env.STRIPE_WEBHOOK_SECRET ?? `whsec_${randomBytes(24).toString("hex")}`,
          connectWebhookSecret: env.STRIPE_CONNECT_WEBHOOK_SECRET ?? `whsec_${randomBytes(24).toString("hex")}`,
        }
      : {
          apiKey: SANDBOX_API_KEY,
          webhookSecret: env.STRIPE_WEBHOOK_SECRET ?? SANDBOX_WEBHOOK_SECRET,
          connectWebhookSecret: env.STRIPE_CONNECT_WEBHOOK_SECRET ?? SANDBOX_CONNECT_WEBHOOK_SECRET,
        });
}

/** The secret `POST /webhooks/stripe` checks signatures with. */
export const stripeWebhookSecret: string = env.STRIPE_SECRET_KEY
  ? (env.STRIPE_WEBHOOK_SECRET ?? "")
  : sandboxCredentials().webhookSecret;

/** The secret `POST /webhooks/stripe-connect` checks signatures with (connected accounts' events). */
export const stripeConnectWebhookSecret: string = env.STRIPE_SECRET_KEY
  ? (env.STRIPE_CONNECT_WEBHOOK_SECRET ?? "")
  : sandboxCredentials().connectWebhookSecret;

/** Called by server/index.ts once it listens (tests listen on port 0: the port is known only then). */
export function configureStripeSandbox(address: SandboxAddress | null): void {
  sandboxAddress = address ?? undefined;
  client = undefined;
}

export function getStripe(): Stripe {
  if (client) return client;
  if (env.STRIPE_SECRET_KEY) {
    return (client = new Stripe(env.STRIPE_SECRET_KEY, { apiVersion: STRIPE_API_VERSION, maxNetworkRetries: 2 }));
  }
  if (!sandboxAddress) throw new Error("The Stripe sandbox is not running yet: the server has not started listening.");
  return (client = new Stripe(sandboxCredentials().apiKey, {
    apiVersion: STRIPE_API_VERSION,
    maxNetworkRetries: 2,
    host: sandboxAddress.host,
    port: sandboxAddress.port,
    protocol: sandboxAddress.protocol,
    telemetry: false,
  }));
}
