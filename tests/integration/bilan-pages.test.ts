// The report's pages (issue 16): the organiser's "Bilan" tab and a merchant's, against the real
// server and database. The figures themselves are checked in the report model's tests; here, that
// the pages show them (summary, charts, tables, CSV links with the range), that each role reaches
// only its own (another town's organiser, another stall's merchant), and that a bad range is a
// clear 400 next to the form, never a 500.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import {
  createMarketScene,
  createOrganiser,
  createProduct,
  createStall,
  createTown,
  createUser,
} from "../fixtures/factories";
import { createOrder } from "../fixtures/orders";
import { clientFor, startTestServer, type TestServer } from "../setup/server";

const NOW = new Date("2026-12-05T12:00:00Z");
const NBSP = "\u00a0";

let server: TestServer;
let scene: Awaited<ReturnType<typeof createMarketScene>>;
let otherStall: { id: string; name: string };
beforeAll(async () => {
  server = await startTestServer({ now: NOW });
  scene = await createMarketScene(NOW);
  const honey = await createProduct(scene.stall.id, { priceCents: 900, name: "Miel de sapin" });
  const otherMerchant = await createUser({ name: "Other merchant" });
  otherStall = await createStall(scene.market.id, otherMerchant.id);
  const candle = await createProduct(otherStall.id, { priceCents: 1500, name: "Bougie" });
  const buyer = await createUser();
  await createOrder({
    marketId: scene.market.id,
    buyerId: buyer.id,
    paidAt: new Date("2026-12-05T11:30:00Z"),
    lines: [
      { product: honey, quantity: 2 },
      { product: candle, quantity: 1 },
    ],
  });
  // Three visitors on the stall's page, one of them on the market's page too (11:00–11:40, Paris 12:00–12:40).
  const at = (minute: number) => new Date(Date.UTC(2026, 11, 5, 11, minute));
  await db.pageVisit.createMany({
    data: [
      { marketId: scene.market.id, visitor: "v1", source: "QR", device: "PHONE", at: at(0) },
      {
        marketId: scene.market.id,
        stallId: scene.stall.id,
        visitor: "v1",
        source: "INTERNAL",
        device: "PHONE",
        at: at(1),
      },
      {
        marketId: scene.market.id,
        stallId: scene.stall.id,
        visitor: "v2",
        source: "DIRECT",
        device: "DESKTOP",
        at: at(20),
      },
      {
        marketId: scene.market.id,
        stallId: scene.stall.id,
        visitor: "v3",
        source: "SOCIAL",
        device: "PHONE",
        at: at(40),
      },
    ],
  });
});
afterAll(() => server.close());

const marketUrl = () => `/organiser/markets/${scene.market.id}/bilan`;
const stallUrl = (id = scene.stall.id) => `/merchant/stalls/${id}/bilan`;

describe("the organiser's Bilan", () => {
  it("shows the summary, the figures, the charts with their tables and the CSV links", async () => {
    const organiser = await clientFor(server, scene.organiser.id);
    const response = await organiser.get(marketUrl());
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Bilan du marché");
    // One order of 2 × 9 € + 15 € = 33 €, three visitors, on the edition's one day.
    expect(html).toMatch(/data-report-summary[^>]*>Le samedi 5 décembre, le marché «/);
    expect(html).toContain(`3 visiteurs et 1 commande, pour 33,00${NBSP}€ de ventes nettes.`);
    expect(html).toContain('data-chart="chart-days"');
    expect(html).toContain('data-chart="chart-hours"');
    expect(html).toContain('data-chart="chart-stalls"');
    expect(html.match(/role="img"/g)?.length).toBe(3);
    expect(html).toContain("<svg");
    expect(html).not.toContain("NaN");
    expect(html).toContain("<caption");
    // Both stalls, the busiest (18 € against 15 €) first.
    expect(html.indexOf(scene.stall.name)).toBeLessThan(html.indexOf(otherStall.name));
    expect(html.indexOf(otherStall.name)).toBeGreaterThan(0);
    expect(html).toContain(
      `href="/organiser/markets/${scene.market.id}/bilan.csv?table=days&amp;from=2026-12-05&amp;to=2026-12-05"`,
    );
    expect(html).toContain("Télécharger (CSV)");
    expect(html).toContain("Affiche (QR code)");
  });

  it("takes a range of days, and refuses a bad one with a clear 400 next to the form", async () => {
    const organiser = await clientFor(server, scene.organiser.id);
    const ok = await organiser.get(`${marketUrl()}?from=2026-12-01&to=2026-12-06`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("bilan.csv?table=hours&amp;from=2026-12-01&amp;to=2026-12-06");
    const cases = [
      ["?from=2026-12-10&to=2026-12-01", "La date de début est après la date de fin"],
      ["?from=2016-12-01&to=2026-12-01", "Cette période est trop longue"],
      ["?from=2026-02-30&to=2026-03-02", "Ces dates ne sont pas valides"],
      ["?from=n%27importe&to=quoi", "Ces dates ne sont pas valides"],
    ] as const;
    for (const [query, message] of cases) {
      const response = await organiser.get(`${marketUrl()}${query}`);
      expect(response.status, query).toBe(400);
      const html = await response.text();
      expect(html, query).toContain(message);
      expect(html, query).toContain('role="alert"');
      expect(html, query).not.toContain('data-chart="chart-days"');
    }
  });

  it("is refused to another town's organiser and to the market's merchants", async () => {
    const otherTown = await createTown();
    const stranger = await clientFor(server, (await createOrganiser(otherTown.id)).id);
    const strangerPage = await stranger.get(marketUrl());
    expect(strangerPage.status).toBe(403);
    expect(await strangerPage.text()).not.toContain(scene.stall.name);
    const merchant = await clientFor(server, scene.merchant.id);
    expect((await merchant.get(marketUrl())).status).toBe(403);
  });
});

describe("the merchant's Bilan", () => {
  it("shows their stall only, without the market-wide tables", async () => {
    const merchant = await clientFor(server, scene.merchant.id);
    const response = await merchant.get(stallUrl());
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Bilan de votre stand");
    // Their line only: 2 × 9 €, their three visitors.
    expect(html).toContain(
      `le stand «${NBSP}${scene.stall.name}${NBSP}» a reçu 3 visiteurs et 1 commande, pour 18,00${NBSP}€`,
    );
    expect(html).not.toContain(otherStall.name);
    expect(html).not.toContain('data-chart="chart-stalls"');
    expect(html).toContain(
      `href="/merchant/stalls/${scene.stall.id}/bilan.csv?table=days&amp;from=2026-12-05&amp;to=2026-12-05"`,
    );
  });

  it("is refused for another merchant's stall", async () => {
    const merchant = await clientFor(server, scene.merchant.id);
    const response = await merchant.get(stallUrl(otherStall.id));
    expect([403, 404]).toContain(response.status);
    expect(await response.text()).not.toContain("Bilan de votre stand");
  });
});
