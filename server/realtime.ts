// Socket.IO on the same HTTP server as the pages, authenticated by the same session cookie.
// The contract lives in app/realtime/events.ts and docs/realtime.md; this file wires it:
// every client event is validated, answered with an Ack, and never crashes the server.
import type { Server as HttpServer } from "node:http";
import { Server, type Socket } from "socket.io";
import type { z } from "zod";
import {
  chatMutesChangedElsewhere,
  ChatKeyReusedError,
  ChatMessageDeletedError,
  ChatMutedError,
  onChatMutesChanged,
  findChatMessageByKey,
  getChatHistory,
  chatGate,
  getChatStall,
  listOwnedStallIds,
  storeChatMessage,
  type ChatStall,
} from "../app/models/chat.server";
import { markChatRead, notifyOfflineMerchant } from "../app/models/chat-inbox.server";
import {
  canModerateStall,
  ChatForbiddenError,
  ChatNotFoundError,
  deleteChatMessage,
  getActiveMute,
  muteChatAuthor,
  reportChatMessage,
  type ChatForbiddenReason,
} from "../app/models/chat-moderation.server";
import { getMarketOpenness, MarketClosedError, type MarketOpenness } from "../app/models/market-schedule.server";
import { getMarketStock } from "../app/models/product.server";
import { getSessionUser } from "../app/models/login-session.server";
import type { PublicUser } from "../app/models/user.server";
import { registerBroadcaster, registerDisconnecter } from "../app/realtime/broadcast.server";
import { schemas } from "../app/realtime/event-schemas.server";
import {
  rooms,
  type Ack,
  type AckError,
  type ChatPresence,
  type ClientToServerEvents,
  type ConnectErrorData,
  type ServerToClientEvents,
} from "../app/realtime/events";
import { createTranslator, DEFAULT_LOCALE, intlLocale, type Locale, type MessageKey } from "../app/i18n";
import { getSessionOfRequest } from "../app/utils/auth.server";
import { forLog } from "../app/utils/db.server";
import { getLocale } from "../app/utils/i18n.server";
import { getSession } from "../app/utils/session.server";
import {
  createSocketEventBudgets,
  hitRateLimit,
  refundRateLimit,
  type SocketBudgets,
  type SocketRefusal,
} from "../app/utils/rate-limit.server";
import { clientAddress, limitKey, type TrustProxy } from "./client-address";
import { createLagSampler, createLoadShedder } from "./load-shedding";

// Plain data only: with the Redis adapter, fetchSockets() carries it between instances.
// sessionId names the room of the log-in the socket was opened with (rooms.session): ending the
// log-in closes the socket. `address`: the key of the client's address for the limits (its /64
// for IPv6, server/client-address.ts).
type SocketData = { user: PublicUser | null; sessionId: string | null; locale: Locale; address: string };
/** Between instances, through the Redis adapter: a schedule was written, the leader should look. */
type InterServerEvents = {
  "schedule:changed": () => void;
  /** A chat mute was written: drop the memo of active mutes. */
  "chat:mutes-changed": () => void;
  /** The catalogue was written: drop the memos of public reads (server/cache-announcements.ts). */
  "catalogue:changed": () => void;
};
export type ChaletIo = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type ChaletSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/**
 * How long a browser that lost its connection can come back (to any instance, through the Redis
 * Streams adapter) and get its public rooms and the events it missed (connection state recovery).
 */
export const RECOVERY_WINDOW_MS = 2 * 60_000;

/**
 * Rooms a recovered socket gets back: the public ones (a market, a stall's chat) and its own. The
 * private ones (its user's, its log-in's, a merchant's orders) are left before its session is
 * saved, so that a log-in ended while the browser was away does not come back with their missed
 * events; the connection joins them again from the cookie, and the pages' hooks rejoin the rest.
 */
const isRecoverableRoom = (room: string, socketId: string) =>
  room === socketId || room.startsWith("market:") || room.startsWith("stall:");

/** Presence changes (joins, leaves, the merchant coming and going) are told at most this often per stall. */
export const PRESENCE_COALESCE_MS = 500;
/** A socket's typing is forwarded at most once per this interval. */
export const TYPING_INTERVAL_MS = 2_000;

