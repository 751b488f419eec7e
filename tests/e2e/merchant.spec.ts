// The demo merchant runs her stall from a phone: quick stock, products, stall pages.
// Only things this spec owns are changed: one product's stock (put back at the end) and a
// product it creates itself, which it hides again so visitors never see it.
import { expect, test, type Locator, type Page } from "@playwright/test";
import {
  confirmSignupFromOutbox,
  expectNoSeriousA11yIssues,
  loginAs,
  logOut,
  screenshotPerProject,
  signUpsFromOwnAddress,
} from "./fixtures";

// Each test's sign-ups come from an address of their own (fixtures.ts).
test.beforeEach(async ({ page }) => signUpsFromOwnAddress(page));

const MERCHANT = "marchand@demo.chalet.test";
const STALL = "Miellerie du Mont-Valérien";
const PUBLIC_STALL = "/m/marche-de-noel-rueil/miellerie-du-mont-valerien";
const PRODUCT = "Pain d’épices au miel";

const shoot = (page: Page, name: string) => screenshotPerProject(page, `merchant-${name}`);

async function expectLargeTarget(target: Locator) {
  const box = await target.boundingBox();
  expect(box, "visible target").not.toBeNull();
  expect(box!.width).toBeGreaterThanOrEqual(48);
  expect(box!.height).toBeGreaterThanOrEqual(48);
}

async function publicStock(page: Page, product: string) {
  await page.goto(PUBLIC_STALL);
  const card = page.getByRole("article").filter({ has: page.getByRole("heading", { name: product }) });
  return card;
}

test("the merchant taps + in quick stock and the public stall shows the new stock", async ({ page }) => {
  await loginAs(page, MERCHANT, undefined, { redirectTo: "/merchant" });
  await expect(page.getByRole("heading", { level: 1, name: "Mes stands" })).toBeVisible();
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: STALL }) });
  await expect(card.getByText("Validé, en ligne")).toBeVisible();
  await expect(card.getByRole("link", { name: /Voir mon stand comme les visiteurs/ })).toHaveAttribute(
    "href",
    PUBLIC_STALL,
  );
  await expectNoSeriousA11yIssues(page);
  await shoot(page, "home");

  await card.getByRole("link", { name: `Stock (${STALL})` }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Stock rapide" })).toBeVisible();
  const row = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: PRODUCT }) });
  const field = row.getByLabel(`Stock de ${PRODUCT}`);
  const before = Number(await field.inputValue());
  const plus = row.getByRole("button", { name: `Un de plus : ${PRODUCT}` });
  const minus = row.getByRole("button", { name: `Un de moins : ${PRODUCT}` });
  await expectLargeTarget(plus);
  await expectLargeTarget(minus);
  await expectNoSeriousA11yIssues(page);
  await shoot(page, "stock");

  await plus.click();
  await expect(field).toHaveValue(String(before + 1));
  // The polite status region says what the server saved.
  await expect(row.getByRole("status")).toHaveText(`Stock de ${PRODUCT} : ${before + 1}`);

  const product = await publicStock(page, PRODUCT);
  await expect(product).toHaveAttribute("data-stock", String(before + 1));

  // Put it back, by typing the number this time.
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1, name: "Stock rapide" })).toBeVisible();
  await field.fill(String(before));
  await row.getByRole("button", { name: `Valider (${PRODUCT})` }).click();
  await expect(row.getByRole("status")).toHaveText(`Stock de ${PRODUCT} : ${before}`);
  await expect(await publicStock(page, PRODUCT)).toHaveAttribute("data-stock", String(before));
});

test("the quick stock − button stops at zero", async ({ page }) => {
  await loginAs(page, MERCHANT, undefined, { redirectTo: "/merchant" });
  await page.getByRole("link", { name: `Stock (${STALL})` }).click();
  const candle = "Bougie en cire d’abeille";
  const row = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: candle }) });
  await expect(row.getByLabel(`Stock de ${candle}`)).toHaveValue("0");
  await expect(row.getByRole("button", { name: `Un de moins : ${candle}` })).toBeDisabled();
});

