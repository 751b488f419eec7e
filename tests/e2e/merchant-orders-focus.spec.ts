// The merchant's orders page with a keyboard and a screen reader: each step a line takes is
// announced, and since the button pressed disappears (a step is offered once), focus moves to the
// line's next step, then to its final status, never back to the top of the page.
// The order this spec writes is deleted at the end (its lines go with it).
import { expect, test } from "@playwright/test";
import { deleteOrders, e2eDb } from "./db";
import { expectNoSeriousA11yIssues, loginAs, screenshotPerProject } from "./fixtures";
import { nextOrderIdentity } from "../../app/models/order-number.server";

const MERCHANT = "marchand@demo.chalet.test";
const BUYER = "habitant@demo.chalet.test";
const STALL = "Miellerie du Mont-Valérien";

const orders: string[] = [];
test.afterEach(async () => {
  await deleteOrders({ id: { in: orders.splice(0) } });
});

test("a line is marked ready then collected from the keyboard, focus following it @desktop", async ({ page }) => {
  const db = await e2eDb();
  const merchant = await db.user.findUniqueOrThrow({ where: { email: MERCHANT } });
  const buyer = await db.user.findUniqueOrThrow({ where: { email: BUYER } });
  const stall = await db.stall.findFirstOrThrow({
    where: { ownerId: merchant.id, name: STALL },
    include: { products: { where: { active: true }, orderBy: { position: "asc" }, take: 1 } },
  });
  const product = stall.products[0]!;
  const paidAt = new Date(Date.now() - 60_000);
  const order = await db.order.create({
    data: {
      marketId: stall.marketId,
      ...(await nextOrderIdentity(db, stall.marketId)),
      buyerId: buyer.id,
      status: "PAID",
      totalCents: 3 * product.priceCents,
      holdExpiresAt: new Date(paidAt.getTime() + 30 * 60_000),
      paidAt,
      lines: {
        create: {
          stallId: stall.id,
          productId: product.id,
          name: product.name,
          unitPriceCents: product.priceCents,
          quantity: 3,
        },
      },
    },
  });
  orders.push(order.id);

  await loginAs(page, MERCHANT, undefined, { redirectTo: `/merchant/stalls/${stall.id}/orders` });
  const line = page.locator(`article[data-order-id="${order.id}"] li[data-line-id]`);
  const who = `3 × ${product.name} pour ${buyer.name}`;

  await line.getByRole("button", { name: `Prête : ${who}` }).focus();
  await page.keyboard.press("Enter");
  await expect(line).toHaveAttribute("data-status", "READY");
  await expect(page.getByRole("status").filter({ hasText: `3 × ${product.name} : prête.` })).toHaveCount(1);
  await expect(line.getByRole("button", { name: `Retirée : ${who}` })).toBeFocused();

  await page.keyboard.press("Enter");
  await expect(line).toHaveAttribute("data-status", "COLLECTED");
  await expect(page.getByRole("status").filter({ hasText: `3 × ${product.name} : retirée.` })).toHaveCount(1);
  await expect(line.getByText("Retirée", { exact: true })).toBeFocused();
  await expectNoSeriousA11yIssues(page);
  await screenshotPerProject(page, "merchant-orders-collected");
});
