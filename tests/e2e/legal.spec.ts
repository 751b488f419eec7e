// The legal pages from the site's footer, as a resident finds them: the stall page names its
// seller, its footer leads to the market's terms of sale, the town's legal notice and the privacy
// notice; each page is scanned by axe, in French and (once) in English. It changes no data.
import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yIssues, headerMenu, loginAs, screenshotPerProject } from "./fixtures";

const MARKET = "/m/marche-de-noel-rueil";
const STALL = `${MARKET}/miellerie-du-mont-valerien`;

function footer(page: Page) {
  return page.getByRole("contentinfo").getByRole("navigation", { name: /Informations légales|Legal information/ });
}

test("from a stall page, the footer leads to the terms of sale, the legal notice and the privacy notice @desktop", async ({
  page,
}) => {
  await page.goto(STALL);
  const seller = page.getByTestId("seller-identity");
  await expect(seller.getByRole("heading", { name: "Vendeur" })).toBeVisible();
  await expect(seller).toContainText("Vendu par Hélène Besson, Miellerie du Mont-Valérien (EI)");
  await expect(seller).toContainText("SIRET 812 345 676 00017");
  await expect(seller).toContainText("4 rue du Mont-Valérien, 92500 Rueil-Malmaison");
  await seller.scrollIntoViewIfNeeded();
  await screenshotPerProject(page, "legal-stall");

  await footer(page).getByRole("link", { name: "Conditions de vente" }).click();
  await expect(page).toHaveURL(`${MARKET}/conditions-de-vente`);
  await expect(
    page.getByRole("heading", { level: 1, name: "Conditions de vente · Marché de Noël virtuel de Rueil-Malmaison" }),
  ).toBeVisible();
  const sellers = page.getByTestId("terms-sellers");
  await expect(sellers.getByRole("heading", { name: "Stand « Miellerie du Mont-Valérien »" })).toBeVisible();
  await expect(sellers).toContainText("Chocolaterie du Bois-Préau SAS");
  await expect(sellers).toContainText("844 022 210 00018");
  await expect(page.getByRole("heading", { name: "Droit de rétractation" })).toBeVisible();
  await expectNoSeriousA11yIssues(page);
  await screenshotPerProject(page, "legal-terms");

  await footer(page).getByRole("link", { name: "Mentions légales" }).click();
  await expect(page).toHaveURL("/t/rueil-malmaison/mentions-legales");
  await expect(page.getByRole("heading", { level: 1, name: "Mentions légales · Rueil-Malmaison" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Directeur ou directrice de la publication" })).toContainText(
    "Le maire de Rueil-Malmaison",
  );
  // The demo leaves the host to the deployment: the notice says so rather than inventing one.
  await expect(page.getByRole("region", { name: "Hébergeur" })).toContainText("non renseigné");
  await expectNoSeriousA11yIssues(page);
  await screenshotPerProject(page, "legal-notice");

  await footer(page).getByRole("link", { name: "Confidentialité" }).click();
  await expect(page).toHaveURL("/confidentialite");
  await expect(page.getByRole("heading", { level: 1, name: "Confidentialité" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Cookies" })).toContainText("pas de bandeau");
  await expect(
    page.getByRole("region", { name: "Vos droits" }).getByRole("link", { name: "Mon compte" }),
  ).toHaveAttribute("href", "/account");
  await expectNoSeriousA11yIssues(page);
  await screenshotPerProject(page, "legal-privacy");
});

test("the legal pages in English @desktop", async ({ page }) => {
  await page.goto(MARKET);
  await (await headerMenu(page)).getByRole("button", { name: "English" }).click();
  await expect((await headerMenu(page)).getByRole("button", { name: "English" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );

  await footer(page).getByRole("link", { name: "Legal notice" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Legal notice · Rueil-Malmaison" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Host" })).toContainText("not provided");
  await expectNoSeriousA11yIssues(page);
  await screenshotPerProject(page, "legal-notice-en");

  await footer(page).getByRole("link", { name: "Privacy" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Privacy" })).toBeVisible();
  await expect(page.getByRole("region", { name: "What is kept" })).toContainText("Until you delete your account");
  await expectNoSeriousA11yIssues(page);
});

test("the merchant's stall settings hold the legal identity; a SIRET with a wrong key is refused and nothing is saved @desktop", async ({
  page,
}) => {
  const stall = "Miellerie du Mont-Valérien";
  await loginAs(page, "marchand@demo.chalet.test", undefined, { redirectTo: "/merchant" });
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: stall }) });
  await card.getByRole("link", { name: `Modifier (${stall})` }).click();
  const identity = page.getByRole("group", { name: "Identité légale du vendeur" });
  await expect(identity.getByLabel("Numéro SIRET")).toHaveValue("81234567600017");
  await identity.getByLabel("Numéro SIRET").fill("812 345 676 00018");
  await page.getByRole("button", { name: "Enregistrer", exact: true }).click();
  await expect(identity.getByLabel("Numéro SIRET")).toHaveAttribute("aria-invalid", "true");
  await expect(identity).toContainText("Ce numéro SIRET n’est pas valide");
  await expect(page.getByRole("alert")).toBeVisible();
  await expectNoSeriousA11yIssues(page);
  await identity.scrollIntoViewIfNeeded();
  await screenshotPerProject(page, "legal-merchant-form");

  // Nothing was saved: the public page still shows the SIRET as it was.
  await page.goto(STALL);
  await expect(page.getByTestId("seller-identity")).toContainText("SIRET 812 345 676 00017");
});

test("the organiser's review shows each stall's legal identity @desktop", async ({ page }) => {
  await loginAs(page, "organisation@demo.chalet.test", undefined, { redirectTo: "/organiser" });
  await page.getByRole("link", { name: "Marché de Noël virtuel de Rueil-Malmaison" }).click();
  await page
    .getByRole("navigation", { name: "Sections du marché" })
    .getByRole("link", { name: "Stands", exact: true })
    .click();
  const miellerie = page.getByRole("article", { name: "Miellerie du Mont-Valérien" });
  await expect(miellerie.getByRole("heading", { name: "Identité légale" })).toBeVisible();
  await expect(miellerie).toContainText("SIRET 812 345 676 00017");
  await expectNoSeriousA11yIssues(page);
  await screenshotPerProject(page, "legal-review");
});
