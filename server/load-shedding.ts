// Load shedding for the sockets' expensive reads (chat history, stock, joins that count presence
// or read a market's schedule). A flood of them, each within every rate limit, still queues more
// work than the event loop can do, and everything else (/healthz, pages, real visitors' writes)
// waits behind it: one client's 1,000 sockets × 10 chat:history stalled /healthz for 10 to 17 s.
// Refusing them early is cheap: a refused read costs a counter and a short answer, BUSY, which
// the browser retries later. Per process, in memory: each instance sheds its own load.

/**
 * Admits at most `maxInFlight` expensive reads at once, at most `maxInFlightPerAddress` of them
 * from one client address, and none while the event loop lags. The share per address comes
 * first: one address's burst is refused before it fills the process and slows everyone else.
 */
export function createLoadShedder(options: {
  maxInFlight: number;
  maxInFlightPerAddress: number;
  maxDelayMs: number;
  delayMs: () => number;
}) {
  let inFlight = 0;
  const perAddress = new Map<string, number>();
  return {
    /** A release to call once the read is answered, or null when it must be refused now (BUSY). */
    admit(address: string): (() => void) | null {
      const mine = perAddress.get(address) ?? 0;
      if (mine >= options.maxInFlightPerAddress || inFlight >= options.maxInFlight) return null;
      if (options.delayMs() > options.maxDelayMs) return null;
      inFlight++;
      perAddress.set(address, mine + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        inFlight--;
        const left = (perAddress.get(address) ?? 1) - 1;
        if (left > 0) perAddress.set(address, left);
        else perAddress.delete(address);
      };
    },
    inFlight: () => inFlight,
  };
}

export type LoadShedder = ReturnType<typeof createLoadShedder>;

/**
 * How late the event loop runs, from a timer that should tick every `periodMs`: the lateness of
 * the last tick, or, when the next one is already overdue (the loop is busy right now, within one
 * long turn of queued events), how overdue it is. The last tick's lateness is kept until the next
 * tick, so a stall sheds load for one more period while the backlog drains. `now` is injectable:
 * tests call tick() themselves on a clock they move.
 */
export function createLagSampler(options: { periodMs?: number; now?: () => number; auto?: boolean } = {}) {
  const periodMs = options.periodMs ?? 100;
  const now = options.now ?? (() => performance.now());
  let lastTick = now();
  let lastLag = 0;
  const tick = () => {
    const at = now();
    lastLag = Math.max(0, at - lastTick - periodMs);
    lastTick = at;
  };
  const timer = options.auto === false ? null : setInterval(tick, periodMs);
  timer?.unref();
  return {
    tick,
    delayMs: () => Math.max(lastLag, now() - lastTick - periodMs),
    stop: () => {
      if (timer) clearInterval(timer);
    },
  };
}
