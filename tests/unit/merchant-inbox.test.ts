// The merchant's inbox between two loads: what a visitor's message, the merchant's own answer, a
// read mark from another tab and a deletion do to the rows, and when only the server can tell.
import { describe, expect, it } from "vitest";
import type { ChatMessageDto } from "~/realtime/events";
import {
  eventsToReplay,
  inboxState,
  isVisitorMessage,
  reduceInbox,
  rememberEvent,
  REPLAY_MS,
  totalUnread,
  type InboxItem,
  type InboxState,
} from "~/realtime/merchant-inbox-view";

const MERCHANT = "merchant-1";

const message = (id: number, stallId: string, over: Partial<ChatMessageDto["author"]> = {}): ChatMessageDto => ({
  id,
  stallId,
  body: `message ${id}`,
  createdAt: new Date(Date.UTC(2026, 11, 5, 12, 0, id)).toISOString(),
  author: { id: "visitor-1", name: "Camille", isMerchant: false, ...over },
  clientKey: null,
});
const mine = (id: number, stallId: string) => message(id, stallId, { id: MERCHANT, name: "Honey", isMerchant: true });

const item = (stallId: string, over: Partial<InboxItem> = {}): InboxItem => ({
  stallId,
  stallName: `Stall ${stallId}`,
  stallSlug: stallId,
  marketName: "Marché de Noël",
  marketSlug: "noel",
  visible: true,
  timezone: "Europe/Paris",
  unread: 0,
  lastReadId: 0,
  last: null,
  ...over,
});

const order = (state: InboxState) => state.items.map((i) => i.stallId);
const row = (state: InboxState, stallId: string) => state.items.find((i) => i.stallId === stallId)!;

describe("the inbox's order", () => {
  it("lists the busiest rooms first: most unread, then the newest message, then empty rooms", () => {
    const state = inboxState([
      item("empty"),
      item("quiet", { last: message(5, "quiet"), lastReadId: 5 }),
      item("busy", { unread: 2, last: message(3, "busy") }),
      item("recent", { last: message(9, "recent"), lastReadId: 9 }),
    ]);
    expect(order(state)).toEqual(["busy", "recent", "quiet", "empty"]);
    expect(state.stale).toBe(false);
  });
});

describe("a message arrives", () => {
  const start = () =>
    inboxState([
      item("a", { last: message(10, "a"), lastReadId: 10 }),
      item("b", { last: message(4, "b"), lastReadId: 4 }),
    ]);

  it("from a visitor: counts one more unread, becomes the row's newest and moves the row up", () => {
    const state = reduceInbox(start(), { type: "message", message: message(11, "b"), selfId: MERCHANT });
    expect(order(state)).toEqual(["b", "a"]);
    expect(row(state, "b")).toMatchObject({ unread: 1, last: { id: 11, body: "message 11" } });
    expect(totalUnread(state.items)).toBe(1);
    const again = reduceInbox(state, { type: "message", message: message(12, "b"), selfId: MERCHANT });
    expect(row(again, "b").unread).toBe(2);
    expect(totalUnread(again.items)).toBe(2);
  });

  it("from the merchant: shown as the newest, but not counted as unread", () => {
    const state = reduceInbox(start(), { type: "message", message: mine(11, "b"), selfId: MERCHANT });
    expect(row(state, "b")).toMatchObject({ unread: 0, last: { id: 11, author: { id: MERCHANT } } });
    expect(totalUnread(state.items)).toBe(0);
    // The newest message still puts the room first among rooms without unread messages.
    expect(order(state)).toEqual(["b", "a"]);
  });

  it("from the merchant on another account flagged as the stall's merchant: not counted either", () => {
    expect(isVisitorMessage(message(1, "a", { id: "other", isMerchant: true }), MERCHANT)).toBe(false);
    expect(isVisitorMessage(message(1, "a"), MERCHANT)).toBe(true);
  });

  it("heard twice, or older than the newest shown: changes nothing", () => {
    const once = reduceInbox(start(), { type: "message", message: message(11, "b"), selfId: MERCHANT });
    expect(reduceInbox(once, { type: "message", message: message(11, "b"), selfId: MERCHANT })).toBe(once);
    expect(reduceInbox(once, { type: "message", message: message(7, "b"), selfId: MERCHANT })).toBe(once);
  });

  it("already covered by the read mark (read in another tab first): not counted", () => {
    const state = inboxState([item("a", { last: message(3, "a"), lastReadId: 12 })]);
    const next = reduceInbox(state, { type: "message", message: message(12, "a"), selfId: MERCHANT });
    expect(row(next, "a").unread).toBe(0);
  });

  it("for a room the page does not list (a stall added since): asks the server", () => {
    const state = reduceInbox(start(), { type: "message", message: message(11, "new"), selfId: MERCHANT });
    expect(state.stale).toBe(true);
    expect(state.items).toEqual(start().items);
  });

  it("into an empty room: the first message is counted", () => {
    const state = reduceInbox(inboxState([item("a")]), { type: "message", message: message(1, "a"), selfId: MERCHANT });
    expect(row(state, "a")).toMatchObject({ unread: 1, last: { id: 1 } });
  });
});

