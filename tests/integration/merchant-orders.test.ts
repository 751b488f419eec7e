// Orders as merchants and organisers handle them, against the real server: the merchant's room
// (merchant:join and the order events it hears), the stall's orders page and its line actions,
// the organisers' revenue per stall and the CSV export.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeRevenue, csvAmount, csvCell, getMarketRevenue } from "~/models/market-revenue.server";
import { getMerchantOrder, toMerchantOrderDto } from "~/models/merchant-orders.server";
import { rooms, type MerchantOrderDto, type OrderUpdated } from "~/realtime/events";
import { db } from "~/utils/db.server";
import {
  createMarket,
  createMarketScene,
  createOrganiser,
  createProduct,
  createStall,
  createTown,
  createUser,
} from "../fixtures/factories";
import { createOrder } from "../fixtures/orders";
import { attachFakeSession, deliver, reserve, sessionObject, stripeEvent } from "../fixtures/payments";
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

async function socketFor(userId: string | null) {
  const socket = await connectSocket(server, userId ? await clientFor(server, userId) : undefined);
  sockets.push(socket);
  return socket;
}

/** The page's text without tags, spaces collapsed: what a reader sees. */
const text = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/[\u00a0\u202f]/g, " ")
    .replace(/\s+/g, " ");

describe("the merchant's room", () => {
  it("refuses merchant:join to an anonymous socket (UNAUTHENTICATED) and to another account (FORBIDDEN)", async () => {
    const { stall } = await createMarketScene(NOW);
    const stranger = await createUser({ name: "Autre marchand" });
    const anonymous = await socketFor(null);
    expect(await anonymous.emitWithAck("merchant:join", { stallId: stall.id })).toEqual({
      ok: false,
      error: { code: "UNAUTHENTICATED", message: expect.any(String) },
    });
    const other = await socketFor(stranger.id);
    expect(await other.emitWithAck("merchant:join", { stallId: stall.id })).toEqual({
      ok: false,
      error: { code: "FORBIDDEN", message: expect.any(String) },
    });
    expect(await other.emitWithAck("merchant:join", { stallId: "no-such-stall" })).toMatchObject({
      ok: false,
      error: { code: "NOT_FOUND" },
    });
  });

  it("lets the owner join and hear order:created with only their stall's lines; a refused socket hears nothing", async () => {
    const { market, merchant, stall, product } = await createMarketScene(NOW);
    const otherStall = await createStall(market.id, (await createUser()).id);
    const otherProduct = await createProduct(otherStall.id, { name: "Vin chaud" });
    const buyer = await createUser({ name: "Camille Buyer" });
    const order = await createOrder({
      marketId: market.id,
      buyerId: buyer.id,
      paidAt: NOW,
      lines: [
        { product, quantity: 2 },
        { product: otherProduct, quantity: 1 },
      ],
    });

    const owner = await socketFor(merchant.id);
    expect(await owner.emitWithAck("merchant:join", { stallId: stall.id })).toEqual({
      ok: true,
      data: { stallId: stall.id },
    });
    const strangerUser = await createUser();
    const stranger = await socketFor(strangerUser.id);
    await stranger.emitWithAck("merchant:join", { stallId: stall.id });
    const strangerHeard: MerchantOrderDto[] = [];
    stranger.on("order:created", (o) => strangerHeard.push(o));

    const dto = await getMerchantOrder(stall.id, order.id);
    expect(dto).toEqual({
      orderId: order.id,
      reference: order.reference,
      stallId: stall.id,
      marketId: market.id,
      status: "PAID",
      paidAt: NOW.toISOString(),
      buyer: { name: "Camille Buyer" },
      pickup: null,
      lines: [
        {
          id: order.lines.find((l) => l.stallId === stall.id)!.id,
          productId: product.id,
          name: product.name,
          quantity: 2,
          unitPriceCents: product.priceCents,
          status: "RESERVED",
        },
      ],
      totalCents: 2 * product.priceCents,
      version: 0,
    });
    const heard = new Promise<MerchantOrderDto>((resolve) => owner.once("order:created", resolve));
    server.services.broadcast([rooms.merchant(stall.id)], "order:created", dto!);
    expect(await heard).toEqual(dto);

    // The stranger's refused join left it outside: a later broadcast to its own user room arrives
    // (packets to one socket keep their order), and nothing came before it.
    const ping = new Promise<void>((resolve) => stranger.once("chat:read", () => resolve()));
    server.services.broadcast([rooms.user(strangerUser.id)], "chat:read", { stallId: stall.id, lastReadId: 0 });
    await ping;
    expect(strangerHeard).toEqual([]);
  });
});

