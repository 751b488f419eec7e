// A resident walks the seeded demo: home -> market -> stall, filters, uses the plan's list by
// keyboard. Axe on each page, and screenshots on phone and desktop to look at.
import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yIssues, screenshotPerProject } from "./fixtures";

const MARKET = "Marché de Noël virtuel de Rueil-Malmaison";

const shoot = (page: Page, name: string) => screenshotPerProject(page, `resident-${name}`);

test("a resident walks from the home page to a market and a stall @desktop", async ({ page }) => {
  // Five pages, each scanned by axe (the stall page now holds its chat): longer than the default
  // 30 s on a loaded two-core machine, where it timed out.
  test.setTimeout(90_000);
  // A hydration mismatch (the countdown or a date rendered differently in the browser) is logged
  // as a console error.
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(error.message));
  await page.goto("/");
  const openSection = page.getByRole("region", { name: "Ouverts maintenant" });
  await expect(openSection.getByRole("link", { name: MARKET })).toBeVisible();
  await expect(openSection.getByText("Ouvert", { exact: true })).toBeVisible();
  const upcoming = page.getByRole("region", { name: "Bientôt" });
  await expect(upcoming.getByRole("link", { name: "Foire aux santons et crèches" })).toBeVisible();
  // The countdown ticks once the page is hydrated.
  const countdown = upcoming.getByTestId("countdown");
  const first = await countdown.textContent();
  await expect(countdown).not.toHaveText(first ?? "", { timeout: 3_000 });
  await expect(page.getByRole("region", { name: "Éditions passées" }).getByRole("link")).toHaveText([
    "Marché de Noël 2025",
  ]);
  await expectNoSeriousA11yIssues(page);
  await shoot(page, "home");

  await openSection.getByRole("link", { name: MARKET }).click();
  await expect(page.getByRole("heading", { level: 1, name: MARKET })).toBeVisible();
  await expect(page.getByTestId("market-status")).toContainText("Ouvert maintenant");
  await expect(page.getByRole("heading", { name: "Prochaines ouvertures" })).toBeVisible();
  const grid = page.getByTestId("stall-grid");
  await expect(grid.getByRole("listitem")).toHaveCount(12);
  await expect(grid.getByRole("link", { name: "Crêpes de Brocéliande" })).toHaveCount(0);
  await expectNoSeriousA11yIssues(page);
  await shoot(page, "market");

  await grid.getByRole("link", { name: "Miellerie du Mont-Valérien" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Miellerie du Mont-Valérien" })).toBeVisible();
  const product = page
    .getByRole("article")
    .filter({ has: page.getByRole("heading", { name: "Miel de châtaignier 250 g" }) });
  await expect(product.getByText("9,00 €")).toBeVisible();
  await expect(product.getByText("Plus que 3")).toBeVisible();
  const candle = page
    .getByRole("article")
    .filter({ has: page.getByRole("heading", { name: "Bougie en cire d’abeille" }) });
  await expect(candle.getByTestId("stock-label")).toHaveText("Épuisé");
  await expect(candle.getByRole("button", { name: "Épuisé" })).toBeDisabled();
  await expect(page.getByRole("heading", { name: "Retrait des achats" })).toBeVisible();
  await expectNoSeriousA11yIssues(page);
  await shoot(page, "stall");

  await page.getByRole("link", { name: "Retour au marché" }).click();
  await expect(page.getByRole("heading", { level: 1, name: MARKET })).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test("the stall grid filters by category and by text, instantly", async ({ page }) => {
  await page.goto("/m/marche-de-noel-rueil");
  const grid = page.getByTestId("stall-grid");
  await expect(grid.getByRole("listitem")).toHaveCount(12);

  await page.getByLabel("Catégorie").selectOption({ label: "Chocolatier" });
  await expect(grid.getByRole("link")).toHaveText(["Chocolaterie du Bois-Préau"]);
  await expect(page).toHaveURL(/category=chocolatier/);

  await page.getByLabel("Catégorie").selectOption({ label: "Toutes les catégories" });
  await page.getByRole("searchbox", { name: "Rechercher un chalet" }).fill("miel");
  await expect(grid.getByRole("link", { name: "Miellerie du Mont-Valérien" })).toBeVisible();
  await expect(grid.getByRole("link", { name: "Chocolaterie du Bois-Préau" })).toHaveCount(0);
  await expect(page).toHaveURL(/q=miel/);

  // What is for sale: any apostrophe, accent or case, and the card names the product.
  const search = page.getByRole("searchbox", { name: "Rechercher un chalet" });
  for (const q of ["PAIN D EPICES", "pain d’épices"]) {
    await search.fill(q);
    const honey = grid.getByRole("listitem").filter({ hasText: "Miellerie du Mont-Valérien" });
    await expect(honey.getByTestId("found-products")).toContainText(/Pain d’épices au miel — 10,50\s€/);
  }
  await search.fill("vin chaud");
  await expect(grid.getByTestId("found-products").first()).toContainText("Vin chaud");
  await shoot(page, "search");

  await page.getByRole("searchbox", { name: "Rechercher un chalet" }).fill("introuvable");
  await expect(page.getByText("Aucun chalet ne correspond à votre recherche.")).toBeVisible();
});

test("the plan's list of chalets works with the keyboard", async ({ page }) => {
  // On a phone the plan is the page's other view.
  await page.goto("/m/marche-de-noel-rueil?vue=plan");
  const list = page.getByRole("list", { name: "Liste des chalets du plan" });
  await expect(list.getByRole("listitem")).toHaveCount(12);
  const first = list.getByRole("link").first();
  await expect(first).toHaveAccessibleName(/^Chalet 1\s: /);
  // From the search's last button, Tab goes straight to the list: the drawing's chalets are
  // not tab stops, so keyboard users meet each chalet once, in the list.
  await page.getByRole("search").getByRole("button", { name: "Filtrer" }).focus();
  await page.keyboard.press("Tab");
  await expect(first).toBeFocused();
  await page.keyboard.press("Tab");
  const second = list.getByRole("link").nth(1);
  await expect(second).toBeFocused();
  const name = (await second.textContent())!;
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/m\/marche-de-noel-rueil\/[a-z-]+$/);
  // The address changes a moment before the stall page replaces the market's: wait for its heading.
  const heading = page.getByRole("heading", { level: 1 });
  await expect.poll(async () => name.includes((await heading.textContent()) || "\u0000")).toBe(true);
});
