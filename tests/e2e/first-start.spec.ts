// A town's first start, in the browser: the real server (server/index.ts, as `npm start` runs it
// after its set-up step) on an EMPTY database with SEED_DEMO=never, its own, beside the shared
// demo server. The home page says there is no market yet; the link the start printed opens the
// set-up form; the administrator and the town are created; the first market follows. Then, as
// issue 14 asks, the town's team and its first stall: a second organiser invited from /admin
// joins; a merchant invited to the market opens a stall with its legal identity; the organiser
// approves it (chalet n° 1), places it on the plan with the keyboard and publishes the market,
// whose public plan shows the chalet there.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { createTestDatabase, dropTestDatabase } from "../setup/database";
import { freePort } from "../setup/ports";
import { expectLoggedIn, expectNoSeriousA11yIssues, followEmailLink, headerMenu, loginAs } from "./fixtures";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SHOTS = "/tmp/shots-setup";
const JOURNEY_SHOTS = "/tmp/shots-journey";

let child: ChildProcess;
let databaseUrl: string;
let baseUrl: string;
let setupLink: string;
let output = "";

test.beforeAll(async () => {
  databaseUrl = await createTestDatabase("e2e-first-start");
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  child = spawn(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "server/index.ts"], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "test",
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: baseUrl,
      SEED_DEMO: "never",
      LOG_REQUESTS: "0",
    },
  });
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  setupLink = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no set-up link printed:\n${output}`)), 60_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /no administrator yet\. Open this link to set up: (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once("exit", (code) => reject(new Error(`the server exited with ${code}:\n${output}`)));
  });
});

test.afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
  if (databaseUrl) await dropTestDatabase(databaseUrl);
});

test("first start: the printed link → administrator → town → first market → a second organiser → a stall placed on the plan @desktop", async ({
  page,
}) => {
  // One journey through some twenty pages, each scanned by axe: far longer than one page's test.
  test.setTimeout(240_000);
  const project = test.info().project.name;
  mkdirSync(SHOTS, { recursive: true });
  mkdirSync(JOURNEY_SHOTS, { recursive: true });
  const shoot = (name: string) => page.screenshot({ path: `${JOURNEY_SHOTS}/${name}-${project}.png`, fullPage: true });
  expect(setupLink).toMatch(new RegExp(`^${baseUrl}/setup/[A-Za-z0-9_-]{43}$`));

  // An empty database: the home page says so, without crashing.
  await page.goto(`${baseUrl}/`);
  await expect(page.getByText("Aucun marché n’est encore publié. Revenez bientôt !")).toBeVisible();

  await page.goto(setupLink);
  await expect(page.getByRole("heading", { level: 1, name: "Installer Chalet" })).toBeVisible();
  await expectNoSeriousA11yIssues(page);
  await page.screenshot({ path: `${SHOTS}/setup-${project}.png`, fullPage: true });

  // A refused form first: the message, focus on the field, nothing created.
  const main = page.getByRole("main");
  await main.getByRole("button", { name: "Créer mon compte et la ville" }).click();
  await expect(main.getByLabel("Votre nom")).toBeFocused();
  await expect(main.getByText("Ce champ est obligatoire").first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/setup-refused-${project}.png`, fullPage: true });

  await main.getByLabel("Votre nom").fill("Camille Martin");
  await main.getByLabel("Adresse e-mail", { exact: true }).fill("camille@mairie.example");
  await main.getByLabel("Mot de passe", { exact: true }).fill("une-phrase-assez-longue");
  await main.getByLabel("Nom de la ville").fill("Saint-Cloud");
  await main.getByLabel("Adresse de la mairie").fill("13 place Charles de Gaulle, 92210 Saint-Cloud");
  await main.getByLabel("E-mail de contact").fill("noel@saint-cloud.example");
  await main.getByLabel("Téléphone de contact").fill("01 47 71 53 00");
  const logo = await sharp({ create: { width: 200, height: 240, channels: 3, background: "#1d4d3a" } })
    .png()
    .toBuffer();
  await main.getByLabel("Blason ou logo (facultatif)").setInputFiles({
    name: "blason.png",
    mimeType: "image/png",
    buffer: logo,
  });
  await main.getByRole("button", { name: "Créer mon compte et la ville" }).click();

  // Logged in as the town's organiser, on the first market's form.
  await page.waitForURL(/\/organiser\/markets\/new\?townId=/);
  await expect(page.getByRole("heading", { level: 1, name: "Nouveau marché à Saint-Cloud" })).toBeVisible();
  await expectLoggedIn(page);
  await page.getByLabel("Nom du marché").fill("Marché de Noël de Saint-Cloud");
  await page.getByRole("button", { name: "Créer le marché" }).click();
  await page.waitForURL(/\/organiser\/markets\/[^/]+\/sessions\?created=1/);

  // Its first days, from tomorrow (the machine's clock: this server has no test clock).
  const day = (offset: number) =>
    new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date(Date.now() + offset * 86_400_000));
  const recurring = page.locator("form").filter({ has: page.getByRole("button", { name: "Ajouter ces séances" }) });
  await recurring.getByLabel("Du").fill(day(1));
  await recurring.getByLabel("Au (inclus)").fill(day(3));
  await recurring.getByLabel("Heure d’ouverture").fill("10:00");
  await recurring.getByLabel("Heure de fermeture", { exact: true }).fill("19:00");
  await recurring.getByRole("button", { name: "Ajouter ces séances" }).click();
  await expect(page.getByRole("status")).toContainText("3 séances ajoutées");

  // "Ma ville": the legal notice is filled in here.
  await page.goto(`${baseUrl}/organiser`);
  await page.getByRole("link", { name: "Ma ville" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ma ville" })).toBeVisible();
  await page.getByLabel("Directeur ou directrice de la publication").fill("Le maire de Saint-Cloud");
  await page.getByLabel("Hébergeur : nom").fill("Hébergeur SAS");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByText("Les informations de la ville sont enregistrées.")).toBeVisible();
  await expectNoSeriousA11yIssues(page);
  await page.screenshot({ path: `${SHOTS}/town-settings-${project}.png`, fullPage: true });

  // The town's page, from the home page's list of towns.
  await page.goto(`${baseUrl}/`);
  await page.getByRole("link", { name: "Saint-Cloud" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Saint-Cloud" })).toBeVisible();
  await expect(page.getByRole("img", { name: "Blason de Saint-Cloud" })).toBeVisible();
  await expect(page.getByRole("link", { name: "noel@saint-cloud.example" })).toBeVisible();
  await expectNoSeriousA11yIssues(page);
  await page.screenshot({ path: `${SHOTS}/town-${project}.png`, fullPage: true });

  // The link served once: it now says Chalet is set up.
  await page.goto(setupLink);
  await expect(page.getByText("Chalet est déjà installé : un administrateur existe. Connectez-vous.")).toBeVisible();

  // 1. The administrator invites a second organiser from /admin.
  const organiser = "octave@mairie.example";
  await (await headerMenu(page)).getByRole("link", { name: "Administration" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Administration de la plateforme" })).toBeVisible();
  await page.getByRole("main").getByRole("link", { name: "Saint-Cloud" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Saint-Cloud" })).toBeVisible();
  // The administrator set the town up, so organises it: its market's console is one link away.
  await expect(page.getByRole("link", { name: "Console (Marché de Noël de Saint-Cloud)" })).toBeVisible();
  const invite = page.getByRole("form", { name: "Inviter dans l’équipe" });
  await invite.getByLabel("Adresse e-mail").fill(organiser);
  await invite.getByLabel("Rôle").selectOption("ORGANISER");
  await invite.getByRole("button", { name: "Envoyer l’invitation" }).click();
  await expect(page.getByRole("status")).toHaveText(`Invitation envoyée à ${organiser}.`);
  await expectNoSeriousA11yIssues(page);
  await shoot("admin-town");

  // The invitee, logged out, follows the email, creates an account and joins.
  await page.context().clearCookies();
  await followEmailLink(page, {
    to: organiser,
    subject: "Rejoignez l’équipe du marché de Noël de Saint-Cloud",
    link: /\/team\//,
    origin: baseUrl,
  });
  await expect(page.getByRole("heading", { level: 1, name: "Rejoindre l’équipe de Saint-Cloud" })).toBeVisible();
  await page.getByRole("main").getByRole("link", { name: "Créer un compte" }).click();
  await signUp("Octave Lefèvre", organiser, "marrons-chauds-2026");
  await expect(page.getByRole("heading", { level: 1, name: "Rejoindre l’équipe de Saint-Cloud" })).toBeVisible();
  await expectNoSeriousA11yIssues(page);
  await shoot("team-invitation");
  await page.getByRole("button", { name: "Rejoindre l’équipe" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Vos marchés" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Saint-Cloud" })).toBeVisible();
  await expectNoSeriousA11yIssues(page);
  await shoot("organiser-console");

  // 2. The new organiser invites a merchant to the market.
  const merchant = "lucie@santons.example";
  await page.getByRole("link", { name: "Marché de Noël de Saint-Cloud" }).click();
  await marketTab("Invitations");
  await page.getByLabel("Adresses e-mail").fill(merchant);
  await page.getByRole("button", { name: "Envoyer les invitations" }).click();
  await expect(page.getByRole("status")).toContainText("1 invitation envoyée.");

  // The merchant follows it, creates an account, then the stall with its legal identity.
  await page.context().clearCookies();
  await followEmailLink(page, {
    to: merchant,
    subject: "Invitation : tenez un stand au Marché de Noël de Saint-Cloud",
    link: /\/invitations\//,
    origin: baseUrl,
  });
  await expect(
    page.getByRole("heading", { level: 1, name: "Tenez un stand au Marché de Noël de Saint-Cloud" }),
  ).toBeVisible();
  await page.getByRole("link", { name: "Créer un compte" }).last().click();
  await signUp("Lucie Arnaud", merchant, "santons-de-provence");
  await expect(page.getByRole("heading", { level: 2, name: "Votre stand" })).toBeVisible();
  const stall = "Santons de Montretout";
  await page.getByLabel("Nom du stand").fill(stall);
  await page.getByLabel("Catégorie").selectOption({ label: "Artisanat" });
  await expectNoSeriousA11yIssues(page);
  await shoot("merchant-invitation");
  await page.getByRole("button", { name: "Créer mon stand" }).click();
  // Straight to the first product; the stall's page says what approval still needs.
  await expect(page.getByRole("heading", { level: 1, name: "Nouveau produit" })).toBeVisible();
  await expect(page.getByText("En attente de validation")).toBeVisible();
  await page.getByRole("link", { name: "Compléter la fiche" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mon stand" })).toBeVisible();
  await page.getByLabel("Retrait des commandes").fill("Au chalet, place de l’Hôtel de ville.");
  await page.getByLabel("Raison sociale ou nom de l’entrepreneur").fill("Lucie Arnaud (EI)");
  // A made-up SIRET with a valid Luhn key, typed with spaces as merchants copy it.
  await page.getByLabel("Numéro SIRET").fill("812 345 676 00017");
  await page.getByLabel("Adresse de l’entreprise").fill("2 rue de Montretout, 92210 Saint-Cloud");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Stand enregistré." })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Numéro SIRET")).toHaveValue("81234567600017");
  await expect(page.getByText("Avant la validation de votre stand, il manque")).toHaveCount(0);

  // 3. The organiser approves it: chalet n° 1.
  await page.context().clearCookies();
  await loginAs(page, organiser, "marrons-chauds-2026", { origin: baseUrl, redirectTo: "/organiser" });
  await page.getByRole("link", { name: "Marché de Noël de Saint-Cloud" }).click();
  await marketTab("Stands");
  const pending = page.getByRole("region", { name: /En attente de validation/ });
  await expect(pending.getByRole("article", { name: stall })).toContainText("Lucie Arnaud (EI)");
  await expectNoSeriousA11yIssues(page);
  await shoot("stalls-pending");
  await pending.getByRole("button", { name: `Approuver le stand ${stall}` }).click();
  await expect(page.getByRole("status")).toHaveText(
    `Le stand « ${stall} » est approuvé : il est visible du public. Il a le chalet n° 1 sur le plan.`,
  );

  // Placed on the plan with the keyboard.
  await marketTab("Plan");
  await expect(page.getByRole("heading", { level: 2, name: "Plan de la place" })).toBeVisible();
  const row = page.getByRole("list", { name: "Chalets" }).getByRole("group", { name: `Chalet n° 1 : ${stall}` });
  await row.getByLabel("Horizontale").focus();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("30");
  await page.keyboard.press("Tab");
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("70");
  await page.keyboard.press("Tab"); // the swap box, left unticked
  await page.keyboard.press("Tab");
  await expect(row.getByRole("button", { name: `Enregistrer le chalet ${stall}` })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(row.getByRole("status")).toHaveText(`Chalet n° 1 « ${stall} » enregistré.`);
  await expectNoSeriousA11yIssues(page);
  await shoot("plan");

  // Published (a draft is seen by no one), the market's page shows the chalet there.
  await marketTab("Réglages");
  await page.getByLabel("État").selectOption("PUBLISHED");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByText("Les réglages du marché sont enregistrés.")).toBeVisible();
  await page.context().clearCookies();
  await page.goto(`${baseUrl}/`);
  await page.getByRole("link", { name: "Marché de Noël de Saint-Cloud" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Marché de Noël de Saint-Cloud" })).toBeVisible();
  await expect(page.getByText("Aucune ouverture prévue pour le moment.")).toHaveCount(0);
  // On a phone the plan is the page's other view (on a desktop it is under the list anyway).
  await page.goto(`${page.url()}?vue=plan`);
  const chalets = page.getByRole("list", { name: "Liste des chalets du plan" });
  await expect(chalets.getByRole("link")).toHaveCount(1);
  await expect(chalets.getByRole("link")).toHaveAccessibleName(new RegExp(`^Chalet 1\\s: ${stall}`));
  const drawn = page.getByTestId("stall-plan").locator("[data-chalet] > g");
  await expect(drawn).toHaveAttribute("transform", "translate(30 70)");
  await expect(drawn).toHaveText("1");
  await expectNoSeriousA11yIssues(page);
  await shoot("market-plan");

  /** Signs up from an invitation: its address is there, and the account opens at once. */
  async function signUp(name: string, email: string, password: string) {
    const main = page.getByRole("main");
    await expect(main.getByLabel("Adresse e-mail")).toHaveValue(email);
    await main.getByLabel("Votre nom").fill(name);
    await main.getByLabel("Mot de passe", { exact: true }).fill(password);
    await main.getByRole("button", { name: "Créer mon compte" }).click();
    await expectLoggedIn(page);
  }

  async function marketTab(name: string) {
    const tab = page.getByRole("navigation", { name: "Sections du marché" }).getByRole("link", { name, exact: true });
    await tab.click();
    await expect(tab).toHaveAttribute("aria-current", "page");
  }
});