describe("a payment reaching the merchant's room", () => {
  it("a signed checkout.session.completed makes the owner's socket hear order:created, the same as the page lists", async () => {
    const { market, merchant, stall } = await createMarketScene(NOW);
    const product = await createProduct(stall.id, { name: "Nougat de Noël", priceCents: 650, stock: 5 });
    const neighbourStall = await createStall(market.id, (await createUser()).id);
    const neighbourProduct = await createProduct(neighbourStall.id, { name: "Marrons chauds", stock: 5 });
    const buyer = await createUser({ name: "Inès Payeuse" });
    const order = await reserve(
      {
        buyerId: buyer.id,
        marketId: market.id,
        lines: [
          { productId: product.id, quantity: 3 },
          { productId: neighbourProduct.id, quantity: 1 },
        ],
      },
      NOW,
    );
    const sessionId = await attachFakeSession(order);
    const owner = await socketFor(merchant.id);
    expect(await owner.emitWithAck("merchant:join", { stallId: stall.id })).toMatchObject({ ok: true });
    const heard = new Promise<MerchantOrderDto>((resolve) => owner.once("order:created", resolve));

    const event = stripeEvent("checkout.session.completed", sessionObject(order, { id: sessionId }));
    expect((await deliver(server.url, event)).status).toBe(200);
    const created = await heard;
    expect(created).toMatchObject({
      orderId: order.id,
      reference: order.reference,
      stallId: stall.id,
      status: "PAID",
      buyer: { name: "Inès Payeuse" },
      totalCents: 3 * 650,
    });
    expect(created.lines.map((l) => [l.name, l.quantity, l.status])).toEqual([["Nougat de Noël", 3, "RESERVED"]]);
    // What the page would list after a reload is what arrived live.
    expect(await getMerchantOrder(stall.id, order.id)).toEqual(created);
    const page = text(
      await (await (await clientFor(server, merchant.id)).get(`/merchant/stalls/${stall.id}/orders`)).text(),
    );
    expect(page).toContain("Commande de Inès Payeuse");
    // The reference the buyer shows, large at the head of the card; never the buyer's email.
    expect(page).toContain(order.reference);
    expect(page).not.toContain(buyer.email);
    expect(page).not.toContain("Marrons chauds");
  });
});

/** A merchant with two stalls in one market, another merchant's stall, and orders across them. */
async function stallScene() {
  const { market, merchant, stall, product, organiser } = await createMarketScene(NOW);
  const secondStall = await createStall(market.id, merchant.id, { name: "Deuxième stand" });
  const secondProduct = await createProduct(secondStall.id, { name: "Bougie d’un autre stand" });
  const neighbour = await createUser({ name: "Voisin" });
  const neighbourStall = await createStall(market.id, neighbour.id, { name: "Stand du voisin" });
  const neighbourProduct = await createProduct(neighbourStall.id, { name: "Vin chaud du voisin" });
  const buyer = await createUser({ name: "Camille Lefèvre", email: `camille-${Date.now()}@example.test` });
  const mixed = await createOrder({
    marketId: market.id,
    buyerId: buyer.id,
    paidAt: new Date(NOW.getTime() - 3_600_000),
    lines: [
      { product, quantity: 2 },
      { product: secondProduct, quantity: 1 },
      { product: neighbourProduct, quantity: 3 },
    ],
  });
  const later = await createOrder({
    marketId: market.id,
    buyerId: (await createUser({ name: "Jules Martin" })).id,
    paidAt: new Date(NOW.getTime() - 600_000),
    lines: [{ product, quantity: 1, status: "READY" }],
  });
  const released = await createOrder({
    marketId: market.id,
    buyerId: (await createUser({ name: "Panier abandonné" })).id,
    status: "RELEASED",
    lines: [{ product, quantity: 4 }],
  });
  const line = (order: { lines: { id: string; stallId: string }[] }, stallId = stall.id) =>
    order.lines.find((l) => l.stallId === stallId)!.id;
  return {
    market,
    organiser,
    merchant,
    stall,
    product,
    secondStall,
    neighbour,
    neighbourStall,
    buyer,
    mixed,
    later,
    released,
    line,
    url: `/merchant/stalls/${stall.id}/orders`,
  };
}

