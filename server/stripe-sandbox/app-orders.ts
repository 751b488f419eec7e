// What makes the sandbox safe to publish: its API key is in this repository, so anyone can call
// it. It therefore creates a payment page only for an order of this app that awaits payment, with
// exactly that order's lines (so nobody can put their own text on the town's domain), and sends
// the buyer back only to this app (so nobody can use it to redirect to another site). Each refusal
// is a Stripe-shaped 400, as Stripe answers a parameter it refuses.
import { db } from "../../app/utils/db.server";
import { invalidRequest } from "./errors";
import type { LineInput } from "./objects";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * The origins the buyer may be sent back to: PUBLIC_URL's (or, without it, the server's own
 * address). On this machine, each name of loopback with the same port: the checkout builds its
 * return URL from the address the browser used (app/utils/url.server.ts), localhost or 127.0.0.1.
 */
export function allowedOrigins(publicUrl: string): string[] {
  const base = new URL(publicUrl);
  if (!LOOPBACK.has(base.hostname)) return [base.origin];
  return [...LOOPBACK].map((host) => `${base.protocol}//${host}${base.port ? `:${base.port}` : ""}`);
}

/** Refuses a success_url / cancel_url that leaves this app. */
export function requireOwnUrl(url: string | null, param: string, publicUrl: string): void {
  if (url === null) return;
  // {CHECKOUT_SESSION_ID} is filled in later; the origin is what matters here.
  const origin = new URL(url).origin;
  if (!allowedOrigins(publicUrl).includes(origin)) {
    throw invalidRequest(
      `The Stripe sandbox only sends buyers back to this app (${new URL(publicUrl).origin}), not to ${origin}.`,
      param,
      "url_invalid",
    );
  }
}

/**
 * Refuses a session that is not for an order of this app awaiting payment: metadata[order_id]
 * (and client_reference_id, when given) must name a RESERVED order whose lines, amounts and
 * currency are exactly the session's.
 */
export async function requireAppOrder(input: {
  metadata: Record<string, string>;
  clientReferenceId: string | null;
  lines: LineInput[];
  currency: string;
}): Promise<void> {
  const orderId = input.metadata.order_id;
  const refuse = (why: string, param = "metadata[order_id]") =>
    invalidRequest(
      `The Stripe sandbox only creates sessions for this app's orders awaiting payment: ${why}.`,
      param,
      "parameter_invalid_string",
    );
  if (!orderId) throw refuse("metadata[order_id] is missing");
  if (input.clientReferenceId !== null && input.clientReferenceId !== orderId) {
    throw refuse("client_reference_id is not metadata[order_id]", "client_reference_id");
  }
  const order = await db.order.findUnique({
    where: { id: orderId },
    select: {
      status: true,
      totalCents: true,
      currency: true,
      lines: { orderBy: { id: "asc" }, select: { name: true, unitPriceCents: true, quantity: true } },
    },
  });
  if (!order) throw refuse(`no order ${orderId}`);
  if (order.status !== "RESERVED") throw refuse(`order ${orderId} is ${order.status}, not awaiting payment`);
  const total = input.lines.reduce((sum, line) => sum + line.unitAmount * line.quantity, 0);
  if (input.currency !== order.currency || total !== order.totalCents) {
    throw refuse(
      `order ${orderId} is ${order.totalCents} ${order.currency}, the line items ${total} ${input.currency}`,
      "line_items",
    );
  }
  const key = (line: { name: string; unitPriceCents: number; quantity: number }) =>
    `${line.quantity}\u0000${line.unitPriceCents}\u0000${line.name}`;
  const ours = order.lines.map(key).sort();
  const theirs = input.lines
    .map((line) => key({ name: line.name, unitPriceCents: line.unitAmount, quantity: line.quantity }))
    .sort();
  if (ours.length !== theirs.length || ours.some((line, i) => line !== theirs[i])) {
    throw refuse(`the line items are not order ${orderId}'s lines`, "line_items");
  }
}
