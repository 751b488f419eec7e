// The last jar (issue 5): two residents look at the same stall, which has one jar of honey left.
// Camille buys it, with a gingerbread, through the sandbox's hosted page; Lucas, who had put the
// same jar in his basket, sees it go to "Épuisé" on the stall page without reloading, and his
// basket says so. The merchant's orders tab receives the order live; she refuses the gingerbread
// (out of stock) after confirming, and Camille's order page, still open, shows the partial refund.
// Three browser contexts, one per person. The market, stall, products and Camille's account are
// this test's own (the browser-test database is shared by every spec) and are removed at the end.
import { randomUUID } from "node:crypto";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { deleteOrders, e2eDb } from "./db";
import { DEMO_PASSWORD, expectNoSeriousA11yIssues, loginAs, screenshotPerProject } from "./fixtures";

const MERCHANT = "marchand@demo.chalet.test";
const OTHER_RESIDENT = "habitant@demo.chalet.test";
const HONEY = "Miel de sapin 250 g";
const GINGERBREAD = "Pain d’épices au miel";
const PICKUP = "Retrait au chalet n° 7, cour de la mairie";

// Generous waits for what crosses a socket or the sandbox's webhook: CI is a loaded two-core box.
const LIVE = { timeout: 20_000 };

const shoot = (page: Page, name: string) => screenshotPerProject(page, `last-item-${name}`);

const markets: string[] = [];
const users: string[] = [];
test.afterEach(async () => {
  const db = await e2eDb();
  const marketIds = markets.splice(0);
  // Orders are money records (Restrict on their market, buyer, stall and product): they go first.
  await deleteOrders({ marketId: { in: marketIds } });
  await db.market.deleteMany({ where: { id: { in: marketIds } } });
  await db.user.deleteMany({ where: { id: { in: users.splice(0) } } });
});

/** A published market open for the next hour, one stall of the demo merchant: the last jar of honey and gingerbread. */
async function lastJarScene() {
  const db = await e2eDb();
  const town = await db.town.findFirstOrThrow({ where: { slug: { contains: "rueil" } } });
  const merchant = await db.user.findUniqueOrThrow({ where: { email: MERCHANT } });
  const demoResident = await db.user.findUniqueOrThrow({ where: { email: OTHER_RESIDENT } });
  const suffix = randomUUID().slice(0, 8);
  const market = await db.market.create({
    data: {
      townId: town.id,
      slug: `marche-dernier-pot-${suffix}`,
      name: "Marché du dernier pot",
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
      slug: "ruchers-du-dernier-pot",
      name: "Ruchers du dernier pot",
      category: "miellerie",
      status: "APPROVED",
      pickupDetails: PICKUP,
      products: {
        create: [
          { name: HONEY, priceCents: 1400, stock: 1, position: 0 },
          { name: GINGERBREAD, priceCents: 750, stock: 4, position: 1 },
        ],
      },
    },
  });
  // The buyer is a resident of her own, with an empty basket; she logs in with the demo password.
  const buyer = await db.user.create({
    data: {
      email: `camille-${suffix}@example.test`,
      name: "Camille Roux",
      passwordHash: demoResident.passwordHash,
    },
  });
  users.push(buyer.id);
  return { stall, buyer, path: `/m/${market.slug}/${stall.slug}` };
}

function productCard(page: Page, name: string) {
  return page.getByRole("article").filter({ has: page.getByRole("heading", { name }) });
}

/** A person of their own: cookies, basket and socket apart from the others'. */
async function personAt(browser: Browser, contexts: BrowserContext[], email: string, path: string) {
  // The test's options (base URL, French, the project's device) apply to new contexts too.
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  await loginAs(page, email, DEMO_PASSWORD, { redirectTo: path });
  await page.waitForURL((url) => url.pathname === path, LIVE);
  return page;
}

