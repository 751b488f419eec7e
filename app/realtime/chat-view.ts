// What a stall's chat shows, as pure functions of what the server said: the stored messages
// (ordered by id, each once), the visitor's own messages not yet stored (pending), and who is
// typing. The chat's store (stall-chat-store.ts, through chat-room.ts) feeds it socket answers
// and events; keeping the merging here lets the tricky cases (the sender's own message coming
// back in the broadcast, history overlapping live messages, deletions missed while offline) be
// tested without a browser.
//
// What to ask after a reconnection is `syncedId`, never the newest message shown: live messages
// and this tab's own acknowledgements arrive out of id order (two inserts commit in either order;
// with several instances the broadcast goes through Redis while the acknowledgement comes
// straight back), so the newest shown may be newer than one still on its way when the connection
// drops. Catching up "after the newest shown" skipped that one for good. Only a history answer,
// which holds every stored message in its range, moves `syncedId`.
import type { AckError, ChatAuthor, ChatHistory, ChatMessageDto } from "./events";

export type PendingStatus = "queued" | "sending" | "failed";

/** A message of this tab not yet acknowledged: shown below the stored ones, in the order typed. */
export type PendingMessage = {
  clientKey: string;
  body: string;
  /** Browser time it was written: only to show a time before the server gives its own. */
  createdAt: string;
  status: PendingStatus;
  /** Why the last attempt failed, in the visitor's language (the server's message), if it did. */
  error: AckError | null;
};

export type ChatView = {
  /** Stored messages, oldest first, unique by id. */
  messages: ChatMessageDto[];
  pending: PendingMessage[];
  /** The server said there are older messages than the first shown. */
  hasOlder: boolean;
  /** The first history answer arrived. */
  loaded: boolean;
  /**
   * Every stored message up to this id is in `messages` (as history answers said: null before the
   * first): the next catch-up asks for what is after it. Live messages never move it.
   */
  syncedId: number | null;
};

export const emptyChatView: ChatView = { messages: [], pending: [], hasOlder: false, loaded: false, syncedId: null };

export type ChatAction =
  /** The last page, on the first join; live messages heard since the join stay (pending ones too). */
  | { type: "history"; history: ChatHistory }
  /** "Load earlier": older messages go before. */
  | { type: "older"; history: ChatHistory }
  /** Catching up after a reconnection: newer messages, and the shown ones deleted meanwhile. */
  | { type: "catchUp"; history: ChatHistory }
  /** A live chat:message, or the acknowledgement of one of ours. */
  | { type: "message"; message: ChatMessageDto }
  | { type: "deleted"; messageId: number }
  | { type: "queue"; pending: PendingMessage }
  | { type: "sending"; clientKey: string }
  /** Back in the queue: the connection dropped before the answer. */
  | { type: "requeue"; clientKey: string }
  | { type: "failed"; clientKey: string; error: AckError }
  | { type: "discard"; clientKey: string };

