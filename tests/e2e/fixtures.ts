// Helpers shared by the browser specs.
import { expect, type Page } from "@playwright/test";

/** Password of every demo account in prisma/seed.ts. */
export const DEMO_PASSWORD = "noel-a-rueil";

/**
 * Logs in through the real log-in form (labels and button, French or English), then waits
 * until the app has left /login. Expects a logged-out page: each Playwright test starts with
 * a fresh browser context, so that is the normal case.
 */
export async function loginAs(
  page: Page,
  email: string,
  password: string = DEMO_PASSWORD,
  options: { redirectTo?: string } = {},
): Promise<void> {
  const query = options.redirectTo ? `?redirectTo=${encodeURIComponent(options.redirectTo)}` : "";
  await page.goto(`/login${query}`);
  const main = page.getByRole("main");
  await main.getByLabel(/^(Adresse e-mail|Email address)$/).fill(email);
  await main.getByLabel(/^(Mot de passe|Password)$/).fill(password);
  await main.getByRole("button", { name: /^(Se connecter|Log in)$/ }).click();
  await page.waitForURL((url) => url.pathname !== "/login");
  await expect(page.getByRole("button", { name: /Se déconnecter|Log out/ })).toBeVisible();
}
