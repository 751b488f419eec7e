// A town's first start without SQL, against the real server: the set-up link printed at start
// (and by `npm run setup-link`), the /setup/<token> form (once, 24 hours, void once an
// administrator exists, one winner among concurrent submissions, bad input refused with nothing
// written), then the towns' pages and the home page across two towns, and "Ma ville".
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { announceSetupLink, createSetupToken, SETUP_VALIDITY_MS } from "~/models/setup.server";
import { db } from "~/utils/db.server";
import { blackPng } from "../fixtures/images";
import { createMarket, createOrganiser, createSession, createTown, createUser } from "../fixtures/factories";
import { clientFor, TestClient, startTestServer, type TestServer } from "../setup/server";

const NOW = new Date("2026-12-05T12:00:00Z");
const root = path.resolve(import.meta.dirname, "../..");

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ now: NOW });
});
afterAll(() => server.close());

/** Back to a database without an administrator (each test is a first start of its own). */
async function resetAdmins() {
  const admins = await db.user.findMany({ where: { isAdmin: true }, select: { id: true } });
  const ids = admins.map((a) => a.id);
  await db.town.deleteMany({ where: { memberships: { some: { userId: { in: ids } } } } });
  await db.user.deleteMany({ where: { id: { in: ids } } });
  await db.setupToken.deleteMany({});
}
beforeEach(async () => {
  server.clock.set(NOW);
  await resetAdmins();
});

const form = (overrides: Record<string, string | Blob> = {}) => ({
  name: "Camille Martin",
  email: "camille@mairie.example",
  password: "une-phrase-assez-longue",
  townName: "Saint-Cloud-sur-Seine",
  townAddress: "13 place Charles de Gaulle, 92210 Saint-Cloud",
  townEmail: "noel@mairie.example",
  townPhone: "01 47 71 53 00",
  ...overrides,
});

async function counts() {
  const [users, towns, memberships, photoFiles, usedTokens] = await Promise.all([
    db.user.count(),
    db.town.count(),
    db.membership.count(),
    db.photoFile.count(),
    db.setupToken.count({ where: { usedAt: { not: null } } }),
  ]);
  return { users, towns, memberships, photoFiles, usedTokens };
}

