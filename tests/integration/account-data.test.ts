// Residents' rights against the real server: "Mes données" (the JSON download) and "Supprimer
// mon compte" (a tombstone kept for the orders, everything else of the person gone), with the
// refusals that keep a market or a town working.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listStallOrders } from "~/models/merchant-orders.server";
import { listMarketOrderLines } from "~/models/market-revenue.server";
import { db } from "~/utils/db.server";
import {
  createMarket,
  createMarketScene,
  createOrganiser,
  createProduct,
  createSession,
  createStall,
  createTown,
  createUser,
  TEST_PASSWORD,
} from "../fixtures/factories";
import { createOrder } from "../fixtures/orders";
import { clientFor, TestClient, startTestServer, type TestServer } from "../setup/server";

const NOW = new Date("2026-12-10T10:00:00Z");
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ now: NOW });
});
afterAll(() => server.close());

/** A resident who bought twice at a stall, wrote in its chat, has a basket, a reset link and a pending sign-up. */
async function residentScene() {
  const scene = await createMarketScene(NOW);
  const resident = await createUser({ name: "Rosalie Vasseur" });
  const order = await createOrder({
    marketId: scene.market.id,
    buyerId: resident.id,
    lines: [{ product: scene.product, quantity: 2 }],
    paidAt: new Date(NOW.getTime() - 30 * 60_000),
  });
  const question = await db.chatMessage.create({
    data: { stallId: scene.stall.id, authorId: resident.id, body: "Avez-vous du miel de lavande ?", createdAt: NOW },
  });
  const reply = await db.chatMessage.create({
    data: { stallId: scene.stall.id, authorId: scene.merchant.id, body: "Oui, trois pots !", createdAt: NOW },
  });
  const basket = await db.basket.create({ data: { userId: resident.id } });
  const other = await createProduct(scene.stall.id, { name: "Pain d’épices" });
  await db.basketItem.create({ data: { basketId: basket.id, productId: other.id, quantity: 1 } });
  await db.passwordReset.create({
    data: { userId: resident.id, tokenHash: `reset-${resident.id}`, expiresAt: new Date(NOW.getTime() + 3600_000) },
  });
  await db.signupRequest.create({
    data: {
      tokenHash: `signup-${resident.id}`,
      email: resident.email,
      name: "Rosalie",
      passwordHash: "$argon2id$pending",
      expiresAt: new Date(NOW.getTime() + 3600_000),
    },
  });
  // Someone else at the same stall: none of it may reach Rosalie's file.
  const stranger = await createUser({ name: "Gaspard Stranger" });
  await createOrder({ marketId: scene.market.id, buyerId: stranger.id, lines: [{ product: other, quantity: 7 }] });
  await db.chatMessage.create({ data: { stallId: scene.stall.id, authorId: stranger.id, body: "Secret de Gaspard" } });
  return { ...scene, resident, order, question, reply, stranger };
}

/** What deletion must leave alone when it refuses: the row, its log-ins, its messages. */
async function snapshot(userId: string) {
  return {
    user: await db.user.findUniqueOrThrow({
      where: { id: userId },
      select: { name: true, email: true, passwordHash: true, deletedAt: true },
    }),
    sessions: await db.loginSession.count({ where: { userId } }),
    messages: await db.chatMessage.findMany({ where: { authorId: userId }, select: { body: true, deletedAt: true } }),
    memberships: await db.membership.count({ where: { userId } }),
    basket: await db.basket.count({ where: { userId } }),
  };
}

function deleteForm(password: string, confirm = true) {
  return { intent: "delete-account", password, ...(confirm ? { confirm: "on" } : {}) };
}

async function loginStatus(email: string, password: string, ip: string) {
  const response = await new TestClient(server.url).request("/login", {
    method: "POST",
    body: new URLSearchParams({ email, password }),
    headers: { "X-Forwarded-For": ip, Origin: server.url },
  });
  return response.status;
}