const forbiddenKeys: Record<ChatForbiddenReason, MessageKey> = {
  notModerator: "live.error.forbidden",
  self: "live.error.cannotMuteSelf",
  organiser: "live.error.cannotMuteOrganiser",
  merchant: "live.error.cannotMuteMerchant",
  notOwner: "live.error.onlyMerchantReads",
};

// A page joins its market and maybe a stall; the home page every listed market. More is abuse.
// The per-socket event limit (SOCKET_EVENT_LIMIT in app/utils/rate-limit.server.ts) lets a page
// join and leave this many at once: change both together.
export const MAX_ROOMS_PER_SOCKET = 60;

/**
 * Reads that cost a query or a count across instances: refused with BUSY first when this process
 * is overloaded (server/load-shedding.ts). Leaves, typing and writes are cheap or already limited.
 */
export const EXPENSIVE_EVENTS: ReadonlySet<string> = new Set([
  "chat:history",
  "stock:get",
  "stall:join",
  "market:join",
]);

/** What protects the process from one client's flood; defaults from env.server.ts (docs/realtime.md). */
export type RealtimeLimits = {
  trustProxy: TrustProxy;
  /** Open sockets per client address. Infinity: no cap (only the flood benchmark's "before"). */
  maxConnectionsPerAddress: number;
  /** Client events per 10 s, per address and per account. */
  budgets: SocketBudgets;
  /** Expensive reads running at once in this process, and from one address. */
  expensiveInFlight: number;
  expensiveInFlightPerAddress: number;
  /** Event-loop delay over which expensive reads answer BUSY. */
  shedDelayMs: number;
  /** This process's event-loop delay now (ms); defaults to a lag sampler. Tests inject it. */
  eventLoopDelayMs?: () => number;
};

const refusalKeys: Record<SocketRefusal, MessageKey> = {
  socket: "live.error.rateLimited",
  address: "live.error.rateLimitedAddress",
  account: "live.error.rateLimitedAccount",
};

class RealtimeError extends Error {
  constructor(readonly error: AckError) {
    super(error.message);
  }
}

/**
 * The host an Origin header names, or null when it names none: browsers send the opaque origin
 * "null" from sandboxed frames and file: pages, and a forged header may be anything. Parsing must
 * not throw here: allowRequest runs in the HTTP server's upgrade and request listeners, where an
 * exception is uncaught and ends the process (one `Origin: null` request took the site down).
 */
function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/** A Fetch Request carrying the handshake's headers, so the page helpers read the cookie. */
function handshakeRequest(socket: ChaletSocket): Request {
  const headers = new Headers();
  for (const name of ["cookie", "accept-language"]) {
    const value = socket.handshake.headers[name];
    if (typeof value === "string") headers.set(name, value);
  }
  return new Request("http://socket.invalid/", { headers });
}