describe("the set-up link at start", () => {
  it("is printed once, with a working link, only while no administrator exists", async () => {
    const lines: string[] = [];
    const link = await announceSetupLink({ baseUrl: "https://noel.example", now: NOW, print: (l) => lines.push(l) });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(`Chalet: no administrator yet. Open this link to set up: ${link}`);
    const token = /^https:\/\/noel\.example\/setup\/([A-Za-z0-9_-]{43})$/.exec(link ?? "")?.[1];
    expect(token).toBeDefined();
    // Only the hash is kept; the link opens the form.
    expect(await db.setupToken.count({ where: { tokenHash: token } })).toBe(0);
    const page = await new TestClient(server.url).get(`/setup/${token}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Créer mon compte et la ville");

    await db.user.update({ where: { id: (await createUser()).id }, data: { isAdmin: true } });
    const after: string[] = [];
    expect(await announceSetupLink({ baseUrl: "https://noel.example", now: NOW, print: (l) => after.push(l) })).toBe(
      null,
    );
    expect(after).toEqual([]);
  });

  it("npm run setup-link prints a fresh link, or says an administrator exists", async () => {
    const run = () =>
      promisify(execFile)(
        process.execPath,
        [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/setup-link.ts"],
        {
          cwd: root,
          env: { ...process.env, PUBLIC_URL: "https://noel.example" },
        },
      );
    const first = await run();
    const token = /https:\/\/noel\.example\/setup\/([A-Za-z0-9_-]+)/.exec(first.stdout)?.[1];
    expect(token, first.stdout).toBeDefined();
    expect((await new TestClient(server.url).get(`/setup/${token}`)).status).toBe(200);

    await db.user.update({ where: { id: (await createUser()).id }, data: { isAdmin: true } });
    const second = await run();
    expect(second.stdout).toContain("an administrator already exists");
    expect(second.stdout).not.toContain("/setup/");
  });
});

describe("/setup/<token>", () => {
  it("creates the administrator, the town and its organiser once, logs in and leads to the first market", async () => {
    const token = (await createSetupToken(NOW))!;
    const client = new TestClient(server.url);
    const logo = blackPng(64, 64);
    const response = await client.post(`/setup/${token}`, form({ logo: new Blob([logo], { type: "image/png" }) }));
    expect(response.status).toBe(302);
    const user = await db.user.findUniqueOrThrow({
      where: { email: "camille@mairie.example" },
      include: { memberships: { include: { town: true } } },
    });
    expect(user).toMatchObject({ name: "Camille Martin", isAdmin: true });
    expect(user.memberships).toHaveLength(1);
    const [membership] = user.memberships;
    expect(membership!.role).toBe("ORGANISER");
    expect(membership!.town).toMatchObject({
      name: "Saint-Cloud-sur-Seine",
      slug: "saint-cloud-sur-seine",
      address: "13 place Charles de Gaulle, 92210 Saint-Cloud",
      contactEmail: "noel@mairie.example",
      contactPhone: "01 47 71 53 00",
    });
    expect(membership!.town.logoSrc).toMatch(/^\/uploads\/.+\.webp$/);
    expect(response.headers.get("location")).toBe(`/organiser/markets/new?townId=${membership!.town.id}`);

    // Logged in, as the town's organiser.
    const newMarket = await client.get(response.headers.get("location")!);
    expect(newMarket.status).toBe(200);
    expect(await newMarket.text()).toContain("Saint-Cloud-sur-Seine");

    // Once only.
    const before = await counts();
    const again = await new TestClient(server.url).post(`/setup/${token}`, form({ email: "autre@mairie.example" }));
    expect(again.status).toBe(410);
    expect(await counts()).toEqual(before);
    const page = await new TestClient(server.url).get(`/setup/${token}`);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain("Chalet est déjà installé");
  });

  it("refuses an unused, unexpired link once an administrator exists", async () => {
    const token = (await createSetupToken(NOW))!;
    await db.user.update({ where: { id: (await createUser()).id }, data: { isAdmin: true } });
    const page = await new TestClient(server.url).get(`/setup/${token}`);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain("Chalet est déjà installé");
    const before = await counts();
    const post = await new TestClient(server.url).post(`/setup/${token}`, form());
    expect(post.status).toBe(410);
    expect(await counts()).toEqual(before);
  });

  it("refuses an expired link and says how to get a new one", async () => {
    const token = (await createSetupToken(NOW))!;
    server.clock.advance(SETUP_VALIDITY_MS);
    const page = await new TestClient(server.url).get(`/setup/${token}`);
    expect(page.status).toBe(410);
    const html = await page.text();
    expect(html).toContain("a expiré");
    expect(html).toContain("npm run setup-link");
    const before = await counts();
    expect((await new TestClient(server.url).post(`/setup/${token}`, form())).status).toBe(410);
    expect(await counts()).toEqual(before);
  });

  it("answers 404 for an unknown link, saying how to get one", async () => {
    const page = await new TestClient(server.url).get(`/setup/${"x".repeat(43)}`);
    expect(page.status).toBe(404);
    expect(await page.text()).toContain("npm run setup-link");
    const english = await new TestClient(server.url).request(`/setup/nope`, { headers: { "Accept-Language": "en" } });
    expect(english.status).toBe(404);
    expect(await english.text()).toContain("This set-up link is not valid.");
  });

  it("lets exactly one of several concurrent submissions win", async () => {
    const first = (await createSetupToken(NOW))!;
    const second = (await createSetupToken(NOW))!;
    const before = await counts();
    const answers = await Promise.all(
      [first, first, second, second].map((token, i) =>
        new TestClient(server.url).post(
          `/setup/${token}`,
          form({ email: `admin-${i}@mairie.example`, townName: `Ville ${i}` }),
        ),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([302, 410, 410, 410]);
    expect(await db.user.count({ where: { isAdmin: true } })).toBe(1);
    const after = await counts();
    expect(after.users).toBe(before.users + 1);
    expect(after.towns).toBe(before.towns + 1);
    expect(after.memberships).toBe(before.memberships + 1);
  });

  it.each([
    ["an empty name", { name: "" }, "name", "Ce champ est obligatoire"],
    ["a bad email", { email: "pas-une-adresse" }, "email", "Adresse e-mail invalide"],
    ["a weak password", { password: "court" }, "password", "Au moins 10 caractères"],
    ["an empty town name", { townName: "" }, "townName", "Ce champ est obligatoire"],
    ["a bad contact email", { townEmail: "mairie@" }, "townEmail", "Adresse e-mail invalide"],
  ])("refuses %s with a message and writes nothing", async (_what, overrides, field, message) => {
    const token = (await createSetupToken(NOW))!;
    const before = await counts();
    const response = await new TestClient(server.url).post(`/setup/${token}`, form(overrides));
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain(message);
    expect(html).toMatch(
      new RegExp(`id="field-${field}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="field-${field}"`),
    );
    expect(await counts()).toEqual(before);
    // The link still works after a refused form.
    expect((await new TestClient(server.url).get(`/setup/${token}`)).status).toBe(200);
  });

  it("refuses a logo that is not an image, as photos are, and writes nothing", async () => {
    const token = (await createSetupToken(NOW))!;
    const before = await counts();
    const response = await new TestClient(server.url).post(
      `/setup/${token}`,
      form({ logo: new Blob(["%PDF-1.4 not an image"], { type: "image/png" }) }),
    );
    expect(response.status).toBe(415);
    expect(await response.text()).toContain("n’est pas une image");
    expect(await counts()).toEqual(before);
  });

  it("refuses an address that already has an account, and writes nothing", async () => {
    const token = (await createSetupToken(NOW))!;
    const existing = await createUser();
    const before = await counts();
    const response = await new TestClient(server.url).post(`/setup/${token}`, form({ email: existing.email }));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Un compte existe déjà avec cette adresse");
    expect(await counts()).toEqual(before);
    expect((await db.user.findUniqueOrThrow({ where: { id: existing.id } })).isAdmin).toBe(false);
  });
});

