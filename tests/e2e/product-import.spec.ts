// A merchant imports five products from the file Excel writes in France (";", Windows-1252,
// decimal commas) on a phone: the preview, then the import, then the public stall page. The
// products it made are deleted at the end: the demo stays as it was.
import { expect, test } from "@playwright/test";
import { e2eDb } from "./db";
import { expectNoSeriousA11yIssues, loginAs, screenshotPerProject } from "./fixtures";

const MERCHANT = "marchand@demo.chalet.test";
const STALL = "Miellerie du Mont-Valérien";
const PUBLIC_STALL = "/m/marche-de-noel-rueil/miellerie-du-mont-valerien";
const TAG = "(import)";
const NAMES = [
  "Miel de châtaigne",
  "Nougat tendre",
  "Bonbons au miel",
  "Savon au lait d’ânesse",
  "Coffret découverte",
].map((name) => `${name} ${TAG}`);

test.afterEach(async () => {
  const db = await e2eDb();
  await db.product.deleteMany({ where: { name: { in: NAMES }, stall: { name: STALL } } });
});

test("the merchant imports five products from a CSV file on a phone and visitors see them", async ({ page }) => {
  const rows = [
    "nom;description;prix;stock;catégorie",
    `${NAMES[0]};Pot de 250 g;9,50 €;6;Miellerie`,
    `${NAMES[1]};;4,20;10;`,
    `${NAMES[2]};"Sachet de 100 g ; à l’eucalyptus";3,00;;`,
    `${NAMES[3]};;6;3;`,
    `"${NAMES[4]}";"Trois pots :\r\nacacia, lavande, sapin";24;2;`,
  ];
  // Windows-1252, as Excel saves "CSV (séparateur : point-virgule)": "’" is byte 0x92 there, "€" 0x80.
  const text = rows.join("\r\n").replaceAll("’", "\u0092").replaceAll("€", "\u0080");
  const file = { name: "produits.csv", mimeType: "text/csv", buffer: Buffer.from(text, "latin1") };

  await loginAs(page, MERCHANT, undefined, { redirectTo: "/merchant" });
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: STALL }) });
  await card.getByRole("link", { name: `Modifier (${STALL})` }).click();
  await page.getByRole("navigation", { name: "Gérer le stand" }).getByRole("link", { name: "Produits" }).click();
  await page.getByRole("link", { name: "Importer un fichier" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Importer des produits" })).toBeVisible();
  await expect(page.getByRole("link", { name: /modele-produits\.csv/ })).toHaveAttribute(
    "href",
    "/modele-produits.csv",
  );

  // A wrong line first: it is shown, and nothing can be imported.
  const wrong = `${text}\r\nGâteau;;douze;1;`;
  await page.getByLabel("Fichier CSV").setInputFiles({ ...file, buffer: Buffer.from(wrong, "latin1") });
  await expect(page.getByText("Ligne 8 : le prix « douze » n’est pas un prix (par exemple 3,50).")).toBeVisible();
  await expect(page.getByRole("button", { name: "Importer 5 produits" })).toBeDisabled();
  await expectNoSeriousA11yIssues(page);
  await screenshotPerProject(page, "product-import-errors");

  // Choosing the corrected file shows its preview at once, and takes the focus there.
  await page.getByLabel("Fichier CSV").setInputFiles(file);
  const preview = page.getByRole("heading", { name: "Aperçu : rien n’est encore enregistré" });
  await expect(preview).toBeFocused();
  await expect(page.getByText("À créer : 5. À mettre à jour : 0. Lignes à corriger : 0.")).toBeVisible();
  const table = page.getByRole("table");
  await expect(table.getByRole("rowheader")).toHaveCount(5);
  const row = (name: string) => table.getByRole("row").filter({ has: page.getByRole("rowheader", { name }) });
  await expect(row(NAMES[3]!)).toContainText("6,00 €");
  await expect(row(NAMES[2]!)).toContainText("stock : 1");
  await expect(row(NAMES[2]!)).toContainText("Nouveau");
  await expectNoSeriousA11yIssues(page);
  await screenshotPerProject(page, "product-import-preview");
  expect(await (await e2eDb()).product.count({ where: { name: { in: NAMES } } })).toBe(0);

  await page.getByRole("button", { name: "Importer 5 produits" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Produits" })).toBeVisible();
  await expect(
    page.getByRole("status").filter({ hasText: "Import terminé. Produits créés : 5. Produits mis à jour : 0." }),
  ).toBeVisible();
  await screenshotPerProject(page, "product-import-done");

  await page.goto(PUBLIC_STALL);
  for (const name of NAMES) await expect(page.getByRole("heading", { name })).toBeVisible();
});
