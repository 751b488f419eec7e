// The live stall chat seen from the merchant's and the organisers' side, in real browsers:
// a visitor asks a question on the stall page, the merchant's inbox (open in another browser)
// counts it without a reload, the merchant answers from the stall page and the visitor sees the
// answer without a reload; then the organisers handle a report from their console.
// Everything is made for the test (town, market open now, accounts) and removed at the end.
import { randomUUID } from "node:crypto";
import { devices, expect, request, test, type Browser, type Page } from "@playwright/test";
import { io } from "socket.io-client";
import type { ChatMessageDto } from "../../app/realtime/events";
import { e2eDb } from "./db";
import { expectNoSeriousA11yIssues, loginAs, screenshotPerProject } from "./fixtures";

const towns: string[] = [];
const users: string[] = [];
test.afterEach(async () => {
  const db = await e2eDb();
  // Users first (their stalls, messages and reports go with them), then the town and its market.
  await db.user.deleteMany({ where: { id: { in: users.splice(0) } } });
  await db.town.deleteMany({ where: { id: { in: towns.splice(0) } } });
});

/** A town with a market open for the next two hours, its organiser, a merchant's stall and a visitor. */
async function scene() {
  const db = await e2eDb();
  const tag = randomUUID().slice(0, 8);
  // The demo accounts' password, so the real log-in form is used.
  const { passwordHash } = await db.user.findUniqueOrThrow({ where: { email: "habitant@demo.chalet.test" } });
  const user = async (role: string, name: string) => {
    const created = await db.user.create({ data: { email: `${role}-${tag}@e2e.chalet.test`, name, passwordHash } });
    users.push(created.id);
    return created;
  };
  const [organiser, merchant, visitor] = [
    await user("organiser", "Odile Garnier"),
    await user("merchant", "Marius Castel"),
    await user("visitor", "Violette Roux"),
  ];
  const town = await db.town.create({ data: { slug: `ville-${tag}`, name: `Ville ${tag}` } });
  towns.push(town.id);
  await db.membership.create({ data: { userId: organiser.id, townId: town.id, role: "ORGANISER" } });
  const now = Date.now();
  const market = await db.market.create({
    data: {
      townId: town.id,
      slug: `marche-chat-${tag}`,
      name: `Marché du chat ${tag}`,
      status: "PUBLISHED",
      sessions: { create: { startsAt: new Date(now - 3_600_000), endsAt: new Date(now + 2 * 3_600_000) } },
    },
  });
  const stall = await db.stall.create({
    data: {
      marketId: market.id,
      ownerId: merchant.id,
      slug: `vin-chaud-${tag}`,
      name: `Vin chaud ${tag}`,
      category: "miellerie",
      status: "APPROVED",
    },
  });
  return { db, organiser, merchant, visitor, market, stall, stallPath: `/m/${market.slug}/${stall.slug}` };
}

/** A second browser, as the project's own (phone or desktop), with its own cookies. */
function otherBrowser(browser: Browser, projectName: string) {
  return browser.newContext({
    ...(projectName === "desktop" ? devices["Desktop Chrome"] : devices["Pixel 7"]),
    baseURL: process.env.E2E_BASE_URL,
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
  });
}

/** Anything that reloads the document drops this marker. */
const mark = (page: Page) => page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));
const stillHere = (page: Page) => page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere);

