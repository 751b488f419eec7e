// Moderation over real sockets and the console's model calls: deletions reach every screen,
// mutes silence an author in a market until they end, the rate limit holds, each action is
// allowed to exactly the people it should be, and the merchant's inbox counts what is unread.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { listMerchantInbox } from "~/models/chat-inbox.server";
import type { ChatHistory, ChatMessageDto, StallJoined } from "~/realtime/events";
import { db } from "~/utils/db.server";
import { ask, createChatScene, listen, ok, seedMessages, settle, socketPool, until } from "../fixtures/chat";
import { createMarket, createOrganiser, createStall, createTown, createUser } from "../fixtures/factories";
import { startTestServer, type TestServer } from "../setup/server";

const T0 = new Date("2026-12-05T10:00:00Z");
const minutes = (n: number) => n * 60_000;

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

async function joined(userId: string | null, stallId: string, options: { english?: boolean } = {}) {
  const socket = await sockets.as(userId, options);
  const answer = ok(await ask<StallJoined>(socket, "stall:join", { stallId }));
  return { socket, answer };
}

describe("deleting a message", () => {
  it("removes it from every screen (the room and the merchant's inbox) and from history", async () => {
    const { stall, merchant, alice, bob } = await createChatScene(T0);
    const a = await joined(alice.id, stall.id);
    const b = await joined(bob.id, stall.id);
    const m = await joined(merchant.id, stall.id);
    const inbox = await sockets.as(merchant.id);
    const first = ok(await ask<ChatMessageDto>(b.socket, "chat:send", { stallId: stall.id, body: "Spam spam" }));
    const second = ok(await ask<ChatMessageDto>(a.socket, "chat:send", { stallId: stall.id, body: "Bonjour" }));
    const heard = [a, b, m].map(({ socket }) => listen(socket, "chat:deleted"));
    const inboxHeard = listen(inbox, "chat:deleted");

    expect(await ask(m.socket, "chat:delete", { messageId: first.id })).toEqual({
      ok: true,
      data: { stallId: stall.id, messageId: first.id },
    });
    for (const list of [...heard, inboxHeard]) {
      expect(await until(list, 1)).toEqual([{ stallId: stall.id, messageId: first.id }]);
    }
    expect(await db.chatMessage.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({
      deletedAt: T0,
      deletedById: merchant.id,
    });
    const history = ok(await ask<ChatHistory>(a.socket, "chat:history", { stallId: stall.id }));
    expect(history.messages.map((msg) => msg.id)).toEqual([second.id]);
    const catchUp = ok(await ask<ChatHistory>(a.socket, "chat:history", { stallId: stall.id, after: 0 }));
    expect(catchUp.messages.map((msg) => msg.id)).toEqual([second.id]);
  });

  it("from the organisers' console (a model call, no socket) still reaches every screen", async () => {
    const { stall, organiser, alice } = await createChatScene(T0);
    const [messageId] = await seedMessages(stall.id, alice.id, 1, T0);
    const a = await joined(null, stall.id);
    const heard = listen(a.socket, "chat:deleted");
    await server.services.deleteChatMessage(organiser, messageId!, server.clock.now());
    expect(await until(heard, 1)).toEqual([{ stallId: stall.id, messageId }]);
  });
});

describe("muting an author", () => {
  it("refuses their messages with MUTED saying until when, in their language, everywhere in the market, until the clock passes it", async () => {
    const { market, stall, merchant, organiser, alice, bob } = await createChatScene(T0);
    const otherStall = await createStall(market.id, merchant.id);
    const a = await joined(alice.id, stall.id);
    const aEnglish = await sockets.as(alice.id, { english: true });
    const muted = listen(a.socket, "chat:muted");
    const b = await joined(bob.id, stall.id);
    const rude = ok(await ask<ChatMessageDto>(a.socket, "chat:send", { stallId: stall.id, body: "Grr" }));

    const o = await sockets.as(organiser.id);
    const answer = ok(
      await ask<{ marketId: string; userId: string; until: string }>(o, "chat:mute", {
        messageId: rude.id,
        minutes: 30,
      }),
    );
    const until30 = new Date(T0.getTime() + minutes(30));
    expect(answer).toEqual({ marketId: market.id, userId: alice.id, until: until30.toISOString() });
    expect(await until(muted, 1)).toEqual([{ marketId: market.id, until: until30.toISOString() }]);

    // 10:30 UTC is 11:30 in Paris, the market's timezone.
    for (const [socket, stallId, text] of [
      [a.socket, stall.id, /^Vous ne pouvez plus écrire sur ce marché jusqu’au samedi 5 décembre à 11:30\.$/],
      [aEnglish, otherStall.id, /^You cannot write in this market until Saturday 5 December at 11:30\.$/],
    ] as const) {
      expect(await ask(socket, "chat:send", { stallId, body: "Encore" })).toMatchObject({
        ok: false,
        error: { code: "MUTED", message: expect.stringMatching(text) },
      });
    }
    expect(ok(await ask<StallJoined>(a.socket, "stall:join", { stallId: stall.id })).you.mutedUntil).toBe(
      until30.toISOString(),
    );
    // Bob is not muted.
    expect(await ask(b.socket, "chat:send", { stallId: stall.id, body: "Moi si" })).toMatchObject({ ok: true });

    server.clock.set(new Date(until30.getTime() - 1));
    expect(await ask(a.socket, "chat:send", { stallId: stall.id, body: "Presque" })).toMatchObject({
      ok: false,
      error: { code: "MUTED" },
    });
    server.clock.set(until30);
    expect(await ask(a.socket, "chat:send", { stallId: stall.id, body: "Pardon" })).toMatchObject({
      ok: true,
      data: { body: "Pardon" },
    });
    expect(await db.chatMessage.count({ where: { authorId: alice.id } })).toBe(2);
  });

  it("tells the muted user when the console mutes them (a model call)", async () => {
    const { stall, organiser, bob } = await createChatScene(T0);
    const [messageId] = await seedMessages(stall.id, bob.id, 1, T0);
    const b = await sockets.as(bob.id);
    const heard = listen(b, "chat:muted");
    const { until: end } = await server.services.muteChatAuthor(organiser, messageId!, 5, server.clock.now());
    expect(await until(heard, 1)).toEqual([{ marketId: expect.any(String), until: end.toISOString() }]);
  });
});

describe("the rate limit", () => {
  it("refuses the 6th message within 10 s with RATE_LIMITED and a wait, and stores 5", async () => {
    const { stall, alice } = await createChatScene(T0);
    const a = await joined(alice.id, stall.id);
    for (let i = 1; i <= 5; i++) {
      expect(await ask(a.socket, "chat:send", { stallId: stall.id, body: `n° ${i}` })).toMatchObject({ ok: true });
    }
    expect(await ask(a.socket, "chat:send", { stallId: stall.id, body: "n° 6" })).toMatchObject({
      ok: false,
      error: { code: "RATE_LIMITED", message: expect.stringMatching(/^Doucement\u00a0: trop de messages/) },
    });
    expect(await db.chatMessage.count({ where: { stallId: stall.id } })).toBe(5);
  });
});

describe("who may moderate", () => {
  async function cast() {
    const scene = await createChatScene(T0);
    const neighbour = await createUser({ name: "Neighbour" });
    await createStall(scene.market.id, neighbour.id);
    const elsewhereTown = await createTown();
    const otherOrganiser = await createOrganiser(elsewhereTown.id);
    await createMarket(elsewhereTown.id);
    return { ...scene, neighbour, otherOrganiser };
  }

  it("lets only the stall's merchant and the market's organisers delete and mute; only the merchant mark read", async () => {
    const { stall, merchant, organiser, alice, bob, neighbour, otherOrganiser } = await cast();
    const ids = await seedMessages(stall.id, bob.id, 4, T0, "Bob");
    const forbidden = [
      ["a visitor", alice.id],
      ["another stall's merchant", neighbour.id],
      ["an organiser of another town", otherOrganiser.id],
    ] as const;
    for (const [who, userId] of forbidden) {
      const socket = await sockets.as(userId);
      for (const [event, payload] of [
        ["chat:delete", { messageId: ids[0] }],
        ["chat:mute", { messageId: ids[0], minutes: 10 }],
        ["chat:read", { stallId: stall.id, lastReadId: ids[0] }],
      ] as const) {
        expect(await ask(socket, event, payload), `${who} ${event}`).toMatchObject({
          ok: false,
          error: { code: "FORBIDDEN", message: expect.any(String) },
        });
      }
    }
    expect(await db.chatMessage.count({ where: { stallId: stall.id, deletedAt: { not: null } } })).toBe(0);
    expect(await db.chatMute.count({ where: { userId: bob.id } })).toBe(0);
    expect(await db.chatRead.count({ where: { stallId: stall.id } })).toBe(0);

    const m = await sockets.as(merchant.id);
    const o = await sockets.as(organiser.id);
    expect(await ask(m, "chat:delete", { messageId: ids[0] })).toMatchObject({ ok: true });
    expect(await ask(o, "chat:delete", { messageId: ids[1] })).toMatchObject({ ok: true });
    expect(await ask(m, "chat:mute", { messageId: ids[2], minutes: 10 })).toMatchObject({ ok: true });
    expect(await ask(o, "chat:mute", { messageId: ids[3], minutes: 20 })).toMatchObject({ ok: true });
    expect(await ask(m, "chat:read", { stallId: stall.id, lastReadId: ids[3] })).toEqual({
      ok: true,
      data: { stallId: stall.id, unread: 0 },
    });
    // Read marks are the merchant's own: an organiser has none to move.
    expect(await ask(o, "chat:read", { stallId: stall.id, lastReadId: ids[3] })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    expect(await db.chatMessage.count({ where: { stallId: stall.id, deletedAt: { not: null } } })).toBe(2);
    expect(await db.chatMute.count({ where: { userId: bob.id } })).toBe(2);
  });

  it("refuses muting oneself or an organiser of the market, even to the merchant", async () => {
    const { stall, merchant, organiser } = await cast();
    const [own] = await seedMessages(stall.id, merchant.id, 1, T0, "Merchant");
    const [organisers] = await seedMessages(stall.id, organiser.id, 1, T0, "Organiser");
    const m = await sockets.as(merchant.id);
    const o = await sockets.as(organiser.id);
    for (const [socket, messageId] of [
      [m, own],
      [m, organisers],
      [o, organisers],
    ] as const) {
      expect(await ask(socket, "chat:mute", { messageId, minutes: 10 })).toMatchObject({
        ok: false,
        error: { code: "FORBIDDEN" },
      });
    }
    expect(await db.chatMute.count({ where: { marketId: stall.marketId } })).toBe(0);
  });
});

describe("the merchant's inbox", () => {
  it("counts visitors' unread messages, moves the read mark forward only and tells the merchant's other tabs", async () => {
    const { market, stall, merchant, alice, bob } = await createChatScene(T0);
    const quiet = await createStall(market.id, merchant.id, { status: "PENDING" });
    const [a1, a2] = await seedMessages(stall.id, alice.id, 2, T0, "Alice");
    const [b1] = await seedMessages(stall.id, bob.id, 1, T0, "Bob");
    const [m1] = await seedMessages(stall.id, merchant.id, 1, T0, "Merchant");

    let inbox = await listMerchantInbox(merchant.id);
    expect(inbox.map((row) => [row.stall.id, row.unread, row.lastReadId, row.last?.id ?? null])).toEqual([
      [stall.id, 3, 0, m1],
      [quiet.id, 0, 0, null],
    ]);
    expect(inbox[0]!.last).toMatchObject({ body: "Merchant 1", author: { isMerchant: true } });
    expect(inbox[0]!.stall.market).toEqual({ id: market.id, name: market.name, slug: market.slug });

    // A deleted message is not unread.
    await db.chatMessage.update({ where: { id: b1 }, data: { deletedAt: T0 } });
    expect((await listMerchantInbox(merchant.id))[0]!.unread).toBe(2);

    const tab = await sockets.as(merchant.id);
    const otherTab = await sockets.as(merchant.id);
    const told = listen(otherTab, "chat:read");
    expect(await ask(tab, "chat:read", { stallId: stall.id, lastReadId: a1 })).toEqual({
      ok: true,
      data: { stallId: stall.id, unread: 1 },
    });
    expect(await until(told, 1)).toEqual([{ stallId: stall.id, lastReadId: a1 }]);
    // Backwards does not move it.
    expect(await ask(tab, "chat:read", { stallId: stall.id, lastReadId: 0 })).toEqual({
      ok: true,
      data: { stallId: stall.id, unread: 1 },
    });
    // Beyond the newest message it stops at the newest: the next visitor's message is unread.
    expect(await ask(tab, "chat:read", { stallId: stall.id, lastReadId: 1_000_000 })).toEqual({
      ok: true,
      data: { stallId: stall.id, unread: 0 },
    });
    const [a3] = await seedMessages(stall.id, alice.id, 1, T0, "Later");
    inbox = await listMerchantInbox(merchant.id);
    expect(inbox[0]).toMatchObject({ unread: 1, lastReadId: m1, last: { id: a3 } });
    expect(a2).toBeLessThan(m1!);
    await settle(tab, otherTab);
  });
});
