// The demo honey merchant writes to a buyer from the order card about the pickup; the buyer
// follows the e-mail to the order page, reads it and answers, and the answer reaches the
// merchant's open page live, announced. The paid order this spec writes is deleted at the end
// (its messages go with it).
import { devices, expect, test, type Page } from "@playwright/test";
import { deleteOrders } from "./db";
import { expectNoSeriousA11yIssues, loginAs, screenshotPerProject } from "./fixtures";
import { DEMO_BUYER, DEMO_HONEY_STALL, DEMO_MERCHANT, demoOrder } from "./orders";

const shoot = (page: Page, name: string) => screenshotPerProject(page, `order-thread-${name}`);

const orders: string[] = [];
test.afterEach(async () => {
  await deleteOrders({ id: { in: orders.splice(0) } });
});

/** A paid order of the demo buyer at the honey stall, as the Stripe webhook would leave it. */
async function paidOrder() {
  const { order, stall } = await demoOrder("PAID");
  orders.push(order.id);
  return { order, stall };
}

test("the merchant writes to the buyer from the order card; the buyer answers from the order page", async ({
  page,
  browser,
}) => {
  const { order, stall } = await paidOrder();

  await loginAs(page, DEMO_MERCHANT);
  await page.goto(`/merchant/stalls/${stall.id}/orders`);
  const card = page.locator(`article[data-order-id="${order.id}"]`);
  await card.getByText("Écrire à Lucas").click();
  const composer = card.getByLabel("Votre message à Lucas");
  await composer.fill("Bonjour Lucas, votre miel vous attend au chalet dès 10 h.");
  await card.getByRole("button", { name: /Envoyer/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "Message envoyé à Lucas." })).toBeAttached();
  await expect(card.getByRole("list", { name: "Messages avec Lucas" })).toContainText("votre miel vous attend");
  // Focus stays in the composer, emptied for the next message.
  await expect(composer).toBeFocused();
  await expect(composer).toHaveValue("");

  // The buyer, on their own phone, follows the e-mail (which never shows the merchant's address).
  const buyerContext = await browser.newContext({
    ...devices["Pixel 7"],
    baseURL: process.env.E2E_BASE_URL,
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
  });
  const buyerPage = await buyerContext.newPage();
  await loginAs(buyerPage, DEMO_BUYER);
  // Links in e-mails name PUBLIC_URL, which this test server does not set: the path is what counts.
  await buyerPage.goto(`/dev/outbox?to=${encodeURIComponent(DEMO_BUYER)}`);
  const email = buyerPage
    .getByRole("article", { name: `Commande ${order.reference} : nouveau message de ${DEMO_HONEY_STALL}` })
    .first();
  const href = await email
    .getByRole("link", { name: new RegExp(`/orders/${order.id}#thread-${stall.id}`) })
    .getAttribute("href");
  const link = new URL(href!);
  await buyerPage.goto(link.pathname + link.hash);
  await expect(buyerPage).toHaveURL(new RegExp(`/orders/${order.id}`));
  const thread = buyerPage.locator(`#thread-${stall.id}`);
  await expect(thread.getByRole("list", { name: `Messages avec ${DEMO_HONEY_STALL}` })).toContainText(
    "votre miel vous attend au chalet dès 10 h.",
  );
  await expect(thread).not.toContainText(DEMO_MERCHANT);
  const answer = thread.getByLabel(`Votre message à ${DEMO_HONEY_STALL}`);
  await answer.fill("Merci ! Je passe vers 11 h.");
  await answer.press("Tab");
  await buyerPage.keyboard.press("Enter");
  await expect(thread.getByRole("list")).toContainText("Merci ! Je passe vers 11 h.");
  await expect(answer).toBeFocused();
  await shoot(buyerPage, "buyer");
  await expectNoSeriousA11yIssues(buyerPage);
  await buyerContext.close();

  // The merchant's open page gets the answer without reload, and reads it out.
  await expect(card.getByRole("list", { name: "Messages avec Lucas" })).toContainText("Je passe vers 11 h.");
  await expect(page.getByRole("status").filter({ hasText: "Nouveau message de Lucas" })).toBeAttached();
  await shoot(page, "merchant");
});
