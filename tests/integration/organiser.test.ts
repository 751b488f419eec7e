// The organiser console against the real server: markets, sessions (with DST rules), stall
// review, invitations, and the authorisation matrix (other town / merchant / anonymous).
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { hashToken } from "~/models/invitation.server";
import { listOrganisedTowns } from "~/models/market.server";
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
import { clientFor, startTestServer, type TestClient, type TestServer } from "../setup/server";

const NOW = new Date("2026-11-28T12:00:00Z");

let server: TestServer;
let town: Awaited<ReturnType<typeof createTown>>;
let otherTown: Awaited<ReturnType<typeof createTown>>;
let organiser: TestClient;
let otherOrganiser: TestClient;
let merchantClient: TestClient;
let anonymous: TestClient;
let merchant: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  server = await startTestServer({ now: NOW });
  town = await createTown();
  otherTown = await createTown();
  const organiserUser = await createOrganiser(town.id);
  const otherOrganiserUser = await createOrganiser(otherTown.id);
  merchant = await createUser({ name: "Merchant" });
  organiser = await clientFor(server, organiserUser.id);
  otherOrganiser = await clientFor(server, otherOrganiserUser.id);
  merchantClient = await clientFor(server, merchant.id);
  anonymous = await clientFor(server, null);
});
afterAll(() => server.close());
beforeEach(() => server.clock.set(NOW));

const sessionsOf = (marketId: string) =>
  db.marketSession.findMany({ where: { marketId }, orderBy: { startsAt: "asc" } });

