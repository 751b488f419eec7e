// Sessions live on the server: log-out, "log out everywhere" and a password reset end them, and
// the sockets opened with them are cut at once (docs/realtime.md). The attacker here holds a copy
// of a merchant's cookie, taken while the merchant was logged in.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getMerchantOrder } from "~/models/merchant-orders.server";
import { getSessionUser } from "~/models/login-session.server";
import { rooms, type MerchantOrderDto } from "~/realtime/events";
import { db } from "~/utils/db.server";
import { createMarketScene, createUser, TEST_PASSWORD } from "../fixtures/factories";
import { createOrder } from "../fixtures/orders";
import { connectSocket, startTestServer, TestClient, type TestServer, type TestSocket } from "../setup/server";

const NOW = new Date("2026-12-05T12:00:00Z");
let server: TestServer;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  server = await startTestServer({ now: NOW });
});
afterEach(() => {
  while (sockets.length) sockets.pop()!.disconnect();
});
afterAll(() => server.close());

let ipCounter = 1;
/** A browser of its own (cookies, client address), so rate limits of one test never touch another. */
function browser() {
  const client = new TestClient(server.url);
  const ip = `198.51.100.${ipCounter++}`;
  const post = (path: string, fields: Record<string, string>) =>
    client.request(path, { method: "POST", body: new URLSearchParams(fields), headers: { "X-Forwarded-For": ip } });
  return { client, post };
}

async function loggedIn(email: string) {
  const b = browser();
  const response = await b.post("/login", { email, password: TEST_PASSWORD });
  expect(response.status).toBe(302);
  return b;
}

/** Another client carrying exactly the same cookies: what someone who copied them has. */
function copyOf(client: TestClient): TestClient {
  const copy = new TestClient(server.url);
  for (const pair of client.cookieHeader().split("; ")) copy.setCookieHeader(pair);
  return copy;
}

async function whoAmI(client: TestClient): Promise<string | null> {
  const html = await (await client.get("/")).text();
  const match = /Se déconnecter.*?<span class="sr-only">\((.*?)\)<\/span>/.exec(html);
  return match ? match[1]!.replaceAll("<!-- -->", "") : null;
}

/** A socket opened with the client's cookie, joined to the merchant's room, recording order events. */
async function merchantSocket(client: TestClient, stallId: string) {
  const socket = await connectSocket(server, client);
  sockets.push(socket);
  expect(await socket.emitWithAck("merchant:join", { stallId })).toEqual({ ok: true, data: { stallId } });
  const heard: string[] = [];
  socket.on("order:created", (o) => heard.push(`created:${o.orderId}`));
  socket.on("order:updated", (o) => heard.push(`updated:${o.orderId}`));
  const disconnected = new Promise<string>((resolve) => socket.once("disconnect", resolve));
  return { socket, heard, disconnected };
}

async function paidOrderDto(scene: Awaited<ReturnType<typeof createMarketScene>>): Promise<MerchantOrderDto> {
  const buyer = await createUser();
  const order = await createOrder({
    marketId: scene.market.id,
    buyerId: buyer.id,
    paidAt: NOW,
    lines: [{ product: scene.product, quantity: 1 }],
  });
  return (await getMerchantOrder(scene.stall.id, order.id))!;
}

/** Proves `socket` is cut and stays anonymous: the server ended it, and reconnecting with the same cookie cannot join. */
async function expectCut(
  target: { socket: TestSocket; heard: string[]; disconnected: Promise<string> },
  copied: TestClient,
  scene: Awaited<ReturnType<typeof createMarketScene>>,
) {
  await expect.poll(() => target.socket.connected, { timeout: 5_000 }).toBe(false);
  expect(await target.disconnected).toBe("io server disconnect");
  // An order paid after the revocation reaches the merchant's room, and not the cut socket.
  const dto = await paidOrderDto(scene);
  server.services.broadcast([rooms.merchant(scene.stall.id)], "order:created", dto);
  const again = await connectSocket(server, copied);
  sockets.push(again);
  expect(await again.emitWithAck("merchant:join", { stallId: scene.stall.id })).toMatchObject({
    ok: false,
    error: { code: "UNAUTHENTICATED" },
  });
  expect(target.heard).toEqual([]);
}

describe("a password reset", () => {
  it("cuts the open socket of a copied cookie: no more order events, and it cannot join again", async () => {
    const scene = await createMarketScene(NOW);
    const merchant = await loggedIn(scene.merchant.email);
    const copied = copyOf(merchant.client);
    const stolen = await merchantSocket(copied, scene.stall.id);

    // The socket hears the room before the reset: the test sees what it would lose.
    const before = await paidOrderDto(scene);
    server.services.broadcast([rooms.merchant(scene.stall.id)], "order:created", before);
    await expect.poll(() => stolen.heard).toEqual([`created:${before.orderId}`]);
    stolen.heard.length = 0;

    const resetter = browser();
    await resetter.post("/forgot-password", { email: scene.merchant.email });
    const mail = await db.outboxEmail.findFirstOrThrow({
      where: { to: scene.merchant.email },
      orderBy: { createdAt: "desc" },
    });
    const path = new URL(/https?:\/\/\S+\/reset-password\/[A-Za-z0-9_-]+/.exec(mail.text)![0]).pathname;
    expect((await resetter.post(path, { password: "un-tout-nouveau-secret" })).status).toBe(302);

    await expectCut(stolen, copied, scene);
    expect(await whoAmI(copied)).toBeNull();
    expect(await whoAmI(merchant.client)).toBeNull();
    // The browser that reset the password is logged in with a session of its own.
    expect(await whoAmI(resetter.client)).toBe(scene.merchant.name);
  });
});

