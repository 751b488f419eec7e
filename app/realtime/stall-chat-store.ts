// A stall's chat room in the browser, as an external store read with useSyncExternalStore
// (use-stall-chat.ts): join, history, live messages, sending with a queue while offline, typing,
// presence and moderation. The state is one ChatRoom value changed only by chatRoomReducer
// (chat-room.ts); this file holds what is not pure: the socket, the send queue's bookkeeping and
// the timers. Browser only: connect() runs in an effect.
//
// Joining comes first, then the history: a message sent between the two is in both, and the
// view keeps it once. After a reconnection the store joins again (Socket.IO forgets rooms) and
// asks what came after its newest message and which of those it shows were deleted meanwhile,
// as many times as the server says there is more. Messages typed while offline wait in a queue,
// each with its idempotency key, and go in order once the room is caught up; a message whose
// answer was lost with the connection is sent again with the same key, and the server answers
// with the one it stored instead of a copy. The text box is emptied as soon as a message is
// queued, so the queue is what must never lose it: each message stays shown until the server
// stored it (its answer, its broadcast or a catch-up says so) or shows its failure with "try
// again", and the queue is kept in the tab (sessionStorage, per stall and account) so that a
// reload or a navigation sends it again, with the same key, rather than forgets it.
import { catchUpQuery, newClientKey, TYPING_EVERY_MS, type PendingMessage } from "./chat-view";
import { chatRoomReducer, initialChatRoom, nextTypistExpiry, readMarkDue, type ChatRoom } from "./chat-room";
import type { ChatRoomAction } from "./chat-room";
import type { Ack, AckError, ClientToServerEvents, ServerToClientEvents } from "./events";
import { withSocket, type ChaletSocket } from "./socket.client";
import { realTimers, type Timers } from "~/utils/timers";

/** An answer slower than this is taken as lost: the message is marked failed, with "try again". */
const ACK_TIMEOUT_MS = 10_000;
/** Catch-up rounds after one reconnection, at most: 200 messages each. */
const MAX_CATCH_UP_ROUNDS = 25;

type Events = ClientToServerEvents;
type Answer<E extends keyof Events> = Parameters<Parameters<Events[E]>[1]>[0];
/** The one socket method `ask` uses, without the per-event overloads a generic call cannot pick. */
type TimedEmit = { emit: (event: string, payload: unknown, ack: (err: Error | null, answer: unknown) => void) => void };

/**
 * Emits with an acknowledgement; a lost or late answer (ACK_TIMEOUT_MS) becomes an error answer
 * in the visitor's language, so callers handle one shape.
 */
function ask<E extends keyof Events>(
  socket: ChaletSocket,
  event: E,
  payload: Parameters<Events[E]>[0],
  timeoutMessage: string,
): Promise<Answer<E>> {
  return new Promise((resolve) => {
    (socket.timeout(ACK_TIMEOUT_MS) as unknown as TimedEmit).emit(event, payload, (err, answer) =>
      resolve(err ? offlineError(timeoutMessage) : (answer as Answer<E>)),
    );
  });
}

const offlineError = (message: string): Ack<never> => ({ ok: false, error: { code: "SERVER_ERROR", message } });

/**
 * The user a reconnection was last made for. The server reads the session cookie at the socket's
 * handshake: a visitor who logs in (or out) without a reload keeps a socket of the old identity,
 * which the join's answer reveals (you.userId). The socket is then connected again, once per
 * identity, so that a server that still disagrees cannot make it loop.
 */
let reconnectedFor: string | null | undefined;

export type StallChatStoreOptions = {
  stallId: string;
  /** The app's shared socket (loaded after hydration: socket.client.ts) unless a test gives its own. */
  socket?: () => ChaletSocket | Promise<ChaletSocket>;
  now?: () => number;
  /** The typists' fading, the mute's end and the join's retries; the platform's unless a test runs them. */
  timers?: Timers;
  /** Where the unsent messages outlive the page: the tab's sessionStorage unless a test gives its own. */
  pendingStorage?: PendingStorage | null;
};

/** Keeps a stall's unsent messages for one account across reloads. */
export type PendingStorage = {
  load(userId: string): PendingMessage[];
  save(userId: string, pending: PendingMessage[]): void;
};

