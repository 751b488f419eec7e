// The hold sweeper's timer: every ~15 s, releases the holds whose time has passed (and expires
// their Checkout Sessions) and asks Stripe again for the refunds still PENDING, the stall
// transfers still PENDING (or WAITING for an account now ACTIVE) and the transfer reversals due. Both are safe on
// several instances at once (conditional updates, idempotency keys), but only the scheduler's
// leader runs them on the timer, so a fleet asks Stripe once. Market closing releases nothing:
// a buyer paying at the closing minute keeps their hold until it ends.
// It also releases the holds whose payment page never reached the buyer (a crash between
// reserving and recording the Checkout Session) once they are a few minutes old: on each pass,
// and once when the server starts, leader or not (it is safe on several instances, and the grace
// leaves alone a checkout another instance is in the middle of).
// Each pass also sends the merchants' order digests that are due (order-alerts.server.ts).
import { releaseHoldsWithoutSession } from "../app/models/checkout.server";
import { sendDueDigests } from "../app/models/order-alerts.server";
import { sweepExpiredHolds, type SweepResult } from "../app/models/order-sweeper.server";
import { retryPendingRefunds, type RefundOutcome } from "../app/models/refund.server";
import { retryStallTransfers, type TransferOutcome } from "../app/models/stall-transfer.server";
import { retryPendingReversals, type ReversalOutcome } from "../app/models/transfer-reversal.server";
import { forLog } from "../app/utils/db.server";
import { realTimers, type Timers } from "../app/utils/timers";

export const HOLD_SWEEP_INTERVAL_MS = 15_000;

export type HoldSweeperOptions = {
  now: () => Date;
  intervalMs?: number;
  /** Whether this instance should act on its timer (the scheduler's leader); runOnce() always acts. */
  shouldRun?: () => boolean;
  onError?: (error: unknown) => void;
  /** Its interval's timer; real by default. Tests may run it by hand. */
  timers?: Timers;
};

export type HoldSweepRun = {
  sweep: SweepResult;
  /** Holds released because no Checkout Session was ever recorded for them. */
  withoutSession: string[];
  refunds: RefundOutcome[];
  /** Stall transfers sent or tried again (WAITING ones whose account became ACTIVE, PENDING ones). */
  transfers: TransferOutcome[];
  /** Transfer reversals tried again (Stripe unreachable, or the merchant's balance short). */
  reversals: ReversalOutcome[];
  /** Order digests emailed to merchants. */
  digests: number;
};

export type HoldSweeper = {
  start(): void;
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
  /** One pass now (tests move the clock and call it). Passes run one after another, never together. */
  runOnce(): Promise<HoldSweepRun>;
};

export function createHoldSweeper(options: HoldSweeperOptions): HoldSweeper {
  const { now } = options;
  const intervalMs = options.intervalMs ?? HOLD_SWEEP_INTERVAL_MS;
  const onError = options.onError ?? ((error: unknown) => console.error("hold sweeper:", forLog(error)));
  const timers = options.timers ?? realTimers;
  let timer: unknown;
  let running = false;
  let queue: Promise<unknown> = Promise.resolve();

  async function pass(): Promise<HoldSweepRun> {
    const withoutSession = await releaseHoldsWithoutSession(now());
    const sweep = await sweepExpiredHolds(now());
    for (const e of sweep.stripeErrors)
      console.error(`hold sweeper: expiring ${e.sessionId} (${e.orderId}): ${e.message}`);
    const refunds = await retryPendingRefunds(now());
    const transfers = await retryStallTransfers(now());
    const reversals = await retryPendingReversals(now());
    const digests = await sendDueDigests(now());
    return { sweep, withoutSession, refunds, transfers, reversals, digests };
  }

  function runOnce(): Promise<HoldSweepRun> {
    const run = queue.then(pass);
    queue = run.catch(() => undefined);
    return run;
  }

  /** At start: the holds a crash left without a payment page, without waiting to lead. */
  function releaseLostAtStart() {
    const run = queue.then(() => releaseHoldsWithoutSession(now()));
    queue = run.catch(onError);
  }

  function arm() {
    if (!running) return;
    timer = timers.set(tick, intervalMs, { unref: true });
  }

  function tick() {
    if (!running) return;
    if (options.shouldRun && !options.shouldRun()) return arm();
    runOnce().then(arm, (error: unknown) => {
      onError(error);
      arm();
    });
  }

  return {
    runOnce,
    start() {
      if (running) return;
      running = true;
      releaseLostAtStart();
      arm();
    },
    async stop() {
      running = false;
      timers.clear(timer);
      await queue;
    },
  };
}
