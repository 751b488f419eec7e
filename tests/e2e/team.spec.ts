// Platform administration from a phone (and a desktop): an administrator creates a town and
// invites its organiser by email; the invitee opens the link, creates an account, joins the team
// and lands on the town's console. The spec removes what it made (town, accounts, mail).
import { expect, test, type Page } from "@playwright/test";
import { e2eDb } from "./db";
import {
  DEMO_PASSWORD,
  expectNoSeriousA11yIssues,
  followEmailLink,
  headerMenu,
  loginAs,
  screenshotPerProject,
  signUpsFromOwnAddress,
} from "./fixtures";

// Each test's sign-ups come from an address of their own (fixtures.ts).
test.beforeEach(async ({ page }) => signUpsFromOwnAddress(page));

const made = { townSlugs: [] as string[], emails: [] as string[] };

test.afterEach(async () => {
  const db = await e2eDb();
  // The town's memberships, invitations and audit lines go with it (cascade).
  await db.town.deleteMany({ where: { slug: { in: made.townSlugs } } });
  await db.user.deleteMany({ where: { email: { in: made.emails } } });
  await db.outboxEmail.deleteMany({ where: { to: { in: made.emails } } });
  await db.signupRequest.deleteMany({ where: { email: { in: made.emails } } });
  made.townSlugs = [];
  made.emails = [];
});

/** An administrator with the demo password (isAdmin is set by the first start's link in real life). */
async function createAdmin(unique: string): Promise<string> {
  const db = await e2eDb();
  const demo = await db.user.findUniqueOrThrow({ where: { email: "habitant@demo.chalet.test" } });
  const email = `admin-${unique}@example.test`;
  made.emails.push(email);
  await db.user.create({ data: { email, name: "Alix Admin", passwordHash: demo.passwordHash, isAdmin: true } });
  return email;
}

