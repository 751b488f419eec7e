// On a 390 px phone: the header shares one row for a visitor and for a merchant (whose "Commandes
// reçues" it carries), in French and in English, and its menu works with the keyboard; the market
// page switches between its list and its plan at the top, the choice kept in the address.
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, headerMenu, loginAs } from "./fixtures";

const MARKET = "/m/marche-de-noel-rueil";

test.use({ viewport: { width: 390, height: 844 } });

/** Every item of the header's row (the name, each link and the menu) on one shared line. */
async function expectOneRow(page: Page) {
  const banner = page.getByRole("banner");
  const items = banner.locator(":scope > div > a, :scope > div > nav > *:visible");
  await expect(items.first()).toBeVisible();
  const boxes = await items.evaluateAll((elements) =>
    elements
      .map((element) => element.getBoundingClientRect())
      .filter((box) => box.height > 1) // not the sr-only live region
      .map(({ top, bottom, right }) => ({ top, bottom, right })),
  );
  expect(boxes.length).toBeGreaterThanOrEqual(3);
  // One row: every item overlaps every other vertically, none goes past the screen's edge, and
  // the whole header is less than two items high.
  expect(Math.max(...boxes.map((b) => b.top))).toBeLessThan(Math.min(...boxes.map((b) => b.bottom)));
  expect(Math.max(...boxes.map((b) => b.right))).toBeLessThanOrEqual(390);
  const tallest = Math.max(...boxes.map((b) => b.bottom - b.top));
  const header = (await banner.boundingBox())!;
  expect(header.height).toBeLessThan(2 * tallest);
  expect(header.width).toBeLessThanOrEqual(390);
}

test("the header keeps one row at 390 px for a visitor and a merchant, in French and English; its menu works with the keyboard", async ({
  page,
}) => {
  await page.goto(MARKET);
  await expectOneRow(page);
  const banner = page.getByRole("banner");
  await expect(banner.getByRole("link", { name: "Se connecter" })).toBeVisible();
  await expect(banner.getByRole("link", { name: "Panier, 0 article" })).toBeVisible();

  // The menu: Enter opens it, its links are next in the tab order, Escape closes it and gives
  // the focus back to its button.
  const menu = banner.getByTestId("header-menu");
  const summary = menu.locator("summary");
  await expect(summary).toHaveAccessibleName("Menu");
  await page.waitForFunction(() => "__remixRouter" in window);
  await summary.focus();
  await page.keyboard.press("Enter");
  await expect(menu.getByRole("link", { name: "Créer un compte" })).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(menu.getByRole("link", { name: "Créer un compte" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(menu.getByRole("link", { name: "Créer un compte" })).toBeHidden();
  await expect(summary).toBeFocused();

  await loginAs(page, "marchand@demo.chalet.test", DEMO_PASSWORD, { redirectTo: MARKET });
  await expect(banner.getByTestId("orders-received")).toBeVisible();
  await expectOneRow(page);
  // A link of the menu goes there, and the menu is closed on the next page.
  await (await headerMenu(page)).getByRole("link", { name: "Mes stands" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mes stands" })).toBeVisible();
  await expect(menu).not.toHaveAttribute("open");

  await (await headerMenu(page)).getByRole("button", { name: "English" }).click();
  await expect(banner.getByRole("link", { name: /^Basket, / })).toBeVisible();
  await expectOneRow(page);
  await page.goto(MARKET);
  await expectOneRow(page);
  await expect(banner.getByTestId("orders-received")).toHaveAccessibleName(/^Orders received: \d+ to prepare$/);
});

test("on a phone the market page shows its list or its plan, switched with the keyboard, kept in the address", async ({
  page,
  browser,
}) => {
  await page.goto(MARKET);
  const grid = page.getByTestId("stall-grid");
  const planList = page.getByRole("list", { name: "Liste des chalets du plan" });
  const views = page.getByRole("navigation", { name: "Afficher les chalets" });
  await expect(grid.getByRole("listitem")).toHaveCount(12);
  await expect(planList).toBeHidden();
  await expect(views.getByRole("link", { name: "En liste" })).toHaveAttribute("aria-current", "page");
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  test.info().annotations.push({ type: "market page height, list (px)", description: String(height) });

  // The search stays, and the plan shows what it found.
  await page.waitForFunction(() => "__remixRouter" in window);
  await page.getByRole("searchbox", { name: "Rechercher un chalet" }).fill("miel");
  await expect(grid.getByRole("link", { name: "Chocolaterie du Bois-Préau" })).toHaveCount(0);
  await views.getByRole("link", { name: "Sur le plan" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\?q=miel&vue=plan$/);
  await expect(planList.getByRole("listitem")).toHaveCount(12);
  await expect(grid).toBeHidden();
  await expect(views.getByRole("link", { name: "Sur le plan" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("searchbox", { name: "Rechercher un chalet" })).toHaveValue("miel");

  // Back and forward move between the two views.
  await page.goBack();
  await expect(grid.getByRole("link", { name: "Miellerie du Mont-Valérien" })).toBeVisible();
  await expect(planList).toBeHidden();
  await page.goForward();
  await expect(planList).toBeVisible();
  await views.getByRole("link", { name: "En liste" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\?q=miel$/);
  await expect(grid.getByRole("link", { name: "Miellerie du Mont-Valérien" })).toBeVisible();
  await expect(grid.getByRole("link", { name: "Chocolaterie du Bois-Préau" })).toHaveCount(0);
  await page.getByRole("link", { name: "Tout afficher" }).click();
  await expect(page).toHaveURL(/\/m\/marche-de-noel-rueil$/);
  await expect(grid.getByRole("listitem")).toHaveCount(12);

  // Without JavaScript the switch is two plain links.
  const bare = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const noScript = await bare.newPage();
  await noScript.goto(new URL(MARKET, page.url()).href);
  await noScript.getByRole("link", { name: "Sur le plan" }).click();
  await expect(noScript.getByRole("list", { name: "Liste des chalets du plan" })).toBeVisible();
  await expect(noScript.getByTestId("stall-grid")).toBeHidden();
  await bare.close();
});