/** The tab's sessionStorage, per stall: what a reload must send again. */
export function sessionPendingStorage(stallId: string): PendingStorage | null {
  if (typeof window === "undefined") return null;
  const key = `chalet:chat-pending:${stallId}`;
  return {
    load(userId) {
      try {
        const saved = JSON.parse(window.sessionStorage.getItem(key) ?? "null") as {
          userId?: unknown;
          pending?: unknown;
        } | null;
        // Another account's messages (a log-out, then someone else in the same tab) are not theirs to send.
        if (!saved || saved.userId !== userId || !Array.isArray(saved.pending)) return [];
        return (saved.pending as PendingMessage[]).filter(
          (p) => typeof p?.clientKey === "string" && typeof p.body === "string" && typeof p.createdAt === "string",
        );
      } catch {
        // Storage refused or a value written by hand: nothing to send again.
        return [];
      }
    },
    save(userId, pending) {
      try {
        if (pending.length) window.sessionStorage.setItem(key, JSON.stringify({ userId, pending }));
        else window.sessionStorage.removeItem(key);
      } catch {
        // Storage refused (private mode, full): the queue lasts as long as the page.
      }
    },
  };
}

export type StallChatActions = {
  loadEarlier: () => Promise<void>;
  send: (body: string) => void;
  retry: (clientKey: string) => void;
  discard: (clientKey: string) => void;
  /** Call on every keystroke: at most one chat:typing per 2 s goes out. */
  typing: () => void;
  remove: (messageId: number) => Promise<Ack<{ stallId: string; messageId: number }>>;
  mute: (messageId: number, minutes: number) => Promise<Ack<{ marketId: string; userId: string; until: string }>>;
  report: (messageId: number, reason: string) => Promise<Ack<null>>;
};

export type StallChatStore = {
  subscribe: (listener: () => void) => () => void;
  getSnapshot: () => ChatRoom;
  /**
   * The page's user (the root loader's, null for an anonymous visitor) and the message shown when
   * an answer never comes: both may change without a reload (a log-in, a language switch) and are
   * read when needed, so the room and its queue survive the change.
   */
  setViewer: (viewer: { userId: string | null; timeoutMessage: string }) => void;
  /** Joins the room and follows it until the returned function is called. */
  connect: () => () => void;
  actions: StallChatActions;
};

