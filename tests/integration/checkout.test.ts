// Checkout over HTTP: the real server, PostgreSQL and the Stripe sandbox through the real SDK. "Payer"
// reserves one market's lines and redirects to a real Checkout Session built from the order's
// copy; refusals (short stock, closed market, bad input, Stripe failing) reserve nothing; a
// cancel gives the stock and the basket back; order pages are their buyer's only.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimBasketLines } from "~/models/basket.server";
import { closeNow } from "~/models/market-schedule.server";
import { HOLD_MS } from "~/models/order-status";
import { db } from "~/utils/db.server";
import { getStripe } from "~/utils/stripe.server";
import { createMarketScene, createProduct, createStall, createUser } from "../fixtures/factories";
import { clientFor, startTestServer, type TestClient, type TestServer } from "../setup/server";

const NOW = new Date("2026-12-12T15:00:00Z");

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ now: NOW });
});
afterAll(() => server.close());

async function scene() {
  const s = await createMarketScene(NOW);
  const otherStall = await createStall(s.market.id, s.merchant.id, { name: "Chocolaterie" });
  const honey = await createProduct(s.stall.id, { stock: 5, priceCents: 1200, name: "Miel de sapin" });
  const chocolate = await createProduct(otherStall.id, { stock: 4, priceCents: 850, name: "Orangettes" });
  const buyer = await createUser({ name: "Lucas" });
  const client = await clientFor(server, buyer.id);
  return { ...s, otherStall, honey, chocolate, buyer, client };
}

async function fill(client: TestClient, lines: [string, number][]) {
  for (const [productId, quantity] of lines) {
    const response = await client.post("/basket", { intent: "add", productId, quantity: String(quantity) });
    expect(response.status).toBe(200);
  }
}

const pay = (client: TestClient, marketId: string) => client.post("/basket", { intent: "checkout", marketId });

const stockOf = async (id: string) => (await db.product.findUniqueOrThrow({ where: { id } })).stock;

async function basketOf(userId: string) {
  const items = await db.basketItem.findMany({
    where: { basket: { userId } },
    select: { productId: true, quantity: true },
  });
  return Object.fromEntries(items.map((i) => [i.productId, i.quantity]));
}

const sessionCount = () => db.stripeSandboxObject.count({ where: { type: "checkout.session" } });

