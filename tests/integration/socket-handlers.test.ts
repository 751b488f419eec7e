// Each domain's socket handlers (server/sockets/*.ts) built alone with their dependencies, on a
// Socket.IO server of their own (tests/setup/socket-harness.ts), without the app around them:
// what the whole app does through them is in chat-*.test.ts, realtime-*.test.ts and the others.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ChatMessageDto, ChatPresence, StallJoined, StockLevel } from "~/realtime/events";
import { rooms } from "~/realtime/events";
import { db } from "~/utils/db.server";
import { registerChatHandlers } from "../../server/sockets/chat";
import type { EventGate } from "../../server/sockets/context";
import { registerMarketHandlers, registerStockHandlers } from "../../server/sockets/market";
import { registerMerchantHandlers } from "../../server/sockets/merchant";
import { registerModerationHandlers } from "../../server/sockets/moderation";
import { createPresence, PRESENCE_COALESCE_MS, type Presence } from "../../server/sockets/presence";
import { createBackgroundWork } from "../../server/sockets/background-work";
import { ask, createChatScene, listen, ok, seedMessages } from "../fixtures/chat";
import { CHAT_NOTICE_INTERVAL_MS } from "~/models/chat-inbox.server";
import { ManualTimers } from "../setup/manual-timers";
import { startSocketHarness, type SocketHarness } from "../setup/socket-harness";

const T0 = new Date("2026-12-05T10:00:00Z");
const harnesses: SocketHarness[] = [];
afterEach(async () => {
  while (harnesses.length) await harnesses.pop()!.close();
});
async function harness(...args: Parameters<typeof startSocketHarness>) {
  const started = await startSocketHarness(...args);
  harnesses.push(started);
  return started;
}
const inRoom = async (h: SocketHarness, room: string) => (await h.io.in(room).fetchSockets()).length;

describe("the shared plumbing (server/sockets/context.ts)", () => {
  it("checks the payload, answers what the gate refuses, and sheds expensive reads only", async () => {
    const { market } = await createChatScene(T0);
    let refuse: "address" | null = null;
    let busy = false;
    const gate: EventGate = { charge: async () => refuse, admit: () => (busy ? null : () => {}) };
    const h = await harness((context) => registerMarketHandlers(context, { now: () => T0 }), { gate });
    const socket = await h.as(null);

    expect(await ask(socket, "market:join", { marketId: 42 })).toMatchObject({
      ok: false,
      error: { code: "BAD_REQUEST" },
    });
    expect(await ask(socket, "market:join", { marketId: market.id }, "extra")).toMatchObject({
      ok: false,
      error: { code: "BAD_REQUEST", message: expect.stringContaining("one payload") },
    });
    busy = true;
    expect(await ask(socket, "market:join", { marketId: market.id })).toMatchObject({
      ok: false,
      error: { code: "BUSY" },
    });
    expect(await ask(socket, "market:leave", { marketId: market.id })).toEqual({ ok: true, data: null });
    refuse = "address";
    expect(await ask(socket, "market:leave", { marketId: market.id })).toMatchObject({
      ok: false,
      error: { code: "RATE_LIMITED" },
    });
    expect(await inRoom(h, rooms.market(market.id))).toBe(0);
  });
});

describe("market (server/sockets/market.ts)", () => {
  it("joins a published market's room with its openness at the injected clock, and refuses an unknown one", async () => {
    const { market, product } = await createChatScene(T0);
    let now = T0;
    const h = await harness((context) => {
      registerMarketHandlers(context, { now: () => now });
      registerStockHandlers(context);
    });
    const socket = await h.as(null);
    expect(ok(await ask(socket, "market:join", { marketId: market.id }))).toMatchObject({
      marketId: market.id,
      open: true,
    });
    expect(await inRoom(h, rooms.market(market.id))).toBe(1);
    now = new Date(T0.getTime() + 2 * 3600_000); // the session ended an hour ago
    expect(ok(await ask(await h.as(null), "market:join", { marketId: market.id }))).toMatchObject({ open: false });

    expect(await ask(socket, "market:join", { marketId: "nope" })).toMatchObject({
      ok: false,
      error: { code: "NOT_FOUND" },
    });
    const stock = ok(await ask<{ products: StockLevel[] }>(socket, "stock:get", { marketId: market.id }));
    expect(stock.products.map((p) => p.productId)).toContain(product.id);
  });
});

