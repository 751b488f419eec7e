// The plumbing every socket handler shares, written once: the Zod check of the payload
// (app/realtime/event-schemas.server.ts), the event limits and load shedding, the Ack and its
// error codes, the room cap. The domain modules beside this file only say what an event does.
import type { Server, Socket } from "socket.io";
import type { z } from "zod";
import { ChatMessageDeletedError } from "../../app/models/chat.server";
import {
  ChatForbiddenError,
  ChatNotFoundError,
  type ChatForbiddenReason,
} from "../../app/models/chat-moderation.server";
import { MarketClosedError } from "../../app/models/market-schedule.server";
import type { PublicUser } from "../../app/models/user.server";
import { schemas } from "../../app/realtime/event-schemas.server";
import type { Ack, AckError, ClientToServerEvents, ServerToClientEvents } from "../../app/realtime/events";
import { createTranslator, DEFAULT_LOCALE, type Locale, type MessageKey, type Translate } from "../../app/i18n";
import { forLog } from "../../app/utils/db.server";
import { formatDateTime } from "../../app/utils/format";
import type { SocketRefusal } from "../../app/utils/rate-limit.server";

// Plain data only: with the Redis adapter, fetchSockets() carries it between instances.
// sessionId names the room of the log-in the socket was opened with (rooms.session): ending the
// log-in closes the socket. `address`: the key of the client's address for the limits (its /64
// for IPv6, server/client-address.ts).
export type SocketData = { user: PublicUser | null; sessionId: string | null; locale: Locale; address: string };
/** Between instances, through the Redis adapter: a schedule was written, the leader should look. */
export type InterServerEvents = {
  "schedule:changed": () => void;
  /** A chat mute was written: drop the memo of active mutes. */
  "chat:mutes-changed": () => void;
  /** The catalogue was written: drop the memos of public reads (server/cache-announcements.ts). */
  "catalogue:changed": () => void;
};
export type ChaletIo = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type ChaletSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

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

/** What an event must pass before its handler runs: the limits (in realtime.ts) or none (a test). */
export type EventGate = {
  /** Counts the event against its socket's, address's and account's budgets; says which refused it. */
  charge(who: { socketId: string; address: string; userId: string | null }): Promise<SocketRefusal | null>;
  /** An expensive read's place, or null when the process is too busy; call the release when done. */
  admit(address: string): (() => void) | null;
};

export const openGate: EventGate = { charge: async () => null, admit: () => () => {} };

const refusalKeys: Record<SocketRefusal, MessageKey> = {
  socket: "live.error.rateLimited",
  address: "live.error.rateLimitedAddress",
  account: "live.error.rateLimitedAccount",
};

const forbiddenKeys: Record<ChatForbiddenReason, MessageKey> = {
  notModerator: "live.error.forbidden",
  self: "live.error.cannotMuteSelf",
  organiser: "live.error.cannotMuteOrganiser",
  merchant: "live.error.cannotMuteMerchant",
  notOwner: "live.error.onlyMerchantReads",
};

class RealtimeError extends Error {
  constructor(readonly error: AckError) {
    super(error.message);
  }
}

type EventName = keyof typeof schemas & keyof ClientToServerEvents;
export type Payload<E extends EventName> = z.output<(typeof schemas)[E]>;

/** What a domain module's handlers get for one socket. */
export type SocketContext = {
  socket: ChaletSocket;
  t: Translate;
  /** An instant in the socket's language, in the market's timezone. */
  formatInstant(at: Date, timeZone: string): string;
  /** Answers the event with this error. */
  fail(code: AckError["code"], message: string): never;
  notFound(): never;
  /** Registers a handler: validated, limited, answered; unexpected errors answer SERVER_ERROR. */
  handle<E extends EventName, T>(event: E, run: (payload: Payload<E>) => Promise<T>): void;
  /** Joins a room the page asked for, within MAX_ROOMS_PER_SOCKET. */
  join(room: string): Promise<void>;
  /** The signed-in user now (read again for every write), or UNAUTHENTICATED. */
  currentUser(): Promise<PublicUser>;
};

