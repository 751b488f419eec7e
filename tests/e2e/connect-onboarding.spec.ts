// A merchant connects her stall to Stripe (issue 13): her stall cannot take orders yet, and says
// so to residents; she opens "Paiements", connects, fills the sandbox's hosted onboarding page,
// comes back and sees her account become active once "Stripe" has verified it; the stall page
// then lets residents add to the basket; a resident pays, and both Léa's tab and the organiser's
// money view show the transfer. The merchant, market and stall are this test's own
// (the browser-test database is shared by every spec) and are removed at the end.
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { deleteOrders, e2eDb } from "./db";
import { DEMO_PASSWORD, expectNoSeriousA11yIssues, loginAs, screenshotPerProject } from "./fixtures";

const RESIDENT = "habitant@demo.chalet.test";
const PRODUCT = "Bougie au sapin";
const CANNOT = "Ce stand ne peut pas encore prendre de commandes";
// The sandbox's verification takes a few seconds, then its event crosses the Connect webhook.
const LIVE = { timeout: 30_000 };

const shoot = (page: Page, name: string) => screenshotPerProject(page, `connect-onboarding-${name}`);

const markets: string[] = [];
const users: string[] = [];
test.afterEach(async () => {
  const db = await e2eDb();
  const userIds = users.splice(0);
  const marketIds = markets.splice(0);
  await deleteOrders({ marketId: { in: marketIds } });
  await db.market.deleteMany({ where: { id: { in: marketIds } } });
  await db.payoutAccount.deleteMany({ where: { userId: { in: userIds } } });
  await db.user.deleteMany({ where: { id: { in: userIds } } });
});

async function scene() {
  const db = await e2eDb();
  const town = await db.town.findFirstOrThrow({ where: { slug: { contains: "rueil" } } });
  const demoResident = await db.user.findUniqueOrThrow({ where: { email: RESIDENT } });
  const suffix = randomUUID().slice(0, 8);
  const merchant = await db.user.create({
    data: { email: `lea-${suffix}@example.test`, name: "Léa Moreau", passwordHash: demoResident.passwordHash },
  });
  users.push(merchant.id);
  const market = await db.market.create({
    data: {
      townId: town.id,
      slug: `marche-des-bougies-${suffix}`,
      name: "Marché des bougies",
      status: "PUBLISHED",
      sessions: {
        create: { startsAt: new Date(Date.now() - 3_600_000), endsAt: new Date(Date.now() + 3_600_000) },
      },
    },
  });
  markets.push(market.id);
  const stall = await db.stall.create({
    data: {
      marketId: market.id,
      ownerId: merchant.id,
      slug: "bougies-de-lea",
      name: "Les bougies de Léa",
      category: "bougies",
      status: "APPROVED",
      pickupDetails: "Retrait au chalet n° 4",
      products: { create: [{ name: PRODUCT, priceCents: 1200, stock: 6, position: 0 }] },
    },
  });
  return { merchant, stall, path: `/m/${market.slug}/${stall.slug}` };
}

