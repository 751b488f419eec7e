// The merchant prints her stall's poster from her phone: the link on her stall's pages, the
// preview with its "Imprimer" button, and the printed page itself (one A4 sheet, nothing of the
// site's header or footer), looked at as a screenshot in print media at A4 size and as a PDF.
import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yIssues, loginAs, screenshotPerProject } from "./fixtures";

const STALL = "Miellerie du Mont-Valérien";

test("the merchant opens her stall's poster and prints it on one A4 page", async ({ page }) => {
  await loginAs(page, "marchand@demo.chalet.test", undefined, { redirectTo: "/merchant" });
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: STALL }) });
  await card.getByRole("link", { name: `Modifier (${STALL})` }).click();
  // The poster's page hydrates without a mismatch (its print style once did not: React error 418).
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  await page.getByRole("link", { name: "Affiche pour votre vitrine" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Affiche à imprimer" })).toBeVisible();
  // Loaded as a document, as from a shared link: the server's HTML is hydrated.
  await page.reload();

  await expect(page.getByRole("heading", { level: 1, name: "Affiche à imprimer" })).toBeVisible();
  const poster = page.getByRole("article", { name: "Aperçu de l’affiche" });
  await expect(poster.getByRole("heading", { name: STALL })).toBeVisible();
  await expect(poster.getByText("Chalet n° 1")).toBeVisible();
  await expect(poster.getByRole("img", { name: `QR code vers la page du stand « ${STALL} »` })).toBeVisible();
  await expect(poster.getByText("Commandez en ligne, retirez au marché")).toBeVisible();
  // The button prints the page once hydrated: window.print, seen through a stand-in.
  await page.evaluate(() => {
    window.print = () => document.body.setAttribute("data-printed", "yes");
  });
  await page.getByRole("button", { name: "Imprimer" }).click();
  await expect(page.locator("body")).toHaveAttribute("data-printed", "yes");
  expect(consoleErrors).toEqual([]);
  await expectNoSeriousA11yIssues(page);
  await screenshotPerProject(page, "poster-preview");

  // On paper: the sheet alone, filling an A4 page (210 × 297 mm at 96 dpi: 794 × 1123 px).
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("banner")).toBeHidden();
  await expect(page.getByRole("button", { name: "Imprimer" })).toBeHidden();
  const box = await poster.boundingBox();
  expect(box).toMatchObject({ x: 0, y: 0 });
  expect(Math.round(box!.width)).toBe(794);
  expect(Math.round(box!.height)).toBe(1123);
  await screenshotPerProject(page, "poster-print");
  // Chromium's PDF of the page: one A4 page (595 × 842 points).
  const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString("latin1");
  expect(pdf.match(/\/Type\s*\/Page\b/g)).toHaveLength(1);
  expect(pdf).toMatch(/\/MediaBox\s*\[0 0 59[45]\.\d+ 841\.\d+\]/);
});
