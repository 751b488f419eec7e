// "Reconduire" against the real server: the review page, the next edition created in one step
// (settings, sessions on the same weekdays, one re-invitation and one email per merchant), a
// double submit, who may do it, refused input, and a merchant keeping last year's stall.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deletePhoto } from "~/models/photo.server";
import { db } from "~/utils/db.server";
import {
  createMarket,
  createOrganiser,
  createSession,
  createStall,
  createTown,
  createUser,
} from "../fixtures/factories";
import { clientFor, startTestServer, type TestClient, type TestServer } from "../setup/server";

const NOW = new Date("2026-11-20T12:00:00Z");

let server: TestServer;
let town: Awaited<ReturnType<typeof createTown>>;
let organiserUser: Awaited<ReturnType<typeof createUser>>;
let organiser: TestClient;
let otherOrganiser: TestClient;
let resident: TestClient;
let anonymous: TestClient;
let sourceCount = 0;

beforeAll(async () => {
  server = await startTestServer({ now: NOW });
  town = await createTown();
  const otherTown = await createTown();
  organiserUser = await createOrganiser(town.id);
  organiser = await clientFor(server, organiserUser.id);
  otherOrganiser = await clientFor(server, (await createOrganiser(otherTown.id)).id);
  resident = await clientFor(server, (await createUser({ name: "Résidente" })).id);
  anonymous = await clientFor(server, null);
});
afterAll(() => server.close());

/** A file in the photo storage, as an upload leaves it. */
async function storedFile(key: string) {
  await db.photoFile.create({ data: { key, contentType: "image/webp", size: 3, bytes: new Uint8Array([1, 2, 3]) } });
  return `/uploads/${key}`;
}

/**
 * Last year's market: two sessions (a Saturday and a Sunday of December 2025, 10:00–19:00 in
 * Paris) and a cancelled one, two approved stalls (the first with legal identity, a place on
 * the plan, photos, two active products and a hidden one) and a pending stall.
 */
async function lastYearsMarket() {
  const n = ++sourceCount;
  const base = await createMarket(town.id, { status: "ARCHIVED" });
  const market = await db.market.update({
    where: { id: base.id },
    data: {
      name: `Marché de Noël ${n} 2025`,
      slug: `noel-${n}-${base.id.slice(-6)}-2025`,
      description: "Les chalets de la place.",
      coverUrl: "/uploads/demo/cover-1.svg",
      commissionBps: 500,
    },
  });
  await createSession(market.id, new Date("2025-12-06T09:00:00Z"), new Date("2025-12-06T18:00:00Z"));
  await createSession(market.id, new Date("2025-12-07T09:00:00Z"), new Date("2025-12-07T18:00:00Z"));
  await db.marketSession.create({
    data: {
      marketId: market.id,
      startsAt: new Date("2025-12-13T09:00:00Z"),
      endsAt: new Date("2025-12-13T18:00:00Z"),
      cancelledAt: new Date("2025-12-01T00:00:00Z"),
    },
  });

  const honey = await createUser({ name: "Miel" });
  const bread = await createUser({ name: "Pain" });
  const pending = await createUser({ name: "Crêpes" });
  const stall = await createStall(market.id, honey.id, { name: "Miellerie" });
  await db.stall.update({
    where: { id: stall.id },
    data: {
      description: "Miels de Rueil.",
      pickupDetails: "Au chalet 3.",
      legalName: "Miellerie SARL",
      siret: "73282932000074",
      legalAddress: "1 rue des Abeilles, Rueil",
      planX: 20,
      planY: 30,
      chaletNumber: 3,
    },
  });
  const stallPhoto = await storedFile(`edition-${n}-stall.webp`);
  await db.photo.create({
    data: { stallId: stall.id, src: stallPhoto, thumbSrc: stallPhoto, width: 8, height: 6, alt: "Chalet" },
  });
  const jarPhoto = await storedFile(`edition-${n}-jar.webp`);
  const jar = await db.product.create({
    data: {
      stallId: stall.id,
      name: "Miel de tilleul",
      priceCents: 900,
      stock: 12,
      position: 0,
      photos: { create: { src: jarPhoto, thumbSrc: jarPhoto, width: 8, height: 6, alt: "Pot" } },
    },
  });
  await db.product.create({
    data: { stallId: stall.id, name: "Pain d’épices", priceCents: 700, stock: 3, position: 1 },
  });
  await db.product.create({ data: { stallId: stall.id, name: "Ancien produit", priceCents: 100, active: false } });
  await createStall(market.id, bread.id, { name: "Boulangerie" });
  await createStall(market.id, pending.id, { name: "Crêpes", status: "PENDING" });
  return { market, honey, bread, stall, jar };
}

