// The organiser's live controls (open now, close now, extend) against the real server: the
// console page and its forms, what visitors then see, the socket announcement, refusals.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SessionTransitionEvent } from "~/realtime/events";
import { db } from "~/utils/db.server";
import {
  createMarket,
  createOrganiser,
  createSession,
  createStall,
  createTown,
  createUser,
} from "../fixtures/factories";
import { clientFor, connectSocket, startTestServer, type TestClient, type TestServer } from "../setup/server";

// Saturday 5 December 2026, 13:00 in Paris, 07:00 in New York.
const NOW = new Date("2026-12-05T12:00:00Z");
const minutes = (n: number) => n * 60_000;
const at = (ms: number) => new Date(NOW.getTime() + ms);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ now: NOW });
});
afterAll(() => server.close());
beforeEach(() => server.clock.set(NOW));

/** A published market with its organiser and a session tomorrow; `open` adds one under way (12:00–14:00 in Paris). */
async function scene({ open = true, timezone = "Europe/Paris" } = {}) {
  const town = await createTown();
  const organiserUser = await createOrganiser(town.id);
  const market = await createMarket(town.id, { timezone });
  if (open) await createSession(market.id, at(-minutes(60)), at(minutes(60)));
  await createSession(market.id, at(minutes(24 * 60)), at(minutes(25 * 60)));
  const organiser = await clientFor(server, organiserUser.id);
  return { town, organiserUser, market, organiser, url: `/organiser/markets/${market.id}/live` };
}

const overridesOf = (marketId: string) =>
  db.marketOverride.findMany({ where: { marketId }, orderBy: { startsAt: "asc" } });

/** The public page's status block (badge and detail), as text. */
async function publicStatus(slug: string) {
  const response = await (await clientFor(server, null)).get(`/m/${slug}`);
  expect(response.status).toBe(200);
  const html = await response.text();
  const start = html.indexOf('data-testid="market-status"');
  expect(start).toBeGreaterThan(-1);
  return html.slice(start, start + 600).replace(/<[^>]+>/g, " ");
}

/** The console's state block, as text. */
async function consoleState(client: TestClient, url: string) {
  const response = await client.get(url);
  expect(response.status).toBe(200);
  const html = await response.text();
  const start = html.indexOf('data-testid="live-state"');
  expect(start).toBeGreaterThan(-1);
  return { html, state: html.slice(start, html.indexOf("</div>", start)).replace(/<[^>]+>/g, " ") };
}

describe("close now", () => {
  it("closes with the reason: recorded, shown in the console and its history, visitors see the market closed", async () => {
    const { market, organiser, organiserUser, url } = await scene();
    expect(await publicStatus(market.slug)).toContain("Ouvert maintenant");
    expect((await consoleState(organiser, url)).state).toMatch(/Ouvert\s+Jusqu’au samedi 5 décembre à 14:00\./);

    const response = await organiser.post(url, { intent: "close", reason: "  Tempête de neige sur la place  " });
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain(
      "Le marché est fermé. Les visiteurs voient le motif\u00a0: «\u00a0Tempête de neige sur la place\u00a0».",
    );

    expect(await overridesOf(market.id)).toEqual([
      expect.objectContaining({
        kind: "CLOSE",
        reason: "Tempête de neige sur la place",
        startsAt: NOW,
        endsAt: at(minutes(60)),
        createdById: organiserUser.id,
        // The injected clock, not the machine's: the history is in the market's time.
        createdAt: NOW,
      }),
    ]);

    const { html, state } = await consoleState(organiser, url);
    expect(state).toContain("Fermé");
    expect(state).toContain(
      "Fermé par l’organisation depuis le samedi 5 décembre à 13:00. Motif affiché aux visiteurs\u00a0: «\u00a0Tempête de neige sur la place\u00a0»",
    );
    expect(state).toContain("Prochaine ouverture\u00a0: dimanche 6 décembre à 13:00.");
    // Only the form that makes sense now.
    expect(html).toContain("Ouvrir maintenant");
    expect(html).not.toContain('value="close"');
    expect(html).not.toContain('value="extend"');
    expect(html).toContain("Fermeture immédiate");
    expect(html).toContain("Le samedi 5 décembre à 13:00, par Organiser");
    expect(html).toContain("Motif\u00a0: «\u00a0Tempête de neige sur la place\u00a0»");

    const status = await publicStatus(market.slug);
    expect(status).toContain("Fermé");
    expect(status).not.toContain("Ouvert maintenant");
  });

  it("is announced to the market's sockets with its reason, and listed in the history as an override", async () => {
    const { market, organiser, url } = await scene();
    await server.scheduler.runOnce(); // the baseline: open
    const socket = await connectSocket(server);
    try {
      const closed = new Promise<SessionTransitionEvent>((resolve) => socket.once("session:closed", resolve));
      expect(await socket.emitWithAck("market:join", { marketId: market.id })).toMatchObject({ ok: true });

      expect((await organiser.post(url, { intent: "close", reason: "Coupure de courant" })).status).toBe(200);
      await server.scheduler.runOnce();
      expect(await closed).toMatchObject({
        marketId: market.id,
        open: false,
        cause: "OVERRIDE",
        at: NOW.toISOString(),
        closure: { reason: "Coupure de courant" },
      });
    } finally {
      socket.disconnect();
    }

    const { html } = await consoleState(organiser, url);
    const transitions = html.slice(html.indexOf("Ouvertures et fermetures annoncées"));
    expect(transitions).toContain('data-cause="OVERRIDE"');
    expect(transitions).toContain("Intervention de l’organisation");
    expect(transitions).toContain('data-cause="BASELINE"');
    expect(transitions).toContain("Prévue le samedi 5 décembre à 13:00, annoncée le samedi 5 décembre à 13:00");
  });

  it("shows the times in the market's own timezone", async () => {
    const { organiser, url } = await scene({ timezone: "America/New_York" });
    const response = await organiser.post(url, { intent: "close", reason: "Blizzard warning" });
    expect(response.status).toBe(200);
    const { html, state } = await consoleState(organiser, url);
    expect(state).toContain("depuis le samedi 5 décembre à 07:00");
    expect(html).toContain("En vigueur du samedi 5 décembre à 07:00 au samedi 5 décembre à 08:00");
  });
});

