// Accounts against the real server: sign-up, log-in, rate limits and the password-reset flow.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { createUser, TEST_PASSWORD } from "../fixtures/factories";
import { TestClient, startTestServer, type TestServer } from "../setup/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ now: new Date("2026-12-10T10:00:00Z") });
});
afterAll(() => server.close());

// Each test posts from its own client address (the server trusts X-Forwarded-For from
// loopback), so per-address limits spent by one test never leak into another.
let ipCounter = 1;
function newVisitor() {
  return { client: new TestClient(server.url), ip: `203.0.113.${ipCounter++}` };
}
function post(visitor: { client: TestClient; ip: string }, path: string, fields: Record<string, string>) {
  return visitor.client.request(path, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "X-Forwarded-For": visitor.ip },
  });
}
let emailCounter = 0;
const freshEmail = () => `person-${Date.now().toString(36)}-${emailCounter++}@example.test`;

function sessionCookie(response: Response): string | undefined {
  return response.headers.getSetCookie().find((c) => c.startsWith("chalet_session="));
}

async function whoAmI(client: TestClient): Promise<string | null> {
  // The header shows a log-out button with the user's name only when the session is valid.
  const html = await (await client.get("/")).text();
  const match = /Se déconnecter.*?<span class="sr-only">\((.*?)\)<\/span>/.exec(html);
  return match ? match[1]!.replaceAll("<!-- -->", "") : null;
}

/** The link of the latest sign-up email to this address (its path). */
async function confirmationPath(email: string): Promise<string> {
  const mail = await db.outboxEmail.findFirstOrThrow({
    where: { to: email, subject: "Activez votre compte Chalet" },
    orderBy: { createdAt: "desc" },
  });
  const match = /https?:\/\/\S+\/confirm-signup\/[A-Za-z0-9_-]+/.exec(mail.text);
  expect(match, mail.text).not.toBeNull();
  return new URL(match![0]).pathname;
}

/** Signs up and follows the emailed link: a logged-in visitor with a new account. */
async function signUpAndConfirm(visitor: { client: TestClient; ip: string }, email: string, name = "Léa") {
  expect((await post(visitor, "/signup", { name, email, password: "vin-chaud-et-marrons" })).status).toBe(200);
  expect((await post(visitor, await confirmationPath(email), {})).status).toBe(302);
}