test("a merchant completes the sandbox onboarding and her stall can sell @desktop", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const { merchant, stall, path } = await scene();

  // A resident first: the stall says plainly that it cannot take orders, and offers no button.
  const residentContext = await browser.newContext();
  try {
    const resident = await residentContext.newPage();
    await resident.goto(path);
    await expect(resident.getByText(CANNOT)).toBeVisible();
    await expect(resident.getByRole("button", { name: `Ajouter ${PRODUCT} au panier` })).toHaveCount(0);
    await shoot(resident, "stall-cannot-sell");

    // The merchant opens her "Paiements" tab.
    await loginAs(page, merchant.email, DEMO_PASSWORD, { redirectTo: `/merchant/stalls/${stall.id}/payments` });
    await page.waitForURL((url) => url.pathname.endsWith("/payments"));
    await expect(page.getByRole("heading", { level: 1, name: "Paiements" })).toBeVisible();
    const state = page.getByRole("status").filter({ hasText: "Où en est votre compte" });
    await expect(state).toContainText("Pas encore connecté");
    await expectNoSeriousA11yIssues(page);
    await shoot(page, "tab-not-connected");

    // Stripe's onboarding (the sandbox's page): French, says it is a demo, a few fields.
    await page.getByRole("button", { name: "Se connecter à Stripe" }).click();
    await page.waitForURL(/\/sandbox\/connect\/onboarding\//);
    await expect(page.getByRole("note")).toContainText("Démonstration");
    await page.getByRole("button", { name: "Envoyer à Stripe" }).click();
    // Nothing filled: refused, with the fields marked.
    await expect(page.getByLabel("Prénom")).toHaveAttribute("aria-invalid", "true");
    await page.getByLabel("Prénom").fill("Léa");
    await page.getByLabel("Nom", { exact: true }).fill("Moreau");
    await page.getByLabel("IBAN").fill("FR14 2004 1010 0505 0001 3M02 606");
    await expect(page.getByRole("radio", { name: /Tout est en ordre/ })).toBeChecked();
    await expectNoSeriousA11yIssues(page);
    await shoot(page, "sandbox-onboarding");
    await page.getByRole("button", { name: "Envoyer à Stripe" }).click();

    // Back in Chalet: being verified, then active, without touching anything.
    await page.waitForURL((url) => url.pathname.endsWith("/payments"));
    await expect(state).toContainText(/Vérification en cours|Actif/);
    await expect(state).toContainText("Actif", LIVE);
    await expect(page.getByRole("button", { name: "Ouvrir mon tableau de bord Stripe" })).toBeVisible();
    await shoot(page, "tab-active");

    // The resident's stall page now sells.
    await resident.goto(path);
    await expect(resident.getByText(CANNOT)).toHaveCount(0);
    await loginAs(resident, RESIDENT, DEMO_PASSWORD, { redirectTo: path });
    await resident.waitForURL((url) => url.pathname === path);
    await resident.getByRole("button", { name: `Ajouter ${PRODUCT} au panier` }).click();
    await expect(resident.getByText(`${PRODUCT} : 1 dans le panier.`)).toBeVisible();
    await shoot(resident, "stall-sells");

    // The resident pays on the sandbox's page: the stall's share goes to Léa's new account.
    await resident.goto("/basket");
    await resident
      .getByRole("main")
      .getByRole("button", { name: /^Payer 12,00\s€$/ })
      .click();
    await resident.waitForURL(/\/sandbox\/checkout\/cs_test_/, LIVE);
    await resident.getByLabel("Numéro de carte").fill("4242 4242 4242 4242");
    await resident.getByLabel(/Date d’expiration/).fill("12 / 34");
    await resident.getByLabel(/Code de sécurité/).fill("123");
    await resident.getByRole("button", { name: /Payer 12,00/ }).click();
    await resident.waitForURL(/\/orders\/[^/?]+\?paid=1$/, LIVE);
    await expect(resident.getByTestId("order-status")).toHaveText("Payée", LIVE);

    // Léa's "Paiements" tab lists the order and its transfer, sent.
    await expect(async () => {
      await page.reload();
      const card = page.locator(`[data-stall-id="${stall.id}"]`).first();
      await expect(card).toContainText(/Votre part\s*12,00\s€/, { timeout: 1_000 });
      await expect(card).toContainText("Viré", { timeout: 1_000 });
    }).toPass(LIVE);
    await shoot(page, "tab-transfer");

    // The town's organiser sees the same transfer in the market's money view.
    const organiserContext = await browser.newContext();
    try {
      const organiser = await organiserContext.newPage();
      await loginAs(organiser, "organisation@demo.chalet.test", DEMO_PASSWORD, {
        redirectTo: `/organiser/markets/${stall.marketId}/payments`,
      });
      await organiser.waitForURL((url) => url.pathname.endsWith("/payments"));
      const figures = organiser.locator(`[data-stall-id="${stall.id}"]:visible`);
      await expect(figures).toContainText("Les bougies de Léa");
      await expect(figures).toContainText(/12,00\s€/);
      await expect(figures).not.toContainText(/Virement en attente\s*12,00/);
      await shoot(organiser, "organiser-transfer");
    } finally {
      await organiserContext.close();
    }

    // Her Stripe dashboard (the sandbox's) shows the account as active.
    await page.getByRole("button", { name: "Ouvrir mon tableau de bord Stripe" }).click();
    await page.waitForURL(/\/sandbox\/connect\/dashboard\//);
    await expect(page.getByText("Actif : les virements peuvent vous parvenir")).toBeVisible();
    await shoot(page, "sandbox-dashboard");
  } finally {
    // The resident's basket line goes with the product (the market is removed at the end).
    await residentContext.close();
  }
});
