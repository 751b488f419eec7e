// A market page kept open across its opening, then closed by the organisers from elsewhere:
// the page changes by itself, without a reload.
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { e2eDb } from "./db";
import { expectNoSeriousA11yIssues, screenshotPerProject } from "./fixtures";

// The browser-test database is shared by every spec: the markets made here go when each test ends.
const created: string[] = [];
test.afterEach(async () => {
  const db = await e2eDb();
  await db.market.deleteMany({ where: { id: { in: created.splice(0) } } });
});

test("a market page flips from the countdown to open, then shows the organisers' closing, live", async ({ page }) => {
  const db = await e2eDb();
  const town = await db.town.findFirstOrThrow({ where: { slug: { contains: "rueil" } } });
  const slug = `marche-live-${randomUUID().slice(0, 8)}`;
  const startsAt = new Date(Date.now() + 9_000);
  const market = await db.market.create({
    data: {
      townId: town.id,
      slug,
      name: "Marché éphémère",
      status: "PUBLISHED",
      sessions: { create: { startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000) } },
    },
  });
  created.push(market.id);

  await page.goto(`/m/${slug}`);
  const status = page.getByTestId("market-status");
  await expect(status).toHaveAttribute("data-live", "on");
  await expect(status.getByTestId("live-countdown")).toContainText(/Ouvre dans\s*0:0\d/);
  await expect(status.locator("[data-status]")).toHaveAttribute("data-status", "soon");
  // Anything that reloads the document would drop this marker.
  await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));

  await expect(status.locator("[data-status]")).toHaveAttribute("data-status", "open", { timeout: 20_000 });
  await expect(status).toContainText("Ouvert maintenant");
  await expect(status.getByTestId("live-countdown")).toContainText(/Ferme dans/);

  // The organisers close the market from another instance: only the server's announcement can
  // tell this page (no timer of the page's own is due).
  await db.marketOverride.create({
    data: {
      marketId: market.id,
      kind: "CLOSE",
      startsAt: new Date(),
      endsAt: new Date(startsAt.getTime() + 3_600_000),
      reason: "Alerte tempête",
    },
  });
  await expect(status.getByRole("status").filter({ hasText: "Alerte tempête" })).toBeVisible({ timeout: 10_000 });
  await expect(status.locator("[data-status]")).not.toHaveAttribute("data-status", "open");
  expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);

  await screenshotPerProject(page, "market-closed-by-organisers");
  await expectNoSeriousA11yIssues(page);
});

test("ten minutes before the end, a closing-soon notice appears", async ({ page }) => {
  const db = await e2eDb();
  const town = await db.town.findFirstOrThrow({ where: { slug: { contains: "rueil" } } });
  const slug = `marche-fin-${randomUUID().slice(0, 8)}`;
  const market = await db.market.create({
    data: {
      townId: town.id,
      slug,
      name: "Marché du soir",
      status: "PUBLISHED",
      // Ends in 10 min 8 s: the notice is not there yet, and comes as the countdown crosses 10 min.
      sessions: { create: { startsAt: new Date(Date.now() - 3_600_000), endsAt: new Date(Date.now() + 608_000) } },
    },
  });
  created.push(market.id);
  await page.goto(`/m/${slug}`);
  const status = page.getByTestId("market-status");
  await expect(status).toContainText("Ouvert maintenant");
  await expect(status.getByText(/Le marché ferme dans \d+ min/)).toHaveCount(0);
  await expect(status.getByText("Le marché ferme dans 10 min : pensez à finir vos achats.")).toBeVisible({
    timeout: 15_000,
  });
});
