// The stall chat (issue 4) as visitors use it: history on arrival, log-in from the chat box
// without losing the draft, a message seen live by another visitor, text that stays text, and a
// market closing under the page's eyes.
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { e2eDb } from "./db";
import { DEMO_PASSWORD, expectNoSeriousA11yIssues, screenshotPerProject } from "./fixtures";

const RESIDENT = "habitant@demo.chalet.test";
const MERCHANT = "marchand@demo.chalet.test";

// The browser-test database is shared by every spec: the markets made here (and with them their
// stalls and messages) go when each test ends.
const created: string[] = [];
test.afterEach(async () => {
  const db = await e2eDb();
  await db.market.deleteMany({ where: { id: { in: created.splice(0) } } });
});

/** A published market of its own, open for the next hour, with one approved stall of the demo merchant. */
async function stallWithHistory(options: { messages: number }) {
  const db = await e2eDb();
  const town = await db.town.findFirstOrThrow({ where: { slug: { contains: "rueil" } } });
  const merchant = await db.user.findUniqueOrThrow({ where: { email: MERCHANT } });
  const resident = await db.user.findUniqueOrThrow({ where: { email: RESIDENT } });
  const suffix = randomUUID().slice(0, 8);
  const market = await db.market.create({
    data: {
      townId: town.id,
      slug: `marche-chat-${suffix}`,
      name: "Marché du chat",
      status: "PUBLISHED",
      sessions: {
        create: { startsAt: new Date(Date.now() - 3_600_000), endsAt: new Date(Date.now() + 3_600_000) },
      },
    },
  });
  created.push(market.id);
  const stall = await db.stall.create({
    data: {
      marketId: market.id,
      ownerId: merchant.id,
      slug: "miel-du-chat",
      name: "Miel du chat",
      category: "miellerie",
      status: "APPROVED",
    },
  });
  const start = Date.now() - 30 * 60_000;
  for (let i = 1; i <= options.messages; i++) {
    await db.chatMessage.create({
      data: {
        stallId: stall.id,
        authorId: i % 2 ? resident.id : merchant.id,
        body: i === options.messages ? "Bienvenue au stand, posez vos questions !" : `Message d'avant n° ${i}`,
        createdAt: new Date(start + i * 1_000),
      },
    });
  }
  return { market, stall, path: `/m/${market.slug}/${stall.slug}` };
}

// Generous waits for what crosses the socket: CI machines run the suites side by side.
const LIVE = { timeout: 20_000 };
const chatBox = (page: Page) => page.locator("#chat");
const log = (page: Page) => chatBox(page).getByRole("log");

test("a visitor reads the history, logs in from the chat box keeping the draft, and another visitor sees the message live @desktop", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const { path } = await stallWithHistory({ messages: 3 });

  // An anonymous visitor reads the room.
  await page.goto(path);
  await expect(log(page)).toContainText("Bienvenue au stand, posez vos questions !", LIVE);
  await expect(log(page).getByText("Commerçant·e").first()).toBeVisible();
  await expect(chatBox(page).getByTestId("chat-presence")).toContainText(/Commerçant·e/);

  // A second, anonymous visitor keeps the page open; anything reloading it would drop the marker.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await otherPage.goto(path);
  await expect(log(otherPage)).toContainText("Bienvenue au stand", LIVE);
  await otherPage.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));
  await expect(chatBox(otherPage).getByTestId("chat-visitors")).toContainText(/2 visiteurs au stand/, LIVE);

  // Text that would be markup, a script or a link anywhere else.
  const body = `Bonjour <b>gras</b> <img src=x onerror="window.pwned=1"> <script>window.pwned=2</script> **étoiles** [lien](https://example.com) https://chalet.example/${randomUUID().slice(0, 6)}`;
  const composer = chatBox(page).getByRole("textbox", { name: "Votre message" });
  await composer.fill(body);
  await expect(chatBox(page).getByTestId("chat-counter")).toContainText(`${body.length} / 500`);
  await expect(chatBox(page).getByRole("button", { name: "Envoyer" })).toHaveCount(0);

  await chatBox(page).getByRole("link", { name: "Connectez-vous pour écrire" }).click();
  await expect(page).toHaveURL(/\/login\?redirectTo=/);
  const main = page.getByRole("main");
  await main.getByLabel("Adresse e-mail", { exact: true }).fill(RESIDENT);
  await main.getByLabel("Mot de passe", { exact: true }).fill(DEMO_PASSWORD);
  await main.getByRole("button", { name: "Se connecter" }).click();

  // Back on the stall, at the chat, with the draft as it was.
  await page.waitForURL((url) => url.pathname === path && url.hash === "#chat");
  await expect(composer).toHaveValue(body);
  await expect(chatBox(page).getByRole("button", { name: "Envoyer" })).toBeVisible();
  await composer.press("Enter");
  await expect(composer).toHaveValue("");

  const mine = log(page).getByTestId("chat-message").last();
  await expect(mine.getByTestId("chat-body")).toHaveText(body, LIVE);
  await expect(mine).toContainText("Vous");

  // The other visitor sees it without a reload, as text.
  const seen = log(otherPage).getByTestId("chat-message").last();
  await expect(seen.getByTestId("chat-body")).toHaveText(body, LIVE);
  // A visitor is named by first name and initial, never in full.
  await expect(seen).toContainText("Lucas M.");
  await expect(seen).not.toContainText("Lucas Martin");
  expect(await otherPage.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
  for (const p of [page, otherPage]) {
    await expect(log(p).locator("a, b, img, script")).toHaveCount(0);
    expect(await p.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  }
  // The sender's own message is shown once: the acknowledgement and the broadcast are merged.
  await expect(log(page).getByTestId("chat-body").filter({ hasText: "**étoiles**" })).toHaveCount(1);

  // A draft left in the box survives a reload too.
  await composer.fill("Et du pain d'épices ?");
  await page.reload();
  await expect(composer).toHaveValue("Et du pain d'épices ?", LIVE);

  await chatBox(page).scrollIntoViewIfNeeded();
  await screenshotPerProject(page, "stall-chat");
  await expectNoSeriousA11yIssues(page);
  await other.close();
});

