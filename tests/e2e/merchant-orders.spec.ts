// The demo honey merchant's orders page on a phone and a desktop, with a paid order written into
// the database for the test (as the Stripe webhook would leave it): the order is listed, a line
// is marked ready (and another tab of hers follows without reload), the refusal asks to confirm;
// then the organisers' "Commandes" tab counts it and the CSV downloads with its line.
// The orders this spec writes are deleted at the end (their lines go with them).
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { deleteOrders, e2eDb } from "./db";
import { expectNoSeriousA11yIssues, loginAs, screenshotPerProject } from "./fixtures";
import { nextOrderIdentity } from "../../app/models/order-number.server";
import { DEMO_BUYER, DEMO_HONEY_STALL, DEMO_MERCHANT, demoOrder, payThroughWebhook } from "./orders";

const ORGANISER = "organisation@demo.chalet.test";

const shoot = (page: Page, name: string) => screenshotPerProject(page, `merchant-orders-${name}`);

const orders: string[] = [];
test.afterEach(async () => {
  await deleteOrders({ id: { in: orders.splice(0) } });
});

/** A basket held for the demo buyer (one jar), waiting for Stripe's word, with its Checkout Session's id. */
async function heldOrder() {
  const held = await demoOrder("RESERVED");
  orders.push(held.order.id);
  return held;
}

/** A paid order of two jars of the stall's first product and one of its second, paid a minute ago. */
async function paidOrder() {
  const db = await e2eDb();
  const merchant = await db.user.findUniqueOrThrow({ where: { email: DEMO_MERCHANT } });
  const buyer = await db.user.findUniqueOrThrow({ where: { email: DEMO_BUYER } });
  const stall = await db.stall.findFirstOrThrow({
    where: { ownerId: merchant.id, name: DEMO_HONEY_STALL },
    include: { products: { where: { active: true }, orderBy: { position: "asc" }, take: 2 } },
  });
  const [first, second] = stall.products;
  const paidAt = new Date(Date.now() - 60_000);
  const lines = [
    { product: first!, quantity: 2 },
    { product: second!, quantity: 1 },
  ];
  const order = await db.order.create({
    data: {
      marketId: stall.marketId,
      ...(await nextOrderIdentity(db, stall.marketId)),
      buyerId: buyer.id,
      status: "PAID",
      totalCents: lines.reduce((sum, l) => sum + l.quantity * l.product.priceCents, 0),
      holdExpiresAt: new Date(paidAt.getTime() + 30 * 60_000),
      paidAt,
      lines: {
        create: lines.map((l) => ({
          stallId: stall.id,
          productId: l.product.id,
          name: l.product.name,
          unitPriceCents: l.product.priceCents,
          quantity: l.quantity,
        })),
      },
    },
  });
  orders.push(order.id);
  return { order, stall, buyer, first: first!, second: second! };
}

