// The scheduler when the database fails under it: it must neither spin (retrying at once, for
// ever, while a transition is due) nor let one market's failure hold back the others'.
import { afterEach, describe, expect, it, vi } from "vitest";
import type * as MarketState from "~/models/market-state.server";
import type { SessionTransitionEvent } from "~/realtime/events";
import { db } from "~/utils/db.server";
import { createScheduler } from "../../server/scheduler";
import { createMarket, createSession, createTown } from "../fixtures/factories";
import { TestClock } from "../setup/server";

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
  vi.restoreAllMocks();
  hooks.afterLoad = null;
  while (cleanups.length) await cleanups.pop()!();
});

describe("a scheduler whose checks fail", () => {
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
});