describe("the stall's orders page", () => {
  it("lists the paid orders newest first with only this stall's lines, the buyer's name and the counts", async () => {
    const scene = await stallScene();
    const response = await (await clientFor(server, scene.merchant.id)).get(scene.url);
    expect(response.status).toBe(200);
    const html = await response.text();
    const page = text(html);
    expect(page).toContain("Commande de Jules Martin");
    expect(page).toContain("Commande de Camille Lefèvre");
    expect(page.indexOf("Jules Martin")).toBeLessThan(page.indexOf("Camille Lefèvre"));
    expect(page).toContain(`2 × ${scene.product.name}`);
    expect(page).toContain("Total pour votre stand : 20,00 €");
    // Not another stall's lines (even the same merchant's), not a released hold, not the email.
    expect(page).not.toContain("Bougie d’un autre stand");
    expect(page).not.toContain("Vin chaud du voisin");
    expect(page).not.toContain("Panier abandonné");
    expect(html).not.toContain(scene.buyer.email);
    expect(page).toMatch(/1 À préparer 1 Prêts 0 Retirés 0 Refusés/);
    expect(html).toContain(`data-line-id="${scene.line(scene.mixed)}" data-status="RESERVED"`);
    expect(page).toMatch(/Prête : 2 × .+ pour Camille Lefèvre/);
    expect(page).toMatch(/Refuser \(rupture\) : 2 × .+ pour Camille Lefèvre/);
    expect(page).toContain("Oui, refuser et rembourser");
  });

  it("gives a merchant only the buyer's name and their own stall's lines, whatever the query read", () => {
    const line = (id: string, stallId: string) => ({
      id,
      stallId,
      productId: `p-${id}`,
      name: `Produit ${id}`,
      quantity: 2,
      unitPriceCents: 500,
      status: "RESERVED",
      stall: { name: "Chalet", pickupDetails: "Place de l’Église" },
    });
    const order = {
      id: "o1",
      reference: "R-0142",
      marketId: "m1",
      status: "PAID",
      paidAt: NOW,
      version: 3,
      buyerId: "u1",
      buyer: { name: "Jules Martin", email: "jules@example.test", locale: "fr" },
      pickupSlot: {
        startsAt: new Date("2026-12-12T16:00:00Z"),
        endsAt: new Date("2026-12-12T18:00:00Z"),
        pickupPoint: { name: "Place de la mairie" },
      },
      lines: [line("a", "mine"), line("b", "theirs")],
    };
    const dto = toMerchantOrderDto(order, "mine");
    expect(dto).toEqual({
      orderId: "o1",
      reference: "R-0142",
      stallId: "mine",
      marketId: "m1",
      status: "PAID",
      paidAt: NOW.toISOString(),
      buyer: { name: "Jules Martin" },
      pickup: { point: "Place de la mairie", startsAt: "2026-12-12T16:00:00.000Z", endsAt: "2026-12-12T18:00:00.000Z" },
      lines: [{ id: "a", productId: "p-a", name: "Produit a", quantity: 2, unitPriceCents: 500, status: "RESERVED" }],
      totalCents: 1000,
      version: 3,
    });
  });

  it("is the owner's only: another merchant gets 403 on the page and the action, a visitor is sent to log in", async () => {
    const scene = await stallScene();
    const neighbour = await clientFor(server, scene.neighbour.id);
    expect((await neighbour.get(scene.url)).status).toBe(403);
    const refused = await neighbour.post(scene.url, { lineId: scene.line(scene.mixed), status: "READY" });
    expect(refused.status).toBe(403);
    expect((await neighbour.get("/merchant/stalls/no-such-stall/orders")).status).toBe(404);
    const anonymous = await (await clientFor(server, null)).get(scene.url);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toBe(`/login?redirectTo=${encodeURIComponent(scene.url)}`);
    expect((await db.orderLine.findUniqueOrThrow({ where: { id: scene.line(scene.mixed) } })).status).toBe("RESERVED");
  });

  it("refuses bad input with a 4xx and changes nothing", async () => {
    const scene = await stallScene();
    const owner = await clientFor(server, scene.merchant.id);
    const lineId = scene.line(scene.mixed);
    expect((await owner.post(scene.url, { lineId, status: "SHIPPED" })).status).toBe(400);
    expect((await owner.post(scene.url, { status: "READY" })).status).toBe(400);
    expect((await owner.post(scene.url, { lineId: "x".repeat(200), status: "READY" })).status).toBe(400);
    const json = await owner.request(scene.url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ lineId, status: "READY" }),
    });
    expect(json.status).toBe(415);
    // A line of the merchant's other stall, of the neighbour's stall, of nothing: not on this page.
    const other = await owner.post(scene.url, {
      lineId: scene.line(scene.mixed, scene.secondStall.id),
      status: "READY",
    });
    expect(other.status).toBe(404);
    expect(text(await other.text())).toContain("Cet article n’existe pas ou n’appartient pas à votre stand.");
    expect(
      (await owner.post(scene.url, { lineId: scene.line(scene.mixed, scene.neighbourStall.id), status: "READY" }))
        .status,
    ).toBe(404);
    expect((await owner.post(scene.url, { lineId: "no-such-line", status: "READY" })).status).toBe(404);
    const statuses = await db.orderLine.findMany({ where: { orderId: scene.mixed.id }, select: { status: true } });
    expect(statuses.map((l) => l.status)).toEqual(["RESERVED", "RESERVED", "RESERVED"]);
  });

  it("marks a line ready then collected (the owner's room hears order:updated); a step back is refused with 409", async () => {
    const scene = await stallScene();
    const owner = await clientFor(server, scene.merchant.id);
    const socket = await socketFor(scene.merchant.id);
    expect(await socket.emitWithAck("merchant:join", { stallId: scene.stall.id })).toMatchObject({ ok: true });
    const lineId = scene.line(scene.mixed);

    const heard = new Promise<OrderUpdated>((resolve) => socket.once("order:updated", resolve));
    const ready = await owner.post(scene.url, { lineId, status: "READY" });
    expect(ready.status).toBe(200);
    expect(text(await ready.text())).toContain(`2 × ${scene.product.name} : prête.`);
    expect((await db.orderLine.findUniqueOrThrow({ where: { id: lineId } })).status).toBe("READY");
    const update = await heard;
    expect(update).toMatchObject({ orderId: scene.mixed.id, status: "PAID", version: 1 });
    expect(update.lines).toContainEqual({ id: lineId, stallId: scene.stall.id, status: "READY" });

    expect((await owner.post(scene.url, { lineId, status: "COLLECTED" })).status).toBe(200);
    const back = await owner.post(scene.url, { lineId, status: "READY" });
    expect(back.status).toBe(409);
    expect(text(await back.text())).toContain("Cet article a déjà changé d’état");
    expect((await db.orderLine.findUniqueOrThrow({ where: { id: lineId } })).status).toBe("COLLECTED");
  });

  it("refuses a line (out of stock): the line is REFUSED and its refund is on its way", async () => {
    const scene = await stallScene();
    const owner = await clientFor(server, scene.merchant.id);
    const lineId = scene.line(scene.later);
    const response = await owner.post(scene.url, { lineId, status: "REFUSED" });
    expect(response.status).toBe(200);
    expect(text(await response.text())).toContain("refusée, le client est remboursé");
    expect(["REFUSED", "REFUNDED"]).toContain((await db.orderLine.findUniqueOrThrow({ where: { id: lineId } })).status);
    expect(
      await db.orderRefund.findMany({ where: { orderLineId: lineId }, select: { reason: true, amountCents: true } }),
    ).toEqual([{ reason: "LINE_REFUSED", amountCents: scene.product.priceCents }]);
  });

  it("does nothing on a refunded order (409)", async () => {
    const scene = await stallScene();
    const refunded = await createOrder({
      marketId: scene.market.id,
      buyerId: scene.buyer.id,
      status: "REFUNDED",
      lines: [{ product: scene.product, quantity: 1 }],
    });
    const owner = await clientFor(server, scene.merchant.id);
    const response = await owner.post(scene.url, { lineId: refunded.lines[0]!.id, status: "READY" });
    expect(response.status).toBe(409);
    expect((await db.orderLine.findUniqueOrThrow({ where: { id: refunded.lines[0]!.id } })).status).toBe("RESERVED");
  });
});

