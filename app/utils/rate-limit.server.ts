import { data } from "@remix-run/node";
import { Redis } from "ioredis";
import {
  BurstyRateLimiter,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";
import { env } from "~/utils/env.server";
import { getTranslator } from "~/utils/i18n.server";

// Where the counts live: in this process's memory for one instance (no Redis needed), in Redis
// when REDIS_URL is set, so that several instances count together (an 11th log-in try refused
// on whichever instance it reaches). The one place that picks the store is createLimiter below.

let store: Redis | null | undefined;

/** The Redis client of the limiters, made on first use; null without REDIS_URL. */
function redisStore(): Redis | null {
  if (store !== undefined) return store;
  if (!env.REDIS_URL) return (store = null);
  const client = new Redis(env.REDIS_URL, {
    // While Redis is away a count must not wait for it: it fails at once and the memory
    // insurance limiter counts instead (rate-limiter-flexible's insuranceLimiter).
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2_000,
  });
  let healthy = true;
  client.on("error", (error: Error) => {
    if (healthy) {
      console.error(
        `rate limits: Redis connection lost (${error.message}); each instance counts alone until it is back.`,
      );
    }
    healthy = false;
  });
  client.on("ready", () => {
    if (!healthy) console.log("rate limits: Redis connection is back; instances count together again.");
    healthy = true;
  });
  return (store = client);
}

/**
 * A limiter of `points` per `duration` seconds under `keyPrefix`. With REDIS_URL, counted in Redis
 * (keys `<REDIS_PREFIX>:rl:<keyPrefix>:<key>`), with a memory limiter of the same size as its
 * insurance: when Redis does not answer, requests are counted by this instance alone rather than
 * refused with a 500, and Redis takes over again once it is back.
 */
export function createLimiter(options: { keyPrefix: string; points: number; duration: number }): RateLimiterAbstract {
  const redis = redisStore();
  if (!redis) return new RateLimiterMemory(options);
  return new RateLimiterRedis({
    ...options,
    keyPrefix: `${env.REDIS_PREFIX}:rl:${options.keyPrefix}`,
    storeClient: redis,
    rejectIfRedisNotReady: true,
    insuranceLimiter: new RateLimiterMemory(options),
  });
}

const limiters = {
  login: createLimiter({ keyPrefix: "login", points: 10, duration: 60 * 5 }),
  /** Failed log-ins from one address, whatever the account: stops one address spraying many accounts. */
  loginFailuresByIp: createLimiter({ keyPrefix: "login-ip", points: 30, duration: 60 * 5 }),
  /** Failed log-ins on one account, whatever the address: stops many addresses guessing one password. */
  loginFailuresByAccount: createLimiter({ keyPrefix: "login-account", points: 50, duration: 60 * 60 }),
  signup: createLimiter({ keyPrefix: "signup", points: 5, duration: 60 * 10 }),
  passwordReset: createLimiter({ keyPrefix: "reset", points: 5, duration: 60 * 10 }),
  /** Chat messages from one user, whatever the socket, the stall or the instance: more tabs do not write faster. */
  chat: createLimiter({ keyPrefix: "chat", points: 5, duration: 10 }),
  /** Pickup codes a merchant typed or scanned that found nothing of their stall: stops guessing (handover.server.ts). */
  pickupCodeMisses: createLimiter({ keyPrefix: "pickup-code", points: 20, duration: 60 * 10 }),
  /** Messages about orders from one user, whatever the thread: a pickup is arranged in a few. */
  orderMessage: createLimiter({ keyPrefix: "order-message", points: 10, duration: 60 }),
} as const;

export type LimitName = keyof typeof limiters;

/** Consumes one point; returns the seconds to wait when the limit is reached, else null. */
export async function hitRateLimit(name: LimitName, key: string): Promise<number | null> {
  try {
    await limiters[name].consume(key);
    return null;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw rejection;
  }
}

/** Gives back one point: for an attempt that turned out not to be a new action (an idempotent resend). */
export async function refundRateLimit(name: LimitName, key: string): Promise<void> {
  await limiters[name].reward(key, 1);
}

/**
 * Client events on one socket, whatever their name: 20 a second, and beyond that a burst of
 * 120 per 10 seconds. 20 a second is more than anyone types or clicks; the burst is for pages
 * that join many markets at once: the home page and the organiser's list join every market they
 * show (a socket holds at most 60 rooms), and leaving such a page sends as many leaves, so one
 * navigation can send 2 × 60 events in the same instant. A client that ignores its answers gets
 * about 32 a second at most instead of thousands.
 */
export const SOCKET_EVENT_LIMIT = { perSecond: 20, burst: 120, burstSeconds: 10 } as const;

// In memory even with Redis: a socket is served by one instance at a time, so its own count
// needs no sharing, and a Redis round trip per event would buy nothing. (A socket recovered on
// another instance starts a fresh count there: one burst more at most; the address and account
// budgets below are shared.)
const socketEvents = new BurstyRateLimiter(
  new RateLimiterMemory({ keyPrefix: "socket-events", points: SOCKET_EVENT_LIMIT.perSecond, duration: 1 }),
  new RateLimiterMemory({
    keyPrefix: "socket-events-burst",
    points: SOCKET_EVENT_LIMIT.burst,
    duration: SOCKET_EVENT_LIMIT.burstSeconds,
  }),
);

/** Counts one client event on this socket; false when it is over SOCKET_EVENT_LIMIT. */
export async function allowSocketEvent(socketId: string): Promise<boolean> {
  try {
    await socketEvents.consume(socketId);
    return true;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return false;
    throw rejection;
  }
}

/** The window of the per-address and per-account socket budgets. */
export const SOCKET_BUDGET_SECONDS = 10;

/** Client events per window shared by all the sockets of one address, and of one account. */
export type SocketBudgets = { perAddress: number; perAccount: number };

/** Which limit refused an event: its socket's, its address's or its account's. */
export type SocketRefusal = "socket" | "address" | "account";

/**
 * The budgets of one server's sockets. The per-socket limit alone let one client open a thousand
 * sockets and send a thousand times as much; these count what they send together. A budget of
 * Infinity is no budget (the flood benchmark's "before" run). Shared by every instance through
 * Redis when REDIS_URL is set (createLimiter): a client spreading its sockets over the instances
 * gets no more.
 */
export function createSocketEventBudgets(budgets: SocketBudgets) {
  const limiter = (keyPrefix: string, points: number) =>
    Number.isFinite(points) ? createLimiter({ keyPrefix, points, duration: SOCKET_BUDGET_SECONDS }) : null;
  const byAddress = limiter("socket-address", budgets.perAddress);
  const byAccount = limiter("socket-account", budgets.perAccount);
  const take = async (limiter: RateLimiterAbstract, key: string) => {
    try {
      await limiter.consume(key);
      return true;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return false;
      throw rejection;
    }
  };
  /** Counts one client event; the limit it is over, else null. An event refused by one is not counted by the next. */
  return async function chargeSocketEvent(who: {
    socketId: string;
    address: string;
    userId: string | null;
  }): Promise<SocketRefusal | null> {
    if (!(await allowSocketEvent(who.socketId))) return "socket";
    if (byAddress && !(await take(byAddress, who.address))) return "address";
    if (byAccount && who.userId && !(await take(byAccount, who.userId))) return "account";
    return null;
  };
}

/**
 * Returns the seconds to wait when the key has already spent every point, else null, without
 * spending one: for limits that count only failures, checked before the attempt is judged.
 */
export async function rateLimitWait(name: LimitName, key: string): Promise<number | null> {
  const limiter = limiters[name];
  const state = await limiter.get(key);
  if (state && state.consumedPoints >= limiter.points) return Math.max(1, Math.ceil(state.msBeforeNext / 1000));
  return null;
}

/** Forgets the points spent on a key, e.g. after a successful log-in so past typos do not add up. */
export async function clearRateLimit(name: LimitName, key: string): Promise<void> {
  await limiters[name].delete(key);
}

/**
 * The 429 an account form answers when its limit is reached: the wait, in the visitor's
 * language, in the form alert, and Retry-After for scripts (kept on documents by keepRetryAfter).
 */
export async function rateLimitedForm(request: Request, seconds: number) {
  const { t } = await getTranslator(request);
  return data(
    { errors: {}, formError: t("accounts.rateLimited", { seconds }) },
    { status: 429, headers: { "Retry-After": String(seconds) } },
  );
}