/** Merges by id (a later copy wins) and sorts by id: history and live events may overlap. */
export function mergeMessages(current: readonly ChatMessageDto[], incoming: readonly ChatMessageDto[]) {
  if (incoming.length === 0) return current as ChatMessageDto[];
  const byId = new Map<number, ChatMessageDto>();
  for (const m of current) byId.set(m.id, m);
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/** The newest id a history answer vouches for: its last message, or what was vouched for already. */
function vouchedUpTo(current: number | null, history: ChatHistory): number {
  const last = history.messages.at(-1)?.id ?? 0;
  return Math.max(current ?? 0, last);
}

/** Pending messages the stored ones answer (same clientKey) are done. */
function settlePending(pending: PendingMessage[], stored: readonly ChatMessageDto[]) {
  const keys = new Set(stored.map((m) => m.clientKey).filter((k): k is string => Boolean(k)));
  return keys.size === 0 ? pending : pending.filter((p) => !keys.has(p.clientKey));
}

function setStatus(view: ChatView, clientKey: string, status: PendingStatus, error: AckError | null): ChatView {
  return {
    ...view,
    pending: view.pending.map((p) => (p.clientKey === clientKey ? { ...p, status, error } : p)),
  };
}

export function chatReducer(view: ChatView, action: ChatAction): ChatView {
  switch (action.type) {
    case "history":
      // Merged, not replaced: a live message committed after the server read this page may have
      // arrived before the page did.
      return {
        ...view,
        messages: mergeMessages(view.messages, action.history.messages),
        pending: settlePending(view.pending, action.history.messages),
        hasOlder: action.history.more,
        loaded: true,
        syncedId: vouchedUpTo(view.syncedId, action.history),
      };
    case "older":
      return {
        ...view,
        messages: mergeMessages(view.messages, action.history.messages),
        hasOlder: action.history.more,
      };
    case "catchUp": {
      const deleted = new Set(action.history.deletedIds);
      const kept = deleted.size ? view.messages.filter((m) => !deleted.has(m.id)) : view.messages;
      return {
        ...view,
        messages: mergeMessages(
          kept,
          action.history.messages.filter((m) => !deleted.has(m.id)),
        ),
        pending: settlePending(view.pending, action.history.messages),
        loaded: true,
        syncedId: vouchedUpTo(view.syncedId, action.history),
      };
    }
    case "message":
      return {
        ...view,
        messages: mergeMessages(view.messages, [action.message]),
        pending: settlePending(view.pending, [action.message]),
      };
    case "deleted":
      return view.messages.some((m) => m.id === action.messageId)
        ? { ...view, messages: view.messages.filter((m) => m.id !== action.messageId) }
        : view;
    case "queue":
      return view.pending.some((p) => p.clientKey === action.pending.clientKey)
        ? view
        : { ...view, pending: [...view.pending, action.pending] };
    case "sending":
      return setStatus(view, action.clientKey, "sending", null);
    case "requeue":
      return setStatus(view, action.clientKey, "queued", null);
    case "failed":
      return setStatus(view, action.clientKey, "failed", action.error);
    case "discard":
      return { ...view, pending: view.pending.filter((p) => p.clientKey !== action.clientKey) };
  }
}

export function newestId(view: ChatView): number | null {
  return view.messages.at(-1)?.id ?? null;
}

export function oldestId(view: ChatView): number | null {
  return view.messages[0]?.id ?? null;
}

export type CatchUpQuery = { after: number; from?: number; to?: number };

/**
 * The next catch-up question after a reconnection, or null to ask for the last page instead (no
 * history answer yet): what came after `syncedId`, and which of the shown ones (from the oldest to
 * the newest shown, live ones included) were deleted meanwhile.
 */
export function catchUpQuery(view: ChatView): CatchUpQuery | null {
  if (view.syncedId === null) return null;
  const oldest = oldestId(view);
  const newest = newestId(view);
  if (oldest === null || newest === null) return { after: view.syncedId };
  return { after: view.syncedId, from: oldest, ...(newest > view.syncedId ? { to: newest } : {}) };
}

const CLIENT_KEY = /^[A-Za-z0-9_-]{8,64}$/;

/**
 * An idempotency key the server accepts (/^[A-Za-z0-9_-]{8,64}$/) from any random string: a
 * UUID's dashes are allowed, but a polyfill or an older browser may give something else.
 */
export function sanitizeClientKey(raw: string, fallback: () => string = randomFallback): string {
  const cleaned = raw.replace(/[^A-Za-z0-9_-]/g, "").slice(0, 64);
  if (CLIENT_KEY.test(cleaned)) return cleaned;
  return sanitizeClientKey(cleaned + fallback(), () => "x".repeat(8));
}

function randomFallback(): string {
  return Math.random().toString(36).slice(2) + Date.now().toString(36);
}

export function newClientKey(): string {
  const uuid = typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : randomFallback();
  return sanitizeClientKey(uuid);
}

// --- Who is typing -----------------------------------------------------------------------------

/** Others typing are shown this long after their last signal (they send one every 2 s at most). */
export const TYPING_SHOWN_MS = 4_000;
/** This tab says it is typing at most this often (the server forwards one per 2 s anyway). */
export const TYPING_EVERY_MS = 2_000;

export type Typist = { author: ChatAuthor; until: number };

/** Adds or refreshes a typist; the viewer's own signals (another tab of theirs) are not shown. */
export function noteTyping(typists: readonly Typist[], author: ChatAuthor, now: number, selfId: string | null) {
  if (selfId !== null && author.id === selfId) return typists as Typist[];
  return [...typists.filter((t) => t.author.id !== author.id), { author, until: now + TYPING_SHOWN_MS }];
}

/** Typists still shown at `now`; a message from one of them ends their typing at once. */
export function activeTypists(typists: readonly Typist[], now: number): Typist[] {
  return typists.filter((t) => t.until > now);
}

export function stopTyping(typists: readonly Typist[], authorId: string): Typist[] {
  return typists.filter((t) => t.author.id !== authorId);
}
