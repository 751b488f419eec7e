// The stall chat's screen state: merging history, live messages and this tab's own sends.
import { describe, expect, it } from "vitest";
import {
  activeTypists,
  catchUpQuery,
  chatReducer,
  emptyChatView,
  mergeMessages,
  newClientKey,
  noteTyping,
  sanitizeClientKey,
  stopTyping,
  type ChatAction,
  type ChatView,
  type PendingMessage,
} from "~/realtime/chat-view";
import { schemas } from "~/realtime/event-schemas.server";
import type { ChatHistory, ChatMessageDto } from "~/realtime/events";

const msg = (id: number, over: Partial<ChatMessageDto> = {}): ChatMessageDto => ({
  id,
  stallId: "s1",
  body: `message ${id}`,
  createdAt: new Date(Date.UTC(2026, 11, 5, 12, 0, id)).toISOString(),
  author: { id: "u1", name: "Marie", isMerchant: false },
  clientKey: null,
  ...over,
});
const history = (messages: ChatMessageDto[], more = false, deletedIds: number[] = []): ChatHistory => ({
  messages,
  more,
  deletedIds,
});
const pending = (clientKey: string, over: Partial<PendingMessage> = {}): PendingMessage => ({
  clientKey,
  body: "bonjour",
  createdAt: "2026-12-05T12:00:00.000Z",
  status: "queued",
  error: null,
  ...over,
});
const run = (...actions: ChatAction[]): ChatView => actions.reduce(chatReducer, emptyChatView);
const ids = (view: ChatView) => view.messages.map((m) => m.id);

describe("mergeMessages", () => {
  it("keeps each id once, ordered by id, whatever the order they came in", () => {
    expect(mergeMessages([msg(3), msg(5)], [msg(4), msg(3), msg(1)]).map((m) => m.id)).toEqual([1, 3, 4, 5]);
  });
});

describe("chatReducer", () => {
  it("shows the first history page and whether there is older", () => {
    const view = run({ type: "history", history: history([msg(2), msg(3)], true) });
    expect(ids(view)).toEqual([2, 3]);
    expect(view.hasOlder).toBe(true);
    expect(view.loaded).toBe(true);
  });

  it("puts 'load earlier' before, without duplicating the overlap", () => {
    const view = run(
      { type: "history", history: history([msg(5), msg(6)], true) },
      { type: "older", history: history([msg(3), msg(4), msg(5)], false) },
    );
    expect(ids(view)).toEqual([3, 4, 5, 6]);
    expect(view.hasOlder).toBe(false);
  });

  it("a live message already in the history (joined, then asked history) is shown once", () => {
    const view = run(
      { type: "message", message: msg(7) },
      { type: "history", history: history([msg(6), msg(7)]) },
      { type: "message", message: msg(7) },
    );
    expect(ids(view)).toEqual([6, 7]);
  });

  it("the sender's own message replaces its pending copy, whether the ack or the broadcast comes first", () => {
    const mine = msg(8, { clientKey: "key-12345678" });
    for (const order of [
      ["ack", "broadcast"],
      ["broadcast", "ack"],
    ]) {
      const view = run(
        { type: "history", history: history([msg(7)]) },
        { type: "queue", pending: pending("key-12345678") },
        { type: "sending", clientKey: "key-12345678" },
        ...order.map((): ChatAction => ({ type: "message", message: mine })),
      );
      expect(ids(view)).toEqual([7, 8]);
      expect(view.pending).toEqual([]);
    }
  });

  it("keeps other pending messages in the order typed, with their status", () => {
    const view = run(
      { type: "queue", pending: pending("a-aaaaaaaa") },
      { type: "queue", pending: pending("b-bbbbbbbb") },
      { type: "queue", pending: pending("a-aaaaaaaa") },
      { type: "sending", clientKey: "a-aaaaaaaa" },
      { type: "failed", clientKey: "b-bbbbbbbb", error: { code: "RATE_LIMITED", message: "Doucement" } },
    );
    expect(view.pending.map((p) => [p.clientKey, p.status, p.error?.code ?? null])).toEqual([
      ["a-aaaaaaaa", "sending", null],
      ["b-bbbbbbbb", "failed", "RATE_LIMITED"],
    ]);
    const after = chatReducer(chatReducer(view, { type: "requeue", clientKey: "b-bbbbbbbb" }), {
      type: "discard",
      clientKey: "a-aaaaaaaa",
    });
    expect(after.pending.map((p) => [p.clientKey, p.status, p.error])).toEqual([["b-bbbbbbbb", "queued", null]]);
  });

  it("removes a deleted message, and ignores the deletion of one not shown", () => {
    const view = run({ type: "history", history: history([msg(1), msg(2)]) }, { type: "deleted", messageId: 1 });
    expect(ids(view)).toEqual([2]);
    expect(chatReducer(view, { type: "deleted", messageId: 99 })).toBe(view);
  });

  it("catching up adds what came while offline and removes what was deleted meanwhile", () => {
    const before = run({ type: "history", history: history([msg(1), msg(2), msg(3)], true) });
    expect(catchUpQuery(before)).toEqual({ after: 3, from: 1 });
    const view = chatReducer(before, { type: "catchUp", history: history([msg(4), msg(5)], true, [2]) });
    expect(ids(view)).toEqual([1, 3, 4, 5]);
    // The next question starts after what this answer brought.
    expect(catchUpQuery(view)).toEqual({ after: 5, from: 1 });
    // What is older than the first shown is still there to load.
    expect(view.hasOlder).toBe(true);
  });

  it("catches up after the newest message a history answer vouched for, not the newest shown", () => {
    // 4 is on its way (its broadcast behind Redis, or its insert committed after 5's) when 5, or
    // this tab's own acknowledgement, arrives: then the connection drops.
    const before = run(
      { type: "history", history: history([msg(1), msg(2), msg(3)]) },
      { type: "message", message: msg(5) },
    );
    expect(before.syncedId).toBe(3);
    // After 3, so 4 comes; deletions checked up to 5, the newest shown.
    expect(catchUpQuery(before)).toEqual({ after: 3, from: 1, to: 5 });
    const view = chatReducer(before, { type: "catchUp", history: history([msg(4), msg(5)]) });
    expect(ids(view)).toEqual([1, 2, 3, 4, 5]);
    expect(catchUpQuery(view)).toEqual({ after: 5, from: 1 });
  });

  it("a live message shown, then deleted while offline, goes with the catch-up's deletedIds", () => {
    const before = run(
      { type: "history", history: history([msg(1)]) },
      { type: "message", message: msg(2) },
      { type: "message", message: msg(3) },
    );
    const view = chatReducer(before, { type: "catchUp", history: history([msg(3)], false, [2]) });
    expect(ids(view)).toEqual([1, 3]);
  });

  it("a message heard live between the join and the first page stays when the page comes without it", () => {
    // The page was read just before 8 was committed; 8's broadcast arrived before the page.
    const view = run({ type: "message", message: msg(8) }, { type: "history", history: history([msg(6), msg(7)]) });
    expect(ids(view)).toEqual([6, 7, 8]);
    expect(view.syncedId).toBe(7);
  });

  it("an empty room's first page vouches for everything so far: the catch-up asks from the start", () => {
    const view = run({ type: "history", history: history([]) });
    expect(catchUpQuery(view)).toEqual({ after: 0 });
    // Live messages never move the mark; "load earlier" neither.
    const later = run(
      { type: "history", history: history([]) },
      { type: "message", message: msg(9) },
      { type: "older", history: history([]) },
    );
    expect(catchUpQuery(later)).toEqual({ after: 0, from: 9, to: 9 });
  });

  it("a message sent just before the drop, stored but unacknowledged, comes back in the catch-up", () => {
    const view = run(
      { type: "history", history: history([msg(1)]) },
      { type: "queue", pending: pending("lost-ack-1") },
      { type: "requeue", clientKey: "lost-ack-1" },
      { type: "catchUp", history: history([msg(2, { clientKey: "lost-ack-1" })]) },
    );
    expect(ids(view)).toEqual([1, 2]);
    expect(view.pending).toEqual([]);
  });

  it("a room that never had its first page asks for the last page, whatever it heard live", () => {
    expect(catchUpQuery(emptyChatView)).toBeNull();
    expect(catchUpQuery(run({ type: "message", message: msg(3) }))).toBeNull();
  });
});