describe("sign-up", () => {
  it("mails a link that creates the user with an argon2id hash, logs them in and goes to redirectTo", async () => {
    const visitor = newVisitor();
    const email = freshEmail();
    const response = await post(visitor, "/signup", {
      name: "  Léa Martin ",
      email: email.toUpperCase(),
      password: "vin-chaud-et-marrons",
      redirectTo: "/m/marche-de-noel-rueil",
    });
    expect(response.status).toBe(200);
    expect(sessionCookie(response)).toBeUndefined();
    expect(await response.text()).toContain(`nous venons d’écrire à ${email.toUpperCase()}`);
    // Nothing exists until the link is used.
    expect(await db.user.count({ where: { email } })).toBe(0);
    const path = await confirmationPath(email);
    const token = path.split("/").pop()!;
    const stored = await db.signupRequest.findFirstOrThrow({ where: { email } });
    expect(stored.tokenHash).not.toContain(token);
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);

    // Opening the link (as a mail scanner would) creates nothing; its button does.
    const page = await visitor.client.get(path);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Activer mon compte");
    expect(html).toContain("Léa Martin");
    expect(await db.user.count({ where: { email } })).toBe(0);

    const confirmed = await post(visitor, path, {});
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("location")).toBe("/m/marche-de-noel-rueil");
    const cookie = sessionCookie(confirmed);
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);

    const user = await db.user.findUniqueOrThrow({ where: { email } });
    expect(user.name).toBe("Léa Martin");
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.passwordHash).not.toContain("vin-chaud-et-marrons");
    expect(await whoAmI(visitor.client)).toBe("Léa Martin");

    // The link is spent: a second use says so and creates nothing.
    const again = await post(newVisitor(), path, {});
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("Un compte existe déjà avec cette adresse");
    expect(await db.user.count({ where: { email } })).toBe(1);
  });

  it("answers a taken address exactly as a new one, changes nothing and mails the owner instead", async () => {
    const existing = await createUser();
    const newEmail = freshEmail();
    const answer = async (email: string) => {
      const response = await post(newVisitor(), "/signup", {
        name: "Someone Else",
        email,
        password: "un-autre-mot-de-passe",
        redirectTo: "/basket",
      });
      const html = (await response.text()).replace(/<script[\s\S]*?<\/script>/g, "").replaceAll(email, "EMAIL");
      return { status: response.status, cookie: sessionCookie(response), html };
    };
    const taken = await answer(existing.email);
    const fresh = await answer(newEmail);
    expect(taken).toEqual(fresh);
    expect(taken.status).toBe(200);

    expect(await db.user.count({ where: { email: existing.email } })).toBe(1);
    const stored = await db.user.findUniqueOrThrow({ where: { id: existing.id } });
    expect(stored.name).toBe(existing.name);
    expect(stored.passwordHash).toBe(existing.passwordHash);
    expect(await db.signupRequest.count({ where: { email: existing.email } })).toBe(0);
    const mail = await db.outboxEmail.findFirstOrThrow({ where: { to: existing.email } });
    expect(mail.subject).toBe("Vous avez déjà un compte Chalet");
    expect(mail.text).toContain(existing.name);
    expect(mail.text).toMatch(/https?:\/\/\S+\/login\?redirectTo=%2Fbasket/);
    expect(mail.text).toMatch(/https?:\/\/\S+\/forgot-password/);
  });

  it("refuses an expired link (24 hours), a made-up one, and a second address's race with 409", async () => {
    const visitor = newVisitor();
    const email = freshEmail();
    await post(visitor, "/signup", { name: "Léa", email, password: "vin-chaud-et-marrons" });
    const path = await confirmationPath(email);
    const bogus = await visitor.client.get("/confirm-signup/not-a-real-token-at-all-000000");
    expect(bogus.status).toBe(400);
    expect(await bogus.text()).toContain("Ce lien n’est pas valide.");

    server.clock.advance(24 * 60 * 60 * 1000);
    try {
      const expired = await post(visitor, path, {});
      expect(expired.status).toBe(410);
      expect(await expired.text()).toContain("Ce lien a expiré");
      expect(await db.user.count({ where: { email } })).toBe(0);
    } finally {
      server.clock.advance(-24 * 60 * 60 * 1000);
    }

    // Two sign-ups for one address (two tabs): the first link used wins, the other is refused.
    const other = newVisitor();
    await post(other, "/signup", { name: "Léa bis", email, password: "vin-chaud-et-marrons" });
    const second = await confirmationPath(email);
    expect(second).not.toBe(path);
    expect((await post(other, second, {})).status).toBe(302);
    const late = await post(visitor, path, {});
    expect(late.status).toBe(409);
    expect(await db.user.findUniqueOrThrow({ where: { email } })).toMatchObject({ name: "Léa bis" });
  });

  it.each([
    ["an empty form", { name: "", email: "", password: "" }, ["name", "email", "password"]],
    ["a bad email", { name: "Léa", email: "lea-at-example", password: "vin-chaud-et-marrons" }, ["email"]],
    ["a short password", { name: "Léa", email: "lea@example.test", password: "court" }, ["password"]],
    ["a long name", { name: "L".repeat(81), email: "lea@example.test", password: "vin-chaud-et-marrons" }, ["name"]],
    [
      "a long email",
      { name: "Léa", email: `${"l".repeat(250)}@example.test`, password: "vin-chaud-et-marrons" },
      ["email"],
    ],
    ["a long password", { name: "Léa", email: "lea@example.test", password: "p".repeat(201) }, ["password"]],
  ])("refuses %s with 400, field messages and nothing written", async (_label, fields, invalid) => {
    const before = await db.user.count();
    const response = await post(newVisitor(), "/signup", fields);
    expect(response.status).toBe(400);
    expect(sessionCookie(response)).toBeUndefined();
    const html = await response.text();
    for (const field of invalid) expect(html).toContain(`id="field-${field}-error"`);
    expect(html).toContain("Corrigez les champs signalés.");
    expect(await db.user.count()).toBe(before);
  });

  it("answers in English to an English visitor", async () => {
    const visitor = newVisitor();
    const response = await visitor.client.request("/signup", {
      method: "POST",
      body: new URLSearchParams({ name: "Lea", email: "nope", password: "x" }),
      headers: { "X-Forwarded-For": visitor.ip, "Accept-Language": "en-GB,en;q=0.8" },
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("Invalid email address");
    expect(html).toContain("At least 10 characters, please");
  });

  it("limits sign-ups from one address with 429 and the seconds to wait", async () => {
    // A new browser each time (a logged-in one would be sent away from /signup), same address.
    const { ip } = newVisitor();
    const visitor = () => ({ client: new TestClient(server.url), ip });
    for (let i = 0; i < 5; i++) {
      const ok = await post(visitor(), "/signup", {
        name: `N${i}`,
        email: freshEmail(),
        password: "vin-chaud-et-marrons",
      });
      expect(ok.status).toBe(200);
    }
    const before = await db.signupRequest.count();
    const refused = await post(visitor(), "/signup", {
      name: "N",
      email: freshEmail(),
      password: "vin-chaud-et-marrons",
    });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.text()).toMatch(/réessayez dans \d+ secondes/);
    expect(await db.signupRequest.count()).toBe(before);
  });

  it("sends visitors already logged in away from the log-in and sign-up pages", async () => {
    const visitor = newVisitor();
    await signUpAndConfirm(visitor, freshEmail());
    for (const path of ["/login", "/signup"]) {
      const response = await visitor.client.get(path);
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe("/");
    }
  });
});

