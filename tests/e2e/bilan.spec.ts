// The report ("Bilan", issue 16) in a real browser on the demo: the organiser opens the tab, sees
// the summary, the charts (server-drawn SVG, named images) and their tables, prints it (A4 PDF:
// its pages, their size, the town's name in its text); the merchant sees their own stall's.
import { expect, test, type Page } from "@playwright/test";
import { PDFDocument } from "pdf-lib";
import { e2eDb } from "./db";
import { expectNoSeriousA11yIssues, loginAs, screenshotPerProject } from "./fixtures";

const TOWN = "Rueil-Malmaison";
const MARKET = "Marché de Noël virtuel de Rueil-Malmaison";
const STALL = "Miellerie du Mont-Valérien";

/** The demo's market, with a few visits so the charts have bars (counted as the site would store them). */
async function demoMarket() {
  const db = await e2eDb();
  const market = await db.market.findFirstOrThrow({ where: { name: MARKET }, select: { id: true } });
  const stall = await db.stall.findFirstOrThrow({ where: { marketId: market.id, name: STALL }, select: { id: true } });
  const session = await db.marketSession.findFirst({ where: { marketId: market.id }, orderBy: { startsAt: "asc" } });
  const at = session?.startsAt ?? new Date();
  await db.pageVisit.deleteMany({ where: { marketId: market.id, visitor: { startsWith: "e2e-bilan-" } } });
  await db.pageVisit.createMany({
    data: [0, 1, 2, 3].map((n) => ({
      marketId: market.id,
      stallId: n % 2 ? stall.id : null,
      visitor: `e2e-bilan-${n}`,
      source: n === 0 ? "QR" : "DIRECT",
      device: n === 3 ? "DESKTOP" : "PHONE",
      at: new Date(at.getTime() + n * 20 * 60_000),
    })),
  });
  return { marketId: market.id, stallId: stall.id };
}

async function expectChartsAndTables(page: Page, charts: string[]) {
  for (const name of charts) {
    const chart = page.getByRole("img", { name });
    await expect(chart).toBeVisible();
    // Drawn on the server: an <svg> already in the page, at the size the viewport shows.
    await expect(chart.locator("svg:visible")).toHaveCount(1);
  }
  await expect(page.getByRole("table", { name: "Chiffres par jour" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Chiffres selon l’heure" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Télécharger \(CSV\)/ }).first()).toHaveAttribute(
    "href",
    /bilan\.csv\?table=days&from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/,
  );
}

test("the organiser reads the market's Bilan and prints it to an A4 PDF @desktop", async ({ page }) => {
  // A long journey (two axe scans, a PDF) on a phone too: more than the 60 s of a busy machine.
  test.slow();
  const { marketId } = await demoMarket();
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  await loginAs(page, "organisation@demo.chalet.test", undefined, { redirectTo: `/organiser/markets/${marketId}` });
  await page
    .getByRole("navigation", { name: /Sections/ })
    .getByRole("link", { name: "Bilan" })
    .click();
  await expect(page.getByRole("heading", { level: 2, name: "Bilan du marché" })).toBeVisible();
  await expect(
    page.getByText(/^Du .+, le marché «\s*Marché de Noël virtuel de Rueil-Malmaison\s*» a reçu \d+ visiteurs?/),
  ).toBeVisible();
  await expectChartsAndTables(page, [
    "Visiteurs et ventes nettes par jour",
    "Pages vues et commandes selon l’heure de la journée",
  ]);
  // The first table's CSV (the report-csv routes) answers with the same range.
  const csvHref = await page
    .getByRole("link", { name: /Télécharger \(CSV\)/ })
    .first()
    .getAttribute("href");
  const csv = await page.request.get(csvHref!);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toMatch(/text\/csv/);
  // Loaded as a document: the server's HTML (the charts' SVG too) hydrates without a mismatch.
  await page.reload();
  await expect(page.getByRole("button", { name: "Imprimer / PDF" })).toBeVisible();
  expect(consoleErrors).toEqual([]);
  await expectNoSeriousA11yIssues(page);
  await screenshotPerProject(page, "bilan-organiser");

  // A bad range: the reason next to the form, the page still there.
  await page.getByLabel("Du", { exact: true }).fill("2026-12-20");
  await page.getByLabel("Au", { exact: true }).fill("2026-12-01");
  await page.getByRole("button", { name: "Afficher" }).click();
  await expect(page.getByRole("alert")).toHaveText(/La date de début est après la date de fin/);
  await page.getByRole("link", { name: "Toute l’édition" }).click();
  await expect(page.getByRole("alert")).toHaveCount(0);

  // On paper: no header, no form, no tabs; the town, the dates and the summary at the top.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("banner")).toBeHidden();
  await expect(page.getByRole("button", { name: "Afficher" })).toBeHidden();
  await expect(page.getByRole("navigation", { name: /Sections/ })).toBeHidden();
  await expect(page.getByText(TOWN, { exact: true })).toBeVisible();
  await page.setViewportSize({ width: 794, height: 1123 });
  await screenshotPerProject(page, "bilan-print");
  const bytes = await page.pdf({ format: "A4", preferCSSPageSize: true, printBackground: true });
  const pdf = await PDFDocument.load(bytes);
  expect(pdf.getPageCount()).toBeGreaterThan(0);
  // The page's text is in compressed font subsets; the document's title (the page's) names the market and town.
  expect(pdf.getTitle()).toContain(TOWN);
  for (const sheet of pdf.getPages()) {
    const { width, height } = sheet.getSize();
    // A4: 595 × 842 points.
    expect(Math.round(width)).toBeGreaterThanOrEqual(594);
    expect(Math.round(width)).toBeLessThanOrEqual(596);
    expect(Math.round(height)).toBe(842);
  }
});

test("the merchant reads their stall's Bilan, without the other stalls", async ({ page }) => {
  const { stallId } = await demoMarket();
  await loginAs(page, "marchand@demo.chalet.test", undefined, { redirectTo: `/merchant/stalls/${stallId}` });
  await page.getByRole("navigation", { name: /stand/i }).getByRole("link", { name: "Bilan" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Bilan de votre stand" })).toBeVisible();
  await expect(page.getByText(/le stand «\s*Miellerie du Mont-Valérien\s*» a reçu/)).toBeVisible();
  await expectChartsAndTables(page, ["Visiteurs et ventes nettes par jour"]);
  await expect(page.getByRole("img", { name: "Les stands aux plus fortes ventes nettes" })).toHaveCount(0);
  await expect(page.getByRole("table", { name: "Ventes par stand" })).toHaveCount(0);
  await expectNoSeriousA11yIssues(page);
  await screenshotPerProject(page, "bilan-merchant");
  await page.emulateMedia({ media: "print" });
  await screenshotPerProject(page, "bilan-merchant-print");
});
