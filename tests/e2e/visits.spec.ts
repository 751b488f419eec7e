// Page views counted for the report (app/models/visit.server.ts) in a real browser: a client-side
// navigation (single fetch, after the link's hover prefetch) is one INTERNAL view of the stall;
// adding to the basket, which asks the page's loaders again, is not another. (Seen in Chromium: the
// hover's prefetch carries Sec-Purpose: prefetch and is not reused, as the page is no-cache; the
// click asks again with the market page as Referer; the revalidation's Referer is the stall page.)
import { expect, test } from "@playwright/test";
import { e2eDb } from "./db";

const MARKET = "/m/marche-de-noel-rueil";
const STALL = "miellerie-du-mont-valerien";

test("a click from the market to a stall is one INTERNAL view; adding to the basket adds none", async ({ page }) => {
  const db = await e2eDb();
  const stall = await db.stall.findFirstOrThrow({ where: { slug: STALL, market: { slug: MARKET.slice(3) } } });
  const last = await db.pageVisit.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
  const since = { id: { gt: last?.id ?? 0n } };
  const views = () => db.pageVisit.findMany({ where: { ...since, marketId: stall.marketId }, orderBy: { id: "asc" } });

  await page.goto(MARKET);
  // Hover first, as a mouse does: Remix prefetches the stall's data, which is not a view.
  const link = page.getByRole("link", { name: "Miellerie du Mont-Valérien" });
  await link.hover();
  await link.click();
  await expect(page.getByRole("heading", { level: 1, name: "Miellerie du Mont-Valérien" })).toBeVisible();
  await expect
    .poll(async () => (await views()).map((v) => [v.stallId, v.source]), { timeout: 15_000 })
    .toEqual([
      [null, expect.any(String)],
      [stall.id, "INTERNAL"],
    ]);

  const product = "Miel de printemps 500 g";
  const card = page.locator("article", { has: page.getByRole("heading", { name: product }) });
  await card.getByRole("button", { name: `Ajouter ${product} au panier` }).click();
  await expect(page.getByRole("link", { name: /^Panier, \d+ articles?$/ })).toBeVisible();

  // A later view, written after anything the basket's revalidation could have added (one buffer,
  // written in order): once it is there, the stall still has its one view.
  await page
    .getByRole("navigation", { name: /fil d’Ariane/i })
    .getByRole("link", { name: /Marché de Noël/ })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: /Marché de Noël/ })).toBeVisible();
  await expect
    .poll(async () => (await views()).map((v) => [v.stallId, v.source]), { timeout: 15_000 })
    .toEqual([
      [null, expect.any(String)],
      [stall.id, "INTERNAL"],
      [null, "INTERNAL"],
    ]);
});