/**
 * A market in Paris with two selling stalls and one that sold nothing: a paid order across both
 * (one line refused), a paid order with a formula-looking product, a refunded order, a released
 * hold and an unpaid reservation (the last two count nowhere).
 */
async function revenueScene() {
  const town = await createTown();
  const organiser = await createOrganiser(town.id);
  const market = await createMarket(town.id, { timezone: "Europe/Paris" });
  const honeyMerchant = await createUser({ name: "Miel" });
  const chocolateMerchant = await createUser({ name: "Choco" });
  const honey = await createStall(market.id, honeyMerchant.id, { name: "Au miel d’or" });
  const chocolate = await createStall(market.id, chocolateMerchant.id, { name: "Chocolats; Noël" });
  const idle = await createStall(market.id, (await createUser()).id, { name: "Zéro vente" });
  await createStall(market.id, (await createUser()).id, { name: "Pas encore validé", status: "PENDING" });
  const fir = await createProduct(honey.id, { name: "Miel de sapin", priceCents: 1250 });
  const formula = await createProduct(honey.id, { name: '=HYPERLINK("http://evil.example")', priceCents: 500 });
  const truffles = await createProduct(chocolate.id, { name: 'Truffes "maison"', priceCents: 900 });
  const gingerbread = await createProduct(chocolate.id, { name: "Pain d’épices, 500 g", priceCents: 750 });
  const buyer = await createUser({ name: "Camille" });
  const first = await createOrder({
    marketId: market.id,
    buyerId: buyer.id,
    paidAt: new Date("2026-12-05T09:30:00Z"),
    lines: [
      { product: fir, quantity: 2 },
      { product: truffles, quantity: 1, status: "REFUSED" },
    ],
  });
  const second = await createOrder({
    marketId: market.id,
    buyerId: buyer.id,
    paidAt: new Date("2026-12-05T10:00:00Z"),
    lines: [{ product: formula, quantity: 1, status: "COLLECTED" }],
  });
  const refunded = await createOrder({
    marketId: market.id,
    buyerId: buyer.id,
    status: "REFUNDED",
    paidAt: new Date("2026-12-05T11:15:00Z"),
    lines: [{ product: gingerbread, quantity: 2 }],
  });
  await createOrder({
    marketId: market.id,
    buyerId: buyer.id,
    status: "RELEASED",
    paidAt: new Date("2026-12-05T11:20:00Z"),
    lines: [{ product: fir, quantity: 5 }],
  });
  await createOrder({
    marketId: market.id,
    buyerId: buyer.id,
    status: "RESERVED",
    paidAt: new Date("2026-12-05T11:40:00Z"),
    lines: [{ product: truffles, quantity: 3 }],
  });
  return { town, organiser, market, honey, chocolate, idle, honeyMerchant, first, second, refunded };
}

