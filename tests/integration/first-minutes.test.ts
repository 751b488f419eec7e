// Issue 17, what people notice in their first minutes: where a log-in lands, a market name
// already used in the town, deleting a draft, "open now until the scheduled closing".
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import {
  createAdmin,
  createMarket,
  createOrganiser,
  createProduct,
  createSession,
  createStall,
  createTeamMember,
  createTown,
  createUser,
  TEST_PASSWORD,
} from "../fixtures/factories";
import { clientFor, startTestServer, TestClient, type TestClient as Client, type TestServer } from "../setup/server";

// Saturday 12 December 2026, 08:00 in Paris (UTC+1).
const NOW = new Date("2026-12-12T07:00:00Z");

let server: TestServer;
let town: Awaited<ReturnType<typeof createTown>>;
let organiserUser: Awaited<ReturnType<typeof createOrganiser>>;
let organiser: Client;
let otherOrganiser: Client;

beforeAll(async () => {
  server = await startTestServer({ now: NOW });
  town = await createTown();
  organiserUser = await createOrganiser(town.id);
  organiser = await clientFor(server, organiserUser.id);
  otherOrganiser = await clientFor(server, (await createOrganiser((await createTown()).id)).id);
});
afterAll(() => server.close());
beforeEach(() => server.clock.set(NOW));

describe("where a log-in lands", () => {
  // Each log-in from its own address, so the per-address limits of one never touch another.
  let ip = 1;
  async function logIn(email: string, redirectTo?: string) {
    const response = await new TestClient(server.url).request("/login", {
      method: "POST",
      body: new URLSearchParams({ email, password: TEST_PASSWORD, ...(redirectTo ? { redirectTo } : {}) }),
      headers: { "X-Forwarded-For": `198.51.100.${ip++}` },
    });
    expect(response.status).toBe(302);
    return response.headers.get("location");
  }

  it("sends organisers and moderators to their markets, merchants to their stalls, admins to /admin", async () => {
    const market = await createMarket(town.id);
    const merchant = await createUser();
    await createStall(market.id, merchant.id);
    const both = await createOrganiser(town.id);
    await createStall(market.id, both.id);
    const moderator = await createTeamMember(town.id, "MODERATOR");
    const admin = await createAdmin();
    const resident = await createUser();

    expect(await logIn(organiserUser.email)).toBe("/organiser");
    expect(await logIn(merchant.email)).toBe("/merchant");
    // Organiser and merchant: the console (docs/architecture.md, loginDestination).
    expect(await logIn(both.email)).toBe("/organiser");
    expect(await logIn(moderator.email)).toBe("/organiser");
    expect(await logIn(admin.email)).toBe("/admin");
    expect(await logIn(resident.email)).toBe("/");
  });

  it("keeps the page they were going to; the home page (the header's link there) counts as none", async () => {
    const merchant = await createUser();
    await createStall((await createMarket(town.id)).id, merchant.id);
    expect(await logIn(merchant.email, "/m/un-marche?tab=plan")).toBe("/m/un-marche?tab=plan");
    expect(await logIn(organiserUser.email, "/basket")).toBe("/basket");
    expect(await logIn(merchant.email, "/")).toBe("/merchant");
    expect(await logIn(merchant.email, "//evil.example/")).toBe("/merchant");
  });

  it("sends someone already logged in from /login to their landing page", async () => {
    const response = await organiser.get("/login");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/organiser");
  });
});

