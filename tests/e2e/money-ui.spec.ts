// The organiser's money, in a browser on a phone (390×844) and a desktop (1280×800): the
// "Paiements" tab of a market with one transferred and one waiting stall, the reminder to the
// merchant who has not connected to Stripe, the reconciliation CSV downloaded, and the commission
// set in the market's settings, refused once (31 %) then saved (2,5 %).
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { deleteOrders, e2eDb } from "./db";
import { expectNoSeriousA11yIssues, loginAs, screenshotPerProject } from "./fixtures";
import { nextOrderIdentity } from "../../app/models/order-number.server";

const ORGANISER = "organisation@demo.chalet.test";

// What each test made goes at the end: the browser-test database is shared by every spec (a
// market left behind shows on the home page's past editions).
const made = { markets: [] as string[], orders: [] as string[], users: [] as string[] };
test.afterEach(async () => {
  const db = await e2eDb();
  const marketIds = made.markets.splice(0);
  await deleteOrders({ id: { in: made.orders.splice(0) } });
  await deleteOrders({ marketId: { in: marketIds } });
  await db.market.deleteMany({ where: { id: { in: marketIds } } });
  const userIds = made.users.splice(0);
  await db.payoutAccount.deleteMany({ where: { userId: { in: userIds } } });
  await db.user.deleteMany({ where: { id: { in: userIds } } });
});

test.beforeEach(async ({ page }, info) => {
  await page.setViewportSize(
    info.project.name === "desktop" ? { width: 1280, height: 800 } : { width: 390, height: 844 },
  );
});

/** A market of the demo town of its own (other specs change the demo market), with money rows. */
async function moneyMarket(tag: string) {
  const db = await e2eDb();
  const organiser = await db.user.findUniqueOrThrow({ where: { email: ORGANISER } });
  const { townId } = await db.membership.findFirstOrThrow({ where: { userId: organiser.id } });
  const market = await db.market.create({
    data: {
      townId,
      slug: `marche-argent-${tag}`,
      name: `Marché de l’argent ${tag}`,
      status: "PUBLISHED",
      commissionBps: 500,
    },
  });
  made.markets.push(market.id);
  const owner = async (name: string) => {
    const user = await db.user.create({
      data: { email: `${name.toLowerCase()}-${tag}@example.test`, name, passwordHash: "x" },
    });
    made.users.push(user.id);
    return user;
  };
  const lina = await owner("Lina");
  const paul = await owner("Paul");
  const buyer = await owner("Acheteuse");
  await db.payoutAccount.create({ data: { userId: lina.id, stripeAccountId: `acct_lina${tag}`, status: "ACTIVE" } });
  const candles = await db.stall.create({
    data: {
      marketId: market.id,
      ownerId: lina.id,
      slug: "bougies",
      name: "Les Bougies de Lina",
      category: "fleuriste",
      status: "APPROVED",
    },
  });
  const bread = await db.stall.create({
    data: {
      marketId: market.id,
      ownerId: paul.id,
      slug: "pain-epices",
      name: "Au Pain d’Épices",
      category: "miellerie",
      status: "APPROVED",
    },
  });
  const candle = await db.product.create({ data: { stallId: candles.id, name: "Bougie", priceCents: 1200, stock: 5 } });
  const loaf = await db.product.create({
    data: { stallId: bread.id, name: "Pain d’épices", priceCents: 850, stock: 5 },
  });
  const paidAt = new Date(Date.now() - 3600_000);
  const order = await db.order.create({
    data: {
      marketId: market.id,
      ...(await nextOrderIdentity(db, market.id)),
      buyerId: buyer.id,
      status: "PAID",
      totalCents: 3250,
      holdExpiresAt: paidAt,
      paidAt,
      commissionBps: 500,
      paymentIntentId: `pi_${tag}`,
      chargeId: `ch_${tag}`,
      stripeFeeCents: 74,
      lines: {
        create: [
          { stallId: candles.id, productId: candle.id, name: "Bougie", unitPriceCents: 1200, quantity: 2 },
          { stallId: bread.id, productId: loaf.id, name: "Pain d’épices", unitPriceCents: 850, quantity: 1 },
        ],
      },
    },
  });
  await db.stallTransfer.create({
    data: {
      orderId: order.id,
      stallId: candles.id,
      stripeAccountId: `acct_lina${tag}`,
      grossCents: 2400,
      commissionCents: 120,
      amountCents: 2280,
      status: "SENT",
      stripeTransferId: `tr_${tag}`,
    },
  });
  await db.stallTransfer.create({
    data: {
      orderId: order.id,
      stallId: bread.id,
      grossCents: 850,
      commissionCents: 43,
      amountCents: 807,
      status: "WAITING",
    },
  });
  return { market, bread, paul };
}

