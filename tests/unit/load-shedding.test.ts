// The load shedder and the event-loop lag sampler of server/load-shedding.ts, on a clock the
// test moves: no timer runs, the test ticks the sampler itself.
import { describe, expect, it } from "vitest";
import { createLagSampler, createLoadShedder } from "../../server/load-shedding";

describe("createLoadShedder", () => {
  it("admits at most maxInFlight reads at once and one more once one is released", () => {
    const shedder = createLoadShedder({ maxInFlight: 2, maxInFlightPerAddress: 2, maxDelayMs: 100, delayMs: () => 0 });
    const first = shedder.admit("a");
    const second = shedder.admit("b");
    expect(first).not.toBeNull();
    expect(second).not.toBeNull();
    expect(shedder.admit("c")).toBeNull();
    first!();
    first!(); // released twice counts once
    expect(shedder.inFlight()).toBe(1);
    expect(shedder.admit("c")).not.toBeNull();
    expect(shedder.admit("a")).toBeNull();
  });

  it("admits at most maxInFlightPerAddress from one address, and others meanwhile", () => {
    const shedder = createLoadShedder({ maxInFlight: 10, maxInFlightPerAddress: 2, maxDelayMs: 100, delayMs: () => 0 });
    const mine = [shedder.admit("a"), shedder.admit("a")];
    expect(mine.every(Boolean)).toBe(true);
    expect(shedder.admit("a")).toBeNull();
    expect(shedder.admit("b")).not.toBeNull();
    mine[0]!();
    expect(shedder.admit("a")).not.toBeNull();
  });

  it("admits none while the event loop's delay is over the threshold", () => {
    let delay = 150;
    const shedder = createLoadShedder({
      maxInFlight: 10,
      maxInFlightPerAddress: 10,
      maxDelayMs: 100,
      delayMs: () => delay,
    });
    expect(shedder.admit("a")).toBeNull();
    expect(shedder.inFlight()).toBe(0);
    delay = 100;
    expect(shedder.admit("a")).not.toBeNull();
  });
});

describe("createLagSampler", () => {
  it("tells how late its last tick was, and how overdue the next one is while the loop is busy", () => {
    let now = 1_000;
    const sampler = createLagSampler({ periodMs: 100, now: () => now, auto: false });
    now += 100;
    sampler.tick();
    expect(sampler.delayMs()).toBe(0);

    // The loop was busy for 700 ms: the tick came 600 ms late.
    now += 700;
    sampler.tick();
    expect(sampler.delayMs()).toBe(600);
    // Kept until the next tick, which comes on time: the loop caught up.
    now += 50;
    expect(sampler.delayMs()).toBe(600);
    now += 50;
    sampler.tick();
    expect(sampler.delayMs()).toBe(0);

    // Busy right now: the tick that should have come 300 ms ago has not run yet.
    now += 400;
    expect(sampler.delayMs()).toBe(300);
    sampler.stop();
  });
});