export function createRealtime(httpServer: HttpServer, options: { now: () => Date; limits: RealtimeLimits }): ChaletIo {
  const { now, limits } = options;
  const chargeSocketEvent = createSocketEventBudgets(limits.budgets);
  const sampler = limits.eventLoopDelayMs ? null : createLagSampler();
  const shedder = createLoadShedder({
    maxInFlight: limits.expensiveInFlight,
    maxInFlightPerAddress: limits.expensiveInFlightPerAddress,
    maxDelayMs: limits.shedDelayMs,
    delayMs: limits.eventLoopDelayMs ?? sampler!.delayMs,
  });
  const io: ChaletIo = new Server(httpServer, {
    serveClient: false,
    // Client payloads are a few hundred bytes; refuse anything near a megabyte.
    maxHttpBufferSize: 16 * 1024,
    // A browser back within the window gets its public rooms and missed events, on any instance
    // (docs/realtime.md). The middlewares run again: the connection cap counts it, and the cookie,
    // not the saved session, says who it is now.
    connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_WINDOW_MS, skipMiddlewares: false },
    // Cookie-authenticated: a page on another site must not open a socket as the visitor.
    // Clients that send no Origin (a town's own app, tests) are not browsers and carry no
    // ambient cookie.
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      callback(null, !origin || originHost(origin) === req.headers.host);
    },
  });

  // The connection cap, before anything that reads the database: counted per transport connection
  // (one per tab), from the handshake to the connection's close, whatever happens in between.
  const openPerAddress = new Map<string, number>();
  const counted = new WeakSet<object>();
  io.use((socket, next) => {
    const address = limitKey(clientAddress(socket.request, limits.trustProxy));
    socket.data.address = address;
    const conn = socket.conn;
    if (counted.has(conn)) return next();
    const open = openPerAddress.get(address) ?? 0;
    if (open >= limits.maxConnectionsPerAddress) {
      const refuse = (locale: Locale) => {
        const message = createTranslator(locale)("live.error.tooManyConnections");
        const data: ConnectErrorData = { code: "TOO_MANY_CONNECTIONS" };
        next(Object.assign(new Error(message), { data }));
        // A client that ignores the refusal would keep its transport open: close it once the
        // refusal has gone out (close() waits for what is buffered).
        setImmediate(() => conn.close());
      };
      getLocale(handshakeRequest(socket)).then(refuse, () => refuse(DEFAULT_LOCALE));
      return;
    }
    counted.add(conn);
    openPerAddress.set(address, open + 1);
    conn.once("close", () => {
      const left = (openPerAddress.get(address) ?? 1) - 1;
      if (left > 0) openPerAddress.set(address, left);
      else openPerAddress.delete(address);
    });
    next();
  });

  io.use((socket, next) => {
    const request = handshakeRequest(socket);
    // Refusing the handshake would send the error's text to the visitor (a database error names
    // tables and files) and its client would never retry: connect as anonymous instead, which
    // reads but cannot write; chat:send reads the cookie again and finds the user once it can.
    const session = getSessionOfRequest(request).catch((error: unknown) => {
      console.error("socket handshake: the session's user could not be read:", forLog(error));
      return null;
    });
    Promise.all([session, getLocale(request)]).then(
      ([session, locale]) => {
        socket.data.user = session?.user ?? null;
        socket.data.sessionId = session?.sessionId ?? null;
        socket.data.locale = locale;
        next();
      },
      (error: unknown) => {
        console.error("socket handshake:", error);
        next(new Error("server error"));
      },
    );
  });

  // Presence: each stall's count is computed from every instance's sockets (fetchSockets goes
  // through the adapter) at most once per PRESENCE_COALESCE_MS after something happened there.
  // It is told even when this instance told the same count last time: another instance may have
  // told a different one since, so "unchanged" is not something one instance can know.
  const presenceTimers = new Map<string, NodeJS.Timeout>();
  /** The last count told per stall with anyone in it: what a join answers without a new count. */
  const lastPresence = new Map<string, ChatPresence>();
  let closed = false;

  async function computePresence(stall: ChatStall): Promise<ChatPresence> {
    const [inRoom, merchant] = await Promise.all([
      io.in(rooms.stall(stall.id)).fetchSockets(),
      io.in(rooms.user(stall.ownerId)).fetchSockets(),
    ]);
    const accounts = new Set<string>();
    let anonymous = 0;
    for (const s of inRoom) {
      const userId = s.data.user?.id;
      if (!userId) anonymous++;
      else if (userId !== stall.ownerId) accounts.add(userId);
    }
    return { stallId: stall.id, visitors: accounts.size + anonymous, merchantOnline: merchant.length > 0 };
  }

  function schedulePresence(stallId: string) {
    if (closed || presenceTimers.has(stallId)) return;
    const timer = setTimeout(() => {
      presenceTimers.delete(stallId);
      if (closed) return;
      void (async () => {
        const stall = await getChatStall(stallId);
        if (!stall) return;
        const presence = await computePresence(stall);
        if (io.of("/").adapter.rooms.get(rooms.stall(stallId))?.size) lastPresence.set(stallId, presence);
        else lastPresence.delete(stallId);
        io.to(rooms.stall(stallId)).emit("presence:count", presence);
      })().catch((error: unknown) => console.error(`presence of stall ${stallId}:`, error));
    }, PRESENCE_COALESCE_MS);
    presenceTimers.set(stallId, timer);
  }

  /**
   * What a join answers: the count told last (at most PRESENCE_COALESCE_MS old, and the join
   * schedules a new one), else a count now. Counting asks every instance; when one does not answer
   * (a deploy), the join still succeeds with this instance's count and the next one corrects it.
   */
  async function presenceForJoin(stall: ChatStall): Promise<ChatPresence> {
    const known = lastPresence.get(stall.id);
    if (known) return known;
    try {
      return await computePresence(stall);
    } catch (error) {
      console.error(`presence of stall ${stall.id}: counting across instances failed:`, error);
      const local = [...(io.of("/").adapter.rooms.get(rooms.stall(stall.id)) ?? [])]
        .map((id) => io.of("/").sockets.get(id)?.data.user?.id ?? id)
        .filter((id) => id !== stall.ownerId);
      return {
        stallId: stall.id,
        visitors: new Set(local).size,
        merchantOnline: Boolean(io.of("/").adapter.rooms.get(rooms.user(stall.ownerId))?.size),
      };
    }
  }

  /**
   * The merchant is on the site when any of their sockets is, on any instance. Not memoised: a
   * merchant who just closed their last tab elsewhere must get the email for the next message.
   */
  async function isOnline(userId: string): Promise<boolean> {
    const room = rooms.user(userId);
    if (io.of("/").adapter.rooms.get(room)?.size) return true;
    return (await io.in(room).fetchSockets()).length > 0;
  }

  const unregister = registerBroadcaster((to, event, ...args) => {
    (io.to(to) as unknown as { emit(event: string, ...args: unknown[]): void }).emit(event, ...args);
  });
  // An ended log-in (log-out, log out everywhere, password reset): its sockets close on every
  // instance. Their clients reconnect with the same cookie and are anonymous from then on.
  const unregisterDisconnecter = registerDisconnecter((sessionRooms) => io.in(sessionRooms).disconnectSockets(true));
  // A mute written here is told to the other instances (none without the Redis adapter).
  const stopTellingMutes = onChatMutesChanged(() => {
    io.of("/")
      .adapter.serverCount()
      .then((servers) => {
        if (servers > 1) io.serverSideEmit("chat:mutes-changed");
      })
      .catch((error: unknown) => console.error("chat: telling other instances of a mute failed:", error));
  });
  io.on("chat:mutes-changed", () => chatMutesChangedElsewhere());
  httpServer.once("close", () => {
    closed = true;
    sampler?.stop();
    unregister();
    unregisterDisconnecter();
    stopTellingMutes();
    for (const timer of presenceTimers.values()) clearTimeout(timer);
    presenceTimers.clear();
  });

  io.on("connection", (socket) => {
    const t = createTranslator(socket.data.locale ?? DEFAULT_LOCALE);
    const formatInstant = (at: Date, timeZone: string) =>
      new Intl.DateTimeFormat(intlLocale(socket.data.locale ?? DEFAULT_LOCALE), {
        dateStyle: "long",
        timeStyle: "short",
        timeZone,
      }).format(at);
    let lastTypingAt = Number.NEGATIVE_INFINITY;

    // Every signed-in socket hears its user's news (inbox, read marks, mutes) wherever it is; a
    // merchant's coming and going changes the presence shown in their stalls' rooms.
    let owned: Promise<string[]> = Promise.resolve([]);
    const initialUser = socket.data.user;
    if (initialUser) {
      void socket.join(rooms.user(initialUser.id));
      if (socket.data.sessionId) void socket.join(rooms.session(socket.data.sessionId));
      owned = listOwnedStallIds(initialUser.id).catch((error: unknown) => {
        console.error("socket: the user's stalls could not be read:", error);
        return [];
      });
      void owned.then((ids) => ids.forEach(schedulePresence));
    }
    // Back with its rooms from a saved session: its stalls' counts change as after a join.
    if (socket.recovered) {
      for (const room of socket.rooms) if (room.startsWith("stall:")) schedulePresence(room.slice("stall:".length));
    }
    socket.on("disconnecting", () => {
      for (const room of socket.rooms) {
        if (room.startsWith("stall:")) schedulePresence(room.slice("stall:".length));
        // Before Socket.IO saves the session for recovery (it saves the rooms left after this).
        if (!isRecoverableRoom(room, socket.id)) void socket.leave(room);
      }
      void owned.then((ids) => ids.forEach(schedulePresence));
    });

    // The cookie a socket carries cannot change while it is open: its signature is checked once,
    // and each write reads the session's row again (getSessionOfRequest's two steps).
    let session: Promise<string | null> | null = null;
    const readSession = () =>
      (session ??= getSession(handshakeRequest(socket)).then(
        (s) => {
          const token = s.get("sid");
          return typeof token === "string" ? token : null;
        },
        (error: unknown) => {
          session = null;
          throw error;
        },
      ));
    if (socket.data.sessionId) {
      // A session ended between the handshake's read and the join above closed nothing here:
      // look once more, now that the socket is in its session's room.
      void readSession()
        .then((token) => (token ? getSessionUser(token, new Date()) : null))
        .then(
          (current) => {
            if (!current) socket.disconnect(true);
          },
          (error: unknown) => console.error("socket: the session could not be read again:", error),
        );
    }

    /** The user behind the cookie now (a password reset ends it), for every write. */
    async function currentUser(): Promise<PublicUser> {
      // The user is read again for every write, not trusted from the handshake: an ended session
      // closes its sockets (rooms.session), and should a close be lost (Redis down), its writes
      // are still refused here. A socket anonymous only because its user could not be read at the
      // handshake gets it now.
      if (socket.data.user || socket.handshake.headers.cookie) {
        const before = socket.data.user;
        const token = await readSession();
        const current = token ? await getSessionUser(token, new Date()) : null;
        const user = current?.user ?? null;
        socket.data.user = user;
        if (before && before.id !== user?.id) await socket.leave(rooms.user(before.id));
        if (user && before?.id !== user.id) await socket.join(rooms.user(user.id));
        if (current && socket.data.sessionId !== current.sessionId) {
          socket.data.sessionId = current.sessionId;
          await socket.join(rooms.session(current.sessionId));
        }
      }
      const { user } = socket.data;
      if (!user) return fail("UNAUTHENTICATED", t("live.error.unauthenticated"));
      return user;
    }
    const fail = (code: AckError["code"], message: string): never => {
      throw new RealtimeError({ code, message });
    };
    const closedError = (status: MarketOpenness) =>
      status.closure?.reason
        ? t("live.error.marketClosedReason", { reason: status.closure.reason })
        : t("live.error.marketClosed");

    /** Validates, runs and answers one client event; unexpected errors answer SERVER_ERROR. */
    function handle<E extends keyof typeof schemas & keyof ClientToServerEvents, T>(
      event: E,
      run: (payload: z.output<(typeof schemas)[E]>) => Promise<T>,
    ) {
      // Typed loosely on purpose: a client may send anything, and the schema decides.
      // Socket.IO passes the acknowledgement as the last argument, however many came before it:
      // a client that sends no payload, or two, still gets its answer instead of silence.
      const loose = socket as unknown as {
        on(event: string, listener: (...args: unknown[]) => void): void;
      };
      const serverError = (reply: (answer: Ack<T>) => void) =>
        reply({ ok: false, error: { code: "SERVER_ERROR", message: t("live.error.server") } });
      loose.on(event, (...args) => {
        const ack = args.pop();
        const reply = typeof ack === "function" ? (ack as (answer: Ack<T>) => void) : null;
        // Every event counts, answered or not, and before it is read: one over a limit costs
        // a counter, never a handler nor a query. Its socket, its address and its account each
        // have a budget, so more sockets do not buy more events.
        const who = { socketId: socket.id, address: socket.data.address, userId: socket.data.user?.id ?? null };
        chargeSocketEvent(who).then(
          (refusal) => {
            if (!reply) return; // nobody to answer; doing the work unasked helps no one
            if (refusal) {
              return reply({ ok: false, error: { code: "RATE_LIMITED", message: t(refusalKeys[refusal]) } });
            }
            if (!EXPENSIVE_EVENTS.has(event)) return void respond(args, reply);
            // Shed before the event loop drowns: refused at once rather than queued behind others.
            const release = shedder.admit(socket.data.address);
            if (!release) return reply({ ok: false, error: { code: "BUSY", message: t("live.error.busy") } });
            void respond(args, reply).finally(release);
          },
          (error: unknown) => {
            console.error(`socket ${event}: rate limit:`, error);
            if (reply) serverError(reply);
          },
        );
      });

      /** Settles once answered, never rejects. */
      async function respond(args: unknown[], reply: (answer: Ack<T>) => void): Promise<void> {
        const badRequest = (detail: string) =>
          reply({ ok: false, error: { code: "BAD_REQUEST", message: t("live.error.badRequest", { detail }) } });
        if (args.length !== 1) return badRequest(`payload: Expected one payload, received ${args.length}`);
        const parsed = schemas[event].safeParse(args[0]);
        if (!parsed.success) {
          return badRequest(
            parsed.error.issues.map((i) => `${i.path.join(".") || "payload"}: ${i.message}`).join("; "),
          );
        }
        return run(parsed.data as z.output<(typeof schemas)[E]>).then(
          (data) => reply({ ok: true, data }),
          (error: unknown) => {
            if (error instanceof RealtimeError) return reply({ ok: false, error: error.error });
            if (error instanceof MarketClosedError) {
              return reply({ ok: false, error: { code: "MARKET_CLOSED", message: closedError(error.status) } });
            }
            if (error instanceof ChatForbiddenError) {
              return reply({ ok: false, error: { code: "FORBIDDEN", message: t(forbiddenKeys[error.reason]) } });
            }
            if (error instanceof ChatMessageDeletedError) {
              return reply({ ok: false, error: { code: "NOT_FOUND", message: t("live.error.messageDeleted") } });
            }
            if (error instanceof ChatNotFoundError) {
              return reply({ ok: false, error: { code: "NOT_FOUND", message: t("live.error.messageNotFound") } });
            }
            console.error(`socket ${event}:`, forLog(error));
            serverError(reply);
          },
        );
      }
    }

    const join = async (room: string) => {
      // The socket's own room, its user's and its session's are the server's, not counted against the page.
      const joined = [...socket.rooms].filter(
        (r) => r !== socket.id && !r.startsWith("user:") && !r.startsWith("session:"),
      ).length;
      if (!socket.rooms.has(room) && joined >= MAX_ROOMS_PER_SOCKET) {
        fail("BAD_REQUEST", t("live.error.badRequest", { detail: "too many rooms" }));
      }
      await socket.join(room);
    };

    handle("market:join", async ({ marketId }) => {
      const status = await getMarketOpenness(marketId, now());
      if (!status?.published) return fail("NOT_FOUND", t("live.error.notFound"));
      await join(rooms.market(marketId));
      return { marketId, open: status.open, nextTransitionAt: status.nextTransitionAt, closure: status.closure };
    });

    handle("market:leave", async ({ marketId }) => {
      await socket.leave(rooms.market(marketId));
      return null;
    });

    handle("stock:get", async ({ marketId }) => {
      const products = await getMarketStock(marketId);
      if (!products) return fail("NOT_FOUND", t("live.error.notFound"));
      return { marketId, products };
    });

    handle("merchant:join", async ({ stallId }) => {
      const user = await currentUser();
      const stall = await getChatStall(stallId);
      if (!stall) return fail("NOT_FOUND", t("live.error.notFound"));
      if (stall.ownerId !== user.id) return fail("FORBIDDEN", t("live.error.onlyMerchantOrders"));
      await join(rooms.merchant(stallId));
      return { stallId };
    });

    handle("merchant:leave", async ({ stallId }) => {
      await socket.leave(rooms.merchant(stallId));
      return null;
    });

    handle("stall:join", async ({ stallId }) => {
      const stall = await getChatStall(stallId);
      if (!stall) return fail("NOT_FOUND", t("live.error.notFound"));
      await join(rooms.stall(stallId));
      schedulePresence(stallId);
      const { user } = socket.data;
      const [presence, canModerate, mutedUntil] = await Promise.all([
        presenceForJoin(stall),
        user ? canModerateStall(user.id, stall) : false,
        user ? getActiveMute(stall.marketId, user.id, now()) : null,
      ]);
      return {
        stallId,
        marketId: stall.marketId,
        presence,
        you: {
          userId: user?.id ?? null,
          isMerchant: user !== null && user.id === stall.ownerId,
          canModerate,
          mutedUntil: mutedUntil?.toISOString() ?? null,
        },
      };
    });

    handle("stall:leave", async ({ stallId }) => {
      if (socket.rooms.has(rooms.stall(stallId))) {
        await socket.leave(rooms.stall(stallId));
        schedulePresence(stallId);
      }
      return null;
    });

    handle("chat:history", async ({ stallId, before, after, from }) => {
      const stall = await getChatStall(stallId);
      if (!stall) return fail("NOT_FOUND", t("live.error.notFound"));
      return getChatHistory(stall, { before, after, from });
    });

    handle("chat:send", async ({ stallId, body, clientKey }) => {
      const user = await currentUser();
      /** A resend of a message already stored answers it, whatever would refuse a new one. */
      const stored = async () => {
        if (!clientKey) return null;
        const stall = await getChatStall(stallId);
        return stall && findChatMessageByKey(stall, user.id, clientKey);
      };
      // Keyed by the user, not the socket: opening more tabs does not let anyone write faster.
      // Every attempt counts, before the stall is read, so a flood costs no more queries.
      const wait = await hitRateLimit("chat", user.id);
      if (wait !== null) {
        const already = await stored();
        if (already) return already;
        return fail(
          "RATE_LIMITED",
          wait === 1 ? t("live.error.chatRateLimitedOne") : t("live.error.chatRateLimited", { seconds: wait }),
        );
      }
      const stall = await getChatStall(stallId);
      if (!stall) return fail("NOT_FOUND", t("live.error.notFound"));
      let result;
      try {
        result = await storeChatMessage(stall, user, body, now(), clientKey);
      } catch (error) {
        const already = error instanceof ChatMutedError || error instanceof MarketClosedError ? await stored() : null;
        if (already) {
          await refundRateLimit("chat", user.id);
          return already;
        }
        if (error instanceof ChatMutedError) {
          return fail("MUTED", t("live.error.muted", { until: formatInstant(error.until, stall.timezone) }));
        }
        if (error instanceof ChatKeyReusedError) {
          return fail(
            "BAD_REQUEST",
            t("live.error.badRequest", { detail: "clientKey: already used in another stall" }),
          );
        }
        throw error;
      }
      const { message, duplicate } = result;
      if (duplicate) {
        // Not a new message: it neither counts against the limit nor is told twice.
        await refundRateLimit("chat", user.id);
        return message;
      }
      // One emit to both rooms: a socket in both (the merchant on their own stall) hears it once.
      io.to([rooms.stall(stallId), rooms.user(stall.ownerId)]).emit("chat:message", message);
      // A merchant with a page open on this instance is online: no need to ask further.
      if (user.id !== stall.ownerId && !io.of("/").adapter.rooms.get(rooms.user(stall.ownerId))?.size) {
        // The visitor's answer does not wait for the merchant's email.
        notifyOfflineMerchant(stall.id, message, now(), () => isOnline(stall.ownerId)).catch((error: unknown) =>
          console.error(`chat: the offline notice for stall ${stall.id} failed:`, error),
        );
      }
      return message;
    });

    handle("chat:typing", async ({ stallId }) => {
      if (!socket.data.user) return fail("UNAUTHENTICATED", t("live.error.unauthenticated"));
      if (!socket.rooms.has(rooms.stall(stallId))) return fail("FORBIDDEN", t("live.error.joinFirst"));
      const at = now().getTime();
      // Accepted but not forwarded within the interval (a clock set back starts it again).
      if (at >= lastTypingAt && at - lastTypingAt < TYPING_INTERVAL_MS) return null;
      lastTypingAt = at;
      // Whoever may not write may not look as if they were writing: a reset session, a muted
      // author, a closed market. The openness and the mutes are memoised: this costs one query.
      const user = await currentUser();
      const stall = await getChatStall(stallId);
      if (!stall) return fail("NOT_FOUND", t("live.error.notFound"));
      const mutedUntil = await chatGate(stall, user.id, now());
      if (mutedUntil) return fail("MUTED", t("live.error.muted", { until: formatInstant(mutedUntil, stall.timezone) }));
      socket.to(rooms.stall(stallId)).emit("chat:typing", {
        stallId,
        author: { id: user.id, name: user.name, isMerchant: user.id === stall.ownerId },
      });
      return null;
    });

    handle("chat:delete", async ({ messageId }) => deleteChatMessage(await currentUser(), messageId, now()));

    handle("chat:mute", async ({ messageId, minutes }) => {
      const mute = await muteChatAuthor(await currentUser(), messageId, minutes, now());
      return { ...mute, until: mute.until.toISOString() };
    });

    handle("chat:report", async ({ messageId, reason }) => {
      await reportChatMessage(await currentUser(), messageId, reason ?? "", now());
      return null;
    });

    handle("chat:read", async ({ stallId, lastReadId }) => {
      const user = await currentUser();
      return markChatRead(user.id, stallId, lastReadId);
    });
  });

  return io;
}