test("the organiser reads the market's money, reminds a merchant, downloads the CSV and sets the commission @desktop", async ({
  page,
}, info) => {
  const tag = `${info.project.name}${Date.now().toString(36)}`;
  const { market, paul } = await moneyMarket(tag);
  await loginAs(page, ORGANISER, undefined, { redirectTo: `/organiser/markets/${market.id}` });

  await page
    .getByRole("navigation", { name: /Sections/ })
    .getByRole("link", { name: "Paiements" })
    .click();
  await expect(page.getByRole("heading", { level: 2, name: "Paiements par stand" })).toBeVisible();
  // 32,50 € sold; commission 1,20 + 0,43; Stripe's 0,74 € shared 55/19 by 24,00 and 8,50.
  const desktop = info.project.name === "desktop";
  if (desktop) {
    const table = page.getByRole("table", { name: "Argent par stand" });
    await expect(table.getByRole("row", { name: /Total du marché/ })).toContainText(
      /32,50\s€.*1,63\s€.*0,74\s€.*22,80\s€/,
    );
    await expect(table.getByRole("row", { name: /Au Pain d’Épices/ })).toContainText(
      /8,50\s€.*0,43\s€.*0,19\s€.*0,00\s€.*8,07\s€/,
    );
  } else {
    const card = page
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { name: "Au Pain d’Épices", level: 4 }) });
    await expect(card.getByRole("definition").nth(0)).toHaveText(/8,50\s€/);
    await expect(card).toContainText(/Virement en attente\s*8,07\s€/);
  }
  await expect(page.getByText(/Reste à la ville/)).toBeVisible();

  // The stall that cannot sell, and its reminder.
  await expect(page.getByRole("heading", { name: /Stands qui ne peuvent pas encore vendre \(1\)/ })).toBeVisible();
  await expectNoSeriousA11yIssues(page);
  await screenshotPerProject(page, "money-payments");
  await page.getByRole("button", { name: "Relancer le commerçant du stand Au Pain d’Épices" }).click();
  await expect(page.getByRole("status")).toHaveText("Rappel envoyé à Paul.");
  await expect(page.getByRole("button", { name: /Relancer/ })).toBeDisabled();
  await expect(page.getByText(/Un rappel par heure au plus\s: prochain possible à/)).toBeVisible();
  const db = await e2eDb();
  expect(await db.outboxEmail.count({ where: { to: paul.email } })).toBe(1);

  // The reconciliation file.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Télécharger le CSV de rapprochement" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(new RegExp(`^rapprochement-${market.slug}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
  const bytes = await readFile((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const csv = bytes.subarray(3).toString("utf8");
  expect(csv.split("\r\n")[0]).toMatch(/^Date;Commande;Stand;Type;Statut;/);
  expect(csv).toContain(
    `;Les Bougies de Lina;virement;SENT;;24,00;1,20;22,80;;pi_${tag};ch_${tag};tr_${tag};;;;acct_lina${tag};`,
  );
  expect(csv).toContain(`;Au Pain d’Épices;virement;WAITING;;8,50;0,43;8,07;`);

  // The commission, in the market's settings: refused at 31 %, saved at 2,5 %.
  await page
    .getByRole("navigation", { name: /Sections/ })
    .getByRole("link", { name: "Réglages" })
    .click();
  const field = page.getByLabel("Commission de la ville (%)");
  await expect(field).toHaveValue("5");
  await field.fill("31");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription(/La commission ne peut pas dépasser 30 %/);
  await field.scrollIntoViewIfNeeded();
  await screenshotPerProject(page, "money-commission-refused");
  expect((await db.market.findUniqueOrThrow({ where: { id: market.id } })).commissionBps).toBe(500);
  await field.fill("2,5");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByRole("status")).toHaveText("Les réglages du marché sont enregistrés.");
  await expect(field).toHaveValue("2,5");
  expect((await db.market.findUniqueOrThrow({ where: { id: market.id } })).commissionBps).toBe(250);
  await expectNoSeriousA11yIssues(page);
});

