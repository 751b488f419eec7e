// The merchant's inbox as the browser keeps it between two loads: a pure reducer of the events
// their user:<id> room receives. Whatever the events cannot tell exactly (how many unread remain
// after a partial read, what the newest message is once it was deleted) is not guessed: the
// reducer answers `stale` and the page reloads its rows from the server.
import type { ChatMessageDto } from "./events";

export type InboxItem = {
  stallId: string;
  stallName: string;
  stallSlug: string;
  marketName: string;
  marketSlug: string;
  /** The public page exists (approved stall of a published market): the conversation can be opened. */
  visible: boolean;
  timezone: string;
  unread: number;
  lastReadId: number;
  last: ChatMessageDto | null;
};

export type InboxState = { items: InboxItem[]; stale: boolean };

export type InboxEvent =
  | { type: "reset"; items: InboxItem[] }
  | { type: "message"; message: ChatMessageDto; selfId: string }
  | { type: "deleted"; stallId: string; messageId: number }
  | { type: "read"; stallId: string; lastReadId: number; unread?: number };

/** Busiest first, as the server lists them: most unread, then the newest message, then by name. */
export function compareInboxItems(a: InboxItem, b: InboxItem): number {
  return (
    b.unread - a.unread ||
    (b.last?.id ?? 0) - (a.last?.id ?? 0) ||
    a.stallName.localeCompare(b.stallName) ||
    a.stallId.localeCompare(b.stallId)
  );
}

export function inboxState(items: InboxItem[]): InboxState {
  return { items: [...items].sort(compareInboxItems), stale: false };
}

/** A visitor's message: anyone but the stall's merchant (the user whose inbox this is). */
export function isVisitorMessage(message: ChatMessageDto, selfId: string): boolean {
  return message.author.id !== selfId && !message.author.isMerchant;
}

export function totalUnread(items: readonly InboxItem[]): number {
  return items.reduce((sum, item) => sum + item.unread, 0);
}

export function reduceInbox(state: InboxState, event: InboxEvent): InboxState {
  if (event.type === "reset") return inboxState(event.items);
  const stallId = event.type === "message" ? event.message.stallId : event.stallId;
  const index = state.items.findIndex((item) => item.stallId === stallId);
  // A room this page does not list (a stall added since): only the server knows its row.
  if (index === -1) return { ...state, stale: true };
  const item = state.items[index]!;
  const next = applyToItem(item, event);
  if (next === "stale") return { ...state, stale: true };
  if (next === item) return state;
  const items = [...state.items];
  items[index] = next;
  return { ...state, items: items.sort(compareInboxItems) };
}

function applyToItem(item: InboxItem, event: Exclude<InboxEvent, { type: "reset" }>): InboxItem | "stale" {
  switch (event.type) {
    case "message": {
      const { message } = event;
      // Heard twice (two sockets of one tab across a reconnection) or older than what is shown.
      if (item.last && message.id <= item.last.id) return item;
      const counts = isVisitorMessage(message, event.selfId) && message.id > item.lastReadId;
      return { ...item, last: message, unread: item.unread + (counts ? 1 : 0) };
    }
    case "read": {
      if (event.lastReadId <= item.lastReadId && event.unread === undefined) return item;
      const lastReadId = Math.max(item.lastReadId, event.lastReadId);
      if (event.unread !== undefined) return { ...item, lastReadId, unread: event.unread };
      if (!item.last || lastReadId >= item.last.id) return { ...item, lastReadId, unread: 0 };
      // Read part of the way: how many visitors' messages remain is the server's count.
      return "stale";
    }
    case "deleted": {
      // The newest message went: the row must show the one before it, which only the server has.
      if (item.last && event.messageId === item.last.id) return "stale";
      // An unread message may have gone; a read one changes nothing the row shows.
      if (event.messageId > item.lastReadId && item.unread > 0) return "stale";
      return item;
    }
  }
}

/** How long an event is kept to be applied again over a reload that may have started before it. */
export const REPLAY_MS = 15_000;

export type Remembered = { at: number; event: InboxEvent };

/**
 * The events heard lately, to apply again on top of a reload's rows (which may have been read
 * before them). Messages and read marks are kept: both are idempotent. A deletion is not kept, and
 * drops the deleted message, so that the reload it causes does not bring the message back.
 */
export function rememberEvent(recent: readonly Remembered[], event: InboxEvent, now: number): Remembered[] {
  const kept = recent.filter(
    (e) =>
      now - e.at < REPLAY_MS &&
      !(event.type === "deleted" && e.event.type === "message" && e.event.message.id === event.messageId),
  );
  if (event.type === "message" || event.type === "read") kept.push({ at: now, event });
  return kept;
}

/** What to apply again after a reload at `now`. */
export function eventsToReplay(recent: readonly Remembered[], now: number): InboxEvent[] {
  return recent.filter((e) => now - e.at < REPLAY_MS).map((e) => e.event);
}
