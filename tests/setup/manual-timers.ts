import type { Timers } from "~/utils/timers";

/**
 * Timers that fire only when the test says so: proving that nothing happens takes no waiting.
 * For the sockets' presence, the scheduler and the hold sweeper (createServer's `timers`).
 */
export class ManualTimers implements Timers {
  private next = 0;
  private readonly pending = new Map<number, { run: () => void; ms: number }>();

  set = (run: () => void, ms: number): unknown => {
    const handle = ++this.next;
    this.pending.set(handle, { run, ms });
    return handle;
  };

  clear = (handle: unknown): void => {
    this.pending.delete(handle as number);
  };

  /** The delays of the timers waiting now. */
  get waiting(): number[] {
    return [...this.pending.values()].map((t) => t.ms);
  }

  /** Fires every timer waiting now (not those they set), or only those set for `ms`. */
  runAll(ms?: number): void {
    const due = [...this.pending].filter(([, t]) => ms === undefined || t.ms === ms);
    for (const [handle] of due) this.pending.delete(handle);
    for (const [, timer] of due) timer.run();
  }
}
