// The one check of a Stripe webhook's signature, for both endpoints: /webhooks/stripe (the
// platform's events, payment.server.ts) and /webhooks/stripe-connect (connected accounts' events,
// connect-webhook.server.ts), each with its own secret.
import Stripe from "stripe";

// Stripe signs UTF-8 JSON. Decoding strictly (and keeping a BOM) means the text the signature is
// checked on has exactly the bytes received: a lenient decoder would turn different bytes (an
// invalid sequence) into the same text, and the signature would pass on bytes Stripe never signed.
const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

export type VerifiedEvent = { ok: true; event: Stripe.Event } | { ok: false; status: 400 | 503; body: string };

/**
 * Checks the signature on the raw bytes with Stripe's default tolerance (300 s, against real time:
 * Stripe signs with its own clock). A missing secret answers 503 (Stripe retries once it is set);
 * a bad signature, a stale timestamp or a signed body that is not JSON answers 400.
 */
export async function verifyStripeEvent(
  rawBody: Uint8Array,
  signature: string | null,
  secret: string,
  secretName: string,
): Promise<VerifiedEvent> {
  if (!secret) return { ok: false, status: 503, body: `Webhook secret not configured (${secretName}).` };
  if (!signature) return { ok: false, status: 400, body: "Missing Stripe-Signature header." };
  let text: string;
  try {
    text = strictUtf8.decode(rawBody);
  } catch {
    return { ok: false, status: 400, body: "Invalid Stripe signature: the body is not the UTF-8 text Stripe signs." };
  }
  try {
    return { ok: true, event: await Stripe.webhooks.constructEventAsync(text, signature, secret) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!(error instanceof Stripe.errors.StripeSignatureVerificationError)) {
      // The signature held, the body is not JSON.
      return { ok: false, status: 400, body: `Malformed event: ${message}` };
    }
    const stale = /tolerance/i.test(message);
    return {
      ok: false,
      status: 400,
      body: stale
        ? `Stripe signature timestamp too old (more than 300 s): ${message}`
        : `Invalid Stripe signature: ${message}`,
    };
  }
}

/** What a webhook's receiver answers: the HTTP status and a plain-text body. */
export type WebhookAnswer = { status: number; body: string };

type WebhookReceiver = (rawBody: Uint8Array, signature: string | null, now: Date) => Promise<WebhookAnswer>;

/**
 * The body of both webhook routes' actions: only POST, the body read as bytes (the signature covers
 * the raw bytes, so never as text nor through a JSON parser), the receiver's answer as plain text.
 */
export async function answerStripeWebhook(request: Request, now: Date, receive: WebhookReceiver): Promise<Response> {
  if (request.method !== "POST") return refuseWebhookGet();
  const raw = new Uint8Array(await request.arrayBuffer());
  const answer = await receive(raw, request.headers.get("Stripe-Signature"), now);
  return webhookText(answer.status, answer.body);
}

/** A webhook route's loader: Stripe only POSTs. */
export function refuseWebhookGet(): Response {
  return webhookText(405, "Method not allowed: Stripe POSTs its events.", { Allow: "POST" });
}

function webhookText(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });
}
