// The market's report ("Bilan", issue 16): every figure of buildMarketReport and of its CSV files,
// from visits, chats and orders written straight into the database around two time zones'
// midnights (Europe/Paris, UTC+1 in December; Pacific/Auckland, UTC+13), hand-counted below. A
// merchant reads only their stall, an organiser only their town's markets; a bad range or table
// is a clear 400.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseReportRange } from "~/models/report-range";
import { buildMarketReport } from "~/models/report.server";
import { db } from "~/utils/db.server";
import {
  createMarket,
  createOrganiser,
  createProduct,
  createSession,
  createStall,
  createTown,
  createUser,
} from "../fixtures/factories";
import { createOrder } from "../fixtures/orders";
import { clientFor, startTestServer, type TestServer } from "../setup/server";

const NOW = new Date("2026-12-20T12:00:00Z");
const RANGE = { from: "2026-12-12", to: "2026-12-13" };

// Paris local times (UTC+1).
const C = new Date("2026-12-12T14:00:00Z"); // 15:00 on the 12th
const A = new Date("2026-12-12T22:30:00Z"); // 23:30 on the 12th
const B = new Date("2026-12-12T23:30:00Z"); // 00:30 on the 13th
const D = new Date("2026-12-13T15:00:00Z"); // 16:00 on the 13th
const AFTER = new Date("2026-12-13T23:30:00Z"); // 00:30 on the 14th: outside the range
const BEFORE = new Date("2026-12-11T22:30:00Z"); // 23:30 on the 11th: outside the range
const plus = (at: Date, seconds: number) => new Date(at.getTime() + seconds * 1000);

let server: TestServer;
type Scene = Awaited<ReturnType<typeof parisScene>>;
let scene: Scene;

