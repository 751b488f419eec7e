// The demo merchant sends photos from her phone through the real form (Remix posts it with
// JavaScript to the page's ".data" address): a picture with too many pixels, or too many files,
// is refused with a message in the form; a normal one is added. The spec removes what it added.
import { expect, test } from "@playwright/test";
import { blackPng } from "../fixtures/images";
import { loginAs } from "./fixtures";

const MERCHANT = "marchand@demo.chalet.test";
const STALL = "Miellerie du Mont-Valérien";

test("the merchant's photo upload refuses a huge picture or too many files with a message, and takes a normal one", async ({
  page,
}) => {
  await loginAs(page, MERCHANT, undefined, { redirectTo: "/merchant" });
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: STALL }) });
  await card.getByRole("link", { name: `Stock (${STALL})` }).click();
  await page.getByRole("navigation", { name: "Gérer le stand" }).getByRole("link", { name: "Photos" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Photos" })).toBeVisible();
  const deleteButtons = page.getByRole("button", { name: /^Supprimer la photo/ });
  const before = await deleteButtons.count();
  const files = page.getByLabel("Photos à envoyer");
  const send = page.getByRole("button", { name: "Envoyer les photos" });

  await files.setInputFiles({ name: "huge.png", mimeType: "image/png", buffer: blackPng(16_000, 16_000) });
  await send.click();
  await expect(page.getByText(/50 mégapixels au plus/).first()).toBeVisible();

  const nine = Array.from({ length: 9 }, (_, i) => ({
    name: `p${i}.png`,
    mimeType: "image/png",
    buffer: blackPng(40, 30),
  }));
  await files.setInputFiles(nine);
  await send.click();
  await expect(page.getByText(/8 photos au plus à la fois/).first()).toBeVisible();
  await expect(deleteButtons).toHaveCount(before);

  await files.setInputFiles({ name: "stand.png", mimeType: "image/png", buffer: blackPng(800, 600) });
  await send.click();
  await expect(page.getByText("Photos ajoutées.")).toBeVisible();
  await expect(deleteButtons).toHaveCount(before + 1);

  // Put the demo back as it was: the new photo is the last one.
  await deleteButtons.last().click();
  await expect(page.getByText("Photo supprimée.")).toBeVisible();
  await expect(deleteButtons).toHaveCount(before);
});
