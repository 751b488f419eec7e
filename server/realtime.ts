// Socket.IO on the same HTTP server as the pages, authenticated by the same session cookie.
// The contract lives in app/realtime/events.ts and docs/realtime.md. This file wires the server:
// the connection cap, the cookie, the limits, the rooms a socket joins by itself, and then each
// domain's handlers (server/sockets/*.ts) on the shared plumbing of server/sockets/context.ts.
import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { chatMutesChangedElsewhere, listOwnedStallIds, onChatMutesChanged } from "../app/models/chat.server";
import { getSessionUser } from "../app/models/login-session.server";
import type { PublicUser } from "../app/models/user.server";
import { registerBroadcaster, registerDisconnecter } from "../app/realtime/broadcast.server";
import { rooms, type ConnectErrorData } from "../app/realtime/events";
import { createTranslator, DEFAULT_LOCALE, type Locale } from "../app/i18n";
import { getSessionOfRequest } from "../app/utils/auth.server";
import { forLog } from "../app/utils/db.server";
import { getLocale } from "../app/utils/i18n.server";
import { getSession } from "../app/utils/session.server";
import { createSocketEventBudgets, type SocketBudgets } from "../app/utils/rate-limit.server";
import { clientAddress, limitKey, type TrustProxy } from "./client-address";
import { createLagSampler, createLoadShedder } from "./load-shedding";
import { registerChatHandlers } from "./sockets/chat";
import { createSocketContext, type ChaletIo, type ChaletSocket, type EventGate } from "./sockets/context";
import { registerMarketHandlers, registerStockHandlers } from "./sockets/market";
import { registerMerchantHandlers } from "./sockets/merchant";
import { registerModerationHandlers } from "./sockets/moderation";
import { createPresence } from "./sockets/presence";
import type { Timers } from "../app/utils/timers";
import { createBackgroundWork } from "./sockets/background-work";

export type { ChaletIo } from "./sockets/context";
export { EXPENSIVE_EVENTS, MAX_ROOMS_PER_SOCKET } from "./sockets/context";
export { PRESENCE_COALESCE_MS } from "./sockets/presence";
export { TYPING_INTERVAL_MS } from "./sockets/chat";
export type { Timers } from "../app/utils/timers";

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

export type Realtime = {
  io: ChaletIo;
  /** Resolves once no background work of the sockets is left (coalesced presence counts, offline
   *  merchants' emails): what a test proving that nothing more happens waits for. */
  idle(): Promise<void>;
};

export function createRealtime(
  httpServer: HttpServer,
  options: { now: () => Date; limits: RealtimeLimits; /** Real ones by default. */ timers?: Timers },
): Realtime {
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

  const work = createBackgroundWork();
  const presence = createPresence(io, { timers: options.timers, work });
  const gate: EventGate = { charge: chargeSocketEvent, admit: (address) => shedder.admit(address) };

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
    sampler?.stop();
    unregister();
    unregisterDisconnecter();
    stopTellingMutes();
    presence.close();
  });

  io.on("connection", (socket) => {
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
      void owned.then((ids) => ids.forEach(presence.schedule));
    }
    // Back with its rooms from a saved session: its stalls' counts change as after a join.
    if (socket.recovered) {
      for (const room of socket.rooms) if (room.startsWith("stall:")) presence.schedule(room.slice("stall:".length));
    }
    socket.on("disconnecting", () => {
      for (const room of socket.rooms) {
        if (room.startsWith("stall:")) presence.schedule(room.slice("stall:".length));
        // Before Socket.IO saves the session for recovery (it saves the rooms left after this).
        if (!isRecoverableRoom(room, socket.id)) void socket.leave(room);
      }
      void owned.then((ids) => ids.forEach(presence.schedule));
    });

    const context = createSocketContext(socket, { gate, currentUser: sessionUserOf(socket) });
    registerMarketHandlers(context, { now });
    registerStockHandlers(context);
    registerMerchantHandlers(context);
    registerChatHandlers(context, { io, now, presence, work });
    registerModerationHandlers(context, { now });
  });

  return { io, idle: work.idle };
}

/** The user behind a socket's cookie now (a password reset ends it), read again for every write. */
function sessionUserOf(socket: ChaletSocket): () => Promise<PublicUser | null> {
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
  return async () => {
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
    return socket.data.user;
  };
}
