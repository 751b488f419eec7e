import { expect, test } from "@playwright/test";

test("the home page lists the demo market as open", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("link", { name: /Marché de Noël virtuel de Rueil-Malmaison/ })).toBeVisible();
});

test("the page's scripts run under the Content-Security-Policy, and nothing is refused", async ({ page }) => {
  const refused: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  // Added by the browser's automation, not by the page: the policy does not apply to it.
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  await page.goto("/");
  await page.waitForLoadState("networkidle");
  expect(refused).toEqual([]);
  // Remix's inline scripts (hydration data, module imports) ran: the app took over the page.
  await page.waitForFunction(() => "__remixRouter" in window, undefined, { timeout: 15_000 });
  await page.getByRole("link", { name: /Marché de Noël virtuel de Rueil-Malmaison/ }).click();
  await expect(page).toHaveURL(/\/m\//);
  await page.waitForLoadState("networkidle");
  expect(refused).toEqual([]);
});