export function createStallChatStore({
  stallId,
  socket: socketOf,
  now = Date.now,
  timers = realTimers,
  pendingStorage = sessionPendingStorage(stallId),
}: StallChatStoreOptions): StallChatStore {
  let room = initialChatRoom;
  const listeners = new Set<() => void>();
  let userId: string | null = null;
  let timeoutMessage = "";
  let socket: ChaletSocket | null = null;
  let marketId: string | null = null;
  /** The room is joined and caught up: sends may go. */
  let live = false;
  /** Each send attempt's number: an answer to an older attempt (before a drop) is ignored. */
  const attempts = new Map<string, number>();
  let flushing = false;
  let lastTypingAt = 0;
  let readSent = 0;
  let typistTimer: unknown;
  let muteTimer: unknown;

  function dispatch(action: ChatRoomAction) {
    const before = room;
    room = chatRoomReducer(room, action);
    if (room === before) return;
    if (room.typists !== before.typists) scheduleTypistExpiry();
    if (room.mutedUntil !== before.mutedUntil) scheduleMuteEnd();
    if (room.view.pending !== before.view.pending && userId !== null) pendingStorage?.save(userId, room.view.pending);
    markRead();
    for (const listener of listeners) listener();
  }

  // Typists fade out about 4 s after their last signal.
  function scheduleTypistExpiry() {
    timers.clear(typistTimer);
    const soonest = nextTypistExpiry(room);
    if (soonest === null) return;
    typistTimer = timers.set(
      () => {
        const before = room.typists;
        dispatch({ type: "typistsExpired", now: now() });
        // A timer may fire a little before the clock says (Node's can by a millisecond): nobody
        // faded, so the dispatch scheduled nothing; without this the typist would stay for good.
        if (room.typists === before) scheduleTypistExpiry();
      },
      Math.max(50, soonest - now()),
    );
  }

  // A mute ends by itself.
  function scheduleMuteEnd() {
    timers.clear(muteTimer);
    if (!room.mutedUntil) return;
    const left = new Date(room.mutedUntil).getTime() - now();
    if (left <= 0) return dispatch({ type: "muted", until: null });
    // setTimeout's delay is a 32-bit number: a week-long mute is checked again within 24 days anyway.
    muteTimer = timers.set(() => dispatch({ type: "muted", until: null }), Math.min(left + 500, 2 ** 31 - 1));
  }

  // The stall's merchant reading their room: the inbox counts what is after this mark.
  function markRead() {
    const last = readMarkDue(room, readSent);
    if (last === null || !socket || typeof document === "undefined" || document.visibilityState !== "visible") return;
    readSent = last;
    socket.emit("chat:read", { stallId, lastReadId: last }, (answer) => {
      if (!answer.ok) readSent = 0;
    });
  }

  async function sendOne(clientKey: string) {
    const pending = room.view.pending.find((p) => p.clientKey === clientKey);
    if (!socket || !pending) return;
    const attempt = (attempts.get(clientKey) ?? 0) + 1;
    attempts.set(clientKey, attempt);
    dispatch({ type: "sending", clientKey });
    const answer = await ask(socket, "chat:send", { stallId, body: pending.body, clientKey }, timeoutMessage);
    if (attempts.get(clientKey) !== attempt) return;
    if (answer.ok) dispatch({ type: "message", message: answer.data });
    else dispatch({ type: "failed", clientKey, error: answer.error });
  }

  /** Sends the queued messages one after the other, in the order they were written. */
  async function flush() {
    if (flushing) return;
    flushing = true;
    try {
      for (;;) {
        if (!live) return;
        const next = room.view.pending.find((p) => p.status === "queued");
        if (!next) return;
        await sendOne(next.clientKey);
      }
    } finally {
      flushing = false;
    }
  }

  /** The messages a previous page of this tab left unsent: queued again, sent with their own keys. */
  function restorePending() {
    if (userId === null || !pendingStorage) return;
    for (const saved of pendingStorage.load(userId)) {
      const failed = saved.status === "failed" && saved.error !== null;
      dispatch({
        type: "queue",
        pending: { ...saved, status: failed ? "failed" : "queued", error: failed ? saved.error : null },
      });
    }
  }

  function connect() {
    // The queue a previous page left shows at once; it is sent once the socket is there and the room caught up.
    restorePending();
    // Left before the socket arrived (socket.client.ts loads it on first use): no listener, no join.
    return withSocket(follow, socketOf);
  }

  function follow(conn: ChaletSocket) {
    socket = conn;
    let active = true;
    let round = 0;
    let retryTimer: unknown;
    const current = (r: number) => active && r === round && conn.connected;

    const enter = async (attempt = 0) => {
      const r = ++round;
      live = false;
      timers.clear(retryTimer);
      // A busy server (BUSY) is no failure to show: the room says "connecting" until the retry.
      const failed = ({ code, message }: AckError) => {
        if (code !== "BUSY") dispatch({ type: "error", message });
        retryTimer = timers.set(() => void enter(attempt + 1), Math.min(30_000, 2_000 * 2 ** attempt));
      };
      const joined = await ask(conn, "stall:join", { stallId }, timeoutMessage);
      if (!current(r)) return;
      if (!joined.ok) {
        if (joined.error.code === "NOT_FOUND") return dispatch({ type: "error", message: joined.error.message });
        // A passing refusal (too many events after quick navigations, a busy server, a server error, no answer):
        // tried again a little later, or the room would look live and hear nothing.
        return failed(joined.error);
      }
      marketId = joined.data.marketId;
      const me = joined.data.you ?? null;
      if (me && me.userId !== userId && reconnectedFor !== userId) {
        reconnectedFor = userId;
        conn.disconnect().connect();
        return;
      }
      dispatch({ type: "joined", you: me, presence: joined.data.presence ?? null });

      const query = catchUpQuery(room.view);
      if (query === null) {
        const page = await ask(conn, "chat:history", { stallId }, timeoutMessage);
        if (!current(r)) return;
        if (!page.ok) return failed(page.error);
        dispatch({ type: "history", history: page.data });
      } else {
        for (let i = 0; i < MAX_CATCH_UP_ROUNDS; i++) {
          const next = catchUpQuery(room.view) ?? query;
          const page = await ask(conn, "chat:history", { stallId, ...next }, timeoutMessage);
          if (!current(r)) return;
          if (!page.ok) return failed(page.error);
          dispatch({ type: "catchUp", history: page.data });
          if (!page.data.more || page.data.messages.length === 0) break;
        }
      }
      live = true;
      dispatch({ type: "live" });
      void flush();
    };

    const onConnect = () => void enter();
    const onDisconnect = () => {
      round++;
      live = false;
      // Answers that were on their way are lost with the connection: those attempts no longer count.
      for (const p of room.view.pending) {
        if (p.status === "sending") attempts.set(p.clientKey, (attempts.get(p.clientKey) ?? 0) + 1);
      }
      dispatch({ type: "offline" });
    };
    const onMessage: ServerToClientEvents["chat:message"] = (message) => {
      if (message.stallId === stallId) dispatch({ type: "message", message });
    };
    const onDeleted: ServerToClientEvents["chat:deleted"] = (event) => {
      if (event.stallId === stallId) dispatch({ type: "deleted", messageId: event.messageId });
    };
    const onTyping: ServerToClientEvents["chat:typing"] = (event) => {
      if (event.stallId === stallId) dispatch({ type: "typing", author: event.author, now: now() });
    };
    const onPresence: ServerToClientEvents["presence:count"] = (event) => {
      if (event.stallId === stallId) dispatch({ type: "presence", presence: event });
    };
    const onMuted: ServerToClientEvents["chat:muted"] = (event) => {
      if (event.marketId === marketId) dispatch({ type: "muted", until: event.until });
    };

    // Typed loosely to subscribe and unsubscribe the same table; each handler is typed above.
    const table = [
      ["connect", onConnect],
      ["disconnect", onDisconnect],
      ["chat:message", onMessage],
      ["chat:deleted", onDeleted],
      ["chat:typing", onTyping],
      ["presence:count", onPresence],
      ["chat:muted", onMuted],
    ] as const;
    const events = conn as unknown as {
      on(event: string, listener: (...args: never[]) => void): void;
      off(event: string, listener: (...args: never[]) => void): void;
    };
    for (const [event, listener] of table) events.on(event, listener);
    // No document outside a browser (a test drives the store from Node).
    if (typeof document !== "undefined") document.addEventListener("visibilitychange", markRead);
    if (conn.connected) void enter();
    return () => {
      active = false;
      live = false;
      timers.clear(retryTimer);
      timers.clear(typistTimer);
      timers.clear(muteTimer);
      if (typeof document !== "undefined") document.removeEventListener("visibilitychange", markRead);
      for (const [event, listener] of table) events.off(event, listener);
      if (conn.connected) conn.emit("stall:leave", { stallId }, () => undefined);
    };
  }

  /** A moderation or report question: refused at once while offline. */
  function askNow<E extends "chat:delete" | "chat:mute" | "chat:report">(event: E, payload: Parameters<Events[E]>[0]) {
    if (!socket?.connected) return Promise.resolve(offlineError(timeoutMessage) as Answer<E>);
    return ask(socket, event, payload, timeoutMessage);
  }

  const actions: StallChatActions = {
    send(body) {
      const clientKey = newClientKey();
      dispatch({
        type: "queue",
        pending: { clientKey, body, createdAt: new Date(now()).toISOString(), status: "queued", error: null },
      });
      void flush();
    },
    retry(clientKey) {
      dispatch({ type: "requeue", clientKey });
      void flush();
    },
    discard(clientKey) {
      attempts.delete(clientKey);
      dispatch({ type: "discard", clientKey });
    },
    typing() {
      const at = now();
      if (userId === null || !socket?.connected || !live || at - lastTypingAt < TYPING_EVERY_MS) return;
      lastTypingAt = at;
      socket.emit("chat:typing", { stallId }, () => undefined);
    },
    async loadEarlier() {
      const oldest = room.view.messages[0]?.id;
      if (!socket?.connected || oldest === undefined || room.loadingOlder) return;
      dispatch({ type: "loadingOlder", loading: true });
      try {
        const page = await ask(socket, "chat:history", { stallId, before: oldest }, timeoutMessage);
        if (page.ok) dispatch({ type: "older", history: page.data });
        else dispatch({ type: "error", message: page.error.message });
      } finally {
        dispatch({ type: "loadingOlder", loading: false });
      }
    },
    remove(messageId) {
      return askNow("chat:delete", { messageId }).then((answer) => {
        // The broadcast removes it too; this tab need not wait for it.
        if (answer.ok) dispatch({ type: "deleted", messageId });
        return answer;
      });
    },
    mute: (messageId, minutes) => askNow("chat:mute", { messageId, minutes }),
    report(messageId, reason) {
      const trimmed = reason.trim();
      return askNow("chat:report", trimmed ? { messageId, reason: trimmed } : { messageId });
    },
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => room,
    setViewer(viewer) {
      ({ userId, timeoutMessage } = viewer);
    },
    connect,
    actions,
  };
}
