// Helpers shared by the browser specs.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

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
  // The header's button: /account has "Se déconnecter partout" buttons of its own.
  await expect(page.getByRole("banner").getByRole("button", { name: /Se déconnecter|Log out/ })).toBeVisible();
}

/** Runs axe on the page as it is now; fails listing every serious or critical violation. */
export async function expectNoSeriousA11yIssues(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    "no serious or critical axe violations",
  ).toEqual([]);
}

/** Full-page screenshot at test-results/screens/<name>-<project>.png, to look at after a run. */
export async function screenshotPerProject(page: Page, name: string): Promise<void> {
  const project = test.info().project.name;
  await page.screenshot({ path: `test-results/screens/${name}-${project}.png`, fullPage: true });
}

/**
 * Follows the sign-up email from the dev outbox: opens its link and presses the button that
 * creates the account and logs in. The page is then wherever the sign-up's redirectTo said.
 */
export async function confirmSignupFromOutbox(page: Page, email: string, screenshot?: string): Promise<void> {
  await page.goto(`/dev/outbox?to=${encodeURIComponent(email)}`);
  await page
    .getByRole("article", { name: "Activez votre compte Chalet" })
    .first()
    .getByRole("link", { name: /\/confirm-signup\// })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Activer votre compte" })).toBeVisible();
  if (screenshot) await page.screenshot({ path: `test-results/screens/${screenshot}.png`, fullPage: true });
  await page.getByRole("button", { name: "Activer mon compte" }).click();
  await expect(page.getByRole("banner").getByRole("button", { name: /Se déconnecter/ })).toBeVisible();
}
