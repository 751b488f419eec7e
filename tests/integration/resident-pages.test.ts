// Visitor pages against the real server: which markets the home page shows as the TestClock
// moves, what is public (published markets, approved stalls), search and filter without JS,
// prices and stock labels, and link previews.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { createMarket, createProduct, createSession, createStall, createTown, createUser } from "../fixtures/factories";
import { startTestServer, TestClient, type TestServer } from "../setup/server";

// Saturday 5 December 2026, 13:00 in Paris.
const NOW = new Date("2026-12-05T12:00:00Z");
const at = (iso: string) => new Date(iso);

let server: TestServer;
let open: { slug: string; id: string };
let upcoming: { slug: string; id: string };
let past: { slug: string; id: string };
let draft: { slug: string; id: string };
let honey: { slug: string; id: string };
let chocolate: { slug: string; id: string };
let pending: { slug: string };
let rejected: { slug: string };
let product: { low: string; last: string; out: string; plenty: string; hidden: string };

beforeAll(async () => {
  server = await startTestServer({ now: NOW });
  const town = await createTown();
  const owner = await createUser();

  open = await createMarket(town.id);
  await db.market.update({
    where: { id: open.id },
    data: { name: "Marché ouvert", description: "Sous les lampions." },
  });
  await createSession(open.id, at("2026-12-05T09:00:00Z"), at("2026-12-05T18:00:00Z"));

  upcoming = await createMarket(town.id);
  // Tuesday 8 December, 10:00 in Paris.
  await createSession(upcoming.id, at("2026-12-08T09:00:00Z"), at("2026-12-08T17:00:00Z"));

  past = await createMarket(town.id);
  await createSession(past.id, at("2026-12-01T09:00:00Z"), at("2026-12-01T17:00:00Z"));

  draft = await createMarket(town.id, { status: "DRAFT" });
  await createSession(draft.id, at("2026-12-05T09:00:00Z"), at("2026-12-05T18:00:00Z"));

  honey = await createStall(open.id, owner.id, { name: "Miellerie des Coteaux" });
  await db.stall.update({
    where: { id: honey.id },
    data: { description: "Miels de Rueil", pickupDetails: "Retrait au chalet n° 4, place de l’Église." },
  });
  chocolate = await createStall(open.id, owner.id, { name: "Chocolats Dupont" });
  await db.stall.update({ where: { id: chocolate.id }, data: { category: "chocolatier", description: "Pralinés" } });
  pending = await createStall(open.id, owner.id, { status: "PENDING", name: "Crêpes en attente" });
  rejected = await createStall(open.id, owner.id, { status: "REJECTED", name: "Stand refusé" });

  const make = async (name: string, stock: number, position: number, priceCents = 1250) => {
    const p = await createProduct(honey.id, { name, stock, priceCents });
    await db.product.update({ where: { id: p.id }, data: { position } });
    return p.id;
  };
  product = {
    plenty: await make("Miel de printemps", 24, 0),
    low: await make("Miel de châtaignier", 3, 1, 900),
    last: await make("Pain d’épices", 1, 2),
    out: await make("Bougie", 0, 3),
    hidden: await make("Produit retiré", 5, 4),
  };
  await db.product.update({ where: { id: product.hidden }, data: { active: false } });
});
afterAll(() => server.close());

async function page(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, { headers });
  return { status: response.status, headers: response.headers, html: await response.text() };
}

/** Slugs of the market cards in one home page section. */
function sectionSlugs(html: string, section: string): string[] {
  const match = new RegExp(`data-section="${section}"[^>]*>([\\s\\S]*?)</ul>`).exec(html);
  return match ? [...match[1]!.matchAll(/data-market="([^"]+)"/g)].map((m) => m[1]!) : [];
}

/** Slugs of the stall cards rendered in the grid (not the loader data). */
function gridSlugs(html: string): string[] {
  return [...html.matchAll(/data-stall-slug="([^"]+)"/g)].map((m) => m[1]!);
}

function productHtml(html: string, id: string): string {
  const start = html.indexOf(`data-product-id="${id}"`);
  expect(start, `product ${id} is on the page`).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf("</article>", start));
}

const meta = (html: string, key: string) =>
  new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"`).exec(html)?.[1] ?? null;

