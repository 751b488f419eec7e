// A market's calendar file (/m/<market>/agenda.ics) and the "next opening" line on its page,
// against the real server. Times in the file must be the instants stored for the sessions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { createMarket, createSession, createTown } from "../fixtures/factories";
import { startTestServer, type TestServer } from "../setup/server";

// Friday 4 December 2026, 21:00 in Paris: the market is closed, it opens tomorrow at 10:00.
const NOW = new Date("2026-12-04T20:00:00Z");
const at = (iso: string) => new Date(iso);
const basic = (d: Date) =>
  d
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, "");

let server: TestServer;
let market: { id: string; slug: string };
let draft: { id: string; slug: string };
let archived: { id: string; slug: string };
let open: { id: string; slug: string };
let extended: { slug: string };
let sessions: { id: string; startsAt: Date; endsAt: Date }[];
let cancelled: { id: string };

beforeAll(async () => {
  server = await startTestServer({ now: NOW });
  const town = await createTown();
  await db.town.update({ where: { id: town.id }, data: { name: "Saint-Étienne-de-Tinée" } });

  market = await createMarket(town.id);
  await db.market.update({
    where: { id: market.id },
    data: { name: "Marché de Noël des Crèches et Santons, place de l’Église; édition « Lumières »" },
  });
  sessions = [
    // Sunday 25 October 2026 is the night the clocks go back: 10:00 local is 09:00Z from then on.
    await createSession(market.id, at("2026-10-24T08:00:00Z"), at("2026-10-24T17:00:00Z")),
    await createSession(market.id, at("2026-10-25T09:00:00Z"), at("2026-10-25T18:00:00Z")),
    await createSession(market.id, at("2026-12-05T09:00:00Z"), at("2026-12-05T18:00:00Z")),
    // Crosses midnight: Saturday 12 December 18:00 to Sunday 01:00.
    await createSession(market.id, at("2026-12-12T17:00:00Z"), at("2026-12-13T00:00:00Z")),
  ];
  cancelled = await createSession(market.id, at("2026-12-06T09:00:00Z"), at("2026-12-06T18:00:00Z"));
  await db.marketSession.update({ where: { id: cancelled.id }, data: { cancelledAt: at("2026-12-01T10:00:00Z") } });

  draft = await createMarket(town.id, { status: "DRAFT" });
  await createSession(draft.id, at("2026-12-05T09:00:00Z"), at("2026-12-05T18:00:00Z"));
  archived = await createMarket(town.id, { status: "ARCHIVED" });
  await createSession(archived.id, at("2026-12-05T09:00:00Z"), at("2026-12-05T18:00:00Z"));

  open = await createMarket(town.id);
  await createSession(open.id, at("2026-12-04T17:00:00Z"), at("2026-12-04T22:00:00Z"));

  // Tomorrow 10:00-19:00, extended by the organisers to 21:00 (an OPEN override from the end).
  const ext = await createMarket(town.id);
  extended = ext;
  await createSession(ext.id, at("2026-12-05T09:00:00Z"), at("2026-12-05T18:00:00Z"));
  await db.marketOverride.create({
    data: { marketId: ext.id, kind: "OPEN", startsAt: at("2026-12-05T18:00:00Z"), endsAt: at("2026-12-05T20:00:00Z") },
  });
});