test("the stall's merchant deletes a visitor's message after a confirmation, for everyone and for good", async ({
  page,
}) => {
  const { path } = await stallWithHistory({ messages: 2 });
  await page.goto(`/login?redirectTo=${encodeURIComponent(`${path}#chat`)}`);
  const main = page.getByRole("main");
  await main.getByLabel("Adresse e-mail", { exact: true }).fill(MERCHANT);
  await main.getByLabel("Mot de passe", { exact: true }).fill(DEMO_PASSWORD);
  await main.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL((url) => url.pathname === path);

  test.setTimeout(90_000);
  const first = log(page).getByTestId("chat-message").filter({ hasText: "Message d'avant n° 1" });
  await expect(first).toBeVisible(LIVE);
  await first.getByRole("button", { name: "Actions sur le message de Lucas M." }).click();
  await first.getByRole("button", { name: "Supprimer" }).click();
  await expect(first).toContainText("Supprimer ce message pour tout le monde ?");
  await first.getByRole("button", { name: "Oui, supprimer" }).click();
  await expect(log(page)).not.toContainText("Message d'avant n° 1", LIVE);
  await page.reload();
  await expect(log(page)).toContainText("Bienvenue au stand", LIVE);
  await expect(log(page)).not.toContainText("Message d'avant n° 1");
});

test("when the organisers close the market, the chat stays readable and its composer gives way to the notice, live @desktop", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const { market, path } = await stallWithHistory({ messages: 2 });
  await page.goto(path);
  await expect(log(page)).toContainText("Bienvenue au stand", LIVE);
  await expect(chatBox(page).getByRole("textbox", { name: "Votre message" })).toBeVisible();
  await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));

  const db = await e2eDb();
  await db.marketOverride.create({
    data: {
      marketId: market.id,
      kind: "CLOSE",
      startsAt: new Date(),
      endsAt: new Date(Date.now() + 3_600_000),
      reason: "Alerte neige",
    },
  });
  const notice = chatBox(page).getByTestId("chat-closed");
  await expect(notice).toContainText("Le chat est fermé tant que le marché est fermé.", LIVE);
  await expect(notice).toContainText("Alerte neige");
  await expect(chatBox(page).getByRole("textbox", { name: "Votre message" })).toHaveCount(0);
  await expect(log(page)).toContainText("Bienvenue au stand");
  expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);

  await chatBox(page).scrollIntoViewIfNeeded();
  await screenshotPerProject(page, "stall-chat-closed");
});

test("the merchant's reply written while the page is offline waits in sight, then is stored once when it is back", async ({
  page,
  context,
}) => {
  test.setTimeout(90_000);
  const { stall, path } = await stallWithHistory({ messages: 2 });
  await page.goto(`/login?redirectTo=${encodeURIComponent(`${path}#chat`)}`);
  const main = page.getByRole("main");
  await main.getByLabel("Adresse e-mail", { exact: true }).fill(MERCHANT);
  await main.getByLabel("Mot de passe", { exact: true }).fill(DEMO_PASSWORD);
  await main.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL((url) => url.pathname === path);
  await expect(log(page)).toContainText("Bienvenue au stand", LIVE);

  // The network goes (the page hears the browser's "offline"): the merchant answers anyway.
  await context.setOffline(true);
  await expect(chatBox(page).getByTestId("chat-offline")).toBeVisible(LIVE);
  const reply = `Oui, jusqu’à 19 h ! ${randomUUID().slice(0, 6)}`;
  const composer = chatBox(page).getByRole("textbox", { name: "Votre message" });
  await composer.fill(reply);
  await composer.press("Enter");
  // The box is emptied only because the reply is in sight, waiting, not lost.
  await expect(composer).toHaveValue("");
  const waiting = log(page).getByTestId("chat-pending");
  await expect(waiting).toContainText(reply);
  await expect(waiting).toContainText("En attente de connexion");
  await chatBox(page).scrollIntoViewIfNeeded();
  await screenshotPerProject(page, "stall-chat-offline-reply");

  // Back online: the reply is stored, once, and shown as any message.
  await context.setOffline(false);
  await expect(log(page).getByTestId("chat-message").filter({ hasText: reply })).toHaveCount(1, LIVE);
  await expect(waiting).toHaveCount(0);
  const db = await e2eDb();
  expect(await db.chatMessage.count({ where: { stallId: stall.id, body: reply } })).toBe(1);
});