async function parisScene() {
  const town = await createTown();
  const organiser = await createOrganiser(town.id);
  const market = await createMarket(town.id, { timezone: "Europe/Paris" });
  const s1 = await createSession(market.id, new Date("2026-12-12T13:00:00Z"), new Date("2026-12-12T23:00:00Z"));
  const s2 = await createSession(market.id, new Date("2026-12-13T13:00:00Z"), new Date("2026-12-13T17:00:00Z"));
  // Cancelled: B falls in it, and counts in no session.
  const s3 = await createSession(market.id, new Date("2026-12-12T23:00:00Z"), new Date("2026-12-13T01:00:00Z"));
  await db.marketSession.update({ where: { id: s3.id }, data: { cancelledAt: new Date("2026-12-01T00:00:00Z") } });
  const m1 = await createUser({ name: "Miel" });
  const m2 = await createUser({ name: "Crêpes" });
  const m3 = await createUser({ name: "Calme" });
  const st1 = await createStall(market.id, m1.id, { name: "Au miel d’or" });
  const st2 = await createStall(market.id, m2.id, { name: "=Crêpes" });
  const st3 = await createStall(market.id, m3.id, { name: "Bougies" });
  await createStall(market.id, m3.id, { name: "En attente", status: "PENDING" });
  const p1 = await createProduct(st1.id, { priceCents: 1000, name: "Miel" });
  const p2 = await createProduct(st2.id, { priceCents: 500, name: "Crêpe" });
  const [u1, u2, u3] = [await createUser(), await createUser(), await createUser()];

  // Visits. Hashes are per day: "a" on the 13th is another visitor-day than "a" on the 12th.
  const visit = (visitor: string, stallId: string | null, source: string, device: string, at: Date) => ({
    marketId: market.id,
    stallId,
    visitor,
    source,
    device,
    at,
  });
  await db.pageVisit.createMany({
    data: [
      visit("a", null, "DIRECT", "PHONE", C),
      visit("a", st1.id, "INTERNAL", "PHONE", plus(C, 60)),
      visit("a", st1.id, "INTERNAL", "PHONE", A),
      visit("b", st1.id, "QR", "PHONE", A),
      visit("b", st2.id, "SOCIAL", "DESKTOP", A),
      visit("a", st2.id, "TOWN", "DESKTOP", B),
      visit("c", null, "SOCIAL", "PHONE", D),
      visit("c", null, "DIRECT", "PHONE", plus(D, 60)),
      visit("z", st1.id, "DIRECT", "PHONE", AFTER),
      visit("z", st1.id, "DIRECT", "PHONE", BEFORE),
    ],
  });

  // Orders. u3 bought in another market of the town before the range: returning.
  const earlier = await createMarket(town.id);
  const earlierStall = await createStall(earlier.id, m3.id);
  const earlierProduct = await createProduct(earlierStall.id, { priceCents: 100 });
  await createOrder({
    marketId: earlier.id,
    buyerId: u3.id,
    paidAt: new Date("2026-12-01T10:00:00Z"),
    lines: [{ product: earlierProduct, quantity: 1 }],
  });
  // u2 bought in another town before: still new here.
  const elsewhere = await createMarket((await createTown()).id);
  const elsewhereStall = await createStall(elsewhere.id, m3.id);
  await createOrder({
    marketId: elsewhere.id,
    buyerId: u2.id,
    paidAt: new Date("2026-12-01T10:00:00Z"),
    lines: [{ product: await createProduct(elsewhereStall.id), quantity: 1 }],
  });
  const o1 = await createOrder({
    marketId: market.id,
    buyerId: u1.id,
    paidAt: C,
    lines: [
      { product: p1, quantity: 2 },
      { product: p2, quantity: 1 },
    ],
  });
  const o2 = await createOrder({
    marketId: market.id,
    buyerId: u2.id,
    paidAt: A,
    lines: [
      { product: p1, quantity: 1, status: "REFUSED" },
      { product: p2, quantity: 2, status: "COLLECTED" },
    ],
  });
  const o3 = await createOrder({
    marketId: market.id,
    buyerId: u1.id,
    paidAt: B,
    status: "REFUNDED",
    lines: [{ product: p2, quantity: 1 }],
  });
  const o4 = await createOrder({
    marketId: market.id,
    buyerId: u3.id,
    paidAt: D,
    lines: [{ product: p1, quantity: 3 }],
  });
  await createOrder({
    marketId: market.id,
    buyerId: u3.id,
    paidAt: D,
    status: "RELEASED",
    lines: [{ product: p1, quantity: 5 }],
  });
  await createOrder({ marketId: market.id, buyerId: u2.id, paidAt: AFTER, lines: [{ product: p1, quantity: 1 }] });

  // Chat. st1: r1 asks twice in a row (one question), answered 120 s later; r2 asks at 23:30,
  // answered at 00:30 (3600 s, across midnight); r1 asks on the 13th (a deleted message, then
  // one kept) and is never answered. st2: r2 asks, a deleted merchant message is no answer, the
  // merchant answers 600 s later.
  const message = (stallId: string, authorId: string, createdAt: Date, deleted = false) =>
    db.chatMessage.create({
      data: { stallId, authorId, body: "…", createdAt, deletedAt: deleted ? createdAt : null },
    });
  await message(st1.id, u1.id, C);
  await message(st1.id, u1.id, plus(C, 30));
  await message(st1.id, m1.id, plus(C, 120));
  await message(st1.id, u2.id, A);
  await message(st1.id, m1.id, B);
  await message(st1.id, u1.id, D, true);
  await message(st1.id, u1.id, plus(D, 60));
  await message(st1.id, u1.id, AFTER);
  await message(st2.id, u2.id, C);
  await message(st2.id, m2.id, plus(C, 60), true);
  await message(st2.id, m2.id, plus(C, 600));

  return { town, organiser, market, s1, s2, st1, st2, st3, m1, m2, o1, o2, o3, o4 };
}

beforeAll(async () => {
  server = await startTestServer({ now: NOW });
  scene = await parisScene();
});
afterAll(() => server.close());

const sales = (orders: number, items: number, paidCents: number, refundedCents: number) => ({
  orders,
  items,
  paidCents,
  refundedCents,
  netCents: paidCents - refundedCents,
});

