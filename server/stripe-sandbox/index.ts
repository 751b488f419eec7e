// A Stripe-compatible emulator for the demo and the tests (see docs/stripe-sandbox.md): the
// official SDK, pointed at this app's own server, creates Checkout Sessions and refunds here;
// the hosted page takes test cards; events are signed and posted to the webhook route, and
// tried again until it answers 2xx. Nothing of it runs when STRIPE_SECRET_KEY is set.
import express, { type Router } from "express";
import type Stripe from "stripe";
import { finishVerifications } from "./account-links";
import { setSandboxAccountState, type SandboxAccountState } from "./accounts";
import { createConnectPageRouter } from "./connect-pages";
import { createApiRouter } from "./api";
import { settleDebits, sweepExpiredSessions } from "./checkout";
import { DEFAULT_RETRY_DELAYS_MS, deliverDue, nextDeliveryAt } from "./delivery";
import { createPageRouter } from "./page";
import { dueObjects, nextDueAt } from "./store";
import { db } from "../../app/utils/db.server";

export { insertSandboxAccount, setSandboxAccountState, type SandboxAccountState } from "./accounts";

export type StripeSandboxOptions = {
  apiKey: string;
  webhookSecret: string;
  /** Where events are posted; read at each attempt (a restarted test server has a new port). */
  webhookUrl: () => string;
  /** Where Connect events (those carrying `account`) are posted, signed with connectWebhookSecret. */
  connectWebhookUrl: () => string;
  connectWebhookSecret: string;
  /** The origin the buyer's browser uses for the hosted page. */
  publicUrl: () => string;
  /** The server's clock (created, expires_at, when retries are due). */
  now?: () => Date;
  /** Real time for signature timestamps, which receivers compare with their own clock. */
  wallClock?: () => number;
  retryDelaysMs?: number[];
  /** How long a SEPA test debit stays processing before it settles. */
  settleAfterMs?: number;
  /** How long a completed onboarding stays under verification before the account is active. */
  verifyAfterMs?: number;
  /** Longest sleep between two looks at the database (a moved test clock is noticed by then). */
  maxSleepMs?: number;
  setTimer?: (callback: () => void, ms: number) => { unref?: () => void };
  clearTimer?: (timer: { unref?: () => void }) => void;
};

export type StripeSandbox = {
  router: Router;
  /** Starts the loop: deliveries, expiry sweep and settlements, at once then when due. */
  start: () => void;
  /** One pass of the loop now (tests call it after moving the clock). Resolves when done. */
  runOnce: () => Promise<{ delivered: number; expired: number; settled: number }>;
  /** Asks for a pass soon (after an event was recorded). */
  wake: () => void;
  /**
   * Takes a connected account to a state, as Stripe's verification would, and delivers the
   * account.updated / capability.updated events it records (see accounts.ts).
   */
  setAccountState: (id: string, state: SandboxAccountState) => Promise<Stripe.Account>;
  stop: () => Promise<void>;
};

export function createStripeSandbox(options: StripeSandboxOptions): StripeSandbox {
  const now = options.now ?? (() => new Date());
  const clock = { now };
  const setTimer = options.setTimer ?? ((callback: () => void, ms: number) => setTimeout(callback, ms));
  const clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  const maxSleepMs = options.maxSleepMs ?? 30_000;
  let timer: { unref?: () => void } | null = null;
  let running: Promise<{ delivered: number; expired: number; settled: number }> | null = null;
  let queued: Promise<{ delivered: number; expired: number; settled: number }> | null = null;
  let started = false;
  let stopped = false;

  const pass = async () => {
    const expired = await sweepExpiredSessions(clock, await dueObjects(db, "checkout.session", "open", now()));
    const settled = await settleDebits(clock, await dueObjects(db, "settlement", "pending", now()));
    await finishVerifications(clock, await dueObjects(db, "account", "verifying", now()));
    const delivered = await deliverDue({
      now,
      wallClock: options.wallClock ?? Date.now,
      webhookUrl: options.webhookUrl,
      webhookSecret: options.webhookSecret,
      connectWebhookUrl: options.connectWebhookUrl,
      connectWebhookSecret: options.connectWebhookSecret,
      retryDelaysMs: options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
    });
    return { delivered, expired, settled };
  };

  const schedule = async () => {
    if (stopped || !started) return;
    const dues = await Promise.all([
      nextDeliveryAt(),
      nextDueAt(db, "checkout.session", "open"),
      nextDueAt(db, "settlement", "pending"),
      nextDueAt(db, "account", "verifying"),
    ]);
    const next = Math.min(...dues.filter((d): d is Date => d !== null).map((d) => d.getTime()));
    const delay = Math.max(0, Math.min(maxSleepMs, Number.isFinite(next) ? next - now().getTime() : maxSleepMs));
    if (stopped) return;
    if (timer) clearTimer(timer);
    timer = setTimer(() => {
      timer = null;
      wake();
    }, delay);
    timer.unref?.();
  };

  const runOnce = (): Promise<{ delivered: number; expired: number; settled: number }> => {
    if (running) {
      // The pass under way may have read what is due before the caller's change: one more pass
      // after it, shared by every caller meanwhile, and its result is theirs.
      queued ??= running.then(() => {
        queued = null;
        return stopped ? { delivered: 0, expired: 0, settled: 0 } : runOnce();
      });
      return queued;
    }
    running = pass()
      .catch((error: unknown) => {
        if (!stopped) console.error("Stripe sandbox:", error);
        return { delivered: 0, expired: 0, settled: 0 };
      })
      .finally(() => {
        running = null;
        if (!queued) void schedule().catch((error: unknown) => !stopped && console.error("Stripe sandbox:", error));
      });
    return running;
  };

  const wake = () => {
    if (started && !stopped) void runOnce();
  };

  const router = express.Router();
  router.use(createApiRouter({ now, apiKey: options.apiKey, publicUrl: options.publicUrl, onChange: wake }));
  router.use(createPageRouter({ now, onChange: wake, settleAfterMs: options.settleAfterMs ?? 5_000 }));
  router.use(createConnectPageRouter({ now, onChange: wake, verifyAfterMs: options.verifyAfterMs ?? 3_000 }));

  return {
    router,
    start() {
      if (started || stopped) return;
      started = true;
      wake();
    },
    runOnce,
    wake,
    async setAccountState(id, state) {
      const account = await setSandboxAccountState(id, state, { now: now() });
      wake();
      return account;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimer(timer);
      timer = null;
      await running;
    },
  };
}