test("a merchant reads the town's commission before accepting an invitation @desktop", async ({ page }, info) => {
  const tag = `${info.project.name}${Date.now().toString(36)}`;
  const db = await e2eDb();
  const { market } = await moneyMarket(tag);
  const organiser = await db.user.findUniqueOrThrow({ where: { email: ORGANISER } });
  const { hashToken } = await import("../../app/models/invitation.server");
  const token = `invitation-commission-${tag}`;
  await db.invitation.create({
    data: {
      marketId: market.id,
      invitedById: organiser.id,
      email: `invitee-${tag}@example.test`,
      tokenHash: hashToken(token),
      expiresAt: new Date(Date.now() + 86_400_000),
    },
  });
  await page.goto(`/invitations/${token}`);
  const notice = page.getByRole("region", { name: "Commission de la ville" });
  await expect(notice).toContainText("La ville prélève 5 % sur chacune de vos ventes.");
  await expectNoSeriousA11yIssues(page);
  await screenshotPerProject(page, "money-invitation");
});

test("the merchant reads each order's transfer and what was taken back in the stall's Paiements tab @desktop", async ({
  page,
}, info) => {
  const tag = `${info.project.name}${Date.now().toString(36)}`;
  const db = await e2eDb();
  const merchant = await db.user.findUniqueOrThrow({ where: { email: "marchand@demo.chalet.test" } });
  const stall = await db.stall.findFirstOrThrow({ where: { ownerId: merchant.id }, orderBy: { createdAt: "asc" } });
  const product = await db.product.findFirstOrThrow({ where: { stallId: stall.id } });
  const buyer = await db.user.create({
    data: { email: `buyer-${tag}@example.test`, name: "Acheteur", passwordHash: "x" },
  });
  made.users.push(buyer.id);
  const paidAt = new Date(Date.now() - 2 * 3600_000);
  const order = await db.order.create({
    data: {
      marketId: stall.marketId,
      ...(await nextOrderIdentity(db, stall.marketId)),
      buyerId: buyer.id,
      status: "PAID",
      totalCents: 2000,
      holdExpiresAt: paidAt,
      paidAt,
      commissionBps: 500,
      lines: {
        create: [
          {
            stallId: stall.id,
            productId: product.id,
            name: "Miel",
            unitPriceCents: 1000,
            quantity: 1,
            status: "REFUSED",
          },
          { stallId: stall.id, productId: product.id, name: "Miel", unitPriceCents: 1000, quantity: 1 },
        ],
      },
    },
    include: { lines: true },
  });
  made.orders.push(order.id);
  const transfer = await db.stallTransfer.create({
    data: {
      orderId: order.id,
      stallId: stall.id,
      grossCents: 2000,
      commissionCents: 100,
      amountCents: 1900,
      status: "SENT",
      stripeTransferId: `tr_${tag}`,
    },
  });
  await db.transferReversal.create({
    data: {
      transferId: transfer.id,
      key: `line:${order.lines[0]!.id}`,
      orderLineId: order.lines[0]!.id,
      amountCents: 950,
      reason: "LINE_REFUSED",
      status: "SUCCEEDED",
      stripeReversalId: `trr_${tag}`,
    },
  });

  await loginAs(page, merchant.email, undefined, { redirectTo: `/merchant/stalls/${stall.id}/payments` });
  await expect(page.getByRole("heading", { level: 2, name: "Virements par commande" })).toBeVisible();
  const card = page.locator(`[data-order-id="${order.id}"]`);
  await expect(card.getByRole("heading", { name: `Commande ${order.reference}` })).toBeVisible();
  await expect(card).toContainText(/Vos articles\s*20,00\s€/);
  await expect(card).toContainText(/Commission\s*− 1,00\s€/);
  await expect(card).toContainText(/Votre part\s*19,00\s€/);
  await expect(card).toContainText("Viré");
  await expect(card).toContainText(/Article refusé.*− 9,50\s€\s*Repris/);
  await expectNoSeriousA11yIssues(page);
  await screenshotPerProject(page, "money-merchant-transfers");
});
