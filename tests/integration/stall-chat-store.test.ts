// The browser's stall chat store (app/realtime/stall-chat-store.ts) driven from Node against the
// chat's real socket handlers, on timers the test runs: a typist fades when the store's timer
// fires, with no waiting for it.
import { afterEach, describe, expect, it } from "vitest";
import { TYPING_SHOWN_MS } from "~/realtime/chat-view";
import { createStallChatStore } from "~/realtime/stall-chat-store";
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
});
