// A market page kept open across its opening, then closed by the organisers from elsewhere:
// the page changes by itself, without a reload.
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { advanceTime, resetServerClock, serverNow, useServerClock } from "./clock";
import { e2eDb } from "./db";
import { expectNoSeriousA11yIssues, screenshotPerProject } from "./fixtures";

// The browser-test database is shared by every spec: the markets made here go when each test ends.
const created: string[] = [];
test.afterEach(async () => {
  const db = await e2eDb();
  await db.market.deleteMany({ where: { id: { in: created.splice(0) } } });
  await resetServerClock();
});

test("a market page flips from the countdown to open, then shows the organisers' closing, live", async ({ page }) => {
  // The opening is a minute ahead on the server's clock and the page's: both are moved past it.
  const now = await useServerClock(page);
  const startsAt = new Date(now.getTime() + 60_000);
  const market = await marketWithSession("Marché éphémère", startsAt, new Date(startsAt.getTime() + 3_600_000));
  await untilScheduled(market.id);

  await page.goto(`/m/${market.slug}`);
  const status = page.getByTestId("market-status");
  await expect(status).toHaveAttribute("data-live", "on");
  await expect(status.getByTestId("live-countdown")).toContainText(/Ouvre dans\s*(0:[0-5]\d|1:00)/);
  await expect(status.locator("[data-status]")).toHaveAttribute("data-status", "soon");
  // Anything that reloads the document would drop this marker.
  await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));

  await advanceTime(page, 61_000);
  await expect(status.locator("[data-status]")).toHaveAttribute("data-status", "open");
  await expect(status).toContainText("Ouvert maintenant");
  await expect(status.getByTestId("live-countdown")).toContainText(/Ferme dans/);
  // The scheduler announced the opening on the moved clock (not a first sight of it).
  const db = await e2eDb();
  await expect
    .poll(() => db.marketTransition.count({ where: { marketId: market.id, open: true, cause: { not: "BASELINE" } } }))
    .toBe(1);

  // The organisers close the market from another instance: only the server's announcement can
  // tell this page (no timer of the page's own is due).
  await closeByOrganisers(market.id, new Date(startsAt.getTime() + 3_600_000), "Alerte tempête");
  await expect(status.getByRole("status").filter({ hasText: "Alerte tempête" })).toBeVisible({ timeout: 10_000 });
  await expect(status.locator("[data-status]")).not.toHaveAttribute("data-status", "open");
  expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);

  await screenshotPerProject(page, "market-closed-by-organisers");
  await expectNoSeriousA11yIssues(page);
});

test("ten minutes before the end, a closing-soon notice appears", async ({ page }) => {
  const now = await useServerClock(page);
  // Ends in 10 min 15 s: the notice is not there yet, and comes as the countdown crosses 10 min.
  const market = await marketWithSession(
    "Marché du soir",
    new Date(now.getTime() - 3_600_000),
    new Date(now.getTime() + 615_000),
  );
  await page.goto(`/m/${market.slug}`);
  const status = page.getByTestId("market-status");
  await expect(status).toContainText("Ouvert maintenant");
  await expect(status.getByText(/Le marché ferme dans \d+ min/)).toHaveCount(0);
  await advanceTime(page, 20_000);
  await expect(status.getByText("Le marché ferme dans 10 min : pensez à finir vos achats.")).toBeVisible();
});

// ---------------------------------------------------------------------------------------------
// The browser side: offline note, the join's answer, the clock's skew, one voice at a time.

/** A published market in the demo town with one session, removed when the test ends. */
async function marketWithSession(name: string, startsAt: Date, endsAt: Date) {
  const db = await e2eDb();
  const town = await db.town.findFirstOrThrow({ where: { slug: { contains: "rueil" } } });
  const slug = `marche-${randomUUID().slice(0, 8)}`;
  const market = await db.market.create({
    data: { townId: town.id, slug, name, status: "PUBLISHED", sessions: { create: { startsAt, endsAt } } },
  });
  created.push(market.id);
  return { ...market, slug };
}