test("@desktop a visitor's question reaches the merchant's open inbox live; the answer reaches the visitor live", async ({
  page,
  browser,
}, info) => {
  // Two browsers at once: slower than one on a loaded machine.
  test.setTimeout(90_000);
  const { merchant, visitor, stall, stallPath } = await scene();

  // The merchant keeps the inbox open.
  await loginAs(page, merchant.email, undefined, { redirectTo: "/merchant/inbox" });
  await expect(page.getByRole("heading", { level: 1, name: "Messages" })).toBeVisible();
  const row = page.getByRole("article", { name: stall.name });
  await expect(row.getByText("Pas encore de message.")).toBeVisible();
  await expect(page.getByTestId("inbox-total")).toHaveText("Aucun message non lu");
  await expect(page.getByText("En direct")).toBeVisible();
  await mark(page);

  // The visitor, in another browser, asks on the stall page.
  const visitorContext = await otherBrowser(browser, info.project.name);
  try {
    const visitorPage = await visitorContext.newPage();
    await loginAs(visitorPage, visitor.email, undefined, { redirectTo: `${stallPath}#chat` });
    const log = visitorPage.getByRole("log", { name: `Messages du stand ${stall.name}` });
    await expect(log).toBeVisible();
    await visitorPage
      .getByRole("textbox", { name: "Votre message" })
      .fill("Bonsoir ! Il vous reste du vin chaud blanc ?");
    await visitorPage.getByRole("button", { name: "Envoyer" }).click();
    await expect(log.getByText("Bonsoir ! Il vous reste du vin chaud blanc ?")).toBeVisible();
    await mark(visitorPage);

    // The inbox counts it, moves it first, shows it in the title: no reload.
    await expect(row.getByText("1 non lu")).toBeVisible({ timeout: 10_000 });
    await expect(row.getByText("Bonsoir ! Il vous reste du vin chaud blanc ?")).toBeVisible();
    // The public chat names visitors by first name and initial (chatDisplayName), the inbox too.
    await expect(row.getByText("Violette R.")).toBeVisible();
    await expect(page.getByTestId("inbox-total")).toHaveText("1 message non lu");
    await expect(page).toHaveTitle("(1) Messages · Chalet");
    expect(await stillHere(page)).toBe(true);

    // The merchant opens the conversation and answers.
    await row.getByRole("link", { name: `Ouvrir la conversation (${stall.name})` }).click();
    await expect(page).toHaveURL(new RegExp(`${stallPath}#chat$`));
    const merchantLog = page.getByRole("log", { name: `Messages du stand ${stall.name}` });
    await expect(merchantLog.getByText("Bonsoir ! Il vous reste du vin chaud blanc ?")).toBeVisible();
    await page.getByRole("textbox", { name: "Votre message" }).fill("Oui, jusqu’à 20 h, venez vite !");
    await page.getByRole("button", { name: "Envoyer" }).click();

    // The visitor sees the answer without a reload.
    await expect(log.getByText("Oui, jusqu’à 20 h, venez vite !")).toBeVisible({ timeout: 10_000 });
    expect(await stillHere(visitorPage)).toBe(true);

    // Back in the inbox: the room was read on the stall page, the answer is the newest message.
    await page.goto("/merchant/inbox");
    const readRow = page.getByRole("article", { name: stall.name });
    await expect(readRow.getByText("Oui, jusqu’à 20 h, venez vite !")).toBeVisible();
    await expect(readRow.getByText("Vous", { exact: true })).toBeVisible();
    await expect(page.getByTestId("inbox-total")).toHaveText("Aucun message non lu");
    await expect(page).toHaveTitle("Messages · Chalet");
  } finally {
    await visitorContext.close();
  }
});

test("@desktop the inbox lists the busiest rooms first, readable on a phone and with a screen reader", async ({
  page,
}) => {
  test.setTimeout(60_000);
  const { db, merchant, visitor, market, stall } = await scene();
  const quiet = await db.stall.create({
    data: {
      marketId: market.id,
      ownerId: merchant.id,
      slug: `${stall.slug}-2`,
      name: "Santons de Provence",
      category: "miellerie",
      status: "PENDING",
    },
  });
  const other = await db.user.create({
    data: { email: `other-${randomUUID().slice(0, 8)}@e2e.chalet.test`, name: "Gaspard Lefebvre", passwordHash: "x" },
  });
  users.push(other.id);
  await db.chatMessage.create({ data: { stallId: stall.id, authorId: visitor.id, body: "Livrez-vous à Nanterre ?" } });
  await db.chatMessage.create({ data: { stallId: stall.id, authorId: merchant.id, body: "Non, retrait au stand." } });
  await db.chatMessage.create({
    data: {
      stallId: stall.id,
      authorId: other.id,
      body: "Bonjour ! Est-ce que le vin chaud sans alcool existe aussi en bouteille d’un litre ? Merci d’avance, c’est pour une fête d’école samedi prochain.",
    },
  });

  await loginAs(page, merchant.email, undefined, { redirectTo: "/merchant" });
  const inboxLink = page.getByRole("main").getByRole("link", { name: "Messages (2 non lus)" });
  await expect(inboxLink).toBeVisible();
  await inboxLink.click();
  await expect(page).toHaveTitle("(2) Messages · Chalet");
  await expect(page.getByTestId("inbox-total")).toHaveText("2 messages non lus");
  const rows = page.getByRole("article");
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toHaveAccessibleName(stall.name);
  await expect(rows.first().getByText("2 non lus")).toBeVisible();
  await expect(rows.first().getByText("Gaspard L.")).toBeVisible();
  await expect(rows.nth(1)).toHaveAccessibleName(quiet.name);
  await expect(rows.nth(1).getByText("Stand pas encore en ligne")).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "Son" })).toBeChecked();
  // The choice is kept on this device.
  await page.getByRole("checkbox", { name: "Son" }).uncheck();
  await page.reload();
  await expect(page.getByRole("checkbox", { name: "Son" })).not.toBeChecked();
  await page.getByRole("checkbox", { name: "Son" }).check();
  await expect(page.getByRole("button", { name: "Recevoir les notifications" })).toBeVisible();
  await expectNoSeriousA11yIssues(page);
  await screenshotPerProject(page, "chat-inbox");
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshotPerProject(page, "chat-inbox-390");
});

