// The sandbox's hosted payment page on a phone: French, accessible, saying the payment is not
// real, a declined card explained, then paid with 4242 and sent back to the success URL. And the
// banner every page of the demo opens with, on a phone and on a desktop.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import Stripe from "stripe";
import { SANDBOX_API_KEY } from "../../app/utils/stripe.server";
import { e2eDb } from "./db";
import { expectNoSeriousA11yIssues, headerMenu, screenshotPerProject } from "./fixtures";
import { nextOrderIdentity } from "../../app/models/order-number.server";

/**
 * An order awaiting payment, as the checkout reserves one (the sandbox serves only this app's
 * orders). Written directly, stock untouched: only the payment page is under test here.
 */
async function reservedOrder() {
  const db = await e2eDb();
  const product = await db.product.findFirstOrThrow({ select: { id: true, stallId: true, stall: true } });
  const buyer = await db.user.findFirstOrThrow({ select: { id: true } });
  const line = (name: string, unitPriceCents: number, quantity: number) => ({
    stallId: product.stallId,
    productId: product.id,
    name,
    unitPriceCents,
    quantity,
  });
  return db.order.create({
    data: {
      marketId: product.stall.marketId,
      ...(await nextOrderIdentity(db, product.stall.marketId)),
      buyerId: buyer.id,
      status: "RESERVED",
      totalCents: 2100,
      holdExpiresAt: new Date(Date.now() + 30 * 60_000),
      lines: { create: [line("Vin chaud", 450, 2), line("Couronne de sapin", 1200, 1)] },
    },
  });
}

test("the hosted payment page declines 4000…0002 and pays with 4242", async ({ page, baseURL }) => {
  const base = new URL(baseURL!);
  const stripe = new Stripe(SANDBOX_API_KEY, { host: base.hostname, port: base.port, protocol: "http" });
  const order = await reservedOrder();
  const session = await stripe.checkout.sessions.create({
    metadata: { order_id: order.id },
    mode: "payment",
    line_items: [
      { quantity: 2, price_data: { currency: "eur", unit_amount: 450, product_data: { name: "Vin chaud" } } },
      { quantity: 1, price_data: { currency: "eur", unit_amount: 1200, product_data: { name: "Couronne de sapin" } } },
    ],
    customer_email: "lucie@example.test",
    success_url: `${base.origin}/?paid={CHECKOUT_SESSION_ID}`,
    cancel_url: `${base.origin}/`,
    locale: "fr",
  });

  await page.goto(session.url!);
  await expect(page.getByRole("note")).toContainText("Démonstration : ce paiement n’est pas réel");
  await expect(page.getByText("21,00 €").first()).toBeVisible();
  await expect(page.getByLabel("Adresse e-mail")).toHaveValue("lucie@example.test");
  await expect(page.getByRole("link", { name: /Annuler et revenir/ })).toHaveAttribute("href", `${base.origin}/`);
  expect((await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze()).violations).toEqual([]);
  await page.screenshot({ path: "test-results/screens/stripe-sandbox-checkout.png", fullPage: true });

  await page.getByLabel("Numéro de carte").fill("4000 0000 0000 0002");
  await page.getByLabel(/Date d’expiration/).fill("12 / 34");
  await page.getByLabel(/Code de sécurité/).fill("123");
  await page.getByRole("button", { name: /Payer 21,00/ }).click();
  await expect(page.getByRole("alert")).toContainText("Votre carte a été refusée.");
  await page.screenshot({ path: "test-results/screens/stripe-sandbox-declined.png", fullPage: true });

  await page.getByLabel("Numéro de carte").fill("4242 4242 4242 4242");
  await page.getByLabel(/Code de sécurité/).fill("123");
  await page.getByRole("button", { name: /Payer 21,00/ }).click();
  await page.waitForURL(`${base.origin}/?paid=${session.id}`);
  await expect(page.getByTestId("fake-payments-banner")).toBeVisible();
  const paid = await stripe.checkout.sessions.retrieve(session.id);
  expect(paid).toMatchObject({ status: "complete", payment_status: "paid" });
});

test("every page of the demo opens with the fake-payments banner, one or two lines on a phone @desktop", async ({
  page,
}) => {
  await page.goto("/");
  const banner = page.getByRole("note").filter({ hasText: "les paiements de ce site ne sont pas réels" });
  await expect(banner).toBeVisible();
  // Above everything else, and short: at most two lines of its text on a 390 px phone.
  const box = (await banner.boundingBox())!;
  expect(box.y).toBe(0);
  const lineHeight = await banner.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
  const padding = await banner.evaluate((el) => {
    const style = getComputedStyle(el);
    return parseFloat(style.paddingTop) + parseFloat(style.paddingBottom) + parseFloat(style.borderBottomWidth);
  });
  expect(Math.round((box.height - padding) / lineHeight)).toBeLessThanOrEqual(2);
  await expectNoSeriousA11yIssues(page);
  await screenshotPerProject(page, "fake-payments-banner");

  await (await headerMenu(page)).getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("note").filter({ hasText: "payments on this site are not real" })).toBeVisible();
});