describe("another tab read a room", () => {
  const start = () => inboxState([item("a", { unread: 3, lastReadId: 2, last: message(9, "a") }), item("b")]);

  it("up to the newest message: nothing is unread there any more", () => {
    const state = reduceInbox(start(), { type: "read", stallId: "a", lastReadId: 9 });
    expect(row(state, "a")).toMatchObject({ unread: 0, lastReadId: 9 });
    expect(totalUnread(state.items)).toBe(0);
    expect(state.stale).toBe(false);
  });

  it("with the server's count: takes it", () => {
    const state = reduceInbox(start(), { type: "read", stallId: "a", lastReadId: 5, unread: 1 });
    expect(row(state, "a")).toMatchObject({ unread: 1, lastReadId: 5 });
  });

  it("part of the way without a count: asks the server how many remain", () => {
    const state = reduceInbox(start(), { type: "read", stallId: "a", lastReadId: 5 });
    expect(state.stale).toBe(true);
    expect(row(state, "a").unread).toBe(3);
  });

  it("less far than already known: changes nothing (the mark only moves forward)", () => {
    const state = start();
    expect(reduceInbox(state, { type: "read", stallId: "a", lastReadId: 1 })).toBe(state);
  });

  it("then a visitor's message before the read mark is not counted, one after it is", () => {
    const read = reduceInbox(start(), { type: "read", stallId: "a", lastReadId: 9 });
    const next = reduceInbox(read, { type: "message", message: message(10, "a"), selfId: MERCHANT });
    expect(row(next, "a").unread).toBe(1);
  });
});

describe("a message is deleted", () => {
  const start = () =>
    inboxState([
      item("a", { unread: 0, lastReadId: 9, last: message(9, "a") }),
      item("b", { unread: 2, lastReadId: 3, last: message(6, "b") }),
    ]);

  it("the newest of a room: the page reloads the rows to show the one before it", () => {
    expect(reduceInbox(start(), { type: "deleted", stallId: "a", messageId: 9 }).stale).toBe(true);
  });

  it("an unread one: the count comes again from the server", () => {
    expect(reduceInbox(start(), { type: "deleted", stallId: "b", messageId: 5 }).stale).toBe(true);
  });

  it("an old, read one: nothing the page shows changes", () => {
    const state = start();
    expect(reduceInbox(state, { type: "deleted", stallId: "a", messageId: 4 })).toBe(state);
    expect(reduceInbox(state, { type: "deleted", stallId: "b", messageId: 2 })).toBe(state);
  });
});

describe("a reload", () => {
  it("replaces the rows with the server's and clears the stale flag", () => {
    const stale = reduceInbox(inboxState([item("a")]), { type: "deleted", stallId: "zz", messageId: 1 });
    expect(stale.stale).toBe(true);
    const fresh = reduceInbox(stale, { type: "reset", items: [item("a", { unread: 4, last: message(4, "a") })] });
    expect(fresh.stale).toBe(false);
    expect(totalUnread(fresh.items)).toBe(4);
  });
});

describe("events heard while a reload runs", () => {
  const reloadReadBefore = () => [item("a", { last: message(10, "a"), lastReadId: 10 })];

  it("are applied again on top of the reloaded rows, once: a message it missed is counted, one it had is not", () => {
    let recent = rememberEvent([], { type: "message", message: message(11, "a"), selfId: MERCHANT }, 1_000);
    recent = rememberEvent(recent, { type: "message", message: message(12, "a"), selfId: MERCHANT }, 2_000);
    // The reload read the database between the two messages.
    const rows = [item("a", { last: message(11, "a"), lastReadId: 10, unread: 1 })];
    const state = eventsToReplay(recent, 3_000).reduce(reduceInbox, inboxState(rows));
    expect(row(state, "a")).toMatchObject({ unread: 2, last: { id: 12 } });
    expect(state.stale).toBe(false);
  });

  it("keep the read marks, and forget everything after a while", () => {
    const recent = rememberEvent([], { type: "read", stallId: "a", lastReadId: 10 }, 1_000);
    expect(eventsToReplay(recent, 2_000)).toEqual([{ type: "read", stallId: "a", lastReadId: 10 }]);
    expect(eventsToReplay(recent, 1_000 + REPLAY_MS)).toEqual([]);
    const later = rememberEvent(recent, { type: "read", stallId: "a", lastReadId: 11 }, 1_000 + REPLAY_MS);
    expect(later).toHaveLength(1);
  });

  it("never bring back a message deleted since: the deletion drops it from the replay", () => {
    let recent = rememberEvent([], { type: "message", message: message(11, "a"), selfId: MERCHANT }, 1_000);
    recent = rememberEvent(recent, { type: "deleted", stallId: "a", messageId: 11 }, 2_000);
    expect(eventsToReplay(recent, 3_000)).toEqual([]);
    const state = eventsToReplay(recent, 3_000).reduce(reduceInbox, inboxState(reloadReadBefore()));
    expect(row(state, "a")).toMatchObject({ unread: 0, last: { id: 10 } });
  });
});