describe("merchant (server/sockets/merchant.ts)", () => {
  it("lets only the stall's owner into its orders room", async () => {
    const { stall, merchant, alice } = await createChatScene(T0);
    const h = await harness((context) => registerMerchantHandlers(context));
    expect(await ask(await h.as(null), "merchant:join", { stallId: stall.id })).toMatchObject({
      ok: false,
      error: { code: "UNAUTHENTICATED" },
    });
    expect(await ask(await h.as(alice.id), "merchant:join", { stallId: stall.id })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    expect(await inRoom(h, rooms.merchant(stall.id))).toBe(0);
    expect(await ask(await h.as(merchant.id), "merchant:join", { stallId: stall.id })).toEqual({
      ok: true,
      data: { stallId: stall.id },
    });
    expect(await inRoom(h, rooms.merchant(stall.id))).toBe(1);
  });

  it("lets the owner of a PENDING stall (and of one in an unpublished market) into its orders room, and says NOT_FOUND for no stall", async () => {
    const { stall, market, merchant, alice } = await createChatScene(T0);
    await db.stall.update({ where: { id: stall.id }, data: { status: "PENDING" } });
    await db.market.update({ where: { id: market.id }, data: { status: "DRAFT" } });
    const h = await harness((context) => registerMerchantHandlers(context));
    expect(await ask(await h.as(merchant.id), "merchant:join", { stallId: stall.id })).toEqual({
      ok: true,
      data: { stallId: stall.id },
    });
    expect(await inRoom(h, rooms.merchant(stall.id))).toBe(1);
    expect(await ask(await h.as(alice.id), "merchant:join", { stallId: stall.id })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    expect(await ask(await h.as(merchant.id), "merchant:join", { stallId: "no-such-stall" })).toMatchObject({
      ok: false,
      error: { code: "NOT_FOUND" },
    });
    expect(await inRoom(h, rooms.merchant(stall.id))).toBe(1);
  });
});

describe("moderation (server/sockets/moderation.ts)", () => {
  it("deletes for the stall's merchant and refuses a visitor with FORBIDDEN", async () => {
    const { stall, merchant, alice, bob } = await createChatScene(T0);
    const [messageId] = await seedMessages(stall.id, bob.id, 1, T0);
    const h = await harness((context) => registerModerationHandlers(context, { now: () => T0 }));
    expect(await ask(await h.as(alice.id), "chat:delete", { messageId })).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    expect((await db.chatMessage.findUniqueOrThrow({ where: { id: messageId } })).deletedAt).toBeNull();
    expect(await ask(await h.as(merchant.id), "chat:delete", { messageId })).toEqual({
      ok: true,
      data: { stallId: stall.id, messageId },
    });
    expect((await db.chatMessage.findUniqueOrThrow({ where: { id: messageId } })).deletedAt).toEqual(T0);
  });
});

describe("chat (server/sockets/chat.ts)", () => {
  /** The chat's handlers with presence on timers the test runs, and their background work. */
  async function chatHarness(now: () => Date) {
    const timers = new ManualTimers();
    const work = createBackgroundWork();
    let presence: Presence | undefined;
    const h = await harness((context, io) => {
      presence ??= createPresence(io, { timers, work });
      registerChatHandlers(context, { io, now, presence, work });
    });
    return { h, timers, work };
  }

  it("tells a room's presence once per window, when its timer fires and not before", async () => {
    const { stall, alice, bob } = await createChatScene(T0);
    const { h, timers, work } = await chatHarness(() => T0);
    const observer = await h.as(null);
    const roundTrip = () => ask(observer, "chat:history", { stallId: stall.id });
    const first = ok(await ask<StallJoined>(observer, "stall:join", { stallId: stall.id }));
    expect(first.presence).toEqual({ stallId: stall.id, visitors: 1, merchantOnline: false });
    timers.runAll(); // the observer's own join is told first
    await work.idle();
    await roundTrip();
    const heard: ChatPresence[] = listen(observer, "presence:count");

    for (const userId of [alice.id, alice.id, bob.id]) {
      ok(await ask(await h.as(userId), "stall:join", { stallId: stall.id }));
    }
    // Three joins, one count waiting; nothing told until it fires.
    expect(timers.waiting).toEqual([PRESENCE_COALESCE_MS]);
    await roundTrip();
    expect(heard).toEqual([]);

    timers.runAll();
    await work.idle();
    await roundTrip();
    // Alice's two tabs are one visitor.
    expect(heard).toEqual([{ stallId: stall.id, visitors: 3, merchantOnline: false }]);
    expect(timers.waiting).toEqual([]);
  });

  it("counts by the same rule when the other instances do not answer: this instance's sockets", async () => {
    const { stall, merchant, alice, bob } = await createChatScene(T0);
    const { h } = await chatHarness(() => T0);
    for (const userId of [alice.id, alice.id, bob.id, null, merchant.id]) {
      ok(await ask(await h.as(userId), "stall:join", { stallId: stall.id }));
    }
    const counted = ok(await ask<StallJoined>(await h.as(null), "stall:join", { stallId: stall.id }));
    // Alice's two tabs are one visitor, each anonymous socket one, the merchant none.
    expect(counted.presence).toEqual({ stallId: stall.id, visitors: 4, merchantOnline: true });

    // An instance that does not answer: every fetchSockets fails.
    const realIn = h.io.in.bind(h.io);
    h.io.in = (room) => {
      const operator = realIn(room);
      operator.fetchSockets = () => Promise.reject(new Error("timeout reached: only 0 responses received out of 1"));
      return operator;
    };
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const fallback = ok(await ask<StallJoined>(await h.as(null), "stall:join", { stallId: stall.id }));
      expect(fallback.presence).toEqual({ stallId: stall.id, visitors: 5, merchantOnline: true });
      expect(errors).toHaveBeenCalledWith(
        expect.stringContaining("counting across instances failed"),
        expect.any(Error),
      );
    } finally {
      errors.mockRestore();
      h.io.in = realIn;
    }
  });

  it("emails the offline merchant after the answer, and not while the merchant is online", async () => {
    const { stall, merchant, alice } = await createChatScene(T0);
    let now = T0;
    const { h, work } = await chatHarness(() => now);
    const a = await h.as(alice.id);
    ok(await ask<ChatMessageDto>(a, "chat:send", { stallId: stall.id, body: "Bonjour ?" }));
    await work.idle();
    expect(await db.outboxEmail.count({ where: { to: merchant.email } })).toBe(1);

    // A quarter of an hour later the merchant has a page open: the next message is not emailed.
    now = new Date(T0.getTime() + CHAT_NOTICE_INTERVAL_MS);
    await h.as(merchant.id);
    ok(await ask<ChatMessageDto>(a, "chat:send", { stallId: stall.id, body: "Toujours là ?" }));
    await work.idle();
    expect(await db.outboxEmail.count({ where: { to: merchant.email } })).toBe(1);
  });
});
