// Page views counted for the report (app/models/visit.server.ts), through the real server: what is
// a view and what is not, the visitor hash and its daily salt, and a graceful stop's last write.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { visitorHash } from "~/models/visit.server";
import { db } from "~/utils/db.server";
import { createMarket, createStall, createTown, createUser } from "../fixtures/factories";
import { startTestServer, type TestServer } from "../setup/server";

// Saturday 5 December 2026, 13:00 in Paris.
const NOW = new Date("2026-12-05T12:00:00Z");
const PHONE =
  "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";
const DESKTOP = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

let server: TestServer;
let market: { id: string; slug: string };
let stall: { id: string; slug: string };
let stallPath: string;

beforeAll(async () => {
  server = await startTestServer({ now: NOW });
  const town = await createTown();
  await db.town.update({ where: { id: town.id }, data: { websiteUrl: "https://www.villederueil.fr/" } });
  market = await createMarket(town.id);
  stall = await createStall(market.id, (await createUser()).id);
  stallPath = `/m/${market.slug}/${stall.slug}`;
});

afterAll(async () => {
  await server?.close();
});

beforeEach(async () => {
  await server.services.flushVisits();
  await db.pageVisit.deleteMany();
  server.clock.set(NOW);
});

function get(path: string, headers: Record<string, string> = {}, method = "GET") {
  return fetch(new URL(path, server.url), { method, headers: { "User-Agent": PHONE, ...headers }, redirect: "manual" });
}

async function visits() {
  await server.services.flushVisits();
  return db.pageVisit.findMany({ orderBy: { id: "asc" } });
}

describe("a view", () => {
  it("a document GET of a stall page is one view, after the write, with no cookie set", async () => {
    const response = await get(stallPath, { Referer: "https://www.villederueil.fr/agenda" });
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie()).toEqual([]);
    // Not written on the page's path: in memory until the batch's write.
    expect(await db.pageVisit.count()).toBe(0);
    const [visit, ...others] = await visits();
    expect(others).toEqual([]);
    expect(visit).toMatchObject({
      marketId: market.id,
      stallId: stall.id,
      source: "TOWN",
      device: "PHONE",
      at: NOW,
    });
    expect(visit!.visitor).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it("the market page is a view without a stall; a poster's code, a desktop", async () => {
    expect((await get(`/m/${market.slug}?via=qr`, { "User-Agent": DESKTOP })).status).toBe(200);
    expect(await visits()).toMatchObject([{ marketId: market.id, stallId: null, source: "QR", device: "DESKTOP" }]);
  });

  it("a client-side navigation (single fetch .data) from another page is an INTERNAL view", async () => {
    const response = await get(`${stallPath}.data`, { Referer: `${server.url}/m/${market.slug}` });
    expect(response.status).toBe(200);
    expect(await visits()).toMatchObject([{ stallId: stall.id, source: "INTERNAL" }]);
  });

  it("the batch is written on its own after a few seconds, without an explicit flush", async () => {
    await get(stallPath);
    await expect.poll(() => db.pageVisit.count(), { timeout: 10_000, interval: 200 }).toBe(1);
  });
});

describe("not a view", () => {
  it("a bot, no user agent, a prefetch, a HEAD, a revalidation from the page itself, a 404", async () => {
    const responses = await Promise.all([
      get(stallPath, { "User-Agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)" }),
      get(stallPath, { "User-Agent": "" }),
      get(`${stallPath}.data`, { "Sec-Purpose": "prefetch", Referer: `${server.url}/m/${market.slug}` }),
      get(`${stallPath}.data`, { Purpose: "prefetch" }),
      get(stallPath, {}, "HEAD"),
      // After adding to the basket, Remix asks the page's loaders again from the page itself.
      get(`${stallPath}.data`, { Referer: `${server.url}${stallPath}` }),
      get(`/m/${market.slug}/inconnu`),
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200, 404]);
    expect(await visits()).toEqual([]);
  });

  it("a draft market's pages are not public, so not counted", async () => {
    const draft = await createMarket((await createTown()).id, { status: "DRAFT" });
    expect((await get(`/m/${draft.slug}`)).status).toBe(404);
    expect(await visits()).toEqual([]);
  });
});

describe("the visitor", () => {
  it("same address and agent on the same local day: one visitor; another address or day: another", async () => {
    const as = (address: string, agent = PHONE) => get(stallPath, { "X-Forwarded-For": address, "User-Agent": agent });
    await as("203.0.113.5");
    await as("203.0.113.5");
    await as("203.0.113.6");
    await as("203.0.113.5", DESKTOP);
    // 23:30 in Paris, still Saturday; then 00:30 Sunday (23:30Z), a new local day.
    server.clock.set(new Date("2026-12-05T22:30:00Z"));
    await as("203.0.113.5");
    server.clock.set(new Date("2026-12-05T23:30:00Z"));
    await as("203.0.113.5");
    const [a, b, other, desktop, lateSameDay, nextDay] = (await visits()).map((v) => v.visitor);
    expect(b).toBe(a);
    expect(lateSameDay).toBe(a);
    expect(new Set([a, other, desktop, nextDay]).size).toBe(4);
    // Neither the address nor the agent is stored anywhere in the row.
    const row = JSON.stringify(await db.pageVisit.findFirst(), (_k, v: unknown) => (typeof v === "bigint" ? 0 : v));
    expect(row).not.toContain("203.0.113");
    expect(row).not.toContain("Android");
  });

  it("one salt per zone and local day, shared through the database; gone once the day before yesterday is over", async () => {
    await db.visitSalt.create({ data: { timezone: "Europe/Paris", day: "2026-12-03", salt: "old" } });
    await db.visitSalt.create({ data: { timezone: "Europe/Paris", day: "2026-12-04", salt: "yesterday" } });
    await get(stallPath);
    await visits();
    const days = (await db.visitSalt.findMany({ where: { timezone: "Europe/Paris" }, orderBy: { day: "asc" } })).map(
      (s) => s.day,
    );
    expect(days).not.toContain("2026-12-03");
    expect(days).toEqual(expect.arrayContaining(["2026-12-04", "2026-12-05"]));
    // The day's salt is the one in the database, whichever instance made it.
    const salt = await db.visitSalt.findUniqueOrThrow({
      where: { timezone_day: { timezone: "Europe/Paris", day: "2026-12-05" } },
    });
    const [visit] = await db.pageVisit.findMany();
    expect(visit!.visitor).toBe(visitorHash(salt.salt, market.id, "127.0.0.1", PHONE));
  });
});

describe("a graceful stop", () => {
  it("writes the views still in memory (the server's close, as on SIGTERM)", async () => {
    const response = await get(stallPath);
    expect(response.status).toBe(200);
    expect(await db.pageVisit.count()).toBe(0);
    await server.close();
    expect(await db.pageVisit.count()).toBe(1);
  });
});
