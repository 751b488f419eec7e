// A resident fills a basket from two stalls of the demo market while logged out, logs in from
// "Payer" (the basket follows), pays with the test card on the sandbox's hosted page, and lands
// on their order page, which turns to "Payée" when the webhook arrives, without a reload.
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, expectNoSeriousA11yIssues, headerMenu } from "./fixtures";
import { chooseFirstSlot } from "./pickup";

const MARKET = "/m/marche-de-noel-rueil";
const SHOTS = process.env.SHOP_SCREENS_DIR ?? "test-results/screens";

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}-${test.info().project.name}.png`, fullPage: true });
}

/** Works hydrated (a fetcher, the card says so) or not yet (a plain post, back to the page). */
async function addToBasket(page: Page, stallSlug: string, product: string, basketLabel: string) {
  await page.goto(`${MARKET}/${stallSlug}`);
  const card = page.locator("article", { has: page.getByRole("heading", { name: product }) });
  await card.getByRole("button", { name: `Ajouter ${product} au panier` }).click();
  await expect(page.getByRole("link", { name: basketLabel })).toBeVisible();
}

test("a resident buys from two stalls and sees the order paid @desktop", async ({ page }) => {
  await addToBasket(page, "miellerie-du-mont-valerien", "Miel de printemps 500 g", "Panier, 1 article");
  await addToBasket(page, "chocolaterie-bois-preau", "Ballotin 250 g", "Panier, 2 articles");
  await shot(page, "shop-stall");

  // A sold-out product cannot be added.
  await page.goto(`${MARKET}/miellerie-du-mont-valerien`);
  const candle = page.locator("article", { has: page.getByRole("heading", { name: "Bougie en cire d’abeille" }) });
  await expect(candle.getByRole("button", { name: "Épuisé" })).toBeDisabled();

  await page.getByRole("link", { name: "Panier, 2 articles" }).click();
  await expect(page.getByRole("heading", { name: "Mon panier" })).toBeVisible();
  const basket = page.getByRole("main");
  await expect(basket.getByRole("heading", { name: "Miellerie du Mont-Valérien" })).toBeVisible();
  await expect(basket.getByRole("heading", { name: "Chocolaterie du Bois-Préau" })).toBeVisible();
  await basket.getByRole("button", { name: "Un Miel de printemps 500 g de plus" }).click();
  await expect(basket.getByLabel("Quantité de Miel de printemps 500 g", { exact: true })).toHaveValue("2");
  await expect(page.getByRole("link", { name: "Panier, 3 articles" })).toBeVisible();
  await expectNoSeriousA11yIssues(page);
  await shot(page, "shop-basket");

  // Buying needs an account: log in and come back to the same basket.
  await basket.getByRole("button", { name: "Se connecter pour payer" }).click();
  await page.waitForURL(/\/login\?redirectTo=%2Fbasket/);
  await basket.getByLabel("Adresse e-mail").fill("habitant@demo.chalet.test");
  await basket.getByLabel("Mot de passe", { exact: true }).fill(DEMO_PASSWORD);
  await basket.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL((url) => url.pathname === "/basket");
  await expect(basket.getByLabel("Quantité de Miel de printemps 500 g", { exact: true })).toHaveValue("2");
  await expect(basket.getByLabel("Quantité de Ballotin 250 g", { exact: true })).toHaveValue("1");

  // The pickup: the market's one point is chosen already; the buyer picks a slot.
  const slot = await chooseFirstSlot(page);
  await expectNoSeriousA11yIssues(page);
  await shot(page, "shop-basket-pickup");
  await basket.getByRole("button", { name: /^Payer 42,00\s€$/ }).click();
  await page.waitForURL(/\/sandbox\/checkout\/cs_test_/);
  await expect(page.getByLabel("Adresse e-mail")).toHaveValue("habitant@demo.chalet.test");
  await expect(page.getByText("Miel de printemps 500 g")).toBeVisible();
  await page.getByLabel("Numéro de carte").fill("4242 4242 4242 4242");
  await page.getByLabel(/Date d’expiration/).fill("12 / 34");
  await page.getByLabel(/Code de sécurité/).fill("123");
  await page.getByRole("button", { name: /Payer 42,00/ }).click();

  await page.waitForURL(/\/orders\/[^/?]+\?paid=1$/);
  const orderUrl = page.url();
  // Either still confirming or already paid: the webhook races the redirect. No reload from here.
  await expect(page.getByTestId("order-status")).toHaveText("Payée");
  expect(page.url()).toBe(orderUrl);
  await expect(page.getByText("Merci ! Votre commande est payée.")).toBeVisible();
  await expect(page.getByRole("main")).toContainText("Vos pots vous attendent au point de retrait");
  await expect(page.getByRole("main")).toContainText("Les chocolats voyagent dans une boîte isotherme");
  const pickup = page.getByTestId("order-pickup");
  await expect(pickup).toContainText("Place de la mairie");
  await expect(pickup).toContainText("Sous les arcades");
  await expect(pickup).toContainText(`${slot.day}, ${slot.hours}`.replace(/\s/g, " "), { ignoreCase: true });
  await expectNoSeriousA11yIssues(page);
  await shot(page, "shop-order-paid");

  // The basket is empty again and the order is in "Mes commandes".
  await expect(page.getByRole("link", { name: "Panier, 0 article" })).toBeVisible();
  await (await headerMenu(page)).getByRole("link", { name: "Mes commandes" }).click();
  await expect(page.getByTestId("order-status").first()).toHaveText("Payée");
  await shot(page, "shop-orders");
});
