import { expect, test, type Page } from "@playwright/test";
import { e2eDb } from "./db";
import {
  confirmSignupFromOutbox,
  DEMO_PASSWORD,
  expectLoggedIn,
  expectNoSeriousA11yIssues,
  headerMenu,
  loginAs,
  logOut,
  screenshotPerProject,
  signUpsFromOwnAddress,
} from "./fixtures";

// Each test's sign-ups come from an address of their own (fixtures.ts).
test.beforeEach(async ({ page }) => signUpsFromOwnAddress(page));

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function signUp(page: Page, name: string, email: string, password: string) {
  await page.goto("/signup");
  const main = page.getByRole("main");
  await main.getByLabel("Votre nom").fill(name);
  await main.getByLabel("Adresse e-mail").fill(email);
  await main.getByLabel("Mot de passe", { exact: true }).fill(password);
  await main.getByRole("button", { name: "Créer mon compte" }).click();
  await expect(main.getByRole("status")).toContainText(`nous venons d’écrire à ${email}`);
  await confirmSignupFromOutbox(page, email);
  await expectLoggedIn(page, name);
}

test("a visitor signs up from the header, is logged in, then logs out", async ({ page }) => {
  await page.goto("/");
  await (await headerMenu(page)).getByRole("link", { name: "Créer un compte" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Créer un compte" })).toBeVisible();
  await page.screenshot({ path: "test-results/screens/accounts-signup.png", fullPage: true });

  const main = page.getByRole("main");
  const email = `camille-${unique()}@example.test`;
  await main.getByLabel("Votre nom").fill("Camille Dupont");
  await main.getByLabel("Adresse e-mail").fill(email);
  const password = main.getByLabel("Mot de passe", { exact: true });
  await password.fill("marrons-chauds-2026");
  await expect(password).toHaveAttribute("type", "password");
  await main.getByLabel("Afficher le mot de passe").check();
  await expect(password).toHaveAttribute("type", "text");
  await main.getByRole("button", { name: "Créer mon compte" }).click();
  // The same answer for every address: the email says what comes next.
  const status = main.getByRole("status");
  await expect(status).toContainText(`nous venons d’écrire à ${email}`);
  await expect(main.getByRole("button", { name: "Créer mon compte" })).toHaveCount(0);
  await page.screenshot({ path: "test-results/screens/accounts-signup-sent.png", fullPage: true });

  await confirmSignupFromOutbox(page, email, { screenshot: "accounts-signup-confirm" });
  await expect(page).toHaveURL(/\/$/);
  const logout = (await headerMenu(page)).getByRole("button", { name: "Se déconnecter (Camille Dupont)" });
  await expect(logout).toBeVisible();
  await logout.click();
  await expect(page.getByRole("banner").getByRole("link", { name: "Se connecter" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Se déconnecter/, includeHidden: true })).toHaveCount(0);
});

test("an empty sign-up form shows each error and moves focus to the first field to fix", async ({ page }) => {
  await page.goto("/signup");
  const main = page.getByRole("main");
  await main.getByRole("button", { name: "Créer mon compte" }).click();
  await expect(main.getByRole("alert")).toHaveText("Corrigez les champs signalés.");
  const name = main.getByLabel("Votre nom");
  await expect(name).toBeFocused();
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(name).toHaveAccessibleDescription(/Ce champ est obligatoire/);
  await expect(main.getByLabel("Mot de passe", { exact: true })).toHaveAccessibleDescription(
    /Ce champ est obligatoire/,
  );

  await name.fill("Camille");
  await main.getByLabel("Adresse e-mail").fill("camille-sans-arobase");
  await main.getByLabel("Mot de passe", { exact: true }).fill("court");
  await main.getByRole("button", { name: "Créer mon compte" }).click();
  const email = main.getByLabel("Adresse e-mail");
  await expect(email).toBeFocused();
  await expect(email).toHaveAccessibleDescription("Adresse e-mail invalide");
  await expect(main.getByLabel("Mot de passe", { exact: true })).toHaveAccessibleDescription(
    /Au moins 10 caractères, s’il vous plaît/,
  );
  await page.screenshot({ path: "test-results/screens/accounts-signup-errors.png", fullPage: true });
});

test("a demo resident logs in, and a wrong password gets a focused generic message", async ({ page }) => {
  await page.goto("/login");
  const main = page.getByRole("main");
  await main.getByLabel("Adresse e-mail").fill("habitant@demo.chalet.test");
  await main.getByLabel("Mot de passe", { exact: true }).fill("pas-le-bon-mot-de-passe");
  await main.getByRole("button", { name: "Se connecter" }).click();
  const alert = main.getByRole("alert");
  await expect(alert).toHaveText("Adresse e-mail ou mot de passe incorrect.");
  await expect(alert).toBeFocused();
  await page.screenshot({ path: "test-results/screens/accounts-login-error.png", fullPage: true });

  await loginAs(page, "habitant@demo.chalet.test", DEMO_PASSWORD, { redirectTo: "/m/marche-de-noel-rueil" });
  await expect(page).toHaveURL(/\/m\/marche-de-noel-rueil$/);
  // Logged-in visitors have nothing to do on the log-in page.
  await page.goto("/login");
  await expect(page).toHaveURL(/\/$/);
});

test("a forgotten password is reset with the link from the outbox", async ({ page }) => {
  const email = `oubli-${unique()}@example.test`;
  await signUp(page, "Jules Oubli", email, "premier-mot-de-passe");
  await logOut(page);

  await page.goto("/login");
  await page.getByRole("main").getByRole("link", { name: "Mot de passe oublié ?" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mot de passe oublié" })).toBeVisible();
  await page.getByRole("main").getByLabel("Adresse e-mail").fill(email);
  await page.getByRole("main").getByRole("button", { name: "Envoyer le lien" }).click();
  await expect(page.getByRole("status")).toContainText("Si un compte existe avec cette adresse");
  await page.screenshot({ path: "test-results/screens/accounts-forgot-sent.png", fullPage: true });

  await page.goto(`/dev/outbox?to=${encodeURIComponent(email)}`);
  const mail = page.getByRole("article", { name: "Choisissez un nouveau mot de passe Chalet" });
  await expect(mail).toHaveCount(1);
  await page.screenshot({ path: "test-results/screens/accounts-outbox.png", fullPage: true });
  await mail.getByRole("link", { name: /\/reset-password\// }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Nouveau mot de passe" })).toBeVisible();
  await expect(page.getByText(`Choisissez un nouveau mot de passe pour ${email}.`)).toBeVisible();
  const resetUrl = page.url();
  await page.screenshot({ path: "test-results/screens/accounts-reset.png", fullPage: true });
  await page.getByRole("main").getByLabel("Mot de passe", { exact: true }).fill("second-mot-de-passe");
  await page.getByRole("main").getByRole("button", { name: "Enregistrer et me connecter" }).click();
  await expectLoggedIn(page, "Jules Oubli");

  // The link is spent.
  await page.goto(resetUrl);
  await expect(page.getByRole("alert")).toHaveText("Ce lien a déjà servi. Demandez-en un nouveau si besoin.");
  await page.screenshot({ path: "test-results/screens/accounts-reset-used.png", fullPage: true });

  await logOut(page);
  await loginAs(page, email, "second-mot-de-passe");
});

test("the account page lists the devices, logs one out, then logs out everywhere @desktop", async ({
  page,
  browser,
}) => {
  const name = "Jeanne Sapin";
  const email = `jeanne-${unique()}@example.test`;
  const password = "vin-chaud-et-cannelle";
  await signUp(page, name, email, password);
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await loginAs(other, email, password);

  await (await headerMenu(page)).getByRole("link", { name: "Mon compte" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mon compte" })).toBeVisible();
  const main = page.getByRole("main");
  await expect(main.getByText(email)).toBeVisible();
  const devices = main.getByRole("region", { name: "Appareils connectés" }).getByRole("listitem");
  await expect(devices).toHaveCount(2);
  await expect(devices.filter({ hasText: "Cet appareil" })).toHaveCount(1);
  await expectNoSeriousA11yIssues(page);
  await screenshotPerProject(page, "account");

  // The other device, by keyboard: its button names the device and when it logged in.
  const end = devices
    .filter({ hasNotText: "Cet appareil" })
    .getByRole("button", { name: /^Déconnecter .*connecté le/ });
  await end.focus();
  await page.keyboard.press("Enter");
  await expect(main.getByRole("status")).toHaveText("Cet appareil est déconnecté.");
  await expect(devices).toHaveCount(1);
  await other.reload();
  await expect(other.getByRole("banner").getByRole("link", { name: "Se connecter" })).toBeVisible();

  await loginAs(other, email, password);
  await main.getByRole("button", { name: "Se déconnecter partout" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("banner").getByRole("link", { name: "Se connecter" })).toBeVisible();
  await other.reload();
  await expect(other.getByRole("banner").getByRole("link", { name: "Se connecter" })).toBeVisible();
  await otherContext.close();
});

test("logging out everywhere cuts the live orders of the merchant's other browser at once", async ({
  page,
  browser,
}) => {
  const db = await e2eDb();
  const merchant = await db.user.findUniqueOrThrow({ where: { email: "marchand@demo.chalet.test" } });
  const stall = await db.stall.findFirstOrThrow({ where: { ownerId: merchant.id }, orderBy: { createdAt: "asc" } });
  await loginAs(page, merchant.email, DEMO_PASSWORD, { redirectTo: `/merchant/stalls/${stall.id}/orders` });
  await expect(page.getByText("En direct", { exact: true })).toBeVisible();

  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await loginAs(other, merchant.email, DEMO_PASSWORD, { redirectTo: "/account" });
  await other.getByRole("button", { name: "Se déconnecter partout" }).click();
  await expect(other).toHaveURL(/\/login$/);

  // Without any reload: the server closed the first browser's socket, which comes back anonymous.
  await expect(page.getByText("Connexion perdue", { exact: false })).toBeVisible();
  await expect(page.getByText("En direct", { exact: true })).toHaveCount(0);
  await page.reload();
  await expect(page).toHaveURL(/\/login\?redirectTo=/);
  await otherContext.close();
});

test("log-in, sign-up and reset pages have no serious accessibility violations @desktop", async ({ page }) => {
  for (const [path, heading] of [
    ["/login", "Se connecter"],
    ["/signup", "Créer un compte"],
    ["/forgot-password", "Mot de passe oublié"],
    ["/reset-password/lien-invente-qui-ne-marche-pas", "Nouveau mot de passe"],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expectNoSeriousA11yIssues(page);
  }
  await page.screenshot({ path: "test-results/screens/accounts-reset-invalid.png", fullPage: true });
  await page.goto("/login");
  await page.screenshot({ path: "test-results/screens/accounts-login.png", fullPage: true });

  // And the same after a refused submit, with the errors on screen.
  await page.goto("/signup");
  await page.getByRole("main").getByRole("button", { name: "Créer mon compte" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toBeVisible();
  await expectNoSeriousA11yIssues(page);
});

test("the log-in page speaks English when asked", async ({ page }) => {
  // Issue 12: the browser bundles French only; an English page loads its dictionary before
  // hydrating. A hydration mismatch would show as React error 418/423 in the console.
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto("/login");
  const englishChunk = page.waitForResponse((response) => /\/build\/_shared\/en-\w+\.js$/.test(response.url()));
  await (await headerMenu(page)).getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Log in" })).toBeVisible();
  expect((await englishChunk).ok()).toBe(true);
  // A client-side navigation renders in the browser, with the dictionary it loaded: English.
  await page.getByRole("main").getByRole("link", { name: "Create an account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Create an account" })).toBeVisible();
  expect(errors).toEqual([]);
  await page.goBack();
  await expect(page.getByRole("main").getByLabel("Email address")).toHaveAttribute("autocomplete", "email");
  await expect(page.getByRole("main").getByLabel("Password", { exact: true })).toHaveAttribute(
    "autocomplete",
    "current-password",
  );
  await page.screenshot({ path: "test-results/screens/accounts-login-en.png", fullPage: true });
});
