// A stall's chat room over real sockets: who hears what, history pages, idempotent resends,
// typing, presence, reports, and what careless or anonymous clients get.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { listChatReports, resolveChatReports } from "~/models/chat-moderation.server";
import { CHAT_PAGE_SIZE, type ChatHistory, type ChatMessageDto, type StallJoined } from "~/realtime/events";
import { db } from "~/utils/db.server";
import {
  ask,
  bodies,
  createChatScene,
  listen,
  ok,
  seedMessages,
  settle,
  quiet,
  socketPool,
  until,
} from "../fixtures/chat";
import { createStall, createUser } from "../fixtures/factories";
import { clientFor, startTestServer, type TestServer } from "../setup/server";

const T0 = new Date("2026-12-05T10:00:00Z");

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ now: T0 });
});
afterAll(() => server.close());
const sockets = socketPool(() => server);
afterEach(() => sockets.closeAll());

async function joined(userId: string | null, stallId: string) {
  const socket = await sockets.as(userId);
  const answer = ok(await ask<StallJoined>(socket, "stall:join", { stallId }));
  return { socket, answer };
}

describe("one room", () => {
  it("lets two visitors and the merchant hear each other once, the merchant flagged, and the merchant's inbox too", async () => {
    const { stall, merchant, alice, bob } = await createChatScene(T0);
    const a = await joined(alice.id, stall.id);
    const b = await joined(bob.id, stall.id);
    // The merchant's socket is in the stall's room and in their own user room: one copy each.
    const m = await joined(merchant.id, stall.id);
    const inbox = await sockets.as(merchant.id); // another page of the merchant's, not in the room
    const heard = [a, b, m].map(({ socket }) => listen(socket, "chat:message"));
    const inboxHeard = listen(inbox, "chat:message");

    const sent = [
      ok(await ask<ChatMessageDto>(a.socket, "chat:send", { stallId: stall.id, body: "Bonjour !" })),
      ok(await ask<ChatMessageDto>(b.socket, "chat:send", { stallId: stall.id, body: "Il reste du miel ?" })),
      ok(await ask<ChatMessageDto>(m.socket, "chat:send", { stallId: stall.id, body: "Oui, trois pots." })),
    ];
    for (const list of [...heard, inboxHeard]) await until(list, 3);
    await settle(a.socket, b.socket, m.socket, inbox);

    for (const list of [...heard, inboxHeard]) {
      expect(list.map((msg) => msg.id)).toEqual(sent.map((msg) => msg.id));
    }
    expect(heard[0]!.map((msg) => [msg.author.name, msg.author.isMerchant])).toEqual([
      ["Alice", false],
      ["Bob", false],
      ["Merchant", true],
    ]);
    expect(sent[0]!.id).toBeLessThan(sent[1]!.id);
    expect(await db.chatMessage.count({ where: { stallId: stall.id } })).toBe(3);
  });

  it(`answers the last ${CHAT_PAGE_SIZE} of 60 on join, then pages back with before, without overlap`, async () => {
    const { stall, alice } = await createChatScene(T0);
    const ids = await seedMessages(stall.id, alice.id, 60, T0);
    const { socket } = await joined(null, stall.id);

    const last = ok(await ask<ChatHistory>(socket, "chat:history", { stallId: stall.id }));
    expect(last.messages.map((m) => m.id)).toEqual(ids.slice(10));
    expect(last.more).toBe(true);
    const earlier = ok(
      await ask<ChatHistory>(socket, "chat:history", { stallId: stall.id, before: last.messages[0]!.id }),
    );
    expect(earlier.messages.map((m) => m.id)).toEqual(ids.slice(0, 10));
    expect(earlier.more).toBe(false);
    expect([...bodies(earlier.messages), ...bodies(last.messages)]).toEqual(
      Array.from({ length: 60 }, (_, i) => `Message ${i + 1}`),
    );
  });

  it("reads history while the market is closed, unknown stalls excepted", async () => {
    const { stall, alice } = await createChatScene(new Date(T0.getTime() - 5 * 3600_000)); // over by T0
    await seedMessages(stall.id, alice.id, 2, T0);
    const socket = await sockets.as(null);
    expect(ok(await ask<ChatHistory>(socket, "chat:history", { stallId: stall.id })).messages).toHaveLength(2);
    expect(await ask(socket, "chat:history", { stallId: "no-such-stall" })).toMatchObject({
      ok: false,
      error: { code: "NOT_FOUND" },
    });
  });
});