describe("a market name already used in the town", () => {
  const fields = (name: string) => ({
    townId: town.id,
    name,
    description: "",
    timezone: "Europe/Paris",
    status: "DRAFT",
  });

  it("is refused at creation (400, on the name field), whatever its case and accents, and nothing is written", async () => {
    expect((await organiser.post("/organiser/markets/new", fields("Marché des Lumières"))).status).toBe(302);
    const before = await db.market.count();
    for (const name of ["Marché des Lumières", "  marche des lumieres "]) {
      const response = await organiser.post("/organiser/markets/new", fields(name));
      expect(response.status).toBe(400);
      expect(await response.text()).toContain("Un autre marché de la ville porte déjà ce nom. Choisissez-en un autre.");
    }
    expect(await db.market.count()).toBe(before);
  });

  it("is refused when renaming (400, name unchanged); keeping one's own name is fine", async () => {
    const taken = await createMarket(town.id);
    const market = await createMarket(town.id);
    const settings = (name: string) => ({
      name,
      slug: market.slug,
      description: "",
      timezone: "Europe/Paris",
      status: "PUBLISHED",
      commission: "0",
    });
    const refused = await organiser.post(`/organiser/markets/${market.id}?index`, settings(taken.name.toUpperCase()));
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Un autre marché de la ville porte déjà ce nom. Choisissez-en un autre.");
    expect((await db.market.findUniqueOrThrow({ where: { id: market.id } })).name).toBe(market.name);

    expect((await organiser.post(`/organiser/markets/${market.id}?index`, settings(market.name))).status).toBe(200);
  });

  it("is said on the 'Reconduire' page and refused on saving (400), nothing created; another name goes through", async () => {
    const source = await db.market.update({
      where: { id: (await createMarket(town.id, { status: "ARCHIVED" })).id },
      data: { name: "Noël au château 2025" },
    });
    // A year on is still to come (19 December 2026): the next edition is 2026's.
    await createSession(source.id, new Date("2025-12-19T09:00:00Z"), new Date("2025-12-19T18:00:00Z"));
    await db.market.update({ where: { id: (await createMarket(town.id)).id }, data: { name: "Noël au château 2026" } });
    const url = `/organiser/markets/${source.id}/reconduire`;

    const page = await (await organiser.get(url)).text();
    expect(page).toContain('value="Noël au château 2026"');
    expect(page).toContain("Un autre marché de la ville porte déjà ce nom\u00a0: changez-le");

    const before = await db.market.count();
    const edition = (name: string) => ({
      name,
      slug: `noel-au-chateau-${Date.now().toString(36)}`,
      "sessions[0].keep": "on",
      "sessions[0].date": "2026-12-18",
      "sessions[0].startTime": "10:00",
      "sessions[0].endTime": "19:00",
    });
    const refused = await organiser.post(url, edition("Noël au château 2026"));
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Un autre marché de la ville porte déjà ce nom\u00a0: changez-le");
    expect(await db.market.count()).toBe(before);

    const saved = await organiser.post(url, edition("Noël au château 2026, deuxième"));
    expect(saved.status).toBe(302);
    const created = await db.market.findUniqueOrThrow({ where: { previousEditionId: source.id } });
    expect(created.name).toBe("Noël au château 2026, deuxième");
  });
});

describe("deleting a draft market", () => {
  async function draftWithEverything() {
    const market = await createMarket(town.id, { status: "DRAFT" });
    await createSession(market.id, new Date("2026-12-19T09:00:00Z"), new Date("2026-12-19T18:00:00Z"));
    const merchant = await createUser();
    const stall = await createStall(market.id, merchant.id, { status: "PENDING" });
    const product = await createProduct(stall.id);
    const invitation = await db.invitation.create({
      data: {
        marketId: market.id,
        email: "invite@example.test",
        tokenHash: `hash-${market.id}`,
        expiresAt: new Date("2027-01-01T00:00:00Z"),
        invitedById: organiserUser.id,
      },
    });
    return { market, stall, product, invitation };
  }

  it("shows what goes with it, then deletes it all in one go and logs it", async () => {
    const { market, stall, product, invitation } = await draftWithEverything();
    const url = `/organiser/markets/${market.id}/delete`;
    const page = await (await organiser.get(url)).text();
    expect(page).toContain(`Supprimer le brouillon «\u00a0${market.name}\u00a0»\u202f?`);
    expect(page).toContain("séances\u00a0: 1");
    expect(page).toContain("stands inscrits, avec leurs produits et leurs photos\u00a0: 1");
    expect(page).toContain("invitations en attente (leurs liens ne marcheront plus)\u00a0: 1");

    const response = await organiser.post(url, {});
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/organiser?deleted=1");
    expect(await db.market.findUnique({ where: { id: market.id } })).toBeNull();
    expect(await db.stall.findUnique({ where: { id: stall.id } })).toBeNull();
    expect(await db.product.findUnique({ where: { id: product.id } })).toBeNull();
    expect(await db.invitation.findUnique({ where: { id: invitation.id } })).toBeNull();
    expect(await db.marketSession.count({ where: { marketId: market.id } })).toBe(0);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { townId: town.id, action: "market.draft_deleted" } });
    expect(audit).toMatchObject({ subject: market.name, actorId: organiserUser.id });
    expect(await (await organiser.get("/organiser?deleted=1")).text()).toContain("Le brouillon a été supprimé.");
  });

  it("is refused for a published market (409, page says why) and to another town's organiser (403)", async () => {
    const published = await createMarket(town.id, { status: "PUBLISHED" });
    const page = await (await organiser.get(`/organiser/markets/${published.id}/delete`)).text();
    expect(page).toContain("Seul un brouillon peut être supprimé");
    expect(page).not.toContain("Supprimer définitivement");
    const refused = await organiser.post(`/organiser/markets/${published.id}/delete`, {});
    expect(refused.status).toBe(409);
    expect(await db.market.findUnique({ where: { id: published.id } })).not.toBeNull();

    const { market } = await draftWithEverything();
    expect((await otherOrganiser.post(`/organiser/markets/${market.id}/delete`, {})).status).toBe(403);
    expect(await db.market.findUnique({ where: { id: market.id } })).not.toBeNull();
    expect(await db.stall.count({ where: { marketId: market.id } })).toBe(1);
  });

  it("is offered on a draft's settings only", async () => {
    const draft = await createMarket(town.id, { status: "DRAFT" });
    const published = await createMarket(town.id, { status: "PUBLISHED" });
    expect(await (await organiser.get(`/organiser/markets/${draft.id}`)).text()).toContain("Supprimer ce brouillon");
    expect(await (await organiser.get(`/organiser/markets/${published.id}`)).text()).not.toContain(
      "Supprimer ce brouillon",
    );
  });
});

