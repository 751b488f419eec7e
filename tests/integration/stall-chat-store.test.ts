// The browser's stall chat store (app/realtime/stall-chat-store.ts) driven from Node against the
// chat's real socket handlers, on timers the test runs: a typist fades when the store's timer
// fires, with no waiting for it.
import { afterEach, describe, expect, it } from "vitest";
import { TYPING_SHOWN_MS, type PendingMessage } from "~/realtime/chat-view";
import type { ChatMessageDto } from "~/realtime/events";
import { createStallChatStore, type PendingStorage } from "~/realtime/stall-chat-store";
import { db } from "~/utils/db.server";
import { createBackgroundWork } from "../../server/sockets/background-work";
import { registerChatHandlers } from "../../server/sockets/chat";
import { createPresence, type Presence } from "../../server/sockets/presence";
import { ask, createChatScene, ok } from "../fixtures/chat";
import { ManualTimers } from "../setup/manual-timers";
import { startSocketHarness, type SocketHarness } from "../setup/socket-harness";
import { eventually } from "../setup/wait";

const T0 = new Date("2026-12-05T10:00:00Z");
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function chatServer(): Promise<SocketHarness> {
  const work = createBackgroundWork();
  let presence: Presence | undefined;
  const h = await startSocketHarness((context, io) => {
    presence ??= createPresence(io, { timers: new ManualTimers(), work });
    registerChatHandlers(context, { io, now: () => T0, presence, work });
  });
  cleanups.push(() => h.close());
  return h;
}

describe("the stall chat store", () => {
  it("shows who types until the store's timer fires past their signal, then forgets them", async () => {
    const { stall, alice, bob } = await createChatScene(T0);
    const h = await chatServer();
    let clock = T0.getTime();
    const timers = new ManualTimers();
    const aliceSocket = await h.as(alice.id);
    const store = createStallChatStore({ stallId: stall.id, socket: () => aliceSocket, now: () => clock, timers });
    store.setViewer({ userId: alice.id, timeoutMessage: "hors ligne" });
    cleanups.push(store.connect());
    await eventually(() => store.getSnapshot().connection === "live");

    const bobSocket = await h.as(bob.id);
    ok(await ask(bobSocket, "stall:join", { stallId: stall.id }));
    ok(await ask(bobSocket, "chat:typing", { stallId: stall.id }));
    await eventually(() => store.getSnapshot().typists.length > 0);
    expect(store.getSnapshot().typists.map((t) => t.author.name)).toEqual(["Bob"]);
    expect(timers.waiting).toEqual([TYPING_SHOWN_MS]);

    // A timer firing early (the clock not there yet) keeps Bob and waits for the rest.
    clock += TYPING_SHOWN_MS - 1_000;
    timers.runAll();
    expect(store.getSnapshot().typists.map((t) => t.author.name)).toEqual(["Bob"]);
    expect(timers.waiting).toEqual([1_000]);

    clock += 1_000;
    timers.runAll();
    expect(store.getSnapshot().typists).toEqual([]);
    expect(timers.waiting).toEqual([]);
  });

  it("keeps a message the text box gave up until it is stored: a reload sends it again with its key, stored once", async () => {
    const { stall, alice, bob } = await createChatScene(T0);
    const h = await chatServer();
    const saved = new Map<string, PendingMessage[]>();
    const storage: PendingStorage = {
      load: (userId) => saved.get(userId) ?? [],
      save: (userId, pending) => void saved.set(userId, pending),
    };
    const page = async (userId: string) => {
      const socket = await h.as(userId);
      const store = createStallChatStore({ stallId: stall.id, socket: () => socket, pendingStorage: storage });
      store.setViewer({ userId, timeoutMessage: "hors ligne" });
      const leave = store.connect();
      cleanups.push(leave);
      await eventually(() => store.getSnapshot().connection === "live");
      return { socket, store, leave };
    };

    // Alice's first page goes offline; she writes anyway: the message waits, kept in the tab.
    const first = await page(alice.id);
    first.socket.disconnect();
    await eventually(() => first.store.getSnapshot().connection === "offline");
    first.store.actions.send("Vous ouvrez à quelle heure ?");
    const waiting = saved.get(alice.id) ?? [];
    expect(waiting.map((p) => [p.body, p.status])).toEqual([["Vous ouvrez à quelle heure ?", "queued"]]);
    // An earlier one whose answer was lost: stored, but the page never heard it.
    const lostAnswer: PendingMessage = {
      clientKey: "lost-answer-1",
      body: "Bonjour !",
      createdAt: T0.toISOString(),
      status: "sending",
      error: null,
    };
    ok(
      await ask<ChatMessageDto>(await h.as(alice.id), "chat:send", {
        stallId: stall.id,
        body: "Bonjour !",
        clientKey: "lost-answer-1",
      }),
    );
    saved.set(alice.id, [lostAnswer, ...waiting]);
    first.leave(); // the page is reloaded

    // Bob in the same tab later would not send Alice's messages.
    const bobPage = await page(bob.id);
    expect(bobPage.store.getSnapshot().view.pending).toEqual([]);

    // The next page of Alice's sends them, in order, with their keys: each stored once.
    const second = await page(alice.id);
    await eventually(() => second.store.getSnapshot().view.pending.length === 0);
    const rows = await db.chatMessage.findMany({ where: { stallId: stall.id }, orderBy: { id: "asc" } });
    expect(rows.map((r) => r.body)).toEqual(["Bonjour !", "Vous ouvrez à quelle heure ?"]);
    expect(second.store.getSnapshot().view.messages.map((m) => m.body)).toEqual([
      "Bonjour !",
      "Vous ouvrez à quelle heure ?",
    ]);
    expect(saved.get(alice.id)).toEqual([]);
  });

  it("waits for a socket that loads late: left before it arrives, it joins nothing and leaves no listener", async () => {
    const { stall, alice } = await createChatScene(T0);
    const h = await chatServer();
    const socket = await h.as(alice.id);
    const sent: string[] = [];
    socket.onAnyOutgoing((event: string) => sent.push(event));
    const listening = () => socket.listeners("chat:message").length + socket.listeners("connect").length;
    const before = listening();
    // The tab's socket arrives with its module, after hydration (socket.client.ts): here, when the test says.
    const late = () => {
      let arrive!: () => void;
      const ready = new Promise<typeof socket>((resolve) => (arrive = () => resolve(socket)));
      return { ready, arrive };
    };

    const gone = late();
    const unmounted = createStallChatStore({ stallId: stall.id, socket: () => gone.ready, pendingStorage: null });
    unmounted.setViewer({ userId: alice.id, timeoutMessage: "hors ligne" });
    const leave = unmounted.connect();
    leave();
    gone.arrive();
    await gone.ready;
    await Promise.resolve();
    expect(listening()).toBe(before);
    expect(unmounted.getSnapshot().connection).toBe("connecting");

    const staying = late();
    const store = createStallChatStore({ stallId: stall.id, socket: () => staying.ready, pendingStorage: null });
    store.setViewer({ userId: alice.id, timeoutMessage: "hors ligne" });
    cleanups.push(store.connect());
    staying.arrive();
    await eventually(() => store.getSnapshot().connection === "live");
    // Only the store that stayed joined the room.
    expect(sent.filter((event) => event === "stall:join")).toEqual(["stall:join"]);
    expect(listening()).toBeGreaterThan(before);
  });
});
