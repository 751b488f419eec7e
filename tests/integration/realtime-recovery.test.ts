// A browser whose instance dies reconnects to another one (the load balancer sends it there) and
// gets back its rooms and the events it missed meanwhile: connection state recovery, through the
// Redis Streams adapter (the pub/sub adapter keeps neither the session nor the events). Two
// instances in this process over a real Redis, like multi-instance.test.ts: TEST_REDIS_URL, or
// 127.0.0.1:6379.
//
// The client is the real socket.io-client. Its Manager connects to `socket.io.uri`; pointing that
// at instance B and calling connect() again is what a browser behind a balancer does when its
// instance is gone (same page, same socket object, next server): the client itself sends its
// private session id and the offset of the last event it received (handshake `auth.pid` and
// `auth.offset`), nothing is copied by the test.
import { randomUUID } from "node:crypto";
import { io as connect } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { rooms, type ChatMessageDto, type StallJoined } from "~/realtime/events";
import { endAllUserSessions } from "~/models/login-session.server";
import { ask, createChatScene, listen, ok, until } from "../fixtures/chat";
import { clientFor, startTestServer, TestClock, type TestServer, type TestSocket } from "../setup/server";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const T0 = new Date("2026-12-05T10:00:00Z");

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function instance(clock: TestClock, redisKey: string, holder: string) {
  const server = await startTestServer({ clock, redisUrl: REDIS_URL, redisKey, scheduler: { holder } });
  cleanups.push(() => server.close());
  return Object.assign(server, {
    /**
     * Every browser's connection to this instance cut at once, as when its process dies. (Not
     * close(): the instances of this test process share one database client, which close() ends.)
     */
    kill: () => server.io.engine.close(),
  });
}

/** A socket that does not reconnect by itself: the test says when, and to which instance. */
async function browserSocket(server: TestServer, userId: string | null): Promise<TestSocket> {
  const client = await clientFor(server, userId);
  const socket: TestSocket = connect(server.url, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    extraHeaders: { Cookie: client.cookieHeader() },
  });
  cleanups.push(() => socket.disconnect());
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  return socket;
}

/** Connects the same client socket again, through the instance at `url`. */
async function reconnectTo(socket: TestSocket, url: string) {
  // The Manager's target (private in the typings): where its next transport connects.
  (socket.io as unknown as { uri: string }).uri = url;
  const connected = new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  socket.connect();
  await connected;
}

describe("a browser whose instance dies", () => {
  it("reconnects to another instance with its rooms and the chat messages it missed", async () => {
    const clock = new TestClock(T0);
    const redisKey = `chalet-test-${randomUUID()}`;
    const a = await instance(clock, redisKey, "a");
    const b = await instance(clock, redisKey, "b");
    const { stall, alice, bob } = await createChatScene(T0);

    const aliceSocket = await browserSocket(a, alice.id);
    ok(await ask<StallJoined>(aliceSocket, "stall:join", { stallId: stall.id }));
    const bobOnB = await browserSocket(b, bob.id);
    ok(await ask<StallJoined>(bobOnB, "stall:join", { stallId: stall.id }));
    const heard = listen(aliceSocket, "chat:message");

    // One message while connected: the client now holds the offset of what it last received.
    ok(await ask<ChatMessageDto>(bobOnB, "chat:send", { stallId: stall.id, body: "Avant" }));
    await until(heard, 1);
    expect(heard.map((m) => m.body)).toEqual(["Avant"]);

    // A dies; Alice's page is offline while Bob writes twice through B.
    const idBefore = aliceSocket.id;
    const lost = new Promise<string>((resolve) => aliceSocket.once("disconnect", resolve));
    a.kill();
    expect(await lost).toBe("transport close");
    ok(await ask<ChatMessageDto>(bobOnB, "chat:send", { stallId: stall.id, body: "Pendant 1" }));
    ok(await ask<ChatMessageDto>(bobOnB, "chat:send", { stallId: stall.id, body: "Pendant 2" }));

    // The balancer sends her to B: same socket id, back in the stall's room, the two messages replayed.
    await reconnectTo(aliceSocket, b.url);
    expect(aliceSocket.recovered).toBe(true);
    expect(aliceSocket.id).toBe(idBefore);
    await until(heard, 3);
    expect(heard.map((m) => m.body)).toEqual(["Avant", "Pendant 1", "Pendant 2"]);
    const inRoom = await b.io.in(rooms.stall(stall.id)).fetchSockets();
    expect(inRoom.map((s) => s.id).sort()).toEqual([aliceSocket.id, bobOnB.id].sort());

    // And live again without joining anew: the next message arrives once.
    ok(await ask<ChatMessageDto>(bobOnB, "chat:send", { stallId: stall.id, body: "Après" }));
    await until(heard, 4);
    expect(heard.map((m) => m.body)).toEqual(["Avant", "Pendant 1", "Pendant 2", "Après"]);
  });

  it("gets back no private room of a log-in ended while it was away, nor what was sent there", async () => {
    const clock = new TestClock(T0);
    const redisKey = `chalet-test-${randomUUID()}`;
    const a = await instance(clock, redisKey, "a");
    const b = await instance(clock, redisKey, "b");
    const { stall, merchant, bob } = await createChatScene(T0);

    // The merchant's page on A: their user's room, their log-in's, their orders' room, the chat.
    const merchantSocket = await browserSocket(a, merchant.id);
    ok(await ask(merchantSocket, "merchant:join", { stallId: stall.id }));
    ok(await ask<StallJoined>(merchantSocket, "stall:join", { stallId: stall.id }));
    const chat = listen(merchantSocket, "chat:message");
    const bobOnB = await browserSocket(b, bob.id);
    ok(await ask<ChatMessageDto>(bobOnB, "chat:send", { stallId: stall.id, body: "Avant" }));
    await until(chat, 1);

    const lost = new Promise<string>((resolve) => merchantSocket.once("disconnect", resolve));
    a.kill();
    await lost;
    // Logged out everywhere while the page was offline, then private news for the merchant.
    await endAllUserSessions(merchant.id);
    const secret = listen(merchantSocket, "chat:read");
    const orders = listen(merchantSocket, "order:updated");
    const emit = (room: string, event: string) =>
      (b.io as unknown as { to(room: string): { emit(event: string, payload: unknown): void } })
        .to(room)
        .emit(event, { stallId: stall.id });
    emit(rooms.user(merchant.id), "chat:read");
    emit(rooms.merchant(stall.id), "order:updated");
    ok(await ask<ChatMessageDto>(bobOnB, "chat:send", { stallId: stall.id, body: "Pendant" }));

    await reconnectTo(merchantSocket, b.url);
    // Recovered: the public room and its message, not the private ones.
    expect(merchantSocket.recovered).toBe(true);
    await until(chat, 2);
    expect(chat.map((m) => m.body)).toEqual(["Avant", "Pendant"]);
    const [mine] = await b.io.in(merchantSocket.id!).fetchSockets();
    expect([...mine!.rooms].sort()).toEqual([merchantSocket.id, rooms.stall(stall.id)].sort());
    expect(mine!.data.user).toBeNull();
    // What was sent to the private rooms before the reconnection would have come before the chat.
    expect(secret).toEqual([]);
    expect(orders).toEqual([]);
  });
});
