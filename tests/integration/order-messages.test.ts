// An order's message threads against the real server: who reads and writes the thread of an
// (order, stall), the e-mail the other side gets (without anyone's address) and the flood rule,
// refused input, the form without JavaScript, and the live event.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteAccount, exportAccountData } from "~/models/account-data.server";
import { emailsOtherSide, THREAD_EMAIL_QUIET_MS } from "~/models/order-messages";
import type { OrderMessageDto } from "~/realtime/events";
import { db } from "~/utils/db.server";
import { createMarketScene, createProduct, createStall, createUser, TEST_PASSWORD } from "../fixtures/factories";
import { createOrder } from "../fixtures/orders";
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

/** A paid order of one buyer with a line at the merchant's stall and one at a neighbour's. */
async function scene(options: { status?: "PAID" | "RESERVED" } = {}) {
  const { market, merchant, stall, product, organiser } = await createMarketScene(NOW);
  const neighbour = await createUser({ name: "Voisin Marchand" });
  const neighbourStall = await createStall(market.id, neighbour.id, { name: "Vin chaud du Voisin" });
  const neighbourProduct = await createProduct(neighbourStall.id);
  const buyer = await createUser({ name: "Camille Dupont" });
  await db.user.update({ where: { id: buyer.id }, data: { locale: "en" } });
  const order = await createOrder({
    marketId: market.id,
    buyerId: buyer.id,
    status: options.status ?? "PAID",
    lines: [
      { product, quantity: 1 },
      { product: neighbourProduct, quantity: 2 },
    ],
  });
  const url = `/orders/${order.id}/messages/${stall.id}`;
  return { market, merchant, stall, neighbour, neighbourStall, buyer, organiser, order, url };
}

const threadOf = (orderId: string, stallId: string) =>
  db.orderMessage.findMany({ where: { orderId, stallId }, orderBy: { createdAt: "asc" } });

const mailTo = (email: string) => db.outboxEmail.findMany({ where: { to: email }, orderBy: { createdAt: "asc" } });

describe("who may read and write a thread", () => {
  it("lets the buyer and the stall's owner in, and nobody else: not the order's other merchant, an organiser or a stranger", async () => {
    const s = await scene();
    const stranger = await createUser();
    const as = (userId: string) => clientFor(server, userId);

    for (const userId of [s.buyer.id, s.merchant.id]) {
      expect((await (await as(userId)).get(s.url)).status, "reads").toBe(200);
    }
    const buyerPost = await (await as(s.buyer.id)).post(s.url, { body: "Bonjour, je passe samedi ?" });
    expect(buyerPost.status).toBe(200);
    const merchantPost = await (await as(s.merchant.id)).post(s.url, { body: "Oui, à partir de 10 h." });
    expect(merchantPost.status).toBe(200);

    for (const userId of [s.neighbour.id, s.organiser.id, stranger.id]) {
      const client = await as(userId);
      expect((await client.get(s.url)).status, "reads").toBe(404);
      expect((await client.post(s.url, { body: "Je lis par-dessus l’épaule" })).status, "writes").toBe(404);
    }
    expect((await threadOf(s.order.id, s.stall.id)).map((m) => m.authorId)).toEqual([s.buyer.id, s.merchant.id]);

    // The neighbour has a thread of their own on the same order, which the first merchant cannot reach.
    const neighbourUrl = `/orders/${s.order.id}/messages/${s.neighbourStall.id}`;
    expect((await (await as(s.neighbour.id)).get(neighbourUrl)).status).toBe(200);
    expect((await (await as(s.merchant.id)).get(neighbourUrl)).status).toBe(404);

    // A stall without a line in the order, an unknown order, an anonymous visitor.
    const otherStall = await createStall(s.market.id, s.merchant.id);
    expect((await (await as(s.merchant.id)).get(`/orders/${s.order.id}/messages/${otherStall.id}`)).status).toBe(404);
    expect((await (await as(s.buyer.id)).get(`/orders/no-such-order/messages/${s.stall.id}`)).status).toBe(404);
    const anonymous = await clientFor(server, null);
    expect((await anonymous.post(s.url, { body: "Coucou" })).status).toBe(302);
    expect(await threadOf(s.order.id, s.stall.id)).toHaveLength(2);
  });

  it("has no thread before the order is paid: the merchant does not see it yet", async () => {
    const s = await scene({ status: "RESERVED" });
    const buyer = await clientFor(server, s.buyer.id);
    expect((await buyer.post(s.url, { body: "Déjà là ?" })).status).toBe(404);
    expect((await buyer.get(`/orders/${s.order.id}`)).status).toBe(200);
    expect(await threadOf(s.order.id, s.stall.id)).toHaveLength(0);
  });
});

