// The stall chat's whole state as the store keeps it: connection, viewer, presence, mute, typists,
// errors, around the message view (tests/unit/chat-view.test.ts covers the merging itself).
import { describe, expect, it } from "vitest";
import {
  chatRoomReducer,
  initialChatRoom,
  nextTypistExpiry,
  readMarkDue,
  type ChatRoom,
  type ChatRoomAction,
} from "~/realtime/chat-room";
import { TYPING_SHOWN_MS, type PendingMessage } from "~/realtime/chat-view";
import type { ChatAuthor, ChatMessageDto, StallJoined } from "~/realtime/events";

const marie: ChatAuthor = { id: "u-marie", name: "Marie", isMerchant: false };
const paul: ChatAuthor = { id: "u-paul", name: "Paul", isMerchant: false };
const msg = (id: number, author: ChatAuthor = marie, clientKey: string | null = null): ChatMessageDto => ({
  id,
  stallId: "s1",
  body: `message ${id}`,
  createdAt: new Date(Date.UTC(2026, 11, 5, 12, 0, id)).toISOString(),
  author,
  clientKey,
});
const me = (over: Partial<StallJoined["you"]> = {}): StallJoined["you"] => ({
  userId: "u-me",
  isMerchant: false,
  canModerate: false,
  mutedUntil: null,
  ...over,
});
const presence = { stallId: "s1", visitors: 3, merchantOnline: true };
const pending = (clientKey: string): PendingMessage => ({
  clientKey,
  body: "bonjour",
  createdAt: "2026-12-05T12:00:00.000Z",
  status: "queued",
  error: null,
});
const run = (...actions: ChatRoomAction[]): ChatRoom => actions.reduce(chatRoomReducer, initialChatRoom);
const live: ChatRoomAction[] = [
  { type: "joined", you: me(), presence },
  { type: "history", history: { messages: [msg(1)], more: false, deletedIds: [] } },
  { type: "live" },
];

