// A stall live from a phone (issue 15), through the real server: the invitation's sign-up,
// pre-filled and confirmed by the invitation itself for the invited address only; the short stall
// form; the main photo; new products at stock 1 with "Ajouter un autre"; uploads too large even
// after the browser's shrinking refused with words, not a bare 413.
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createInvitation, hashToken } from "~/models/invitation.server";
import { listApprovedStalls } from "~/models/stall.server";
import { inviteTeamMember } from "~/models/team.server";
import { db } from "~/utils/db.server";
import { createMarketScene, createProduct, createUser } from "../fixtures/factories";
import { clientFor, startTestServer, TestClient, type TestServer } from "../setup/server";

// Read by the server's env at start: a small limit keeps the oversized uploads quick.
const MAX_UPLOAD_BYTES = vi.hoisted(() => {
  const limit = 300_000;
  process.env.MAX_UPLOAD_BYTES = String(limit);
  return limit;
});

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

type Scene = Awaited<ReturnType<typeof createMarketScene>>;
let scene: Scene;
beforeEach(async () => {
  scene = await createMarketScene(server.clock.now());
});

// Each visitor posts from its own address: the sign-up limit (5 per address) spent by one test
// never reaches another.
let ipCounter = 1;
function visitor() {
  const client = new TestClient(server.url);
  const ip = `198.51.100.${ipCounter++}`;
  const post = (path: string, fields: Record<string, string>) =>
    client.request(path, { method: "POST", body: new URLSearchParams(fields), headers: { "X-Forwarded-For": ip } });
  return { client, ip, post };
}
let emailCounter = 0;
const freshEmail = () => `invite-${Date.now().toString(36)}-${emailCounter++}@example.test`;
const password = "vin-chaud-et-marrons";

async function invite(email: string) {
  const { token } = await createInvitation({
    marketId: scene.market.id,
    email,
    invitedById: scene.organiser.id,
    now: server.clock.now(),
  });
  return { token, path: `/invitations/${token}` };
}

const confirmationMails = (email: string) =>
  db.outboxEmail.count({ where: { to: email, subject: "Activez votre compte Chalet" } });

/** The value the page's e-mail field starts with, or null. */
function emailFieldValue(html: string): string | null {
  const input = /<input[^>]*id="field-email"[^>]*>/.exec(html)?.[0] ?? "";
  return /value="([^"]*)"/.exec(input)?.[1] ?? null;
}