describe("client keys", () => {
  const accepted = (key: string) =>
    schemas["chat:send"].safeParse({ stallId: "s1", body: "x", clientKey: key }).success;

  it("a UUID is kept as it is and accepted by the server's schema", () => {
    const key = newClientKey();
    expect(accepted(key)).toBe(true);
    expect(sanitizeClientKey("123e4567-e89b-12d3-a456-426614174000")).toBe("123e4567-e89b-12d3-a456-426614174000");
  });

  it("anything else is cleaned into an accepted key", () => {
    for (const raw of ["a.b/c d+é{}", "", "short", "x".repeat(100), "<script>"]) {
      const key = sanitizeClientKey(raw);
      expect(accepted(key), raw).toBe(true);
    }
  });

  it("two keys differ", () => {
    expect(newClientKey()).not.toBe(newClientKey());
  });
});

describe("typing", () => {
  const marie = { id: "u1", name: "Marie", isMerchant: false };
  const helene = { id: "u2", name: "Hélène", isMerchant: true };

  it("shows a typist for about 4 s after their last signal, refreshed by the next one", () => {
    let typists = noteTyping([], marie, 1_000, null);
    typists = noteTyping(typists, helene, 2_000, null);
    typists = noteTyping(typists, marie, 3_000, null);
    expect(activeTypists(typists, 5_500).map((t) => t.author.name)).toEqual(["Hélène", "Marie"]);
    expect(activeTypists(typists, 6_500).map((t) => t.author.name)).toEqual(["Marie"]);
    expect(activeTypists(typists, 7_500)).toEqual([]);
  });

  it("never shows the viewer as typing, and a message ends its author's typing", () => {
    expect(noteTyping([], marie, 0, "u1")).toEqual([]);
    const typists = noteTyping(noteTyping([], marie, 0, null), helene, 0, null);
    expect(stopTyping(typists, "u1").map((t) => t.author.id)).toEqual(["u2"]);
  });
});
