// When a visitor writes and the stall's merchant has no page open anywhere, the merchant gets an
// email in their language with a link to the conversation: at most one per stall per 15 minutes
// (the server's clock), none while they are online, none for their own messages.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CHAT_NOTICE_INTERVAL_MS, claimChatNotice } from "~/models/chat-inbox.server";
import { db } from "~/utils/db.server";
import { ask, createChatScene, socketPool } from "../fixtures/chat";
import { createStall } from "../fixtures/factories";
import { startTestServer, type TestServer } from "../setup/server";
import { eventually } from "../setup/wait";

const T0 = new Date("2026-12-05T10:00:00Z");

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ now: T0 });
});
afterAll(() => server.close());
const sockets = socketPool(() => server);
afterEach(() => {
  sockets.closeAll();
  server.clock.set(T0);
});

const emailsTo = (to: string) => db.outboxEmail.findMany({ where: { to }, orderBy: { createdAt: "asc" } });

/** Waits until `count` emails went to `to` (the send is not awaited by the acknowledgement). */
async function emailsArrive(to: string, count: number) {
  return eventually(async () => {
    const emails = await emailsTo(to);
    return emails.length >= count && emails;
  }, 3_000).catch(() => emailsTo(to));
}

/** Once the server has done what the messages started (the notice is sent after the answer). */
async function noMoreThan(to: string, count: number) {
  await server.idle();
  expect(await emailsTo(to)).toHaveLength(count);
}

describe("the offline merchant's email", () => {
  it("is sent once per stall per 15 minutes, in the merchant's language, with a link to the chat", async () => {
    const { market, stall, merchant, alice, bob } = await createChatScene(T0);
    await db.user.update({ where: { id: merchant.id }, data: { locale: "en" } });
    const a = await sockets.as(alice.id);
    const b = await sockets.as(bob.id);
    const send = (socket: typeof a, body: string, stallId = stall.id) =>
      ask(socket, "chat:send", { stallId, body }).then((answer) => expect(answer).toMatchObject({ ok: true }));

    await send(a, "Bonjour, vous êtes là ?");
    const [email] = await emailsArrive(merchant.email, 1);
    expect(email!.subject).toBe(`A visitor is waiting at ${stall.name}`);
    expect(email!.text).toContain("Alice wrote in the chat of your stall");
    expect(email!.text).toContain("> Bonjour, vous êtes là ?");
    expect(email!.text).toMatch(new RegExp(`^https?://[^/\\s]+/m/${market.slug}/${stall.slug}#chat$`, "m"));

    await send(b, "Moi aussi j'attends");
    server.clock.set(new Date(T0.getTime() + CHAT_NOTICE_INTERVAL_MS - 1));
    await send(a, "Toujours là ?");
    await noMoreThan(merchant.email, 1);

    server.clock.set(new Date(T0.getTime() + CHAT_NOTICE_INTERVAL_MS));
    await send(b, "Un quart d'heure plus tard");
    expect(await emailsArrive(merchant.email, 2)).toHaveLength(2);

    // Another stall of the same merchant has its own quarter of an hour.
    const second = await createStall(market.id, merchant.id, { name: "Second stand" });
    await send(a, "Et ici ?", second.id);
    const emails = await emailsArrive(merchant.email, 3);
    expect(emails.map((e) => e.subject)).toEqual([
      `A visitor is waiting at ${stall.name}`,
      `A visitor is waiting at ${stall.name}`,
      "A visitor is waiting at Second stand",
    ]);
  });

  it("is sent in French by default", async () => {
    const { stall, merchant, alice } = await createChatScene(T0);
    const a = await sockets.as(alice.id);
    expect(await ask(a, "chat:send", { stallId: stall.id, body: "Bonjour" })).toMatchObject({ ok: true });
    const [email] = await emailsArrive(merchant.email, 1);
    expect(email!.subject).toBe(`Un visiteur vous attend sur ${stall.name}`);
  });

  it("is not sent while the merchant has any page open, nor for the merchant's own messages", async () => {
    const { stall, merchant, alice } = await createChatScene(T0);
    const merchantPage = await sockets.as(merchant.id); // the dashboard, not the stall
    const a = await sockets.as(alice.id);
    expect(await ask(a, "chat:send", { stallId: stall.id, body: "Bonjour" })).toMatchObject({ ok: true });
    expect(await ask(merchantPage, "chat:send", { stallId: stall.id, body: "J'arrive" })).toMatchObject({
      ok: true,
    });
    await noMoreThan(merchant.email, 0);
    expect(await db.chatNotice.count({ where: { stallId: stall.id } })).toBe(0);

    // Gone: the next visitor's message is emailed.
    merchantPage.disconnect();
    const merchantRoom = server.services.rooms.user(merchant.id);
    await eventually(async () => (await server.io.in(merchantRoom).fetchSockets()).length === 0);
    expect(await ask(a, "chat:send", { stallId: stall.id, body: "Il est parti ?" })).toMatchObject({ ok: true });
    expect(await emailsArrive(merchant.email, 1)).toHaveLength(1);
  });

  it("is claimed by one caller only when several race (two instances)", async () => {
    const { stall } = await createChatScene(T0);
    const claims = await Promise.all(Array.from({ length: 6 }, () => claimChatNotice(stall.id, T0)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    const later = new Date(T0.getTime() + CHAT_NOTICE_INTERVAL_MS);
    const again = await Promise.all(Array.from({ length: 6 }, () => claimChatNotice(stall.id, later)));
    expect(again.filter(Boolean)).toHaveLength(1);
  });
});
