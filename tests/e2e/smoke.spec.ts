import { expect, test } from "@playwright/test";

test("the home page lists the demo market as open", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("link", { name: /Marché de Noël virtuel de Rueil-Malmaison/ })).toBeVisible();
});
