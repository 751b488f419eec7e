// Socket.IO on the same HTTP server as the pages, authenticated by the same session cookie.
// The contract lives in app/realtime/events.ts and docs/realtime.md; this file wires it:
// every client event is validated, answered with an Ack, and never crashes the server.
import type { Server as HttpServer } from "node:http";
import { Server, type Socket } from "socket.io";
import type { z } from "zod";
import { getChatStall, postChatMessage } from "../app/models/chat.server";
import { getMarketOpenness, MarketClosedError, type MarketOpenness } from "../app/models/market-schedule.server";
import type { PublicUser } from "../app/models/user.server";
import {
  rooms,
  schemas,
  type Ack,
  type AckError,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from "../app/realtime/events";
import { createTranslator, type Translate } from "../app/i18n";
import { getUser } from "../app/utils/auth.server";
import { getLocale } from "../app/utils/i18n.server";
import { allowSocketEvent, hitRateLimit } from "../app/utils/rate-limit.server";

type SocketData = { user: PublicUser | null; t: Translate };
/** Between instances, through the Redis adapter: a schedule was written, the leader should look. */
type InterServerEvents = { "schedule:changed": () => void };
export type ChaletIo = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type ChaletSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

// A page joins its market and maybe a stall; the home page every listed market. More is abuse.
// The per-socket event limit (SOCKET_EVENT_LIMIT in app/utils/rate-limit.server.ts) lets a page
// join and leave this many at once: change both together.
export const MAX_ROOMS_PER_SOCKET = 60;

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

export function createRealtime(httpServer: HttpServer, options: { now: () => Date }): ChaletIo {
  const { now } = options;
  const io: ChaletIo = new Server(httpServer, {
    serveClient: false,
    // Client payloads are a few hundred bytes; refuse anything near a megabyte.
    maxHttpBufferSize: 16 * 1024,
    // Cookie-authenticated: a page on another site must not open a socket as the visitor.
    // Clients that send no Origin (a town's own app, tests) are not browsers and carry no
    // ambient cookie.
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      callback(null, !origin || originHost(origin) === req.headers.host);
    },
  });

  io.use((socket, next) => {
    const request = handshakeRequest(socket);
    // Refusing the handshake would send the error's text to the visitor (a database error names
    // tables and files) and its client would never retry: connect as anonymous instead, which
    // reads but cannot write; chat:send reads the cookie again and finds the user once it can.
    const user = getUser(request).catch((error: unknown) => {
      console.error("socket handshake: the session's user could not be read:", error);
      return null;
    });
    Promise.all([user, getLocale(request)]).then(
      ([user, locale]) => {
        socket.data.user = user;
        socket.data.t = createTranslator(locale);
        next();
      },
      (error: unknown) => {
        console.error("socket handshake:", error);
        next(new Error("server error"));
      },
    );
  });

  io.on("connection", (socket) => {
    const { t } = socket.data;
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
        // Every event counts, answered or not, and before it is read: one over the limit costs
        // a counter, never a handler nor a query.
        allowSocketEvent(socket.id).then(
          (allowed) => {
            if (!reply) return; // nobody to answer; doing the work unasked helps no one
            if (allowed) return respond(args, reply);
            reply({ ok: false, error: { code: "RATE_LIMITED", message: t("live.error.rateLimited") } });
          },
          (error: unknown) => {
            console.error(`socket ${event}: rate limit:`, error);
            if (reply) serverError(reply);
          },
        );
      });

      function respond(args: unknown[], reply: (answer: Ack<T>) => void) {
        const badRequest = (detail: string) =>
          reply({ ok: false, error: { code: "BAD_REQUEST", message: t("live.error.badRequest", { detail }) } });
        if (args.length !== 1) return badRequest(`payload: Expected one payload, received ${args.length}`);
        const parsed = schemas[event].safeParse(args[0]);
        if (!parsed.success) {
          return badRequest(
            parsed.error.issues.map((i) => `${i.path.join(".") || "payload"}: ${i.message}`).join("; "),
          );
        }
        run(parsed.data as z.output<(typeof schemas)[E]>).then(
          (data) => reply({ ok: true, data }),
          (error: unknown) => {
            if (error instanceof RealtimeError) return reply({ ok: false, error: error.error });
            if (error instanceof MarketClosedError) {
              return reply({ ok: false, error: { code: "MARKET_CLOSED", message: closedError(error.status) } });
            }
            console.error(`socket ${event}:`, error);
            serverError(reply);
          },
        );
      }
    }

    const join = async (room: string) => {
      if (!socket.rooms.has(room) && socket.rooms.size > MAX_ROOMS_PER_SOCKET) {
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

    handle("stall:join", async ({ stallId }) => {
      const stall = await getChatStall(stallId);
      if (!stall) return fail("NOT_FOUND", t("live.error.notFound"));
      await join(rooms.stall(stallId));
      return { stallId, marketId: stall.marketId };
    });

    handle("stall:leave", async ({ stallId }) => {
      await socket.leave(rooms.stall(stallId));
      return null;
    });

    handle("chat:send", async ({ stallId, body }) => {
      // The cookie is read again for every message, not trusted from the handshake: a password
      // reset (sessionVersion bumped) must silence the sockets already open with the old session.
      // A socket anonymous only because its user could not be read at the handshake gets it now.
      if (socket.data.user || socket.handshake.headers.cookie)
        socket.data.user = await getUser(handshakeRequest(socket));
      const { user } = socket.data;
      if (!user) return fail("UNAUTHENTICATED", t("live.error.unauthenticated"));
      // Keyed by the user, not the socket: opening more tabs does not let anyone write faster.
      // Every attempt counts, before the stall is read, so a flood costs no more queries.
      const wait = await hitRateLimit("chat", user.id);
      if (wait !== null) {
        return fail(
          "RATE_LIMITED",
          wait === 1 ? t("live.error.chatRateLimitedOne") : t("live.error.chatRateLimited", { seconds: wait }),
        );
      }
      const stall = await getChatStall(stallId);
      if (!stall) return fail("NOT_FOUND", t("live.error.notFound"));
      const message = await postChatMessage(stall, user, body, now());
      io.to(rooms.stall(stallId)).emit("chat:message", message);
      return message;
    });
  });

  return io;
}
