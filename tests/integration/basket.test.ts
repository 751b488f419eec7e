// The basket over HTTP against the real server and PostgreSQL: anonymous baskets kept by a cookie
// whose token is stored only hashed, quantities capped by stock, merged into the account on
// log-in and sign-up, and bad input answered 4xx with nothing written.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeNow } from "~/models/market-schedule.server";
import { LINES_MAX, QUANTITY_MAX } from "~/models/order-status";
import { db } from "~/utils/db.server";
import { createMarketScene, createProduct, createStall, createUser, TEST_PASSWORD } from "../fixtures/factories";
import { clientFor, startTestServer, TestClient, type TestServer } from "../setup/server";

const NOW = new Date("2026-12-12T15:00:00Z");

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ now: NOW });
});
afterAll(() => server.close());

async function twoStalls() {
  const scene = await createMarketScene(NOW);
  const otherStall = await createStall(scene.market.id, scene.merchant.id, { name: "Chocolaterie" });
  const honey = await createProduct(scene.stall.id, { stock: 5, priceCents: 1200, name: "Miel de sapin" });
  const chocolate = await createProduct(otherStall.id, { stock: 3, priceCents: 800, name: "Orangettes" });
  return { ...scene, otherStall, honey, chocolate };
}

const add = (
  client: TestClient,
  productId: string,
  quantity: number | string = 1,
  extra: Record<string, string> = {},
) => client.post("/basket", { intent: "add", productId, quantity: String(quantity), ...extra });

function cookieToken(client: TestClient): string | null {
  const match = /(?:^|; )chalet_basket=([^;]*)/.exec(client.cookieHeader());
  if (!match) return null;
  // createCookie stores a base64 JSON string.
  return JSON.parse(Buffer.from(decodeURIComponent(match[1]!), "base64").toString("utf8")) as string;
}

async function itemsOf(where: { userId: string } | { tokenHash: string }) {
  const basket = await db.basket.findUnique({
    where,
    select: { items: { select: { productId: true, quantity: true }, orderBy: { productId: "asc" } } },
  });
  return basket ? Object.fromEntries(basket.items.map((i) => [i.productId, i.quantity])) : null;
}

