// A merchant and three visitors replying fast in one stall's chat while their connections drop
// and come back, each through the browser's own chat store (app/realtime/stall-chat-store.ts) on
// a real socket.io-client socket against the real server: dropped by the client's transport
// (Socket.IO recovers the session) and by the server (not recovered: the store catches up).
// Whatever happens, a message the store took from the text box is stored exactly once or shown
// as failed with "try again", and every list ends equal to the database, in order.
import { randomUUID } from "node:crypto";
import { io as connect } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import type { ChatRoom } from "~/realtime/chat-room";
import { rooms } from "~/realtime/events";
import { createStallChatStore, type StallChatStore } from "~/realtime/stall-chat-store";
import { db } from "~/utils/db.server";
import { createChatScene } from "../fixtures/chat";
import { createUser } from "../fixtures/factories";
import { clientFor, startTestServer, TestClock, type TestServer, type TestSocket } from "../setup/server";
import { eventually } from "../setup/wait";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const T0 = new Date("2026-12-05T10:00:00Z");
/** Per person: under the chat's limit of 5 per 10 s, so every refusal here is the network's doing. */
const MESSAGES_EACH = 4;

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A browser's socket: reconnects by itself, quickly, and after a server's close too (as getSocket does). */
async function browserSocket(server: TestServer, userId: string): Promise<TestSocket> {
  const client = await clientFor(server, userId);
  const socket: TestSocket = connect(server.url, {
    transports: ["websocket"],
    forceNew: true,
    reconnectionDelay: 5,
    reconnectionDelayMax: 20,
    randomizationFactor: 0,
    extraHeaders: { Cookie: client.cookieHeader() },
  });
  socket.on("disconnect", (reason) => {
    if (reason === "io server disconnect") socket.connect();
  });
  cleanups.push(() => socket.disconnect());
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}

type Person = { name: string; userId: string; socket: TestSocket; store: StallChatStore; sent: string[] };

const room = (p: Person): ChatRoom => p.store.getSnapshot();
/** What each store shows, for a failure's message. */
const describeRooms = (people: Person[]) =>
  people
    .map(
      (p) =>
        `${p.name}: ${room(p).connection}${room(p).error ? ` (${room(p).error})` : ""}, connected=${p.socket.connected}, ` +
        `${room(p).view.messages.length} shown, pending ${JSON.stringify(room(p).view.pending.map((m) => [m.body, m.status, m.error?.code]))}`,
    )
    .join("\n");

/** Waits for `probe`, or fails saying what each store shows. */
async function until(people: Person[], probe: () => boolean, ms: number) {
  await eventually(probe, ms).catch(() => {
    throw new Error(`still waiting:\n${describeRooms(people)}`);
  });
}

/** Lets sockets and the server move on: a turn of the event loop, no time waited. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

async function scenario(server: TestServer, round: number) {
  const { stall, merchant, alice, bob } = await createChatScene(T0);
  const carol = await createUser({ name: "Carol Dupont" });
  const people: Person[] = [];
  for (const [name, user] of [
    ["Merchant", merchant],
    ["Alice", alice],
    ["Bob", bob],
    ["Carol", carol],
  ] as const) {
    const socket = await browserSocket(server, user.id);
    const store = createStallChatStore({ stallId: stall.id, socket: () => socket, pendingStorage: null });
    store.setViewer({ userId: user.id, timeoutMessage: "Pas de réponse" });
    cleanups.push(store.connect());
    people.push({ name, userId: user.id, socket, store, sent: [] });
  }
  await until(people, () => people.every((p) => room(p).connection === "live"), 10_000);

  // Everyone writes at once, several times, while connections are cut: the client's transport
  // (recovered), or the server's close of a person's sockets (a new session: caught up).
  for (let i = 1; i <= MESSAGES_EACH; i++) {
    for (const [index, person] of people.entries()) {
      const body = `${person.name} ${round}.${i}`;
      person.store.actions.send(body);
      person.sent.push(body);
      // A transport still opening is not cut: the Manager would wait for its 20 s timeout.
      if ((i + index) % 3 === 0 && person.socket.connected) person.socket.io.engine.close();
      if ((i + index) % 4 === 1)
        server.io.in(rooms.user(people[(index + 1) % people.length]!.userId)).disconnectSockets();
      await turn();
    }
  }

  // Quiet again: each text box's message is stored, or shown as failed (never silently gone).
  await until(
    people,
    () =>
      people.every((p) => room(p).connection === "live" && room(p).view.pending.every((m) => m.status === "failed")),
    15_000,
  );
  const stored = await db.chatMessage.findMany({ where: { stallId: stall.id }, select: { body: true } });
  const storedBodies = new Set(stored.map((m) => m.body));
  for (const person of people) {
    const failed = new Set(room(person).view.pending.map((m) => m.body));
    for (const body of person.sent) expect(storedBodies.has(body) || failed.has(body), body).toBe(true);
  }

  // "Try again" on what failed: it ends stored too.
  for (const person of people)
    for (const failed of room(person).view.pending) person.store.actions.retry(failed.clientKey);
  await until(people, () => people.every((p) => room(p).view.pending.length === 0), 15_000);

  // Each message once, every one of them, and every list the database's, in id order.
  const rows = await db.chatMessage.findMany({
    where: { stallId: stall.id },
    orderBy: { id: "asc" },
    select: { id: true, body: true },
  });
  expect(rows.map((r) => r.body).sort()).toEqual(people.flatMap((p) => p.sent).sort());
  await eventually(
    () =>
      people.every(
        (p) =>
          room(p)
            .view.messages.map((m) => m.id)
            .join() === rows.map((r) => r.id).join(),
      ),
    5_000,
  ).catch(() => undefined);
  for (const person of people) {
    expect(
      room(person).view.messages.map((m) => [m.id, m.body]),
      person.name,
    ).toEqual(rows.map((r) => [r.id, r.body]));
  }
}

describe.each([
  { setup: "one instance", redis: false },
  { setup: "one instance with Redis (recovery through the stream)", redis: true },
])("replying fast on a flaky network, $setup", ({ redis }) => {
  it("stores every message once, shows what failed, and ends with every list equal to the database", async () => {
    const server = await startTestServer({
      clock: new TestClock(T0),
      ...(redis ? { redisUrl: REDIS_URL, redisKey: `chalet-test-${randomUUID()}` } : {}),
    });
    cleanups.push(() => server.close());
    for (let round = 1; round <= 3; round++) await scenario(server, round);
  }, 60_000);
});
