// "Reconduire" from a phone (and a desktop): the organiser carries last year's demo market over
// to its next edition, reviews the moved sessions and saves; the merchants of last year (four
// demo stalls, prisma/seed.ts) are invited again, and one of them keeps their stall in one tap.
// Everything the spec made goes afterwards.
import { expect, test, type Page } from "@playwright/test";
import { chooseWeekShift, shiftSession, yearsAhead } from "../../app/models/market-edition";
import { DEMO_LAST_YEAR_MERCHANTS } from "../../prisma/demo/catalogue";
import { e2eDb } from "./db";
import { expectNoSeriousA11yIssues, loginAs, logOut, screenshotPerProject } from "./fixtures";

const ORGANISER = "organisation@demo.chalet.test";
const MERCHANTS = DEMO_LAST_YEAR_MERCHANTS;
const LAST_YEAR = "marche-de-noel-rueil-2025";

let made: { sourceId: string | null } = { sourceId: null };

/** Last year's demo market, with its sessions. */
async function lastYearMarket() {
  const db = await e2eDb();
  const source = await db.market.findUniqueOrThrow({
    where: { slug: LAST_YEAR },
    include: { sessions: { where: { cancelledAt: null }, orderBy: { startsAt: "asc" } } },
  });
  made = { sourceId: source.id };
  return source;
}

test.afterEach(async () => {
  const db = await e2eDb();
  if (made.sourceId) {
    const edition = await db.market.findUnique({ where: { previousEditionId: made.sourceId } });
    if (edition) {
      // Cascades: its sessions, invitations and the kept stall with its products and photo rows
      // (the photo files are the demo's, still shown by this year's stalls).
      await db.market.delete({ where: { id: edition.id } });
      await db.outboxEmail.deleteMany({ where: { subject: { contains: edition.name } } });
    }
  }
  made = { sourceId: null };
});

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: `/tmp/shots-edition/${name}-${test.info().project.name}.png`, fullPage: true });
  await screenshotPerProject(page, `edition-${name}`);
}

test("'Reconduire' on last year's demo market makes the next edition, and a merchant keeps their stall @desktop", async ({
  page,
}) => {
  const source = await lastYearMarket();
  // What the review must propose: the same rule, from the seeded session (a year before today).
  const first = source.sessions[0]!;
  const years = yearsAhead(first.startsAt, new Date());
  const moved = shiftSession(first, chooseWeekShift(first.startsAt, source.timezone, { years }), source.timezone);
  const newName = `Marché de Noël ${2025 + years}`;

  await loginAs(page, ORGANISER, undefined, { redirectTo: "/organiser" });
  await page.getByRole("link", { name: "Marché de Noël 2025" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Marché de Noël 2025" })).toBeVisible();
  await page.getByRole("link", { name: "Reconduire" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Reconduire « Marché de Noël 2025 »" })).toBeVisible();
  await expect(page.getByLabel("Nom de la nouvelle édition")).toHaveValue(newName);
  await expect(page.getByLabel("Adresse du marché")).toHaveValue(`marche-de-noel-rueil-${2025 + years}`);
  const session = page.getByRole("group", { name: "Séance 1" });
  await expect(session.getByLabel("Reprendre cette séance")).toBeChecked();
  await expect(session.getByLabel("Date")).toHaveValue(moved.date);
  await expect(session.getByLabel("Ouverture")).toHaveValue("10:00");
  await expect(session.getByLabel("Fermeture")).toHaveValue("19:00");
  const merchants = page.getByRole("region", { name: `Commerçants invités à nouveau (${MERCHANTS.length})` });
  for (const email of MERCHANTS) await expect(merchants.getByText(email, { exact: false })).toBeVisible();
  await expectNoSeriousA11yIssues(page);
  await shoot(page, "review");

  // A closing time before the opening is refused with a message on the field, nothing created.
  await session.getByLabel("Fermeture").fill("09:00");
  await page.getByRole("button", { name: "Créer la nouvelle édition" }).click();
  await expect(page.getByRole("alert")).toContainText("Séance 1 :");
  await expect(session.getByLabel("Fermeture")).toHaveAttribute("aria-invalid", "true");
  await expectNoSeriousA11yIssues(page);
  await shoot(page, "review-refused");
  expect(await (await e2eDb()).market.count({ where: { previousEditionId: source.id } })).toBe(0);
  await session.getByLabel("Fermeture").fill("19:00");

  await page.getByRole("button", { name: "Créer la nouvelle édition" }).click();
  await expect(page.getByRole("heading", { level: 1, name: newName })).toBeVisible();
  await expect(page).toHaveURL(/\/organiser\/markets\/[^/]+\/sessions$/);
  await expect(page.getByText("Brouillon").first()).toBeVisible();
  // The moved session is listed (its day as the sessions page writes it).
  const day = new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", day: "numeric", month: "long" }).format(
    new Date(`${moved.date}T12:00:00Z`),
  );
  await expect(page.getByRole("main").getByText(new RegExp(day)).first()).toBeVisible();
  await expectNoSeriousA11yIssues(page);
  await shoot(page, "sessions");

  await page.getByRole("link", { name: "Invitations", exact: true }).click();
  for (const email of MERCHANTS) await expect(page.getByText(email)).toBeVisible();
  await expect(page.getByText("En attente")).toHaveCount(MERCHANTS.length);
  await logOut(page);

  // The merchant opens the link of their email (the dev outbox stands in for the mailbox).
  await page.goto(`/dev/outbox?to=${encodeURIComponent(MERCHANTS[0]!)}`);
  const href = await page
    .getByRole("article", { name: `Invitation : reprenez votre stand au ${newName}` })
    .first()
    .getByRole("link", { name: /\/invitations\// })
    .getAttribute("href");
  const invitationPath = new URL(href!).pathname;
  await loginAs(page, MERCHANTS[0]!, undefined, { redirectTo: invitationPath });
  await expect(page.getByRole("heading", { level: 2, name: "Votre stand de l’an dernier" })).toBeVisible();
  await expectNoSeriousA11yIssues(page);
  await shoot(page, "keep");

  await page.getByRole("button", { name: "Garder mon stand" }).click();
  await expect(page).toHaveURL(/\/merchant\/stalls\/[^/]+\/stock$/);
  await expect(page.getByRole("heading", { level: 1, name: "Stock rapide" })).toBeVisible();
  await shoot(page, "stock");

  const db = await e2eDb();
  const edition = await db.market.findUniqueOrThrow({
    where: { previousEditionId: source.id },
    include: { stalls: { include: { products: true, photos: true } } },
  });
  expect(edition.stalls).toHaveLength(1);
  expect(edition.stalls[0]!.status).toBe("PENDING");
  expect(edition.stalls[0]!.photos.length).toBeGreaterThan(0);
  expect(edition.stalls[0]!.products.map((p) => p.stock)).toEqual(edition.stalls[0]!.products.map(() => 0));
});