describe("Mes données", () => {
  it("sends a visitor without a session to log in", async () => {
    const response = await new TestClient(server.url).get("/account/data.json");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`/login?redirectTo=${encodeURIComponent("/account/data.json")}`);
  });

  it("downloads the user's own orders, messages, basket and log-ins, and no secret or other person", async () => {
    const { resident, order, stall, product, stranger, market } = await residentScene();
    const client = await clientFor(server, resident.id);
    const response = await client.get("/account/data.json");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("content-disposition")).toBe(
      'attachment; filename="chalet-mes-donnees-2026-12-10.json"',
    );
    expect(response.headers.get("cache-control")).toBe("no-store");
    const text = await response.text();
    const file = JSON.parse(text);

    expect(file.schemaVersion).toBe(1);
    expect(file.exportedAt).toBe(NOW.toISOString());
    expect(file.account).toEqual({
      name: "Rosalie Vasseur",
      email: resident.email,
      locale: "fr",
      createdAt: resident.createdAt.toISOString(),
    });
    expect(file.orders).toHaveLength(1);
    expect(file.orders[0]).toMatchObject({
      id: order.id,
      market: market.name,
      status: "PAID",
      totalCents: 2 * product.priceCents,
      refundedCents: 0,
      lines: [
        {
          stall: stall.name,
          product: product.name,
          unitPriceCents: product.priceCents,
          quantity: 2,
          status: "RESERVED",
        },
      ],
    });
    expect(file.chatMessages).toEqual([
      {
        market: market.name,
        stall: stall.name,
        text: "Avez-vous du miel de lavande ?",
        at: NOW.toISOString(),
        deletedByModeration: false,
      },
    ]);
    expect(file.basket).toEqual([expect.objectContaining({ product: "Pain d’épices", quantity: 1 })]);
    expect(file.loginSessions).toHaveLength(1);
    expect(Object.keys(file.loginSessions[0]).sort()).toEqual(["device", "expiresAt", "since"]);

    // No password hash, no session id (the hash of the cookie's token), no reset or sign-up token hash.
    const secrets = await db.loginSession.findMany({ where: { userId: resident.id }, select: { id: true } });
    expect(text).not.toMatch(/argon2|passwordHash|tokenHash/);
    for (const { id } of secrets) expect(text).not.toContain(id);
    expect(text).not.toContain(`reset-${resident.id}`);
    // Nothing of the other buyer.
    expect(text).not.toContain(stranger.name);
    expect(text).not.toContain(stranger.email);
    expect(text).not.toContain("Secret de Gaspard");
    expect(text).not.toContain('"quantity": 7');
  });
});