describe("revenue per stall", () => {
  it("counts paid and refunded orders' lines; a refused or refunded line is refunded; a released order counts nowhere", async () => {
    const { market, honey, chocolate, idle } = await revenueScene();
    expect(await getMarketRevenue(market.id)).toEqual({
      stalls: [
        {
          stallId: honey.id,
          name: "Au miel d’or",
          orders: 2,
          items: 3,
          grossCents: 3000,
          refundedCents: 0,
          netCents: 3000,
        },
        {
          stallId: chocolate.id,
          name: "Chocolats; Noël",
          orders: 2,
          items: 0,
          grossCents: 2400,
          refundedCents: 2400,
          netCents: 0,
        },
        { stallId: idle.id, name: "Zéro vente", orders: 0, items: 0, grossCents: 0, refundedCents: 0, netCents: 0 },
      ],
      // The first order spans both stalls: once in the total.
      totals: { orders: 3, items: 3, grossCents: 5400, refundedCents: 2400, netCents: 3000 },
    });
  });

  it("is pure arithmetic over lines (an order across stalls counts once in the totals)", () => {
    const revenue = computeRevenue(
      [
        { id: "a", name: "A" },
        { id: "b", name: "B" },
      ],
      [
        { orderId: "o1", stallId: "a", quantity: 3, unitPriceCents: 199, status: "READY" },
        { orderId: "o1", stallId: "b", quantity: 1, unitPriceCents: 1000, status: "REFUNDED" },
        { orderId: "o2", stallId: "b", quantity: 2, unitPriceCents: 250, status: "COLLECTED" },
        { orderId: "o3", stallId: "elsewhere", quantity: 9, unitPriceCents: 9, status: "READY" },
      ],
    );
    expect(revenue.totals).toEqual({ orders: 2, items: 5, grossCents: 2097, refundedCents: 1000, netCents: 1097 });
    expect(revenue.stalls.map((s) => [s.orders, s.netCents])).toEqual([
      [1, 597],
      [2, 500],
    ]);
  });

  it("is the organisers' tab, for them only", async () => {
    const { market, organiser, honeyMerchant } = await revenueScene();
    await createStall(market.id, (await createUser()).id, { name: "Épices du monde" });
    const url = `/organiser/markets/${market.id}/orders`;
    const response = await (await clientFor(server, organiser.id)).get(url);
    expect(response.status).toBe(200);
    const page = text(await response.text());
    expect(page).toContain("Commandes et recettes");
    expect(page).toMatch(/Au miel d’or 2 3 30,00 € 0,00 € 30,00 €/);
    expect(page).toMatch(/Chocolats; Noël 2 0 24,00 € 24,00 € 0,00 €/);
    expect(page).toMatch(/Zéro vente 0 0 0,00 € 0,00 € 0,00 €/);
    expect(page).toMatch(/Total du marché 3 3 54,00 € 24,00 € 30,00 €/);
    // Sorted as French sorts names: "Épices" among the E, not after "Zéro".
    const table = page.slice(page.indexOf("Recettes par stand"));
    expect(table.indexOf("Épices du monde")).toBeLessThan(table.indexOf("Zéro vente"));
    expect(table.indexOf("Chocolats; Noël")).toBeLessThan(table.indexOf("Épices du monde"));
    expect(page).not.toContain("Pas encore validé");
    expect(page).toContain("Télécharger toutes les lignes de commande (CSV)");

    expect((await (await clientFor(server, honeyMerchant.id)).get(url)).status).toBe(403);
    const otherOrganiser = await createOrganiser((await createTown()).id);
    expect((await (await clientFor(server, otherOrganiser.id)).get(url)).status).toBe(403);
  });
});