describe("anonymous basket", () => {
  it("keeps products from two stalls under a cookie whose token is stored only as its SHA-256", async () => {
    const scene = await twoStalls();
    const visitor = new TestClient(server.url);
    const back = `/m/${scene.market.slug}/${scene.stall.slug}`;

    const first = await add(visitor, scene.honey.id, 1, { redirectTo: back });
    expect(first.status).toBe(303);
    expect(first.headers.get("Location")).toBe(back);
    const token = cookieToken(visitor);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await add(visitor, scene.honey.id, 1, { redirectTo: back })).toHaveProperty("status", 303);
    expect(await add(visitor, scene.chocolate.id, 2, { redirectTo: back })).toHaveProperty("status", 303);

    const hash = createHash("sha256").update(token!).digest("hex");
    expect(await itemsOf({ tokenHash: hash })).toEqual({ [scene.honey.id]: 2, [scene.chocolate.id]: 2 });
    expect(await db.basket.count({ where: { tokenHash: token! } })).toBe(0);

    const page = await visitor.get("/basket");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Miel de sapin");
    expect(html).toContain("Orangettes");
    expect(html).toContain(scene.stall.name);
    expect(html).toContain("Chocolaterie");
    expect(html).toContain("Se connecter pour payer");
    // The header counts units.
    expect(html).toMatch(/aria-label="Panier, 4 articles"/);

    // Another visitor sees none of it.
    const stranger = await new TestClient(server.url).get("/basket");
    expect(await stranger.text()).toContain("Votre panier est vide.");
  });

  it("caps quantities at the stock, then edits, removes, and warns when stock falls below", async () => {
    const scene = await twoStalls();
    const visitor = new TestClient(server.url);
    const capped = await add(visitor, scene.chocolate.id, 50);
    expect(capped.status).toBe(200);
    expect(await capped.text()).toContain("c’est tout ce qui reste en stock");
    const hash = createHash("sha256").update(cookieToken(visitor)!).digest("hex");
    expect(await itemsOf({ tokenHash: hash })).toEqual({ [scene.chocolate.id]: 3 });

    expect(
      (await visitor.post("/basket", { intent: "set", productId: scene.chocolate.id, quantity: "1" })).status,
    ).toBe(200);
    expect(await itemsOf({ tokenHash: hash })).toEqual({ [scene.chocolate.id]: 1 });
    expect(
      (await visitor.post("/basket", { intent: "set", productId: scene.chocolate.id, quantity: "9" })).status,
    ).toBe(200);
    expect(await itemsOf({ tokenHash: hash })).toEqual({ [scene.chocolate.id]: 3 });

    // The merchant sells out elsewhere: the basket says so rather than hiding the line.
    await db.product.update({ where: { id: scene.chocolate.id }, data: { stock: 2 } });
    let html = await (await visitor.get("/basket")).text();
    expect(html).toContain("Il n’en reste que 2");
    await db.product.update({ where: { id: scene.chocolate.id }, data: { stock: 0 } });
    html = await (await visitor.get("/basket")).text();
    expect(html).toContain("Épuisé depuis votre ajout");
    expect((await add(visitor, scene.chocolate.id)).status).toBe(409);

    expect((await visitor.post("/basket", { intent: "remove", productId: scene.chocolate.id })).status).toBe(200);
    expect(await itemsOf({ tokenHash: hash })).toEqual({});
    expect((await visitor.post("/basket", { intent: "set", productId: scene.honey.id, quantity: "2" })).status).toBe(
      200,
    );
    expect((await visitor.post("/basket", { intent: "set", productId: scene.honey.id, quantity: "0" })).status).toBe(
      200,
    );
    expect(await itemsOf({ tokenHash: hash })).toEqual({});
  });

  it("answers bad input with a clear 4xx and writes nothing", async () => {
    const scene = await twoStalls();
    const hidden = await createProduct(scene.stall.id, { stock: 4, name: "Caché" });
    await db.product.update({ where: { id: hidden.id }, data: { active: false } });
    const pendingStall = await createStall(scene.market.id, scene.merchant.id, { status: "PENDING" });
    const notApproved = await createProduct(pendingStall.id, { stock: 4 });
    const visitor = new TestClient(server.url);
    const cases: [Record<string, string>, number, string][] = [
      [{ intent: "add", productId: scene.honey.id, quantity: "-1" }, 400, "nombre entier de 1 à 99"],
      [{ intent: "add", productId: scene.honey.id, quantity: "0" }, 400, "nombre entier de 1 à 99"],
      [{ intent: "add", productId: scene.honey.id, quantity: "1000" }, 400, "nombre entier"],
      [{ intent: "add", productId: scene.honey.id, quantity: "1e3" }, 400, "nombre entier"],
      [{ intent: "add", productId: scene.honey.id, quantity: "2.5" }, 400, "nombre entier"],
      [{ intent: "add", productId: scene.honey.id, quantity: "99999999999999999999" }, 400, "nombre entier"],
      [{ intent: "set", productId: scene.honey.id, quantity: "" }, 400, "nombre entier de 0 à 99"],
      [{ intent: "add", productId: "nope-not-a-product", quantity: "1" }, 404, "pas en vente"],
      [{ intent: "add", productId: "../../etc/passwd", quantity: "1" }, 400, "Produit inconnu"],
      [{ intent: "add", productId: "x".repeat(65), quantity: "1" }, 400, "Produit inconnu"],
      [{ intent: "add", quantity: "1" }, 400, "Produit inconnu"],
      [{ intent: "add", productId: hidden.id, quantity: "1" }, 404, "pas en vente"],
      [{ intent: "add", productId: notApproved.id, quantity: "1" }, 404, "pas en vente"],
      [{ intent: "steal", productId: scene.honey.id }, 400, "Action inconnue"],
      [{ intent: "checkout", marketId: "<script>" }, 400, "ne contient rien de ce marché"],
    ];
    for (const [fields, status, text] of cases) {
      const response = await visitor.post("/basket", fields);
      expect(response.status, JSON.stringify(fields)).toBe(status);
      expect(await response.text(), JSON.stringify(fields)).toContain(text);
    }
    // JSON, or no form at all: refused before anything is read.
    const json = await visitor.request("/basket", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ intent: "add", productId: scene.honey.id }),
    });
    expect(json.status).toBe(415);
    expect(
      await db.basketItem.count({ where: { productId: { in: [scene.honey.id, hidden.id, notApproved.id] } } }),
    ).toBe(0);
  });

  it("refuses to add while the market is closed, with the organisers' reason", async () => {
    const scene = await twoStalls();
    await closeNow(scene.market.id, scene.organiser.id, NOW, "Tempête de neige");
    const visitor = new TestClient(server.url);
    const response = await add(visitor, scene.honey.id);
    expect(response.status).toBe(409);
    expect(await response.text()).toContain("Tempête de neige");
    expect(await db.basketItem.count({ where: { productId: scene.honey.id } })).toBe(0);
  });

  it("answers bytes that are not UTF-8, files in place of fields and repeated fields with a 4xx", async () => {
    const scene = await twoStalls();
    const visitor = new TestClient(server.url);
    const raw = (body: Buffer) =>
      visitor.request("/basket", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new Blob([new Uint8Array(body)]),
      });
    const latin1 = Buffer.concat([Buffer.from("intent=add&productId="), Buffer.from([0xe9, 0xff, 0xfe])]);
    expect((await raw(latin1)).status).toBe(400);
    const badMarket = Buffer.concat([Buffer.from("intent=checkout&marketId=%FF%FE")]);
    expect((await raw(badMarket)).status).toBe(400);
    // A file makes the form multipart, which only the upload routes take: refused unread.
    const file = new Blob(["1"], { type: "text/plain" });
    expect((await visitor.post("/basket", { intent: "add", productId: file })).status).toBe(415);
    expect((await visitor.post("/basket", { intent: "add", productId: scene.honey.id, quantity: file })).status).toBe(
      415,
    );
    expect((await visitor.post("/basket", { intent: file, productId: scene.honey.id })).status).toBe(415);
    // A repeated field counts once, as browsers send it: the first.
    expect((await visitor.post("/basket", { intent: ["add", "set"], productId: scene.honey.id })).status).toBe(200);
    expect(await db.basketItem.count({ where: { productId: scene.honey.id } })).toBe(1);
  });

  it("lets a closed market's lines be lowered or removed, never added to nor raised", async () => {
    const scene = await twoStalls();
    const visitor = new TestClient(server.url);
    expect((await add(visitor, scene.honey.id, 2)).status).toBe(200);
    await closeNow(scene.market.id, scene.organiser.id, NOW, "Tempête de neige");
    const hash = createHash("sha256").update(cookieToken(visitor)!).digest("hex");

    // "set" is no back door: a product not in the basket, or more of one that is, is refused.
    const sneak = await visitor.post("/basket", { intent: "set", productId: scene.chocolate.id, quantity: "2" });
    expect(sneak.status).toBe(409);
    expect(await sneak.text()).toContain("Tempête de neige");
    const raise = await visitor.post("/basket", { intent: "set", productId: scene.honey.id, quantity: "4" });
    expect(raise.status).toBe(409);
    expect(await itemsOf({ tokenHash: hash })).toEqual({ [scene.honey.id]: 2 });

    expect((await visitor.post("/basket", { intent: "set", productId: scene.honey.id, quantity: "1" })).status).toBe(
      200,
    );
    expect(await itemsOf({ tokenHash: hash })).toEqual({ [scene.honey.id]: 1 });
    expect((await visitor.post("/basket", { intent: "remove", productId: scene.honey.id })).status).toBe(200);
    expect(await itemsOf({ tokenHash: hash })).toEqual({});
  });

  it(`holds at most ${LINES_MAX} different products`, async () => {
    const scene = await twoStalls();
    await db.product.createMany({
      data: Array.from({ length: LINES_MAX + 1 }, (_, i) => ({
        stallId: scene.stall.id,
        name: `Santon ${i}`,
        priceCents: 500,
        stock: 5,
      })),
    });
    const products = await db.product.findMany({ where: { name: { startsWith: "Santon " }, stallId: scene.stall.id } });
    const visitor = new TestClient(server.url);
    for (const product of products.slice(0, LINES_MAX)) expect((await add(visitor, product.id)).status).toBe(200);
    const refused = await add(visitor, products[LINES_MAX]!.id);
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain(`déjà ${LINES_MAX} produits différents`);
  });
});

