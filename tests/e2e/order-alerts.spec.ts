// Every order seen, on the demo honey merchant's phone: the header's "Commandes reçues" counts up
// live when an order of theirs is paid (Stripe's signed webhook, as the sandbox posts it), the
// order's email is in the dev outbox, and the alerts page registers the service worker and
// explains why this browser (headless, no push service) cannot subscribe. The order it writes is
// deleted at the end.
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import Stripe from "stripe";
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

/** One jar held for the demo buyer, then paid through the webhook as Stripe would post it. */
async function payAnOrder(baseURL: string) {
  const db = await e2eDb();
  const { SANDBOX_WEBHOOK_SECRET } = await import("../../app/utils/stripe.server");
  const merchant = await db.user.findUniqueOrThrow({ where: { email: MERCHANT } });
  const buyer = await db.user.findUniqueOrThrow({ where: { email: BUYER } });
  const stall = await db.stall.findFirstOrThrow({
    where: { ownerId: merchant.id, name: STALL },
    include: { products: { where: { active: true }, orderBy: { position: "asc" }, take: 1 } },
  });
  const product = stall.products[0]!;
  const sessionId = `cs_test_${randomBytes(12).toString("hex")}`;
  const order = await db.order.create({
    data: {
      marketId: stall.marketId,
      ...(await nextOrderIdentity(db, stall.marketId)),
      buyerId: buyer.id,
      status: "RESERVED",
      totalCents: product.priceCents,
      checkoutSessionId: sessionId,
      holdExpiresAt: new Date(Date.now() + 30 * 60_000),
      lines: {
        create: {
          stallId: stall.id,
          productId: product.id,
          name: product.name,
          unitPriceCents: product.priceCents,
          quantity: 1,
        },
      },
    },
  });
  orders.push(order.id);
  const payload = JSON.stringify({
    id: `evt_test_${randomBytes(12).toString("hex")}`,
    object: "event",
    type: "checkout.session.completed",
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    data: {
      object: {
        id: sessionId,
        object: "checkout.session",
        mode: "payment",
        status: "complete",
        payment_status: "paid",
        currency: "eur",
        amount_total: order.totalCents,
        client_reference_id: order.id,
        metadata: { order_id: order.id },
        payment_intent: `pi_test_${randomBytes(12).toString("hex")}`,
      },
    },
  });
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: SANDBOX_WEBHOOK_SECRET });
  const response = await fetch(new URL("/webhooks/stripe", baseURL), {
    method: "POST",
    headers: { "Content-Type": "application/json", "Stripe-Signature": signature },
    body: payload,
  });
  expect(response.status).toBe(200);
  return order;
}

const received = (page: Page) => page.getByRole("banner").getByTestId("orders-received");

test("a paid order: the merchant's header counts it live, the email is in the outbox, push explained", async ({
  page,
  baseURL,
}) => {
  await loginAs(page, MERCHANT, undefined, { redirectTo: "/merchant/alerts" });
  await expect(page.getByRole("heading", { name: "Alertes de commandes" })).toBeVisible();
  const before = Number((await received(page).getAttribute("aria-label"))?.match(/(\d+) à préparer/)?.[1]);
  expect(before).toBeGreaterThanOrEqual(0);

  const order = await payAnOrder(baseURL!);
  await expect(received(page)).toHaveAttribute("aria-label", `Commandes reçues : ${before + 1} à préparer`);
  await expect(page.getByRole("status").filter({ hasText: `${before + 1} à préparer` })).toBeAttached();

  // The browser asks nothing until the click; headless Chromium has no push service to subscribe to.
  await page.getByRole("button", { name: "Recevoir les commandes sur ce téléphone" }).click();
  await expect(page.getByTestId("push-status")).toHaveText(/refusé|n’a pas pu|ne sait pas/);
  await expect(page.getByTestId("push-status")).toBeFocused();
  expect(await page.evaluate(async () => Boolean(await navigator.serviceWorker.getRegistration("/")))).toBe(true);
  await expectNoSeriousA11yIssues(page);
  await screenshotPerProject(page, "order-alerts");

  await page.goto(`/dev/outbox?to=${encodeURIComponent(MERCHANT)}`);
  await expect(page.getByRole("article", { name: `Nouvelle commande ${order.reference} : ` }).first()).toBeVisible();
});