export function createSocketContext(
  socket: ChaletSocket,
  options: { gate: EventGate; currentUser: () => Promise<PublicUser | null> },
): SocketContext {
  const { gate } = options;
  const locale = socket.data.locale ?? DEFAULT_LOCALE;
  const t = createTranslator(locale);
  const fail = (code: AckError["code"], message: string): never => {
    throw new RealtimeError({ code, message });
  };
  const closedMessage = (error: MarketClosedError) =>
    error.status.closure?.reason
      ? t("live.error.marketClosedReason", { reason: error.status.closure.reason })
      : t("live.error.marketClosed");

  /** The answer a model's refusal gets; null for what is not a refusal. */
  function refusal(error: unknown): AckError | null {
    if (error instanceof RealtimeError) return error.error;
    if (error instanceof MarketClosedError) return { code: "MARKET_CLOSED", message: closedMessage(error) };
    if (error instanceof ChatForbiddenError) return { code: "FORBIDDEN", message: t(forbiddenKeys[error.reason]) };
    if (error instanceof ChatMessageDeletedError) return { code: "NOT_FOUND", message: t("live.error.messageDeleted") };
    if (error instanceof ChatNotFoundError) return { code: "NOT_FOUND", message: t("live.error.messageNotFound") };
    return null;
  }

  function handle<E extends EventName, T>(event: E, run: (payload: Payload<E>) => Promise<T>) {
    // Typed loosely on purpose: a client may send anything, and the schema decides.
    // Socket.IO passes the acknowledgement as the last argument, however many came before it:
    // a client that sends no payload, or two, still gets its answer instead of silence.
    const loose = socket as unknown as { on(event: string, listener: (...args: unknown[]) => void): void };
    const serverError = (reply: (answer: Ack<T>) => void) =>
      reply({ ok: false, error: { code: "SERVER_ERROR", message: t("live.error.server") } });
    loose.on(event, (...args) => {
      const ack = args.pop();
      const reply = typeof ack === "function" ? (ack as (answer: Ack<T>) => void) : null;
      // Every event counts, answered or not, and before it is read: one over a limit costs
      // a counter, never a handler nor a query. Its socket, its address and its account each
      // have a budget, so more sockets do not buy more events.
      const who = { socketId: socket.id, address: socket.data.address, userId: socket.data.user?.id ?? null };
      gate.charge(who).then(
        (refused) => {
          if (!reply) return; // nobody to answer; doing the work unasked helps no one
          if (refused) {
            return reply({ ok: false, error: { code: "RATE_LIMITED", message: t(refusalKeys[refused]) } });
          }
          if (!EXPENSIVE_EVENTS.has(event)) return void respond(args, reply);
          // Shed before the event loop drowns: refused at once rather than queued behind others.
          const release = gate.admit(socket.data.address);
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
        return badRequest(parsed.error.issues.map((i) => `${i.path.join(".") || "payload"}: ${i.message}`).join("; "));
      }
      return run(parsed.data as Payload<E>).then(
        (data) => reply({ ok: true, data }),
        (error: unknown) => {
          const refused = refusal(error);
          if (refused) return reply({ ok: false, error: refused });
          console.error(`socket ${event}:`, forLog(error));
          serverError(reply);
        },
      );
    }
  }

  return {
    socket,
    t,
    // "samedi 5 décembre à 11:30": a mute lasts hours or days, its year goes without saying.
    formatInstant: (at, timeZone) => formatDateTime(at, timeZone, locale),
    fail,
    notFound: () => fail("NOT_FOUND", t("live.error.notFound")),
    handle,
    async join(room) {
      // The socket's own room, its user's and its session's are the server's, not counted against the page.
      const joined = [...socket.rooms].filter(
        (r) => r !== socket.id && !r.startsWith("user:") && !r.startsWith("session:"),
      ).length;
      if (!socket.rooms.has(room) && joined >= MAX_ROOMS_PER_SOCKET) {
        fail("BAD_REQUEST", t("live.error.badRequest", { detail: "too many rooms" }));
      }
      await socket.join(room);
    },
    async currentUser() {
      const user = await options.currentUser();
      if (!user) return fail("UNAUTHENTICATED", t("live.error.unauthenticated"));
      return user;
    },
  };
}
