// The merchant's inbox page and the organisers' reports page against the real server: who may
// see them, what they list, and the console's delete / mute / dismiss with their refusals and
// the announcement a stall room hears.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import {
  createMarket,
  createMarketScene,
  createOrganiser,
  createSession,
  createStall,
  createTown,
  createUser,
} from "../fixtures/factories";
import { clientFor, connectSocket, startTestServer, type TestServer, type TestSocket } from "../setup/server";

const NOW = new Date("2026-12-05T12:00:00Z");
let server: TestServer;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  server = await startTestServer({ now: NOW });
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await server.close();
});
beforeEach(() => server.clock.set(NOW));

let seconds = 0;
/** A stored message, a second after the previous one. */
function say(stallId: string, authorId: string, body: string) {
  return db.chatMessage.create({
    data: { stallId, authorId, body, createdAt: new Date(NOW.getTime() - 3600_000 + ++seconds * 1000) },
  });
}

function report(messageId: number, reporterId: string, reason = "") {
  return db.chatReport.create({ data: { messageId, reporterId, reason, createdAt: NOW } });
}

/** The page's text without tags, spaces collapsed: what a reader sees. */
const text = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, " ");

describe("the merchant's inbox", () => {
  it("lists the owner's stall rooms with their unread visitors' messages and the newest one", async () => {
    const { merchant, stall, market } = await createMarketScene(NOW);
    await createStall(market.id, merchant.id, { name: "Sapins du Vercors" });
    const visitor = await createUser({ name: "Camille" });
    await say(stall.id, visitor.id, "Bonjour, il reste du miel de sapin ?");
    await say(stall.id, merchant.id, "Oui, trois pots.");
    await say(stall.id, visitor.id, "Je prends les trois <b>merci</b>");
    const deleted = await say(stall.id, visitor.id, "message retiré");
    await db.chatMessage.update({ where: { id: deleted.id }, data: { deletedAt: NOW } });

    const client = await clientFor(server, merchant.id);
    const response = await client.get("/merchant/inbox");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("<title>(2) Messages · Chalet</title>");
    const page = text(html);
    expect(page).toContain("2 messages non lus");
    // Busiest first: the room with unread messages, then the empty one.
    expect(page.indexOf(stall.name)).toBeGreaterThan(-1);
    expect(page.indexOf(stall.name)).toBeLessThan(page.indexOf("Sapins du Vercors"));
    expect(page).toMatch(new RegExp(`${stall.name} ${market.name} 2 non lus Camille · samedi 5 décembre`));
    // The newest message as text: escaped, not markup; the deleted one is not shown.
    expect(html).toContain("Je prends les trois &lt;b&gt;merci&lt;/b&gt;");
    expect(page).not.toContain("message retiré");
    expect(html).toContain(`href="/m/${market.slug}/${stall.slug}#chat"`);
    expect(page).toContain(`Sapins du Vercors ${market.name} Pas encore de message.`);

    // The merchant's home links to it with the count.
    const home = text(await (await client.get("/merchant")).text());
    expect(home).toMatch(/Messages 2 \(2 non lus\)/);
  });

  it("reads the rooms again: a read mark leaves only the messages after it", async () => {
    const { merchant, stall } = await createMarketScene(NOW);
    const visitor = await createUser({ name: "Lou" });
    const first = await say(stall.id, visitor.id, "Première question");
    await say(stall.id, visitor.id, "Deuxième question");
    await db.chatRead.create({ data: { userId: merchant.id, stallId: stall.id, lastReadId: first.id } });
    const page = text(await (await (await clientFor(server, merchant.id)).get("/merchant/inbox")).text());
    expect(page).toContain("1 message non lu");
    expect(page).toContain("1 non lu Lou");
  });

  it("shows each account its own stalls only, and sends anonymous visitors to log in", async () => {
    const { stall } = await createMarketScene(NOW);
    const visitor = await createUser({ name: "Curieux" });
    await say(stall.id, visitor.id, "Secret du marchand");
    const other = await createMarketScene(NOW);

    const otherPage = await (await clientFor(server, other.merchant.id)).get("/merchant/inbox");
    expect(otherPage.status).toBe(200);
    const html = await otherPage.text();
    expect(html).toContain(other.stall.name);
    expect(html).not.toContain(stall.name);
    expect(html).not.toContain("Secret du marchand");

    const visitorPage = text(await (await clientFor(server, visitor.id)).get("/merchant/inbox").then((r) => r.text()));
    expect(visitorPage).toContain("Vous n’avez pas encore de stand");
    expect(visitorPage).not.toContain(stall.name);

    const anonymous = await (await clientFor(server, null)).get("/merchant/inbox");
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toBe("/login?redirectTo=%2Fmerchant%2Finbox");
  });
});