function expectLoginRedirect(response: Response) {
  expect(response.status).toBe(302);
  expect(response.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
}

describe("organiser home", () => {
  it("lists the towns and markets the user organises, any status, with the next session", async () => {
    const draft = await createMarket(town.id, { status: "DRAFT" });
    await createSession(draft.id, new Date("2026-12-05T09:00:00Z"), new Date("2026-12-05T18:00:00Z"));
    const elsewhere = await createMarket(otherTown.id);
    const response = await organiser.get("/organiser");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(town.name);
    expect(html).toContain(draft.name);
    expect(html).toContain("Brouillon");
    expect(html).toMatch(/Prochaine séance\u00a0: samedi 5 décembre.*10:00/);
    expect(html).not.toContain(elsewhere.name);
  });

  it("leads a past market's card with its report (Bilan), and a coming one's with what happens now", async () => {
    const past = await createMarket(town.id);
    await createSession(past.id, new Date("2025-12-05T09:00:00Z"), new Date("2025-12-05T18:00:00Z"));
    const coming = await createMarket(town.id);
    await createSession(coming.id, new Date("2026-12-20T09:00:00Z"), new Date("2026-12-20T18:00:00Z"));
    const html = await (await organiser.get("/organiser")).text();
    // The first link of each card's tab list.
    const firstTab = (marketId: string) =>
      html
        .match(
          new RegExp(
            `<nav aria-label="[^"]*"[^>]*><ul[^>]*><li><a[^>]*href="/organiser/markets/${marketId}/(\\w+)"[^>]*>([^<]+)<`,
          ),
        )
        ?.slice(1);
    expect(firstTab(past.id)).toEqual(["bilan", "Bilan"]);
    expect(firstTab(coming.id)).toEqual(["live", "Maintenant"]);
  });

  it("is refused to a merchant (403) and sends anonymous visitors to log in", async () => {
    expect((await merchantClient.get("/organiser")).status).toBe(403);
    expectLoginRedirect(await anonymous.get("/organiser"));
  });
});

describe("creating and editing a market", () => {
  const fields = (overrides: Record<string, string> = {}) => ({
    townId: town.id,
    name: "Marché d’hiver de Bougival",
    description: "Des chalets au bord de la Seine.",
    timezone: "Europe/Paris",
    status: "DRAFT",
    ...overrides,
  });

  it("creates a market with a derived slug, unique across towns, and goes to its sessions", async () => {
    const first = await organiser.post("/organiser/markets/new", fields());
    expect(first.status).toBe(302);
    const created = await db.market.findUniqueOrThrow({ where: { slug: "marche-d-hiver-de-bougival" } });
    expect(first.headers.get("location")).toBe(`/organiser/markets/${created.id}/sessions?created=1`);
    expect(created).toMatchObject({ townId: town.id, status: "DRAFT", timezone: "Europe/Paris", coverUrl: null });

    // The same name in another town: its own market, the slug made unique with -2.
    const second = await otherOrganiser.post(
      "/organiser/markets/new",
      fields({ townId: otherTown.id, timezone: "America/New_York" }),
    );
    expect(second.status).toBe(302);
    const again = await db.market.findUniqueOrThrow({ where: { slug: "marche-d-hiver-de-bougival-2" } });
    expect(again).toMatchObject({ townId: otherTown.id, timezone: "America/New_York" });
  });

  it("stores an uploaded cover image as WebP", async () => {
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#10412b" } })
      .png()
      .toBuffer();
    const response = await organiser.post("/organiser/markets/new", {
      ...fields({ name: "Marché avec image" }),
      cover: new Blob([png], { type: "image/png" }),
    });
    expect(response.status).toBe(302);
    const market = await db.market.findUniqueOrThrow({ where: { slug: "marche-avec-image" } });
    expect(market.coverUrl).toMatch(/^\/uploads\/.+\.webp$/);
    const image = await fetch(`${server.url}${market.coverUrl}`);
    expect(image.status).toBe(200);
  });

  it("refuses an unknown timezone, a bad status and a missing name with 400 and writes nothing", async () => {
    const before = await db.market.count();
    const bads: Record<string, string>[] = [{ timezone: "Mars/Olympus" }, { status: "OPEN" }, { name: "" }];
    for (const bad of bads) {
      const response = await organiser.post("/organiser/markets/new", fields(bad));
      expect(response.status).toBe(400);
    }
    const text = await (await organiser.post("/organiser/markets/new", fields({ timezone: "Mars/Olympus" }))).text();
    expect(text).toContain("Fuseau horaire inconnu");
    expect(await db.market.count()).toBe(before);
  });

  it("replaces and removes the cover image when editing", async () => {
    const market = await createMarket(town.id);
    const settings = { name: market.name, slug: market.slug, description: "", timezone: "Europe/Paris" };
    const jpeg = await sharp({ create: { width: 20, height: 20, channels: 3, background: "#b3261e" } })
      .jpeg()
      .toBuffer();
    const upload = await organiser.post(`/organiser/markets/${market.id}?index`, {
      ...settings,
      status: "PUBLISHED",
      cover: new Blob([jpeg], { type: "image/jpeg" }),
    });
    expect(upload.status).toBe(200);
    const withCover = await db.market.findUniqueOrThrow({ where: { id: market.id } });
    expect(withCover.coverUrl).toMatch(/^\/uploads\/.+\.webp$/);

    // Saving without a new file keeps the picture; ticking "remove" clears it.
    await organiser.post(`/organiser/markets/${market.id}?index`, { ...settings, status: "PUBLISHED" });
    expect((await db.market.findUniqueOrThrow({ where: { id: market.id } })).coverUrl).toBe(withCover.coverUrl);
    await organiser.post(`/organiser/markets/${market.id}?index`, {
      ...settings,
      status: "PUBLISHED",
      removeCover: "on",
    });
    expect((await db.market.findUniqueOrThrow({ where: { id: market.id } })).coverUrl).toBeNull();
  });

  it("refuses an upload that is not an image (415) and writes nothing", async () => {
    const before = await db.market.count();
    const response = await organiser.post("/organiser/markets/new", {
      ...fields({ name: "Marché au faux fichier" }),
      cover: new Blob(["not an image"], { type: "image/png" }),
    });
    expect(response.status).toBe(415);
    expect(await db.market.count()).toBe(before);
  });

  it("refuses to create a market in a town the user does not organise", async () => {
    const before = await db.market.count();
    expect((await otherOrganiser.post("/organiser/markets/new", fields())).status).toBe(403);
    expect((await merchantClient.post("/organiser/markets/new", fields())).status).toBe(403);
    expectLoginRedirect(await anonymous.post("/organiser/markets/new", fields()));
    expect(await db.market.count()).toBe(before);
  });

  it("edits name, slug, description, timezone and status; a taken slug is refused", async () => {
    const market = await createMarket(town.id, { status: "DRAFT" });
    const taken = await createMarket(otherTown.id);
    const edit = (client: TestClient, overrides: Record<string, string> = {}) =>
      client.post(`/organiser/markets/${market.id}?index`, {
        name: "Marché de Noël de Chatou",
        slug: "noel-chatou",
        description: "Nouvelle description",
        timezone: "Europe/Brussels",
        status: "PUBLISHED",
        ...overrides,
      });

    expect((await edit(organiser, { slug: taken.slug })).status).toBe(400);
    expect((await edit(organiser, { slug: "Pas Un Slug" })).status).toBe(400);
    expect((await edit(organiser, { timezone: "Europe/Chatou" })).status).toBe(400);
    expect(await db.market.findUniqueOrThrow({ where: { id: market.id } })).toMatchObject({
      name: market.name,
      slug: market.slug,
      status: "DRAFT",
    });

    const response = await edit(organiser);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Les réglages du marché sont enregistrés.");
    expect(await db.market.findUniqueOrThrow({ where: { id: market.id } })).toMatchObject({
      name: "Marché de Noël de Chatou",
      slug: "noel-chatou",
      description: "Nouvelle description",
      timezone: "Europe/Brussels",
      status: "PUBLISHED",
    });
  });
});

describe("changing a market's timezone", () => {
  it("is refused with 400 once the market has sessions, which keep their times", async () => {
    const market = await createMarket(town.id);
    await createSession(market.id, new Date("2026-12-05T09:00:00Z"), new Date("2026-12-05T18:00:00Z"));
    const before = await db.market.findUniqueOrThrow({ where: { id: market.id } });
    const fields = { name: before.name, slug: before.slug, description: "", status: before.status };

    const refused = await organiser.post(`/organiser/markets/${market.id}?index`, {
      ...fields,
      timezone: "America/New_York",
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Le fuseau horaire ne peut plus changer");
    expect((await db.market.findUniqueOrThrow({ where: { id: market.id } })).timezone).toBe(before.timezone);
    expect((await sessionsOf(market.id)).map((s) => s.startsAt.toISOString())).toEqual(["2026-12-05T09:00:00.000Z"]);

    // Other settings still save when the timezone is left as it is.
    const kept = await organiser.post(`/organiser/markets/${market.id}?index`, {
      ...fields,
      description: "Nouvelle description",
      timezone: before.timezone,
    });
    expect(kept.status).toBe(200);
    expect((await db.market.findUniqueOrThrow({ where: { id: market.id } })).description).toBe("Nouvelle description");
  });
});

describe("sessions", () => {
  it("adds one session from local wall-clock times in the market's timezone", async () => {
    const market = await createMarket(town.id);
    const response = await organiser.post(`/organiser/markets/${market.id}/sessions`, {
      intent: "single",
      date: "2026-12-05",
      startTime: "10:00",
      endTime: "19:00",
    });
    expect(response.status).toBe(200);
    const sessions = await sessionsOf(market.id);
    expect(sessions.map((s) => [s.startsAt.toISOString(), s.endsAt.toISOString()])).toEqual([
      ["2026-12-05T09:00:00.000Z", "2026-12-05T18:00:00.000Z"],
    ]);
    // The list shows it back in local time.
    const page = await (await organiser.get(`/organiser/markets/${market.id}/sessions`)).text();
    expect(page).toMatch(/samedi 5 décembre, de 10:00 à 19:00/);
  });

  it("refuses a session in year 25 (which would be stored as 1925) with 400 and writes nothing", async () => {
    const market = await createMarket(town.id);
    const response = await organiser.post(`/organiser/markets/${market.id}/sessions`, {
      intent: "single",
      date: "0025-12-05",
      startTime: "10:00",
      endTime: "19:00",
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Choisissez une date entre l’an 2000 et l’an 2100");
    expect(await sessionsOf(market.id)).toHaveLength(0);
  });

  it("adds a session crossing midnight only when it is said to end the next day", async () => {
    const market = await createMarket(town.id);
    const url = `/organiser/markets/${market.id}/sessions`;
    const fields = { intent: "single", date: "2026-12-31", startTime: "20:00", endTime: "01:00" };
    const refused = await organiser.post(url, fields);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Ferme le lendemain");
    expect(await sessionsOf(market.id)).toHaveLength(0);

    expect((await organiser.post(url, { ...fields, endsNextDay: "on" })).status).toBe(200);
    const [session] = await sessionsOf(market.id);
    expect(session!.startsAt.toISOString()).toBe("2026-12-31T19:00:00.000Z");
    expect(session!.endsAt.toISOString()).toBe("2027-01-01T00:00:00.000Z");
  });

  it("expands a recurring daily slot with closed weekdays, skipped dates and a Friday late opening", async () => {
    const market = await createMarket(town.id);
    const response = await organiser.post(`/organiser/markets/${market.id}/sessions`, {
      intent: "recurring",
      fromDate: "2026-12-05",
      toDate: "2026-12-20",
      startTime: "10:00",
      endTime: "19:00",
      skipWeekdays: ["1"],
      skipDates: "08/12/2026, 2026-12-16",
      lateWeekday: "5",
      lateEndTime: "21:30",
    });
    expect(response.status).toBe(200);
    // The days as people write them (the year too, when the test runs in another year).
    expect(await response.text()).toContain("12 séances ajoutées, du samedi 5 décembre");
    const sessions = await sessionsOf(market.id);
    // 16 days, minus Mondays 7 and 14, minus 8 and 16.
    expect(sessions).toHaveLength(12);
    expect(sessions[0]!.startsAt.toISOString()).toBe("2026-12-05T09:00:00.000Z");
    expect(sessions.at(-1)!.startsAt.toISOString()).toBe("2026-12-20T09:00:00.000Z");
    const days = sessions.map((s) => s.startsAt.toISOString().slice(0, 10));
    expect(days).not.toContain("2026-12-07");
    expect(days).not.toContain("2026-12-08");
    expect(days).not.toContain("2026-12-16");
    const fridays = sessions.filter((s) => s.startsAt.getUTCDay() === 5);
    expect(fridays.map((s) => s.endsAt.toISOString())).toEqual([
      "2026-12-11T20:30:00.000Z",
      "2026-12-18T20:30:00.000Z",
    ]);
    expect(sessions.filter((s) => s.startsAt.getUTCDay() !== 5).every((s) => s.endsAt.getUTCHours() === 18)).toBe(true);
  });

  it("keeps local opening times across the October DST change (rows in UTC change offset)", async () => {
    const market = await createMarket(town.id);
    await organiser.post(`/organiser/markets/${market.id}/sessions`, {
      intent: "recurring",
      fromDate: "2026-10-24",
      toDate: "2026-10-25",
      startTime: "10:00",
      endTime: "19:00",
    });
    const sessions = await sessionsOf(market.id);
    expect(sessions.map((s) => s.startsAt.toISOString())).toEqual([
      "2026-10-24T08:00:00.000Z",
      "2026-10-25T09:00:00.000Z",
    ]);
  });

  it("refuses a rule containing a nonexistent local time (2027-03-28 02:30) with 400 and writes nothing", async () => {
    const market = await createMarket(town.id);
    await createSession(market.id, new Date("2027-03-20T09:00:00Z"), new Date("2027-03-20T18:00:00Z"));
    const response = await organiser.post(`/organiser/markets/${market.id}/sessions`, {
      intent: "recurring",
      fromDate: "2027-03-25",
      toDate: "2027-03-31",
      startTime: "02:30",
      endTime: "06:00",
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("L’heure 02:30 n’existe pas le dimanche 28 mars");
    // Not even the days before the DST change were written.
    expect(await sessionsOf(market.id)).toHaveLength(1);

    const single = await organiser.post(`/organiser/markets/${market.id}/sessions`, {
      intent: "single",
      date: "2027-03-28",
      startTime: "02:30",
      endTime: "05:00",
    });
    expect(single.status).toBe(400);
    expect(await sessionsOf(market.id)).toHaveLength(1);
  });

  it("refuses an end before the start with 400 and writes nothing", async () => {
    const market = await createMarket(town.id);
    const single = await organiser.post(`/organiser/markets/${market.id}/sessions`, {
      intent: "single",
      date: "2026-12-05",
      startTime: "19:00",
      endTime: "10:00",
    });
    expect(single.status).toBe(400);
    expect(await single.text()).toContain("la fermeture (10:00) doit venir après l’ouverture (19:00)");
    const recurring = await organiser.post(`/organiser/markets/${market.id}/sessions`, {
      intent: "recurring",
      fromDate: "2026-12-05",
      toDate: "2026-12-12", // includes Friday the 11th, whose late end is before its start
      startTime: "10:00",
      endTime: "19:00",
      lateWeekday: "5",
      lateEndTime: "09:00",
    });
    expect(recurring.status).toBe(400);
    expect(await sessionsOf(market.id)).toHaveLength(0);
  });

  it("accepts overlapping sessions but warns about them", async () => {
    const market = await createMarket(town.id);
    await createSession(market.id, new Date("2026-12-05T09:00:00Z"), new Date("2026-12-05T18:00:00Z"));
    const response = await organiser.post(`/organiser/markets/${market.id}/sessions`, {
      intent: "single",
      date: "2026-12-05",
      startTime: "18:00",
      endTime: "22:00",
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("chevauchent des séances existantes");
    expect(await sessionsOf(market.id)).toHaveLength(2);
  });

  it("cancels a session: it stays listed as cancelled and no longer opens the market", async () => {
    const market = await createMarket(town.id);
    const current = await createSession(
      market.id,
      new Date(NOW.getTime() - 3600_000),
      new Date(NOW.getTime() + 3600_000),
    );
    const state = async () =>
      (await listOrganisedTowns((await db.membership.findFirstOrThrow({ where: { townId: town.id } })).userId, NOW))
        .flatMap((t) => t.markets)
        .find((m) => m.id === market.id)!.state;
    expect((await state()).open).toBe(true);

    const response = await organiser.post(`/organiser/markets/${market.id}/sessions`, {
      intent: "cancel",
      sessionId: current.id,
    });
    expect(response.status).toBe(200);
    const row = await db.marketSession.findUniqueOrThrow({ where: { id: current.id } });
    expect(row.cancelledAt?.toISOString()).toBe(NOW.toISOString());
    expect((await state()).open).toBe(false);
    const page = await (await organiser.get(`/organiser/markets/${market.id}/sessions`)).text();
    expect(page).toContain('data-state="cancelled"');
    expect(page).toContain("Annulée");
  });

  it("cannot cancel a session of another market through this market's URL", async () => {
    const market = await createMarket(town.id);
    const foreign = await createMarket(otherTown.id);
    const session = await createSession(foreign.id, new Date("2026-12-05T09:00:00Z"), new Date("2026-12-05T18:00:00Z"));
    const response = await organiser.post(`/organiser/markets/${market.id}/sessions`, {
      intent: "cancel",
      sessionId: session.id,
    });
    expect(response.status).toBe(404);
    expect((await db.marketSession.findUniqueOrThrow({ where: { id: session.id } })).cancelledAt).toBeNull();
  });
});

describe("invitations", () => {
  it("creates one invitation per address, stores only a hash and emails the absolute link", async () => {
    const market = await createMarket(town.id);
    const response = await organiser.post(`/organiser/markets/${market.id}/invitations`, {
      emails: "potier@example.test,\n  Fromager@Example.test ",
    });
    expect(response.status).toBe(200);
    const invitations = await db.invitation.findMany({ where: { marketId: market.id }, orderBy: { email: "asc" } });
    expect(invitations.map((i) => i.email)).toEqual(["fromager@example.test", "potier@example.test"]);

    const mail = await db.outboxEmail.findFirstOrThrow({
      where: { to: "potier@example.test" },
      orderBy: { createdAt: "desc" },
    });
    expect(mail.subject).toContain(market.name);
    const link = new RegExp(`${server.url.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/invitations/([A-Za-z0-9_-]+)`).exec(
      mail.text,
    );
    expect(link).not.toBeNull();
    const token = link![1]!;
    const invitation = invitations.find((i) => i.email === "potier@example.test")!;
    expect(invitation.tokenHash).toBe(hashToken(token));
    expect(Object.values(invitation).map(String).join(" ")).not.toContain(token);

    const page = await (await organiser.get(`/organiser/markets/${market.id}/invitations`)).text();
    expect(page).toContain("potier@example.test");
    expect(page).toContain("En attente");
    expect(page).not.toContain(invitation.tokenHash);
  });

  it("shows accepted and expired invitations as such", async () => {
    const market = await createMarket(town.id);
    const organiserId = (await db.membership.findFirstOrThrow({ where: { townId: town.id } })).userId;
    const base = { marketId: market.id, invitedById: organiserId };
    await db.invitation.createMany({
      data: [
        {
          ...base,
          email: "accepted@example.test",
          tokenHash: "h1",
          expiresAt: new Date("2026-12-28"),
          acceptedAt: NOW,
        },
        { ...base, email: "expired@example.test", tokenHash: "h2", expiresAt: new Date("2026-11-01") },
      ],
    });
    const page = await (await organiser.get(`/organiser/markets/${market.id}/invitations`)).text();
    expect(page).toContain("Acceptée");
    expect(page).toContain("Expirée");
  });

  it("refuses the whole list when one address is invalid (400, nothing written, nothing sent)", async () => {
    const market = await createMarket(town.id);
    const mailsBefore = await db.outboxEmail.count();
    const response = await organiser.post(`/organiser/markets/${market.id}/invitations`, {
      emails: "ok@example.test, pas-une-adresse",
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("pas-une-adresse");
    expect(await db.invitation.count({ where: { marketId: market.id } })).toBe(0);
    expect(await db.outboxEmail.count()).toBe(mailsBefore);
  });
});

describe("stall review", () => {
  it("approves a pending stall, which then appears on the public market page; rejecting hides it", async () => {
    const market = await createMarket(town.id);
    await createSession(market.id, new Date("2026-12-05T09:00:00Z"), new Date("2026-12-05T18:00:00Z"));
    const stall = await createStall(market.id, merchant.id, { status: "PENDING", name: "Galettes de Pont-Aven" });
    await createProduct(stall.id, { name: "Palets bretons", priceCents: 650 });

    const review = await (await organiser.get(`/organiser/markets/${market.id}/stalls`)).text();
    expect(review).toContain("Galettes de Pont-Aven");
    expect(review).toContain("Palets bretons");
    expect(review).toContain("6,50");
    expect(await (await anonymous.get(`/m/${market.slug}`)).text()).not.toContain("Galettes de Pont-Aven");

    const approve = await organiser.post(`/organiser/markets/${market.id}/stalls`, {
      stallId: stall.id,
      decision: "APPROVED",
    });
    expect(approve.status).toBe(200);
    expect((await db.stall.findUniqueOrThrow({ where: { id: stall.id } })).status).toBe("APPROVED");
    expect(await (await anonymous.get(`/m/${market.slug}`)).text()).toContain("Galettes de Pont-Aven");

    const reject = await organiser.post(`/organiser/markets/${market.id}/stalls`, {
      stallId: stall.id,
      decision: "REJECTED",
    });
    expect(reject.status).toBe(200);
    expect((await db.stall.findUniqueOrThrow({ where: { id: stall.id } })).status).toBe("REJECTED");
    expect(await (await anonymous.get(`/m/${market.slug}`)).text()).not.toContain("Galettes de Pont-Aven");
  });

  it("refuses an unknown decision and a stall of another market through this market's URL", async () => {
    const market = await createMarket(town.id);
    const ownStall = await createStall(market.id, merchant.id, { status: "PENDING" });
    // Another market of the SAME town: the organiser may act on it, but only through its own URL.
    const sibling = await createMarket(town.id);
    const siblingStall = await createStall(sibling.id, merchant.id, { status: "PENDING" });

    const bad = await organiser.post(`/organiser/markets/${market.id}/stalls`, {
      stallId: ownStall.id,
      decision: "PUBLISHED",
    });
    expect(bad.status).toBe(400);
    const crossed = await organiser.post(`/organiser/markets/${market.id}/stalls`, {
      stallId: siblingStall.id,
      decision: "APPROVED",
    });
    expect(crossed.status).toBe(404);
    expect((await db.stall.findUniqueOrThrow({ where: { id: siblingStall.id } })).status).toBe("PENDING");
    expect((await db.stall.findUniqueOrThrow({ where: { id: ownStall.id } })).status).toBe("PENDING");
  });
});

describe("authorisation matrix: another town's organiser, a merchant, anonymous", () => {
  it("refuses every page and every action, and nothing changes", async () => {
    const market = await createMarket(town.id, { status: "DRAFT" });
    const session = await createSession(market.id, new Date("2026-12-05T09:00:00Z"), new Date("2026-12-05T18:00:00Z"));
    // The merchant even has a stall in this very market: still not an organiser.
    const stall = await createStall(market.id, merchant.id, { status: "PENDING" });
    const base = `/organiser/markets/${market.id}`;

    const snapshot = async () => ({
      market: await db.market.findUniqueOrThrow({ where: { id: market.id } }),
      sessions: await sessionsOf(market.id),
      stall: await db.stall.findUniqueOrThrow({ where: { id: stall.id } }),
      invitations: await db.invitation.count({ where: { marketId: market.id } }),
      mails: await db.outboxEmail.count(),
    });
    const before = await snapshot();

    const pages = [base, `${base}/sessions`, `${base}/stalls`, `${base}/invitations`];
    const actions: [string, Record<string, string>][] = [
      [
        `${base}?index`,
        { name: "Piraté", slug: "pirate", description: "", timezone: "Europe/Paris", status: "PUBLISHED" },
      ],
      [`${base}/sessions`, { intent: "single", date: "2026-12-06", startTime: "10:00", endTime: "19:00" }],
      [
        `${base}/sessions`,
        { intent: "recurring", fromDate: "2026-12-06", toDate: "2026-12-09", startTime: "10:00", endTime: "19:00" },
      ],
      [`${base}/sessions`, { intent: "cancel", sessionId: session.id }],
      [`${base}/stalls`, { stallId: stall.id, decision: "APPROVED" }],
      [`${base}/invitations`, { emails: "intrus@example.test" }],
    ];

    for (const client of [otherOrganiser, merchantClient]) {
      for (const page of pages) expect((await client.get(page)).status, page).toBe(403);
      for (const [url, fields] of actions) expect((await client.post(url, fields)).status, url).toBe(403);
    }
    for (const page of pages) expectLoginRedirect(await anonymous.get(page));
    for (const [url, fields] of actions) expectLoginRedirect(await anonymous.post(url, fields));

    expect(await snapshot()).toEqual(before);
  });

  it("answers 404 for a market that does not exist", async () => {
    expect((await organiser.get("/organiser/markets/nope/sessions")).status).toBe(404);
  });
});
