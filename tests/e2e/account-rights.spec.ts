// Residents' rights in a real browser: from "Mon compte", a resident downloads their data (the
// JSON file holds their order and their chat message) and deletes their account (a wrong password
// first: refused, focus on the field), lands logged out on the page that says it is done, and
// cannot log in again; their order stays, under "Compte supprimé". Everything is made for the
// test (town, market, merchant, resident) and removed at the end: the demo resident is untouched.
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { deleteOrders, e2eDb } from "./db";
import { DEMO_PASSWORD, expectNoSeriousA11yIssues, loginAs } from "./fixtures";
import { nextOrderIdentity } from "../../app/models/order-number.server";

const towns: string[] = [];
const users: string[] = [];
test.afterEach(async () => {
  const db = await e2eDb();
  // Orders first (they keep their buyer and stall), then the people (stalls and messages go with
  // them, the tombstone too), then the town and its market.
  await deleteOrders({
    marketId: { in: (await db.market.findMany({ where: { townId: { in: towns } } })).map((m) => m.id) },
  });
  await db.user.deleteMany({ where: { id: { in: users.splice(0) } } });
  await db.town.deleteMany({ where: { id: { in: towns.splice(0) } } });
});

async function scene() {
  const db = await e2eDb();
  const tag = randomUUID().slice(0, 8);
  // The demo accounts' password, so the real log-in form is used.
  const { passwordHash } = await db.user.findUniqueOrThrow({ where: { email: "habitant@demo.chalet.test" } });
  const merchant = await db.user.create({
    data: { email: `merchant-${tag}@e2e.chalet.test`, name: "Mathis Carré", passwordHash },
  });
  const resident = await db.user.create({
    data: { email: `resident-${tag}@e2e.chalet.test`, name: "Rosalie Vasseur", passwordHash },
  });
  users.push(merchant.id, resident.id);
  const town = await db.town.create({ data: { slug: `ville-${tag}`, name: `Ville ${tag}` } });
  towns.push(town.id);
  const now = Date.now();
  const market = await db.market.create({
    data: {
      townId: town.id,
      slug: `marche-droits-${tag}`,
      name: `Marché des droits ${tag}`,
      status: "PUBLISHED",
      sessions: { create: { startsAt: new Date(now - 3_600_000), endsAt: new Date(now + 2 * 3_600_000) } },
    },
  });
  const stall = await db.stall.create({
    data: {
      marketId: market.id,
      ownerId: merchant.id,
      slug: `miel-${tag}`,
      name: `Miel ${tag}`,
      category: "miellerie",
      status: "APPROVED",
    },
  });
  const product = await db.product.create({
    data: { stallId: stall.id, name: "Miel de lavande", priceCents: 850, stock: 5 },
  });
  const order = await db.order.create({
    data: {
      marketId: market.id,
      ...(await nextOrderIdentity(db, market.id)),
      buyerId: resident.id,
      status: "PAID",
      totalCents: 1700,
      paidAt: new Date(now - 600_000),
      holdExpiresAt: new Date(now + 1_200_000),
      lines: {
        create: { stallId: stall.id, productId: product.id, name: product.name, unitPriceCents: 850, quantity: 2 },
      },
    },
  });
  await db.chatMessage.create({
    data: { stallId: stall.id, authorId: resident.id, body: "Je passe le chercher à 17 h." },
  });
  return { resident, order, stall };
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `/tmp/shots-rights/${name}-${test.info().project.name}.png`, fullPage: true });
}

test("a resident downloads their data, then deletes their account @desktop", async ({ page }) => {
  const { resident, order, stall } = await scene();
  await loginAs(page, resident.email, DEMO_PASSWORD, { redirectTo: "/account" });
  await expect(page.getByRole("heading", { level: 1, name: "Mon compte" })).toBeVisible();
  const main = page.getByRole("main");
  await expect(main.getByRole("heading", { level: 2, name: "Mes données" })).toBeVisible();
  await expect(main.getByRole("heading", { level: 2, name: "Supprimer mon compte" })).toBeVisible();
  await expectNoSeriousA11yIssues(page);
  await shot(page, "account");

  // The download: a file named for today, holding the order's lines and the message.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    main.getByRole("link", { name: "Télécharger mes données (JSON)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^chalet-mes-donnees-\d{4}-\d{2}-\d{2}\.json$/);
  const file = JSON.parse(await readFile((await download.path())!, "utf8"));
  expect(file.account).toMatchObject({ name: "Rosalie Vasseur", email: resident.email });
  expect(file.orders).toEqual([
    expect.objectContaining({
      id: order.id,
      totalCents: 1700,
      lines: [
        expect.objectContaining({ stall: stall.name, product: "Miel de lavande", quantity: 2, unitPriceCents: 850 }),
      ],
    }),
  ]);
  expect(file.chatMessages).toEqual([
    expect.objectContaining({ stall: stall.name, text: "Je passe le chercher à 17 h." }),
  ]);
  expect(JSON.stringify(file)).not.toMatch(/argon2/);

  // A wrong password: refused, said, and focus on the field to fix.
  const form = main.getByRole("form", { name: "Supprimer mon compte" });
  const password = form.getByLabel("Votre mot de passe, pour confirmer");
  await password.fill("pas-le-bon-mot-de-passe");
  await form.getByLabel("Je comprends que mon compte sera supprimé définitivement.").check();
  await form.getByRole("button", { name: "Supprimer mon compte" }).click();
  await expect(form.getByRole("alert")).toBeVisible();
  await expect(password).toBeFocused();
  await expect(password).toHaveAccessibleDescription("Mot de passe incorrect. Votre compte n’a pas été supprimé.");
  await expectNoSeriousA11yIssues(page);
  await shot(page, "account-delete-refused");

  // The right one: logged out, told it is done.
  await password.fill(DEMO_PASSWORD);
  await form.getByLabel("Je comprends que mon compte sera supprimé définitivement.").check();
  await form.getByRole("button", { name: "Supprimer mon compte" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Votre compte est supprimé" })).toBeVisible();
  await expect(page.getByRole("banner").getByRole("link", { name: "Se connecter" })).toBeVisible();
  await expectNoSeriousA11yIssues(page);
  await shot(page, "account-deleted");

  const db = await e2eDb();
  await expect
    .poll(async () => (await db.user.findUniqueOrThrow({ where: { id: resident.id } })).name)
    .toBe("Compte supprimé");
  expect(await db.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ buyerId: resident.id });

  // The old address opens nothing any more.
  await page.goto("/login");
  await page.getByRole("main").getByLabel("Adresse e-mail").fill(resident.email);
  await page.getByRole("main").getByLabel("Mot de passe", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("main").getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Adresse e-mail ou mot de passe incorrect.");
});
