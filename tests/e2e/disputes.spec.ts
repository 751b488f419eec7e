// An order whose payment the buyer's bank disputes, as the webhook leaves it (a PAID order and
// its OrderDispute row, written into the database for the test): the buyer's order page says
// "Litige en cours" and that the bank decides, the merchant's order card shows it, and the
// organisers' "Commandes" tab lists the market's disputes. On a phone and on a desktop, with axe.
// The rows this spec writes are deleted at the end.
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { deleteOrders, e2eDb } from "./db";
import { expectNoSeriousA11yIssues, loginAs, screenshotPerProject } from "./fixtures";
import { nextOrderIdentity } from "../../app/models/order-number.server";

const MERCHANT = "marchand@demo.chalet.test";
const ORGANISER = "organisation@demo.chalet.test";
const BUYER = "habitant@demo.chalet.test";
const STALL = "Miellerie du Mont-Valérien";

const shoot = (page: Page, name: string) => screenshotPerProject(page, `disputes-${name}`);

const orders: string[] = [];
test.afterEach(async () => {
  const ids = orders.splice(0);
  await deleteOrders({ id: { in: ids } });
});

async function disputedOrder() {
  const db = await e2eDb();
  const merchant = await db.user.findUniqueOrThrow({ where: { email: MERCHANT } });
  const buyer = await db.user.findUniqueOrThrow({ where: { email: BUYER } });
  const stall = await db.stall.findFirstOrThrow({
    where: { ownerId: merchant.id, name: STALL },
    include: { products: { where: { active: true }, orderBy: { position: "asc" }, take: 1 } },
  });
  const product = stall.products[0]!;
  const now = new Date();
  const order = await db.order.create({
    data: {
      marketId: stall.marketId,
      ...(await nextOrderIdentity(db, stall.marketId)),
      buyerId: buyer.id,
      status: "PAID",
      totalCents: product.priceCents * 2,
      holdExpiresAt: new Date(now.getTime() + 30 * 60_000),
      paidAt: now,
      paymentIntentId: `pi_test_${randomBytes(12).toString("hex")}`,
      lines: {
        create: [
          {
            stallId: stall.id,
            productId: product.id,
            name: product.name,
            unitPriceCents: product.priceCents,
            quantity: 2,
          },
        ],
      },
    },
  });
  orders.push(order.id);
  await db.orderDispute.create({
    data: {
      orderId: order.id,
      stripeDisputeId: `dp_test_${randomBytes(12).toString("hex")}`,
      chargeId: `ch_test_${randomBytes(12).toString("hex")}`,
      amountCents: order.totalCents,
      reason: "fraudulent",
      status: "needs_response",
      openedAt: now,
    },
  });
  return { order, stall };
}

test("the buyer's order page says the payment is disputed @desktop", async ({ page }) => {
  const { order } = await disputedOrder();
  await loginAs(page, BUYER, undefined, { redirectTo: `/orders/${order.id}` });
  await expect(page.getByTestId("order-dispute")).toHaveText(/Litige en cours/);
  await expect(page.getByText("Votre banque conteste ce paiement.", { exact: false })).toBeVisible();
  await expectNoSeriousA11yIssues(page);
  await shoot(page, "buyer");
});

test("the merchant's order card shows the dispute @desktop", async ({ page }) => {
  const { order, stall } = await disputedOrder();
  await loginAs(page, MERCHANT, undefined, { redirectTo: `/merchant/stalls/${stall.id}/orders` });
  const card = page.locator(`article[data-order-id="${order.id}"]`);
  await expect(card.getByTestId("order-dispute")).toHaveText(/Litige en cours/);
  await expect(card.getByText(/le versement aux stands de cette commande attend la décision/)).toBeVisible();
  await expectNoSeriousA11yIssues(page);
  await shoot(page, "merchant");
});

test("the organisers' Commandes tab lists the market's disputes first @desktop", async ({ page }) => {
  const { order, stall } = await disputedOrder();
  await loginAs(page, ORGANISER, undefined, { redirectTo: `/organiser/markets/${stall.marketId}/orders` });
  await expect(page.getByRole("heading", { level: 3, name: "Litiges bancaires" })).toBeVisible();
  const item = page.locator(`li[data-dispute-order="${order.id}"]`);
  await expect(item).toContainText(STALL);
  await expect(item.getByTestId("order-dispute")).toHaveText(/Litige en cours/);
  await expectNoSeriousA11yIssues(page);
  await shoot(page, "organiser");
});