/** Anything reloading the page would drop this mark. */
const markPage = (page: Page) => page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));
const stillSamePage = (page: Page) =>
  page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere === true);

test("two residents want the last jar: one pays for it, the other sees it sold out, the merchant refuses a line and the buyer sees the refund @desktop", async ({
  browser,
}) => {
  // Three people, five pages, the sandbox's payment and two axe scans.
  test.setTimeout(240_000);
  const { stall, buyer, path } = await lastJarScene();
  const contexts: BrowserContext[] = [];
  try {
    // The merchant watches her stall's orders tab.
    const merchant = await personAt(browser, contexts, MERCHANT, `/merchant/stalls/${stall.id}/orders`);
    await expect(merchant.getByRole("heading", { level: 1, name: "Commandes" })).toBeVisible();
    await expect(merchant.getByText("En direct", { exact: true })).toBeVisible(LIVE);
    await expect(merchant.getByText("Pas encore de commande payée.", { exact: false })).toBeVisible();
    await markPage(merchant);

    // Lucas (the demo resident) puts the last jar in his basket and stays on the stall page.
    const lucas = await personAt(browser, contexts, OTHER_RESIDENT, path);
    const lucasHoney = productCard(lucas, HONEY);
    await expect(lucasHoney.getByTestId("stock-label")).toHaveText("Dernier !");
    await lucasHoney.getByRole("button", { name: `Ajouter ${HONEY} au panier` }).click();
    await expect(lucasHoney.getByText(`${HONEY} : 1 dans le panier.`)).toBeVisible();
    await markPage(lucas);

    // Camille takes the same jar and a gingerbread to payment.
    const camille = await personAt(browser, contexts, buyer.email, path);
    await expect(productCard(camille, HONEY).getByTestId("stock-label")).toHaveText("Dernier !");
    await productCard(camille, HONEY)
      .getByRole("button", { name: `Ajouter ${HONEY} au panier` })
      .click();
    await expect(camille.getByRole("link", { name: "Panier, 1 article" })).toBeVisible();
    await productCard(camille, GINGERBREAD)
      .getByRole("button", { name: `Ajouter ${GINGERBREAD} au panier` })
      .click();
    await expect(camille.getByRole("link", { name: "Panier, 2 articles" })).toBeVisible();
    await shoot(camille, "stall-before");
    await camille.getByRole("link", { name: "Panier, 2 articles" }).click();
    await expect(camille.getByRole("heading", { name: "Mon panier" })).toBeVisible();
    await camille
      .getByRole("main")
      .getByRole("button", { name: /^Payer 21,50\s€$/ })
      .click();

    await camille.waitForURL(/\/sandbox\/checkout\/cs_test_/, LIVE);
    await expect(camille.getByText(HONEY)).toBeVisible();
    await expect(camille.getByText(GINGERBREAD)).toBeVisible();
    await camille.getByLabel("Numéro de carte").fill("4242 4242 4242 4242");
    await camille.getByLabel(/Date d’expiration/).fill("12 / 34");
    await camille.getByLabel(/Code de sécurité/).fill("123");
    await camille.getByRole("button", { name: /Payer 21,50/ }).click();
    await camille.waitForURL(/\/orders\/[^/?]+\?paid=1$/, LIVE);
    await expect(camille.getByTestId("order-status")).toHaveText("Payée", LIVE);
    await expect(camille.getByText("Merci ! Votre commande est payée.")).toBeVisible();
    await markPage(camille);
    await shoot(camille, "buyer-paid");

    // Lucas's page, never reloaded, says the jar is gone, and cannot add it again.
    await expect(lucasHoney.getByTestId("stock-label")).toHaveText("Épuisé", LIVE);
    await expect(lucasHoney.getByRole("button", { name: "Épuisé" })).toBeDisabled();
    await expect(lucas.getByTestId("stock-announcer")).toHaveText(`${HONEY} : Épuisé`);
    await expect(productCard(lucas, GINGERBREAD).getByTestId("stock-label")).toHaveText("Plus que 3");
    expect(await stillSamePage(lucas)).toBe(true);
    await expectNoSeriousA11yIssues(lucas);
    await shoot(lucas, "other-sold-out");

    // The order arrives at the top of the merchant's tab, marked new and announced.
    const order = merchant.getByRole("article").filter({
      has: merchant.getByRole("heading", { name: `Commande de ${buyer.name}` }),
    });
    await expect(order.getByText("Nouvelle", { exact: true })).toBeVisible(LIVE);
    await expect(merchant.getByRole("status").filter({ hasText: "Nouvelle commande de" })).toHaveText(
      /^Nouvelle commande de Camille Roux\s:\s2 articles, 21,50\s€\.$/,
    );
    const honeyLine = order.getByRole("listitem").filter({ hasText: `1 × ${HONEY}` });
    const gingerLine = order.getByRole("listitem").filter({ hasText: `1 × ${GINGERBREAD}` });
    await expect(honeyLine.getByText("À préparer", { exact: true })).toBeVisible();
    await expect(gingerLine.getByText("À préparer", { exact: true })).toBeVisible();
    expect(await stillSamePage(merchant)).toBe(true);
    await shoot(merchant, "merchant-arrived");

    // The gingerbread broke: she refuses its line, which asks first and says what it does.
    await gingerLine.getByText(/^Refuser \(rupture\)/).click();
    await expect(gingerLine.getByText(`Refuser 1 × ${GINGERBREAD} ?`)).toBeVisible();
    await expect(gingerLine).toContainText(`${buyer.name} sera remboursé de 7,50`);
    await shoot(merchant, "merchant-refuse-confirm");
    await gingerLine.getByRole("button", { name: /^Oui, refuser et rembourser/ }).click();
    // "Refusée, remboursée" while Stripe is asked, then "Remboursée" once the refund went through.
    await expect(gingerLine.getByText("Remboursée", { exact: true })).toBeVisible(LIVE);
    await expect(honeyLine.getByText("À préparer", { exact: true })).toBeVisible();
    await expect(gingerLine.getByRole("button")).toHaveCount(0);
    const count = (label: string) =>
      merchant.getByTestId("order-counts").getByRole("listitem").filter({ hasText: label });
    await expect(count("Refusés")).toHaveText(/^1\s*Refusés$/, LIVE);
    await expect(count("À préparer")).toHaveText(/^1\s*À préparer$/);
    await shoot(merchant, "merchant-refused");

    // Camille's order page, still open, shows the refund of that line and keeps the jar.
    await expect(camille.getByTestId("order-refunded")).toHaveText(/^Remboursé\s: 7,50\s€ sur 21,50\s€$/, LIVE);
    const main = camille.getByRole("main");
    await expect(
      main.getByRole("listitem").filter({ hasText: GINGERBREAD }).getByText("Remboursé", { exact: true }),
    ).toBeVisible();
    await expect(main.getByRole("listitem").filter({ hasText: HONEY })).toContainText("En préparation");
    await expect(camille.getByTestId("order-status")).toHaveText("Payée");
    await expect(main).toContainText(PICKUP);
    expect(await stillSamePage(camille)).toBe(true);
    await expectNoSeriousA11yIssues(camille);
    await shoot(camille, "buyer-refund");

    // Lucas's basket tells him the jar he added has gone.
    await lucas.getByRole("link", { name: /^Panier, \d+ articles?$/ }).click();
    await expect(lucas.getByRole("heading", { name: "Mon panier" })).toBeVisible();
    const lucasBasketJar = lucas.getByRole("main").getByRole("listitem").filter({ hasText: HONEY });
    await expect(lucasBasketJar).toContainText("Épuisé depuis votre ajout : retirez-le pour payer le reste.");
    await shoot(lucas, "other-basket");
  } finally {
    for (const context of contexts) await context.close();
  }
});