describe("the market's report", () => {
  it("counts every figure in the market's local days and hours", async () => {
    const report = await buildMarketReport(scene.market.id, RANGE, {}, NOW);
    expect(report.range).toEqual(RANGE);
    expect(report.edition).toEqual({ from: "2026-12-12", to: "2026-12-13" });
    expect(report.scope).toEqual({ kind: "market" });
    expect(report.market).toMatchObject({ id: scene.market.id, townName: scene.town.name, timezone: "Europe/Paris" });
    expect(report.computedAt).toBe(NOW.toISOString());
    expect(report.days).toEqual([
      { day: "2026-12-12", visitors: 2, marketViews: 1, stallViews: 4, messages: 6, ...sales(2, 5, 4500, 1000) },
      { day: "2026-12-13", visitors: 2, marketViews: 2, stallViews: 1, messages: 2, ...sales(2, 3, 3500, 500) },
    ]);
    expect(report.totals).toEqual({
      ...sales(4, 8, 8000, 1500),
      visitors: 4,
      views: 8,
      marketViews: 3,
      stallViews: 5,
      buyers: 3,
      newBuyers: 2,
      returningBuyers: 1,
      averageBasketCents: 2000,
      conversations: 4,
      messages: 8,
      questions: 4,
      answered: 3,
      answeredShare: 0.75,
      medianFirstAnswerSeconds: 600,
      // 4 orders / 3 stall-page visitor-days (a and b on the 12th, a on the 13th)
      conversion: 4 / 3,
    });
    expect(report.sessions).toEqual([
      {
        sessionId: scene.s1.id,
        startsAt: "2026-12-12T13:00:00.000Z",
        endsAt: "2026-12-12T23:00:00.000Z",
        visitors: 2,
        views: 5,
        ...sales(2, 5, 4500, 1000),
      },
      {
        sessionId: scene.s2.id,
        startsAt: "2026-12-13T13:00:00.000Z",
        endsAt: "2026-12-13T17:00:00.000Z",
        visitors: 1,
        views: 2,
        ...sales(1, 3, 3000, 0),
      },
    ]);
    const busy = report.hours.filter((h) => h.views || h.orders || h.paidCents);
    expect(report.hours).toHaveLength(24);
    expect(busy).toEqual([
      { hour: 0, views: 1, orders: 1, paidCents: 500 },
      { hour: 15, views: 2, orders: 1, paidCents: 2500 },
      { hour: 16, views: 2, orders: 1, paidCents: 3000 },
      { hour: 23, views: 3, orders: 1, paidCents: 2000 },
    ]);
    expect(report.sources).toEqual([
      { key: "DIRECT", visitors: 2, views: 2 },
      { key: "SOCIAL", visitors: 2, views: 2 },
      { key: "TOWN", visitors: 1, views: 1 },
      { key: "QR", visitors: 1, views: 1 },
      { key: "SEARCH", visitors: 0, views: 0 },
      { key: "OTHER", visitors: 0, views: 0 },
    ]);
    expect(report.devices).toEqual([
      { key: "PHONE", visitors: 3, views: 4 },
      { key: "DESKTOP", visitors: 2, views: 2 },
    ]);
    expect(report.stalls).toEqual([
      {
        stallId: scene.st1.id,
        stallName: "Au miel d’or",
        visitors: 2,
        views: 3,
        conversations: 3,
        messages: 6,
        questions: 3,
        answered: 2,
        medianFirstAnswerSeconds: 1860,
        conversion: 1.5,
        ...sales(3, 5, 6000, 1000),
      },
      {
        stallId: scene.st2.id,
        stallName: "=Crêpes",
        visitors: 2,
        views: 2,
        conversations: 1,
        messages: 2,
        questions: 1,
        answered: 1,
        medianFirstAnswerSeconds: 600,
        conversion: 1.5,
        ...sales(3, 3, 2000, 500),
      },
      {
        stallId: scene.st3.id,
        stallName: "Bougies",
        visitors: 0,
        views: 0,
        conversations: 0,
        messages: 0,
        questions: 0,
        answered: 0,
        medianFirstAnswerSeconds: null,
        conversion: null,
        ...sales(0, 0, 0, 0),
      },
    ]);
  });

  it("for one stall, counts only its page views, its chat and its order lines", async () => {
    const report = await buildMarketReport(scene.market.id, RANGE, { stallId: scene.st1.id }, NOW);
    expect(report.scope).toEqual({ kind: "stall", stallId: scene.st1.id, stallName: "Au miel d’or" });
    expect(report.stalls.map((s) => s.stallId)).toEqual([scene.st1.id]);
    expect(report.days).toEqual([
      { day: "2026-12-12", visitors: 2, marketViews: 0, stallViews: 3, messages: 4, ...sales(2, 2, 3000, 1000) },
      { day: "2026-12-13", visitors: 0, marketViews: 0, stallViews: 0, messages: 2, ...sales(1, 3, 3000, 0) },
    ]);
    expect(report.totals).toMatchObject({
      ...sales(3, 5, 6000, 1000),
      visitors: 2,
      views: 3,
      marketViews: 0,
      stallViews: 3,
      buyers: 3,
      newBuyers: 2,
      returningBuyers: 1,
      averageBasketCents: 2000,
      conversations: 3,
      messages: 6,
      questions: 3,
      answered: 2,
      answeredShare: 2 / 3,
      medianFirstAnswerSeconds: 1860,
      conversion: 1.5,
    });
    expect(report.sources.filter((s) => s.visitors)).toEqual([{ key: "QR", visitors: 1, views: 1 }]);
    expect(report.sessions.map((s) => [s.visitors, s.views, s.orders, s.paidCents])).toEqual([
      [2, 3, 2, 3000],
      [0, 0, 1, 3000],
    ]);
  });

  it("refuses a stall of another market (404)", async () => {
    const other = await createMarket(scene.town.id);
    const stall = await createStall(other.id, scene.m1.id);
    await expect(buildMarketReport(scene.market.id, RANGE, { stallId: stall.id }, NOW)).rejects.toMatchObject({
      status: 404,
    });
  });

  it("cuts days at the market's own midnight: Pacific/Auckland (UTC+13)", async () => {
    const town = await createTown();
    const market = await createMarket(town.id, { timezone: "Pacific/Auckland" });
    const merchant = await createUser();
    const stall = await createStall(market.id, merchant.id);
    const product = await createProduct(stall.id, { priceCents: 700 });
    const buyer = await createUser();
    const lateOn12 = new Date("2026-12-12T10:30:00Z"); // 23:30 on the 12th in Auckland (Paris: 11:30)
    const earlyOn13 = new Date("2026-12-12T11:30:00Z"); // 00:30 on the 13th in Auckland
    const firstInstant = new Date("2026-12-11T11:00:00Z"); // 00:00 on the 12th in Auckland
    const lastBefore = new Date("2026-12-11T10:59:59.999Z"); // 23:59:59.999 on the 11th
    await db.pageVisit.createMany({
      data: [lateOn12, earlyOn13, firstInstant, lastBefore].map((at, i) => ({
        marketId: market.id,
        stallId: stall.id,
        visitor: `v${i}`,
        source: "DIRECT",
        device: "PHONE",
        at,
      })),
    });
    await createOrder({ marketId: market.id, buyerId: buyer.id, paidAt: lateOn12, lines: [{ product, quantity: 1 }] });
    await createOrder({ marketId: market.id, buyerId: buyer.id, paidAt: earlyOn13, lines: [{ product, quantity: 2 }] });
    const report = await buildMarketReport(market.id, RANGE, {}, NOW);
    expect(report.days.map((d) => [d.day, d.visitors, d.stallViews, d.orders, d.paidCents])).toEqual([
      ["2026-12-12", 2, 2, 1, 700],
      ["2026-12-13", 1, 1, 1, 1400],
    ]);
    expect(report.hours.filter((h) => h.views).map((h) => [h.hour, h.views, h.orders])).toEqual([
      [0, 2, 1],
      [23, 1, 1],
    ]);
    // The 12th alone: the 00:30 of the 13th is out.
    const day12 = await buildMarketReport(market.id, { from: "2026-12-12", to: "2026-12-12" }, {}, NOW);
    expect(day12.totals).toMatchObject({ visitors: 2, orders: 1, paidCents: 700, newBuyers: 1, returningBuyers: 0 });
    // The 13th alone: the buyer's order of the 12th makes them returning.
    const day13 = await buildMarketReport(market.id, { from: "2026-12-13", to: "2026-12-13" }, {}, NOW);
    expect(day13.totals).toMatchObject({ visitors: 1, orders: 1, paidCents: 1400, newBuyers: 0, returningBuyers: 1 });
  });
});

