// A visitor's socket across a server restart: while it was away another server took messages
// and deletions on the same database; once back it asks for what it missed (chat:history with
// `after` and `from`) and gets exactly that, in order, with no duplicates.
import { io as connect } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { CHAT_CATCH_UP_LIMIT, type ChatHistory, type ChatMessageDto } from "~/realtime/events";
import { createServer, type ChaletServer } from "../../server/index";
import { ask, createChatScene, listen, ok, seedMessages, until } from "../fixtures/chat";
import { clientFor, connectSocket, TestClock, type TestSocket } from "../setup/server";

const T0 = new Date("2026-12-05T10:00:00Z");

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function serve(clock: TestClock, port = 0): Promise<ChaletServer> {
  const server = await createServer({
    port,
    host: "127.0.0.1",
    now: clock.now,
    logRequests: false,
    redisUrl: null,
    scheduler: { auto: false },
  });
  cleanups.push(() => server.close()); // close() is idempotent
  return server;
}

/** A browser-like socket: reconnects by itself, quickly. */
async function reconnectingSocket(server: ChaletServer, userId: string) {
  const client = await clientFor(server, userId);
  const socket: TestSocket = connect(server.url, {
    transports: ["websocket"],
    forceNew: true,
    reconnectionDelay: 20,
    reconnectionDelayMax: 100,
    randomizationFactor: 0,
    extraHeaders: { Cookie: client.cookieHeader() },
  });
  cleanups.push(() => socket.disconnect());
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}

describe("catching up after a restart", () => {
  it("gets exactly the messages written meanwhile through another server, in order, and the deletions", async () => {
    const clock = new TestClock(T0);
    const { stall, merchant, alice, bob } = await createChatScene(T0);
    const first = await serve(clock);
    const port = Number(new URL(first.url).port);

    const socket = await reconnectingSocket(first, alice.id);
    ok(await ask(socket, "stall:join", { stallId: stall.id }));
    const live = listen(socket, "chat:message");
    const before = [];
    for (const body of ["Bonjour", "Du miel ?", "Merci"]) {
      before.push(ok(await ask<ChatMessageDto>(socket, "chat:send", { stallId: stall.id, body })));
    }
    await until(live, 3);
    const shown = [...live];
    const lost = new Promise((resolve) => socket.once("disconnect", resolve));
    await first.close();
    await lost;

    // Meanwhile, on another server with the same database: Bob writes, the merchant deletes one
    // message Alice has on screen and one she has not seen.
    const other = await serve(clock);
    const b = await connectSocket(other, await clientFor(other, bob.id));
    const m = await connectSocket(other, await clientFor(other, merchant.id));
    cleanups.push(
      () => b.disconnect(),
      () => m.disconnect(),
    );
    const missed = [];
    for (let i = 1; i <= 5; i++) {
      missed.push(ok(await ask<ChatMessageDto>(b, "chat:send", { stallId: stall.id, body: `Pendant ${i}` })));
    }
    ok(await ask(m, "chat:delete", { messageId: before[1]!.id }));
    ok(await ask(m, "chat:delete", { messageId: missed[2]!.id }));
    b.disconnect();
    m.disconnect();
    await other.close();

    // The first address serves again; the socket comes back by itself.
    await serve(clock, port);
    await new Promise<void>((resolve) => (socket.connected ? resolve() : socket.once("connect", () => resolve())));
    ok(await ask(socket, "stall:join", { stallId: stall.id }));
    const lastSeen = shown.at(-1)!.id;
    const catchUp = ok(
      await ask<ChatHistory>(socket, "chat:history", { stallId: stall.id, after: lastSeen, from: shown[0]!.id }),
    );
    expect(catchUp.messages.map((msg) => msg.body)).toEqual(["Pendant 1", "Pendant 2", "Pendant 4", "Pendant 5"]);
    expect(catchUp.messages.map((msg) => msg.id)).toEqual([missed[0]!.id, missed[1]!.id, missed[3]!.id, missed[4]!.id]);
    expect(catchUp.more).toBe(false);
    expect(catchUp.deletedIds).toEqual([before[1]!.id]);
    // Nothing shown before comes again.
    const shownIds = new Set(shown.map((msg) => msg.id));
    expect(catchUp.messages.filter((msg) => shownIds.has(msg.id))).toEqual([]);

    // And it hears new messages live again.
    const again = listen(socket, "chat:message");
    ok(await ask(socket, "chat:send", { stallId: stall.id, body: "Me revoilà" }));
    expect((await until(again, 1)).map((msg) => msg.body)).toEqual(["Me revoilà"]);
  });

  it(`answers at most ${CHAT_CATCH_UP_LIMIT} at a time with more=true, then the rest`, async () => {
    const clock = new TestClock(T0);
    const { stall, alice, bob } = await createChatScene(T0);
    const server = await serve(clock);
    const [seen] = await seedMessages(stall.id, alice.id, 1, T0, "Vu");
    const ids = await seedMessages(stall.id, bob.id, CHAT_CATCH_UP_LIMIT + 30, T0, "Manqué");
    const socket = await reconnectingSocket(server, alice.id);

    const page1 = ok(await ask<ChatHistory>(socket, "chat:history", { stallId: stall.id, after: seen }));
    expect(page1.messages.map((msg) => msg.id)).toEqual(ids.slice(0, CHAT_CATCH_UP_LIMIT));
    expect(page1.more).toBe(true);
    const page2 = ok(
      await ask<ChatHistory>(socket, "chat:history", { stallId: stall.id, after: page1.messages.at(-1)!.id }),
    );
    expect(page2.messages.map((msg) => msg.id)).toEqual(ids.slice(CHAT_CATCH_UP_LIMIT));
    expect(page2.more).toBe(false);
  });
});
