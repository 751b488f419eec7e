// Importing products from a CSV file through the real server: a preview that writes nothing, a
// confirmation that re-reads the file and writes all of it or nothing, and every refusal with
// its message.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { StockUpdated } from "~/realtime/events";
import { db } from "~/utils/db.server";
import { createMarketScene, createProduct, createStall, createUser } from "../fixtures/factories";
import { clientFor, connectSocket, startTestServer, type TestClient, type TestServer } from "../setup/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

let scene: Awaited<ReturnType<typeof createMarketScene>>;
let owner: TestClient;
let stranger: TestClient;
beforeEach(async () => {
  scene = await createMarketScene(server.clock.now());
  const other = await createUser({ name: "Other merchant" });
  await createStall(scene.market.id, other.id);
  owner = await clientFor(server, scene.merchant.id);
  stranger = await clientFor(server, other.id);
});

const importUrl = () => `/merchant/stalls/${scene.stall.id}/products/import`;
const csv = (text: string, name = "produits.csv") => new File([text], name, { type: "text/csv" });
const productNames = async () =>
  (await db.product.findMany({ where: { stallId: scene.stall.id }, orderBy: { position: "asc" } })).map((p) => p.name);

/** The page's HTML with the text React escaped read back as written. */
async function page(response: Response) {
  return (await response.text()).replaceAll("&quot;", '"').replaceAll("&#x27;", "'").replaceAll("&amp;", "&");
}

async function preview(client: TestClient, file: File) {
  const response = await client.post(importUrl(), { intent: "preview", file });
  const html = await page(response);
  return { status: response.status, html, token: /name="token" value="([^"]+)"/.exec(html)?.[1] ?? "" };
}

const FIVE = [
  "nom;description;prix;stock;catégorie",
  "Miel de sapin;Pot de 500 g;12,50 €;4;Miellerie",
  "Nougat;;3,5;;",
  '"Coffret ""Noël""";"Trois pots ;\nmiel et nougat";24;2;',
  "Bougie;;8.00;5;Bougies",
  "Savon;;4;1;",
].join("\r\n");

describe("preview, then import", () => {
  it("previews without writing, then imports every product at the end of the list, with their stock", async () => {
    const shown = await preview(owner, csv(FIVE));
    expect(shown.status).toBe(200);
    expect(shown.html).toContain("À créer\u00a0: 5. À mettre à jour\u00a0: 0. Lignes à corriger\u00a0: 0.");
    expect(shown.html).toContain("Importer 5 produits");
    expect(await productNames()).toEqual([scene.product.name]);

    const done = await owner.post(importUrl(), { intent: "import", token: shown.token, file: csv(FIVE) });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe(`/merchant/stalls/${scene.stall.id}/products?created=5&updated=0`);
    expect(await productNames()).toEqual([
      scene.product.name,
      "Miel de sapin",
      "Nougat",
      'Coffret "Noël"',
      "Bougie",
      "Savon",
    ]);
    const nougat = await db.product.findFirstOrThrow({ where: { stallId: scene.stall.id, name: "Nougat" } });
    expect(nougat).toMatchObject({ priceCents: 350, stock: 1, description: "" });
    const list = await page(await owner.get(done.headers.get("location")!));
    expect(list).toContain("Import terminé. Produits créés\u00a0: 5. Produits mis à jour\u00a0: 0.");
  });

  it("updates a product of the same name instead of creating it twice, and publishes its new stock", async () => {
    const jar = await createProduct(scene.stall.id, { name: "Pain d’épices", stock: 3, priceCents: 500 });
    const socket = await connectSocket(server);
    const heard: StockUpdated[] = [];
    socket.on("stock:updated", (event) => heard.push(event));
    expect((await socket.emitWithAck("stall:join", { stallId: scene.stall.id })).ok).toBe(true);
    try {
      const file = csv("nom;prix;stock\npain d'epices;6,00;12\nNouveau;2;\n");
      const shown = await preview(owner, file);
      expect(shown.html).toContain("Mis à jour");
      expect(shown.html).toContain("stock 3 → 12");
      const done = await owner.post(importUrl(), { intent: "import", token: shown.token, file });
      expect(done.status).toBe(302);
      expect(await db.product.findUniqueOrThrow({ where: { id: jar.id } })).toMatchObject({
        name: "pain d'epices",
        priceCents: 600,
        stock: 12,
        stockVersion: 1,
        description: "",
      });
      expect(await db.product.count({ where: { stallId: scene.stall.id } })).toBe(3);
      await expect
        .poll(() => heard.flatMap((event) => event.products).find((level) => level.productId === jar.id))
        .toMatchObject({ stock: 12, stockVersion: 1 });
    } finally {
      socket.disconnect();
    }
  });
});

