// The sandbox's hosted payment page on a phone: French, accessible, a declined card explained,
// then paid with 4242 and sent back to the success URL.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import Stripe from "stripe";
import { SANDBOX_API_KEY } from "../../app/utils/stripe.server";

test("the hosted payment page declines 4000…0002 and pays with 4242", async ({ page, baseURL }) => {
  const base = new URL(baseURL!);
  const stripe = new Stripe(SANDBOX_API_KEY, { host: base.hostname, port: base.port, protocol: "http" });
  const session = await stripe.checkout.sessions.create({
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
  const paid = await stripe.checkout.sessions.retrieve(session.id);
  expect(paid).toMatchObject({ status: "complete", payment_status: "paid" });
});
