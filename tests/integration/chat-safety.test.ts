// Chat safety cases a review found open: a merchant silencing a neighbour, a deleted message
// coming back through a resend, typing from people who may not write, joins when counting fails.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ChatMessageDto, StallJoined } from "~/realtime/events";
import { db } from "~/utils/db.server";
import { ask, createChatScene, listen, ok, settle, socketPool } from "../fixtures/chat";
import { createStall, createUser } from "../fixtures/factories";
import { startTestServer, type TestServer } from "../setup/server";

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

describe("moderation scope", () => {
  it("keeps a merchant from muting a neighbouring merchant market-wide; an organiser may", async () => {
    const { market, stall, merchant, organiser } = await createChatScene(T0);
    const neighbour = await createUser({ name: "Neighbour" });
    const neighbourStall = await createStall(market.id, neighbour.id);
    const n = await sockets.as(neighbour.id);
    const m = await sockets.as(merchant.id);
    const question = ok(await ask<ChatMessageDto>(n, "chat:send", { stallId: stall.id, body: "Bonjour voisin" }));
    // A mute covers the market: the neighbour could no longer answer their own customers.
    expect(await ask(m, "chat:mute", { messageId: question.id, minutes: 7 * 24 * 60 })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    expect(await db.chatMute.count({ where: { userId: neighbour.id } })).toBe(0);
    ok(await ask(n, "chat:send", { stallId: neighbourStall.id, body: "Réponse à un client" }));
    // The market's organisers keep the power to silence anyone but themselves.
    const o = await sockets.as(organiser.id);
    ok(await ask(o, "chat:mute", { messageId: question.id, minutes: 15 }));
    expect(await ask(n, "chat:send", { stallId: neighbourStall.id, body: "Encore moi" })).toMatchObject({
      ok: false,
      error: { code: "MUTED" },
    });
  });
});

describe("idempotent resend", () => {
  it("does not answer ok with a message a moderator deleted meanwhile", async () => {
    const { stall, merchant, alice } = await createChatScene(T0);
    const a = await sockets.as(alice.id);
    const m = await sockets.as(merchant.id);
    const payload = { stallId: stall.id, body: "Spam", clientKey: "review-key-01" };
    const first = ok(await ask<ChatMessageDto>(a, "chat:send", payload));
    ok(await ask(m, "chat:delete", { messageId: first.id }));
    // The tab's ack was lost; it resends the draft and is told it was stored, so it shows it again.
    const resend = await ask<ChatMessageDto>(a, "chat:send", payload);
    expect(resend).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await db.chatMessage.count({ where: { stallId: stall.id, deletedAt: null } })).toBe(0);
  });
});

describe("typing", () => {
  it("is not forwarded for a muted author", async () => {
    const { stall, merchant, alice, bob } = await createChatScene(T0);
    const a = await sockets.as(alice.id);
    ok(await ask<StallJoined>(a, "stall:join", { stallId: stall.id }));
    const b = await sockets.as(bob.id);
    ok(await ask<StallJoined>(b, "stall:join", { stallId: stall.id }));
    const m = await sockets.as(merchant.id);
    const msg = ok(await ask<ChatMessageDto>(a, "chat:send", { stallId: stall.id, body: "Grr" }));
    ok(await ask(m, "chat:mute", { messageId: msg.id, minutes: 60 }));
    const heard = listen(b, "chat:typing");
    const answer = await ask(a, "chat:typing", { stallId: stall.id });
    await settle(a, b);
    expect({ answer, heard: heard.length }).toMatchObject({
      answer: { ok: false, error: { code: "MUTED" } },
      heard: 0,
    });
  });

  it("is refused once the socket's session was revoked (password reset)", async () => {
    const { stall, alice, bob } = await createChatScene(T0);
    const a = await sockets.as(alice.id);
    ok(await ask<StallJoined>(a, "stall:join", { stallId: stall.id }));
    const b = await sockets.as(bob.id);
    ok(await ask<StallJoined>(b, "stall:join", { stallId: stall.id }));
    const heard = listen(b, "chat:typing");
    // Alice's sessions end in the database only, with no socket closed (as if the close were
    // lost): the socket's next write reads the session again and is refused (docs/realtime.md).
    await db.loginSession.deleteMany({ where: { userId: alice.id } });
    const answer = await ask(a, "chat:typing", { stallId: stall.id });
    await settle(a, b);
    expect({ answer, heard: heard.length }).toMatchObject({
      answer: { ok: false, error: { code: "UNAUTHENTICATED" } },
      heard: 0,
    });
  });
});

describe("presence must not break joining", () => {
  it("stall:join still answers when the cluster-wide socket count fails (a peer instance timing out)", async () => {
    const { stall } = await createChatScene(T0);
    const socket = await sockets.as(null);
    const io = server.io as unknown as { in: (room: string) => unknown };
    const original = io.in.bind(server.io);
    // What the Redis adapter (socket.io-adapter's ClusterAdapter) does when a peer does not answer within requestsTimeout.
    io.in = () => ({
      fetchSockets: () => Promise.reject(new Error("timeout reached while waiting for fetchSockets response")),
    });
    try {
      expect(await ask(socket, "stall:join", { stallId: stall.id })).toMatchObject({ ok: true });
    } finally {
      io.in = original;
    }
  });
});