describe("open now and extend", () => {
  it("opens a closed market for the minutes asked", async () => {
    const { market, organiser, organiserUser, url } = await scene({ open: false });
    expect(await publicStatus(market.slug)).not.toContain("Ouvert maintenant");
    const before = await consoleState(organiser, url);
    expect(before.state).toContain("Fermé");
    expect(before.html).toContain('value="open"');
    expect(before.html).not.toContain('value="close"');

    const response = await organiser.post(url, { intent: "open", minutes: "90" });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(
      "Le marché est ouvert jusqu’au samedi 5 décembre à 14:30. Les visiteurs en sont prévenus.",
    );
    expect(await overridesOf(market.id)).toEqual([
      expect.objectContaining({
        kind: "OPEN",
        startsAt: NOW,
        endsAt: at(minutes(90)),
        createdById: organiserUser.id,
      }),
    ]);
    const { html, state } = await consoleState(organiser, url);
    expect(state).toMatch(/Ouvert\s+Jusqu’au samedi 5 décembre à 14:30\./);
    expect(html).toContain("Ouverture immédiate");
    expect(await publicStatus(market.slug)).toContain("Ouvert maintenant");
  });

  it("lifts a closure in force: the rest of the session comes back", async () => {
    const { market, organiser, url } = await scene();
    expect((await organiser.post(url, { intent: "close", reason: "Orage" })).status).toBe(200);
    server.clock.advance(minutes(10));
    const response = await organiser.post(url, { intent: "open", minutes: "5" });
    expect(response.status).toBe(200);
    // The session runs until 14:00 in Paris: more than the 5 minutes asked.
    expect(await response.text()).toContain("ouvert jusqu’au samedi 5 décembre à 14:00");
    const close = (await overridesOf(market.id)).find((o) => o.kind === "CLOSE");
    expect(close?.endsAt).toEqual(at(minutes(10)));
    expect(await publicStatus(market.slug)).toContain("Ouvert maintenant");
  });

  it("extends the opening under way: the close time moves", async () => {
    const { market, organiser, url } = await scene();
    const response = await organiser.post(url, { intent: "extend", minutes: "30" });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(
      "Ouverture prolongée\u00a0: le marché ferme maintenant le samedi 5 décembre à 14:30.",
    );
    expect(await overridesOf(market.id)).toEqual([
      expect.objectContaining({ kind: "OPEN", startsAt: at(minutes(60)), endsAt: at(minutes(90)), createdAt: NOW }),
    ]);
    const { html, state } = await consoleState(organiser, url);
    expect(state).toMatch(/Ouvert\s+Jusqu’au samedi 5 décembre à 14:30\./);
    expect(html).toContain("Prolongation");

    // Still open past the planned end, closed once the extension is over.
    server.clock.set(at(minutes(75)));
    expect(await publicStatus(market.slug)).toContain("Ouvert maintenant");
    server.clock.set(at(minutes(90)));
    expect(await publicStatus(market.slug)).not.toContain("Ouvert maintenant");
  });
});

