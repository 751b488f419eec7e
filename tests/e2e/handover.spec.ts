// The handover at the counter, on a phone: the merchant types one buyer's pickup code and presses
// "Remis", then scans another buyer's QR code with the camera. Chromium's fake camera plays a
// Y4M video whose frame is the QR code, drawn here with the app's own QR drawer. The buyer's
// page with the code is looked at too. The orders this spec writes are deleted at the end.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { devices, expect, test } from "@playwright/test";
import sharp from "sharp";
import { launchOptions } from "../../playwright.config";
import { nextOrderIdentity } from "../../app/models/order-number.server";
import { qrSvg } from "../../app/utils/qr.server";
import { deleteOrders, e2eDb } from "./db";
import { expectNoSeriousA11yIssues, loginAs, screenshotPerProject } from "./fixtures";

const MERCHANT = "marchand@demo.chalet.test";
const BUYER = "habitant@demo.chalet.test";
const STALL = "Miellerie du Mont-Valérien";
const VIDEO = path.resolve("test-results/handover-qr.y4m");

/** One 640×480 frame of a Y4M video (4:2:0): the QR code in grey levels on white, no colour. */
async function writeQrVideo(text: string): Promise<void> {
  const [width, height, side] = [640, 480, 360];
  const qr = await sharp(Buffer.from(await qrSvg(text, "QR")), { density: 300 })
    .resize(side, side)
    .extend({
      top: (height - side) / 2,
      bottom: (height - side) / 2,
      left: (width - side) / 2,
      right: (width - side) / 2,
      background: "#ffffff",
    })
    .flatten({ background: "#ffffff" })
    .greyscale()
    .raw()
    .toBuffer();
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  mkdirSync(path.dirname(VIDEO), { recursive: true });
  writeFileSync(
    VIDEO,
    Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\nFRAME\n`), qr, chroma]),
  );
}

// Chromium with a fake camera (that file) and no permission prompt; the browser is launched for
// the first test, after beforeAll has drawn the video.
test.use({
  launchOptions: {
    ...launchOptions,
    args: [
      ...launchOptions.args,
      "--use-fake-ui-for-media-stream",
      "--use-fake-device-for-media-stream",
      `--use-file-for-fake-video-capture=${VIDEO}`,
    ],
  },
  permissions: ["camera"],
});

const orders: { id: string; pickupCode: string; reference: string }[] = [];
let stall: { id: string; marketId: string };
let pickupPointId = "";
let buyerName = "";

test.beforeAll(async () => {
  const db = await e2eDb();
  const merchant = await db.user.findUniqueOrThrow({ where: { email: MERCHANT } });
  const buyer = await db.user.findUniqueOrThrow({ where: { email: BUYER } });
  const found = await db.stall.findFirstOrThrow({
    where: { ownerId: merchant.id, name: STALL },
    include: { products: { where: { active: true }, orderBy: { position: "asc" }, take: 2 } },
  });
  stall = found;
  buyerName = buyer.name;
  const paidAt = new Date(Date.now() - 60_000);
  for (const [product, quantity] of found.products.map((p, i) => [p, i + 1] as const)) {
    orders.push(
      await db.order.create({
        data: {
          marketId: found.marketId,
          ...(await nextOrderIdentity(db, found.marketId)),
          buyerId: buyer.id,
          status: "PAID",
          totalCents: quantity * product.priceCents,
          holdExpiresAt: new Date(paidAt.getTime() + 30 * 60_000),
          paidAt,
          lines: {
            create: {
              stallId: found.id,
              productId: product.id,
              name: product.name,
              unitPriceCents: product.priceCents,
              quantity,
            },
          },
        },
      }),
    );
  }
  // The first order's pickup slot ended two days ago: it is listed as not collected.
  const point = await db.pickupPoint.create({ data: { marketId: found.marketId, name: "Parvis (test de remise)" } });
  pickupPointId = point.id;
  const slot = await db.pickupSlot.create({
    data: {
      pickupPointId: point.id,
      startsAt: new Date(Date.now() - 2 * 86_400_000 - 3_600_000),
      endsAt: new Date(Date.now() - 2 * 86_400_000),
      capacity: 10,
      booked: 1,
    },
  });
  await db.order.update({ where: { id: orders[0]!.id }, data: { pickupSlotId: slot.id } });
  // The second order's QR code, as the buyer's page draws it (app/models/pickup-code.server.ts).
  await writeQrVideo(`CHALET:${found.marketId}:${orders[1]!.pickupCode}`);
});

test.afterAll(async () => {
  await deleteOrders({ id: { in: orders.map((o) => o.id) } });
  if (pickupPointId) await (await e2eDb()).pickupPoint.delete({ where: { id: pickupPointId } });
});

test("the merchant types a code and hands over, then scans the next buyer's QR code", async ({ page, browser }) => {
  const [typed, scanned] = orders as [(typeof orders)[0], (typeof orders)[0]];
  const db = await e2eDb();
  const statuses = (orderId: string) =>
    db.orderLine.findMany({ where: { orderId }, select: { status: true } }).then((l) => l.map((x) => x.status));

  // The buyer's page: the code, large, and its QR code.
  const buyerContext = await browser.newContext({ ...devices["Pixel 7"], locale: "fr-FR", timezoneId: "Europe/Paris" });
  const buyerPage = await buyerContext.newPage();
  await loginAs(buyerPage, BUYER, undefined, { redirectTo: `/orders/${typed.id}` });
  const card = buyerPage.getByRole("region", { name: "Votre code de retrait" });
  await expect(card.getByText("Montrez ce code au stand")).toBeVisible();
  await expect(card.getByText(typed.pickupCode, { exact: true })).toBeVisible();
  await expect(card.getByRole("img", { name: `QR code de retrait, code ${typed.pickupCode}` })).toBeVisible();
  await expectNoSeriousA11yIssues(buyerPage);
  await screenshotPerProject(buyerPage, "buyer-pickup-code");
  await buyerContext.close();

  await loginAs(page, MERCHANT, undefined, { redirectTo: `/merchant/stalls/${stall.id}/orders` });
  const late = page.getByRole("region", { name: /^À relancer\s: non retirées/ });
  await expect(late.getByText(`${typed.reference} · ${buyerName}`)).toBeVisible();
  await screenshotPerProject(page, "orders-uncollected");
  await page.getByRole("link", { name: "Remettre une commande (code ou QR code)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Remettre une commande" })).toBeVisible();

  // Typed as read aloud: lower case, with a space.
  const code = page.getByLabel("Code de retrait");
  await code.fill(`${typed.pickupCode.slice(0, 3).toLowerCase()} ${typed.pickupCode.slice(3)}`);
  await page.getByRole("button", { name: "Chercher" }).click();
  const heading = page.getByRole("heading", { level: 2, name: `Commande ${typed.reference}` });
  await expect(heading).toBeFocused();
  await expect(page.getByText(`Au nom de ${buyerName}`)).toBeVisible();
  await screenshotPerProject(page, "handover-found");
  await page.getByRole("button", { name: `Remis : commande ${typed.reference}` }).click();
  const done = page.getByRole("status").filter({ hasText: `Commande ${typed.reference} remise à` });
  await expect(done).toBeFocused();
  expect(await statuses(typed.id)).toEqual(["COLLECTED"]);
  await expect(code).toHaveValue("");
  await expectNoSeriousA11yIssues(page);
  await screenshotPerProject(page, "handover-done");

  // The camera reads the next buyer's QR code and finds the order by itself.
  await page.getByRole("button", { name: "Scanner le QR code" }).click();
  await expect(page.getByRole("heading", { level: 2, name: `Commande ${scanned.reference}` })).toBeFocused({
    timeout: 15_000,
  });
  await page.getByRole("button", { name: `Remis : commande ${scanned.reference}` }).click();
  await expect(page.getByRole("status").filter({ hasText: `Commande ${scanned.reference} remise à` })).toBeVisible();
  expect(await statuses(scanned.id)).toEqual(["COLLECTED"]);
  // The same screen on a wide window, to look at.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: "test-results/screens/handover-scanned-wide.png", fullPage: true });

  // Handed over: no longer to chase.
  await page.getByRole("link", { name: "Retour aux commandes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Commandes" })).toBeVisible();
  await expect(page.getByText(`${typed.reference} · ${buyerName}`)).toHaveCount(0);
});
