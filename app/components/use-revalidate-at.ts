import { useRevalidator } from "@remix-run/react";
import { useEffect } from "react";

// Longest single wait: setTimeout overflows past ~24.8 days, and a shorter wait lets a sleeping
// laptop catch up soon after it wakes.
const MAX_WAIT_MS = 60 * 60 * 1000;

/**
 * Reloads the page's data when the first of these instants passes (a market opens or closes),
 * so badges and sections change without a manual refresh. Times are on the server's clock.
 */
export function useRevalidateAt(instants: readonly (string | null | undefined)[], serverNow: string) {
  const { revalidate } = useRevalidator();
  const key = instants.filter(Boolean).join("|");
  useEffect(() => {
    const skew = new Date(serverNow).getTime() - Date.now();
    const times = key
      .split("|")
      .filter(Boolean)
      .map((iso) => new Date(iso).getTime());
    const nowMs = Date.now() + skew;
    const upcoming = times.filter((ms) => ms > nowMs);
    if (!upcoming.length) return;
    const wait = Math.min(Math.min(...upcoming) - nowMs + 500, MAX_WAIT_MS);
    const id = window.setTimeout(() => revalidate(), wait);
    return () => window.clearTimeout(id);
  }, [key, serverNow, revalidate]);
}