function sectionSlugs(html: string, section: string): string[] {
  const match = new RegExp(`data-section="${section}"[^>]*>([\\s\\S]*?)</ul>`).exec(html);
  return match ? [...match[1]!.matchAll(/data-market="([^"]+)"/g)].map((m) => m[1]!) : [];
}

describe("towns' pages and the home page across towns", () => {
  it("shows each town its own markets, and the home page every town's", async () => {
    const townA = await createTown();
    const townB = await createTown();
    await db.town.update({
      where: { id: townA.id },
      data: { contactEmail: "noel@a.example", contactPhone: "01 02 03 04 05", address: "1 place de la Mairie" },
    });
    const openA = await createMarket(townA.id);
    await createSession(openA.id, new Date("2026-12-05T09:00:00Z"), new Date("2026-12-05T18:00:00Z"));
    const pastA = await createMarket(townA.id);
    await createSession(pastA.id, new Date("2025-12-05T09:00:00Z"), new Date("2025-12-05T18:00:00Z"));
    const draftA = await createMarket(townA.id, { status: "DRAFT" });
    const upcomingB = await createMarket(townB.id);
    await createSession(upcomingB.id, new Date("2026-12-12T09:00:00Z"), new Date("2026-12-12T18:00:00Z"));

    const anonymous = new TestClient(server.url);
    const pageA = await (await anonymous.get(`/t/${townA.slug}`)).text();
    expect(pageA).toContain(townA.name);
    expect(pageA).toContain("noel@a.example");
    expect(pageA).toContain('href="tel:0102030405"');
    expect(sectionSlugs(pageA, "open")).toEqual([openA.slug]);
    expect(sectionSlugs(pageA, "past")).toEqual([pastA.slug]);
    expect(pageA).not.toContain(upcomingB.slug);
    expect(pageA).not.toContain(draftA.slug);

    const pageB = await (await anonymous.get(`/t/${townB.slug}`)).text();
    expect(sectionSlugs(pageB, "upcoming")).toEqual([upcomingB.slug]);
    expect(pageB).not.toContain(openA.slug);

    const home = await (await anonymous.get("/")).text();
    expect(sectionSlugs(home, "open")).toContain(openA.slug);
    expect(sectionSlugs(home, "upcoming")).toContain(upcomingB.slug);
    // Each card names its town; every town's page is linked.
    expect(home).toMatch(new RegExp(`data-market="${upcomingB.slug}"[\\s\\S]*?>${townB.name}<`));
    expect(home).toContain(`href="/t/${townA.slug}"`);
    expect(home).toContain(`href="/t/${townB.slug}"`);

    expect((await anonymous.get("/t/no-such-town")).status).toBe(404);
  });

  it("says there is no market yet on an empty home page", async () => {
    // This file's other towns may exist: an empty database is the browser test's (first-start.spec.ts).
    const html = await (await new TestClient(server.url).get(`/t/${(await createTown()).slug}`)).text();
    expect(html).toContain("n’a pas encore publié de marché");
  });
});