describe("Payer", () => {
  it("reserves the market's lines and redirects to a real Checkout Session built from the order", async () => {
    const s = await scene();
    // Something from another market stays in the basket: one payment per market.
    const elsewhere = await createMarketScene(NOW);
    await fill(s.client, [
      [s.honey.id, 2],
      [s.chocolate.id, 3],
      [elsewhere.product.id, 1],
    ]);

    const response = await pay(s.client, s.market.id);
    expect(response.status).toBe(303);
    const location = response.headers.get("Location")!;
    expect(location).toMatch(new RegExp(`^${server.url}/sandbox/checkout/cs_test_`));
    // A full page load, not a client-side navigation to a path Remix does not know.
    expect(response.headers.get("X-Remix-Reload-Document")).toBe("true");

    const order = await db.order.findFirstOrThrow({ where: { buyerId: s.buyer.id }, include: { lines: true } });
    expect(order.status).toBe("RESERVED");
    expect(order.marketId).toBe(s.market.id);
    expect(order.totalCents).toBe(2 * 1200 + 3 * 850);
    expect(await stockOf(s.honey.id)).toBe(3);
    expect(await stockOf(s.chocolate.id)).toBe(1);
    expect(await stockOf(elsewhere.product.id)).toBe(10);

    const session = await getStripe().checkout.sessions.retrieve(order.checkoutSessionId!, { expand: ["line_items"] });
    expect(session.url).toBe(location);
    expect(session.mode).toBe("payment");
    expect(session.currency).toBe("eur");
    expect(session.metadata).toEqual({ order_id: order.id });
    expect(session.client_reference_id).toBe(order.id);
    expect(session.customer_email).toBe(s.buyer.email);
    expect(session.amount_total).toBe(order.totalCents);
    expect(session.expires_at * 1000).toBe(order.holdExpiresAt.getTime());
    expect(order.holdExpiresAt.getTime()).toBeGreaterThanOrEqual(NOW.getTime() + HOLD_MS);
    expect(session.success_url).toBe(`${server.url}/orders/${order.id}?paid=1`);
    expect(session.cancel_url).toBe(`${server.url}/orders/${order.id}/cancel`);
    const items = session.line_items!.data.map((i) => [i.description, i.quantity, i.price?.unit_amount]);
    expect(items.sort()).toEqual([
      ["Miel de sapin", 2, 1200],
      ["Orangettes", 3, 850],
    ]);

    // Paid-for lines left the basket; the other market's did not.
    expect(await basketOf(s.buyer.id)).toEqual({ [elsewhere.product.id]: 1 });

    // The order page is the buyer's: payment under way, then confirming after Stripe's success page.
    const page = await s.client.get(`/orders/${order.id}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Paiement en cours");
    expect(html).toContain(s.stall.name);
    expect(html).toContain("Chocolaterie");
    expect(html).toContain(location); // "Reprendre le paiement"
    expect(await (await s.client.get(`/orders/${order.id}?paid=1`)).text()).toContain("Confirmation du paiement…");
    expect(await (await s.client.get("/orders")).text()).toContain("Paiement en cours");
  });

  it("sends a logged-out visitor to log in and back to the basket", async () => {
    const s = await scene();
    const visitor = await clientFor(server, null);
    await fill(visitor, [[s.honey.id, 1]]);
    const response = await pay(visitor, s.market.id);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Fbasket");
    expect(await db.order.count({ where: { lines: { some: { productId: s.honey.id } } } })).toBe(0);
  });

  it("names the items that ran short with what is left, reserves nothing, and adjusts the basket", async () => {
    const s = await scene();
    await fill(s.client, [
      [s.honey.id, 4],
      [s.chocolate.id, 2],
    ]);
    // Others bought meanwhile.
    await db.product.update({ where: { id: s.honey.id }, data: { stock: 1 } });
    await db.product.update({ where: { id: s.chocolate.id }, data: { stock: 0 } });
    const sessionsBefore = await sessionCount();

    const response = await pay(s.client, s.market.id);
    expect(response.status).toBe(409);
    const html = await response.text();
    expect(html).toContain("Rien n’a été réservé");
    expect(html).toContain("Miel de sapin\u00a0: vous en demandiez 4, il en reste 1.");
    expect(html).toContain("Orangettes\u00a0: vous en demandiez 2, il n’en reste plus");
    expect(await db.order.count({ where: { buyerId: s.buyer.id } })).toBe(0);
    expect(await stockOf(s.honey.id)).toBe(1);
    expect(await stockOf(s.chocolate.id)).toBe(0);
    expect(await sessionCount()).toBe(sessionsBefore);
    expect(await basketOf(s.buyer.id)).toEqual({ [s.honey.id]: 1 });

    // Adjusted, it goes through.
    expect((await pay(s.client, s.market.id)).status).toBe(303);
    expect(await stockOf(s.honey.id)).toBe(0);
  });

  it("is refused while the market is closed, with the reason, writing nothing", async () => {
    const s = await scene();
    await fill(s.client, [[s.honey.id, 2]]);
    await closeNow(s.market.id, s.organiser.id, NOW, "Alerte météo");
    const sessionsBefore = await sessionCount();
    const response = await pay(s.client, s.market.id);
    expect(response.status).toBe(409);
    const html = await response.text();
    expect(html).toContain("le marché est fermé");
    expect(html).toContain("Alerte météo");
    expect(await db.order.count({ where: { buyerId: s.buyer.id } })).toBe(0);
    expect(await stockOf(s.honey.id)).toBe(5);
    expect(await sessionCount()).toBe(sessionsBefore);
    expect(await basketOf(s.buyer.id)).toEqual({ [s.honey.id]: 2 });
    // The basket page says why "Payer" is off.
    expect(await (await s.client.get("/basket")).text()).toContain("Alerte météo");
  });

  it("answers a market it does not know or has nothing of with a 4xx, never a 500", async () => {
    const s = await scene();
    const other = await createMarketScene(NOW);
    await fill(s.client, [[s.honey.id, 1]]);
    const cases: [Record<string, string>, number][] = [
      [{ intent: "checkout", marketId: other.market.id }, 404],
      [{ intent: "checkout", marketId: "no-such-market" }, 404],
      [{ intent: "checkout" }, 400],
      [{ intent: "checkout", marketId: "a".repeat(200) }, 400],
    ];
    for (const [fields, status] of cases) {
      const response = await s.client.post("/basket", fields);
      expect(response.status, JSON.stringify(fields)).toBe(status);
      expect(await response.text()).toContain("Votre panier ne contient rien de ce marché.");
    }
    expect(await db.order.count({ where: { buyerId: s.buyer.id } })).toBe(0);
    expect(await stockOf(s.honey.id)).toBe(5);
  });

  it("answers 503 'try again' when a product's row is held past the lock timeout, and gives the basket back", async () => {
    const s = await scene();
    await fill(s.client, [
      [s.honey.id, 2],
      [s.chocolate.id, 1],
    ]);
    // Another transaction (a stuck batch of another instance, a merchant's edit) holds the honey's row.
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      await other.query("BEGIN");
      await other.query(`UPDATE "Product" SET "stock" = "stock" WHERE "id" = $1`, [s.honey.id]);
      const response = await pay(s.client, s.market.id);
      expect(response.status).toBe(503);
      expect(response.headers.get("Retry-After")).toBe("5");
      expect(await response.text()).toContain("Le marché est momentanément indisponible, réessayez dans un instant.");
    } finally {
      await other.query("ROLLBACK");
      await other.end();
    }
    expect(await db.order.count({ where: { buyerId: s.buyer.id } })).toBe(0);
    expect([await stockOf(s.honey.id), await stockOf(s.chocolate.id)]).toEqual([5, 4]);
    expect(await basketOf(s.buyer.id)).toEqual({ [s.honey.id]: 2, [s.chocolate.id]: 1 });
    // Once the row is free, the same "Payer" goes through.
    expect((await pay(s.client, s.market.id)).status).toBe(303);
    expect(await stockOf(s.honey.id)).toBe(3);
  });

  it("reserves once when 'Payer' arrives twice at once (a double tap): both answers lead to the one order", async () => {
    const s = await scene();
    await fill(s.client, [
      [s.honey.id, 2],
      [s.chocolate.id, 1],
    ]);
    const answers = await Promise.all([pay(s.client, s.market.id), pay(s.client, s.market.id)]);

    const orders = await db.order.findMany({ where: { buyerId: s.buyer.id } });
    expect(orders.map((o) => o.status)).toEqual(["RESERVED"]);
    const order = orders[0]!;
    expect(await stockOf(s.honey.id)).toBe(3);
    expect(await stockOf(s.chocolate.id)).toBe(3);
    const session = await getStripe().checkout.sessions.retrieve(order.checkoutSessionId!);
    for (const answer of answers) {
      expect(answer.status).toBe(303);
      // The payment page, or the order page that offers to resume it: never "your basket is empty".
      expect([session.url, `/orders/${order.id}`]).toContain(answer.headers.get("Location"));
    }
  });

  it("hands a market's basket lines to one claim only, even two at once (two instances, no shared lock)", async () => {
    const s = await scene();
    const elsewhere = await createMarketScene(NOW);
    await fill(s.client, [
      [s.honey.id, 2],
      [elsewhere.product.id, 1],
      [s.chocolate.id, 1],
    ]);
    const claims = await Promise.all([
      claimBasketLines(s.buyer.id, s.market.id),
      claimBasketLines(s.buyer.id, s.market.id),
    ]);
    const sizes = claims.map((c) => c.length).sort();
    expect(sizes).toEqual([0, 2]);
    expect(claims.flat().map((l) => [l.productId, l.quantity])).toEqual([
      [s.honey.id, 2],
      [s.chocolate.id, 1],
    ]);
    expect(await basketOf(s.buyer.id)).toEqual({ [elsewhere.product.id]: 1 });
  });

  it("gives the lines back to the basket, as they were, when the reservation is refused", async () => {
    const s = await scene();
    await fill(s.client, [
      [s.honey.id, 2],
      [s.chocolate.id, 3],
    ]);
    await closeNow(s.market.id, s.organiser.id, NOW, "Vent fort");
    expect((await pay(s.client, s.market.id)).status).toBe(409);
    const items = await db.basketItem.findMany({
      where: { basket: { userId: s.buyer.id } },
      orderBy: { addedAt: "asc" },
      select: { productId: true, quantity: true, addedAt: true },
    });
    expect(items.map((i) => [i.productId, i.quantity])).toEqual([
      [s.honey.id, 2],
      [s.chocolate.id, 3],
    ]);
    expect(items.every((i) => i.addedAt.getTime() === NOW.getTime())).toBe(true);
  });

  it("names the items no longer on sale, reserves nothing and keeps them in the basket to remove", async () => {
    const s = await scene();
    await fill(s.client, [
      [s.honey.id, 1],
      [s.chocolate.id, 2],
    ]);
    await db.product.update({ where: { id: s.chocolate.id }, data: { active: false } });
    const response = await pay(s.client, s.market.id);
    expect(response.status).toBe(409);
    const html = await response.text();
    expect(html).toContain("ces articles ne sont plus en vente");
    expect(html).toContain("<li>Orangettes</li>");
    expect(await db.order.count({ where: { buyerId: s.buyer.id } })).toBe(0);
    expect(await stockOf(s.honey.id)).toBe(5);
    expect(await basketOf(s.buyer.id)).toEqual({ [s.honey.id]: 1, [s.chocolate.id]: 2 });
  });

  it("releases the order and says so when Stripe refuses the session", async () => {
    const s = await scene();
    // Stripe refuses a total under 0.50 €.
    const sweet = await createProduct(s.stall.id, { stock: 10, priceCents: 20, name: "Bonbon" });
    await fill(s.client, [[sweet.id, 1]]);
    const response = await pay(s.client, s.market.id);
    expect(response.status).toBe(503);
    expect(await response.text()).toContain("Rien n’a été réservé ni débité");
    const order = await db.order.findFirstOrThrow({ where: { buyerId: s.buyer.id } });
    expect(order).toMatchObject({ status: "RELEASED", releaseReason: "CANCELLED", checkoutSessionId: null });
    expect(await stockOf(sweet.id)).toBe(10);
    expect(await basketOf(s.buyer.id)).toEqual({ [sweet.id]: 1 });
  });
});

describe("cancel", () => {
  it("gives the stock back, expires the session and puts the lines back into the basket", async () => {
    const s = await scene();
    await fill(s.client, [
      [s.honey.id, 2],
      [s.chocolate.id, 1],
    ]);
    expect((await pay(s.client, s.market.id)).status).toBe(303);
    // Added again while paying: the cancelled lines add to it.
    await fill(s.client, [[s.honey.id, 1]]);
    const order = await db.order.findFirstOrThrow({ where: { buyerId: s.buyer.id } });

    // Stripe's cancel_url changes nothing by itself.
    const page = await s.client.get(`/orders/${order.id}/cancel`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Vous avez quitté le paiement");
    expect(await stockOf(s.honey.id)).toBe(3);

    const cancel = await s.client.post(`/orders/${order.id}/cancel`, {});
    expect(cancel.status).toBe(303);
    expect(cancel.headers.get("Location")).toBe("/basket?cancelled=1");
    expect(await db.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      status: "RELEASED",
      releaseReason: "CANCELLED",
    });
    expect(await stockOf(s.honey.id)).toBe(5);
    expect(await stockOf(s.chocolate.id)).toBe(4);
    expect(await basketOf(s.buyer.id)).toEqual({ [s.honey.id]: 3, [s.chocolate.id]: 1 });
    const session = await getStripe().checkout.sessions.retrieve(order.checkoutSessionId!);
    expect(session.status).toBe("expired");
    expect(await (await s.client.get("/basket?cancelled=1")).text()).toContain("Commande annulée");

    // Twice changes nothing more.
    const again = await s.client.post(`/orders/${order.id}/cancel`, {});
    expect(again.headers.get("Location")).toBe(`/orders/${order.id}`);
    expect(await stockOf(s.honey.id)).toBe(5);
    expect(await basketOf(s.buyer.id)).toEqual({ [s.honey.id]: 3, [s.chocolate.id]: 1 });
    expect(await (await s.client.get(`/orders/${order.id}`)).text()).toContain("Vous avez annulé cette commande");
  });
});

describe("order pages", () => {
  it("are the buyer's only: anyone else gets a 404, a visitor is sent to log in", async () => {
    const s = await scene();
    await fill(s.client, [[s.honey.id, 1]]);
    expect((await pay(s.client, s.market.id)).status).toBe(303);
    const order = await db.order.findFirstOrThrow({ where: { buyerId: s.buyer.id } });

    const stranger = await clientFor(server, (await createUser()).id);
    expect((await stranger.get(`/orders/${order.id}`)).status).toBe(404);
    expect((await stranger.get(`/orders/${order.id}/cancel`)).status).toBe(404);
    expect((await stranger.post(`/orders/${order.id}/cancel`, {})).status).toBe(404);
    expect((await stranger.get("/orders/not-an-order")).status).toBe(404);
    expect(await (await stranger.get("/orders")).text()).toContain("Vous n’avez pas encore passé de commande.");
    expect(await stockOf(s.honey.id)).toBe(4);

    const visitor = await clientFor(server, null);
    const anonymous = await visitor.get(`/orders/${order.id}`);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(`/orders/${order.id}`)}`);
  });

  it("shows a paid order with its pickup details per stall", async () => {
    const s = await scene();
    await db.stall.update({ where: { id: s.stall.id }, data: { pickupDetails: "Retrait au chalet n° 7" } });
    await fill(s.client, [
      [s.honey.id, 1],
      [s.chocolate.id, 1],
    ]);
    expect((await pay(s.client, s.market.id)).status).toBe(303);
    const order = await db.order.findFirstOrThrow({ where: { buyerId: s.buyer.id } });
    await db.order.update({ where: { id: order.id }, data: { status: "PAID", paidAt: NOW } });
    const html = await (await s.client.get(`/orders/${order.id}?paid=1`)).text();
    expect(html).toContain("Payée");
    expect(html).not.toContain("Confirmation du paiement…");
    expect(html).toContain("Retrait au chalet n° 7");
    expect(html).toContain("Le chalet vous contactera pour le retrait.");
  });
});