describe("nothing written", () => {
  it("refuses the whole file when one line is wrong, saying which and why", async () => {
    const file = csv(`${FIVE}\r\nGâteau;;douze;1;\r\n=SOMME(A1);;2;1;`);
    const shown = await preview(owner, file);
    expect(shown.status).toBe(422);
    expect(shown.html).toContain("Ligne 8\u00a0: le prix «\u00a0douze\u00a0» n’est pas un prix (par exemple 3,50).");
    expect(shown.html).toContain(
      "Ligne 9\u00a0: «\u00a0=SOMME(A1)\u00a0» commence par «\u00a0=\u00a0», comme une formule",
    );
    expect(shown.html).toMatch(/<button[^>]*disabled=""[^>]*>Importer 5 produits/);

    // Pressing the button anyway (or forging the form) imports nothing either.
    const forced = await owner.post(importUrl(), { intent: "import", token: shown.token, file });
    expect(forced.status).toBe(422);
    expect(await page(forced)).toContain("Rien n’a été importé\u00a0: corrigez d’abord les lignes signalées.");
    expect(await productNames()).toEqual([scene.product.name]);
  });

  it("shows a new preview instead of importing when the file changed since the preview", async () => {
    const shown = await preview(owner, csv(FIVE));
    const changed = csv(FIVE.replace("Savon;;4;1;", "Savon;;4;1;\r\nBonnet;;15;2;"));
    const response = await owner.post(importUrl(), { intent: "import", token: shown.token, file: changed });
    expect(response.status).toBe(409);
    const html = await page(response);
    expect(html).toContain("Le fichier ou les produits du stand ont changé depuis l’aperçu.");
    expect(html).toContain("Importer 6 produits");
    expect(await productNames()).toEqual([scene.product.name]);
  });

  it("shows a new preview when a product's stock changed since the preview (a sale)", async () => {
    const file = csv(`nom;prix;stock\n${scene.product.name};10;50\nNouveau;2;1\n`);
    const shown = await preview(owner, file);
    await db.product.update({ where: { id: scene.product.id }, data: { stock: 9, stockVersion: { increment: 1 } } });
    const response = await owner.post(importUrl(), { intent: "import", token: shown.token, file });
    expect(response.status).toBe(409);
    expect(await page(response)).toContain("stock 9 → 50");
    expect(await db.product.findUniqueOrThrow({ where: { id: scene.product.id } })).toMatchObject({ stock: 9 });
    expect(await productNames()).toEqual([scene.product.name]);
  });

  it("imports once when the same confirmation arrives twice at the same time", async () => {
    const shown = await preview(owner, csv(FIVE));
    const answers = await Promise.all(
      [1, 2].map(() => owner.post(importUrl(), { intent: "import", token: shown.token, file: csv(FIVE) })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([302, 409]);
    expect(await db.product.count({ where: { stallId: scene.stall.id } })).toBe(6);
  });

  it("refuses another merchant's stall, preview and import alike", async () => {
    for (const intent of ["preview", "import"]) {
      const response = await stranger.post(importUrl(), { intent, token: "x", file: csv(FIVE) });
      expect(response.status).toBe(403);
    }
    expect((await stranger.get(importUrl())).status).toBe(403);
    expect(await productNames()).toEqual([scene.product.name]);
  });

  it("refuses bad files with a readable message: 10,000 lines (fast), an image, no file, too big", async () => {
    const started = performance.now();
    const many = await preview(owner, csv(`nom;prix\n${"Savon;2\n".repeat(10_000)}`));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(many.status).toBe(400);
    expect(many.html).toContain("Ce fichier a plus de 500 produits");

    const png = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])], "photo.csv");
    const image = await preview(owner, png);
    expect(image.status).toBe(400);
    expect(image.html).toContain("Ce fichier n’est pas un fichier CSV (du texte).");

    const none = await owner.post(importUrl(), { intent: "preview", file: new File([], "") });
    expect(none.status).toBe(400);
    expect(await page(none)).toContain("Choisissez un fichier CSV.");

    const big = await preview(owner, csv(`nom;prix\n${`Savon;2;${"x".repeat(1000)}\n`.repeat(1100)}`));
    expect(big.status).toBe(413);
    expect(big.html).toContain("Ce fichier dépasse 1 Mo");
    expect(await productNames()).toEqual([scene.product.name]);
  });
});