describe("Ma ville (/organiser/town)", () => {
  it("lets the town's organisers edit its details and legal notice, and no one else", async () => {
    const town = await createTown();
    const other = await createTown();
    const organiser = await clientFor(server, (await createOrganiser(town.id)).id);
    const otherOrganiser = await clientFor(server, (await createOrganiser(other.id)).id);
    const fields = {
      townId: town.id,
      name: "Bougival",
      address: "Mairie, 92380 Bougival",
      contactEmail: "contact@bougival.example",
      contactPhone: "01 39 69 21 21",
      publicationDirector: "Le maire",
      hostName: "Hébergeur SAS",
      hostAddress: "1 rue du Serveur, Paris",
      hostContact: "support@hebergeur.example",
    };

    expect((await organiser.get(`/organiser/town?townId=${town.id}`)).status).toBe(200);
    expect((await otherOrganiser.get(`/organiser/town?townId=${town.id}`)).status).toBe(403);
    expect((await otherOrganiser.post("/organiser/town", fields)).status).toBe(403);
    const anonymous = await new TestClient(server.url).get("/organiser/town");
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/login/);

    const refused = await organiser.post("/organiser/town", { ...fields, contactEmail: "pas-une-adresse" });
    expect(refused.status).toBe(400);
    expect((await db.town.findUniqueOrThrow({ where: { id: town.id } })).name).toBe(town.name);

    expect((await organiser.post("/organiser/town", fields)).status).toBe(200);
    const { townId: _, ...saved } = fields;
    expect(await db.town.findUniqueOrThrow({ where: { id: town.id } })).toMatchObject({ ...saved, slug: town.slug });
  });

  it("takes the town's website as an http(s) address or empty, and says why it refuses another", async () => {
    const town = await createTown();
    const organiser = await clientFor(server, (await createOrganiser(town.id)).id);
    const fields = { townId: town.id, name: town.name };
    const website = async () => (await db.town.findUniqueOrThrow({ where: { id: town.id } })).websiteUrl;

    for (const bad of ["villederueil.fr", "javascript:alert(1)", "ftp://villederueil.fr", "https://localhost"]) {
      const refused = await organiser.post("/organiser/town", { ...fields, websiteUrl: bad });
      expect(refused.status, bad).toBe(400);
      expect(await refused.text()).toContain("commençant par https://");
      expect(await website()).toBe("");
    }
    expect(
      (await organiser.post("/organiser/town", { ...fields, websiteUrl: " https://www.villederueil.fr/ " })).status,
    ).toBe(200);
    expect(await website()).toBe("https://www.villederueil.fr/");
    const page = await (await organiser.get(`/organiser/town?townId=${town.id}`)).text();
    expect(page).toContain('value="https://www.villederueil.fr/"');
    // Emptied: no town site any more.
    expect((await organiser.post("/organiser/town", { ...fields, websiteUrl: "" })).status).toBe(200);
    expect(await website()).toBe("");
  });
});
