// Legal pages, the merchants' legal identity and the review emails, through the real server:
// an approval needs the identity, a bad SIRET writes nothing, the stall page and the terms of sale
// name the seller, and the merchant and organisers are emailed once, in their language.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInvitation } from "~/models/invitation.server";
import { db } from "~/utils/db.server";
import { localeCookie } from "~/utils/session.server";
import {
  createMarket,
  createOrganiser,
  createSession,
  createStall,
  createTown,
  createUser,
  TEST_LEGAL_IDENTITY,
} from "../fixtures/factories";
import { clientFor, startTestServer, type TestClient, type TestServer } from "../setup/server";

const NOW = new Date("2026-12-10T12:00:00Z");

let server: TestServer;
let town: Awaited<ReturnType<typeof createTown>>;
let market: Awaited<ReturnType<typeof createMarket>>;
let organiserUser: Awaited<ReturnType<typeof createUser>>;
let englishOrganiser: Awaited<ReturnType<typeof createUser>>;
let organiser: TestClient;
let anonymous: TestClient;
let english: TestClient;

beforeAll(async () => {
  server = await startTestServer({ now: NOW });
  town = await db.town.update({
    where: { id: (await createTown()).id },
    data: {
      address: "13 boulevard du Maréchal-Foch, 92500 Rueil-Malmaison",
      contactEmail: "noel@mairie.example.test",
      contactPhone: "01 47 32 65 65",
      publicationDirector: "Patrick Ollier",
      // The host is left empty: the notice must say "non renseigné", not invent one.
    },
  });
  organiserUser = await createOrganiser(town.id);
  englishOrganiser = await createOrganiser(town.id);
  await db.user.update({ where: { id: englishOrganiser.id }, data: { locale: "en" } });
  market = await createMarket(town.id);
  await createSession(market.id, new Date(NOW.getTime() - 3600_000), new Date(NOW.getTime() + 3600_000));
  organiser = await clientFor(server, organiserUser.id);
  anonymous = await clientFor(server, null);
  english = await clientFor(server, null);
  english.setCookieHeader(await localeCookie.serialize("en"));
});
afterAll(() => server.close());

const mailsTo = (email: string) => db.outboxEmail.findMany({ where: { to: email }, orderBy: { createdAt: "asc" } });
const decide = (stallId: string, decision: "APPROVED" | "REJECTED") =>
  organiser.post(`/organiser/markets/${market.id}/stalls`, { stallId, decision });