test("the merchant sees a paid order, marks a line ready, and the organisers' tab and CSV count it @desktop", async ({
  page,
}) => {
  const { order, stall, buyer, first, second } = await paidOrder();
  await loginAs(page, DEMO_MERCHANT, undefined, { redirectTo: "/merchant" });
  await page.goto(`/merchant/stalls/${stall.id}`);
  await page.getByRole("navigation", { name: "Gérer le stand" }).getByRole("link", { name: "Commandes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Commandes" })).toBeVisible();
  await expect(page.getByText("En direct", { exact: true })).toBeVisible();

  const card = page.locator(`article[data-order-id="${order.id}"]`);
  await expect(card.getByRole("heading", { name: `Commande de ${buyer.name}` })).toBeVisible();
  // The reference the buyer shows, at the head of the card.
  await expect(card.getByRole("heading", { name: order.reference })).toBeVisible();
  const firstLine = card.locator("li", { hasText: `2 × ${first.name}` });
  await expect(firstLine.getByText("À préparer", { exact: true })).toBeVisible();
  await expect(card.getByText(`1 × ${second.name}`, { exact: true })).toBeVisible();

  // A second tab of hers stays open: it follows the change without reloading.
  const other = await page.context().newPage();
  await other.goto(page.url());
  await expect(other.getByText("En direct", { exact: true })).toBeVisible();
  const otherLine = other.locator(`article[data-order-id="${order.id}"] li`, { hasText: `2 × ${first.name}` });

  // The refusal asks first, and says what it does.
  await firstLine.getByText(/^Refuser \(rupture\)/).click();
  await expect(firstLine.getByText(`Refuser 2 × ${first.name} ?`)).toBeVisible();
  await expect(firstLine.getByRole("button", { name: /^Oui, refuser et rembourser/ })).toBeVisible();
  await expectNoSeriousA11yIssues(page);
  await shoot(page, "refuse-confirm");
  await firstLine.getByText(/^Refuser \(rupture\)/).click();

  await firstLine.getByRole("button", { name: `Prête : 2 × ${first.name} pour ${buyer.name}` }).click();
  await expect(firstLine.getByText("Prête", { exact: true })).toBeVisible();
  await expect(firstLine.getByRole("button", { name: /^Prête/ })).toHaveCount(0);
  await expect(firstLine.getByRole("button", { name: /^Retirée/ })).toBeVisible();
  await expect(otherLine.getByText("Prête", { exact: true })).toBeVisible();
  await expect(page.getByTestId("order-counts")).toContainText("Prêts");
  const db = await e2eDb();
  expect((await db.orderLine.findFirstOrThrow({ where: { orderId: order.id, productId: first.id } })).status).toBe(
    "READY",
  );
  await other.close();
  await expectNoSeriousA11yIssues(page);
  await shoot(page, "ready");

  // The organisers' tab: the stall's row counts the order; the CSV holds its lines.
  await page.context().clearCookies();
  const organiser = page;
  await loginAs(organiser, ORGANISER, undefined, { redirectTo: "/organiser" });
  await organiser.goto(`/organiser/markets/${stall.marketId}`);
  await organiser.getByRole("link", { name: "Commandes", exact: true }).click();
  await expect(organiser.getByRole("heading", { level: 2, name: "Commandes et recettes" })).toBeVisible();
  // A table from a tablet up, a card per stall on a phone: whichever is shown counts the order.
  const figures = organiser.locator(`[data-stall-id="${stall.id}"]:visible`);
  await expect(figures).toContainText(DEMO_HONEY_STALL);
  await expect(figures).not.toHaveAttribute("data-orders", "0");
  await expectNoSeriousA11yIssues(organiser);
  await shoot(organiser, "organiser");

  const [download] = await Promise.all([
    organiser.waitForEvent("download"),
    organiser.getByRole("link", { name: "Télécharger toutes les lignes de commande (CSV)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^commandes-marche-de-noel-rueil-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile((await download.path())!, "utf8");
  expect(csv.startsWith("\uFEFFDate;Commande;Stand;Produit;")).toBe(true);
  expect(csv).toContain(`;${order.reference};${DEMO_HONEY_STALL};${first.name};2;`);
  // The line's state, then its Stripe ids (none for the sandbox's demo order read here).
  expect(csv).toMatch(
    new RegExp(`;${order.reference};${DEMO_HONEY_STALL};[^\\r]*;Prête;[^;\\r]*;[^;\\r]*;[^;\\r]*\\r\\n`),
  );
});

test("an order paid while the page is open arrives at the top, highlighted and announced @desktop", async ({
  page,
  baseURL,
}) => {
  const { order, stall, buyer, product, sessionId } = await heldOrder();
  await loginAs(page, DEMO_MERCHANT, undefined, { redirectTo: `/merchant/stalls/${stall.id}/orders` });
  await expect(page.getByRole("heading", { level: 1, name: "Commandes" })).toBeVisible();
  await expect(page.getByText("En direct", { exact: true })).toBeVisible();
  // Held, not paid: the merchant has nothing to prepare yet.
  await expect(page.locator(`article[data-order-id="${order.id}"]`)).toHaveCount(0);

  await payThroughWebhook(baseURL!, order, sessionId);
  const card = page.locator(`article[data-order-id="${order.id}"]`);
  await expect(card).toHaveAttribute("data-fresh", "true");
  await expect(card.getByText("Nouvelle", { exact: true })).toBeVisible();
  await expect(page.locator("article[data-order-id]").first()).toHaveAttribute("data-order-id", order.id);
  await expect(card.getByText(`1 × ${product.name}`, { exact: true })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Nouvelle commande de" })).toHaveText(
    new RegExp(`^Nouvelle commande de ${buyer.name}\\s:\\s1 article, `),
  );
  await expectNoSeriousA11yIssues(page);
  await shoot(page, "arrived");

  // Handling it ends the highlight.
  await card.getByRole("button", { name: new RegExp(`^Prête\\s: 1 × `) }).click();
  await expect(card.getByText("Prête", { exact: true })).toBeVisible();
  await expect(card).not.toHaveAttribute("data-fresh", "true");
});