/** A socket of this account (logged in through the real form), as another device of theirs would be. */
async function socketOf(email: string) {
  const api = await request.newContext({ baseURL: process.env.E2E_BASE_URL });
  const login = await api.post("/login", {
    form: { email, password: "noel-a-rueil", redirectTo: "/" },
    headers: { Origin: process.env.E2E_BASE_URL! },
    maxRedirects: 0,
  });
  expect(login.status()).toBe(302);
  const cookie = (await api.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  await api.dispose();
  const socket = io(process.env.E2E_BASE_URL!, {
    transports: ["websocket"],
    forceNew: true,
    extraHeaders: { Cookie: cookie },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  const send = async (stallId: string, body: string) => {
    const answer = (await socket.timeout(10_000).emitWithAck("chat:send", { stallId, body })) as {
      ok: boolean;
      data?: ChatMessageDto;
    };
    expect(answer.ok).toBe(true);
    return answer.data!;
  };
  return { socket, send };
}

type Alert = { kind: "notification" | "vibrate"; title?: string; body?: string };

test("@desktop while the inbox is in the background, a visitor's message notifies and vibrates, the merchant's own does not; deletions update the row", async ({
  page,
}) => {
  test.setTimeout(60_000);
  const { merchant, visitor, stall } = await scene();
  // The browser's notifications, vibration and visibility, recorded instead of shown.
  await page.addInitScript(() => {
    const w = window as unknown as { alerts: Alert[]; hidden: boolean };
    w.alerts = [];
    w.hidden = false;
    class RecordedNotification {
      static permission: NotificationPermission = "default";
      static requestPermission() {
        RecordedNotification.permission = "granted";
        return Promise.resolve("granted" as const);
      }
      onclick: (() => void) | null = null;
      constructor(title: string, options?: NotificationOptions) {
        w.alerts.push({ kind: "notification", title, body: options?.body });
      }
      close() {}
    }
    Object.defineProperty(window, "Notification", { value: RecordedNotification, configurable: true });
    Object.defineProperty(navigator, "vibrate", {
      value: () => w.alerts.push({ kind: "vibrate" }) > 0,
      configurable: true,
    });
    Object.defineProperty(document, "visibilityState", { get: () => (w.hidden ? "hidden" : "visible") });
  });
  const alerts = () => page.evaluate(() => (window as unknown as { alerts: Alert[] }).alerts);

  await loginAs(page, merchant.email, undefined, { redirectTo: "/merchant/inbox" });
  await expect(page.getByText("En direct")).toBeVisible();
  await page.getByRole("button", { name: "Recevoir les notifications" }).click();
  await expect(page.getByText("Notifications activées quand la page est en arrière-plan.")).toBeVisible();
  await page.evaluate(() => ((window as unknown as { hidden: boolean }).hidden = true));

  const visitorSocket = await socketOf(visitor.email);
  const merchantSocket = await socketOf(merchant.email);
  try {
    const question = await visitorSocket.send(stall.id, "Vous faites des paniers garnis ?");
    const row = page.getByRole("article", { name: stall.name });
    await expect(row.getByText("1 non lu")).toBeVisible({ timeout: 10_000 });
    await expect
      .poll(alerts)
      .toEqual([
        { kind: "vibrate" },
        { kind: "notification", title: `Nouveau message · ${stall.name}`, body: "Vous faites des paniers garnis ?" },
      ]);
    // Screen readers hear it too.
    await expect(
      page.getByRole("status").filter({ hasText: `Nouveau message de Violette R. sur ${stall.name}` }),
    ).toBeAttached();

    // The merchant answers from another device: shown as the newest, neither counted nor announced.
    const answer = await merchantSocket.send(stall.id, "Oui, à partir de 25 €.");
    await expect(row.getByText("Oui, à partir de 25 €.")).toBeVisible({ timeout: 10_000 });
    await expect(row.getByText("Vous", { exact: true })).toBeVisible();
    await expect(row.getByText("1 non lu")).toBeVisible();
    expect(await alerts()).toHaveLength(2);

    // Deleted elsewhere: an unread question no longer counts; the newest gone, the row shows what is left.
    const remove = (messageId: number) =>
      merchantSocket.socket.timeout(10_000).emitWithAck("chat:delete", { messageId }) as Promise<{ ok: boolean }>;
    expect((await remove(question.id)).ok).toBe(true);
    await expect(row.getByText("1 non lu")).toHaveCount(0);
    await expect(page.getByTestId("inbox-total")).toHaveText("Aucun message non lu");
    await expect(row.getByText("Oui, à partir de 25 €.")).toBeVisible();
    expect((await remove(answer.id)).ok).toBe(true);
    await expect(row.getByText("Pas encore de message.")).toBeVisible();
    await expect(page).toHaveTitle("Messages · Chalet");
  } finally {
    visitorSocket.socket.disconnect();
    merchantSocket.socket.disconnect();
  }
});

test("@desktop the organisers delete a reported message, mute its author, and the tab counts what is left", async ({
  page,
}) => {
  test.setTimeout(60_000);
  const { db, organiser, visitor, merchant, market, stall } = await scene();
  const troll = await db.user.create({
    data: { email: `troll-${randomUUID().slice(0, 8)}@e2e.chalet.test`, name: "Théo Troll", passwordHash: "x" },
  });
  users.push(troll.id);
  const spam = await db.chatMessage.create({
    data: { stallId: stall.id, authorId: troll.id, body: "Promo ici : https://arnaque.example <b>vite</b>" },
  });
  const rude = await db.chatMessage.create({
    data: { stallId: stall.id, authorId: troll.id, body: "Votre vin chaud est imbuvable, bande de nuls" },
  });
  await db.chatReport.createMany({
    data: [
      { messageId: spam.id, reporterId: visitor.id, reason: "Publicité" },
      { messageId: spam.id, reporterId: merchant.id, reason: "" },
      { messageId: rude.id, reporterId: visitor.id, reason: "Insultes" },
    ],
  });

  await loginAs(page, organiser.email, undefined, { redirectTo: `/organiser/markets/${market.id}` });
  const tab = page.getByRole("navigation", { name: "Sections du marché" }).getByRole("link", { name: /Signalements/ });
  await expect(tab).toHaveAccessibleName("Signalements 2 à traiter");
  await tab.click();
  await expect(page.getByRole("heading", { level: 2, name: "Messages signalés" })).toBeVisible();
  const cards = page.getByRole("article");
  await expect(cards).toHaveCount(2);
  const spamCard = cards.filter({ hasText: "arnaque.example" });
  // Plain text: the address and the markup are shown, not followed or rendered.
  await expect(spamCard.getByText("Promo ici : https://arnaque.example <b>vite</b>")).toBeVisible();
  await expect(spamCard.getByRole("link")).toHaveCount(0);
  await expect(spamCard.getByText("Signalé 2 fois")).toBeVisible();
  await expect(spamCard.getByText("Publicité")).toBeVisible();
  await expect(spamCard.getByText(/sans motif/)).toBeVisible();
  await expectNoSeriousA11yIssues(page);
  await screenshotPerProject(page, "chat-reports");

  // Delete the advertisement.
  await spamCard.getByRole("button", { name: "Supprimer le message" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Message supprimé, signalement clos." })).toBeVisible();
  await expect(cards).toHaveCount(1);
  await expect(tab).toHaveAccessibleName("Signalements 1 à traiter");

  // Mute the insults' author for 24 hours, with the keyboard.
  const rudeCard = cards.filter({ hasText: "imbuvable" });
  await rudeCard.getByLabel("Durée").selectOption({ label: "24 heures" });
  await rudeCard.getByRole("button", { name: "Rendre muet·te" }).focus();
  await page.keyboard.press("Enter");
  await expect(
    page.getByRole("status").filter({ hasText: /Théo Troll ne peut plus écrire dans ce marché jusqu’au/ }),
  ).toBeVisible();
  await expect(page.getByText("Aucun signalement à traiter.")).toBeVisible();
  await expect(tab).toHaveAccessibleName("Signalements");
  await screenshotPerProject(page, "chat-reports-done");

  expect((await db.chatMessage.findUniqueOrThrow({ where: { id: spam.id } })).deletedAt).not.toBeNull();
  const mute = await db.chatMute.findFirstOrThrow({ where: { userId: troll.id, marketId: market.id } });
  expect(mute.until.getTime() - Date.now()).toBeGreaterThan(23 * 3_600_000);
});
