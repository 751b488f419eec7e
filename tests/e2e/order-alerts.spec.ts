// Every order seen, on the demo honey merchant's phone: the header's "Commandes reçues" counts up
// live when an order of theirs is paid (Stripe's signed webhook, as the sandbox posts it), the
// order's email is in the dev outbox, and the alerts page registers the service worker and
// explains why this browser (headless, no push service) cannot subscribe. The order it writes is
// deleted at the end.
import { expect, test, type Page } from "@playwright/test";
import { deleteOrders } from "./db";
import { expectNoSeriousA11yIssues, loginAs, screenshotPerProject } from "./fixtures";
import { DEMO_MERCHANT, demoOrder, payThroughWebhook } from "./orders";

const orders: string[] = [];
test.afterEach(async () => {
  await deleteOrders({ id: { in: orders.splice(0) } });
});

/** One jar held for the demo buyer, then paid through the webhook as Stripe would post it. */
async function payAnOrder(baseURL: string) {
  const { order, sessionId } = await demoOrder("RESERVED");
  orders.push(order.id);
  await payThroughWebhook(baseURL, order, sessionId);
  return order;
}

const received = (page: Page) => page.getByRole("banner").getByTestId("orders-received");

test("a paid order: the merchant's header counts it live, the email is in the outbox, push explained", async ({
  page,
  baseURL,
}) => {
  await loginAs(page, DEMO_MERCHANT, undefined, { redirectTo: "/merchant/alerts" });
  await expect(page.getByRole("heading", { name: "Alertes de commandes" })).toBeVisible();
  const before = Number((await received(page).getAttribute("aria-label"))?.match(/(\d+) à préparer/)?.[1]);
  expect(before).toBeGreaterThanOrEqual(0);

  const order = await payAnOrder(baseURL!);
  await expect(received(page)).toHaveAttribute("aria-label", `Commandes reçues\u00a0: ${before + 1} à préparer`);
  await expect(page.getByRole("status").filter({ hasText: `${before + 1} à préparer` })).toBeAttached();

  // The browser asks nothing until the click; headless Chromium has no push service to subscribe to.
  await page.getByRole("button", { name: "Recevoir les commandes sur ce téléphone" }).click();
  await expect(page.getByTestId("push-status")).toHaveText(/refusé|n’a pas pu|ne sait pas/);
  await expect(page.getByTestId("push-status")).toBeFocused();
  expect(await page.evaluate(async () => Boolean(await navigator.serviceWorker.getRegistration("/")))).toBe(true);
  await expectNoSeriousA11yIssues(page);
  await screenshotPerProject(page, "order-alerts");

  await page.goto(`/dev/outbox?to=${encodeURIComponent(DEMO_MERCHANT)}`);
  await expect(page.getByRole("article", { name: `Nouvelle commande ${order.reference} : ` }).first()).toBeVisible();
});
