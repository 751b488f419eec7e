// A stall's chat room in the browser: join, history, live messages, sending with a queue while
// offline, typing, presence and moderation. Browser only (it runs in effects and callbacks).
//
// Joining comes first, then the history: a message sent between the two is in both, and the
// view keeps it once. After a reconnection the hook joins again (Socket.IO forgets rooms) and
// asks what came after its newest message and which of those it shows were deleted meanwhile,
// as many times as the server says there is more. Messages typed while offline wait in a queue,
// each with its idempotency key, and go in order once the room is caught up; a message whose
// answer was lost with the connection is sent again with the same key, and the server answers
// with the one it stored instead of a copy.
import { useCallback, useEffect, useRef, useState } from "react";
import {
  activeTypists,
  catchUpQuery,
  chatReducer,
  emptyChatView,
  newClientKey,
  noteTyping,
  stopTyping,
  TYPING_EVERY_MS,
  type ChatAction,
  type ChatView,
  type Typist,
} from "./chat-view";
import type {
  Ack,
  AckError,
  ChatMessageDto,
  ChatPresence,
  ClientToServerEvents,
  ServerToClientEvents,
  StallJoined,
} from "./events";
import { getSocket, type ChaletSocket } from "./socket.client";

/** An answer slower than this is taken as lost: the message is marked failed, with "try again". */
const ACK_TIMEOUT_MS = 10_000;
/** Catch-up rounds after one reconnection, at most: 200 messages each. */
const MAX_CATCH_UP_ROUNDS = 25;

export type ChatConnection = "connecting" | "live" | "offline";