/** Waits until the scheduler has seen the market (its baseline), so a later change is announced. */
async function untilScheduled(marketId: string) {
  const db = await e2eDb();
  await expect.poll(() => db.marketTransition.count({ where: { marketId } }), { timeout: 10_000 }).toBeGreaterThan(0);
}

/** Closes the market now, as an organiser on another instance would. */
async function closeByOrganisers(marketId: string, until: Date, reason: string) {
  const db = await e2eDb();
  const startsAt = await serverNow();
  await db.marketOverride.create({ data: { marketId, kind: "CLOSE", startsAt, endsAt: until, reason } });
}

test("offline: a note while the connection is lost, gone once back, and reconnecting reloads nothing unchanged", async ({
  page,
  context,
}) => {
  const endsAt = new Date(Date.now() + 3 * 3_600_000);
  const market = await marketWithSession("Marché des lumières", new Date(Date.now() - 3_600_000), endsAt);
  await untilScheduled(market.id);
  await page.goto(`/m/${market.slug}`);
  const status = page.getByTestId("market-status");
  const notices = status.getByTestId("live-notices");
  await expect(status).toHaveAttribute("data-live", "on");
  // Not before a first connection was lost.
  await expect(status.getByTestId("live-offline")).toHaveCount(0);
  // The countdown speaks of the closing, once (its visible label is hidden from screen readers).
  await expect(status.getByTestId("countdown-announcer")).toHaveText(/^Ferme dans \d+ heures$/);
  await expect(status.getByTestId("live-countdown").getByText("Ferme dans", { exact: true })).toHaveAttribute(
    "aria-hidden",
    "true",
  );
  const dataRequests: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname.endsWith(".data")) dataRequests.push(request.url());
  });
  // The region that will announce the organisers' closing is there before it: mark it.
  await notices.evaluate((element) => element.setAttribute("data-was-there", "yes"));

  await context.setOffline(true);
  await expect(notices.getByText("Hors ligne : reconnexion…")).toBeVisible();
  await expect(status).toHaveAttribute("data-live", "off");
  await screenshotPerProject(page, "market-offline");
  await expectNoSeriousA11yIssues(page);

  await context.setOffline(false);
  await expect(status).toHaveAttribute("data-live", "on", { timeout: 20_000 });
  await expect(status.getByTestId("live-offline")).toHaveCount(0);

  // Nothing changed while offline: the reconnection's join answers matched the page, no reload.
  // The organisers' closing then reloads it, once, and is announced in the region marked above.
  await closeByOrganisers(market.id, endsAt, "Panne de courant");
  await expect(notices.getByText("Fermé par l’organisation : Panne de courant")).toBeVisible({ timeout: 10_000 });
  await expect(notices).toHaveAttribute("data-was-there", "yes");
  expect(dataRequests).toHaveLength(1);
});

test("an organisers' closing between the page's render and its socket's connection is caught by the join's answer", async ({
  page,
}) => {
  const endsAt = new Date(Date.now() + 3 * 3_600_000);
  const market = await marketWithSession("Marché du pont", new Date(Date.now() - 3_600_000), endsAt);
  await untilScheduled(market.id);
  // Hold the socket's connection (Socket.IO starts with HTTP long-polling) until told.
  let connect!: () => void;
  const connecting = new Promise<void>((resolve) => (connect = resolve));
  await page.route("**/socket.io/**", async (route) => {
    await connecting;
    await route.continue();
  });
  await page.goto(`/m/${market.slug}`);
  const status = page.getByTestId("market-status");
  await expect(status.locator("[data-status]")).toHaveAttribute("data-status", "open");
  await expect(status).toHaveAttribute("data-live", "off");
  await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));

  // Closed and announced to the market's room while this page is not in it yet.
  await closeByOrganisers(market.id, endsAt, "Vent violent");
  const db = await e2eDb();
  await expect
    .poll(() => db.marketTransition.count({ where: { marketId: market.id, open: false, cause: { not: "BASELINE" } } }))
    .toBe(1);
  connect();

  await expect(status).toHaveAttribute("data-live", "on");
  await expect(status.getByTestId("live-notices")).toContainText("Vent violent");
  await expect(status.locator("[data-status]")).not.toHaveAttribute("data-status", "open");
  expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
});

