// Announces markets opening and closing. Whether a market is open is computeMarketStatus's
// business; the scheduler only notices when that answer changes, records it once
// (market-state.server.ts) and announces it. It sleeps until the next transition, capped so a
// changed clock or a schedule written by another instance is noticed soon, and wakes at once
// when this process writes a schedule. With several instances, the one holding the lease acts.
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import {
  loadWatchedMarkets,
  pendingAnnouncement,
  recordAnnouncements,
  recordBaseline,
  type Announcement,
  type AnnouncementName,
  type PendingAnnouncement,
} from "../app/models/market-state.server";
import { sleepUntilNextTransition } from "../app/models/market-status";
import type { SessionTransitionEvent } from "../app/realtime/events";
import { forLog, onScheduleWrite } from "../app/utils/db.server";
import { realTimers, type Timers } from "../app/utils/timers";
import { acquireLease, releaseLease } from "./lease";

const LEASE_NAME = "market-scheduler";
/** First wait after a failed check; doubled at each failure in a row, up to a lease renewal. */
const RETRY_MS = 500;

export type SchedulerOptions = {
  now: () => Date;
  announce: (event: SessionTransitionEvent, name: AnnouncementName) => void;
  /** Names this instance in the lease row; unique per process by default. */
  holder?: string;
  leaseMs: number;
  maxSleepMs: number;
  onError?: (error: unknown) => void;
  /** Called when this process writes a schedule, to wake the leader if it runs elsewhere. */
  onLocalScheduleWrite?: () => void;
  /** Its sleeps, retries and wake-ups; real ones by default. Tests may run them by hand. */
  timers?: Timers;
};

export type Scheduler = {
  readonly holder: string;
  /** Runs now, then keeps running on its own timer. */
  start(): void;
  /** Stops the timer. `releaseLease: false` leaves the lease to expire, as a crash would. */
  stop(options?: { releaseLease?: boolean }): Promise<void>;
  /** One check: take or renew the lease and, as leader, announce what changed. Runs are serial. */
  runOnce(): Promise<SessionTransitionEvent[]>;
  /** Checks soon (a schedule changed); a burst of calls makes one check. */
  wake(): void;
  isLeader(): boolean;
};

export function createScheduler(options: SchedulerOptions): Scheduler {
  const { now, announce, leaseMs, maxSleepMs } = options;
  const holder = options.holder ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const onError = options.onError ?? ((error: unknown) => console.error("scheduler:", forLog(error)));
  const timers = options.timers ?? realTimers;
  let leader = false;
  let running = false;
  let timer: unknown;
  let wakeTimer: unknown;
  let peerTimer: unknown;
  let unsubscribe: (() => void) | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let nextTransitionAt: string | null = null;
  let failures = 0;

  async function check(): Promise<SessionTransitionEvent[]> {
    const at = now();
    leader = await acquireLease(LEASE_NAME, holder, at, leaseMs);
    if (!leader) return [];
    const markets = await loadWatchedMarkets(at);
    // A transition announced more than one sleep late was missed while down: a catch-up.
    const catchUpAfterMs = maxSleepMs + 1_000;
    // Read again: loading a hundred markets takes a while, and announcedAt must be when it is said.
    const recordedAt = now();
    // Still the leader? A leader that paused longer than its lease (a long GC, a suspended VM)
    // must not announce what it computed before the pause: another may have taken over.
    if (!(await acquireLease(LEASE_NAME, holder, recordedAt, leaseMs))) {
      leader = false;
      return [];
    }
    const changes: PendingAnnouncement[] = [];
    for (const market of markets) {
      if (!market.announced) await recordBaseline(market, recordedAt).catch(onError);
      const change = pendingAnnouncement(market, recordedAt, catchUpAfterMs);
      if (change) changes.push(change);
    }
    const announced = await recordEach(changes);
    for (const { event, name } of announced) announce(event, name);
    nextTransitionAt =
      markets
        .filter((m) => m.published)
        .map((m) => m.status.nextTransitionAt)
        .filter((t): t is string => t !== null)
        .sort()[0] ?? null;
    return announced.map((a) => a.event);
  }

  /**
   * All the changes of a check in one transaction; should that fail (a market deleted meanwhile, a
   * busy database), one by one, so that one market's failure does not hold back the others'. A
   * failure is reported and retried at the next check.
   */
  async function recordEach(changes: PendingAnnouncement[]) {
    try {
      return await recordAnnouncements(changes);
    } catch (error) {
      if (changes.length === 1) {
        onError(error);
        return [];
      }
      const won: Announcement[] = [];
      for (const change of changes) won.push(...((await recordAnnouncements([change]).catch(onError)) ?? []));
      return won;
    }
  }

  function runOnce() {
    const run = queue.then(check);
    queue = run.catch(() => undefined);
    return run;
  }

  function arm() {
    timers.clear(timer);
    if (!running) return;
    // The leader renews its lease well before it expires; a standby retries as often.
    const renewMs = leaseMs / 3;
    // After a failed check, leader and nextTransitionAt are those of the last good one: a
    // transition due then would make the wait 0, and a database that keeps failing a busy loop.
    const wait = failures
      ? Math.min(renewMs, RETRY_MS * 2 ** Math.min(failures - 1, 20))
      : leader
        ? Math.min(sleepUntilNextTransition(nextTransitionAt, now(), maxSleepMs), renewMs)
        : renewMs;
    timer = timers.set(tick, wait, { unref: true });
  }

  function tick() {
    runOnce().then(
      () => {
        failures = 0;
        arm();
      },
      (error: unknown) => {
        failures++;
        onError(error);
        arm();
      },
    );
  }

  // The short delay lets the writer's transaction commit and groups a burst of writes.
  function wake() {
    if (!running || wakeTimer) return;
    wakeTimer = timers.set(
      () => {
        wakeTimer = undefined;
        tick();
      },
      25,
      { unref: true },
    );
  }

  return {
    holder,
    isLeader: () => leader,
    runOnce,
    wake,
    start() {
      if (running) return;
      running = true;
      unsubscribe = onScheduleWrite(() => {
        wake();
        // Peers hear of a burst of writes once, after it (a rule writes many sessions at once).
        if (!options.onLocalScheduleWrite || peerTimer) return;
        peerTimer = timers.set(
          () => {
            peerTimer = undefined;
            options.onLocalScheduleWrite?.();
          },
          25,
          { unref: true },
        );
      });
      tick();
    },
    async stop({ releaseLease: release = true } = {}) {
      running = false;
      timers.clear(timer);
      timers.clear(wakeTimer);
      timers.clear(peerTimer);
      unsubscribe?.();
      await queue;
      if (release && leader) await releaseLease(LEASE_NAME, holder);
      leader = false;
    },
  };
}