describe("refusals", () => {
  it("answers bad input with 400 and the field's message, and writes nothing", async () => {
    const open = await scene();
    const closed = await scene({ open: false });
    const cases: [typeof open, Record<string, string>, string][] = [
      [closed, { intent: "open", minutes: "4" }, "Choisissez entre 5 et 720 minutes"],
      [closed, { intent: "open", minutes: "721" }, "Choisissez entre 5 et 720 minutes"],
      [closed, { intent: "open", minutes: "douze" }, "Saisissez un nombre entier"],
      [closed, { intent: "open", minutes: "12.5" }, "Saisissez un nombre entier"],
      [closed, { intent: "open", minutes: "" }, "Ce champ est obligatoire"],
      [closed, { intent: "open" }, "Ce champ est obligatoire"],
      [open, { intent: "close", reason: "" }, "Ce champ est obligatoire"],
      [open, { intent: "close", reason: "  ab  " }, "Le motif doit compter de 3 à 200 caractères"],
      [open, { intent: "close", reason: "x".repeat(201) }, "Le motif doit compter de 3 à 200 caractères"],
      [open, { intent: "close", reason: "Fermé\u0007 ce soir" }, "caractère invisible non autorisé"],
      [open, { intent: "extend", minutes: "0" }, "Choisissez entre 5 et 240 minutes"],
      [open, { intent: "extend", minutes: "241" }, "Choisissez entre 5 et 240 minutes"],
      [open, { intent: "extend", minutes: "-30" }, "Choisissez entre 5 et 240 minutes"],
      [open, { intent: "shout" }, "Choix invalide"],
      [open, {}, "Choix invalide"],
    ];
    for (const [where, fields, message] of cases) {
      const response = await where.organiser.post(where.url, fields);
      expect(response.status, JSON.stringify(fields)).toBe(400);
      const html = await response.text();
      expect(html, JSON.stringify(fields)).toContain(message);
    }
    // A field refused for a form the page no longer shows is still named, at the top.
    const stale = await open.organiser.post(open.url, { intent: "open", minutes: "1000" });
    expect(stale.status).toBe(400);
    expect(await stale.text()).toContain("Choisissez entre 5 et 720 minutes");

    expect(await db.marketOverride.count({ where: { marketId: { in: [open.market.id, closed.market.id] } } })).toBe(0);
  });

  it("answers 409 when the market is not in the state the action needs, and writes nothing", async () => {
    const open = await scene();
    const closed = await scene({ open: false });
    const alreadyOpen = await open.organiser.post(open.url, { intent: "open", minutes: "60" });
    expect(alreadyOpen.status).toBe(409);
    expect(await alreadyOpen.text()).toContain("Le marché est déjà ouvert\u00a0: rien n’a été changé.");
    for (const fields of <Record<string, string>[]>[
      { intent: "close", reason: "Neige" },
      { intent: "extend", minutes: "30" },
    ]) {
      const response = await closed.organiser.post(closed.url, fields);
      expect(response.status, fields.intent).toBe(409);
      expect(await response.text()).toContain("Le marché n’est pas ouvert\u00a0: rien n’a été changé.");
    }
    expect(await db.marketOverride.count({ where: { marketId: { in: [open.market.id, closed.market.id] } } })).toBe(0);
  });

  it("is refused to anyone but the market's organisers: merchant, resident, another town's organiser, anonymous", async () => {
    const { market, url } = await scene();
    const merchant = await createUser();
    await createStall(market.id, merchant.id);
    const clients = {
      merchant: await clientFor(server, merchant.id),
      resident: await clientFor(server, (await createUser()).id),
      otherTownOrganiser: await clientFor(server, (await createOrganiser((await createTown()).id)).id),
    };
    for (const [role, client] of Object.entries(clients)) {
      expect((await client.get(url)).status, role).toBe(403);
      for (const fields of <Record<string, string>[]>[
        { intent: "close", reason: "Je ferme" },
        { intent: "extend", minutes: "60" },
      ]) {
        expect((await client.post(url, fields)).status, `${role} ${fields.intent}`).toBe(403);
      }
    }
    const anonymous = await clientFor(server, null);
    for (const response of [
      await anonymous.get(url),
      await anonymous.post(url, { intent: "close", reason: "Je ferme" }),
    ]) {
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
    }
    expect(await db.marketOverride.count({ where: { marketId: market.id } })).toBe(0);
    expect(await publicStatus(market.slug)).toContain("Ouvert maintenant");
  });

  it("answers 404 for a market that does not exist", async () => {
    const { organiser } = await scene();
    expect((await organiser.get("/organiser/markets/nope/live")).status).toBe(404);
    expect((await organiser.post("/organiser/markets/nope/live", { intent: "close", reason: "Neige" })).status).toBe(
      404,
    );
  });
});