async function openAdmin(page: Page) {
  await (await headerMenu(page)).getByRole("link", { name: "Administration" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Administration de la plateforme" })).toBeVisible();
}

test("an administrator invites a town's organiser, who signs up and reaches the console @desktop", async ({ page }) => {
  const unique = `${Date.now().toString(36)}-${test.info().project.name}`;
  const adminEmail = await createAdmin(unique);
  const townName = `Chatou ${unique}`;
  const slug = `chatou-${unique}`;
  made.townSlugs.push(slug);
  const invitee = `orga-${unique}@example.test`;
  made.emails.push(invitee);

  await loginAs(page, adminEmail, DEMO_PASSWORD);
  await openAdmin(page);
  await expect(page.getByRole("link", { name: "Rueil-Malmaison" })).toBeVisible();
  await expectNoSeriousA11yIssues(page);
  await screenshotPerProject(page, "admin-home");

  // A new town.
  const form = page.getByRole("form", { name: "Nouvelle ville" });
  await form.getByLabel("Nom de la ville").fill(townName);
  await form.getByLabel("Identifiant").fill(slug);
  await form.getByLabel("Adresse de la mairie").fill("Place Maurice Berteaux, 78400 Chatou");
  await form.getByLabel("E-mail de contact").fill("mairie@chatou.test");
  await form.getByRole("button", { name: "Créer la ville" }).click();
  await expect(page.getByRole("heading", { level: 1, name: townName })).toBeVisible();
  await expect(page.getByText("Cette ville n’a pas encore de marché.")).toBeVisible();

  // Its details can be corrected later; the form folds away.
  await page.getByText("Modifier la ville").click();
  const edit = page.getByRole("form", { name: "Modifier la ville" });
  await edit.getByLabel("Téléphone de contact").fill("01 30 15 00 00");
  await edit.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByRole("status")).toHaveText("Ville enregistrée.");
  await expect(page.getByText("mairie@chatou.test · 01 30 15 00 00")).toBeVisible();

  // Its organiser, by email.
  const invite = page.getByRole("form", { name: "Inviter dans l’équipe" });
  await invite.getByLabel("Adresse e-mail").fill(invitee);
  await invite.getByLabel("Rôle").selectOption("ORGANISER");
  await invite.getByRole("button", { name: "Envoyer l’invitation" }).click();
  await expect(page.getByRole("status")).toHaveText(`Invitation envoyée à ${invitee}.`);
  const pending = page.getByRole("region", { name: "Invitations en attente" });
  await expect(pending.getByText(invitee, { exact: true })).toBeVisible();
  await expect(
    page.getByRole("region", { name: "Journal" }).getByText(`Alix Admin a invité ${invitee} (organisateur)`),
  ).toBeVisible();
  await expectNoSeriousA11yIssues(page);
  await screenshotPerProject(page, "admin-town");

  // The invitee, logged out, follows the email.
  await page.context().clearCookies();
  await followEmailLink(page, {
    to: invitee,
    subject: `Rejoignez l’équipe du marché de Noël de ${townName}`,
    link: /\/team\//,
  });
  await expect(page.getByRole("heading", { level: 1, name: `Rejoindre l’équipe de ${townName}` })).toBeVisible();
  await expectNoSeriousA11yIssues(page);
  await screenshotPerProject(page, "team-invitation");
  await page.getByRole("main").getByRole("link", { name: "Créer un compte" }).click();

  // The invited address is already there; with it the account opens at once (no confirmation:
  // the invitation came to that mailbox).
  const main = page.getByRole("main");
  await expect(main.getByLabel("Adresse e-mail")).toHaveValue(invitee);
  await main.getByLabel("Votre nom").fill("Octave Organise");
  await main.getByLabel("Mot de passe", { exact: true }).fill("marrons-chauds-2026");
  await main.getByRole("button", { name: "Créer mon compte" }).click();

  // Back on the invitation, logged in with the invited address: one button.
  await expect(page.getByRole("heading", { level: 1, name: `Rejoindre l’équipe de ${townName}` })).toBeVisible();
  await page.getByRole("button", { name: "Rejoindre l’équipe" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Vos marchés" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: townName })).toBeVisible();
  await expect(page.getByRole("link", { name: /^Nouveau marché/ })).toBeVisible();
  await page.getByRole("link", { name: /^Équipe/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: `L’équipe de ${townName}` })).toBeVisible();
  const members = page.getByRole("region", { name: "Membres" });
  await expect(members.getByRole("button", { name: "Retirer (Octave Organise)" })).toBeVisible();
  await expect(
    page.getByRole("region", { name: "Invitations en attente" }).getByText(invitee, { exact: true }),
  ).toHaveCount(0);
  await expectNoSeriousA11yIssues(page);
  await screenshotPerProject(page, "team-page");
});

test("a moderator's console shows the chat reports only", async ({ page }) => {
  const db = await e2eDb();
  const unique = `${Date.now().toString(36)}-${test.info().project.name}`;
  const demo = await db.user.findUniqueOrThrow({ where: { email: "habitant@demo.chalet.test" } });
  const town = await db.town.findFirstOrThrow({ where: { name: "Rueil-Malmaison" } });
  const email = `moderation-${unique}@example.test`;
  made.emails.push(email);
  await db.user.create({
    data: {
      email,
      name: "Mona Modère",
      passwordHash: demo.passwordHash,
      memberships: { create: { townId: town.id, role: "MODERATOR" } },
    },
  });

  await loginAs(page, email);
  await (await headerMenu(page)).getByRole("link", { name: "Organisation" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Rueil-Malmaison" })).toBeVisible();
  await expect(page.getByText("Vous êtes modérateur ou modératrice : les signalements du chat.")).toBeVisible();
  await expect(page.getByRole("link", { name: /^Nouveau marché/ })).toHaveCount(0);
  await expect(page.getByRole("link", { name: /^Équipe/ })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Réglages" })).toHaveCount(0);
  await expectNoSeriousA11yIssues(page);
  await screenshotPerProject(page, "moderator-home");

  await page.getByRole("link", { name: "Marché de Noël virtuel de Rueil-Malmaison" }).click();
  const tabs = page.getByRole("navigation", { name: "Sections du marché" });
  await expect(tabs.getByRole("link")).toHaveCount(1);
  await expect(tabs.getByRole("link", { name: /^Signalements/ })).toHaveAttribute("aria-current", "page");
  await expectNoSeriousA11yIssues(page);
  await screenshotPerProject(page, "moderator-reports");
});
