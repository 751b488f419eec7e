// Every order seen (order-alerts.server.ts, push.server.ts): a paid order emails each stall's
// merchant once (or goes in their hourly digest, claimed once even by concurrent runs), pushes
// to their subscribed browsers through a push endpoint this test runs (encrypted, VAPID-signed;
// a 410 removes the subscription), moves their live count of orders to prepare, and "Prête"
// tells the buyer once per line.
import { createECDH, randomBytes } from "node:crypto";
import { createServer as createHttpServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrdersToPrepare } from "~/realtime/events";
import { db } from "~/utils/db.server";
import { createMarketScene, createProduct, createSession, createStall, createUser } from "../fixtures/factories";
import { openCheckout, payWithCard, reserve } from "../fixtures/payments";
import { clientFor, connectSocket, startTestServer, type TestServer } from "../setup/server";
import { eventually } from "../setup/wait";

const T0 = new Date("2026-12-12T15:00:00Z");
const HOUR = 3600_000;
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ now: T0 });
});
afterAll(() => server.close());
const app = () => server.services;

/** Two stalls (two merchants), one buyer; `pay()` reserves and pays an order of both stalls' products. */
async function scene() {
  server.clock.set(T0);
  const s = await createMarketScene(T0);
  // Open all afternoon: the digest test pays again an hour later.
  await createSession(s.market.id, new Date(T0.getTime() + HOUR), new Date(T0.getTime() + 4 * HOUR));
  const honey = await createProduct(s.stall.id, { stock: 50, priceCents: 900, name: "Miel de sapin" });
  const nougat = await createProduct(s.stall.id, { stock: 50, priceCents: 450, name: "Nougat" });
  const otherMerchant = await createUser({ name: "Other merchant" });
  const otherStall = await createStall(s.market.id, otherMerchant.id, { name: "Bougies" });
  const candle = await createProduct(otherStall.id, { stock: 50, priceCents: 1500, name: "Bougie" });
  const buyer = await createUser({ name: "Camille Buyer" });
  async function pay() {
    const order = await reserve(
      {
        buyerId: buyer.id,
        marketId: s.market.id,
        lines: [
          { productId: honey.id, quantity: 2 },
          { productId: nougat.id, quantity: 1 },
          { productId: candle.id, quantity: 1 },
        ],
      },
      server.clock.now(),
    );
    await payWithCard(server.url, await openCheckout(order, server.url, server.clock.now()));
    return eventually(() =>
      db.order.findFirst({ where: { id: order.id, status: "PAID" }, include: { lines: { orderBy: { id: "asc" } } } }),
    );
  }
  return { ...s, honey, nougat, candle, otherMerchant, otherStall, buyer, pay };
}

const mailTo = (to: string) => db.outboxEmail.findMany({ where: { to }, orderBy: { createdAt: "asc" } });

