import { useEffect, useState } from "react";

/**
 * The server's clock in the browser, ticking every `everyMs`: the server's instant at render,
 * moved on by the local clock, so a phone set to the wrong time still counts down correctly.
 * The first render uses the server's value, so server and browser render the same text.
 */
export function useServerClock(serverNow: string, everyMs = 1000): number {
  const [now, setNow] = useState(() => new Date(serverNow).getTime());
  useEffect(() => {
    const skew = new Date(serverNow).getTime() - Date.now();
    const tick = () => setNow(Date.now() + skew);
    tick();
    const id = window.setInterval(tick, everyMs);
    return () => window.clearInterval(id);
  }, [serverNow, everyMs]);
  return now;
}
