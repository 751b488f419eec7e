// Everything a stall's chat panel shows, as one value changed by one pure reducer: the messages
// (chat-view.ts), the connection, presence, the viewer as the server knows them, the mute, who
// is typing, and the errors. The store (stall-chat-store.ts) feeds it socket answers, events and
// timer ticks; keeping the transitions here lets them be tested without a socket or a browser.
import { activeTypists, chatReducer, emptyChatView, noteTyping, stopTyping, type ChatAction } from "./chat-view";
import type { ChatView, Typist } from "./chat-view";
import type { ChatAuthor, ChatPresence, StallJoined } from "./events";

export type ChatConnection = "connecting" | "live" | "offline";

export type ChatRoom = {
  view: ChatView;
  connection: ChatConnection;
  presence: ChatPresence | null;
  you: StallJoined["you"] | null;
  /** Set while the viewer is muted in this market (from the join, or chat:muted since). */
  mutedUntil: string | null;
  /** Others typing now. */
  typists: Typist[];
  loadingOlder: boolean;
  /** The join or the history failed: the server's message. Tried again at the next connection. */
  error: string | null;
};

export const initialChatRoom: ChatRoom = {
  view: emptyChatView,
  connection: "connecting",
  presence: null,
  you: null,
  mutedUntil: null,
  typists: [],
  loadingOlder: false,
  error: null,
};

export type ChatRoomAction =
  | ChatAction
  /** The join's answer; older servers answer it without presence nor viewer (both stay unknown). */
  | { type: "joined"; you: StallJoined["you"] | null; presence: ChatPresence | null }
  /** Joined and caught up: sends may go. */
  | { type: "live" }
  /** The connection dropped: sends on their way go back in the queue (sent again with the same key). */
  | { type: "offline" }
  | { type: "typing"; author: ChatAuthor; now: number }
  /** A timer tick: typists fade out TYPING_SHOWN_MS after their last signal. */
  | { type: "typistsExpired"; now: number }
  | { type: "presence"; presence: ChatPresence }
  | { type: "muted"; until: string | null }
  | { type: "loadingOlder"; loading: boolean }
  | { type: "error"; message: string | null };

/** Returns the same object when nothing changed, so subscribers are not told. */
export function chatRoomReducer(room: ChatRoom, action: ChatRoomAction): ChatRoom {
  switch (action.type) {
    case "joined":
      return { ...room, you: action.you, mutedUntil: action.you?.mutedUntil ?? null, presence: action.presence };
    case "live": {
      // Caught up again: a send that failed for want of an answer (none in time, or a server error)
      // goes again by itself, with its key (stored once). Refusals (a mute, the rate limit, a
      // closed market) wait for "try again".
      let view = room.view;
      for (const p of view.pending) {
        if (p.status === "failed" && p.error?.code === "SERVER_ERROR") {
          view = chatReducer(view, { type: "requeue", clientKey: p.clientKey });
        }
      }
      return { ...room, connection: "live", error: null, view };
    }
    case "offline": {
      let view = room.view;
      for (const p of view.pending) {
        if (p.status === "sending") view = chatReducer(view, { type: "requeue", clientKey: p.clientKey });
      }
      // Who is in the room is not known while this tab is out of it (the join tells again): an
      // old "merchant online" would promise an answer that may not come.
      return { ...room, connection: "offline", typists: [], presence: null, view };
    }
    case "typing": {
      const selfId = room.you?.userId ?? null;
      return {
        ...room,
        typists: noteTyping(activeTypists(room.typists, action.now), action.author, action.now, selfId),
      };
    }
    case "typistsExpired": {
      const typists = activeTypists(room.typists, action.now);
      return typists.length === room.typists.length ? room : { ...room, typists };
    }
    case "presence":
      return { ...room, presence: action.presence };
    case "muted":
      return room.mutedUntil === action.until ? room : { ...room, mutedUntil: action.until };
    case "loadingOlder":
      return room.loadingOlder === action.loading ? room : { ...room, loadingOlder: action.loading };
    case "error":
      return room.error === action.message ? room : { ...room, error: action.message };
    case "message": {
      // A message from someone typing ends their typing at once.
      const view = chatReducer(room.view, action);
      const typists = stopTyping(room.typists, action.message.author.id);
      return { ...room, view, typists: typists.length === room.typists.length ? room.typists : typists };
    }
    default: {
      const view = chatReducer(room.view, action);
      return view === room.view ? room : { ...room, view };
    }
  }
}

/** When the next typist fades out, or null when nobody is shown typing. */
export function nextTypistExpiry(room: ChatRoom): number | null {
  return room.typists.length ? Math.min(...room.typists.map((t) => t.until)) : null;
}

/** The stall's merchant reading their room: the newest id to mark read now, or null. */
export function readMarkDue(room: ChatRoom, alreadySent: number): number | null {
  if (!room.you?.isMerchant || room.connection !== "live") return null;
  const last = room.view.messages.at(-1)?.id ?? 0;
  return last > alreadySent ? last : null;
}
