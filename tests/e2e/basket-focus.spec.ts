// The basket with a keyboard and a screen reader: a quantity typed and sent with Enter keeps focus
// in its field (drawn again with the new value), removing a line puts focus on the notice that
// says so, and every notice lands in a live region that was already in the page.
import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yIssues, screenshotPerProject } from "./fixtures";

const STALL = "/m/marche-de-noel-rueil/miellerie-du-mont-valerien";
const HONEY = "Miel de printemps 500 g";
const SPICE = "Pain d’épices au miel";

async function add(page: Page, product: string, count: string) {
  await page.goto(STALL);
  const card = page.locator("article", { has: page.getByRole("heading", { name: product }) });
  await card.getByRole("button", { name: `Ajouter ${product} au panier` }).click();
  await expect(page.getByRole("link", { name: count })).toBeVisible();
}

test("a keyboard user edits and empties the basket without losing focus @desktop", async ({ page }) => {
  await add(page, HONEY, "Panier, 1 article");
  await add(page, SPICE, "Panier, 2 articles");
  await page.goto("/basket");
  const main = page.getByRole("main");
  // Live regions exist before anything is said in them.
  await expect(main.getByRole("status")).toHaveCount(1);
  await expect(main.getByRole("alert")).toHaveCount(1);

  const quantity = main.getByLabel(`Quantité de ${HONEY}`, { exact: true });
  await quantity.fill("2");
  await quantity.press("Enter");
  await expect(main.getByRole("status")).toContainText(`${HONEY} : quantité mise à jour (2).`);
  await expect(quantity).toHaveValue("2");
  await expect(quantity).toBeFocused();
  await expectNoSeriousA11yIssues(page);
  await screenshotPerProject(page, "basket-updated");

  await main.getByRole("button", { name: `Retirer ${SPICE} du panier` }).click();
  await expect(main.getByRole("status")).toContainText(`${SPICE} retiré du panier.`);
  await expect(page.getByTestId("basket-notices")).toBeFocused();
  await expect(main.getByLabel(`Quantité de ${SPICE}`, { exact: true })).toHaveCount(0);
  await screenshotPerProject(page, "basket-removed");
});