describe("merchant emails", () => {
  it("each stall's merchant gets one email per paid order: reference, buyer's name, their lines, the orders tab", async () => {
    const s = await scene();
    await db.user.update({ where: { id: s.otherMerchant.id }, data: { locale: "en" } });
    const order = await s.pay();
    const [mine] = await eventually(async () => {
      const rows = await mailTo(s.merchant.email);
      return rows.length > 0 && rows;
    });
    expect(mine!.subject).toBe(`Nouvelle commande ${order.reference}\u00a0: Camille Buyer`);
    expect(mine!.text).toContain("- 2 × Miel de sapin\u00a0: 18,00");
    expect(mine!.text).toContain("- 1 × Nougat\u00a0: 4,50");
    expect(mine!.text).not.toContain("Bougie");
    expect(mine!.text).not.toContain(s.buyer.email);
    expect(mine!.text).toContain(`/merchant/stalls/${s.stall.id}/orders`);
    const [theirs] = await eventually(async () => {
      const rows = await mailTo(s.otherMerchant.email);
      return rows.length > 0 && rows;
    });
    expect(theirs!.subject).toBe(`New order ${order.reference}: Camille Buyer`);
    expect(theirs!.text).toContain("Bougie");
    expect(theirs!.text).not.toContain("Miel");
    await server.idle();
    expect(await mailTo(s.merchant.email)).toHaveLength(1);
  });

  it("the settings form: DIGEST, NONE; a bad choice is a 400 and changes nothing; not a merchant's page otherwise", async () => {
    const s = await scene();
    const client = await clientFor(server, s.merchant.id);
    expect((await client.post("/merchant/alerts", { intent: "emails", orderEmails: "SOMETIMES" })).status).toBe(400);
    expect((await db.user.findUniqueOrThrow({ where: { id: s.merchant.id } })).orderEmails).toBe("EACH");
    expect((await client.post("/merchant/alerts", { intent: "emails", orderEmails: "NONE" })).status).toBe(200);
    await s.pay();
    expect((await client.post("/merchant/alerts", { intent: "emails", orderEmails: "DIGEST" })).status).toBe(200);
    expect(await db.user.findUniqueOrThrow({ where: { id: s.merchant.id } })).toMatchObject({
      orderEmails: "DIGEST",
      orderDigestUntil: T0,
    });
    const buyer = await clientFor(server, s.buyer.id);
    expect((await buyer.get("/merchant/alerts")).status).toBe(404);
    expect((await buyer.post("/merchant/alerts", { intent: "emails", orderEmails: "NONE" })).status).toBe(404);
    await server.idle();
    expect(await mailTo(s.merchant.email)).toHaveLength(0);
  });

  it("DIGEST: no email per order; one digest an hour later lists them, once, even with runs at once", async () => {
    const s = await scene();
    const client = await clientFor(server, s.merchant.id);
    await client.post("/merchant/alerts", { intent: "emails", orderEmails: "DIGEST" });
    const first = await s.pay();
    server.clock.advance(5 * 60_000);
    const second = await s.pay();
    await eventually(async () => (await mailTo(s.otherMerchant.email)).length === 2);
    expect(await mailTo(s.merchant.email)).toHaveLength(0);

    // Not an hour yet since the choice: nothing.
    await app().sendDueDigests(new Date(T0.getTime() + 30 * 60_000));
    expect(await mailTo(s.merchant.email)).toHaveLength(0);
    const due = new Date(T0.getTime() + HOUR + 2 * 60_000);
    await Promise.all([0, 1, 2].map(() => app().sendDueDigests(due)));
    expect(await mailTo(s.merchant.email)).toHaveLength(1);
    const [digest] = await mailTo(s.merchant.email);
    expect(digest!.subject).toBe("Nouvelles commandes\u00a0: 2");
    expect(digest!.text).toContain(first.reference);
    expect(digest!.text).toContain(second.reference);
    expect(digest!.text).not.toContain("Bougie");

    // The sweeper's pass later: nothing new, nothing again; a third order goes in the next digest only.
    server.clock.set(new Date(due.getTime() + 60_000));
    await server.holdSweeper.runOnce();
    expect(await mailTo(s.merchant.email)).toHaveLength(1);
    const third = await s.pay();
    await app().sendDueDigests(new Date(due.getTime() + 30 * 60_000));
    expect(await mailTo(s.merchant.email)).toHaveLength(1);
    server.clock.set(new Date(due.getTime() + HOUR + 5 * 60_000));
    expect((await server.holdSweeper.runOnce()).digests).toBeGreaterThanOrEqual(1);
    const digests = await mailTo(s.merchant.email);
    expect(digests).toHaveLength(2);
    expect(digests[1]!.text).toContain(third.reference);
    expect(digests[1]!.text).not.toContain(first.reference);
  });
});