describe("the other side is told by e-mail", () => {
  it("names the stall or the buyer's first name, links to the page where they answer, and never holds an address", async () => {
    const s = await scene();
    const merchant = await clientFor(server, s.merchant.id);
    const buyer = await clientFor(server, s.buyer.id);

    expect((await merchant.post(s.url, { body: "Votre miel est prêt.\nÀ samedi !" })).status).toBe(200);
    const [toBuyer, ...more] = await mailTo(s.buyer.email);
    expect(more).toHaveLength(0);
    // In the buyer's language (English here), from the stall's name.
    expect(toBuyer!.subject).toBe(`Order ${s.order.reference}: new message from ${s.stall.name}`);
    expect(toBuyer!.text).toContain("Hello Camille,");
    expect(toBuyer!.text).toContain("> Votre miel est prêt.\n> À samedi !");
    expect(toBuyer!.text).toContain(`/orders/${s.order.id}#thread-${s.stall.id}`);
    expect(toBuyer!.text).not.toContain(s.merchant.email);
    expect(toBuyer!.html ?? "").not.toContain(s.merchant.email);

    expect((await buyer.post(s.url, { body: "Merci, je viens à 11 h." })).status).toBe(200);
    const [toMerchant] = await mailTo(s.merchant.email);
    expect(toMerchant!.subject).toBe(`Commande ${s.order.reference}\u00a0: nouveau message de Camille`);
    expect(toMerchant!.text).toContain(`/merchant/stalls/${s.stall.id}/orders#thread-${s.order.id}`);
    expect(toMerchant!.text).not.toContain(s.buyer.email);
    expect(toMerchant!.text).not.toContain("Dupont");

    // Both pages show the whole thread; the merchant's card names the buyer by first name.
    const merchantPage = await (await merchant.get(`/merchant/stalls/${s.stall.id}/orders`)).text();
    expect(merchantPage).toContain("Écrire à Camille");
    expect(merchantPage).toContain("Merci, je viens à 11 h.");
    const buyerPage = await (await buyer.get(`/orders/${s.order.id}`)).text();
    expect(buyerPage).toContain("Votre miel est prêt.");
    expect(buyerPage).toContain("Merci, je viens à 11 h.");
    expect(buyerPage).not.toContain(s.merchant.email);
  });

  it("e-mails at most once per 10 minutes while unanswered, again after an answer, and once for messages sent together", async () => {
    const s = await scene();
    const merchant = await clientFor(server, s.merchant.id);
    const buyer = await clientFor(server, s.buyer.id);
    server.clock.set(NOW);
    const say = async (client: typeof merchant, body: string) => {
      expect((await client.post(s.url, { body })).status).toBe(200);
    };

    // Five at once: one e-mail, whatever the order they are written in.
    const together = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => merchant.post(s.url, { body: `Message ${n}` }).then((r) => r.status)),
    );
    expect(together).toEqual([200, 200, 200, 200, 200]);
    expect(await mailTo(s.buyer.email)).toHaveLength(1);

    server.clock.advance(THREAD_EMAIL_QUIET_MS - 1000);
    await say(merchant, "Toujours là ?");
    expect(await mailTo(s.buyer.email)).toHaveLength(1);
    server.clock.advance(1000);
    await say(merchant, "Je ferme bientôt.");
    expect(await mailTo(s.buyer.email)).toHaveLength(2);

    // An answer starts a new exchange: the merchant is told, and the buyer of the next reply.
    server.clock.advance(60_000);
    await say(buyer, "J’arrive !");
    expect(await mailTo(s.merchant.email)).toHaveLength(1);
    server.clock.advance(60_000);
    await say(merchant, "Parfait.");
    expect(await mailTo(s.buyer.email)).toHaveLength(3);

    expect(await threadOf(s.order.id, s.stall.id)).toHaveLength(9);
    server.clock.set(NOW);
  });

  it("follows the rule from the thread alone", () => {
    const at = (minutes: number, fromBuyer = false) => ({
      fromBuyer,
      createdAt: new Date(NOW.getTime() + minutes * 60_000),
    });
    expect(emailsOtherSide([at(0)])).toBe(true);
    expect(emailsOtherSide([at(0), at(9)])).toBe(false);
    expect(emailsOtherSide([at(0), at(9), at(10)])).toBe(true);
    // Counted from the last e-mailed message, not the last message.
    expect(emailsOtherSide([at(0), at(5), at(12)])).toBe(true);
    expect(emailsOtherSide([at(0), at(1, true), at(2)])).toBe(true);
    expect(emailsOtherSide([at(0), at(1, true)])).toBe(true);
  });
});