describe("parseReportRange", () => {
  const edition = { from: "2026-11-27", to: "2026-12-24" };
  it("reads local days, and falls back on the edition or the last 30 days", () => {
    expect(parseReportRange({ from: "2026-12-01", to: "2026-12-07" }, edition, "Europe/Paris", NOW)).toEqual({
      ok: true,
      range: { from: "2026-12-01", to: "2026-12-07" },
    });
    expect(parseReportRange({}, edition, "Europe/Paris", NOW)).toEqual({ ok: true, range: edition });
    expect(parseReportRange({ from: "", to: null }, null, "Europe/Paris", NOW)).toEqual({
      ok: true,
      range: { from: "2026-11-21", to: "2026-12-20" },
    });
    // Already the 21st in Auckland at 12:00 UTC on the 20th.
    expect(parseReportRange({}, null, "Pacific/Auckland", new Date("2026-12-20T12:00:00Z"))).toEqual({
      ok: true,
      range: { from: "2026-11-22", to: "2026-12-21" },
    });
    expect(parseReportRange({ from: "2025-12-01", to: "2026-12-01" }, null, "Europe/Paris", NOW).ok).toBe(true);
  });
  it("refuses impossible dates, an inverted range and more than 366 days", () => {
    const parse = (from: string, to: string) => parseReportRange({ from, to }, edition, "Europe/Paris", NOW);
    expect(parse("2026-02-30", "2026-03-01")).toEqual({ ok: false, error: "invalid" });
    expect(parse("2026-12-01", "12/07/2026")).toEqual({ ok: false, error: "invalid" });
    expect(parse("2026-12-01", "2026-13-01")).toEqual({ ok: false, error: "invalid" });
    expect(parse("2026-12-07", "2026-12-01")).toEqual({ ok: false, error: "inverted" });
    expect(parse("2016-12-01", "2026-12-01")).toEqual({ ok: false, error: "too-long" });
    expect(parse("2025-11-30", "2026-12-01")).toEqual({ ok: false, error: "too-long" });
  });
});