describe("orders to prepare", () => {
  it("the merchant's sockets hear the count go up when an order is paid and down as its lines are prepared", async () => {
    const s = await scene();
    const client = await clientFor(server, s.merchant.id);
    const socket = await connectSocket(server, client);
    const heard: OrdersToPrepare[] = [];
    socket.on("orders:toPrepare", (event) => heard.push(event));
    try {
      const order = await s.pay();
      await eventually(() => heard.at(-1)?.total === 1);
      expect(heard.at(-1)!.byStall).toEqual({ [s.stall.id]: 1 });
      const page = await (await client.get("/merchant")).text();
      expect(page).toContain("Commandes reçues\u00a0: 1 à préparer");
      const mine = order.lines.filter((l) => l.stallId === s.stall.id);
      for (const line of mine) {
        await app().setOrderLineStatus({ lineId: line.id, merchantId: s.merchant.id, status: "READY", now: T0 });
      }
      await eventually(() => heard.at(-1)?.total === 0);
      // The buyer has no stall: no count, and their own purchases stay under "Mes commandes".
      const buyerPage = await (await (await clientFor(server, s.buyer.id)).get("/")).text();
      expect(buyerPage).not.toContain("Commandes reçues");
      expect(buyerPage).toContain("Mes commandes");
    } finally {
      socket.disconnect();
    }
  });
});

describe("ready", () => {
  it("the buyer is told once per line; lines of one stall made ready together make one message", async () => {
    const s = await scene();
    const order = await s.pay();
    const ready = () => mailTo(s.buyer.email).then((rows) => rows.filter((r) => r.subject.includes("prête")));

    // A double tap and a retry of "Prête": one message.
    const candleLine = order.lines.find((l) => l.stallId === s.otherStall.id)!;
    const mark = () =>
      app().setOrderLineStatus({ lineId: candleLine.id, merchantId: s.otherMerchant.id, status: "READY", now: T0 });
    await Promise.all([mark(), mark(), mark()]);
    await mark();
    const [first] = await ready();
    expect(await ready()).toHaveLength(1);
    expect(first!.subject).toBe(`Votre commande ${order.reference} est prête à «\u00a0Bougies\u00a0»`);
    expect(first!.text).toContain("1 × Bougie");
    expect(first!.text).not.toContain("Miel");
    expect(first!.text).toContain(`/orders/${order.id}`);

    // Two lines of the other stall made READY at once (as a batch would): one message for both.
    const mine = order.lines.filter((l) => l.stallId === s.stall.id);
    await db.orderLine.updateMany({ where: { id: { in: mine.map((l) => l.id) } }, data: { status: "READY" } });
    expect(await app().tellLinesReady(order.id, s.stall.id, T0)).toBe(2);
    expect(await app().tellLinesReady(order.id, s.stall.id, T0)).toBe(0);
    const messages = await ready();
    expect(messages).toHaveLength(2);
    expect(messages[1]!.text).toContain("2 × Miel de sapin");
    expect(messages[1]!.text).toContain("1 × Nougat");
  });
});

// ---------------------------------------------------------------------------------------------
// Web Push through a push endpoint of our own

const require = createRequire(import.meta.url);
const ece = require("http_ece") as {
  decrypt(
    body: Buffer,
    params: { version: string; privateKey: ReturnType<typeof createECDH>; authSecret: string },
  ): Buffer;
};

type Received = { url: string | undefined; headers: IncomingHttpHeaders; body: Buffer };

/** A push service: records what it receives, answers `status`. */
function pushEndpoint() {
  const received: Received[] = [];
  const state = { status: 201 };
  const http: Server = createHttpServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ url: request.url, headers: request.headers, body: Buffer.concat(chunks) });
      response.writeHead(state.status).end();
    });
  });
  return { http, received, state };
}

