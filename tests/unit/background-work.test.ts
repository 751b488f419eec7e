// The count of the sockets' background work behind server.idle(): what tests wait for instead of sleeping.
import { describe, expect, it, vi } from "vitest";
import { createBackgroundWork } from "../../server/sockets/background-work";

/** Whether the promise has settled once pending microtasks and I/O callbacks ran. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe("createBackgroundWork", () => {
  it("is idle at once with nothing running, and only once every piece of work has ended", async () => {
    const work = createBackgroundWork();
    expect(await settled(work.idle())).toBe(true);

    let finish!: () => void;
    work.run("slow", () => new Promise<void>((resolve) => (finish = resolve)));
    const end = work.begin();
    const idle = work.idle();
    expect(await settled(idle)).toBe(false);
    end();
    end(); // a second call ends nothing more
    expect(await settled(idle)).toBe(false);
    finish();
    expect(await settled(idle)).toBe(true);
  });

  it("logs a failure (thrown or rejected) instead of throwing it, and still ends the work", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const work = createBackgroundWork();
    work.run("rejects", () => Promise.reject(new Error("no")));
    work.run("throws", () => {
      throw new Error("at once");
    });
    await work.idle();
    expect(errors.mock.calls.map((call) => call[0]).sort()).toEqual(["rejects:", "throws:"]);
    errors.mockRestore();
  });
});
