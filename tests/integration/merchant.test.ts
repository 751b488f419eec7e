// The merchant console through the real server: who may change what, what bad input does,
// uploads, invitations and the one conditional stock change.
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createInvitation } from "~/models/invitation.server";
import { PRODUCT_PHOTOS_MAX, STALL_PHOTOS_MAX } from "~/schemas/merchant";
import { db } from "~/utils/db.server";
import { createMarketScene, createProduct, createStall, createUser } from "../fixtures/factories";
import { clientFor, startTestServer, type TestClient, type TestServer } from "../setup/server";

// Read by the server's env at start: a small limit keeps the oversized upload test quick.
const MAX_UPLOAD_BYTES = vi.hoisted(() => {
  const limit = 200_000;
  process.env.MAX_UPLOAD_BYTES = String(limit);
  return limit;
});

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

type Scene = Awaited<ReturnType<typeof createMarketScene>>;
let scene: Scene;
let owner: TestClient;
let stranger: TestClient;
let anonymous: TestClient;

beforeEach(async () => {
  scene = await createMarketScene(server.clock.now());
  const otherMerchant = await createUser({ name: "Other merchant" });
  await createStall(scene.market.id, otherMerchant.id);
  owner = await clientFor(server, scene.merchant.id);
  stranger = await clientFor(server, otherMerchant.id);
  anonymous = await clientFor(server, null);
});

const stallUrl = () => `/merchant/stalls/${scene.stall.id}`;
const validStall = {
  name: "Miellerie des Coteaux",
  category: "miellerie",
  description: "Miels",
  pickupDetails: "Chalet 3",
  // The stall is approved: its legal identity must stay complete (app/models/stall-legal.ts).
  legalName: "Miellerie des Coteaux SARL",
  siret: "82026480200019",
  legalAddress: "4 rue du Mont-Valérien, 92500 Rueil-Malmaison",
};
const validProduct = { name: "Miel de sapin", description: "500 g", price: "12,50", stock: "4" };

async function pngFile(name = "photo.png", width = 900, height = 600) {
  const bytes = await sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 30 } } })
    .png()
    .toBuffer();
  return new File([new Uint8Array(bytes)], name, { type: "image/png" });
}

/** The keys of every stored photo file (app/utils/photo-storage.server.ts). */
async function listUploads(): Promise<string[]> {
  return (await db.photoFile.findMany({ select: { key: true }, orderBy: { key: "asc" } })).map((f) => f.key);
}

