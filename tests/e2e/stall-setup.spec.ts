// A stall live from a phone in five minutes (issue 15): an invited merchant opens the invitation
// e-mail, signs up (the invited address needs no confirmation), creates the stall and adds five
// products, one with a photo taken on the phone (16 megapixels, shrunk in the browser before it is
// sent). The walk COUNTS what it costs the merchant: the screens (each change of the document's
// address) and the fields filled, at most 8 and 20. What it made is deleted at the end.
import { randomBytes } from "node:crypto";
import { expect, test, type Locator, type Page } from "@playwright/test";
import sharp from "sharp";
import { e2eDb } from "./db";
import {
  expectLoggedIn,
  expectNoSeriousA11yIssues,
  loginAs,
  screenshotPerProject,
  signUpsFromOwnAddress,
} from "./fixtures";

test.beforeEach(async ({ page }) => signUpsFromOwnAddress(page));

const made = { emails: [] as string[] };
test.afterEach(async () => {
  const db = await e2eDb();
  const emails = made.emails.splice(0);
  const photos = await db.photo.findMany({
    where: {
      OR: [
        { stall: { owner: { email: { in: emails } } } },
        { product: { stall: { owner: { email: { in: emails } } } } },
      ],
    },
    select: { src: true, thumbSrc: true },
  });
  const keys = photos.flatMap((p) => [p.src, p.thumbSrc]).map((src) => src.replace(/^\/uploads\//, ""));
  // The user's stall, its products and photos go with the account (cascades); the files by key.
  await db.user.deleteMany({ where: { email: { in: emails } } });
  await db.photoFile.deleteMany({ where: { key: { in: keys } } });
  await db.invitation.deleteMany({ where: { email: { in: emails } } });
});

/** The screen on the phone, then (a new screen) the same at a desktop's width, for a person to look at. */
async function shoot(page: Page, name: string, desktopToo = true) {
  await screenshotPerProject(page, `setup-${name}`);
  if (!desktopToo) return;
  const phone = page.viewportSize()!;
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: `test-results/screens/setup-${name}-desktop.png`, fullPage: true });
  await page.setViewportSize(phone);
}

/**
 * A photo as a phone takes it: 4608 × 3456, soft detail, a JPEG of about 6 MB, over the server's
 * 5 MB limit for one file: it is sent only because the browser shrinks it.
 */
async function phonePhoto(): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const [width, height] = [4608, 3456];
  const [w, h] = [width / 8, height / 8];
  const detail = await sharp(randomBytes(w * h * 3), { raw: { width: w, height: h, channels: 3 } })
    .resize(width, height, { kernel: "cubic" })
    .raw()
    .toBuffer();
  const buffer = await sharp(detail, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 95 })
    .toBuffer();
  expect(buffer.length).toBeGreaterThan(5 * 1024 * 1024);
  return { name: "IMG_20261206_101500.jpg", mimeType: "image/jpeg", buffer };
}