test("the merchant adds a product with a price typed the French way, then hides it", async ({ page }) => {
  await loginAs(page, MERCHANT, undefined, { redirectTo: "/merchant" });
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: STALL }) });
  await card.getByRole("link", { name: `Modifier (${STALL})` }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mon stand" })).toBeVisible();
  await expect(page.getByLabel("Nom du stand")).toHaveValue(STALL);
  await expectNoSeriousA11yIssues(page);
  await shoot(page, "stall-edit");

  await page.getByRole("navigation", { name: "Gérer le stand" }).getByRole("link", { name: "Photos" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Photos" })).toBeVisible();
  await expectNoSeriousA11yIssues(page);
  await shoot(page, "photos");

  await page.getByRole("navigation", { name: "Gérer le stand" }).getByRole("link", { name: "Produits" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Produits" })).toBeVisible();
  await expectNoSeriousA11yIssues(page);
  await shoot(page, "products");

  await page.getByRole("link", { name: "Ajouter un produit" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Nouveau produit" })).toBeVisible();
  const name = `Nougat au miel ${test.info().project.name}`;
  await page.getByLabel("Nom du produit").fill(name);
  await page.getByLabel("Prix (€)").fill("abc");
  await page.getByLabel("Stock", { exact: true }).fill("6");
  await page.getByRole("button", { name: "Enregistrer et terminer" }).click();
  await expect(page.getByText("Saisissez un prix comme 12,50")).toBeVisible();
  await expect(page.getByLabel("Prix (€)")).toHaveAttribute("aria-invalid", "true");
  await expectNoSeriousA11yIssues(page);
  await shoot(page, "product-new-error");

  await page.getByLabel("Prix (€)").fill("4,20");
  await page.getByRole("button", { name: "Enregistrer et terminer" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Produits" })).toBeVisible();
  const item = page.getByRole("listitem").filter({ has: page.getByRole("link", { name }) });
  await expect(item).toContainText("4,20 €");
  await expect(item).toContainText("stock : 6");

  await item.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Modifier « ${name} »` })).toBeVisible();
  await expect(page.getByLabel("Prix (€)")).toHaveValue("4,20");
  await expectNoSeriousA11yIssues(page);
  await shoot(page, "product-edit");
  await page.getByRole("button", { name: "Masquer" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Produit masqué aux visiteurs." })).toBeVisible();

  await page.goto(PUBLIC_STALL);
  await expect(page.getByRole("heading", { level: 1, name: STALL })).toBeVisible();
  await expect(page.getByRole("heading", { name })).toHaveCount(0);
});

test("a new merchant follows an invitation, signs up and opens a stall that awaits approval", async ({ page }) => {
  const email = `sabotier-${Date.now()}@example.test`;
  const stallName = `Sabots de Bois-Préau ${test.info().project.name}`;

  // The organiser sends the invitation; the dev outbox stands in for the mailbox.
  await loginAs(page, "organisation@demo.chalet.test", undefined, { redirectTo: "/organiser" });
  await page
    .getByRole("navigation", { name: /^Marché de Noël virtuel de Rueil/ })
    .getByRole("link", { name: "Invitations" })
    .click();
  await page.getByLabel("Adresses e-mail").fill(email);
  await page.getByRole("button", { name: "Envoyer les invitations" }).click();
  await expect(page.getByRole("status")).toContainText("1 invitation envoyée.");
  await logOut(page);

  await page.goto(`/dev/outbox?to=${encodeURIComponent(email)}`);
  const href = await page
    .getByRole("link", { name: /\/invitations\// })
    .first()
    .getAttribute("href");
  const invitationPath = new URL(href!).pathname;
  await page.goto(invitationPath);
  await expect(
    page.getByRole("heading", { level: 1, name: "Tenez un stand au Marché de Noël virtuel de Rueil-Malmaison" }),
  ).toBeVisible();
  await expect(page.getByText(`Invitation envoyée à ${email}.`)).toBeVisible();
  await expectNoSeriousA11yIssues(page);
  await shoot(page, "invitation");

  await page.getByRole("link", { name: "Créer un compte" }).last().click();
  await expect(page).toHaveURL(/\/signup\?redirectTo=/);
  await expect(page.getByLabel("Adresse e-mail")).toHaveValue(email);
  // Another address than the invited one (the invited one skips this: stall-setup.spec.ts) is
  // confirmed by e-mail as any sign-up.
  const ownEmail = email.replace("sabotier-", "jeanne-");
  await page.getByLabel("Votre nom").fill("Jeanne Sabotier");
  await page.getByLabel("Adresse e-mail").fill(ownEmail);
  await page.getByLabel("Mot de passe", { exact: true }).fill("sapin-et-guirlandes");
  await page.getByRole("button", { name: "Créer mon compte" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText(`nous venons d’écrire à ${ownEmail}`);
  // The account is made from the emailed link, which brings the merchant back to the invitation.
  await confirmSignupFromOutbox(page, ownEmail);

  await expect(page).toHaveURL(new RegExp(`${invitationPath}$`));
  await expect(page.getByRole("heading", { level: 2, name: "Votre stand" })).toBeVisible();
  await page.getByLabel("Nom du stand").fill(stallName);
  await page.getByRole("button", { name: "Créer mon stand" }).click();
  // The category was forgotten: refused with a message, the invitation still usable.
  await expect(page.getByLabel("Catégorie")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Ce champ est obligatoire")).toBeVisible();
  await expectNoSeriousA11yIssues(page);
  await shoot(page, "invitation-form-error");
  await page.getByLabel("Catégorie").selectOption({ label: "Artisanat" });
  await page.getByRole("button", { name: "Créer mon stand" }).click();

  // Straight to the first product; the pickup and legal details come later, from the stall's page.
  await expect(page.getByRole("heading", { level: 1, name: "Nouveau produit" })).toBeVisible();
  await expect(page.getByText(stallName).first()).toBeVisible();
  await expect(page.getByText("En attente de validation")).toBeVisible();
  await page.getByRole("link", { name: "Compléter la fiche" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mon stand" })).toBeVisible();
  await expect(page.getByLabel("Catégorie")).toHaveValue("artisanat");
  await page.getByLabel("Retrait des commandes").fill("Au chalet n° 12, le samedi matin.");
  await page.getByRole("button", { name: "Enregistrer", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Stand enregistré." })).toBeVisible();

  await page.goto(invitationPath);
  await expect(page.getByRole("heading", { level: 1, name: "Invitation déjà utilisée" })).toBeVisible();
  await shoot(page, "invitation-used");
});