describe("idempotent sends", () => {
  it("answers a resend with the same clientKey with the stored message: no copy, no second broadcast, no rate limit", async () => {
    const { stall, alice, bob } = await createChatScene(T0);
    const a = await joined(alice.id, stall.id);
    const b = await joined(bob.id, stall.id);
    const heard = listen(b.socket, "chat:message");
    const payload = { stallId: stall.id, body: "Je passe à 17 h", clientKey: "draft-0001" };

    const first = ok(await ask<ChatMessageDto>(a.socket, "chat:send", payload));
    expect(first.clientKey).toBe("draft-0001");
    // Seven resends (more than the 5-per-10-s limit) all answer the stored message.
    for (let i = 0; i < 7; i++) expect(ok(await ask<ChatMessageDto>(a.socket, "chat:send", payload))).toEqual(first);
    // Two at once from two tabs, with a new key: one row.
    const other = await sockets.as(alice.id);
    const raced = await Promise.all([
      ask<ChatMessageDto>(a.socket, "chat:send", { ...payload, clientKey: "draft-0002", body: "Deux" }),
      ask<ChatMessageDto>(other, "chat:send", { ...payload, clientKey: "draft-0002", body: "Deux" }),
    ]);
    expect(ok(raced[0]).id).toBe(ok(raced[1]).id);
    await settle(a.socket, b.socket);
    expect(heard.map((m) => m.body)).toEqual(["Je passe à 17 h", "Deux"]);
    expect(await db.chatMessage.count({ where: { stallId: stall.id } })).toBe(2);

    // The resends cost nothing: 3 new messages still fit in the 5 of 10 s, the 4th not; and a
    // resend still answers its message while the new ones are refused.
    for (let i = 0; i < 3; i++) {
      expect(await ask(a.socket, "chat:send", { stallId: stall.id, body: `n° ${i}` })).toMatchObject({ ok: true });
    }
    expect(await ask(a.socket, "chat:send", { stallId: stall.id, body: "de trop" })).toMatchObject({
      ok: false,
      error: { code: "RATE_LIMITED" },
    });
    expect(ok(await ask<ChatMessageDto>(a.socket, "chat:send", payload))).toEqual(first);
    expect(await db.chatMessage.count({ where: { stallId: stall.id } })).toBe(5);
  });

  it("refuses a clientKey its author already used in another stall with BAD_REQUEST, not a server error", async () => {
    const { market, stall, merchant, alice } = await createChatScene(T0);
    const other = await createStall(market.id, merchant.id);
    const a = await sockets.as(alice.id);
    ok(await ask(a, "chat:send", { stallId: stall.id, body: "Ici", clientKey: "draft-reused" }));
    expect(await ask(a, "chat:send", { stallId: other.id, body: "Là", clientKey: "draft-reused" })).toMatchObject({
      ok: false,
      error: { code: "BAD_REQUEST", message: expect.stringMatching(/clientKey/) },
    });
    expect(await db.chatMessage.count({ where: { stallId: other.id } })).toBe(0);
  });
});