describe("refused input", () => {
  it("answers 400 with the reason for an empty, blank, too long or invisible-character message, and writes nothing", async () => {
    const s = await scene();
    const merchant = await clientFor(server, s.merchant.id);
    for (const body of ["", "   \n  ", "x".repeat(1001), "bonjour\u0000"]) {
      const response = await merchant.post(s.url, { body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.headers.get("content-type")).toMatch(/html/);
    }
    expect((await merchant.post(s.url, {})).status).toBe(400);
    // 1000 characters once trimmed are fine.
    expect((await merchant.post(s.url, { body: ` ${"é".repeat(1000)} ` })).status).toBe(200);
    const [kept] = await threadOf(s.order.id, s.stall.id);
    expect(kept!.body).toBe("é".repeat(1000));
    expect(await threadOf(s.order.id, s.stall.id)).toHaveLength(1);
  });

  it("refuses an eleventh message in a minute with 429, writing nothing", async () => {
    const s = await scene();
    const buyer = await clientFor(server, s.buyer.id);
    for (let n = 1; n <= 10; n++) expect((await buyer.post(s.url, { body: `Question ${n}` })).status).toBe(200);
    const refused = await buyer.post(s.url, { body: "Encore une" });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await threadOf(s.order.id, s.stall.id)).toHaveLength(10);
  });
});

describe("the form without JavaScript, and the live event", () => {
  it("sends the visitor back to the thread on their page, never to another site", async () => {
    const s = await scene();
    const merchant = await clientFor(server, s.merchant.id);
    const back = `/merchant/stalls/${s.stall.id}/orders#thread-${s.order.id}`;
    const sent = await merchant.post(s.url, { body: "Bonjour", back });
    expect(sent.status).toBe(303);
    expect(sent.headers.get("location")).toBe(back);
    const elsewhere = await merchant.post(s.url, { body: "Re-bonjour", back: "//evil.example/" });
    expect(elsewhere.headers.get("location")).toBe("/");
  });

  it("tells the other side's open pages (their user room) and not the order's other merchant", async () => {
    const s = await scene();
    const heard = async (userId: string) => {
      const socket = await connectSocket(server, await clientFor(server, userId));
      sockets.push(socket);
      const got: OrderMessageDto[] = [];
      socket.on("order:message", (m) => got.push(m));
      return got;
    };
    const buyerHeard = await heard(s.buyer.id);
    const neighbourHeard = await heard(s.neighbour.id);
    const merchant = await clientFor(server, s.merchant.id);
    expect((await merchant.post(s.url, { body: "C’est prêt" })).status).toBe(200);
    await expect.poll(() => buyerHeard.length).toBe(1);
    expect(buyerHeard[0]).toMatchObject({
      orderId: s.order.id,
      stallId: s.stall.id,
      body: "C’est prêt",
      fromBuyer: false,
      author: s.stall.name,
    });
    expect(JSON.stringify(buyerHeard[0])).not.toContain(s.merchant.id);
    await server.idle();
    expect(neighbourHeard).toHaveLength(0);
  });
});

describe("the buyer's data", () => {
  it("exports the messages they wrote, and deleting the account deletes them, the merchant's replies staying", async () => {
    const s = await scene();
    const buyer = await clientFor(server, s.buyer.id);
    const merchant = await clientFor(server, s.merchant.id);
    expect((await buyer.post(s.url, { body: "Je viens samedi." })).status).toBe(200);
    expect((await merchant.post(s.url, { body: "Entendu." })).status).toBe(200);
    const file = await exportAccountData(s.buyer.id, NOW);
    expect(file!.orderMessages).toEqual([
      { order: s.order.reference, stall: s.stall.name, text: "Je viens samedi.", at: expect.any(String) },
    ]);
    // Their orders are over (the market's session ended): the account may go.
    expect(await deleteAccount(s.buyer.id, TEST_PASSWORD, new Date(NOW.getTime() + 86_400_000))).toMatchObject({
      ok: true,
    });
    expect((await threadOf(s.order.id, s.stall.id)).map((m) => m.body)).toEqual(["Entendu."]);
  });
});