describe("the report's CSV files", () => {
  const url = (table: string, query = "from=2026-12-12&to=2026-12-13") =>
    `/organiser/markets/${scene.market.id}/bilan.csv?table=${table}&${query}`;
  const rows = async (response: Response) => {
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    return new TextDecoder("utf-8", { ignoreBOM: false }).decode(bytes).split("\r\n");
  };

  it("has each table's rows for the organiser, in French", async () => {
    const organiser = await clientFor(server, scene.organiser.id);
    const days = await organiser.get(url("days"));
    expect(days.headers.get("content-disposition")).toBe(
      `attachment; filename="bilan-jours-${scene.market.slug}-2026-12-20.csv"`,
    );
    expect(await rows(days)).toEqual([
      "Jour;Visiteurs (uniques par jour);Pages du marché vues;Pages des stands vues;Messages;Commandes;Articles;Payé (€);Remboursé (€);Net (€)",
      "2026-12-12;2;1;4;6;2;5;45,00;10,00;35,00",
      "2026-12-13;2;2;1;2;2;3;35,00;5,00;30,00",
      "",
    ]);
    expect(await rows(await organiser.get(url("sessions")))).toEqual([
      "Séance;Début;Fin;Visiteurs (uniques par jour);Pages vues;Commandes;Articles;Payé (€);Remboursé (€);Net (€)",
      "1;2026-12-12 14:00;2026-12-13 00:00;2;5;2;5;45,00;10,00;35,00",
      "2;2026-12-13 14:00;2026-12-13 18:00;1;2;1;3;30,00;0,00;30,00",
      "",
    ]);
    const hours = await rows(await organiser.get(url("hours")));
    expect(hours[0]).toBe("Heure;Pages vues;Commandes;Payé (€)");
    expect(hours).toHaveLength(26);
    expect(hours[1]).toBe("00:00;1;1;5,00");
    expect(hours[24]).toBe("23:00;3;1;20,00");
    expect(await rows(await organiser.get(url("sources")))).toEqual([
      "Provenance;Visiteurs (uniques par jour);Pages vues",
      "Accès direct;2;2",
      "Réseau social;2;2",
      "Site de la ville;1;1",
      "Affiche (QR code);1;1",
      "Moteur de recherche;0;0",
      "Autre site;0;0",
      "",
    ]);
    expect(await rows(await organiser.get(url("devices")))).toEqual([
      "Appareil;Visiteurs (uniques par jour);Pages vues",
      "Téléphone;3;4",
      "Ordinateur;2;2",
      "",
    ]);
    expect(await rows(await organiser.get(url("stalls")))).toEqual([
      "Stand;Visiteurs (uniques par jour);Pages vues;Conversations;Messages;Questions;Questions répondues;Délai médian de réponse (secondes);Conversion (commandes par visiteur);Commandes;Articles;Payé (€);Remboursé (€);Net (€)",
      "Au miel d’or;2;3;3;6;3;2;1860;1,5;3;5;60,00;10,00;50,00",
      "'=Crêpes;2;2;1;2;1;1;600;1,5;3;3;20,00;5,00;15,00",
      "Bougies;0;0;0;0;0;0;;;0;0;0,00;0,00;0,00",
      "",
    ]);
    // One stall of the market, for the organiser.
    expect(
      await rows(await organiser.get(url("stalls", `stall=${scene.st2.id}&from=2026-12-12&to=2026-12-13`))),
    ).toEqual([expect.stringMatching(/^Stand;/), "'=Crêpes;2;2;1;2;1;1;600;1,5;3;3;20,00;5,00;15,00", ""]);
  });

  it("follows the reader's language (English: commas and decimal points)", async () => {
    const organiser = await clientFor(server, scene.organiser.id);
    const response = await organiser.request(url("days"), { headers: { "Accept-Language": "en-GB,en;q=0.8" } });
    const lines = await rows(response);
    expect(lines[0]).toBe(
      "Day,Visitors (unique per day),Market page views,Stall page views,Messages,Orders,Items,Paid (€),Refunded (€),Net (€)",
    );
    expect(lines[1]).toBe("2026-12-12,2,1,4,6,2,5,45.00,10.00,35.00");
  });

  it("gives a merchant their own stall only", async () => {
    const merchant = await clientFor(server, scene.m1.id);
    const own = await rows(
      await merchant.get(`/merchant/stalls/${scene.st1.id}/bilan.csv?table=stalls&from=2026-12-12&to=2026-12-13`),
    );
    expect(own).toEqual([
      expect.stringMatching(/^Stand;/),
      "Au miel d’or;2;3;3;6;3;2;1860;1,5;3;5;60,00;10,00;50,00",
      "",
    ]);
    expect(
      await rows(
        await merchant.get(`/merchant/stalls/${scene.st1.id}/bilan.csv?table=days&from=2026-12-13&to=2026-12-13`),
      ),
    ).toEqual([expect.stringMatching(/^Jour;/), "2026-12-13;0;0;0;2;1;3;30,00;0,00;30,00", ""]);
    const other = await merchant.get(`/merchant/stalls/${scene.st2.id}/bilan.csv?table=stalls`);
    expect(other.status).toBe(403);
    expect(await other.text()).not.toContain("Crêpes;");
    // Nor the market's file.
    expect((await merchant.get(url("days"))).status).toBe(404);
  });

  it("refuses an organiser of another town, a stall of another market, and anyone logged out", async () => {
    const stranger = await clientFor(server, (await createOrganiser((await createTown()).id)).id);
    expect((await stranger.get(url("days"))).status).toBe(404);
    const theirMarket = await createMarket((await createTown()).id);
    const theirStall = await createStall(theirMarket.id, (await createUser()).id);
    const organiser = await clientFor(server, scene.organiser.id);
    expect((await organiser.get(url("days", `stall=${theirStall.id}`))).status).toBe(404);
    const anonymous = await clientFor(server, null);
    const response = await anonymous.get(url("days"));
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toMatch(/^\/login/);
  });

  it("answers a bad table or range with a clear 400", async () => {
    const organiser = await clientFor(server, scene.organiser.id);
    const merchant = await clientFor(server, scene.m1.id);
    const cases: [string, string][] = [
      [url("nope"), "Ce tableau n’existe pas"],
      [url("", "from=2026-12-12"), "Ce tableau n’existe pas"],
      [url("days", "from=2026-02-30&to=2026-03-02"), "Cette date n’existe pas"],
      [url("days", "from=2026-12-13&to=2026-12-12"), "La date de début est après la date de fin."],
      [url("days", "from=2016-12-01&to=2026-12-01"), "La période ne peut pas dépasser 366 jours."],
      [`/merchant/stalls/${scene.st1.id}/bilan.csv?table=days&from=2026-12-13&to=2026-12-01`, "La date de début"],
      [`/merchant/stalls/${scene.st1.id}/bilan.csv?table=visits`, "Ce tableau n’existe pas"],
    ];
    for (const [path, message] of cases) {
      const response = await (path.startsWith("/merchant") ? merchant : organiser).get(path);
      expect(response.status, path).toBe(400);
      expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
      expect(await response.text(), path).toContain(message);
    }
  });
});
