// Printable posters (public like the pages they point to, a QR code that reads back as the page's
// address marked as a poster visit, the market's opening times folded into runs of days) and the
// market page's search of what is for sale, without JavaScript (the GET form's query string).
import jsQR from "jsqr";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { createMarket, createProduct, createSession, createStall, createTown, createUser } from "../fixtures/factories";
import { startTestServer, type TestServer } from "../setup/server";

// Saturday 5 December 2026, 13:00 in Paris.
const NOW = new Date("2026-12-05T12:00:00Z");

let server: TestServer;
let market: { id: string; slug: string };
let draft: { id: string; slug: string };
let honey: { id: string; slug: string };
let pending: { slug: string };
let elsewhere: { slug: string };

beforeAll(async () => {
  server = await startTestServer({ now: NOW });
  const town = await createTown();
  const owner = await createUser();
  market = await createMarket(town.id);
  await db.market.update({ where: { id: market.id }, data: { name: "Marché de Noël de Chatou" } });
  // Saturday to Monday 10:00–19:00, Tuesday late, then Thursday: three lines on the poster.
  for (const [day, close] of [
    ["05", 18],
    ["06", 18],
    ["07", 18],
    ["08", 20],
    ["10", 18],
  ] as const) {
    await createSession(market.id, new Date(`2026-12-${day}T09:00:00Z`), new Date(`2026-12-${day}T${close}:00:00Z`));
  }
  honey = await createStall(market.id, owner.id, { name: "Miellerie des Coteaux" });
  const spice = await createProduct(honey.id, { name: "Pain d’épices au miel", priceCents: 650 });
  await db.product.update({ where: { id: spice.id }, data: { description: "Tranché, recette de la maison." } });
  await createProduct(honey.id, { name: "Miel de châtaignier", priceCents: 900 });
  const retired = await createProduct(honey.id, { name: "Vin chaud d’hier", priceCents: 300 });
  await db.product.update({ where: { id: retired.id }, data: { active: false } });
  const bar = await createStall(market.id, owner.id, { name: "Buvette" });
  await createProduct(bar.id, { name: "Vin chaud", priceCents: 400 });
  pending = await createStall(market.id, owner.id, { name: "Crêpes", status: "PENDING" });

  draft = await createMarket(town.id, { status: "DRAFT" });
  const other = await createMarket(town.id);
  elsewhere = await createStall(other.id, owner.id, { name: "Ailleurs" });
});
afterAll(() => server.close());

async function get(path: string) {
  const response = await fetch(`${server.url}${path}`);
  return { status: response.status, html: await response.text() };
}

async function readQr(html: string): Promise<string | null> {
  const svg = /<svg role="img"[\s\S]*?<\/svg>/.exec(html)?.[0];
  if (!svg) return null;
  const { data, info } = await sharp(Buffer.from(svg), { density: 300 })
    .resize(400, 400)
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data ?? null;
}

const text = (html: string) =>
  html
    .replace(/<!-- -->/g, "")
    .replace(/&#x27;/g, "'")
    .replace(/[\u00a0\u202f]/g, " ");
/** What a reader of the poster sees: its text without tags. */
const visible = (html: string) => text(html).replace(/<[^>]+>/g, "");

describe("posters", () => {
  it("prints a stall's name, chalet, town, opening times and a QR code to its page", async () => {
    const { status, html } = await get(`/m/${market.slug}/${honey.slug}/affiche`);
    expect(status).toBe(200);
    const page = text(html);
    expect(page).toContain("Miellerie des Coteaux");
    expect(page).toMatch(/Chalet n°\s\d+/);
    expect(page).toContain("Marché de Noël de Chatou");
    expect(page).toContain("Commandez en ligne, retirez au marché");
    expect(page).toContain("@page { size: A4;");
    expect(page).toContain('aria-label="QR code vers la page du stand « Miellerie des Coteaux »"');
    // Runs of days at the same hours, in the market's time zone.
    expect(visible(html)).toContain("Du samedi 5 décembre au lundi 7 décembre · 10:00 – 19:00");
    expect(visible(html)).toContain("mardi 8 décembre · 10:00 – 21:00");
    expect(visible(html)).toContain("jeudi 10 décembre · 10:00 – 19:00");
    const url = await readQr(html);
    expect(url).toMatch(new RegExp(`^https?://[^/]+/m/${market.slug}/${honey.slug}\\?via=qr$`));
  });

  it("prints the market's poster, its QR code to the market's page", async () => {
    const { status, html } = await get(`/m/${market.slug}/affiche`);
    expect(status).toBe(200);
    expect(text(html)).toContain("Scannez pour découvrir les stands et commander");
    expect(await readQr(html)).toMatch(new RegExp(`/m/${market.slug}\\?via=qr$`));
  });

  it("is a 404 for what a visitor cannot see", async () => {
    for (const path of [
      `/m/${draft.slug}/affiche`,
      `/m/no-such-market/affiche`,
      `/m/${market.slug}/${pending.slug}/affiche`,
      `/m/${market.slug}/${elsewhere.slug}/affiche`,
      `/m/${market.slug}/no-such-stall/affiche`,
    ]) {
      expect((await get(path)).status, path).toBe(404);
    }
  });
});

describe("search without JavaScript", () => {
  /** The grid's stalls, each with the products the results name. */
  async function results(q: string): Promise<string[][]> {
    const { status, html } = await get(`/m/${market.slug}?q=${encodeURIComponent(q)}`);
    expect(status).toBe(200);
    const grid =
      /data-testid="stall-grid"[\s\S]*?<\/ul><\/section>|data-testid="stall-grid"[\s\S]*$/.exec(text(html))?.[0] ?? "";
    return grid
      .split("<li><article")
      .slice(1)
      .map((card) => [
        /data-stall-slug="([^"]+)"/.exec(card)![1]!,
        ...[...card.matchAll(/<li><span aria-hidden="true">🔎 <\/span>([^<]+)<\/li>/g)].map((m) => m[1]!),
      ]);
  }

  it("finds a product whatever the accents, case and apostrophes, and names it with its price", async () => {
    for (const q of ["pain d'epices", "pain d’épices", "PAIN D EPICES"]) {
      expect(await results(q), q).toEqual([[honey.slug, "Pain d’épices au miel — 6,50 €"]]);
    }
    // A description's words, and never a withdrawn product.
    expect(await results("maison")).toEqual([[honey.slug, "Pain d’épices au miel — 6,50 €"]]);
    expect((await results("vin chaud")).map(([slug]) => slug)).not.toContain(honey.slug);
    expect(await results("chataignier")).toEqual([[honey.slug, "Miel de châtaignier — 9,00 €"]]);
  });

  it("still finds stalls by their own name, and nothing for no match", async () => {
    expect((await results("coteaux")).map(([slug]) => slug)).toEqual([honey.slug]);
    const { html } = await get(`/m/${market.slug}?q=introuvable`);
    expect(html).toContain("Aucun chalet ne correspond à votre recherche.");
  });
});