export type StallChat = {
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

export type StallChatOptions = {
  stallId: string;
  /** The page's user (the root loader's), null for an anonymous visitor. */
  userId: string | null;
  /** Shown when an answer never comes. */
  timeoutMessage: string;
};

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

export function useStallChat({ stallId, userId, timeoutMessage }: StallChatOptions): StallChat {
  const loggedIn = userId !== null;
  const userRef = useRef(userId);
  userRef.current = userId;
  const [view, setView] = useState<ChatView>(emptyChatView);
  // The latest view, read by the async steps (catch-up rounds, the send queue) between renders.
  const viewRef = useRef<ChatView>(emptyChatView);
  const dispatch = useCallback((action: ChatAction) => {
    viewRef.current = chatReducer(viewRef.current, action);
    setView(viewRef.current);
  }, []);
  const [connection, setConnection] = useState<ChatConnection>("connecting");
  const [presence, setPresence] = useState<ChatPresence | null>(null);
  const [you, setYou] = useState<StallJoined["you"] | null>(null);
  const [mutedUntil, setMutedUntil] = useState<string | null>(null);
  const [typists, setTypists] = useState<Typist[]>([]);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const socketRef = useRef<ChaletSocket | null>(null);
  const marketIdRef = useRef<string | null>(null);
  const selfIdRef = useRef<string | null>(null);
  /** The room is joined and caught up: sends may go. */
  const liveRef = useRef(false);
  /** Each send attempt's number: an answer to an older attempt (before a drop) is ignored. */
  const attempts = useRef(new Map<string, number>());
  const flushing = useRef(false);
  const lastTypingAt = useRef(0);

  const sendOne = useCallback(
    async (clientKey: string) => {
      const socket = socketRef.current;
      const pending = viewRef.current.pending.find((p) => p.clientKey === clientKey);
      if (!socket || !pending) return;
      const attempt = (attempts.current.get(clientKey) ?? 0) + 1;
      attempts.current.set(clientKey, attempt);
      dispatch({ type: "sending", clientKey });
      const answer = await ask(socket, "chat:send", { stallId, body: pending.body, clientKey }, timeoutMessage);
      if (attempts.current.get(clientKey) !== attempt) return;
      if (answer.ok) dispatch({ type: "message", message: answer.data });
      else dispatch({ type: "failed", clientKey, error: answer.error });
    },
    [dispatch, stallId, timeoutMessage],
  );

  /** Sends the queued messages one after the other, in the order they were written. */
  const flush = useCallback(async () => {
    if (flushing.current) return;
    flushing.current = true;
    try {
      for (;;) {
        if (!liveRef.current) return;
        const next = viewRef.current.pending.find((p) => p.status === "queued");
        if (!next) return;
        await sendOne(next.clientKey);
      }
    } finally {
      flushing.current = false;
    }
  }, [sendOne]);

  useEffect(() => {
    const socket = getSocket();
    socketRef.current = socket;
    let active = true;
    let round = 0;
    let retryTimer: number | undefined;
    const current = (r: number) => active && r === round && socket.connected;

    const enter = async (attempt = 0) => {
      const r = ++round;
      liveRef.current = false;
      window.clearTimeout(retryTimer);
      // A busy server (BUSY) is no failure to show: the room says "connecting" until the retry.
      const failed = ({ code, message }: AckError) => {
        if (code !== "BUSY") setError(message);
        retryTimer = window.setTimeout(() => void enter(attempt + 1), Math.min(30_000, 2_000 * 2 ** attempt));
      };
      const joined = await ask(socket, "stall:join", { stallId }, timeoutMessage);
      if (!current(r)) return;
      if (!joined.ok) {
        if (joined.error.code === "NOT_FOUND") return setError(joined.error.message);
        // A passing refusal (too many events after quick navigations, a busy server, a server error, no answer):
        // tried again a little later, or the room would look live and hear nothing.
        return failed(joined.error);
      }
      marketIdRef.current = joined.data.marketId;
      // Older servers answer the join without presence nor viewer: both stay unknown then.
      const me = joined.data.you ?? null;
      if (me && me.userId !== userRef.current && reconnectedFor !== userRef.current) {
        reconnectedFor = userRef.current;
        socket.disconnect().connect();
        return;
      }
      selfIdRef.current = me?.userId ?? null;
      setYou(me);
      setMutedUntil(me?.mutedUntil ?? null);
      setPresence(joined.data.presence ?? null);

      const query = catchUpQuery(viewRef.current);
      if (query === null) {
        const page = await ask(socket, "chat:history", { stallId }, timeoutMessage);
        if (!current(r)) return;
        if (!page.ok) return failed(page.error);
        dispatch({ type: "history", history: page.data });
      } else {
        for (let i = 0; i < MAX_CATCH_UP_ROUNDS; i++) {
          const next = catchUpQuery(viewRef.current) ?? query;
          const page = await ask(socket, "chat:history", { stallId, ...next }, timeoutMessage);
          if (!current(r)) return;
          if (!page.ok) return failed(page.error);
          dispatch({ type: "catchUp", history: page.data });
          if (!page.data.more || page.data.messages.length === 0) break;
        }
      }
      setError(null);
      liveRef.current = true;
      setConnection("live");
      void flush();
    };

    const onConnect = () => void enter();
    const onDisconnect = () => {
      round++;
      liveRef.current = false;
      setConnection("offline");
      setTypists([]);
      // Answers that were on their way are lost with the connection: those messages go again,
      // with the same key, once the room is caught up.
      for (const p of viewRef.current.pending) {
        if (p.status === "sending") {
          attempts.current.set(p.clientKey, (attempts.current.get(p.clientKey) ?? 0) + 1);
          dispatch({ type: "requeue", clientKey: p.clientKey });
        }
      }
    };
    const onMessage: ServerToClientEvents["chat:message"] = (message: ChatMessageDto) => {
      if (message.stallId !== stallId) return;
      dispatch({ type: "message", message });
      setTypists((list) => stopTyping(list, message.author.id));
    };
    const onDeleted: ServerToClientEvents["chat:deleted"] = (event) => {
      if (event.stallId === stallId) dispatch({ type: "deleted", messageId: event.messageId });
    };
    const onTyping: ServerToClientEvents["chat:typing"] = (event) => {
      if (event.stallId !== stallId) return;
      setTypists((list) => noteTyping(activeTypists(list, Date.now()), event.author, Date.now(), selfIdRef.current));
    };
    const onPresence: ServerToClientEvents["presence:count"] = (event) => {
      if (event.stallId === stallId) setPresence(event);
    };
    const onMuted: ServerToClientEvents["chat:muted"] = (event) => {
      if (event.marketId === marketIdRef.current) setMutedUntil(event.until);
    };

    // Typed loosely to subscribe and unsubscribe the same table; each handler is typed above.
    const listeners = [
      ["connect", onConnect],
      ["disconnect", onDisconnect],
      ["chat:message", onMessage],
      ["chat:deleted", onDeleted],
      ["chat:typing", onTyping],
      ["presence:count", onPresence],
      ["chat:muted", onMuted],
    ] as const;
    const events = socket as unknown as {
      on(event: string, listener: (...args: never[]) => void): void;
      off(event: string, listener: (...args: never[]) => void): void;
    };
    for (const [event, listener] of listeners) events.on(event, listener);
    if (socket.connected) void enter();
    return () => {
      active = false;
      liveRef.current = false;
      window.clearTimeout(retryTimer);
      for (const [event, listener] of listeners) events.off(event, listener);
      if (socket.connected) socket.emit("stall:leave", { stallId }, () => undefined);
    };
  }, [stallId, dispatch, flush, timeoutMessage]);

  // Typists fade out about 4 s after their last signal.
  useEffect(() => {
    if (typists.length === 0) return;
    const soonest = Math.min(...typists.map((t) => t.until));
    const timer = window.setTimeout(
      () => setTypists((list) => activeTypists(list, Date.now())),
      Math.max(50, soonest - Date.now()),
    );
    return () => window.clearTimeout(timer);
  }, [typists]);

  // A mute ends by itself.
  useEffect(() => {
    if (!mutedUntil) return;
    const left = new Date(mutedUntil).getTime() - Date.now();
    if (left <= 0) return setMutedUntil(null);
    // setTimeout's delay is a 32-bit number: a week-long mute is checked again within 24 days anyway.
    const timer = window.setTimeout(() => setMutedUntil(null), Math.min(left + 500, 2 ** 31 - 1));
    return () => window.clearTimeout(timer);
  }, [mutedUntil]);

  // The stall's merchant reading their room: the inbox counts what is after this mark.
  const newest = view.messages.at(-1)?.id ?? 0;
  const isMerchant = you?.isMerchant ?? false;
  const readRef = useRef({ sent: 0 });
  useEffect(() => {
    if (!isMerchant || connection !== "live") return;
    const socket = getSocket();
    const markRead = () => {
      const last = viewRef.current.messages.at(-1)?.id ?? 0;
      const mark = readRef.current;
      if (document.visibilityState !== "visible" || last <= mark.sent) return;
      mark.sent = last;
      socket.emit("chat:read", { stallId, lastReadId: last }, (answer) => {
        if (!answer.ok) mark.sent = 0;
      });
    };
    markRead();
    document.addEventListener("visibilitychange", markRead);
    return () => document.removeEventListener("visibilitychange", markRead);
  }, [isMerchant, connection, newest, stallId]);

  const send = useCallback(
    (body: string) => {
      const clientKey = newClientKey();
      dispatch({
        type: "queue",
        pending: { clientKey, body, createdAt: new Date().toISOString(), status: "queued", error: null },
      });
      void flush();
    },
    [dispatch, flush],
  );

  const retry = useCallback(
    (clientKey: string) => {
      dispatch({ type: "requeue", clientKey });
      void flush();
    },
    [dispatch, flush],
  );

  const discard = useCallback(
    (clientKey: string) => {
      attempts.current.delete(clientKey);
      dispatch({ type: "discard", clientKey });
    },
    [dispatch],
  );

  const typing = useCallback(() => {
    const socket = socketRef.current;
    const now = Date.now();
    if (!loggedIn || !socket?.connected || !liveRef.current || now - lastTypingAt.current < TYPING_EVERY_MS) return;
    lastTypingAt.current = now;
    socket.emit("chat:typing", { stallId }, () => undefined);
  }, [loggedIn, stallId]);

  const loadEarlier = useCallback(async () => {
    const socket = socketRef.current;
    const oldest = viewRef.current.messages[0]?.id;
    if (!socket?.connected || oldest === undefined || loadingOlder) return;
    setLoadingOlder(true);
    try {
      const page = await ask(socket, "chat:history", { stallId, before: oldest }, timeoutMessage);
      if (page.ok) dispatch({ type: "older", history: page.data });
      else setError(page.error.message);
    } finally {
      setLoadingOlder(false);
    }
  }, [dispatch, loadingOlder, stallId, timeoutMessage]);

  const remove = useCallback(
    (messageId: number) => {
      const socket = socketRef.current;
      if (!socket?.connected) return Promise.resolve(offlineError(timeoutMessage));
      return ask(socket, "chat:delete", { messageId }, timeoutMessage).then((answer) => {
        // The broadcast removes it too; this tab need not wait for it.
        if (answer.ok) dispatch({ type: "deleted", messageId });
        return answer;
      });
    },
    [dispatch, timeoutMessage],
  );

  const mute = useCallback(
    (messageId: number, minutes: number) => {
      const socket = socketRef.current;
      if (!socket?.connected) return Promise.resolve(offlineError(timeoutMessage));
      return ask(socket, "chat:mute", { messageId, minutes }, timeoutMessage);
    },
    [timeoutMessage],
  );

  const report = useCallback(
    (messageId: number, reason: string) => {
      const socket = socketRef.current;
      if (!socket?.connected) return Promise.resolve(offlineError(timeoutMessage));
      const trimmed = reason.trim();
      return ask(socket, "chat:report", trimmed ? { messageId, reason: trimmed } : { messageId }, timeoutMessage);
    },
    [timeoutMessage],
  );

  return {
    view,
    connection,
    presence,
    you,
    mutedUntil,
    typists,
    loadingOlder,
    error,
    loadEarlier,
    send,
    retry,
    discard,
    typing,
    remove,
    mute,
    report,
  };
}

export type { AckError };