afterAll(async () => {
  await server.close();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(new URL(path, server.url), { headers });

describe("GET /m/<market>/agenda.ics", () => {
  it("answers a published market's sessions as an iCalendar file", async () => {
    const response = await get(`/m/${market.slug}/agenda.ics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${market.slug}.ics"`);
    expect(response.headers.get("cache-control")).toMatch(/max-age=\d+/);
    expect(response.headers.get("set-cookie")).toBeNull();

    const ics = await response.text();
    expect(ics.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    for (const line of ics.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);

    const text = unfold(ics);
    expect(text).toContain("\r\nVERSION:2.0\r\n");
    expect(text).toContain("\r\nMETHOD:PUBLISH\r\n");
    expect(text).toContain(
      "\r\nX-WR-CALNAME:Marché de Noël des Crèches et Santons\\, place de l’Église\\; édition « Lumières »\r\n",
    );
    expect(text).toContain("\r\nX-WR-TIMEZONE:Europe/Paris\r\n");
    expect(text).toContain("\r\nLOCATION:Saint-Étienne-de-Tinée\r\n");
    expect(text).toMatch(new RegExp(`\r\nURL:https?://[^\r\n]+/m/${market.slug}\r\n`));
    expect(text).toContain(`\r\nDTSTAMP:${basic(NOW)}\r\n`);
  });

  it("lists every session that is not cancelled, at exactly the stored UTC instants", async () => {
    const text = unfold(await (await get(`/m/${market.slug}/agenda.ics`)).text());
    const events = text.split("BEGIN:VEVENT\r\n").slice(1);
    expect(events).toHaveLength(sessions.length);
    const stored = await db.marketSession.findMany({
      where: { marketId: market.id, cancelledAt: null },
      orderBy: { startsAt: "asc" },
    });
    expect(stored.map((s) => s.id)).toEqual(sessions.map((s) => s.id));
    stored.forEach((session, i) => {
      const event = events[i]!;
      expect(event).toContain(`UID:${session.id}@chalet\r\n`);
      expect(event).toContain(`\r\nDTSTART:${basic(session.startsAt)}\r\n`);
      expect(event).toContain(`\r\nDTEND:${basic(session.endsAt)}\r\n`);
    });
    // Across the autumn change, 10:00 local is 08:00Z then 09:00Z: the file says so in UTC.
    expect(events[0]).toContain("DTSTART:20261024T080000Z");
    expect(events[1]).toContain("DTSTART:20261025T090000Z");
    expect(text).not.toContain(cancelled.id);
    expect(text).not.toContain("TZID");
  });

  it("writes the notes in the visitor's language", async () => {
    const fr = unfold(await (await get(`/m/${market.slug}/agenda.ics`, { "Accept-Language": "fr-FR" })).text());
    expect(fr).toMatch(/\r\nDESCRIPTION:[^\r\n]*Les chalets en ligne\u00a0: https?:\/\//);
    const en = unfold(await (await get(`/m/${market.slug}/agenda.ics`, { "Accept-Language": "en-GB" })).text());
    expect(en).toMatch(/\r\nDESCRIPTION:[^\r\n]*The chalets online: https?:\/\//);
  });

  it("is a 404 for a draft, an archived, an unknown or a malformed market", async () => {
    for (const path of [
      `/m/${draft.slug}/agenda.ics`,
      `/m/${archived.slug}/agenda.ics`,
      "/m/no-such-market/agenda.ics",
      "/m/NOT%20A%20SLUG/agenda.ics",
      `/m/${"a".repeat(300)}/agenda.ics`,
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(await response.text()).not.toContain("BEGIN:VCALENDAR");
    }
  });
});

describe("market page: next opening and calendar link", () => {
  it("says when a closed market opens next and links to its calendar file", async () => {
    const html = await (await get(`/m/${market.slug}`, { "Accept-Language": "fr" })).text();
    expect(html).toContain("Prochaine ouverture\u00a0: samedi 5 décembre, 10:00 – 19:00");
    expect(html).toContain(`href="/m/${market.slug}/agenda.ics"`);
    expect(html).toContain("Ajouter à mon agenda (.ics)");
  });

  it("includes the organisers' extension in the next opening (the file keeps the session)", async () => {
    const html = await (await get(`/m/${extended.slug}`, { "Accept-Language": "fr" })).text();
    expect(html).toContain("Prochaine ouverture\u00a0: samedi 5 décembre, 10:00 – 21:00");
  });

  it("shows no next-opening line while the market is open, and speaks English too", async () => {
    const html = await (await get(`/m/${open.slug}`, { "Accept-Language": "en" })).text();
    expect(html).not.toContain('data-testid="next-opening"');
    expect(html).toContain("Add to my calendar (.ics)");
    const closed = await (await get(`/m/${market.slug}`, { "Accept-Language": "en" })).text();
    expect(closed).toContain("Next opening: Saturday 5 December, 10:00 – 19:00");
  });
});