describe("log-out", () => {
  it("makes a copied cookie worthless over HTTP and cuts its socket", async () => {
    const scene = await createMarketScene(NOW);
    const merchant = await loggedIn(scene.merchant.email);
    const copied = copyOf(merchant.client);
    expect(await whoAmI(copied)).toBe(scene.merchant.name);
    const stolen = await merchantSocket(copied, scene.stall.id);
    const otherDevice = await loggedIn(scene.merchant.email);
    const kept = await merchantSocket(otherDevice.client, scene.stall.id);

    expect((await merchant.post("/logout", {})).status).toBe(302);

    await expectCut(stolen, copied, scene);
    expect(await whoAmI(copied)).toBeNull();
    expect(await whoAmI(merchant.client)).toBeNull();
    // Only that session ended: the merchant's phone stays logged in, its socket too.
    expect(await whoAmI(otherDevice.client)).toBe(scene.merchant.name);
    await expect.poll(() => kept.heard.length).toBe(1);
    expect(kept.socket.connected).toBe(true);
  });

  it("is refused to a page of another site (the same-origin check), which ends nothing", async () => {
    const user = await createUser();
    const b = await loggedIn(user.email);
    const forged = await fetch(new URL("/logout", server.url), {
      method: "POST",
      headers: { Cookie: b.client.cookieHeader(), Origin: "https://evil.example" },
      redirect: "manual",
    });
    expect(forged.status).toBe(403);
    expect(await whoAmI(b.client)).toBe(user.name);
  });
});

describe("the account page", () => {
  it("asks for a log-in, then lists the user's open sessions with their device", async () => {
    const anonymous = browser();
    const refused = await anonymous.client.get("/account");
    expect(refused.status).toBe(302);
    expect(refused.headers.get("location")).toBe("/login?redirectTo=%2Faccount");

    const user = await createUser({ name: "Jeanne Dupont" });
    const phone = browser();
    await phone.client.request("/login", {
      method: "POST",
      body: new URLSearchParams({ email: user.email, password: TEST_PASSWORD }),
      headers: {
        "X-Forwarded-For": "198.51.100.250",
        "User-Agent":
          "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
      },
    });
    const laptop = await loggedIn(user.email);
    const response = await laptop.client.get("/account");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Mon compte");
    expect(html).toContain("Jeanne Dupont");
    expect(html).toContain(user.email);
    expect(html).toContain("Chrome · Android");
    expect(html).toContain("Cet appareil");
    expect(html.match(/data-session-row/g)).toHaveLength(2);
    // The header links to it.
    expect(await (await laptop.client.get("/")).text()).toMatch(/href="\/account"/);
  });

  it("logs out everywhere: every session of the user ends, this one included, and their sockets are cut", async () => {
    const scene = await createMarketScene(NOW);
    const merchant = await loggedIn(scene.merchant.email);
    const copied = copyOf(merchant.client);
    const stolen = await merchantSocket(copied, scene.stall.id);
    const phone = await loggedIn(scene.merchant.email);
    const phoneSocket = await merchantSocket(phone.client, scene.stall.id);
    const someoneElse = await loggedIn((await createUser()).email);

    const response = await merchant.post("/account", { intent: "logout-everywhere" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/login");

    await expectCut(stolen, copied, scene);
    await expect.poll(() => phoneSocket.socket.connected).toBe(false);
    for (const client of [merchant.client, copied, phone.client]) expect(await whoAmI(client)).toBeNull();
    expect(await db.loginSession.count({ where: { userId: scene.merchant.id } })).toBe(0);
    expect(await whoAmI(someoneElse.client)).not.toBeNull();
  });

  it("refuses an unknown intent with 400 and ends nothing", async () => {
    const user = await createUser();
    const b = await loggedIn(user.email);
    expect((await b.post("/account", { intent: "everything" })).status).toBe(400);
    expect(await whoAmI(b.client)).toBe(user.name);
  });
});

describe("a session row", () => {
  it("is not accepted once expired, and the cookie holds no user id", async () => {
    const user = await createUser();
    const b = await loggedIn(user.email);
    const cookie = decodeURIComponent(b.client.cookieHeader());
    expect(cookie).not.toContain(user.id);
    const [row] = await db.loginSession.findMany({ where: { userId: user.id } });
    // The row's key is a hash of what the cookie carries: the database alone opens no session.
    expect(cookie).not.toContain(row!.id);
    await db.loginSession.update({ where: { id: row!.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await whoAmI(b.client)).toBeNull();
  });

  it("is read with the clock it is given", async () => {
    const user = await createUser();
    const b = await loggedIn(user.email);
    const [row] = await db.loginSession.findMany({ where: { userId: user.id } });
    const token = /chalet_session=([^;]+)/.exec(b.client.cookieHeader())![1]!;
    const { sessionStorage } = await import("~/utils/session.server");
    const sid = (await sessionStorage.getSession(`chalet_session=${token}`)).get("sid")!;
    expect(await getSessionUser(sid, new Date(row!.expiresAt.getTime() - 1))).toMatchObject({ user: { id: user.id } });
    expect(await getSessionUser(sid, row!.expiresAt)).toBeNull();
  });
});