/** The review form as the page fills it, with `overrides` on top. */
function reviewForm(n: number, overrides: Record<string, string> = {}) {
  return {
    name: `Marché de Noël ${n} 2026`,
    slug: `noel-${n}-2026-${Date.now().toString(36)}`,
    "sessions[0].keep": "on",
    "sessions[0].date": "2026-12-05",
    "sessions[0].startTime": "10:00",
    "sessions[0].endTime": "19:00",
    "sessions[1].keep": "on",
    "sessions[1].date": "2026-12-06",
    "sessions[1].startTime": "10:00",
    "sessions[1].endTime": "19:00",
    ...overrides,
  };
}

const reviewPath = (marketId: string) => `/organiser/markets/${marketId}/reconduire`;
const editionsOf = (marketId: string) => db.market.findMany({ where: { previousEditionId: marketId } });

function tokenIn(text: string): string {
  const link = new RegExp(`${server.url.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/invitations/([A-Za-z0-9_-]+)`).exec(
    text,
  );
  expect(link).not.toBeNull();
  return link![1]!;
}

describe("the review page", () => {
  it("proposes the year moved on, the sessions on the same weekdays and the merchants to invite", async () => {
    const { market } = await lastYearsMarket();
    const response = await organiser.get(reviewPath(market.id));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`value="Marché de Noël ${sourceCount} 2026"`);
    expect(html).toContain(`value="${market.slug.replace(/2025$/, "2026")}"`);
    expect(html).toContain('value="52"');
    // Saturday 6 December 2025 → Saturday 5 December 2026; the cancelled session is not carried.
    expect(html).toContain('value="2026-12-05"');
    expect(html).toContain('value="2026-12-06"');
    expect(html).not.toContain('value="2026-12-12"');
    expect(html).toContain('value="10:00"');
    expect(html).toContain('value="19:00"');
    expect(html).toContain("Commerçants invités à nouveau (2)");
    expect(html).toContain("Miellerie");
    expect(html).not.toContain("Crêpes");

    const shifted = await (await organiser.get(`${reviewPath(market.id)}?weeks=53`)).text();
    expect(shifted).toContain('value="2026-12-12"');
    expect(shifted).toContain('value="2026-12-13"');
  });
});

