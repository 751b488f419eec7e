// Web Push: the platform's VAPID keys, people's subscriptions (one row per browser), and the
// notifications sent to them. The keys are made on first use and kept in PlatformSecret: each
// instance inserts its own pair with "on conflict do nothing", then reads the row back, so every
// instance signs with the one pair the browsers subscribed with. Requests are built by web-push
// (payload encrypted for the subscription, VAPID signature) and sent with fetch, so a push
// service that answers 404 or 410 (the subscription is gone) has its row deleted.
import webpush from "web-push";
import { pushSubscriptionSchema } from "~/schemas/order-alerts";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";

const VAPID_KEY = "vapid";
/** How long a push service keeps a notification for a phone that is off (seconds): a day. */
const PUSH_TTL_SECONDS = 24 * 60 * 60;
const PUSH_TIMEOUT_MS = 10_000;

type VapidKeys = { publicKey: string; privateKey: string };
let vapid: Promise<VapidKeys> | null = null;

async function loadVapidKeys(): Promise<VapidKeys> {
  const fresh = webpush.generateVAPIDKeys();
  await db.$executeRaw`
    INSERT INTO "PlatformSecret" ("key", "value") VALUES (${VAPID_KEY}, ${JSON.stringify(fresh)})
    ON CONFLICT ("key") DO NOTHING`;
  const row = await db.platformSecret.findUniqueOrThrow({ where: { key: VAPID_KEY } });
  return JSON.parse(row.value) as VapidKeys;
}

/** The platform's keys, made once for every instance; a failed read is tried again next time. */
function vapidKeys(): Promise<VapidKeys> {
  vapid ??= loadVapidKeys().catch((error: unknown) => {
    vapid = null;
    throw error;
  });
  return vapid;
}

/** What the browser subscribes with (applicationServerKey). */
export async function vapidPublicKey(): Promise<string> {
  return (await vapidKeys()).publicKey;
}

/** Who push services may contact about our notifications: VAPID_SUBJECT, or MAIL_FROM's address. */
export function vapidSubject(): string {
  if (env.VAPID_SUBJECT) return env.VAPID_SUBJECT;
  const address = /<([^>]+)>/.exec(env.MAIL_FROM)?.[1] ?? env.MAIL_FROM;
  return `mailto:${address.trim()}`;
}

export type SaveSubscriptionResult = { ok: true } | { ok: false };

/**
 * The signed-in user's browser subscribed. An endpoint is one browser: subscribed again by
 * someone else (another account on the same phone), it becomes theirs.
 */
export async function saveSubscription(userId: string, input: unknown): Promise<SaveSubscriptionResult> {
  const parsed = pushSubscriptionSchema.safeParse(input);
  if (!parsed.success) return { ok: false };
  const { endpoint, keys } = parsed.data;
  // Push services are https; plain http only for a push endpoint on a test machine.
  if (env.NODE_ENV === "production" && new URL(endpoint).protocol !== "https:") return { ok: false };
  await db.pushSubscription.upsert({
    where: { endpoint },
    create: { userId, endpoint, p256dh: keys.p256dh, auth: keys.auth },
    update: { userId, p256dh: keys.p256dh, auth: keys.auth },
  });
  return { ok: true };
}

/** The user's own subscription only; someone else's endpoint is left alone. */
export async function removeSubscription(userId: string, endpoint: string): Promise<void> {
  await db.pushSubscription.deleteMany({ where: { userId, endpoint } });
}

/** What the service worker shows (app/routes/sw[.]js.ts reads these fields). */
export type PushMessage = {
  title: string;
  body: string;
  /** A path of this site, opened when the notification is clicked. */
  url: string;
  /** Notifications with the same tag replace each other on the phone. */
  tag: string;
};

/**
 * To every browser of the user. Never throws: a notification is a courtesy on top of the email.
 * Answers how many push services accepted it.
 */
export async function pushToUser(userId: string, message: PushMessage): Promise<number> {
  const subscriptions = await db.pushSubscription.findMany({ where: { userId } });
  if (subscriptions.length === 0) return 0;
  let keys: VapidKeys;
  try {
    keys = await vapidKeys();
  } catch (error) {
    console.error("push: VAPID keys unavailable", error);
    return 0;
  }
  const payload = JSON.stringify(message);
  const sent = await Promise.all(
    subscriptions.map(async (s) => {
      try {
        const request = webpush.generateRequestDetails(
          { endpoint: s.endpoint, keys: { p256dh: s.p256dh, auth: s.auth } },
          payload,
          {
            TTL: PUSH_TTL_SECONDS,
            vapidDetails: { subject: vapidSubject(), ...keys },
            contentEncoding: "aes128gcm",
          },
        );
        const response = await fetch(request.endpoint, {
          method: request.method,
          headers: request.headers as Record<string, string>,
          body: new Uint8Array(request.body),
          signal: AbortSignal.timeout(PUSH_TIMEOUT_MS),
        });
        await response.body?.cancel();
        if (response.status === 404 || response.status === 410) {
          // The browser unsubscribed or the subscription expired: never ask that endpoint again.
          await db.pushSubscription.deleteMany({ where: { id: s.id } });
          return false;
        }
        if (!response.ok) console.error(`push to ${new URL(s.endpoint).host} answered ${response.status}`);
        return response.ok;
      } catch (error) {
        console.error(`push to ${new URL(s.endpoint).host} failed`, error);
        return false;
      }
    }),
  );
  return sent.filter(Boolean).length;
}
