// A stall's totals follow its refunds (issue 17): an order of 33 € at one stall, one line of 24 €
// refused at the counter and refunded through the Stripe sandbox, and every total a merchant or an
// organiser reads says 9 € is left: the order card (page and live event), the revenue per stall
// and the orders CSV. One rule behind them all: `stallTotal` / `lineMoney`, app/models/line-money.ts.
import { db } from "~/utils/db.server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getMarketRevenue } from "~/models/market-revenue.server";
import { getMerchantOrder } from "~/models/merchant-orders.server";
import type { OrderUpdated } from "~/realtime/events";
import { reduceStallOrders, stallOrdersState } from "~/realtime/stall-orders-view";
import { createMarketScene, createOrganiser, createProduct, createUser } from "../fixtures/factories";
import { openCheckout, orderOf, payWithCard, reserve } from "../fixtures/payments";
import { clientFor, connectSocket, startTestServer, type TestServer } from "../setup/server";
import { eventually } from "../setup/wait";

const T0 = new Date("2026-12-12T15:00:00Z");
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ now: T0 });
});
afterAll(() => server.close());

/** The page's text without tags, spaces collapsed: what a reader sees. */
const text = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/[\u00a0\u202f]/g, " ")
    .replace(/\s+/g, " ");

describe("a stall's total after a refused line is refunded", () => {
  it("is 33 € paid − 24 € refunded = 9 € on the order card, in its live update, in the revenue per stall and in the CSV", async () => {
    const scene = await createMarketScene(T0);
    const honey = await createProduct(scene.stall.id, { stock: 5, priceCents: 1200, name: "Miel de sapin" });
    const nougat = await createProduct(scene.stall.id, { stock: 5, priceCents: 900, name: "Nougat" });
    const buyer = await createUser({ name: "Camille Dupont" });
    const reserved = await reserve(
      {
        buyerId: buyer.id,
        marketId: scene.market.id,
        lines: [
          { productId: honey.id, quantity: 2 },
          { productId: nougat.id, quantity: 1 },
        ],
      },
      T0,
    );
    await payWithCard(server.url, await openCheckout(reserved, server.url, T0));
    const paid = await eventually(async () => {
      const current = await orderOf(reserved.id);
      return current.status === "PAID" ? current : null;
    });
    const honeyLine = paid.lines.find((l) => l.productId === honey.id)!;
    expect((await getMerchantOrder(scene.stall.id, paid.id))?.totalCents).toBe(3300);

    // The merchant listens to their stall's room, as the page does.
    const socket = await connectSocket(server, await clientFor(server, scene.merchant.id));
    const heard: OrderUpdated[] = [];
    socket.on("order:updated", (event) => heard.push(event));
    await socket.emitWithAck("merchant:join", { stallId: scene.stall.id });

    // Refused at the counter, through the page's form: the real refund path (sandbox, webhook).
    const url = `/merchant/stalls/${scene.stall.id}/orders`;
    const owner = await clientFor(server, scene.merchant.id);
    expect((await owner.post(url, { lineId: honeyLine.id, status: "REFUSED" })).status).toBe(200);
    const refunded = await eventually(async () => {
      const current = await orderOf(paid.id);
      return current.refundedCents === 2400 && current.lines.find((l) => l.id === honeyLine.id)?.status === "REFUNDED"
        ? current
        : null;
    });
    expect(refunded.status).toBe("PAID");

    // The order card, as the server draws it.
    const page = text(await (await owner.get(url)).text());
    expect(page).toContain("33,00 € payés − 24,00 € remboursés Total pour votre stand : 9,00 €");
    expect((await getMerchantOrder(scene.stall.id, paid.id))?.totalCents).toBe(900);

    // The open page's card, moved on by the live event alone (no reload).
    const before = (await getMerchantOrder(scene.stall.id, paid.id))!;
    const shown = {
      ...before,
      totalCents: 3300,
      version: 0,
      lines: before.lines.map((l) => ({ ...l, status: "RESERVED" })),
    };
    const update = await eventually(() => heard.find((event) => event.lines.some((l) => l.status === "REFUNDED")));
    const live = reduceStallOrders(scene.stall.id)(stallOrdersState([shown]), { type: "updated", event: update });
    expect(live.stale).toBe(false);
    expect(live.orders[0]!.totalCents).toBe(900);

    // The organisers' revenue per stall and their CSV.
    const revenue = await getMarketRevenue(scene.market.id);
    expect(revenue.stalls.find((s) => s.stallId === scene.stall.id)).toMatchObject({
      grossCents: 3300,
      refundedCents: 2400,
      netCents: 900,
      items: 1,
    });
    const organiser = await createOrganiser(scene.town.id);
    const csv = await (await clientFor(server, organiser.id)).get(`/organiser/markets/${scene.market.id}/orders.csv`);
    const rows = (await csv.text()).split("\r\n");
    expect(rows[0]).toContain("Total de la ligne (€);Remboursé (€);Net (€);État");
    expect(rows.find((row) => row.includes("Miel de sapin"))).toContain(";2;12,00;24,00;24,00;0,00;Remboursée");
    expect(rows.find((row) => row.includes("Nougat"))).toContain(";1;9,00;9,00;0,00;9,00;À préparer");
    // Stripe's ids, to find the payment and the refund in the payments file and at Stripe.
    expect(rows[0]).toContain(";payment_intent (pi_);charge (ch_);refund (re_)");
    const refundId = (await db.orderRefund.findFirstOrThrow({ where: { orderId: paid.id } })).stripeRefundId;
    expect(refundId).toMatch(/^re_/);
    expect(rows.find((row) => row.includes("Miel de sapin"))).toMatch(
      new RegExp(`;Remboursée;${refunded.paymentIntentId};${refunded.chargeId};${refundId}$`),
    );
    expect(rows.find((row) => row.includes("Nougat"))).toMatch(/;À préparer;pi_\w+;ch_\w+;$/);
    socket.disconnect();
  });
});