describe("open now until the scheduled closing", () => {
  const live = (marketId: string) => `/organiser/markets/${marketId}/live`;

  it("opens from now to the end of today's session (10:00–19:00), offered on the page with its time", async () => {
    const market = await createMarket(town.id);
    const session = await createSession(market.id, new Date("2026-12-12T09:00:00Z"), new Date("2026-12-12T18:00:00Z"));
    const page = await (await organiser.get(live(market.id))).text();
    expect(page).toContain("Jusqu’à la fermeture prévue");
    expect(page).toContain("19:00");

    const response = await organiser.post(live(market.id), { intent: "open", until: "scheduled", minutes: "" });
    expect(response.status).toBe(200);
    const [override] = await db.marketOverride.findMany({ where: { marketId: market.id } });
    expect(override).toMatchObject({ kind: "OPEN", startsAt: NOW, endsAt: session.endsAt });
    expect(await response.text()).toMatch(/Le marché est ouvert jusqu’au [^<]*19:00/);
  });

  it("ends at the session's end when an organiser's 'close now' is in force, lifting it", async () => {
    const market = await createMarket(town.id);
    server.clock.set(new Date("2026-12-12T12:00:00Z"));
    await createSession(market.id, new Date("2026-12-12T09:00:00Z"), new Date("2026-12-12T18:00:00Z"));
    expect((await organiser.post(live(market.id), { intent: "close", reason: "Grand vent" })).status).toBe(200);
    server.clock.set(new Date("2026-12-12T13:00:00Z"));
    const response = await organiser.post(live(market.id), { intent: "open", until: "scheduled" });
    expect(response.status).toBe(200);
    const overrides = await db.marketOverride.findMany({
      where: { marketId: market.id },
      orderBy: { createdAt: "asc" },
    });
    expect(overrides.map((o) => [o.kind, o.endsAt.toISOString()])).toEqual([
      ["CLOSE", "2026-12-12T13:00:00.000Z"],
      ["OPEN", "2026-12-12T18:00:00.000Z"],
    ]);
  });

  it("says there is none when no session closes today, and refuses it (409, nothing written)", async () => {
    const market = await createMarket(town.id);
    // Tomorrow's session: not "until the closing" tonight.
    await createSession(market.id, new Date("2026-12-13T09:00:00Z"), new Date("2026-12-13T18:00:00Z"));
    const page = await (await organiser.get(live(market.id))).text();
    expect(page).toContain("Aucune fermeture n’est prévue aujourd’hui par les séances");
    expect(page).not.toContain("Jusqu’à la fermeture prévue");

    const response = await organiser.post(live(market.id), { intent: "open", until: "scheduled" });
    expect(response.status).toBe(409);
    expect(await response.text()).toContain("Aucune fermeture n’est prévue aujourd’hui");
    expect(await db.marketOverride.count({ where: { marketId: market.id } })).toBe(0);
    // Minutes still work.
    expect((await organiser.post(live(market.id), { intent: "open", minutes: "60" })).status).toBe(200);
  });
});
