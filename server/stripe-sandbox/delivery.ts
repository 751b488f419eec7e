// Webhook delivery like Stripe's: each event POSTed as JSON with a Stripe-Signature header
// (t=<unix seconds>,v1=<HMAC-SHA256 of "t.payload" with the endpoint's secret>), tried again with
// growing delays after a network error, a timeout or any non-2xx answer, for up to three days.
import { createHmac } from "node:crypto";
import { db } from "../../app/utils/db.server";
import type { SandboxEvent } from "./objects";
import { readObject, replaceObject } from "./store";

/** Stripe's live-mode schedule is "exponential backoff for up to three days"; these are close. */
export const DEFAULT_RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3600_000, 5 * 3600_000, 10 * 3600_000];
const GIVE_UP_AFTER_MS = 3 * 24 * 3600_000;
const TIMEOUT_MS = 10_000;

export function signatureHeader(payload: string, secret: string, timestamp: number): string {
  const v1 = createHmac("sha256", secret).update(`${timestamp}.${payload}`, "utf8").digest("hex");
  return `t=${timestamp},v1=${v1}`;
}

export type DeliveryOptions = {
  now: () => Date;
  /** The signature's timestamp: real time, since receivers check it against their own clock. */
  wallClock: () => number;
  webhookUrl: () => string;
  webhookSecret: string;
  /** The Connect endpoint: events carrying `account` go there, signed with its own secret. */
  connectWebhookUrl: () => string;
  connectWebhookSecret: string;
  retryDelaysMs: number[];
};

/** Attempts every delivery whose time has come, oldest event first. Returns how many succeeded. */
export async function deliverDue(options: DeliveryOptions): Promise<number> {
  const due = await db.stripeSandboxDelivery.findMany({
    where: { deliveredAt: null, abandonedAt: null, nextAttemptAt: { lte: options.now() } },
    orderBy: { createdAt: "asc" },
    take: 50,
  });
  let delivered = 0;
  for (const delivery of due) {
    const event = await readObject(db, "event", delivery.eventId);
    if (!event) {
      await db.stripeSandboxDelivery.update({ where: { id: delivery.id }, data: { abandonedAt: options.now() } });
      continue;
    }
    const outcome = await post(event, options);
    const attempts = delivery.attempts + 1;
    const now = options.now();
    if (outcome.ok) {
      delivered++;
      await db.stripeSandboxDelivery.update({
        where: { id: delivery.id },
        data: { attempts, deliveredAt: now, lastStatus: outcome.status, lastError: null },
      });
      await replaceObject(db, "event", event.id, { ...event, pending_webhooks: 0 });
      continue;
    }
    const delays = options.retryDelaysMs;
    const delay = delays[Math.min(attempts - 1, delays.length - 1)];
    const giveUp = now.getTime() + delay - delivery.createdAt.getTime() > GIVE_UP_AFTER_MS;
    await db.stripeSandboxDelivery.update({
      where: { id: delivery.id },
      data: {
        attempts,
        lastStatus: outcome.status,
        lastError: outcome.error,
        nextAttemptAt: new Date(now.getTime() + delay),
        abandonedAt: giveUp ? now : null,
      },
    });
  }
  return delivered;
}

async function post(
  event: SandboxEvent,
  options: DeliveryOptions,
): Promise<{ ok: boolean; status: number | null; error: string | null }> {
  const payload = JSON.stringify(event, null, 2);
  const timestamp = Math.floor(options.wallClock() / 1000);
  const connect = typeof event.account === "string";
  const secret = connect ? options.connectWebhookSecret : options.webhookSecret;
  try {
    const response = await fetch(connect ? options.connectWebhookUrl() : options.webhookUrl(), {
      method: "POST",
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
        "Cache-Control": "no-cache",
        Accept: "*/*; q=0.5, application/xml",
        "Stripe-Signature": signatureHeader(payload, secret, timestamp),
      },
      body: payload,
      // Stripe treats a redirect as a failure rather than following it.
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await response.arrayBuffer().catch(() => undefined);
    const ok = response.status >= 200 && response.status < 300;
    return { ok, status: response.status, error: ok ? null : `HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, status: null, error: error instanceof Error ? error.message : String(error) };
  }
}

export async function nextDeliveryAt(): Promise<Date | null> {
  const next = await db.stripeSandboxDelivery.findFirst({
    where: { deliveredAt: null, abandonedAt: null },
    orderBy: { nextAttemptAt: "asc" },
    select: { nextAttemptAt: true },
  });
  return next?.nextAttemptAt ?? null;
}
