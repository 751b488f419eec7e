// Timers injected like the clock, on the server (the sockets' presence) and in the browser (the
// chat store's typists and mute): a test runs them itself rather than waiting for them.

export type Timers = {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
};

/** The platform's own timers (Node's or the browser's). */
export const realTimers: Timers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as Parameters<typeof clearTimeout>[0]),
};