test("the countdown is right from the first second, however long the page's scripts took to load", async ({ page }) => {
  const startsAt = new Date(Date.now() + 5 * 60_000);
  const market = await marketWithSession("Marché de l'aube", startsAt, new Date(startsAt.getTime() + 3_600_000));
  // The page hydrates four seconds after its document arrived (a slow phone, a slow network).
  let load!: () => void;
  const loading = new Promise<void>((resolve) => (load = resolve));
  await page.route("**/build/**", async (route) => {
    await loading;
    await route.continue();
  });
  // The document's own markup is there at once; its scripts wait.
  await page.goto(`/m/${market.slug}`, { waitUntil: "commit" });
  await expect(page.getByTestId("countdown")).toBeVisible();
  await page.waitForTimeout(4_000);
  load();
  const status = page.getByTestId("market-status");
  await expect(status).toHaveAttribute("data-live", "on");
  // Once hydrated, the countdown counts from the document's arrival, not from the hydration:
  // measuring at hydration would show four seconds too many.
  const shown = await status.getByTestId("countdown").textContent();
  const truth = (startsAt.getTime() - Date.now()) / 1000;
  const [minutes, seconds] = (shown ?? "").split(":").map(Number);
  const shownSeconds = minutes! * 60 + seconds!;
  expect(Math.abs(shownSeconds - truth), `shown ${shown}, truly ${truth.toFixed(1)} s`).toBeLessThanOrEqual(2);
});

test("closing soon: the notice speaks and the countdown keeps quiet, one voice each minute", async ({ page }) => {
  const market = await marketWithSession(
    "Marché de minuit",
    new Date(Date.now() - 3_600_000),
    new Date(Date.now() + 9 * 60_000 + 30_000),
  );
  await page.goto(`/m/${market.slug}`);
  const status = page.getByTestId("market-status");
  await expect(status).toHaveAttribute("data-live", "on");
  const notices = status.getByTestId("live-notices");
  await expect(notices).toHaveAttribute("role", "status");
  await expect(notices.getByText("Le marché ferme dans 10 min : pensez à finir vos achats.")).toBeVisible();
  // The countdown's live region is empty; its words are still there to read, outside any live region.
  await expect(status.getByTestId("countdown-announcer")).toBeEmpty();
  await expect(status.getByTestId("live-countdown").locator(".sr-only:not([aria-live])")).toHaveText(
    "Ferme dans 10 minutes",
  );
  expect(await page.locator("[aria-live]:not(:empty), [role=status]:not(:empty)").count()).toBe(1);
  await screenshotPerProject(page, "market-closing-soon");
  await expectNoSeriousA11yIssues(page);
});

test("an extension moves the closing time on the open page (session:updated)", async ({ page }) => {
  const endsAt = new Date(Date.now() + 3 * 3_600_000);
  const market = await marketWithSession("Marché prolongé", new Date(Date.now() - 3_600_000), endsAt);
  await untilScheduled(market.id);
  await page.goto(`/m/${market.slug}`);
  const status = page.getByTestId("market-status");
  await expect(status).toHaveAttribute("data-live", "on");
  const time = (at: Date) =>
    new Intl.DateTimeFormat("fr-FR", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Paris" }).format(at);
  await expect(status).toContainText(`Ferme à ${time(endsAt)}`);

  // An organiser extends the opening by an hour from elsewhere: still open, the closing moves.
  const db = await e2eDb();
  const later = new Date(endsAt.getTime() + 3_600_000);
  await db.marketOverride.create({ data: { marketId: market.id, kind: "OPEN", startsAt: endsAt, endsAt: later } });
  await expect(status).toContainText(`Ferme à ${time(later)}`, { timeout: 10_000 });
  await expect(status.locator("[data-status]")).toHaveAttribute("data-status", "open");
});
