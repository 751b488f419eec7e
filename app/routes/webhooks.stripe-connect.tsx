// POST /webhooks/stripe-connect: Stripe's (or the sandbox's) signed Connect events, about the
// merchants' connected accounts. The signature covers the raw bytes, so the body is read as bytes.
// Everything else is app/models/connect-webhook.server.ts.
import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveConnectWebhook } from "~/models/connect-webhook.server";

export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return text(405, "Method not allowed: Stripe POSTs its events.", { Allow: "POST" });
  const raw = new Uint8Array(await request.arrayBuffer());
  const answer = await receiveConnectWebhook(raw, request.headers.get("Stripe-Signature"), context.now());
  return text(answer.status, answer.body);
}

export function loader() {
  return text(405, "Method not allowed: Stripe POSTs its events.", { Allow: "POST" });
}

function text(status: number, body: string, headers: Record<string, string> = {}) {
  return new Response(body, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });
}