describe("home page", () => {
  it("splits published markets into open now, to come and past, by the server's clock", async () => {
    server.clock.set(NOW);
    const { html } = await page("/");
    expect(sectionSlugs(html, "open")).toEqual([open.slug]);
    expect(sectionSlugs(html, "upcoming")).toEqual([upcoming.slug]);
    expect(sectionSlugs(html, "past")).toEqual([past.slug]);
    expect(html).not.toContain(draft.slug);
    // The upcoming card counts down from the server's time and says when it opens, in Paris time.
    expect(html).toContain("2 j 21:00:00");
    expect(html).toContain("Ouvre mardi 10:00");
  });

  it("lists a published market with no dates yet among those to come, last, saying its dates are to come", async () => {
    server.clock.set(NOW);
    const town = await createTown();
    const soon = await createMarket(town.id);
    try {
      const { html } = await page("/");
      expect(sectionSlugs(html, "upcoming")).toEqual([upcoming.slug, soon.slug]);
      expect(sectionSlugs(html, "past")).toEqual([past.slug]);
      expect(html).toContain("Dates à venir");
      const market = await page(`/m/${soon.slug}`);
      expect(market.html).toContain("Les dates de ce marché seront bientôt annoncées");
      expect(market.html).not.toContain("Terminé");
    } finally {
      await db.market.delete({ where: { id: soon.id } });
    }
  });

  it("does not say a past edition without stalls is getting them ready (issue 17)", async () => {
    server.clock.set(NOW);
    const { html } = await page("/");
    const card = (slug: string) => {
      const start = html.indexOf(`data-market="${slug}"`);
      expect(start, `card ${slug} is on the page`).toBeGreaterThan(-1);
      return html.slice(start, html.indexOf("</article>", start));
    };
    expect(card(upcoming.slug)).toContain("Chalets en préparation");
    expect(card(past.slug)).not.toContain("Chalets en préparation");
    expect(card(past.slug)).toContain("Pas de chalet en ligne");
    expect(card(open.slug)).toContain("2 chalets");
    const market = await page(`/m/${past.slug}`);
    expect(market.html).toContain("Cette édition n’a pas eu de chalet en ligne.");
    expect(market.html).not.toContain("Les artisans installent leurs chalets");
  });

  it("moves markets between sections when the clock moves", async () => {
    server.clock.set("2026-12-08T10:00:00Z");
    const { html } = await page("/");
    expect(sectionSlugs(html, "open")).toEqual([upcoming.slug]);
    expect(sectionSlugs(html, "upcoming")).toEqual([]);
    expect(sectionSlugs(html, "past").sort()).toEqual([open.slug, past.slug].sort());
    server.clock.set(NOW);
  });
});

