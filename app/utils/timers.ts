// Timers injected like the clock, on the server (the sockets' presence, the scheduler, the hold
// sweeper) and in the browser (the chat store's typists and mute): a test runs them itself rather
// than waiting for them.

export type Timers = {
  /** `unref`: the timer alone does not keep Node running (a server's own loops; no-op in browsers). */
  set(run: () => void, ms: number, options?: { unref?: boolean }): unknown;
  clear(handle: unknown): void;
};

/** The platform's own timers (Node's or the browser's). */
export const realTimers: Timers = {
  set: (run, ms, options) => {
    const handle: unknown = setTimeout(run, ms);
    // A browser's handle is a number; Node's is an object that can be unref'd.
    if (options?.unref) (handle as { unref?: () => void }).unref?.();
    return handle;
  },
  clear: (handle) => clearTimeout(handle as Parameters<typeof clearTimeout>[0]),
};
