// The sockets' background work, counted so that a test proving nothing more happens waits for the
// server to be idle instead of sleeping. (Their timers are injected: app/utils/timers.ts.)

/**
 * Counts work the sockets started but nobody awaits (a coalesced presence count, an offline
 * merchant's email): `idle()` resolves once none is left, so a test knows when it has all happened.
 */
export type BackgroundWork = {
  /** Counts the work until it settles; its failure is logged as `what`, never thrown. */
  run(what: string, work: () => Promise<unknown>): void;
  /** One unit of work that ends later (a scheduled timer): call the returned function once when it ends. */
  begin(): () => void;
  idle(): Promise<void>;
};

export function createBackgroundWork(): BackgroundWork {
  let pending = 0;
  let waiting: (() => void)[] = [];
  const begin = () => {
    pending++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      if (--pending > 0) return;
      const resolve = waiting;
      waiting = [];
      resolve.forEach((r) => r());
    };
  };
  return {
    begin,
    run(what, work) {
      const end = begin();
      // Started in a microtask so that a synchronous throw is logged like a rejection.
      Promise.resolve()
        .then(work)
        .catch((error: unknown) => console.error(`${what}:`, error))
        .finally(end);
    },
    idle: () => (pending === 0 ? Promise.resolve() : new Promise((resolve) => waiting.push(resolve))),
  };
}