describe("log-in", () => {
  it("logs in with the right password and honours a local redirectTo only", async () => {
    const user = await createUser();
    const visitor = newVisitor();
    const response = await post(visitor, "/login", {
      email: `  ${user.email.toUpperCase()} `,
      password: TEST_PASSWORD,
      redirectTo: "/merchant",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/merchant");
    const cookie = sessionCookie(response)!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(await whoAmI(visitor.client)).toBe(user.name);

    const offsite = await post(newVisitor(), "/login", {
      email: user.email,
      password: TEST_PASSWORD,
      redirectTo: "//evil.example/steal",
    });
    expect(offsite.status).toBe(302);
    expect(offsite.headers.get("location")).toBe("/");
  });

  it("refuses a wrong password or an unknown email with the same generic message", async () => {
    const user = await createUser();
    const wrong = await post(newVisitor(), "/login", { email: user.email, password: "pas-le-bon-mot" });
    const unknown = await post(newVisitor(), "/login", { email: freshEmail(), password: TEST_PASSWORD });
    for (const response of [wrong, unknown]) {
      expect(response.status).toBe(400);
      expect(sessionCookie(response)).toBeUndefined();
      expect(await response.text()).toContain("Adresse e-mail ou mot de passe incorrect.");
    }
  });

  it("refuses an empty or malformed form with field messages", async () => {
    const response = await post(newVisitor(), "/login", { email: "pas-une-adresse", password: "" });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('id="field-email-error"');
    expect(html).toContain("Adresse e-mail invalide");
    expect(html).toContain('id="field-password-error"');
  });

  it("returns 429 after 10 failed attempts for one address and account, even with the right password", async () => {
    const user = await createUser();
    const attacker = newVisitor();
    for (let i = 0; i < 10; i++) {
      const response = await post(attacker, "/login", { email: user.email, password: `guess-number-${i}` });
      expect(response.status).toBe(400);
    }
    const blocked = await post(attacker, "/login", { email: user.email, password: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(sessionCookie(blocked)).toBeUndefined();
    const seconds = Number(blocked.headers.get("retry-after"));
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(300);
    expect(await blocked.text()).toContain(`réessayez dans ${seconds} secondes`);

    // The real owner, from their own address, is not locked out by someone else's guesses.
    const owner = await post(newVisitor(), "/login", { email: user.email, password: TEST_PASSWORD });
    expect(owner.status).toBe(302);
  });

  it("returns 429 to one address trying one wrong password on each of 31 accounts", async () => {
    const sprayer = newVisitor();
    for (let i = 0; i < 30; i++) {
      const user = await createUser();
      const response = await post(sprayer, "/login", { email: user.email, password: "noel-2026" });
      expect(response.status).toBe(400);
    }
    const victim = await createUser();
    const blocked = await post(sprayer, "/login", { email: victim.email, password: "noel-2026" });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another address is not affected.
    expect((await post(newVisitor(), "/login", { email: victim.email, password: TEST_PASSWORD })).status).toBe(302);
  });

  it("returns 429 once one account has met 50 failed attempts from 50 different addresses", async () => {
    const user = await createUser();
    for (let i = 0; i < 50; i++) {
      const response = await post(newVisitor(), "/login", { email: user.email, password: `botnet-guess-${i}` });
      expect(response.status).toBe(400);
    }
    const blocked = await post(newVisitor(), "/login", { email: user.email, password: "botnet-guess-50" });
    expect(blocked.status).toBe(429);
    expect(sessionCookie(blocked)).toBeUndefined();
    // The accepted trade-off: for the rest of the hour even the right password from a new
    // address is refused; the owner gets in through a password reset instead.
    const owner = await post(newVisitor(), "/login", { email: user.email, password: TEST_PASSWORD });
    expect(owner.status).toBe(429);
  });

  it("forgives earlier typos after a successful log-in", async () => {
    const user = await createUser();
    const visitor = newVisitor();
    for (let i = 0; i < 9; i++) await post(visitor, "/login", { email: user.email, password: `typo-${i}` });
    expect((await post(visitor, "/login", { email: user.email, password: TEST_PASSWORD })).status).toBe(302);
    const sameAddress = { client: new TestClient(server.url), ip: visitor.ip };
    for (let i = 0; i < 9; i++) {
      const response = await post(sameAddress, "/login", { email: user.email, password: `typo-again-${i}` });
      expect(response.status).toBe(400);
    }
  });
});

describe("log-out", () => {
  it("ends the session", async () => {
    const user = await createUser();
    const visitor = newVisitor();
    await post(visitor, "/login", { email: user.email, password: TEST_PASSWORD });
    expect(await whoAmI(visitor.client)).toBe(user.name);
    const response = await post(visitor, "/logout", {});
    expect(response.status).toBe(302);
    expect(await whoAmI(visitor.client)).toBeNull();
  });
});

describe("password reset", () => {
  it("ends the sessions opened with the old password, on every device", async () => {
    const user = await createUser();
    const otherDevice = newVisitor();
    await post(otherDevice, "/login", { email: user.email, password: TEST_PASSWORD });
    expect(await whoAmI(otherDevice.client)).toBe(user.name);

    const visitor = newVisitor();
    await post(visitor, "/forgot-password", { email: user.email });
    const mail = await db.outboxEmail.findFirstOrThrow({ where: { to: user.email } });
    const path = new URL(/https?:\/\/\S+\/reset-password\/[A-Za-z0-9_-]+/.exec(mail.text)![0]).pathname;
    expect((await post(visitor, path, { password: "nouveau-mot-de-passe" })).status).toBe(302);

    expect(await whoAmI(visitor.client)).toBe(user.name);
    expect(await whoAmI(otherDevice.client)).toBeNull();
  });

  async function requestReset(visitor: { client: TestClient; ip: string }, email: string) {
    return post(visitor, "/forgot-password", { email });
  }
  async function latestLink(email: string): Promise<string> {
    const mail = await db.outboxEmail.findFirstOrThrow({ where: { to: email }, orderBy: { createdAt: "desc" } });
    const match = /https?:\/\/\S+\/reset-password\/([A-Za-z0-9_-]+)/.exec(mail.text);
    expect(match, mail.text).not.toBeNull();
    return new URL(match![0]).pathname;
  }

  it("sends a link that sets a new password once, logs the user in, and stores only a hash", async () => {
    const user = await createUser();
    const visitor = newVisitor();
    const response = await requestReset(visitor, user.email.toUpperCase());
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Si un compte existe avec cette adresse");

    const mails = await db.outboxEmail.findMany({ where: { to: user.email } });
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("Choisissez un nouveau mot de passe Chalet");
    expect(mails[0]!.text).toContain(`${server.url}/reset-password/`);
    const path = await latestLink(user.email);
    const token = path.split("/").pop()!;
    const resets = await db.passwordReset.findMany({ where: { userId: user.id } });
    expect(resets).toHaveLength(1);
    expect(resets[0]!.tokenHash).not.toContain(token);
    expect(resets[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(resets[0]!.expiresAt.getTime() - server.clock.now().getTime()).toBe(60 * 60 * 1000);

    const page = await visitor.client.get(path);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(user.email);

    const reset = await post(visitor, path, { password: "nouveau-mot-de-passe" });
    expect(reset.status).toBe(302);
    expect(sessionCookie(reset)).toMatch(/HttpOnly/i);
    expect(await whoAmI(visitor.client)).toBe(user.name);
    expect((await db.passwordReset.findFirstOrThrow({ where: { userId: user.id } })).usedAt).not.toBeNull();

    // New password works, old one does not.
    expect((await post(newVisitor(), "/login", { email: user.email, password: "nouveau-mot-de-passe" })).status).toBe(
      302,
    );
    expect((await post(newVisitor(), "/login", { email: user.email, password: TEST_PASSWORD })).status).toBe(400);

    // The link works once.
    const stranger = newVisitor();
    const again = await post(stranger, path, { password: "encore-un-autre-mot" });
    expect(again.status).toBe(410);
    expect(await again.text()).toContain("Ce lien a déjà servi.");
    expect(sessionCookie(again)).toBeUndefined();
    const usedPage = await stranger.client.get(path);
    expect(usedPage.status).toBe(410);
    expect((await post(newVisitor(), "/login", { email: user.email, password: "nouveau-mot-de-passe" })).status).toBe(
      302,
    );
  });

  it("refuses an expired link and leaves the password alone", async () => {
    const user = await createUser();
    const visitor = newVisitor();
    await requestReset(visitor, user.email);
    const path = await latestLink(user.email);
    server.clock.advance(60 * 60 * 1000 + 1000);
    try {
      const page = await visitor.client.get(path);
      expect(page.status).toBe(410);
      expect(await page.text()).toContain("Ce lien a expiré");
      const response = await post(visitor, path, { password: "trop-tard-pour-ca" });
      expect(response.status).toBe(410);
      expect(sessionCookie(response)).toBeUndefined();
    } finally {
      server.clock.advance(-(60 * 60 * 1000 + 1000));
    }
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.passwordHash).toBe(user.passwordHash);
  });

  it("closes the other pending links once one is used", async () => {
    const user = await createUser();
    const visitor = newVisitor();
    await requestReset(visitor, user.email);
    const first = await latestLink(user.email);
    server.clock.advance(1000);
    await requestReset(visitor, user.email);
    const mails = await db.outboxEmail.findMany({ where: { to: user.email }, orderBy: { createdAt: "asc" } });
    expect(mails).toHaveLength(2);
    const second = new URL(/https?:\/\/\S+/.exec(mails[1]!.text)![0]).pathname;
    expect(second).not.toBe(first);

    expect((await post(visitor, second, { password: "le-second-lien-gagne" })).status).toBe(302);
    const stale = await post(newVisitor(), first, { password: "le-premier-lien-perd" });
    expect(stale.status).toBe(410);
  });

  it("answers the same for an unknown email and sends nothing", async () => {
    const known = await createUser();
    const knownAnswer = await requestReset(newVisitor(), known.email);
    const email = freshEmail();
    const mailsBefore = await db.outboxEmail.count();
    const resetsBefore = await db.passwordReset.count();
    const unknownAnswer = await requestReset(newVisitor(), email);
    expect(unknownAnswer.status).toBe(knownAnswer.status);
    const strip = (html: string) => html.replace(/<script[\s\S]*?<\/script>/g, "");
    expect(strip(await unknownAnswer.text())).toBe(strip(await knownAnswer.text()));
    expect(await db.outboxEmail.count()).toBe(mailsBefore);
    expect(await db.passwordReset.count()).toBe(resetsBefore);
  });

  it("refuses a made-up token with 400 and a bad new password with field messages", async () => {
    const visitor = newVisitor();
    const bogus = await visitor.client.get("/reset-password/not-a-real-token-at-all-000000");
    expect(bogus.status).toBe(400);
    expect(await bogus.text()).toContain("Ce lien n’est pas valide.");

    const user = await createUser();
    await requestReset(visitor, user.email);
    const path = await latestLink(user.email);
    const short = await post(visitor, path, { password: "court" });
    expect(short.status).toBe(400);
    expect(await short.text()).toContain('id="field-password-error"');
    expect((await db.passwordReset.findFirstOrThrow({ where: { userId: user.id } })).usedAt).toBeNull();
  });

  it("limits reset requests from one address with 429", async () => {
    const visitor = newVisitor();
    for (let i = 0; i < 5; i++) expect((await requestReset(visitor, freshEmail())).status).toBe(200);
    const refused = await requestReset(visitor, freshEmail());
    expect(refused.status).toBe(429);
    expect(await refused.text()).toMatch(/réessayez dans \d+ secondes/);
  });
});

describe("/dev/outbox", () => {
  it("lists sent emails with clickable links outside production", async () => {
    const user = await createUser();
    await post(newVisitor(), "/forgot-password", { email: user.email });
    const response = await new TestClient(server.url).get(`/dev/outbox?to=${encodeURIComponent(user.email)}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Choisissez un nouveau mot de passe Chalet");
    expect(html).toMatch(/<a href="http:\/\/127\.0\.0\.1:\d+\/reset-password\/[A-Za-z0-9_-]+"/);
  });
});