test("an invited merchant opens a stall with five products in at most 8 screens and 20 fields", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const email = `potiere-${Date.now()}@example.test`;
  made.emails.push(email);
  const stallName = `Poteries de la Malmaison ${Date.now()}`;

  // The organiser invites (another browser: not the merchant's screens).
  const organiser = await browser.newPage();
  await loginAs(organiser, "organisation@demo.chalet.test", undefined, { redirectTo: "/organiser" });
  await organiser
    .getByRole("navigation", { name: /^Marché de Noël virtuel de Rueil/ })
    .getByRole("link", { name: "Invitations" })
    .click();
  await organiser.getByLabel("Adresses e-mail").fill(email);
  await organiser.getByRole("button", { name: "Envoyer les invitations" }).click();
  await expect(organiser.getByRole("status")).toContainText("1 invitation envoyée.");
  await organiser.close();

  // What the merchant does, counted: every new document address is a screen, every
  // fill/selectOption/setInputFiles a field.
  const screens: string[] = [];
  page.on("framenavigated", (frame) => {
    if (frame !== page.mainFrame()) return;
    const url = new URL(frame.url());
    const address = url.pathname + url.search;
    if (screens.at(-1) !== address) screens.push(address);
  });
  let fields = 0;
  const fill = async (field: Locator, value: string) => {
    fields++;
    await field.fill(value);
  };

  // 1. The mailbox (the dev outbox stands in for it), 2. the invitation.
  await page.goto(`/dev/outbox?to=${encodeURIComponent(email)}`);
  await page
    .getByRole("article")
    .first()
    .getByRole("link", { name: /\/invitations\// })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: /Tenez un stand/ })).toBeVisible();
  const invitationPath = new URL(page.url()).pathname;
  await shoot(page, "invitation", false);

  // 3. Sign-up: the address is already there; a name and a password.
  await page.getByRole("main").getByRole("link", { name: "Créer un compte" }).click();
  await expect(page.getByLabel("Adresse e-mail")).toHaveValue(email);
  await fill(page.getByLabel("Votre nom"), "Anne Potier");
  await fill(page.getByLabel("Mot de passe", { exact: true }), "terre-cuite-et-email");
  await expectNoSeriousA11yIssues(page);
  await shoot(page, "signup");
  await page.getByRole("button", { name: "Créer mon compte" }).click();

  // 4. Logged in at once, back on the invitation: the stall, in two fields.
  await expect(page).toHaveURL(new RegExp(`${invitationPath}$`));
  await expectLoggedIn(page);
  await fill(page.getByLabel("Nom du stand"), stallName);
  fields++;
  await page.getByLabel("Catégorie").selectOption({ label: "Artisanat" });
  await expectNoSeriousA11yIssues(page);
  await shoot(page, "stall");
  await page.getByRole("button", { name: "Créer mon stand" }).click();

  // 5. Straight to the first product; what approval still needs is said, not asked.
  await expect(page.getByRole("heading", { level: 1, name: "Nouveau produit" })).toBeVisible();
  await expect(page.getByText("Avant la validation de votre stand, il manque")).toBeVisible();
  await expect(page.getByLabel(/^Stock/)).toHaveValue("1");
  await expect(page.getByLabel(/^Prix/)).toHaveAttribute("inputmode", "decimal");

  const products = [
    ["Bol en grès", "18,50"],
    ["Tasse émaillée", "12"],
    ["Photophore", "9,90"],
    ["Santon d’argile", "7,5"],
    ["Assiette de Noël", "24"],
  ] as const;
  for (const [index, [name, price]] of products.entries()) {
    const last = index === products.length - 1;
    await fill(page.getByLabel("Nom du produit"), name);
    await fill(page.getByLabel(/^Prix/), price);
    if (index === 0) {
      fields++;
      await page.getByLabel("Photo", { exact: true }).setInputFiles(await phonePhoto());
      await expect(page.getByRole("status").filter({ hasText: "1 photo prête à envoyer" })).toBeVisible({
        timeout: 20_000,
      });
      await shoot(page, "product-photo");
    }
    await page
      .getByRole("button", { name: last ? "Enregistrer et terminer" : "Enregistrer et ajouter un autre" })
      .click();
    if (!last) {
      // The first one carries the photo: a little longer.
      await expect(page.getByRole("status").filter({ hasText: `« ${name} » est enregistré` })).toBeVisible({
        timeout: 30_000,
      });
      // The same form, empty, the name field ready for the next one.
      await expect(page.getByLabel("Nom du produit")).toBeFocused();
      await expect(page.getByLabel("Nom du produit")).toHaveValue("");
      if (index === 0) {
        await expectNoSeriousA11yIssues(page);
        await shoot(page, "product-another");
      }
    }
  }

  // 6. The stall's products, the photo shown.
  await expect(page.getByRole("heading", { level: 1, name: "Produits" })).toBeVisible();
  for (const [name] of products) await expect(page.getByText(name, { exact: true })).toBeVisible();
  await expect(page.locator('img[src^="/uploads/"]')).toHaveCount(1);
  await shoot(page, "products", false);

  const db = await e2eDb();
  const stall = await db.stall.findFirstOrThrow({
    where: { owner: { email } },
    include: { products: { include: { photos: true } } },
  });
  expect(stall.status).toBe("PENDING");
  expect(stall.products.map((p) => [p.name, p.stock])).toEqual(products.map(([name]) => [name, 1]));
  expect(stall.products[0]!.photos).toHaveLength(1);

  console.log(`Stall set-up on a phone: ${screens.length} screens, ${fields} fields\n  ${screens.join("\n  ")}`);
  test.info().annotations.push({ type: "set-up", description: `${screens.length} screens, ${fields} fields` });
  expect(screens.length).toBeLessThanOrEqual(8);
  expect(fields).toBeLessThanOrEqual(20);

  // Beyond the count: the stall's photos, two chosen at once, the second made the main one.
  await page.getByRole("link", { name: "Photos", exact: true }).click();
  const tile = async (color: string) => ({
    name: `${color}.png`,
    mimeType: "image/png",
    buffer: await sharp({ create: { width: 800, height: 600, channels: 3, background: color } })
      .png()
      .toBuffer(),
  });
  const files = page.getByLabel("Photos à envoyer");
  await files.setInputFiles({ name: "tarifs.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4") });
  await expect(page.getByRole("alert").filter({ hasText: "« tarifs.pdf » n’est pas une image" })).toBeVisible();
  await files.setInputFiles([await tile("#b22222"), await tile("#1f5f3f")]);
  await expect(page.getByRole("status").filter({ hasText: "2 photos prêtes à envoyer" })).toBeVisible();
  await page.getByRole("button", { name: "Envoyer les photos" }).click();
  await expect(page.getByRole("main").locator('img[src^="/uploads/"]')).toHaveCount(2);
  await page.getByRole("button", { name: /En faire la photo principale/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "Photo principale choisie" })).toBeVisible();
  await expectNoSeriousA11yIssues(page);
  await shoot(page, "photos");
});
