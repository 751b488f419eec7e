// Adding to the basket with the keyboard (issue 17): focus stays on the "Ajouter au panier" button
// when the page goes live (the plain form is swapped for the fetcher's) and after each add (the
// button is not disabled while the fetcher works, which sent focus to the page), and the add is
// said in the card's polite live region.
import { expect, test } from "@playwright/test";
import { screenshotPerProject } from "./fixtures";

const STALL = "/m/marche-de-noel-rueil/miellerie-du-mont-valerien";
const HONEY = "Miel de printemps 500 g";

test("a keyboard user adds to the basket twice and focus stays on the button", async ({ page }) => {
  // The page's scripts wait until the button has focus: the swap to the live form happens under it.
  let load!: () => void;
  const loading = new Promise<void>((resolve) => (load = resolve));
  await page.route("**/build/**", async (route) => {
    await loading;
    await route.continue();
  });
  await page.goto(STALL, { waitUntil: "commit" });
  const card = page.locator("article", { has: page.getByRole("heading", { name: HONEY }) });
  const button = card.getByRole("button", { name: `Ajouter ${HONEY} au panier` });
  await button.focus();
  await expect(button).toBeFocused();
  load();
  // Live: the fetcher's form (it asks /basket to stay on the page) has replaced the plain one.
  await expect(card.locator('input[name="stay"]')).toHaveCount(1);
  await expect(button).toBeFocused();

  const notice = card.locator('[aria-live="polite"]');
  await page.keyboard.press("Enter");
  await expect(page.getByRole("link", { name: "Panier, 1 article" })).toBeVisible();
  await expect(notice).toContainText(`${HONEY} : 1 dans le panier.`);
  await expect(button).toBeFocused();
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("BUTTON");

  // Enter again, straight away: still the button, still announced.
  await page.keyboard.press("Enter");
  await expect(page.getByRole("link", { name: "Panier, 2 articles" })).toBeVisible();
  await expect(notice).toContainText(`${HONEY} : 2 dans le panier.`);
  await expect(button).toBeFocused();
  await screenshotPerProject(page, "add-focus");
});