describe("market page", () => {
  it("shows a published market with its status, sessions and approved stalls only", async () => {
    const { status, html, headers } = await page(`/m/${open.slug}`);
    expect(status).toBe(200);
    expect(html).toContain("Marché ouvert");
    expect(html).toContain("Ouvert maintenant");
    expect(html).toContain("Ferme à 19:00");
    expect(gridSlugs(html).sort()).toEqual([honey.slug, chocolate.slug].sort());
    expect(html).not.toContain("Crêpes en attente");
    expect(html).not.toContain("Stand refusé");
    expect(headers.get("cache-control")).toBe("private, no-cache");
  });

  it("lists the coming sessions in the market's timezone", async () => {
    const { html } = await page(`/m/${upcoming.slug}`);
    expect(html).toMatch(/mardi 8 décembre/);
    expect(html).toContain("10:00 – 18:00");
    expect(html).toContain("Ouvre mardi 10:00");
  });

  it("is a 404 for a draft or unknown market", async () => {
    expect((await page(`/m/${draft.slug}`)).status).toBe(404);
    expect((await page("/m/no-such-market")).status).toBe(404);
  });

  it("filters stalls by category and by text through the query string", async () => {
    expect(gridSlugs((await page(`/m/${open.slug}?category=chocolatier`)).html)).toEqual([chocolate.slug]);
    expect(gridSlugs((await page(`/m/${open.slug}?q=miel`)).html)).toEqual([honey.slug]);
    // Case and accents do not matter; every word must match.
    expect(gridSlugs((await page(`/m/${open.slug}?q=PRALIN%C3%89S`)).html)).toEqual([chocolate.slug]);
    expect(gridSlugs((await page(`/m/${open.slug}?q=miel&category=chocolatier`)).html)).toEqual([]);
    const none = await page(`/m/${open.slug}?q=introuvable`);
    expect(none.html).toContain("Aucun chalet ne correspond à votre recherche.");
  });

  it("draws the plan with a link per approved chalet and an equivalent list", async () => {
    const { html } = await page(`/m/${open.slug}`);
    const chalets = [...html.matchAll(/data-chalet="([^"]+)"/g)].map((m) => m[1]);
    expect(chalets.sort()).toEqual([honey.slug, chocolate.slug].sort());
    expect(html).toContain("Liste des chalets du plan");
    // By their stored numbers (given in the order of approval), each a link to the stall.
    const listed = [...html.matchAll(/Chalet (\d+)(?:<!-- -->)? : <\/span>([^<]+)/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(listed).toEqual(["1 Miellerie des Coteaux", "2 Chocolats Dupont"]);
  });

  it("gives link previews with the status and an absolute picture URL", async () => {
    const { html } = await page(`/m/${open.slug}`);
    expect(meta(html, "og:title")).toContain("Marché ouvert");
    expect(meta(html, "description")).toMatch(/^Ouvert maintenant/);
    expect(meta(html, "og:description")).toMatch(/^Ouvert maintenant/);
    expect(meta(html, "og:type")).toBe("website");
    expect(meta(html, "twitter:card")).toBe("summary_large_image");
    const image = meta(html, "og:image")!;
    expect(image).toBe(`${server.url}/og/m/${open.slug}.png`);

    const upcomingPage = await page(`/m/${upcoming.slug}`);
    expect(meta(upcomingPage.html, "og:description")).toMatch(/^Ouvre mardi 10:00/);

    const png = await fetch(image);
    expect(png.status).toBe(200);
    expect(png.headers.get("content-type")).toBe("image/png");
    const bytes = new Uint8Array(await png.arrayBuffer());
    expect([...bytes.slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(png.headers.get("cache-control")).toMatch(/public/);
    // A second fetch with the ETag is answered without a body.
    const again = await fetch(image, { headers: { "If-None-Match": png.headers.get("etag")! } });
    expect(again.status).toBe(304);
  });

  it("still draws the preview picture of a stall whose stored name holds a control character", async () => {
    // Written directly: the forms refuse such names now, but older rows may hold one.
    const odd = await createStall(open.id, (await createUser()).id, { name: "Miellerie\u0001 du Mont\u001f" });
    try {
      const png = await fetch(`${server.url}/og/m/${open.slug}/${odd.slug}.png`);
      expect(png.status).toBe(200);
      expect(png.headers.get("content-type")).toBe("image/png");
    } finally {
      await db.stall.delete({ where: { id: odd.id } });
    }
  });

  it("has no preview picture for what is not public", async () => {
    expect((await fetch(`${server.url}/og/m/${draft.slug}.png`)).status).toBe(404);
    expect((await fetch(`${server.url}/og/m/${open.slug}/${pending.slug}.png`)).status).toBe(404);
    expect((await fetch(`${server.url}/og/m/${open.slug}/${honey.slug}.png`)).status).toBe(200);
    expect((await fetch(`${server.url}/og/m/..%2Fetc.png`)).status).toBe(404);
  });
});

describe("stall page", () => {
  it("shows active products in order with fr-FR prices and stock labels", async () => {
    const { status, html, headers } = await page(`/m/${open.slug}/${honey.slug}`);
    expect(status).toBe(200);
    expect(headers.get("cache-control")).toBe("private, no-cache");
    expect(html).toContain("Miellerie des Coteaux");
    expect(html).toContain("Retrait au chalet n° 4, place de l’Église.");
    expect(html).not.toContain("Produit retiré");

    const order = ["Miel de printemps", "Miel de châtaignier", "Pain d’épices", "Bougie"].map((n) => html.indexOf(n));
    expect(order.every((i) => i > -1)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);

    expect(productHtml(html, product.low)).toMatch(/9,00[\u00a0\u202f ]€/);
    expect(productHtml(html, product.plenty)).toMatch(/12,50[\u00a0\u202f ]€/);
    expect(productHtml(html, product.plenty)).toContain("En stock");
    expect(productHtml(html, product.low)).toContain("Plus que 3");
    expect(productHtml(html, product.low)).toContain('data-stock="3"');
    expect(productHtml(html, product.last)).toContain("Dernier\u202f!");
    expect(productHtml(html, product.out)).toContain("Épuisé");
    expect(productHtml(html, product.out)).toContain('data-stock="0"');
  });

  it("speaks English to an English browser", async () => {
    const { html } = await page(`/m/${open.slug}/${honey.slug}`, { "Accept-Language": "en-GB,en;q=0.8" });
    expect(productHtml(html, product.low)).toContain("3 left");
    expect(productHtml(html, product.low)).toContain("€9.00");
    expect(productHtml(html, product.last)).toContain("Last one!");
    expect(productHtml(html, product.out)).toContain("Sold out");
  });

  it("shows the market's opening times and status, and previews with them", async () => {
    const { html } = await page(`/m/${open.slug}/${honey.slug}`);
    expect(html).toContain("Horaires du marché");
    expect(html).toContain("10:00 – 19:00");
    expect(meta(html, "og:description")).toMatch(/^Ouvert maintenant · ferme à 19:00/);
    expect(meta(html, "og:image")).toBe(`${server.url}/og/m/${open.slug}/${honey.slug}.png`);
    expect(meta(html, "og:title")).toContain("Miellerie des Coteaux");

    server.clock.set("2026-12-05T20:00:00Z");
    const closed = await page(`/m/${open.slug}/${honey.slug}`);
    expect(closed.html).toContain("Chalet fermé");
    server.clock.set(NOW);
  });

  it("server-renders the chat as a loading placeholder and the basket buttons as plain forms (issue 12)", async () => {
    const { html } = await page(`/m/${open.slug}/${honey.slug}`);
    // The chat needs JavaScript: the server draws its shape, busy, and the live panel mounts after hydration.
    expect(html).toContain('data-testid="chat-placeholder"');
    expect(html).toMatch(/<section id="chat" aria-labelledby="chat-title" aria-busy="true"/);
    expect(html).toContain("Chargement des messages…");
    expect(html).not.toContain('data-testid="chat-log"');
    expect(html).not.toContain('data-testid="chat-counter"');
    // Logging in to write works without JavaScript, and comes back to the chat.
    expect(html).toContain(`href="/login?redirectTo=${encodeURIComponent(`/m/${open.slug}/${honey.slug}#chat`)}"`);
    // Each product posts to /basket as a plain form (the fetcher's "stay" comes once live).
    const form = productHtml(html, product.low);
    expect(form).toMatch(/<form method="post" action="\/basket"/);
    expect(html).not.toContain('name="stay"');
    // What a browser without JavaScript sends: the form's fields and the pressed button's name and
    // value (the intent rides on it); the basket takes it and sends the visitor back to the stall.
    const fields = Object.fromEntries(
      [...form.matchAll(/<(?:input type="hidden"|button type="submit") name="([^"]+)" value="([^"]*)"/g)].map((m) => [
        m[1]!,
        m[2]!.replaceAll("&amp;", "&"),
      ]),
    );
    expect(fields).toEqual({ productId: product.low, redirectTo: `/m/${open.slug}/${honey.slug}`, intent: "add" });
    const added = await new TestClient(server.url).post("/basket", fields);
    expect(added.status).toBe(303);
    expect(added.headers.get("location")).toBe(`/m/${open.slug}/${honey.slug}`);
    await db.basketItem.deleteMany({ where: { productId: product.low } });
  });

  it("is a 404 for pending, rejected and unknown stalls, and for stalls of a draft market", async () => {
    expect((await page(`/m/${open.slug}/${pending.slug}`)).status).toBe(404);
    expect((await page(`/m/${open.slug}/${rejected.slug}`)).status).toBe(404);
    expect((await page(`/m/${open.slug}/no-such-stall`)).status).toBe(404);
    // A stall is found only under its own market.
    expect((await page(`/m/${upcoming.slug}/${honey.slug}`)).status).toBe(404);
    const draftOwner = await createUser();
    const draftStall = await createStall(draft.id, draftOwner.id);
    expect((await page(`/m/${draft.slug}/${draftStall.slug}`)).status).toBe(404);
  });
});
