// The scheduler when the database fails under it: it must neither spin (retrying at once, for
// ever, while a transition is due) nor let one market's failure hold back the others'.
import { afterEach, describe, expect, it, vi } from "vitest";
import type * as MarketState from "~/models/market-state.server";
import type { SessionTransitionEvent } from "~/realtime/events";
import { db } from "~/utils/db.server";
import { createScheduler } from "../../server/scheduler";
import { createMarket, createSession, createTown } from "../fixtures/factories";
import { ManualTimers } from "../setup/manual-timers";
import { TestClock } from "../setup/server";
import { eventually } from "../setup/wait";

// Lets a test act between the scheduler's load of the markets and its recording of them.
const hooks = vi.hoisted(() => ({ afterLoad: null as null | ((markets: { id: string }[]) => Promise<void>) }));
vi.mock("~/models/market-state.server", async (importOriginal) => {
  const original = await importOriginal<typeof MarketState>();
  return {
    ...original,
    loadWatchedMarkets: async (now: Date) => {
      const markets = await original.loadWatchedMarkets(now);
      await hooks.afterLoad?.(markets);
      return markets;
    },
  };
});

const T0 = new Date("2026-12-05T08:00:00Z");
const minutes = (n: number) => n * 60_000;
const after = (ms: number) => new Date(T0.getTime() + ms);

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  hooks.afterLoad = null;
  while (cleanups.length) await cleanups.pop()!();
});

describe("a scheduler whose checks fail", () => {
  it("backs off instead of retrying at once while a transition is due", async () => {
    const town = await createTown();
    const market = await createMarket(town.id);
    await createSession(market.id, after(minutes(10)), after(minutes(70)));
    const clock = new TestClock(T0);
    const timers = new ManualTimers();
    const errors: unknown[] = [];
    const scheduler = createScheduler({
      now: clock.now,
      holder: "storm",
      leaseMs: 15_000,
      maxSleepMs: 30_000,
      announce: () => undefined,
      onError: (error) => errors.push(error),
      timers,
    });
    cleanups.push(() => scheduler.stop({ releaseLease: false }));

    await scheduler.runOnce(); // leader; the next transition is the opening at T0 + 10 min
    expect(scheduler.isLeader()).toBe(true);
    clock.set(after(minutes(10))); // the opening is due...
    // ...and the database fails on every check from now on.
    await db.$executeRawUnsafe(`ALTER TABLE "SchedulerLease" RENAME TO "SchedulerLease_away"`);
    cleanups.push(() => db.$executeRawUnsafe(`ALTER TABLE "SchedulerLease_away" RENAME TO "SchedulerLease"`));

    // start() checks at once; the failed check arms the scheduler's one timer, the retry.
    scheduler.start();
    const [firstWait] = await eventually(() => timers.waiting.length > 0 && timers.waiting);
    expect(errors).toHaveLength(1);
    // Before the fix the wait was 0: the due transition made it retry at once, for ever.
    expect(firstWait).toBeGreaterThanOrEqual(250);
    expect(firstWait).toBeLessThanOrEqual(15_000 / 3);

    // The retry fails too: the next wait is longer, still within a lease renewal.
    timers.runAll();
    const [secondWait] = await eventually(() => errors.length === 2 && timers.waiting.length > 0 && timers.waiting);
    expect(secondWait).toBeGreaterThan(firstWait!);
    expect(secondWait).toBeLessThanOrEqual(15_000 / 3);
  });

  it("announces the other markets when one fails (here: deleted between load and record)", async () => {
    const town = await createTown();
    // Never seen by the scheduler: recording its baseline is what fails once it is gone.
    const doomed = await createMarket(town.id);
    await createSession(doomed.id, after(minutes(10)), after(minutes(70)));
    const healthy = await createMarket(town.id);
    await createSession(healthy.id, after(minutes(10)), after(minutes(70)));
    await db.marketState.create({ data: { marketId: healthy.id, open: false, since: T0 } });

    const errors: unknown[] = [];
    const heard: SessionTransitionEvent[] = [];
    const clock = new TestClock(after(minutes(10)));
    const scheduler = createScheduler({
      now: clock.now,
      holder: "isolation",
      leaseMs: 15_000,
      maxSleepMs: 30_000,
      announce: (event) => heard.push(event),
      onError: (error) => errors.push(error),
    });
    hooks.afterLoad = async (markets) => {
      await db.market.delete({ where: { id: doomed.id } });
      // The doomed market first, so that its failure would stop the loop before the healthy one.
      markets.sort((a, b) => Number(b.id === doomed.id) - Number(a.id === doomed.id));
    };
    cleanups.push(() => scheduler.stop());

    const announced = await scheduler.runOnce();
    expect(announced.filter((e) => e.marketId === healthy.id)).toEqual([expect.objectContaining({ open: true })]);
    expect(heard.map((e) => e.marketId)).toContain(healthy.id);
    expect(errors).toHaveLength(1);
  });

  it("does not announce what it computed before a pause longer than its lease", async () => {
    const town = await createTown();
    const market = await createMarket(town.id);
    await createSession(market.id, after(minutes(10)), after(minutes(20)));
    await db.marketState.create({ data: { marketId: market.id, open: false, since: T0 } });
    const clock = new TestClock(after(minutes(15)));
    const heard: Record<string, SessionTransitionEvent[]> = { a: [], b: [] };
    const make = (holder: "a" | "b") =>
      createScheduler({
        now: clock.now,
        holder,
        leaseMs: 15_000,
        maxSleepMs: 30_000,
        announce: (event) => {
          if (event.marketId === market.id) heard[holder]!.push(event);
        },
      });
    const a = make("a");
    const b = make("b");
    cleanups.push(
      () => a.stop(),
      () => b.stop(),
    );

    // A loads the market open (mid-session), then stalls past its lease and the session's end;
    // B takes over meanwhile and finds nothing to say (closed before, closed now).
    hooks.afterLoad = async () => {
      hooks.afterLoad = null;
      clock.set(after(minutes(25)));
      await b.runOnce();
    };
    await a.runOnce();
    expect(b.isLeader()).toBe(true);
    expect(a.isLeader()).toBe(false);
    // Without the second look at the lease, A announced an opening that was already over.
    expect(heard).toEqual({ a: [], b: [] });
  });
});