describe("the invitation carries the e-mail", () => {
  it("keeps the invitation in every sign-up and log-in link, the header's too, and pre-fills both forms", async () => {
    const email = freshEmail();
    const { path } = await invite(email);
    const html = await (await new TestClient(server.url).get(path)).text();
    const back = `redirectTo=${encodeURIComponent(path)}`;
    // The invitation's own block and the header: each link twice, and no bare one.
    expect(html.match(new RegExp(`href="/signup\\?${back}"`, "g"))).toHaveLength(2);
    expect(html.match(new RegExp(`href="/login\\?${back}"`, "g"))).toHaveLength(2);
    expect(html).not.toMatch(/href="\/signup"/);

    for (const page of ["/signup", "/login"]) {
      const form = await (await new TestClient(server.url).get(`${page}?${back}`)).text();
      expect(emailFieldValue(form), page).toBe(email);
      // The page's own header links keep the same way back.
      expect(form).toContain(`href="/signup?${back}"`);
    }
    // Without an invitation (or with a used-up one), nothing is pre-filled.
    expect(emailFieldValue(await (await new TestClient(server.url).get("/signup")).text())).toBeNull();
    const bogus = `/signup?redirectTo=${encodeURIComponent("/invitations/not-a-real-token-at-all")}`;
    expect(emailFieldValue(await (await new TestClient(server.url).get(bogus)).text())).toBeNull();
  });

  it("opens the invited address's account at once, logged in, back on the invitation, with no confirmation e-mail", async () => {
    const email = freshEmail();
    const { path } = await invite(email);
    const newcomer = visitor();
    // Typed with capitals and spaces on a phone: still the invited address.
    const response = await newcomer.post("/signup", {
      name: "Lucie Garnier",
      email: `  ${email.toUpperCase()} `,
      password,
      redirectTo: path,
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(path);
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    expect(user.name).toBe("Lucie Garnier");
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await confirmationMails(email)).toBe(0);
    expect(await db.signupRequest.count({ where: { email } })).toBe(0);

    // Logged in: the invitation now asks for the stall, only what opening needs.
    const page = await (await newcomer.client.get(path)).text();
    expect(page).toContain('name="name"');
    expect(page).toContain('name="category"');
    expect(page).toContain('name="description"');
    for (const later of ["pickupDetails", "legalName", "siret", "legalAddress"])
      expect(page).not.toContain(`name="${later}"`);

    const created = await newcomer.client.post(path, { name: "Les Santons de Lucie", category: "artisanat" });
    expect(created.status).toBe(302);
    const stall = await db.stall.findFirstOrThrow({ where: { ownerId: user.id } });
    expect(stall).toMatchObject({ status: "PENDING", name: "Les Santons de Lucie", legalName: "", siret: "" });
    expect(created.headers.get("location")).toBe(`/merchant/stalls/${stall.id}/products/new`);

    // What approval still needs is said on the stall's screens.
    const frame = await (await newcomer.client.get(`/merchant/stalls/${stall.id}/products/new`)).text();
    expect(frame).toContain("Avant la validation de votre stand, il manque");
    expect(frame).toContain("Numéro SIRET");
  });

  it("still mails a confirmation for another address, even coming from a valid invitation", async () => {
    const invited = freshEmail();
    const other = freshEmail();
    const { path } = await invite(invited);
    const response = await visitor().post("/signup", { name: "Paul", email: other, password, redirectTo: path });
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie().some((c) => c.startsWith("chalet_session="))).toBe(false);
    expect(await db.user.count({ where: { email: { in: [invited, other] } } })).toBe(0);
    expect(await confirmationMails(other)).toBe(1);
  });

  it("mails a confirmation when the invitation is used up, and tells an existing account by e-mail", async () => {
    const email = freshEmail();
    const { token, path } = await invite(email);
    await db.invitation.update({ where: { tokenHash: hashToken(token) }, data: { acceptedAt: new Date() } });
    expect((await visitor().post("/signup", { name: "Paul", email, password, redirectTo: path })).status).toBe(200);
    expect(await db.user.count({ where: { email } })).toBe(0);
    expect(await confirmationMails(email)).toBe(1);

    const existing = await createUser();
    const second = await invite(existing.email);
    const response = await visitor().post("/signup", {
      name: "Intrus",
      email: existing.email,
      password,
      redirectTo: second.path,
    });
    expect(response.status).toBe(200);
    expect((await db.user.findUniqueOrThrow({ where: { id: existing.id } })).name).toBe(existing.name);
    expect(await db.outboxEmail.count({ where: { to: existing.email } })).toBe(1);
  });

  it("does the same for a town team's invitation", async () => {
    const email = freshEmail();
    const invited = await inviteTeamMember({
      actor: { id: scene.organiser.id, name: scene.organiser.name },
      townId: scene.town.id,
      email,
      role: "MODERATOR",
      now: server.clock.now(),
    });
    if (!invited.ok) throw new Error(invited.reason);
    const path = `/team/${invited.token}`;
    const form = await (await new TestClient(server.url).get(`/signup?redirectTo=${encodeURIComponent(path)}`)).text();
    expect(emailFieldValue(form)).toBe(email);
    const response = await visitor().post("/signup", { name: "Modé", email, password, redirectTo: path });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(path);
    expect(await confirmationMails(email)).toBe(0);
  });

  it("keeps the sign-up limit for invited addresses", async () => {
    const { ip } = visitor();
    const from = (fields: Record<string, string>) =>
      new TestClient(server.url).request("/signup", {
        method: "POST",
        body: new URLSearchParams(fields),
        headers: { "X-Forwarded-For": ip },
      });
    for (let i = 0; i < 5; i++) {
      expect((await from({ name: `N${i}`, email: freshEmail(), password })).status).toBe(200);
    }
    const email = freshEmail();
    const { path } = await invite(email);
    expect((await from({ name: "Late", email, password, redirectTo: path })).status).toBe(429);
    expect(await db.user.count({ where: { email } })).toBe(0);
  });
});

async function pngFile(name: string, width = 600, height = 400) {
  const bytes = await sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 30 } } })
    .png()
    .toBuffer();
  return new File([new Uint8Array(bytes)], name, { type: "image/png" });
}