describe("approving a stall", () => {
  it("is refused while the legal identity is incomplete: 409, a message naming what is missing, nothing changed", async () => {
    const merchant = await createUser({ name: "Sans Siret" });
    const stall = await createStall(market.id, merchant.id, {
      status: "PENDING",
      name: "Galettes sans papiers",
      legal: null,
    });
    await db.stall.update({ where: { id: stall.id }, data: { legalName: "EI Galettes" } });

    const review = await (await organiser.get(`/organiser/markets/${market.id}/stalls`)).text();
    expect(review).toContain("À compléter par le marchand avant approbation\u00a0: SIRET valide, adresse.");

    const response = await decide(stall.id, "APPROVED");
    expect(response.status).toBe(409);
    const html = await response.text();
    expect(html).toContain("Le stand «\u00a0Galettes sans papiers\u00a0» ne peut pas être approuvé");
    expect(html).toContain("SIRET valide, adresse");
    expect((await db.stall.findUniqueOrThrow({ where: { id: stall.id } })).status).toBe("PENDING");
    expect(await mailsTo(merchant.email)).toHaveLength(0);

    // A SIRET with a wrong key counts as missing too (written by a script, say).
    await db.stall.update({
      where: { id: stall.id },
      data: { siret: "81234567600018", legalAddress: "1 rue de Paris, 92500 Rueil-Malmaison" },
    });
    expect((await decide(stall.id, "APPROVED")).status).toBe(409);
    expect((await db.stall.findUniqueOrThrow({ where: { id: stall.id } })).status).toBe("PENDING");

    // Rejecting needs no identity.
    expect((await decide(stall.id, "REJECTED")).status).toBe(200);
    expect((await db.stall.findUniqueOrThrow({ where: { id: stall.id } })).status).toBe("REJECTED");
  });

  it("is allowed with a complete identity, and the merchant is emailed once per decision", async () => {
    const merchant = await createUser({ name: "Hélène" });
    const stall = await createStall(market.id, merchant.id, { status: "PENDING", name: "Miellerie du Mont" });

    expect((await decide(stall.id, "APPROVED")).status).toBe(200);
    expect((await db.stall.findUniqueOrThrow({ where: { id: stall.id } })).status).toBe("APPROVED");
    // A second click (another tab, a double tap) changes nothing and sends nothing.
    expect((await decide(stall.id, "APPROVED")).status).toBe(200);
    let mails = await mailsTo(merchant.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("Votre stand «\u00a0Miellerie du Mont\u00a0» est approuvé");
    expect(mails[0]!.text).toContain(`/m/${market.slug}/${stall.slug}`);
    expect(mails[0]!.text).toContain(`/merchant/stalls/${stall.id}`);

    expect((await decide(stall.id, "REJECTED")).status).toBe(200);
    expect((await decide(stall.id, "REJECTED")).status).toBe(200);
    mails = await mailsTo(merchant.email);
    expect(mails.map((m) => m.subject)).toEqual([
      "Votre stand «\u00a0Miellerie du Mont\u00a0» est approuvé",
      "Votre stand «\u00a0Miellerie du Mont\u00a0» n’a pas été retenu",
    ]);
  });

  it("emails the merchant in their language", async () => {
    const merchant = await createUser({ name: "Harriet" });
    await db.user.update({ where: { id: merchant.id }, data: { locale: "en" } });
    const stall = await createStall(market.id, merchant.id, { status: "PENDING", name: "Mince Pies" });
    expect((await decide(stall.id, "REJECTED")).status).toBe(200);
    const mails = await mailsTo(merchant.email);
    expect(mails.map((m) => m.subject)).toEqual(["Your stall “Mince Pies” was not accepted"]);
    expect(mails[0]!.text).toContain("did not accept your stall");
  });
});

describe("the legal identity on the merchant's forms", () => {
  async function invite(email: string) {
    return createInvitation({ marketId: market.id, email, invitedById: organiserUser.id, now: NOW });
  }
  const stallForm = { name: "Bougies de Chatou", category: "bougies", description: "", pickupDetails: "" };

  it("refuses a bad SIRET when the stall is created: 400, the message, no stall, the invitation still usable", async () => {
    const merchant = await createUser({ name: "Léa" });
    const client = await clientFor(server, merchant.id);
    const { token, invitation } = await invite(merchant.email);
    const response = await client.post(`/invitations/${token}`, {
      ...stallForm,
      legalName: "Léa Moreau (EI)",
      siret: "123 456 789 00012",
      legalAddress: "14 quai Conti, 92500 Rueil-Malmaison",
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Ce numéro SIRET n’est pas valide");
    expect(await db.stall.count({ where: { ownerId: merchant.id } })).toBe(0);
    expect((await db.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).acceptedAt).toBeNull();
    expect(await mailsTo(organiserUser.email).then((m) => m.filter((x) => x.subject.includes("Bougies")))).toEqual([]);
  });

  it("stores the identity given at creation (SIRET without its spaces) and tells every organiser of the town once", async () => {
    const merchant = await createUser({ name: "Léa Moreau" });
    const client = await clientFor(server, merchant.id);
    const { token } = await invite(merchant.email);
    const otherTown = await createTown();
    const otherOrganiser = await createOrganiser(otherTown.id);
    const moderator = await createUser({ name: "Moderator" });
    await db.membership.create({ data: { userId: moderator.id, townId: town.id, role: "MODERATOR" } });

    const response = await client.post(`/invitations/${token}`, {
      ...stallForm,
      name: "Bougies de la Seine",
      legalName: "Léa Moreau (EI)",
      siret: "883 617 904 00015",
      legalAddress: "14 quai Conti, 92500 Rueil-Malmaison",
    });
    expect(response.status).toBe(302);
    const stall = await db.stall.findFirstOrThrow({ where: { ownerId: merchant.id } });
    expect(stall).toMatchObject({
      status: "PENDING",
      legalName: "Léa Moreau (EI)",
      siret: "88361790400015",
      legalAddress: "14 quai Conti, 92500 Rueil-Malmaison",
    });

    const about = <Mail extends { subject: string }>(mails: Mail[]) =>
      mails.filter((m) => m.subject.includes("Bougies de la Seine"));
    const french = about(await mailsTo(organiserUser.email));
    expect(french.map((m) => m.subject)).toEqual([`Stand à valider\u00a0: Bougies de la Seine (${market.name})`]);
    expect(french[0]!.text).toContain(`/organiser/markets/${market.id}/stalls`);
    expect(french[0]!.text).toContain("Léa Moreau a créé le stand «\u00a0Bougies de la Seine\u00a0»");
    const inEnglish = about(await mailsTo(englishOrganiser.email));
    expect(inEnglish.map((m) => m.subject)).toEqual([`Stall to approve: Bougies de la Seine (${market.name})`]);
    expect(about(await mailsTo(otherOrganiser.email))).toEqual([]);
    expect(about(await mailsTo(moderator.email))).toEqual([]);
    expect(about(await mailsTo(merchant.email))).toEqual([]);
  });

  it("tells the organisers what is missing when the stall is created without an identity", async () => {
    const merchant = await createUser({ name: "Paul" });
    const client = await clientFor(server, merchant.id);
    const { token } = await invite(merchant.email);
    expect((await client.post(`/invitations/${token}`, { ...stallForm, name: "Santons de Paul" })).status).toBe(302);
    const [mail] = (await mailsTo(organiserUser.email)).filter((m) => m.subject.includes("Santons de Paul"));
    expect(mail!.text).toContain("Son identité légale est incomplète (raison sociale, SIRET valide, adresse)");
  });

  it("never gives a stall the slug of the market's terms of sale", async () => {
    const merchant = await createUser();
    const client = await clientFor(server, merchant.id);
    const { token } = await invite(merchant.email);
    const response = await client.post(`/invitations/${token}`, { ...stallForm, name: "Conditions de vente" });
    expect(response.status).toBe(302);
    expect((await db.stall.findFirstOrThrow({ where: { ownerId: merchant.id } })).slug).toBe("conditions-de-vente-2");
  });

  it("refuses a bad SIRET on the stall's settings with 400 and writes nothing", async () => {
    const merchant = await createUser();
    const stall = await createStall(market.id, merchant.id, { status: "PENDING", legal: null });
    const client = await clientFor(server, merchant.id);
    const response = await client.post(`/merchant/stalls/${stall.id}?index`, {
      ...stallForm,
      name: "Nouveau nom",
      legalName: "EI Nouveau",
      siret: "8123456760001",
      legalAddress: "Rueil",
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Ce numéro SIRET n’est pas valide");
    expect(await db.stall.findUniqueOrThrow({ where: { id: stall.id } })).toMatchObject({
      name: stall.name,
      legalName: "",
      siret: "",
    });

    const saved = await client.post(`/merchant/stalls/${stall.id}?index`, {
      ...stallForm,
      legalName: "EI Nouveau",
      siret: "812 345 676 00017",
      legalAddress: "1 rue de Paris, 92500 Rueil-Malmaison",
    });
    expect(saved.status).toBe(200);
    expect(await db.stall.findUniqueOrThrow({ where: { id: stall.id } })).toMatchObject({
      legalName: "EI Nouveau",
      siret: "81234567600017",
    });
  });

  it("keeps an approved stall's identity complete: emptying it is refused with 400", async () => {
    const merchant = await createUser();
    const stall = await createStall(market.id, merchant.id);
    const client = await clientFor(server, merchant.id);
    const response = await client.post(`/merchant/stalls/${stall.id}?index`, {
      ...stallForm,
      legalName: TEST_LEGAL_IDENTITY.legalName,
      siret: "",
      legalAddress: TEST_LEGAL_IDENTITY.legalAddress,
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Votre stand est approuvé\u00a0: son identité légale");
    expect(await db.stall.findUniqueOrThrow({ where: { id: stall.id } })).toMatchObject({
      name: stall.name,
      siret: TEST_LEGAL_IDENTITY.siret,
    });
  });
});

describe("the stall page and the terms of sale", () => {
  it("the stall page names the seller, with its SIRET, address and the market's terms", async () => {
    const merchant = await createUser();
    const stall = await createStall(market.id, merchant.id, { name: "Chocolaterie" });
    const response = await anonymous.get(`/m/${market.slug}/${stall.slug}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`Vendu par ${TEST_LEGAL_IDENTITY.legalName}`);
    expect(html).toContain("SIRET 812 345 676 00017");
    expect(html).toContain(TEST_LEGAL_IDENTITY.legalAddress);
    expect(html).toContain(`href="/m/${market.slug}/conditions-de-vente"`);
    // The footer links to this market's town's notice.
    expect(html).toContain(`href="/t/${town.slug}/mentions-legales"`);
  });

  it("lists every approved stall's identity, and not the pending or rejected ones", async () => {
    const local = await createMarket(town.id);
    const approved = await createStall(local.id, (await createUser()).id, {
      name: "Cave des Coteaux",
      legal: { legalName: "La Cave des Coteaux SARL", siret: "86777963900014" },
    });
    const other = await createStall(local.id, (await createUser()).id, {
      name: "Boulangerie",
      legal: { legalName: "Boulangerie du Plateau SAS", siret: "87569876300013" },
    });
    await createStall(local.id, (await createUser()).id, {
      status: "PENDING",
      legal: { legalName: "En Attente SAS", siret: "89153704500017" },
    });
    await createStall(local.id, (await createUser()).id, {
      status: "REJECTED",
      legal: { legalName: "Refusé SARL", siret: "89945617200019" },
    });
    const response = await anonymous.get(`/m/${local.slug}/conditions-de-vente`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("La Cave des Coteaux SARL");
    expect(html).toContain("867 779 639 00014");
    expect(html).toContain("Boulangerie du Plateau SAS");
    expect(html).toContain(`href="/m/${local.slug}/${approved.slug}"`);
    expect(html).toContain(`href="/m/${local.slug}/${other.slug}"`);
    expect(html).not.toContain("En Attente SAS");
    expect(html).not.toContain("Refusé SARL");
    expect(html).toContain("toutes taxes comprises");
    expect(html).toContain("14 jours");
    expect(html).toContain("noel@mairie.example.test");
  });

  it("answers in English, and 404 for an unknown or unpublished market", async () => {
    const response = await english.get(`/m/${market.slug}/conditions-de-vente`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`Terms of sale · ${market.name}`);
    expect(html).toContain("Right of withdrawal");
    expect((await anonymous.get("/m/no-such-market/conditions-de-vente")).status).toBe(404);
    const draft = await createMarket(town.id, { status: "DRAFT" });
    expect((await anonymous.get(`/m/${draft.slug}/conditions-de-vente`)).status).toBe(404);
  });
});

describe("the legal notice and the privacy notice", () => {
  it("the town's notice shows the editor, the director and says 'non renseigné' for an empty host", async () => {
    const response = await anonymous.get(`/t/${town.slug}/mentions-legales`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`Mentions légales · ${town.name}`);
    expect(html).toContain("13 boulevard du Maréchal-Foch");
    expect(html).toContain("Patrick Ollier");
    expect(html).toContain("noel@mairie.example.test");
    expect(html).toContain("non renseigné");
    expect(html).toContain(`href="/m/${market.slug}/conditions-de-vente"`);

    const inEnglish = await (await english.get(`/t/${town.slug}/mentions-legales`)).text();
    expect(inEnglish).toContain(`Legal notice · ${town.name}`);
    expect(inEnglish).toContain("Director of publication");
    expect(inEnglish).toContain("not provided");

    expect((await anonymous.get("/t/no-such-town/mentions-legales")).status).toBe(404);
  });

  it("/mentions-legales lists the towns when the site hosts several", async () => {
    await createTown();
    const response = await anonymous.get("/mentions-legales");
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(`href="/t/${town.slug}/mentions-legales"`);
    expect((await english.get("/mentions-legales")).status).toBe(200);
  });

  it("the privacy notice lists what is kept and for how long, the cookies and the rights, in both languages", async () => {
    const response = await anonymous.get("/confidentialite");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("10 ans (article L123-22 du Code de commerce)");
    expect(html).toContain("chalet_session");
    expect(html).toContain("pas de bandeau");
    expect(html).toContain('href="/account"');
    expect(html).toContain("noel@mairie.example.test");

    const inEnglish = await english.get("/confidentialite");
    expect(inEnglish.status).toBe(200);
    expect(await inEnglish.text()).toContain("Until you delete your account");
  });

  it("every page's footer links to the legal pages", async () => {
    const html = await (await anonymous.get("/")).text();
    expect(html).toContain('href="/confidentialite"');
    expect(html).toMatch(/href="\/(t\/[^"]+\/)?mentions-legales"/);
  });
});