describe("creating the next edition", () => {
  it("creates the draft edition with its settings, sessions and one invitation and email per merchant", async () => {
    const { market, honey, bread, stall } = await lastYearsMarket();
    const form = reviewForm(sourceCount);
    const response = await organiser.post(reviewPath(market.id), form);
    expect(response.status).toBe(302);
    const [edition] = await editionsOf(market.id);
    expect(edition).toBeDefined();
    expect(response.headers.get("location")).toBe(`/organiser/markets/${edition!.id}/sessions`);
    expect(edition).toMatchObject({
      townId: town.id,
      name: form.name,
      slug: form.slug,
      status: "DRAFT",
      description: market.description,
      coverUrl: market.coverUrl,
      timezone: "Europe/Paris",
      commissionBps: 500,
    });

    const sessions = await db.marketSession.findMany({
      where: { marketId: edition!.id },
      orderBy: { startsAt: "asc" },
    });
    expect(sessions.map((s) => [s.startsAt.toISOString(), s.endsAt.toISOString()])).toEqual([
      ["2026-12-05T09:00:00.000Z", "2026-12-05T18:00:00.000Z"],
      ["2026-12-06T09:00:00.000Z", "2026-12-06T18:00:00.000Z"],
    ]);

    const invitations = await db.invitation.findMany({ where: { marketId: edition!.id }, orderBy: { email: "asc" } });
    expect(invitations.map((i) => i.email).sort()).toEqual([honey.email, bread.email].sort());
    expect(invitations.find((i) => i.email === honey.email)!.previousStallId).toBe(stall.id);
    expect(invitations.every((i) => i.invitedById === organiserUser.id && i.acceptedAt === null)).toBe(true);

    for (const merchant of [honey, bread]) {
      const mails = await db.outboxEmail.findMany({ where: { to: merchant.email } });
      expect(mails).toHaveLength(1);
      expect(mails[0]!.subject).toContain(form.name);
      tokenIn(mails[0]!.text);
    }

    // The source now leads to its edition: the frame links to it, the review page redirects.
    const frame = await (await organiser.get(`/organiser/markets/${market.id}`)).text();
    expect(frame).toContain(`Édition suivante\u00a0: ${form.name}`);
    const editionFrame = await (await organiser.get(`/organiser/markets/${edition!.id}`)).text();
    expect(editionFrame).toContain(`Reconduit de\u00a0: ${market.name}`);
    const again = await organiser.get(reviewPath(market.id));
    expect(again.status).toBe(302);
    expect(again.headers.get("location")).toBe(`/organiser/markets/${edition!.id}`);
  });

  it("leaves out the sessions the organiser unticked and keeps the times they corrected", async () => {
    const { market } = await lastYearsMarket();
    const form = reviewForm(sourceCount, { "sessions[1].endTime": "21:00" });
    delete (form as Record<string, string>)["sessions[0].keep"];
    expect((await organiser.post(reviewPath(market.id), form)).status).toBe(302);
    const [edition] = await editionsOf(market.id);
    const sessions = await db.marketSession.findMany({ where: { marketId: edition!.id } });
    expect(sessions.map((s) => [s.startsAt.toISOString(), s.endsAt.toISOString()])).toEqual([
      ["2026-12-06T09:00:00.000Z", "2026-12-06T20:00:00.000Z"],
    ]);
  });

  it("creates one edition on a double submit and sends the second to it", async () => {
    const { market, honey } = await lastYearsMarket();
    const form = reviewForm(sourceCount);
    const responses = await Promise.all([
      organiser.post(reviewPath(market.id), form),
      organiser.post(reviewPath(market.id), form),
    ]);
    const editions = await editionsOf(market.id);
    expect(editions).toHaveLength(1);
    const edition = editions[0]!;
    expect(responses.map((r) => r.status)).toEqual([302, 302]);
    expect(responses.map((r) => r.headers.get("location")).sort()).toEqual(
      [`/organiser/markets/${edition.id}`, `/organiser/markets/${edition.id}/sessions`].sort(),
    );
    expect(await db.invitation.count({ where: { marketId: edition.id } })).toBe(2);
    expect(await db.outboxEmail.count({ where: { to: honey.email } })).toBe(1);
  });

  it("is refused to another town's organiser, a merchant, a resident and anonymous visitors, writing nothing", async () => {
    const { market, honey } = await lastYearsMarket();
    const merchant = await clientFor(server, honey.id);
    const before = await db.market.count();
    for (const client of [otherOrganiser, merchant, resident]) {
      expect((await client.get(reviewPath(market.id))).status).toBe(403);
      expect((await client.post(reviewPath(market.id), reviewForm(sourceCount))).status).toBe(403);
    }
    const login = await anonymous.post(reviewPath(market.id), reviewForm(sourceCount));
    expect(login.status).toBe(302);
    expect(login.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
    expect((await organiser.get(reviewPath("no-such-market"))).status).toBe(404);
    expect(await db.market.count()).toBe(before);
    expect(await db.outboxEmail.count({ where: { to: honey.email } })).toBe(0);
  });

  it("refuses an empty name, a taken address and a session ending before it starts with 400, writing nothing", async () => {
    const { market, honey } = await lastYearsMarket();
    const before = { markets: await db.market.count(), invitations: await db.invitation.count() };

    const noName = await organiser.post(reviewPath(market.id), reviewForm(sourceCount, { name: "" }));
    expect(noName.status).toBe(400);
    expect(await noName.text()).toContain("Ce champ est obligatoire");

    const taken = await organiser.post(reviewPath(market.id), reviewForm(sourceCount, { slug: market.slug }));
    expect(taken.status).toBe(400);
    expect(await taken.text()).toContain("Cette adresse est déjà prise par un autre marché.");

    const reversed = await organiser.post(
      reviewPath(market.id),
      reviewForm(sourceCount, { "sessions[1].startTime": "19:00", "sessions[1].endTime": "10:00" }),
    );
    expect(reversed.status).toBe(400);
    expect(await reversed.text()).toContain("Séance 2\u00a0:");

    const badShift = await organiser.get(`${reviewPath(market.id)}?weeks=-3`);
    expect(badShift.status).toBe(200);
    expect(await badShift.text()).toContain("aria-invalid");

    expect(await db.market.count()).toBe(before.markets);
    expect(await db.invitation.count()).toBe(before.invitations);
    expect(await editionsOf(market.id)).toHaveLength(0);
    expect(await db.outboxEmail.count({ where: { to: honey.email } })).toBe(0);
  });
});

describe("a merchant keeps last year's stall", () => {
  async function reinvited() {
    const scene = await lastYearsMarket();
    const form = reviewForm(sourceCount);
    expect((await organiser.post(reviewPath(scene.market.id), form)).status).toBe(302);
    const [edition] = await editionsOf(scene.market.id);
    const mail = await db.outboxEmail.findFirstOrThrow({ where: { to: scene.honey.email } });
    return { ...scene, edition: edition!, token: tokenIn(mail.text) };
  }

  it("copies the stall, its active products with stock 0 and its photos in one tap, then opens the stock page", async () => {
    const { stall, jar, honey, edition, token } = await reinvited();
    const merchant = await clientFor(server, honey.id);
    const page = await (await merchant.get(`/invitations/${token}`)).text();
    expect(page).toContain("Votre stand de l’an dernier");
    expect(page).toContain("Garder mon stand");

    const response = await merchant.post(`/invitations/${token}`, { intent: "keep" });
    expect(response.status).toBe(302);
    const copy = await db.stall.findFirstOrThrow({
      where: { marketId: edition.id },
      include: {
        photos: true,
        products: { orderBy: { position: "asc" }, include: { photos: true } },
      },
    });
    expect(response.headers.get("location")).toBe(`/merchant/stalls/${copy.id}/stock`);
    expect(copy).toMatchObject({
      ownerId: honey.id,
      slug: stall.slug,
      name: "Miellerie",
      category: stall.category,
      description: "Miels de Rueil.",
      pickupDetails: "Au chalet 3.",
      legalName: "Miellerie SARL",
      siret: "73282932000074",
      legalAddress: "1 rue des Abeilles, Rueil",
      planX: 20,
      planY: 30,
      chaletNumber: 3,
      status: "PENDING",
    });
    expect(copy.products.map((p) => [p.name, p.priceCents, p.stock, p.active])).toEqual([
      ["Miel de tilleul", 900, 0, true],
      ["Pain d’épices", 700, 0, true],
    ]);
    const oldStallPhoto = await db.photo.findFirstOrThrow({ where: { stallId: stall.id } });
    expect(copy.photos).toHaveLength(1);
    expect(copy.photos[0]).toMatchObject({ src: oldStallPhoto.src, thumbSrc: oldStallPhoto.thumbSrc, alt: "Chalet" });
    expect(copy.photos[0]!.id).not.toBe(oldStallPhoto.id);
    const oldJarPhoto = await db.photo.findFirstOrThrow({ where: { productId: jar.id } });
    expect(copy.products[0]!.photos.map((p) => p.src)).toEqual([oldJarPhoto.src]);
    expect(await db.invitation.findFirstOrThrow({ where: { marketId: edition.id, email: honey.email } })).toMatchObject(
      {
        acceptedAt: NOW,
      },
    );

    // The copy is independent: changing it leaves last year's stall as it was.
    await db.product.update({
      where: { id: copy.products[0]!.id },
      data: { priceCents: 1200, stock: 5, name: "Miel 2026" },
    });
    expect(await db.product.findUniqueOrThrow({ where: { id: jar.id } })).toMatchObject({
      name: "Miel de tilleul",
      priceCents: 900,
      stock: 12,
    });
    // Deleting the copy's photo keeps the file last year's photo still shows.
    expect(await deletePhoto(copy.id, copy.photos[0]!.id)).toBe(true);
    expect(await db.photo.count({ where: { stallId: stall.id } })).toBe(1);
    const key = oldStallPhoto.src.slice("/uploads/".length);
    expect(await db.photoFile.count({ where: { key } })).toBe(1);
    expect((await fetch(`${server.url}${oldStallPhoto.src}`)).status).toBe(200);
  });

  it("makes one stall when the merchant taps twice", async () => {
    const { honey, edition, token } = await reinvited();
    const merchant = await clientFor(server, honey.id);
    const [first, second] = await Promise.all([
      merchant.post(`/invitations/${token}`, { intent: "keep" }),
      merchant.post(`/invitations/${token}`, { intent: "keep" }),
    ]);
    expect([first.status, second.status].sort()).toEqual([302, 410]);
    const third = await merchant.post(`/invitations/${token}`, { intent: "keep" });
    expect(third.status).toBe(410);
    expect(await third.text()).toContain("Invitation déjà utilisée");
    expect(await db.stall.count({ where: { marketId: edition.id } })).toBe(1);
  });

  it("is refused to another account than last year's owner, which may still open a new stall", async () => {
    const { bread, edition, token } = await reinvited();
    const someoneElse = await clientFor(server, bread.id);
    const page = await (await someoneElse.get(`/invitations/${token}`)).text();
    expect(page).not.toContain("Garder mon stand");
    expect(page).toContain("est sur un autre compte");
    const refused = await someoneElse.post(`/invitations/${token}`, { intent: "keep" });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("Ce stand de l’an dernier n’est pas sur votre compte.");
    expect(await db.stall.count({ where: { marketId: edition.id } })).toBe(0);
    expect(await db.invitation.count({ where: { marketId: edition.id, acceptedAt: { not: null } } })).toBe(0);
  });
});