describe("chatRoomReducer", () => {
  it("starts connecting, with nothing known", () => {
    expect(initialChatRoom).toMatchObject({ connection: "connecting", you: null, presence: null, error: null });
    expect(initialChatRoom.view.loaded).toBe(false);
  });

  it("the join tells who the viewer is, their mute and the presence; live clears the last error", () => {
    const room = run(
      { type: "error", message: "Le serveur ne répond pas" },
      { type: "joined", you: me({ mutedUntil: "2026-12-05T13:00:00.000Z" }), presence },
    );
    expect(room.you?.userId).toBe("u-me");
    expect(room.mutedUntil).toBe("2026-12-05T13:00:00.000Z");
    expect(room.presence).toEqual(presence);
    expect(room.error).toBe("Le serveur ne répond pas");
    const after = chatRoomReducer(room, { type: "live" });
    expect(after.connection).toBe("live");
    expect(after.error).toBeNull();
  });

  it("an older server's join (no viewer, no presence) leaves both unknown", () => {
    const room = run({ type: "joined", you: null, presence: null });
    expect(room.you).toBeNull();
    expect(room.mutedUntil).toBeNull();
    expect(room.presence).toBeNull();
  });

  it("going offline puts the messages on their way back in the queue, keeps failed ones, and forgets typists", () => {
    const room = run(
      ...live,
      { type: "typing", author: marie, now: 1_000 },
      { type: "queue", pending: pending("a-aaaaaaaa") },
      { type: "queue", pending: pending("b-bbbbbbbb") },
      { type: "sending", clientKey: "a-aaaaaaaa" },
      { type: "failed", clientKey: "b-bbbbbbbb", error: { code: "MUTED", message: "Muet" } },
      { type: "offline" },
    );
    expect(room.connection).toBe("offline");
    expect(room.typists).toEqual([]);
    expect(room.view.pending.map((p) => [p.clientKey, p.status])).toEqual([
      ["a-aaaaaaaa", "queued"],
      ["b-bbbbbbbb", "failed"],
    ]);
    expect(room.view.messages.map((m) => m.id)).toEqual([1]);
  });

  it("forgets who is online while offline (no stale 'merchant online'), and learns it again from the next join", () => {
    const joined = run(...live, { type: "presence", presence });
    expect(joined.presence).toEqual(presence);
    const offline = chatRoomReducer(joined, { type: "offline" });
    expect(offline.presence).toBeNull();
    const back = chatRoomReducer(offline, { type: "joined", you: null, presence: { ...presence, visitors: 1 } });
    expect(back.presence?.visitors).toBe(1);
  });

  it("shows others typing, never the viewer (another tab of theirs), and drops them when they fade", () => {
    const room = run(
      ...live,
      { type: "typing", author: marie, now: 1_000 },
      { type: "typing", author: { ...paul, id: "u-me" }, now: 1_500 },
      { type: "typing", author: paul, now: 2_000 },
    );
    expect(room.typists.map((t) => t.author.id)).toEqual(["u-marie", "u-paul"]);
    expect(nextTypistExpiry(room)).toBe(1_000 + TYPING_SHOWN_MS);

    const faded = chatRoomReducer(room, { type: "typistsExpired", now: 1_000 + TYPING_SHOWN_MS });
    expect(faded.typists.map((t) => t.author.id)).toEqual(["u-paul"]);
    // Nothing faded: the same state, so nobody re-renders.
    expect(chatRoomReducer(faded, { type: "typistsExpired", now: 1_000 + TYPING_SHOWN_MS })).toBe(faded);
    expect(nextTypistExpiry(chatRoomReducer(faded, { type: "typistsExpired", now: 10_000 }))).toBeNull();
  });

  it("a message ends its author's typing at once and settles the viewer's pending copy", () => {
    const room = run(
      ...live,
      { type: "typing", author: marie, now: 1_000 },
      { type: "typing", author: paul, now: 1_000 },
      { type: "queue", pending: pending("k-mine-123") },
      { type: "message", message: msg(2, marie) },
      { type: "message", message: msg(3, { id: "u-me", name: "Moi", isMerchant: false }, "k-mine-123") },
    );
    expect(room.typists.map((t) => t.author.id)).toEqual(["u-paul"]);
    expect(room.view.messages.map((m) => m.id)).toEqual([1, 2, 3]);
    expect(room.view.pending).toEqual([]);
  });

  it("presence, mute and the 'load earlier' flag follow their events; repeating one changes nothing", () => {
    const room = run(
      ...live,
      { type: "presence", presence: { stallId: "s1", visitors: 7, merchantOnline: false } },
      { type: "muted", until: "2026-12-05T14:00:00.000Z" },
      { type: "loadingOlder", loading: true },
    );
    expect(room.presence?.visitors).toBe(7);
    expect(room.mutedUntil).toBe("2026-12-05T14:00:00.000Z");
    expect(room.loadingOlder).toBe(true);
    expect(chatRoomReducer(room, { type: "muted", until: "2026-12-05T14:00:00.000Z" })).toBe(room);
    expect(chatRoomReducer(room, { type: "loadingOlder", loading: true })).toBe(room);
    expect(chatRoomReducer(room, { type: "deleted", messageId: 99 })).toBe(room);
    expect(chatRoomReducer(room, { type: "muted", until: null }).mutedUntil).toBeNull();
  });
});

describe("readMarkDue", () => {
  const merchantRoom = (...more: ChatRoomAction[]) =>
    run({ type: "joined", you: me({ isMerchant: true }), presence }, ...live.slice(1), ...more);

  it("marks the merchant's room read up to the newest message, once", () => {
    const room = merchantRoom({ type: "message", message: msg(4) });
    expect(readMarkDue(room, 0)).toBe(4);
    expect(readMarkDue(room, 4)).toBeNull();
  });

  it("never for a visitor, nor while the room is not live", () => {
    expect(readMarkDue(run(...live), 0)).toBeNull();
    expect(readMarkDue(chatRoomReducer(merchantRoom(), { type: "offline" }), 0)).toBeNull();
  });

  it("back live, a send that got no answer goes again by itself; a refusal waits for 'try again'", () => {
    const room = run(
      ...live,
      { type: "queue", pending: pending("lost-answer") },
      { type: "queue", pending: pending("refused-one") },
      { type: "failed", clientKey: "lost-answer", error: { code: "SERVER_ERROR", message: "Pas de réponse" } },
      { type: "failed", clientKey: "refused-one", error: { code: "RATE_LIMITED", message: "Doucement" } },
      { type: "offline" },
      { type: "live" },
    );
    expect(room.view.pending.map((p) => [p.clientKey, p.status])).toEqual([
      ["lost-answer", "queued"],
      ["refused-one", "failed"],
    ]);
  });
});
