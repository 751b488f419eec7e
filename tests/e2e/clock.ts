// Time in the browser tests, moved rather than waited for: the e2e server's clock
// (tests/e2e/serve.ts) and the page's (Playwright's fake clock) are moved together, so a market
// opens or nears its end at once, and the page sees it as a resident would.
import type { Page } from "@playwright/test";

async function clock(path: string, method = "POST"): Promise<Date> {
  const base = process.env.E2E_CLOCK_URL;
  if (!base) throw new Error("E2E_CLOCK_URL is not set: run through the Playwright global set-up");
  const answer = (await (await fetch(base + path, { method })).json()) as { now: string };
  return new Date(answer.now);
}

/** The e2e server's now. */
export const serverNow = () => clock("/", "GET");

/** Puts the page on the server's clock; call before its first navigation. */
export async function useServerClock(page: Page): Promise<Date> {
  const now = await serverNow();
  await page.clock.install({ time: now });
  return now;
}

/** Moves the server's clock and the page's by `ms`: the page's timers that fall due fire once. */
export async function advanceTime(page: Page, ms: number): Promise<void> {
  await clock(`/?advance=${ms}`);
  await page.clock.fastForward(ms);
}

/** Back to the machine's time, for the specs that follow. */
export const resetServerClock = () => clock("/reset");