/** Whether the file an /uploads/ address names is stored. */
async function isStored(src: string): Promise<boolean> {
  return (await db.photoFile.count({ where: { key: src.replace(/^\/uploads\//, "") } })) === 1;
}

describe("who may open the merchant console", () => {
  it("sends an anonymous visitor to the log-in page and changes nothing", async () => {
    const home = await anonymous.get("/merchant");
    expect(home.status).toBe(302);
    expect(home.headers.get("location")).toBe("/login?redirectTo=%2Fmerchant");

    const post = await anonymous.post(`${stallUrl()}/stock`, {
      intent: "adjust",
      productId: scene.product.id,
      delta: 1,
    });
    expect(post.status).toBe(302);
    expect(post.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
    expect((await db.product.findUniqueOrThrow({ where: { id: scene.product.id } })).stock).toBe(10);
  });

  it("lists the owner's stalls with their review state", async () => {
    await createStall(scene.market.id, scene.merchant.id, { status: "PENDING", name: "Stand en attente" });
    const page = await owner.get("/merchant");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(scene.stall.name);
    expect(html).toContain("Stand en attente");
    expect(html).toContain("En attente de validation");
    expect(html).toContain(`/m/${scene.market.slug}/${scene.stall.slug}`);
  });

  it("refuses every page and every change of a stall to another merchant (403), and nothing changes", async () => {
    const pages = ["", "/photos", "/products", "/products/new", `/products/${scene.product.id}`, "/stock"];
    for (const page of pages) {
      expect((await stranger.get(`${stallUrl()}${page}`)).status, page).toBe(403);
    }
    const posts: [string, Record<string, string | number>][] = [
      [`${stallUrl()}?index`, validStall],
      [`${stallUrl()}/products/new`, validProduct],
      [`${stallUrl()}/products/${scene.product.id}`, { ...validProduct, intent: "save" }],
      [`${stallUrl()}/products?index`, { intent: "visibility", productId: scene.product.id, active: "false" }],
      [`${stallUrl()}/stock`, { intent: "adjust", productId: scene.product.id, delta: -1 }],
      [`${stallUrl()}/stock`, { intent: "set", productId: scene.product.id, stock: 0 }],
    ];
    for (const [url, fields] of posts) {
      expect((await stranger.post(url, fields)).status, url).toBe(403);
    }
    const stall = await db.stall.findUniqueOrThrow({ where: { id: scene.stall.id } });
    expect(stall.name).toBe(scene.stall.name);
    const product = await db.product.findUniqueOrThrow({ where: { id: scene.product.id } });
    expect(product).toMatchObject({ name: scene.product.name, stock: 10, active: true, stockVersion: 0 });
    expect(await db.product.count({ where: { stallId: scene.stall.id } })).toBe(1);
  });

  it("gives 404 for a stall that does not exist", async () => {
    expect((await owner.get("/merchant/stalls/no-such-stall/stock")).status).toBe(404);
    expect((await owner.post("/merchant/stalls/no-such-stall?index", validStall)).status).toBe(404);
  });

  it("gives 404 for a product of another stall put in the owner's URL, and never touches it", async () => {
    const other = await db.stall.findFirstOrThrow({ where: { ownerId: { not: scene.merchant.id } } });
    const foreign = await createProduct(other.id, { stock: 3, name: "Produit d’un autre" });
    const url = `${stallUrl()}/products/${foreign.id}`;
    expect((await owner.get(url)).status).toBe(404);
    expect((await owner.post(url, { ...validProduct, intent: "save" })).status).toBe(404);
    expect((await owner.post(`${stallUrl()}/stock`, { intent: "set", productId: foreign.id, stock: 99 })).status).toBe(
      404,
    );
    expect(
      (
        await owner.post(`${stallUrl()}/products?index`, {
          intent: "visibility",
          productId: foreign.id,
          active: "false",
        })
      ).status,
    ).toBe(404);
    expect(await db.product.findUniqueOrThrow({ where: { id: foreign.id } })).toMatchObject({
      name: "Produit d’un autre",
      stock: 3,
      active: true,
      stockVersion: 0,
    });
  });
});

describe("editing the stall", () => {
  it("refuses a name with a control character with 400 and a message, and keeps the old name", async () => {
    const response = await owner.post(`${stallUrl()}?index`, { ...validStall, name: "Miellerie\u0001 du Mont" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("caractère invisible non autorisé");
    expect((await db.stall.findUniqueOrThrow({ where: { id: scene.stall.id } })).name).toBe(scene.stall.name);
  });

  it("saves the owner's changes and keeps the public slug", async () => {
    const response = await owner.post(`${stallUrl()}?index`, validStall);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Stand enregistré.");
    const stall = await db.stall.findUniqueOrThrow({ where: { id: scene.stall.id } });
    expect(stall).toMatchObject({ ...validStall, slug: scene.stall.slug });
  });

  it.each([
    ["an empty name", { name: "" }],
    ["a name over 80 characters", { name: "M".repeat(81) }],
    ["an unknown category", { category: "voitures" }],
  ])("refuses %s with 400 and writes nothing", async (_label, change) => {
    const response = await owner.post(`${stallUrl()}?index`, { ...validStall, ...change });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('aria-invalid="true"');
    const stall = await db.stall.findUniqueOrThrow({ where: { id: scene.stall.id } });
    expect(stall.name).toBe(scene.stall.name);
    expect(stall.category).toBe("miellerie");
    expect(stall.description).toBe("");
  });
});

describe("products", () => {
  it("adds a product with a price typed in euros, stored as cents", async () => {
    const response = await owner.post(`${stallUrl()}/products/new`, validProduct);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`${stallUrl()}/products`);
    const created = await db.product.findFirstOrThrow({ where: { stallId: scene.stall.id, name: "Miel de sapin" } });
    expect(created).toMatchObject({ priceCents: 1250, stock: 4, description: "500 g", active: true });

    await owner.post(`${stallUrl()}/products/new`, { ...validProduct, name: "Bougie", price: "7.5" });
    const candle = await db.product.findFirstOrThrow({ where: { stallId: scene.stall.id, name: "Bougie" } });
    expect(candle.priceCents).toBe(750);
  });

  it.each([
    ["a negative price", { price: "-3" }, "Le nombre ne peut pas être négatif"],
    ["a price that is not a number", { price: "abc" }, "Saisissez un prix comme 12,50"],
    ["a negative stock", { stock: "-1" }, "Le nombre ne peut pas être négatif"],
    ["a stock that is not a whole number", { stock: "2,5" }, "Saisissez un nombre entier"],
    ["an empty name", { name: "" }, "Ce champ est obligatoire"],
  ])("refuses %s with 400 and a message, and creates nothing", async (_label, change, message) => {
    const response = await owner.post(`${stallUrl()}/products/new`, { ...validProduct, ...change });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(message);
    expect(await db.product.count({ where: { stallId: scene.stall.id } })).toBe(1);
  });

  it("edits name, price and stock, and refuses a bad price without writing anything", async () => {
    const url = `${stallUrl()}/products/${scene.product.id}`;
    const bad = await owner.post(url, { intent: "save", ...validProduct, price: "12,505", stock: "7", stockWas: 10 });
    expect(bad.status).toBe(400);
    expect(await db.product.findUniqueOrThrow({ where: { id: scene.product.id } })).toMatchObject({
      name: scene.product.name,
      priceCents: 1000,
      stock: 10,
      stockVersion: 0,
    });

    const good = await owner.post(url, { intent: "save", ...validProduct, stock: "7", stockWas: 10 });
    expect(good.status).toBe(200);
    expect(await db.product.findUniqueOrThrow({ where: { id: scene.product.id } })).toMatchObject({
      name: "Miel de sapin",
      priceCents: 1250,
      stock: 7,
      stockVersion: 1,
    });
  });

  it("does not overwrite a stock that changed since the form was opened", async () => {
    await db.product.update({ where: { id: scene.product.id }, data: { stock: 8, stockVersion: { increment: 1 } } });
    const response = await owner.post(`${stallUrl()}/products/${scene.product.id}`, {
      intent: "save",
      ...validProduct,
      stock: "15",
      stockWas: 10,
    });
    expect(response.status).toBe(409);
    expect(await db.product.findUniqueOrThrow({ where: { id: scene.product.id } })).toMatchObject({
      stock: 8,
      name: scene.product.name,
    });
  });

  it("hides and shows a product, and reorders the list", async () => {
    const second = await createProduct(scene.stall.id, { name: "Second" });
    await db.product.update({ where: { id: second.id }, data: { position: 1 } });
    const hide = await owner.post(`${stallUrl()}/products?index`, {
      intent: "visibility",
      productId: scene.product.id,
      active: "false",
    });
    expect(hide.status).toBe(200);
    expect((await db.product.findUniqueOrThrow({ where: { id: scene.product.id } })).active).toBe(false);

    await owner.post(`${stallUrl()}/products?index`, { intent: "move", productId: second.id, direction: "up" });
    const order = await db.product.findMany({ where: { stallId: scene.stall.id }, orderBy: { position: "asc" } });
    expect(order.map((p) => p.id)).toEqual([second.id, scene.product.id]);
  });
});

describe("quick stock", () => {
  const stock = () => db.product.findUniqueOrThrow({ where: { id: scene.product.id } });

  it("adds and removes one per tap, bumping the stock version each time", async () => {
    const plus = await owner.post(`${stallUrl()}/stock`, { intent: "adjust", productId: scene.product.id, delta: 1 });
    expect(plus.status).toBe(200);
    expect(await stock()).toMatchObject({ stock: 11, stockVersion: 1 });
    await owner.post(`${stallUrl()}/stock`, { intent: "adjust", productId: scene.product.id, delta: -1 });
    await owner.post(`${stallUrl()}/stock`, { intent: "adjust", productId: scene.product.id, delta: -1 });
    expect(await stock()).toMatchObject({ stock: 9, stockVersion: 3 });
  });

  it("sets a typed number, and refuses a negative one with 400", async () => {
    const set = await owner.post(`${stallUrl()}/stock`, {
      intent: "set",
      productId: scene.product.id,
      stock: 2,
      stockWas: 10,
    });
    expect(set.status).toBe(200);
    expect(await stock()).toMatchObject({ stock: 2, stockVersion: 1 });
    const negative = await owner.post(`${stallUrl()}/stock`, { intent: "set", productId: scene.product.id, stock: -5 });
    expect(negative.status).toBe(400);
    expect(await stock()).toMatchObject({ stock: 2, stockVersion: 1 });
  });

  it("refuses an absurd stockWas with 400 (not a 500 from the database) and leaves the stock alone", async () => {
    const response = await owner.post(`${stallUrl()}/stock`, {
      intent: "set",
      productId: scene.product.id,
      stock: 5,
      stockWas: "99999999999999999999",
    });
    expect(response.status).toBe(400);
    expect(await stock()).toMatchObject({ stock: 10, stockVersion: 0 });
  });

  it("refuses a typed number with 409 when a sale changed the stock since the screen was shown", async () => {
    await db.product.update({ where: { id: scene.product.id }, data: { stock: 9, stockVersion: 1 } });
    const response = await owner.post(`${stallUrl()}/stock`, {
      intent: "set",
      productId: scene.product.id,
      stock: 20,
      stockWas: 10,
    });
    expect(response.status).toBe(409);
    expect(await stock()).toMatchObject({ stock: 9, stockVersion: 1 });
  });

  it("refuses to go below zero with 400 and a message", async () => {
    await db.product.update({ where: { id: scene.product.id }, data: { stock: 0 } });
    const response = await owner.post(`${stallUrl()}/stock`, {
      intent: "adjust",
      productId: scene.product.id,
      delta: -1,
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Le stock ne peut pas descendre sous zéro.");
    expect(await stock()).toMatchObject({ stock: 0, stockVersion: 0 });
  });

  it("never goes below zero under 20 concurrent taps on a stock of 5: exactly 5 succeed", async () => {
    await db.product.update({ where: { id: scene.product.id }, data: { stock: 5 } });
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        owner.post(`${stallUrl()}/stock`, { intent: "adjust", productId: scene.product.id, delta: -1 }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 400)).toHaveLength(15);
    expect(await stock()).toMatchObject({ stock: 0, stockVersion: 5 });
  });
});

describe("photos", () => {
  const photosUrl = () => `${stallUrl()}/photos`;

  it("stores a real PNG as two WebP files and a Photo row", async () => {
    const response = await owner.post(photosUrl(), {
      intent: "upload",
      alt: "Pots de miel",
      photos: await pngFile(),
    });
    expect(response.status).toBe(200);
    const photos = await db.photo.findMany({ where: { stallId: scene.stall.id } });
    expect(photos).toHaveLength(1);
    expect(photos[0]).toMatchObject({ alt: "Pots de miel", width: 900, height: 600 });
    expect(photos[0]!.src).toMatch(/^\/uploads\/.+\.webp$/);
    expect(photos[0]!.thumbSrc).toMatch(/^\/uploads\/.+\.webp$/);
    expect(photos[0]!.src).not.toBe(photos[0]!.thumbSrc);
    expect(await isStored(photos[0]!.src)).toBe(true);
    expect(await isStored(photos[0]!.thumbSrc)).toBe(true);
    const served = await owner.get(photos[0]!.thumbSrc);
    expect(served.headers.get("content-type")).toBe("image/webp");
  });

  it("takes several photos at once, edits a description and deletes a photo with its files", async () => {
    const form = new FormData();
    form.append("intent", "upload");
    form.append("photos", await pngFile("a.png"));
    form.append("photos", await pngFile("b.png", 400, 400));
    expect((await owner.post(photosUrl(), form)).status).toBe(200);
    const [first, second] = await db.photo.findMany({
      where: { stallId: scene.stall.id },
      orderBy: { position: "asc" },
    });
    expect(second).toBeDefined();

    expect((await owner.post(photosUrl(), { intent: "alt", photoId: first!.id, alt: "Le chalet" })).status).toBe(200);
    expect((await db.photo.findUniqueOrThrow({ where: { id: first!.id } })).alt).toBe("Le chalet");

    expect((await stranger.post(photosUrl(), { intent: "delete", photoId: first!.id })).status).toBe(403);
    expect((await owner.post(photosUrl(), { intent: "delete", photoId: first!.id })).status).toBe(200);
    expect(await db.photo.findUnique({ where: { id: first!.id } })).toBeNull();
    expect(await isStored(first!.src)).toBe(false);
    expect(await db.photo.count({ where: { stallId: scene.stall.id } })).toBe(1);
  });

  it("keeps to 8 photos under 12 parallel uploads, refusing the rest with 4xx and leaving no stray files", async () => {
    const before = new Set(await listUploads());
    const file = await pngFile("parallel.png", 300, 200);
    const responses = await Promise.all(
      Array.from({ length: 12 }, () => owner.post(photosUrl(), { intent: "upload", photos: file })),
    );
    const statuses = responses.map((r) => r.status);
    const photos = await db.photo.findMany({ where: { stallId: scene.stall.id } });
    expect(photos.length).toBeLessThanOrEqual(STALL_PHOTOS_MAX);
    expect(statuses.filter((s) => s === 200)).toHaveLength(photos.length);
    for (const status of statuses.filter((s) => s !== 200)) {
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
    }
    const added = (await listUploads()).filter((name) => !before.has(name));
    const expected = photos.flatMap((p) => [p.src.slice("/uploads/".length), p.thumbSrc.slice("/uploads/".length)]);
    expect(added.sort()).toEqual(expected.sort());
  });

  it("keeps to 4 photos per product under 6 parallel saves with a photo", async () => {
    const before = new Set(await listUploads());
    const file = await pngFile("product.png", 300, 200);
    const url = `${stallUrl()}/products/${scene.product.id}`;
    const responses = await Promise.all(
      Array.from({ length: 6 }, () =>
        owner.post(url, { intent: "save", ...validProduct, stock: "10", stockWas: "10", photo: file }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    const photos = await db.photo.findMany({ where: { productId: scene.product.id } });
    expect(photos.length).toBeLessThanOrEqual(PRODUCT_PHOTOS_MAX);
    expect(statuses.filter((s) => s === 200)).toHaveLength(photos.length);
    for (const status of statuses.filter((s) => s !== 200)) expect(status).toBe(400);
    const added = (await listUploads()).filter((name) => !before.has(name));
    const expected = photos.flatMap((p) => [p.src.slice("/uploads/".length), p.thumbSrc.slice("/uploads/".length)]);
    expect(added.sort()).toEqual(expected.sort());
  });

  it("answers 404 when the owner names another stall's photo on their own photo and product pages", async () => {
    const neighbour = await createUser({ name: "Neighbour" });
    const neighbourStall = await createStall(scene.market.id, neighbour.id);
    const neighbourClient = await clientFor(server, neighbour.id);
    const upload = await neighbourClient.post(`/merchant/stalls/${neighbourStall.id}/photos`, {
      intent: "upload",
      alt: "Chez le voisin",
      photos: await pngFile(),
    });
    expect(upload.status).toBe(200);
    const theirs = await db.photo.findFirstOrThrow({ where: { stallId: neighbourStall.id } });
    const productUrl = `${stallUrl()}/products/${scene.product.id}`;

    for (const url of [photosUrl(), productUrl]) {
      const alt = await owner.post(url, { intent: "alt", photoId: theirs.id, alt: "Volée" });
      expect(alt.status, `alt on ${url}`).toBe(404);
      const deleted = await owner.post(url, { intent: "delete", photoId: theirs.id });
      expect(deleted.status, `delete on ${url}`).toBe(404);
    }
    expect(await db.photo.findUniqueOrThrow({ where: { id: theirs.id } })).toEqual(theirs);
    expect(await isStored(theirs.src)).toBe(true);
    expect(await isStored(theirs.thumbSrc)).toBe(true);
  });

  it("refuses a file over the size limit with 413 and stores nothing", async () => {
    const before = await listUploads();
    const big = new File([new Uint8Array(MAX_UPLOAD_BYTES + 50_000)], "big.png", { type: "image/png" });
    const response = await owner.post(photosUrl(), { intent: "upload", photos: big });
    expect(response.status).toBe(413);
    expect(await response.text()).toContain("trop lourd");
    expect(await db.photo.count({ where: { stallId: scene.stall.id } })).toBe(0);
    expect(await listUploads()).toEqual(before);
  });

  it("refuses a text file named .png with 415 and stores nothing", async () => {
    const before = await listUploads();
    const fake = new File(["this is not a picture"], "fake.png", { type: "image/png" });
    const response = await owner.post(photosUrl(), { intent: "upload", photos: fake });
    expect(response.status).toBe(415);
    expect(await response.text()).toContain("n’est pas une image");
    expect(await db.photo.count({ where: { stallId: scene.stall.id } })).toBe(0);
    expect(await listUploads()).toEqual(before);
  });

  it("refuses a batch whose second file is fake with 415, removing the first one's stored files", async () => {
    const before = await listUploads();
    const form = new FormData();
    form.append("intent", "upload");
    form.append("photos", await pngFile("good.png"));
    form.append("photos", new File(["not a picture"], "fake.png", { type: "image/png" }));
    const response = await owner.post(photosUrl(), form);
    expect(response.status).toBe(415);
    expect(await db.photo.count({ where: { stallId: scene.stall.id } })).toBe(0);
    expect(await listUploads()).toEqual(before);
  });

  it("adds a photo to a product from the product form, and refuses a fake one", async () => {
    const url = `${stallUrl()}/products/${scene.product.id}`;
    const before = await listUploads();
    const fake = new File(["nope"], "fake.png", { type: "image/png" });
    const refused = await owner.post(url, {
      intent: "save",
      ...validProduct,
      stock: "10",
      stockWas: "10",
      photo: fake,
    });
    expect(refused.status).toBe(415);
    expect(await db.product.findUniqueOrThrow({ where: { id: scene.product.id } })).toMatchObject({
      name: scene.product.name,
    });
    expect(await listUploads()).toEqual(before);

    const ok = await owner.post(url, {
      intent: "save",
      ...validProduct,
      stock: "10",
      stockWas: "10",
      photo: await pngFile(),
    });
    expect(ok.status).toBe(200);
    const photos = await db.photo.findMany({ where: { productId: scene.product.id } });
    expect(photos).toHaveLength(1);
    expect(photos[0]!.alt).toBe("Miel de sapin");
  });
});

describe("accepting an invitation", () => {
  async function invite(email = "nouveau@example.test") {
    return createInvitation({
      marketId: scene.market.id,
      email,
      invitedById: scene.organiser.id,
      now: server.clock.now(),
    });
  }

  it("shows the market and the invited email, with log-in and sign-up links that come back", async () => {
    const { token } = await invite();
    const page = await anonymous.get(`/invitations/${token}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(scene.market.name);
    expect(html).toContain("nouveau@example.test");
    const back = encodeURIComponent(`/invitations/${token}`);
    expect(html).toContain(`/login?redirectTo=${back}`);
    expect(html).toContain(`/signup?redirectTo=${back}`);
  });

  it("creates a PENDING stall with a unique slug, and the token cannot be used twice", async () => {
    const { token, invitation } = await invite();
    const newcomer = await createUser({ name: "Newcomer" });
    const client = await clientFor(server, newcomer.id);
    await createStall(scene.market.id, scene.merchant.id, { name: "Taken" });
    await db.stall.updateMany({ where: { name: "Taken" }, data: { slug: "crepes-de-broceliande" } });

    const form = { name: "Crêpes de Brocéliande", category: "boulangerie", description: "", pickupDetails: "Chalet 9" };
    const response = await client.post(`/invitations/${token}`, form);
    expect(response.status).toBe(302);
    const stall = await db.stall.findFirstOrThrow({ where: { ownerId: newcomer.id } });
    expect(response.headers.get("location")).toBe(`/merchant/stalls/${stall.id}/products/new`);
    expect(stall).toMatchObject({
      status: "PENDING",
      marketId: scene.market.id,
      name: "Crêpes de Brocéliande",
      slug: "crepes-de-broceliande-2",
      category: "boulangerie",
    });
    expect((await db.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).acceptedAt).not.toBeNull();

    expect((await client.get(`/invitations/${token}`)).status).toBe(410);
    const again = await client.post(`/invitations/${token}`, { ...form, name: "Second stand" });
    expect(again.status).toBe(410);
    expect(await db.stall.count({ where: { ownerId: newcomer.id } })).toBe(1);
  });

  it("lets only one of two simultaneous acceptances through", async () => {
    const { token } = await invite();
    const newcomer = await createUser();
    const client = await clientFor(server, newcomer.id);
    const form = { name: "Bougies de Noël", category: "bougies" };
    const [a, b] = await Promise.all([
      client.post(`/invitations/${token}`, form),
      client.post(`/invitations/${token}`, form),
    ]);
    expect([a.status, b.status].sort()).toEqual([302, 410]);
    expect(await db.stall.count({ where: { ownerId: newcomer.id } })).toBe(1);
  });

  it("refuses bad stall details with 400 without using the invitation", async () => {
    const { token, invitation } = await invite();
    const client = await clientFor(server, (await createUser()).id);
    const response = await client.post(`/invitations/${token}`, { name: "", category: "voitures" });
    expect(response.status).toBe(400);
    expect((await db.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).acceptedAt).toBeNull();
  });

  it("answers 404 for an unknown token and 410 for an expired one", async () => {
    expect((await anonymous.get("/invitations/not-a-real-token")).status).toBe(404);
    const { token } = await invite();
    server.clock.advance(31 * 86400_000);
    try {
      const expired = await anonymous.get(`/invitations/${token}`);
      expect(expired.status).toBe(410);
      expect(await expired.text()).toContain("Invitation expirée");
    } finally {
      server.clock.set(new Date());
    }
  });

  it("sends a visitor who is not logged in to the log-in page when posting", async () => {
    const { token } = await invite();
    const response = await anonymous.post(`/invitations/${token}`, { name: "Stand", category: "bougies" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`/login?redirectTo=${encodeURIComponent(`/invitations/${token}`)}`);
  });
});