describe("Supprimer mon compte", () => {
  it("refuses a wrong password or an unticked box with 400 and changes nothing", async () => {
    const { resident } = await residentScene();
    const client = await clientFor(server, resident.id);
    const before = await snapshot(resident.id);

    const wrong = await client.post("/account", deleteForm("not-my-password"));
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("Mot de passe incorrect. Votre compte n’a pas été supprimé.");
    const unticked = await client.post("/account", deleteForm(TEST_PASSWORD, false));
    expect(unticked.status).toBe(400);
    expect(await unticked.text()).toContain("Cochez la case pour confirmer.");

    expect(await snapshot(resident.id)).toEqual(before);
    expect((await client.get("/account")).status).toBe(200);
  });

  it("logs out everywhere, keeps the orders under a neutral name, erases the rest and frees the address", async () => {
    const { resident, order, stall, market, merchant, organiser, question, reply } = await residentScene();
    const client = await clientFor(server, resident.id);
    const phone = await clientFor(server, resident.id);
    expect(await db.loginSession.count({ where: { userId: resident.id } })).toBe(2);

    const response = await client.post("/account", deleteForm(TEST_PASSWORD));
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/account/deleted");
    const done = await client.get("/account/deleted");
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("Votre compte est supprimé");

    // The tombstone: no name, no address, no password that matches; the locale stays.
    const tombstone = await db.user.findUniqueOrThrow({ where: { id: resident.id } });
    expect(tombstone).toMatchObject({
      deletedAt: NOW,
      name: "Compte supprimé",
      email: `deleted-${resident.id}@invalid`,
      locale: "fr",
    });
    expect(tombstone.passwordHash).not.toBe(resident.passwordHash);
    // Logged out on both devices; basket, reset links, sign-up requests gone.
    expect(await db.loginSession.count({ where: { userId: resident.id } })).toBe(0);
    for (const c of [client, phone]) {
      const page = await c.get("/account");
      expect(page.status).toBe(302);
      expect(page.headers.get("location")).toMatch(/^\/login/);
    }
    expect(await db.basket.count({ where: { userId: resident.id } })).toBe(0);
    expect(await db.passwordReset.count({ where: { userId: resident.id } })).toBe(0);
    expect(await db.signupRequest.count({ where: { email: resident.email } })).toBe(0);
    // Their words are gone from the room and the database; the merchant's reply stays.
    const messages = await db.chatMessage.findMany({
      where: { id: { in: [question.id, reply.id] } },
      orderBy: { id: "asc" },
    });
    expect(messages[0]).toMatchObject({ body: "", deletedAt: NOW });
    expect(messages[1]).toMatchObject({ body: "Oui, trois pots !", deletedAt: null });

    // The order stays, for the merchant's and the town's accounts, under the neutral name.
    const kept = await db.order.findUniqueOrThrow({ where: { id: order.id } });
    expect(kept).toMatchObject({ buyerId: resident.id, status: "PAID", totalCents: order.totalCents });
    const stallOrders = await listStallOrders(stall.id);
    expect(JSON.stringify(stallOrders)).toContain(order.id);
    expect(JSON.stringify(stallOrders)).not.toContain("Rosalie");
    const merchantPage = await (await clientFor(server, merchant.id)).get(`/merchant/stalls/${stall.id}/orders`);
    expect(merchantPage.status).toBe(200);
    const merchantHtml = await merchantPage.text();
    expect(merchantHtml).toContain("Compte supprimé");
    expect(merchantHtml).not.toContain("Rosalie");
    const csv = await (await clientFor(server, organiser.id)).get(`/organiser/markets/${market.id}/orders.csv`);
    expect(csv.status).toBe(200);
    expect(await csv.text()).toContain(order.reference);
    expect((await listMarketOrderLines(market.id))!.lines.some((l) => l.reference === order.reference)).toBe(true);

    // The old address and password open nothing; the address can sign up again as a new account.
    expect(await loginStatus(resident.email, TEST_PASSWORD, "198.51.100.10")).toBe(400);
    expect(await loginStatus(tombstone.email, TEST_PASSWORD, "198.51.100.11")).toBe(400);
    const visitor = new TestClient(server.url);
    const signup = await visitor.post("/signup", {
      name: "Rosalie again",
      email: resident.email,
      password: "un-nouveau-depart-2026",
    });
    expect(signup.status).toBe(200);
    const mail = await db.outboxEmail.findFirstOrThrow({
      where: { to: resident.email },
      orderBy: { createdAt: "desc" },
    });
    expect(mail.subject).toBe("Activez votre compte Chalet");
    const link = /https?:\/\/\S+(\/confirm-signup\/[A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
    expect((await visitor.post(link, {})).status).toBe(302);
    const fresh = await db.user.findFirstOrThrow({ where: { email: resident.email } });
    expect(fresh.id).not.toBe(resident.id);
    expect(fresh.deletedAt).toBeNull();
    expect(await db.order.count({ where: { buyerId: fresh.id } })).toBe(0);
    expect(await loginStatus(resident.email, "un-nouveau-depart-2026", "198.51.100.12")).toBe(302);
  });

  it("refuses a merchant whose market is not over (409), then lets them go once it is", async () => {
    const town = await createTown();
    const market = await createMarket(town.id);
    // Open now: a stall there still sells.
    const session = await createSession(
      market.id,
      new Date(NOW.getTime() - 3600_000),
      new Date(NOW.getTime() + 3600_000),
    );
    const merchant = await createUser({ name: "Marchande Active" });
    const stall = await createStall(market.id, merchant.id);
    const client = await clientFor(server, merchant.id);
    const before = await snapshot(merchant.id);

    const refused = await client.post("/account", deleteForm(TEST_PASSWORD));
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("Vous tenez un stand dans un marché qui n’est pas terminé.");
    expect(await snapshot(merchant.id)).toEqual(before);

    // The market ended yesterday: the stall stays (its sales records), owned by the tombstone.
    await db.marketSession.update({
      where: { id: session.id },
      data: { startsAt: new Date(NOW.getTime() - 26 * 3600_000), endsAt: new Date(NOW.getTime() - 24 * 3600_000) },
    });
    const accepted = await client.post("/account", deleteForm(TEST_PASSWORD));
    expect(accepted.status).toBe(302);
    expect(await db.stall.findUniqueOrThrow({ where: { id: stall.id } })).toMatchObject({ ownerId: merchant.id });
    expect((await db.user.findUniqueOrThrow({ where: { id: merchant.id } })).deletedAt).toEqual(NOW);
  });

  it("refuses while an order is reserved or awaiting its payment (409), nothing changed", async () => {
    for (const status of ["RESERVED", "AWAITING_PAYMENT"] as const) {
      const { resident, market, product } = await residentScene();
      const pending = await createOrder({
        marketId: market.id,
        buyerId: resident.id,
        lines: [{ product, quantity: 1 }],
      });
      await db.order.update({ where: { id: pending.id }, data: { status } });
      const client = await clientFor(server, resident.id);
      const before = await snapshot(resident.id);
      const refused = await client.post("/account", deleteForm(TEST_PASSWORD));
      expect(refused.status, status).toBe(409);
      expect(await refused.text()).toContain("Une de vos commandes attend son paiement.");
      expect(await snapshot(resident.id)).toEqual(before);
    }
  });

  it("refuses the last organiser of a town (409), not one of two", async () => {
    const town = await createTown();
    const first = await createOrganiser(town.id);
    const client = await clientFor(server, first.id);
    const before = await snapshot(first.id);
    const refused = await client.post("/account", deleteForm(TEST_PASSWORD));
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("Vous êtes le dernier organisateur d’une ville.");
    expect(await snapshot(first.id)).toEqual(before);

    const second = await createOrganiser(town.id);
    expect((await client.post("/account", deleteForm(TEST_PASSWORD))).status).toBe(302);
    expect(await db.membership.findMany({ where: { townId: town.id }, select: { userId: true } })).toEqual([
      { userId: second.id },
    ]);
    // Now the last one: refused in turn.
    expect((await (await clientFor(server, second.id)).post("/account", deleteForm(TEST_PASSWORD))).status).toBe(409);
  });

  it("refuses the platform's only administrator (409)", async () => {
    // Whatever other tests made: this one is the only live administrator.
    await db.user.updateMany({ where: { isAdmin: true }, data: { isAdmin: false } });
    const admin = await createUser({ name: "Administratrice" });
    await db.user.update({ where: { id: admin.id }, data: { isAdmin: true } });
    const client = await clientFor(server, admin.id);
    const before = await snapshot(admin.id);
    const refused = await client.post("/account", deleteForm(TEST_PASSWORD));
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("Vous êtes le seul administrateur de la plateforme.");
    expect(await snapshot(admin.id)).toEqual(before);

    const other = await createUser({ name: "Autre administrateur" });
    await db.user.update({ where: { id: other.id }, data: { isAdmin: true } });
    expect((await client.post("/account", deleteForm(TEST_PASSWORD))).status).toBe(302);
  });
});