/** A market open now with a reported visitor's message, and the people around it. */
async function reportScene() {
  const scene = await createMarketScene(NOW);
  const author = await createUser({ name: "Troll" });
  const reporter = await createUser({ name: "Témoin" });
  const message = await say(scene.stall.id, author.id, "Achetez sur <a href='https://evil.example'>evil</a> !");
  await report(message.id, reporter.id, "Publicité");
  const organiser = await clientFor(server, scene.organiser.id);
  return { ...scene, author, reporter, message, organiser, url: `/organiser/markets/${scene.market.id}/reports` };
}

const openReports = (messageId: number) => db.chatReport.count({ where: { messageId, resolvedAt: null } });

describe("the organisers' reports page", () => {
  it("lists the reported message as plain text with its author, stall, reasons and reporters; the tab counts it", async () => {
    const { organiser, url, message, stall, market } = await reportScene();
    const second = await createUser({ name: "Deuxième témoin" });
    await report(message.id, second.id, "");
    const response = await organiser.get(url);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Achetez sur &lt;a href=&#x27;https://evil.example&#x27;&gt;evil&lt;/a&gt; !");
    expect(html).not.toMatch(/<a[^>]+evil\.example/);
    const page = text(html);
    expect(page).toContain("Message de Troll");
    expect(page).toContain(`Stand ${stall.name} · envoyé samedi 5 décembre à 12:00`);
    expect(page).toContain("Signalé 2 fois");
    expect(page).toContain("Publicité · Témoin");
    expect(page).toContain("sans motif · Deuxième témoin");
    // The tab, on every page of the console.
    expect(text(await (await organiser.get(`/organiser/markets/${market.id}`)).text())).toContain(
      "Signalements 1 1 à traiter",
    );
  });

  it("is the market's organisers' only: merchant, visitor, organiser of another town refused", async () => {
    const { url, merchant, reporter } = await reportScene();
    const stranger = await createOrganiser((await createTown()).id);
    for (const userId of [merchant.id, reporter.id, stranger.id]) {
      const client = await clientFor(server, userId);
      expect((await client.get(url)).status).toBe(403);
      expect((await client.post(url, { intent: "dismiss", messageId: 1 })).status).toBe(403);
    }
    const anonymous = await clientFor(server, null);
    expect((await anonymous.get(url)).status).toBe(302);
    expect((await anonymous.post(url, { intent: "dismiss", messageId: 1 })).status).toBe(302);
  });

  it("deletes the message: gone for the stall room (chat:deleted), reports closed, the page says so", async () => {
    const { organiser, url, message, stall, market } = await reportScene();
    const socket = await connectSocket(server);
    sockets.push(socket);
    const joined = await socket.timeout(5_000).emitWithAck("stall:join", { stallId: stall.id });
    expect(joined.ok).toBe(true);
    const heard = new Promise((resolve) => socket.once("chat:deleted", resolve));

    const response = await organiser.post(url, { intent: "delete", messageId: message.id });
    expect(response.status).toBe(200);
    const page = text(await response.text());
    expect(page).toContain("Message supprimé, signalement clos.");
    expect(page).toContain("Aucun signalement à traiter.");
    expect(await heard).toEqual({ stallId: stall.id, messageId: message.id });
    expect(await db.chatMessage.findUnique({ where: { id: message.id } })).toMatchObject({ deletedAt: NOW });
    expect(await openReports(message.id)).toBe(0);
    expect(text(await (await organiser.get(`/organiser/markets/${market.id}`)).text())).not.toContain("à traiter");
  });

  it("mutes the author in the market for the chosen time and closes the reports", async () => {
    const { organiser, url, message, author, market } = await reportScene();
    const response = await organiser.post(url, { intent: "mute", messageId: message.id, minutes: 1440 });
    expect(response.status).toBe(200);
    expect(text(await response.text())).toContain(
      "Troll ne peut plus écrire dans ce marché jusqu’au dimanche 6 décembre à 13:00. Signalement clos.",
    );
    const mutes = await db.chatMute.findMany({ where: { userId: author.id } });
    expect(mutes).toEqual([
      expect.objectContaining({ marketId: market.id, until: new Date(NOW.getTime() + 24 * 3600_000) }),
    ]);
    expect(await openReports(message.id)).toBe(0);
    expect((await db.chatMessage.findUnique({ where: { id: message.id } }))?.deletedAt).toBeNull();
  });

  it("shows an author muted and a message already deleted (by the merchant) while reports stay open", async () => {
    const { organiser, url, message, author, market, merchant } = await reportScene();
    await db.chatMessage.update({ where: { id: message.id }, data: { deletedAt: NOW, deletedById: merchant.id } });
    await db.chatMute.create({
      data: {
        marketId: market.id,
        userId: author.id,
        until: new Date(NOW.getTime() + 3600_000),
        createdById: merchant.id,
      },
    });
    const page = text(await (await organiser.get(url)).text());
    expect(page).toContain("Message de Troll Déjà supprimé Muet·te jusqu’au samedi 5 décembre à 14:00");
    expect(page).not.toContain("Supprimer le message");
    // Closing the report of an already deleted message: nothing to delete again.
    const response = await organiser.post(url, { intent: "delete", messageId: message.id });
    expect(response.status).toBe(200);
    expect(await openReports(message.id)).toBe(0);
  });

  it("dismisses: the reports are closed, the message stays", async () => {
    const { organiser, url, message } = await reportScene();
    const response = await organiser.post(url, { intent: "dismiss", messageId: message.id });
    expect(response.status).toBe(200);
    expect(text(await response.text())).toContain("Signalement ignoré : le message reste visible.");
    expect(await openReports(message.id)).toBe(0);
    expect((await db.chatMessage.findUnique({ where: { id: message.id } }))?.deletedAt).toBeNull();
  });

  it("answers a report already handled (stale page, second organiser) with a clear 409, nothing done", async () => {
    const { organiser, url, message, town } = await reportScene();
    const colleague = await clientFor(server, (await createOrganiser(town.id)).id);
    expect((await colleague.post(url, { intent: "dismiss", messageId: message.id })).status).toBe(200);
    const response = await organiser.post(url, { intent: "delete", messageId: message.id });
    expect(response.status).toBe(409);
    expect(text(await response.text())).toContain("Ce signalement a déjà été traité");
    expect((await db.chatMessage.findUnique({ where: { id: message.id } }))?.deletedAt).toBeNull();
  });

  it("refuses a message of another market, even one the same organisers run: 404, nothing changed", async () => {
    const { organiser, town, url } = await reportScene();
    const otherMarket = await createMarket(town.id);
    await createSession(otherMarket.id, new Date(NOW.getTime() - 3600_000), new Date(NOW.getTime() + 3600_000));
    const otherStall = await createStall(otherMarket.id, (await createUser()).id);
    const author = await createUser({ name: "Ailleurs" });
    const elsewhere = await say(otherStall.id, author.id, "Message d'un autre marché");
    await report(elsewhere.id, (await createUser()).id, "spam");

    const forms: Record<string, string | number>[] = [
      { intent: "delete", messageId: elsewhere.id },
      { intent: "mute", messageId: elsewhere.id, minutes: 60 },
      { intent: "dismiss", messageId: elsewhere.id },
    ];
    for (const fields of forms) {
      const response = await organiser.post(url, fields);
      expect(response.status, String(fields.intent)).toBe(404);
      expect(text(await response.text())).toContain("Ce message n’existe pas dans ce marché.");
    }
    expect((await db.chatMessage.findUnique({ where: { id: elsewhere.id } }))?.deletedAt).toBeNull();
    expect(await db.chatMute.count({ where: { userId: author.id } })).toBe(0);
    expect(await openReports(elsewhere.id)).toBe(1);
  });

  it("refuses bad forms with a message (unknown intent, duration outside the choices, no id) and never mutes an organiser", async () => {
    const { organiser, url, message, stall, town, reporter } = await reportScene();
    const forms: Record<string, string | number>[] = [
      { intent: "ban", messageId: message.id },
      { intent: "mute", messageId: message.id, minutes: 7 },
      { intent: "mute", messageId: message.id, minutes: "beaucoup" },
      { intent: "delete", messageId: "abc" },
      { intent: "delete" },
    ];
    for (const fields of forms) {
      const response = await organiser.post(url, fields);
      expect(response.status, JSON.stringify(fields)).toBe(400);
    }
    expect(await openReports(message.id)).toBe(1);

    const colleague = await createOrganiser(town.id);
    const fromOrganiser = await say(stall.id, colleague.id, "Message de l'organisation");
    await report(fromOrganiser.id, reporter.id, "pas d'accord");
    const response = await organiser.post(url, { intent: "mute", messageId: fromOrganiser.id, minutes: 60 });
    expect(response.status).toBe(403);
    expect(text(await response.text())).toContain("ne peut pas être rendue muette");
    expect(await openReports(fromOrganiser.id)).toBe(1);
  });
});
