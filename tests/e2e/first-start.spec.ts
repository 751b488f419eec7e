// A town's first start, in the browser: the real server (server/index.ts, as `npm start` runs it
// after its set-up step) on an EMPTY database with SEED_DEMO=never, its own, beside the shared
// demo server. The home page says there is no market yet; the link the start printed opens the
// set-up form; the administrator and the town are created; the first market follows.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { createTestDatabase, dropTestDatabase } from "../setup/database";
import { freePort } from "../setup/ports";
import { expectNoSeriousA11yIssues } from "./fixtures";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SHOTS = "/tmp/shots-setup";

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

test("first start: the printed link → administrator → town → first market @desktop", async ({ page }) => {
  const project = test.info().project.name;
  mkdirSync(SHOTS, { recursive: true });
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
  await expect(page.getByRole("banner").getByRole("button", { name: /Se déconnecter/ })).toBeVisible();
  await page.getByLabel("Nom du marché").fill("Marché de Noël de Saint-Cloud");
  await page.getByRole("button", { name: "Créer le marché" }).click();
  await page.waitForURL(/\/organiser\/markets\/[^/]+\/sessions\?created=1/);

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
});