describe("merging on log-in and sign-up", () => {
  it("adds the anonymous basket to the account's on log-in, summing quantities capped by stock", async () => {
    const scene = await twoStalls();
    const user = await createUser();
    // The account already holds 2 orangettes (of 3) from an earlier visit.
    const earlier = await clientFor(server, user.id);
    expect((await add(earlier, scene.chocolate.id, 2)).status).toBe(200);

    const visitor = new TestClient(server.url);
    await add(visitor, scene.honey.id, 2);
    await add(visitor, scene.chocolate.id, 2);
    const hash = createHash("sha256").update(cookieToken(visitor)!).digest("hex");

    const login = await visitor.post("/login", { email: user.email, password: TEST_PASSWORD, redirectTo: "/basket" });
    expect(login.status).toBe(302);
    expect(login.headers.get("Location")).toBe("/basket");
    expect(cookieToken(visitor)).toBeNull();
    expect(await db.basket.count({ where: { tokenHash: hash } })).toBe(0);
    expect(await itemsOf({ userId: user.id })).toEqual({ [scene.honey.id]: 2, [scene.chocolate.id]: 3 });

    const html = await (await visitor.get("/basket")).text();
    expect(html).toContain("Miel de sapin");
    expect(html).toMatch(/Payer 48,00\s€/);
  });

  it("gives a new account the basket filled before signing up", async () => {
    const scene = await twoStalls();
    const visitor = new TestClient(server.url);
    await add(visitor, scene.honey.id, 3);
    const email = `new-${Date.now()}@example.test`;
    const signup = await visitor.post("/signup", {
      name: "Nouvelle Habitante",
      email,
      password: "un-mot-de-passe-assez-long",
      redirectTo: "/basket",
    });
    expect(signup.status).toBe(200);
    // The account is made by the emailed link, opened in the same browser.
    const mail = await db.outboxEmail.findFirstOrThrow({ where: { to: email } });
    const link = new URL(/https?:\/\/\S+\/confirm-signup\/[A-Za-z0-9_-]+/.exec(mail.text)![0]).pathname;
    const confirmed = await visitor.post(link, {});
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("location")).toBe("/basket");
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    expect(await itemsOf({ userId: user.id })).toEqual({ [scene.honey.id]: 3 });
  });

  it("merges once when the same visitor logs in twice at once (two tabs)", async () => {
    const scene = await twoStalls();
    const user = await createUser();
    const visitor = new TestClient(server.url);
    await add(visitor, scene.honey.id, 2);
    const cookie = visitor.cookieHeader();
    const tabs = [new TestClient(server.url), new TestClient(server.url)];
    for (const tab of tabs) tab.setCookieHeader(cookie);
    const logins = await Promise.all(
      tabs.map((tab) => tab.post("/login", { email: user.email, password: TEST_PASSWORD, redirectTo: "/basket" })),
    );
    expect(logins.map((l) => l.status)).toEqual([302, 302]);
    expect(await itemsOf({ userId: user.id })).toEqual({ [scene.honey.id]: 2 });
    expect(
      await db.basket.count({ where: { tokenHash: { not: null }, items: { some: { productId: scene.honey.id } } } }),
    ).toBe(0);
  });

  it(`never merges past ${QUANTITY_MAX} nor past the stock`, async () => {
    const scene = await createMarketScene(NOW);
    const big = await createProduct(scene.stall.id, { stock: 500 });
    const user = await createUser();
    const account = await clientFor(server, user.id);
    await add(account, big.id, 60);
    const visitor = new TestClient(server.url);
    await add(visitor, big.id, 60);
    await visitor.post("/login", { email: user.email, password: TEST_PASSWORD, redirectTo: "/" });
    expect(await itemsOf({ userId: user.id })).toEqual({ [big.id]: QUANTITY_MAX });
  });
});
