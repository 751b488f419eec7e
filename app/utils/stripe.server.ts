// The one way the app gets a Stripe client. With STRIPE_SECRET_KEY: Stripe itself. Without: the
// same official SDK pointed at the sandbox mounted on this app's own server (server/stripe-sandbox),
// so the demo, the tests and production run one code path.
import Stripe from "stripe";
import { env } from "./env.server";

/** Pinned: the objects and events the app reads have this version's shape (the SDK's own). */
export const STRIPE_API_VERSION = "2026-10-28.endive" as const;

/** The sandbox's fixed credentials; they unlock nothing, and are never used with a real key. */
export const SANDBOX_API_KEY = "sk_test_chalet_sandbox";
export const SANDBOX_WEBHOOK_SECRET = "whsec_chalet_sandbox_0123456789abcdef";

/** The sandbox runs when no key is set: in production only with STRIPE_SANDBOX=1 (env.server.ts). */
export const stripeMode: "stripe" | "sandbox" = env.STRIPE_SECRET_KEY ? "stripe" : "sandbox";

/**
 * Whether payments are fake (the sandbox takes them): then every page, the order pages and the
 * payment emails say so. True for the demo and the tests too: their payments are not real either.
 */
export const paymentsAreFake: boolean = stripeMode === "sandbox";

/** The secret `POST /webhooks/stripe` checks signatures with. */
export const stripeWebhookSecret: string =
  env.STRIPE_WEBHOOK_SECRET ?? (env.STRIPE_SECRET_KEY ? "" : SANDBOX_WEBHOOK_SECRET);

export type SandboxAddress = { host: string; port: number; protocol: "http" | "https" };

// On globalThis: server/index.ts and the Remix build each bundle their own copy of this module.
const globalForStripe = globalThis as unknown as {
  __chaletStripe?: Stripe;
  __chaletStripeSandbox?: SandboxAddress;
};

/** Called by server/index.ts once it listens (tests listen on port 0: the port is known only then). */
export function configureStripeSandbox(address: SandboxAddress | null): void {
  globalForStripe.__chaletStripeSandbox = address ?? undefined;
  globalForStripe.__chaletStripe = undefined;
}

export function getStripe(): Stripe {
  if (globalForStripe.__chaletStripe) return globalForStripe.__chaletStripe;
  let client: Stripe;
  if (env.STRIPE_SECRET_KEY) {
    client = new Stripe(env.STRIPE_SECRET_KEY, { apiVersion: STRIPE_API_VERSION, maxNetworkRetries: 2 });
  } else {
    const address = globalForStripe.__chaletStripeSandbox;
    if (!address) throw new Error("The Stripe sandbox is not running yet: the server has not started listening.");
    client = new Stripe(SANDBOX_API_KEY, {
      apiVersion: STRIPE_API_VERSION,
      maxNetworkRetries: 2,
      host: address.host,
      port: address.port,
      protocol: address.protocol,
      telemetry: false,
    });
  }
  return (globalForStripe.__chaletStripe = client);
}
