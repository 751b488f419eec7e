// Helpers shared by the browser specs.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";

/**
 * This test's sign-ups come from an address of their own (documentation ranges, RFC 5737; the e2e
 * server trusts X-Forwarded-For from loopback as from a proxy, TRUST_PROXY's default): the limit
 * per address (5 sign-ups in 10 minutes) then counts people, not the whole suite, which signs up
 * more people in ten minutes than one address would. Only the form's submission carries it: the
 * dev outbox answers local requests only. The address follows from the test's id.
 */
export async function signUpsFromOwnAddress(page: Page): Promise<void> {
  const info = test.info();
  let hash = 0;
  for (const char of info.testId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  const address = `${info.project.name === "desktop" ? "198.51.100" : "203.0.113"}.${1 + (hash % 254)}`;
  await page.route(/\/signup(\.data)?(\?|$)/, (route) =>
    route.request().method() === "POST"
      ? route.continue({ headers: { ...route.request().headers(), "x-forwarded-for": address } })
      : route.fallback(),
  );
}

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
  options: { redirectTo?: string; origin?: string } = {},
): Promise<void> {
  const query = options.redirectTo ? `?redirectTo=${encodeURIComponent(options.redirectTo)}` : "";
  // origin: a server of the spec's own (first-start.spec.ts) instead of the shared demo server.
  await page.goto(`${options.origin ?? ""}/login${query}`);
  const main = page.getByRole("main");
  await main.getByLabel(/^(Adresse e-mail|Email address)$/).fill(email);
  await main.getByLabel(/^(Mot de passe|Password)$/).fill(password);
  await main.getByRole("button", { name: /^(Se connecter|Log in)$/ }).click();
  await page.waitForURL((url) => url.pathname !== "/login");
  await expectLoggedIn(page);
}

/**
 * The header's menu (its less used links, log-out and the language), opened: a locator of its
 * panel. It closes by itself when the page changes.
 */
export async function headerMenu(page: Page): Promise<Locator> {
  const menu = page.getByRole("banner").getByTestId("header-menu");
  // Again if the page changed just after the click (a form's redirect closes the menu).
  await expect(async () => {
    if ((await menu.getAttribute("open")) === null) await menu.locator("summary").click();
    await expect(menu).toHaveAttribute("open", "", { timeout: 1_000 });
  }).toPass();
  return menu;
}

/**
 * The header says someone (that name, if given) is logged in: its menu holds the log-out button
 * (the header's: /account has "Se déconnecter partout" buttons of its own). The menu stays closed.
 */
export async function expectLoggedIn(page: Page, name?: string): Promise<void> {
  const logout = page
    .getByRole("banner")
    .getByRole("button", { name: name ? `Se déconnecter (${name})` : /Se déconnecter|Log out/, includeHidden: true });
  await expect(logout).toHaveCount(1);
}

/** Logs out with the header's button, in its menu. */
export async function logOut(page: Page): Promise<void> {
  await (await headerMenu(page)).getByRole("button", { name: /Se déconnecter|Log out/ }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: /^(Se connecter|Log in)$/ })).toBeVisible();
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
 * Opens the link of an email from the dev outbox (which stands in for the mailbox): the newest
 * email to `to` with this subject, its link matching `link`. `origin` as for loginAs.
 */
export async function followEmailLink(
  page: Page,
  email: { to: string; subject: string | RegExp; link: RegExp; origin?: string },
): Promise<void> {
  await page.goto(`${email.origin ?? ""}/dev/outbox?to=${encodeURIComponent(email.to)}`);
  await page.getByRole("article", { name: email.subject }).first().getByRole("link", { name: email.link }).click();
}

/**
 * Follows the sign-up email from the dev outbox: opens its link and presses the button that
 * creates the account and logs in. The page is then wherever the sign-up's redirectTo said.
 */
export async function confirmSignupFromOutbox(
  page: Page,
  email: string,
  options: { screenshot?: string; origin?: string } = {},
): Promise<void> {
  await followEmailLink(page, {
    to: email,
    subject: "Activez votre compte Chalet",
    link: /\/confirm-signup\//,
    origin: options.origin,
  });
  await expect(page.getByRole("heading", { level: 1, name: "Activer votre compte" })).toBeVisible();
  if (options.screenshot) {
    await page.screenshot({ path: `test-results/screens/${options.screenshot}.png`, fullPage: true });
  }
  await page.getByRole("button", { name: "Activer mon compte" }).click();
  await expectLoggedIn(page);
}
