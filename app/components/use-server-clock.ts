// The server's clock in the browser. A page's loader sends its `serverNow`; the browser notes
// when that value arrived on its own clock, and from then on the server's time is the local
// clock plus the difference (the skew), so a phone set to the wrong time still counts right.
//
// The arrival must be noted when the data arrived, not when an effect first runs: on a first
// load the effect runs after the scripts have loaded and the page hydrated, often seconds after
// the document came, and every countdown would lag by as much. So:
// - the document's data arrived with the document's first byte (Navigation Timing's
//   responseStart). It is turned into wall-clock time by going back from now by the time elapsed
//   since then on the page's monotonic clock (performance.now), rather than through
//   performance.timeOrigin: a wall clock set or synced in between then moves both alike. The
//   hydration render is recognised with useSyncExternalStore, which reads the "server snapshot"
//   only while hydrating.
// - data loaded later (a client-side navigation, a revalidation) is rendered as soon as its
//   fetch resolves: the wall clock at its first render is within a frame or two of its arrival.
//   A serverNow first rendered later than its data arrived would be taken as new; every user
//   renders it at once (LiveStatus, the cards' countdowns), and the first sighting is kept.
// Both are late by the server's work after its loader read the clock plus half a round trip,
// the same for every way of measuring it and well under 100 ms on these pages.
import { useEffect, useState, useSyncExternalStore } from "react";

/** When each `serverNow` arrived, on the browser's wall clock (ms). Browser only. */
const arrivals = new Map<string, number>();
const KEPT_ARRIVALS = 20;

/**
 * When the document arrived on the wall clock: `wallNow` and `perfNow` read together now,
 * `responseStart` from Navigation Timing (same time base as perfNow). Null when unknown.
 */
export function documentArrival(wallNow: number, perfNow: number, responseStart: number | undefined): number | null {
  if (!responseStart || responseStart <= 0 || responseStart > perfNow) return null;
  return wallNow - (perfNow - responseStart);
}

/** How far the server's clock is ahead of the browser's, from a server instant and its arrival. */
export function clockSkew(serverNow: string, arrivedAt: number): number {
  return new Date(serverNow).getTime() - arrivedAt;
}

function noteArrival(serverNow: string, fromDocument: boolean): number {
  let at = arrivals.get(serverNow);
  if (at === undefined) {
    const wallNow = Date.now();
    const navigation = fromDocument
      ? (performance.getEntriesByType?.("navigation")[0] as PerformanceNavigationTiming | undefined)
      : undefined;
    at = documentArrival(wallNow, performance.now(), navigation?.responseStart) ?? wallNow;
    arrivals.set(serverNow, at);
    // A page open all day revalidates many times: keep the latest few.
    for (const old of arrivals.keys()) {
      if (arrivals.size <= KEPT_ARRIVALS) break;
      arrivals.delete(old);
    }
  }
  return at;
}

const subscribeToNothing = () => () => undefined;

/**
 * The server's clock, ticking every `everyMs`. The first render uses the server's value, so
 * server and browser render the same text; the effect then moves it on.
 */
export function useServerClock(serverNow: string, everyMs = 1000): number {
  const hydrating = useSyncExternalStore(
    subscribeToNothing,
    () => false,
    () => true,
  );
  // Noted during render on purpose (see above); idempotent, and never on the server.
  if (typeof document !== "undefined") noteArrival(serverNow, hydrating);
  const [now, setNow] = useState(() => new Date(serverNow).getTime());
  useEffect(() => {
    const skew = clockSkew(serverNow, noteArrival(serverNow, false));
    const tick = () => setNow(Date.now() + skew);
    tick();
    const id = window.setInterval(tick, everyMs);
    return () => window.clearInterval(id);
  }, [serverNow, everyMs]);
  return now;
}
