// A stall whose merchant's Stripe account is not active cannot take orders: its page says so
// instead of offering "Ajouter au panier", adding is refused, the basket flags its lines, and
// checkout refuses them with a message before reserving anything. An account restricted
// mid-market stops its stall at once (the stall page's memo drops with the Connect event); once
// active again, the same basket is paid.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { createMarketScene, createProduct, createStall, createUser } from "../fixtures/factories";
import { clientFor, startTestServer, type TestServer } from "../setup/server";
import { eventually } from "../setup/wait";

const NOW = new Date("2026-12-12T15:00:00Z");
const CANNOT = "Ce stand ne peut pas encore prendre de commandes";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ now: NOW });
});
afterAll(() => server.close());

const stockOf = async (id: string) => (await db.product.findUniqueOrThrow({ where: { id } })).stock;
const text = async (response: Response) => response.text();

async function scene() {
  const s = await createMarketScene(NOW);
  const newcomer = await createUser({ name: "Nouvelle marchande" });
  const waiting = await createStall(s.market.id, newcomer.id, {
    name: "Bredele d’Alsace",
    payoutAccount: "onboarding",
  });
  const bredele = await createProduct(waiting.id, { stock: 5, priceCents: 600, name: "Bredele" });
  const honey = await createProduct(s.stall.id, { stock: 5, priceCents: 1200, name: "Miel de sapin" });
  const buyer = await createUser({ name: "Lucas" });
  const client = await clientFor(server, buyer.id);
  return { ...s, newcomer, waiting, bredele, honey, buyer, client };
}

describe("a stall whose merchant cannot be paid yet", () => {
  it("says so on its page instead of the add-to-basket buttons, and refuses additions", async () => {
    const s = await scene();
    const page = await text(await s.client.get(`/m/${s.market.slug}/${s.waiting.slug}`));
    expect(page).toContain(CANNOT);
    expect(page).toContain("Bredele");
    expect(page).not.toContain("Ajouter au panier");
    // The other stall of the market sells as usual.
    const other = await text(await s.client.get(`/m/${s.market.slug}/${s.stall.slug}`));
    expect(other).not.toContain(CANNOT);
    expect(other).toContain("Ajouter au panier");

    const added = await s.client.post("/basket", { intent: "add", productId: s.bredele.id, quantity: "1" });
    expect(added.status).toBe(409);
    expect(await text(added)).toContain("Bredele d’Alsace ne peut pas encore prendre de commandes");
    expect(await db.basketItem.count({ where: { productId: s.bredele.id } })).toBe(0);
  });

  it("stops taking orders when restricted mid-market: basket flagged, checkout refused before any reservation; paid again once active", async () => {
    const s = await scene();
    const account = await db.payoutAccount.findUniqueOrThrow({ where: { userId: s.merchant.id } });
    await s.client.post("/basket", { intent: "add", productId: s.honey.id, quantity: "2" });
    // Seen once, so the stall page is memoised as able to sell.
    expect(await text(await s.client.get(`/m/${s.market.slug}/${s.stall.slug}`))).not.toContain(CANNOT);

    await server.stripeSandbox!.setAccountState(account.stripeAccountId, "restricted");
    await eventually(
      async () => (await db.payoutAccount.findUniqueOrThrow({ where: { id: account.id } })).status === "RESTRICTED",
    );
    expect(await text(await s.client.get(`/m/${s.market.slug}/${s.stall.slug}`))).toContain(CANNOT);
    const basket = await text(await s.client.get("/basket"));
    expect(basket).toContain(
      "Ce stand ne peut pas encore prendre de commandes\u00a0: retirez ses articles pour payer le reste.",
    );

    const refused = await s.client.post("/basket", { intent: "checkout", marketId: s.market.id });
    expect(refused.status).toBe(409);
    const message = await text(refused);
    expect(message).toContain("ces stands ne peuvent pas encore prendre de commandes");
    expect(message).toContain(s.stall.name);
    expect(await db.order.count({ where: { buyerId: s.buyer.id } })).toBe(0);
    expect(await stockOf(s.honey.id)).toBe(5);
    expect(await db.basketItem.count({ where: { productId: s.honey.id, basket: { userId: s.buyer.id } } })).toBe(1);

    await server.stripeSandbox!.setAccountState(account.stripeAccountId, "active");
    await eventually(
      async () => (await db.payoutAccount.findUniqueOrThrow({ where: { id: account.id } })).status === "ACTIVE",
    );
    expect(await text(await s.client.get(`/m/${s.market.slug}/${s.stall.slug}`))).not.toContain(CANNOT);
    const paid = await s.client.post("/basket", { intent: "checkout", marketId: s.market.id });
    expect(paid.status).toBe(303);
    expect(paid.headers.get("Location")).toMatch(/\/sandbox\/checkout\/cs_test_/);
    expect(await stockOf(s.honey.id)).toBe(3);
  });
});