describe("careless and anonymous clients", () => {
  it("refuses every write of an anonymous socket with UNAUTHENTICATED and changes nothing", async () => {
    const { stall, alice } = await createChatScene(T0);
    const [messageId] = await seedMessages(stall.id, alice.id, 1, T0);
    const { socket } = await joined(null, stall.id);
    for (const [event, payload] of [
      ["chat:send", { stallId: stall.id, body: "Bonjour" }],
      ["chat:typing", { stallId: stall.id }],
      ["chat:delete", { messageId }],
      ["chat:report", { messageId }],
      ["chat:mute", { messageId, minutes: 10 }],
      ["chat:read", { stallId: stall.id, lastReadId: messageId }],
    ] as const) {
      expect(await ask(socket, event, payload), event).toMatchObject({
        ok: false,
        error: { code: "UNAUTHENTICATED", message: expect.stringMatching(/Connectez-vous/) },
      });
    }
    expect(await db.chatMessage.findMany({ where: { stallId: stall.id }, select: { deletedAt: true } })).toEqual([
      { deletedAt: null },
    ]);
    expect(await db.chatReport.count({ where: { messageId } })).toBe(0);
    expect(await db.chatMute.count({ where: { userId: alice.id } })).toBe(0);
  });

  it("refuses malformed payloads with BAD_REQUEST, unknown rooms with NOT_FOUND, and keeps serving", async () => {
    const { stall, alice } = await createChatScene(T0);
    const [messageId] = await seedMessages(stall.id, alice.id, 1, T0);
    const { socket } = await joined(alice.id, stall.id);
    const huge = "x".repeat(10_000);
    const bad: [string, unknown][] = [
      ["chat:history", { stallId: 42 }],
      ["chat:history", { stallId: stall.id, before: "10" }],
      ["chat:history", { stallId: stall.id, before: 5, after: 2 }],
      ["chat:history", { stallId: stall.id, after: -1 }],
      ["chat:history", { stallId: huge }],
      ["chat:send", { stallId: stall.id, body: "a".repeat(501) }],
      ["chat:send", { stallId: stall.id, body: "ok", clientKey: "short" }],
      ["chat:send", { stallId: stall.id, body: "ok", clientKey: huge }],
      ["chat:typing", { stallId: stall.id, extra: true }],
      ["chat:delete", { messageId: String(messageId) }],
      ["chat:delete", { messageId: 1.5 }],
      ["chat:report", { messageId, reason: huge }],
      ["chat:mute", { messageId, minutes: 1 }],
      ["chat:mute", { messageId, minutes: 100_000 }],
      ["chat:read", { stallId: stall.id, lastReadId: "all" }],
      ["chat:read", [stall.id, 1]],
    ];
    for (const [event, payload] of bad) {
      expect(await ask(socket, event, payload), `${event} ${JSON.stringify(payload).slice(0, 80)}`).toMatchObject({
        ok: false,
        error: { code: "BAD_REQUEST" },
      });
    }
    for (const [event, payload] of [
      ["chat:send", { stallId: "no-such-stall", body: "Bonjour" }],
      ["chat:delete", { messageId: 999_999_999 }],
      ["chat:report", { messageId: 999_999_999 }],
      ["chat:read", { stallId: "no-such-stall", lastReadId: 1 }],
    ] as const) {
      expect(await ask(socket, event, payload), event).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    }
    // Typing in a room the socket never joined is refused.
    expect(await ask(socket, "chat:typing", { stallId: "no-such-stall" })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    // Without an acknowledgement nothing is done, and the socket is still served.
    (socket as unknown as { emit(event: string, payload: unknown): void }).emit("chat:send", {
      stallId: stall.id,
      body: "Sans accusé",
    });
    (socket as unknown as { emit(event: string, payload: unknown): void }).emit("chat:delete", { messageId });
    expect(ok(await ask<ChatHistory>(socket, "chat:history", { stallId: stall.id })).messages).toHaveLength(1);
    expect(socket.connected).toBe(true);
    expect(await db.chatMessage.count({ where: { stallId: stall.id } })).toBe(1);
    expect(await db.chatMessage.count({ where: { stallId: stall.id, deletedAt: { not: null } } })).toBe(0);
  });
});

describe("typing", () => {
  it("is forwarded to the others, not to the typist, at most once per 2 s per socket, and refused to anonymous sockets", async () => {
    const { stall, merchant, alice, bob } = await createChatScene(T0);
    const a = await joined(alice.id, stall.id);
    const b = await joined(bob.id, stall.id);
    const m = await joined(merchant.id, stall.id);
    const anonymous = await joined(null, stall.id);
    const [toAlice, toBob, toMerchant] = [a, b, m].map(({ socket }) => listen(socket, "chat:typing"));

    expect(await ask(a.socket, "chat:typing", { stallId: stall.id })).toEqual({ ok: true, data: null });
    await until(toBob, 1);
    await until(toMerchant, 1);
    // Again at once, and 1.9 s later: accepted, not forwarded.
    expect(await ask(a.socket, "chat:typing", { stallId: stall.id })).toEqual({ ok: true, data: null });
    server.clock.advance(1_900);
    expect(await ask(a.socket, "chat:typing", { stallId: stall.id })).toEqual({ ok: true, data: null });
    await settle(a.socket, b.socket, m.socket);
    expect(toBob).toEqual([{ stallId: stall.id, author: { id: alice.id, name: "Alice", isMerchant: false } }]);
    expect(toAlice).toEqual([]);
    // 2 s after the first: forwarded again. The merchant's typing is flagged.
    server.clock.advance(100);
    expect(await ask(a.socket, "chat:typing", { stallId: stall.id })).toMatchObject({ ok: true });
    expect(await ask(m.socket, "chat:typing", { stallId: stall.id })).toMatchObject({ ok: true });
    await until(toBob, 3);
    expect(toBob.map((e) => [e.author.name, e.author.isMerchant])).toEqual([
      ["Alice", false],
      ["Alice", false],
      ["Merchant", true],
    ]);
    expect(await ask(anonymous.socket, "chat:typing", { stallId: stall.id })).toMatchObject({
      ok: false,
      error: { code: "UNAUTHENTICATED" },
    });
    // A signed-in socket that has not joined the stall may not type there.
    const outside = await sockets.as(bob.id);
    expect(await ask(outside, "chat:typing", { stallId: stall.id })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
  });
});

describe("presence", () => {
  it("counts accounts once and anonymous tabs each, leaves the merchant out, follows the merchant anywhere, coalesced", async () => {
    const { stall, merchant, alice, bob } = await createChatScene(T0);
    const observer = await joined(null, stall.id);
    expect(observer.answer.presence).toEqual({ stallId: stall.id, visitors: 1, merchantOnline: false });
    await quiet(server, observer.socket); // the observer's own join is told first
    const heard = listen(observer.socket, "presence:count");

    const tabs = await Promise.all([joined(alice.id, stall.id), joined(alice.id, stall.id), joined(bob.id, stall.id)]);
    await until(heard, 1);
    await quiet(server, observer.socket);
    // Three joins within the window: one event. Alice's two tabs are one visitor.
    expect(heard).toEqual([{ stallId: stall.id, visitors: 3, merchantOnline: false }]);

    // The merchant opens any page (not the stall): online.
    const merchantPage = await sockets.as(merchant.id);
    await until(heard, 2);
    expect(heard[1]).toEqual({ stallId: stall.id, visitors: 3, merchantOnline: true });
    // The merchant in the room is not a visitor.
    const merchantInRoom = await joined(merchant.id, stall.id);
    expect(merchantInRoom.answer.presence).toEqual({ stallId: stall.id, visitors: 3, merchantOnline: true });
    expect(merchantInRoom.answer.you).toEqual({
      userId: merchant.id,
      isMerchant: true,
      canModerate: true,
      mutedUntil: null,
    });
    await until(heard, 3);
    expect(heard[2]).toEqual({ stallId: stall.id, visitors: 3, merchantOnline: true });

    // One of Alice's tabs closing with Bob leaving: one visitor less.
    tabs[0].socket.disconnect();
    tabs[2].socket.disconnect();
    await until(heard, 4);
    expect(heard[3]).toEqual({ stallId: stall.id, visitors: 2, merchantOnline: true });
    // The merchant closes every page: offline.
    merchantPage.disconnect();
    merchantInRoom.socket.disconnect();
    await until(heard, 5);
    expect(heard[4]).toEqual({ stallId: stall.id, visitors: 2, merchantOnline: false });
    await quiet(server, observer.socket);
    expect(heard).toHaveLength(5);
  });
});

describe("names", () => {
  it("shows visitors by first name and initial everywhere in the chat, the merchant in full with the badge; the organisers' console keeps full names", async () => {
    const { stall, market, merchant, organiser } = await createChatScene(T0);
    const jp = await createUser({ name: "Jean-Pierre de la Tour" });
    await db.user.update({ where: { id: merchant.id }, data: { name: "Hélène Martin" } });
    const visitor = await joined(jp.id, stall.id);
    const m = await joined(merchant.id, stall.id);
    const heard = listen(m.socket, "chat:message");
    const typing = listen(m.socket, "chat:typing");

    ok(await ask(visitor.socket, "chat:typing", { stallId: stall.id }));
    const mine = ok(await ask<ChatMessageDto>(visitor.socket, "chat:send", { stallId: stall.id, body: "Bonjour" }));
    // The merchant's inbox page names the visitor the same way.
    const inbox = await (await (await clientFor(server, merchant.id)).get("/merchant/inbox")).text();
    expect(inbox).toContain("Jean-Pierre D.");
    expect(inbox).not.toContain("de la Tour");
    const reply = ok(await ask<ChatMessageDto>(m.socket, "chat:send", { stallId: stall.id, body: "Bienvenue" }));
    await until(heard, 2);
    await until(typing, 1);
    const history = ok(await ask<ChatHistory>(visitor.socket, "chat:history", { stallId: stall.id }));
    const named = (list: ChatMessageDto[]) => list.map((msg) => [msg.author.name, msg.author.isMerchant]);
    const expected = [
      ["Jean-Pierre D.", false],
      ["Hélène Martin", true],
    ];
    expect(named([mine, reply])).toEqual(expected);
    expect(named(heard)).toEqual(expected);
    expect(named(history.messages)).toEqual(expected);
    expect(typing.map((t) => t.author.name)).toEqual(["Jean-Pierre D."]);

    // The organisers mute people: their reports console says who it is in full.
    ok(await ask(m.socket, "chat:report", { messageId: mine.id }));
    const reports = await listChatReports(market.id, server.clock.now());
    expect(reports.map((r) => r.author.name)).toEqual(["Jean-Pierre de la Tour"]);
    const page = await (await clientFor(server, organiser.id)).get(`/organiser/markets/${market.id}/reports`);
    expect(await page.text()).toContain("Jean-Pierre de la Tour");
  });
});

describe("reports", () => {
  it("stores a reporter's report once, lists it for the organisers and resolves it", async () => {
    const { stall, market, organiser, alice, bob } = await createChatScene(T0);
    const [messageId] = await seedMessages(stall.id, bob.id, 1, T0, "Pas gentil");
    const a = await sockets.as(alice.id);
    const carol = await createUser({ name: "Carol" });
    const c = await sockets.as(carol.id);
    expect(await ask(a, "chat:report", { messageId, reason: "Insultant" })).toEqual({ ok: true, data: null });
    expect(await ask(a, "chat:report", { messageId, reason: "Encore" })).toEqual({ ok: true, data: null });
    expect(await ask(c, "chat:report", { messageId })).toEqual({ ok: true, data: null });
    expect(await db.chatReport.count({ where: { messageId } })).toBe(2);
    expect(await db.chatReport.findFirst({ where: { messageId, reporterId: alice.id } })).toMatchObject({
      reason: "Insultant",
    });

    const reports = await listChatReports(market.id, server.clock.now());
    expect(reports).toEqual([
      expect.objectContaining({
        messageId,
        body: "Pas gentil 1",
        deleted: false,
        author: { id: bob.id, name: "Bob", mutedUntil: null },
        reports: expect.arrayContaining([
          expect.objectContaining({ reason: "", reporter: { name: "Carol" } }),
          expect.objectContaining({ reason: "Insultant", reporter: { name: "Alice" } }),
        ]),
      }),
    ]);
    await expect(resolveChatReports(alice, market.id, messageId!, server.clock.now())).rejects.toThrow();
    expect(await resolveChatReports(organiser, market.id, messageId!, server.clock.now())).toBe(2);
    expect(await listChatReports(market.id, server.clock.now())).toEqual([]);
  });
});