describe("the CSV export", () => {
  it("has one row per line of paid and refunded orders, in the market's time, French spreadsheet dialect, BOM, escaped", async () => {
    const { market, organiser, first, second, refunded } = await revenueScene();
    const response = await (await clientFor(server, organiser.id)).get(`/organiser/markets/${market.id}/orders.csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="commandes-${market.slug}-2026-12-05.csv"`,
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const body = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(body).toBe(
      "\uFEFF" +
        [
          "Date;Commande;Stand;Produit;Quantité;Prix unitaire (€);Total de la ligne (€);Remboursé (€);Net (€);État;payment_intent (pi_);charge (ch_);refund (re_)",
          `2026-12-05 10:30;${first.reference};Au miel d’or;Miel de sapin;2;12,50;25,00;0,00;25,00;À préparer;;;`,
          `2026-12-05 10:30;${first.reference};"Chocolats; Noël";"Truffes ""maison""";1;9,00;9,00;9,00;0,00;Refusée, remboursée;;;`,
          `2026-12-05 11:00;${second.reference};Au miel d’or;"'=HYPERLINK(""http://evil.example"")";1;5,00;5,00;0,00;5,00;Retirée;;;`,
          `2026-12-05 12:15;${refunded.reference};"Chocolats; Noël";Pain d’épices, 500 g;2;7,50;15,00;15,00;0,00;Remboursée;;;`,
        ].join("\r\n") +
        "\r\n",
    );
  });

  it("follows the organiser's language: commas and decimal points in English", async () => {
    const { market, organiser, first } = await revenueScene();
    const client = await clientFor(server, organiser.id);
    const response = await client.request(`/organiser/markets/${market.id}/orders.csv`, {
      headers: { "Accept-Language": "en-GB,en;q=0.8" },
    });
    // response.text() drops the BOM, as a UTF-8 decoder does.
    const lines = (await response.text()).split("\r\n");
    expect(lines[0]).toBe(
      "Date,Order,Stall,Product,Quantity,Unit price (€),Line total (€),Refunded (€),Net (€),Status,payment_intent (pi_),charge (ch_),refund (re_)",
    );
    expect(lines[1]).toBe(
      `2026-12-05 10:30,${first.reference},Au miel d’or,Miel de sapin,2,12.50,25.00,0.00,25.00,To prepare,,,`,
    );
    expect(lines[4]).toMatch(/,"Pain d’épices, 500 g",2,7\.50,15\.00,15\.00,0\.00,Refunded,,,$/);
  });

  it("is a 404 for anyone but the market's organisers, and sends a visitor without a session to log in", async () => {
    const { market, honeyMerchant } = await revenueScene();
    const url = `/organiser/markets/${market.id}/orders.csv`;
    expect((await (await clientFor(server, honeyMerchant.id)).get(url)).status).toBe(404);
    const otherOrganiser = await createOrganiser((await createTown()).id);
    expect((await (await clientFor(server, otherOrganiser.id)).get(url)).status).toBe(404);
    expect((await (await clientFor(server, otherOrganiser.id)).get("/organiser/markets/nope/orders.csv")).status).toBe(
      404,
    );
    const anonymous = await (await clientFor(server, null)).get(url);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
  });

  it("neutralises formulas and quotes what needs quoting", () => {
    expect(csvCell("=1+1", ";")).toBe("'=1+1");
    expect(csvCell("+33 6 12", ";")).toBe("'+33 6 12");
    expect(csvCell("-2", ";")).toBe("'-2");
    expect(csvCell("@SUM(A1:A9)", ";")).toBe("'@SUM(A1:A9)");
    expect(csvCell("\t=cmd", ";")).toBe("'\t=cmd");
    expect(csvCell("a;b", ";")).toBe('"a;b"');
    expect(csvCell("a;b", ",")).toBe("a;b");
    expect(csvCell("deux\nlignes", ",")).toBe('"deux\nlignes"');
    expect(csvCell('=A1&"x"', ",")).toBe(`"'=A1&""x"""`);
    expect(csvCell("Crêpes 1+1", ",")).toBe("Crêpes 1+1");
    expect(csvAmount(123456, ",")).toBe("1234,56");
    expect(csvAmount(5, ".")).toBe("0.05");
  });
});