describe("web push", () => {
  const endpoint = pushEndpoint();
  let base = "";
  beforeAll(async () => {
    await new Promise<void>((resolve) => endpoint.http.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(endpoint.http.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => endpoint.http.close(() => resolve())));

  it("a paid order reaches the merchant's subscription encrypted and VAPID-signed; a 410 removes it", async () => {
    const s = await scene();
    const client = await clientFor(server, s.merchant.id);
    const keys = createECDH("prime256v1");
    keys.generateKeys();
    const authSecret = randomBytes(16).toString("base64url");
    const subscription = {
      endpoint: `${base}/push/${s.merchant.id}`,
      keys: { p256dh: keys.getPublicKey().toString("base64url"), auth: authSecret },
    };

    // Bad input: nothing written.
    const bad = await client.post("/push", { intent: "subscribe", subscription: "{not json" });
    expect(bad.status).toBe(400);
    const noKeys = await client.post("/push", {
      intent: "subscribe",
      subscription: JSON.stringify({ endpoint: subscription.endpoint }),
    });
    expect(noKeys.status).toBe(400);
    expect(await db.pushSubscription.count({ where: { userId: s.merchant.id } })).toBe(0);

    const saved = await client.post("/push", {
      intent: "subscribe",
      subscription: JSON.stringify(subscription),
    });
    expect(saved.status).toBe(200);
    // Someone else cannot remove it.
    const stranger = await clientFor(server, s.otherMerchant.id);
    await stranger.post("/push", { intent: "unsubscribe", endpoint: subscription.endpoint });
    expect(await db.pushSubscription.count({ where: { userId: s.merchant.id } })).toBe(1);

    const order = await s.pay();
    const push = await eventually(() => endpoint.received.find((r) => r.headers["content-encoding"] === "aes128gcm"));
    expect(await db.platformSecret.count({ where: { key: "vapid" } })).toBe(1);
    const { publicKey } = JSON.parse(
      (await db.platformSecret.findUniqueOrThrow({ where: { key: "vapid" } })).value,
    ) as {
      publicKey: string;
    };
    expect(push.headers.authorization).toMatch(new RegExp(`^vapid t=[\\w-]+\\.[\\w-]+\\.[\\w-]+, k=${publicKey}$`));
    expect(Number(push.headers.ttl)).toBeGreaterThan(0);
    const message = JSON.parse(
      ece.decrypt(push.body, { version: "aes128gcm", privateKey: keys, authSecret }).toString("utf8"),
    ) as { title: string; body: string; url: string };
    expect(message.title).toContain(order.reference);
    expect(message.body).toContain("Camille Buyer");
    expect(message.url).toBe(`/merchant/stalls/${s.stall.id}/orders`);

    // The buyer allowed pushes on their order page: "Prête" reaches them, to their order.
    const buyerKeys = createECDH("prime256v1");
    buyerKeys.generateKeys();
    const buyerAuth = randomBytes(16).toString("base64url");
    const buyerClient = await clientFor(server, s.buyer.id);
    const buyerSaved = await buyerClient.post("/push", {
      intent: "subscribe",
      subscription: JSON.stringify({
        endpoint: `${base}/push/${s.buyer.id}`,
        keys: { p256dh: buyerKeys.getPublicKey().toString("base64url"), auth: buyerAuth },
      }),
    });
    expect(buyerSaved.status).toBe(200);
    const line = order.lines.find((l) => l.stallId === s.stall.id)!;
    await app().setOrderLineStatus({ lineId: line.id, merchantId: s.merchant.id, status: "READY", now: T0 });
    const toBuyer = await eventually(() => endpoint.received.find((r) => r.url === `/push/${s.buyer.id}`));
    const ready = JSON.parse(
      ece
        .decrypt(toBuyer.body, { version: "aes128gcm", privateKey: buyerKeys, authSecret: buyerAuth })
        .toString("utf8"),
    ) as { title: string; url: string };
    expect(ready.title).toBe(`Commande ${order.reference} prête`);
    expect(ready.url).toBe(`/orders/${order.id}`);

    // The browser unsubscribed: the push service answers 410 and the row goes.
    endpoint.state.status = 410;
    await s.pay();
    await eventually(async () => (await db.pushSubscription.count({ where: { userId: s.merchant.id } })) === 0);
    endpoint.state.status = 201;
  });

  it("serves the service worker at the root, allowed to control every page", async () => {
    const response = await fetch(`${server.url}/sw.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/javascript/);
    expect(response.headers.get("service-worker-allowed")).toBe("/");
    expect(await response.text()).toContain("showNotification");
  });
});
