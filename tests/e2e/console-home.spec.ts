// The organiser's first minutes: the log-in lands on their markets (no redirectTo), the market
// open now listed first, each card one tap from the console's "Maintenant", "Commandes" and
// "Signalements" tabs.
import { expect, test } from "@playwright/test";
import { e2eDb } from "./db";
import { expectNoSeriousA11yIssues, loginAs, screenshotPerProject } from "./fixtures";

const ORGANISER = "organisation@demo.chalet.test";
const DEMO_MARKET = "Marché de Noël virtuel de Rueil-Malmaison";

test("the organiser lands on their markets, the open one first, its tabs one tap away @desktop", async ({ page }) => {
  await loginAs(page, ORGANISER);
  await expect(page).toHaveURL(/\/organiser$/);
  await expect(page.getByRole("heading", { level: 1, name: "Vos marchés" })).toBeVisible();

  // The first group of the town is the markets open now, the demo market in it.
  const groups = page.getByRole("region", { name: "Rueil-Malmaison" }).getByRole("heading", { level: 3 });
  await expect(groups.first()).toHaveText("Ouvert en ce moment");
  const open = page.getByRole("region", { name: "Ouvert en ce moment" });
  await expect(open.getByRole("link", { name: DEMO_MARKET, exact: true })).toBeVisible();
  await expectNoSeriousA11yIssues(page);
  await screenshotPerProject(page, "console-home");

  const card = open.getByRole("navigation", { name: DEMO_MARKET });
  await card.getByRole("link", { name: "Commandes", exact: true }).click();
  await expect(page).toHaveURL(/\/organiser\/markets\/[^/]+\/orders$/);
  await page.goBack();
  await card.getByRole("link", { name: "Signalements", exact: true }).click();
  await expect(page).toHaveURL(/\/organiser\/markets\/[^/]+\/reports$/);
  await page.goBack();
  await card.getByRole("link", { name: "Maintenant", exact: true }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Maintenant" })).toBeVisible();
  await screenshotPerProject(page, "console-live-open");

  // A draft to come, its session starting in a minute: "Ouvrir maintenant" offers the session's
  // closing (unless that is tomorrow already, late at night), then the draft is deleted.
  const db = await e2eDb();
  const town = await db.town.findFirstOrThrow({ where: { name: "Rueil-Malmaison" } });
  const name = `Brouillon ${Date.now().toString(36)}`;
  const draft = await db.market.create({
    data: { townId: town.id, name, slug: `brouillon-${Date.now().toString(36)}`, status: "DRAFT" },
  });
  try {
    const start = Date.now() + 60_000;
    await db.marketSession.create({
      data: { marketId: draft.id, startsAt: new Date(start), endsAt: new Date(start + 3_600_000) },
    });
    await page.goto("/organiser");
    const upcoming = page.getByRole("region", { name: "À venir" });
    await upcoming.getByRole("navigation", { name }).getByRole("link", { name: "Maintenant", exact: true }).click();
    await expect(page.getByRole("heading", { level: 3, name: "Ouvrir maintenant" })).toBeVisible();
    await expect(page.getByText(/Jusqu’à la fermeture prévue|Aucune fermeture n’est prévue/)).toBeVisible();
    await expectNoSeriousA11yIssues(page);
    await screenshotPerProject(page, "console-live-closed");

    await page.getByRole("navigation", { name: "Sections du marché" }).getByRole("link", { name: "Réglages" }).click();
    await page.getByRole("link", { name: "Supprimer ce brouillon" }).click();
    await expect(
      page.getByRole("heading", { level: 1, name: `Supprimer le brouillon «\u00a0${name}\u00a0»\u00a0?` }),
    ).toBeVisible();
    await screenshotPerProject(page, "console-delete");
    await page.getByRole("button", { name: "Supprimer définitivement" }).click();
    await expect(page.getByRole("status")).toHaveText("Le brouillon a été supprimé.");
    await expect(page.getByRole("link", { name })).toHaveCount(0);
  } finally {
    await db.market.deleteMany({ where: { id: draft.id } });
  }
});