describe("the main photo", () => {
  it("is the one the merchant chooses: position 0, the one the market's cards show", async () => {
    const owner = await clientFor(server, scene.merchant.id);
    const url = `/merchant/stalls/${scene.stall.id}/photos`;
    const upload = new FormData();
    upload.append("intent", "upload");
    upload.append("photos", await pngFile("stand.png"));
    upload.append("photos", await pngFile("vitrine.png"));
    expect((await owner.post(url, upload)).status).toBe(200);
    const [first, second] = await db.photo.findMany({
      where: { stallId: scene.stall.id },
      orderBy: { position: "asc" },
    });

    const chosen = await owner.post(url, { intent: "main", photoId: second!.id });
    expect(chosen.status).toBe(200);
    expect(await chosen.text()).toContain("Photo principale choisie");
    const after = await db.photo.findMany({ where: { stallId: scene.stall.id }, orderBy: { position: "asc" } });
    expect(after.map((p) => [p.id, p.position])).toEqual([
      [second!.id, 0],
      [first!.id, 1],
    ]);
    const card = (await listApprovedStalls(scene.market.id)).find((s) => s.id === scene.stall.id);
    expect(card?.photo?.thumbSrc).toBe(second!.thumbSrc);

    // Another merchant's stall cannot reorder these photos.
    const other = await createUser();
    const otherStall = await db.stall.create({
      data: { marketId: scene.market.id, ownerId: other.id, slug: "autre", name: "Autre", category: "bougies" },
    });
    const stranger = await clientFor(server, other.id);
    const refused = await stranger.post(`/merchant/stalls/${otherStall.id}/photos`, {
      intent: "main",
      photoId: first!.id,
    });
    expect(refused.status).toBe(404);
    expect((await db.photo.findUniqueOrThrow({ where: { id: first!.id } })).position).toBe(1);
  });

  it("works for a product's photos too", async () => {
    const owner = await clientFor(server, scene.merchant.id);
    const product = await createProduct(scene.stall.id, { name: "Santon berger" });
    const url = `/merchant/stalls/${scene.stall.id}/products/${product.id}`;
    for (const name of ["a.png", "b.png"]) {
      const form = new FormData();
      form.append("intent", "save");
      form.append("name", "Santon berger");
      form.append("price", "12,50");
      form.append("stock", "10");
      form.append("stockWas", "10");
      form.append("photo", await pngFile(name));
      expect((await owner.post(url, form)).status).toBe(200);
    }
    const [, second] = await db.photo.findMany({ where: { productId: product.id }, orderBy: { position: "asc" } });
    expect((await owner.post(url, { intent: "main", photoId: second!.id })).status).toBe(200);
    const main = await db.photo.findFirstOrThrow({ where: { productId: product.id }, orderBy: { position: "asc" } });
    expect(main.id).toBe(second!.id);
  });
});

describe("adding products one after another", () => {
  it("starts a new product at stock 1 and offers the same form again after a save", async () => {
    const owner = await clientFor(server, scene.merchant.id);
    const url = `/merchant/stalls/${scene.stall.id}/products/new`;
    const page = await (await owner.get(url)).text();
    const stock = /<input[^>]*name="stock"[^>]*>/.exec(page)?.[0] ?? "";
    expect(stock).toContain('value="1"');
    expect(/<input[^>]*name="price"[^>]*>/.exec(page)?.[0]).toContain('inputMode="decimal"');

    const another = await owner.post(url, { name: "Vin chaud", price: "4,5", stock: "1", then: "another" });
    expect(another.status).toBe(200);
    const html = await another.text();
    expect(html).toContain("«\u00a0Vin chaud\u00a0» est enregistré");
    // The form comes back empty: no name typed in it.
    expect(/<input[^>]*name="name"[^>]*>/.exec(html)?.[0]).not.toContain("value=");
    expect(await db.product.findFirstOrThrow({ where: { stallId: scene.stall.id, name: "Vin chaud" } })).toMatchObject({
      priceCents: 450,
      stock: 1,
    });

    const done = await owner.post(url, { name: "Marrons", price: "3", stock: "1", then: "done" });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe(`/merchant/stalls/${scene.stall.id}/products`);
  });
});

describe("uploads too large even after shrinking", () => {
  it("refuses one photo over the limit with a readable message and writes nothing", async () => {
    const owner = await clientFor(server, scene.merchant.id);
    const form = new FormData();
    form.append("name", "Grande photo");
    form.append("price", "5");
    form.append("stock", "1");
    form.append("photo", new File([new Uint8Array(MAX_UPLOAD_BYTES + 1)], "grande.jpg", { type: "image/jpeg" }));
    const response = await owner.post(`/merchant/stalls/${scene.stall.id}/products/new`, form);
    expect(response.status).toBe(413);
    expect(await response.text()).toContain("Ce fichier est trop lourd");
    expect(await db.product.count({ where: { name: "Grande photo" } })).toBe(0);
  });

  it("answers a body over the whole upload's limit with a page in words for a browser without JavaScript", async () => {
    const owner = await clientFor(server, scene.merchant.id);
    const url = `/merchant/stalls/${scene.stall.id}/photos`;
    const form = new FormData();
    form.append("intent", "upload");
    // Nine files at the limit: more than one upload's whole body may be, refused from its length.
    for (let i = 0; i < 9; i++) form.append("photos", new File([new Uint8Array(MAX_UPLOAD_BYTES)], `p${i}.jpg`));
    const page = await owner.request(url, {
      method: "POST",
      body: form,
      headers: { Accept: "text/html,application/xhtml+xml,*/*;q=0.8", Referer: `${server.url}${url}` },
    });
    expect(page.status).toBe(413);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain("Envoi trop lourd");
    expect(html).toContain("293 ko par photo");
    expect(html).toContain(`href="${url}"`);
    expect(html).toContain("Upload too large");

    // A script's request still gets the short sentence.
    const bare = await owner.request(url, { method: "POST", body: form, headers: { Accept: "*/*" } });
    expect(bare.status).toBe(413);
    expect(await bare.text()).toBe("Request body too large");
    expect(await db.photo.count({ where: { stallId: scene.stall.id } })).toBe(0);
  });
});
