// The Socket.IO contract, shared by the browser and the server (and documented in
// docs/realtime.md for a town's own app). Names are `resource:verb`. Every client event carries
// one payload, checked by the server with its Zod schema (event-schemas.server.ts, whose types
// only are read here), and an acknowledgement callback answered with an Ack. Nothing here
// imports server code.
import type { z } from "zod";
import type { schemas } from "./event-schemas.server";

export const CHAT_MAX_LENGTH = 500;

/** Messages returned by a join, by "load earlier", and at most per catch-up answer. */
export const CHAT_PAGE_SIZE = 50;
export const CHAT_CATCH_UP_LIMIT = 200;
/** Mutes last 5 minutes to 7 days. */
export const CHAT_MUTE_MINUTES = { min: 5, max: 7 * 24 * 60 } as const;

export type ErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "MARKET_CLOSED"
  | "MUTED"
  | "RATE_LIMITED"
  /** The server sheds load: an expensive read refused for now, to be asked again in a moment. */
  | "BUSY"
  | "SERVER_ERROR";

export type AckError = { code: ErrorCode; message: string };

/**
 * Refusals that pass (too many events at once, a busy server, a server error): the browser asks
 * again a little later instead of showing them as a failure.
 */
export function isPassingRefusal(code: ErrorCode): boolean {
  return code === "RATE_LIMITED" || code === "BUSY" || code === "SERVER_ERROR";
}

/** `data` of the connect_error a refused handshake gets; its `message` is for people. */
export type ConnectErrorData = {
  /** Too many sockets open from the client's address (SOCKET_MAX_PER_ADDRESS). */
  code: "TOO_MANY_CONNECTIONS";
};
export type Ack<T> = { ok: true; data: T } | { ok: false; error: AckError };
export type AckCallback<T> = (answer: Ack<T>) => void;

/**
 * Sent to `market:<id>` when the market opens or closes (schedule, catch-up or organiser), and as
 * session:updated when only the time of its next change moved.
 */
export type SessionTransitionEvent = {
  marketId: string;
  open: boolean;
  /** The scheduled instant of the change (session start or end, or the organiser's action). */
  at: string;
  /** When the server announced it; `announcedAt - at` is the lateness. */
  announcedAt: string;
  /** The session that caused it; null when an organiser's override did. */
  sessionId: string | null;
  /** SCHEDULE on time, CATCH_UP after the server was down, OVERRIDE by an organiser. */
  cause: "SCHEDULE" | "CATCH_UP" | "OVERRIDE";
  /** When the market next opens or closes, or null if nothing more is scheduled. */
  nextTransitionAt: string | null;
  /** Set when an organiser closed the market early: the reason shown to visitors. */
  closure: { reason: string; since: string } | null;
};

export type ChatAuthor = {
  id: string;
  /** A visitor's first name and initial ("Lucas M."), never the full name; the stall's merchant in full (chatAuthorName). */
  name: string;
  /** The stall's merchant: highlighted in the room. */
  isMerchant: boolean;
};

export type ChatMessageDto = {
  /** A sequence per server: larger is later. A reconnecting client asks for what is after its last. */
  id: number;
  stallId: string;
  body: string;
  createdAt: string;
  author: ChatAuthor;
  /** The sender's idempotency key, so the sending tab matches the stored message to its draft. */
  clientKey: string | null;
};

export type ChatPresence = {
  stallId: string;
  /** People looking at the stall now, the merchant excepted: one per account, one per anonymous tab. */
  visitors: number;
  /** The stall's merchant has the site open somewhere (any page, any tab). */
  merchantOnline: boolean;
};

export type StallJoined = {
  stallId: string;
  marketId: string;
  presence: ChatPresence;
  you: {
    userId: string | null;
    /** This user owns the stall: their messages are the merchant's, and they keep read marks. */
    isMerchant: boolean;
    /** The stall's merchant or an organiser of its market: may delete messages and mute authors. */
    canModerate: boolean;
    /** Set while this user is muted in the stall's market. */
    mutedUntil: string | null;
  };
};

export type ChatHistory = {
  /** Oldest first. */
  messages: ChatMessageDto[];
  /** With `before` (or neither): there are older messages. With `after`: more came since, ask again. */
  more: boolean;
  /** With `after` and `from`: ids between `from` and `after` deleted meanwhile. */
  deletedIds: number[];
};

/** A product's stock as the server last wrote it. `stockVersion` only grows: drop older news. */
export type StockLevel = { productId: string; stallId: string; stock: number; stockVersion: number };

/**
 * To market:<id> and to the stall:<id> rooms concerned: the latest level of each product whose
 * stock changed (a reservation, a release, a payment taken again, a refund, a merchant's edit),
 * coalesced per market over STOCK_COALESCE_MS. A client keeps, per product, the level with the
 * highest stockVersion it has seen, from the page's data or from these events.
 */
export type StockUpdated = { marketId: string; products: StockLevel[] };
export const STOCK_COALESCE_MS = 250;

/** What a merchant sees of an order: only their own stall's lines. */
export type MerchantOrderDto = {
  orderId: string;
  /** What the buyer shows and says at the stall ("R-0142"). */
  reference: string;
  stallId: string;
  marketId: string;
  /** The order's status (PAID, REFUNDED…): see app/models/order-status.ts. */
  status: string;
  paidAt: string | null;
  buyer: { name: string };
  /** The pickup slot the buyer chose (instants; the page formats them in the market's zone), or null. */
  pickup: { point: string; startsAt: string; endsAt: string } | null;
  lines: OrderLineDto[];
  /** This stall's lines less the refused and refunded ones, in cents (`stallTotal`, app/models/line-money.ts). */
  totalCents: number;
  version: number;
};

export type OrderLineDto = {
  id: string;
  productId: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
  /** RESERVED | READY | COLLECTED | REFUSED | REFUNDED | RELEASED */
  status: string;
};

/**
 * To the buyer's user:<id> room and to merchant:<stallId> of every stall in the order, after any
 * change (paid, released, a line ready, collected or refused, a refund). `version` only grows.
 */
export type OrderUpdated = {
  orderId: string;
  marketId: string;
  status: string;
  version: number;
  refundedCents: number;
  lines: { id: string; stallId: string; status: string }[];
};

/** A message of an order's thread between its buyer and one stall (app/models/order-messages.server.ts). */
export type OrderMessageDto = {
  id: string;
  orderId: string;
  stallId: string;
  body: string;
  createdAt: string;
  /** Written by the buyer, else by the stall's merchant. */
  fromBuyer: boolean;
  /** The stall's name, or the buyer's first name: never an e-mail address. */
  author: string;
};

export type ServerToClientEvents = {
  "session:opened": (event: SessionTransitionEvent) => void;
  "session:closed": (event: SessionTransitionEvent) => void;
  /** The market stays open (or closed) but its next change moved: an extension, a session added. */
  "session:updated": (event: SessionTransitionEvent) => void;
  /** To stall:<id>, and to the merchant's user:<id> room (their inbox). */
  "chat:message": (message: ChatMessageDto) => void;
  /** To stall:<id>: remove it from the screen. */
  "chat:deleted": (event: { stallId: string; messageId: number }) => void;
  /** To stall:<id> but the typist; shown for a few seconds. */
  "chat:typing": (event: { stallId: string; author: ChatAuthor }) => void;
  /** To the merchant's user:<id> room: another tab of theirs read the room this far. */
  "chat:read": (event: { stallId: string; lastReadId: number }) => void;
  /** To the muted user's user:<id> room. */
  "chat:muted": (event: { marketId: string; until: string }) => void;
  /** To stall:<id> when the number of visitors or the merchant's presence changes (coalesced). */
  "presence:count": (presence: ChatPresence) => void;
  "stock:updated": (event: StockUpdated) => void;
  /** To merchant:<stallId> when an order with lines of that stall is paid. */
  "order:created": (order: MerchantOrderDto) => void;
  "order:updated": (event: OrderUpdated) => void;
  /** To the user:<id> rooms of the order's buyer and of the stall's owner (their other tabs too). */
  "order:message": (message: OrderMessageDto) => void;
  /** To a merchant's user:<id> room when an order of their stalls changed: their orders to prepare. */
  "orders:toPrepare": (event: OrdersToPrepare) => void;
};

/** Paid orders with lines still to prepare (RESERVED), per stall of the merchant and in all. */
export type OrdersToPrepare = { total: number; byStall: Record<string, number> };

export type ClientPayload<E extends keyof typeof schemas> = z.input<(typeof schemas)[E]>;

export type MarketJoined = {
  marketId: string;
  open: boolean;
  nextTransitionAt: string | null;
  closure: SessionTransitionEvent["closure"];
};

export type ClientToServerEvents = {
  /** Start receiving the market's session:opened / session:closed; answers its state now. */
  "market:join": (payload: ClientPayload<"market:join">, ack: AckCallback<MarketJoined>) => void;
  "market:leave": (payload: ClientPayload<"market:leave">, ack: AckCallback<null>) => void;
  /** Start receiving the stall's chat and presence. Join first, then ask chat:history: nothing falls between. */
  "stall:join": (payload: ClientPayload<"stall:join">, ack: AckCallback<StallJoined>) => void;
  "stall:leave": (payload: ClientPayload<"stall:leave">, ack: AckCallback<null>) => void;
  /** Neither before nor after: the last CHAT_PAGE_SIZE messages. */
  "chat:history": (payload: ClientPayload<"chat:history">, ack: AckCallback<ChatHistory>) => void;
  /**
   * Needs an account. Refused with MARKET_CLOSED while the stall's market is closed, MUTED while the
   * author is muted there, RATE_LIMITED beyond 5 messages per 10 s. The same clientKey sent again
   * answers the message already stored.
   */
  "chat:send": (payload: ClientPayload<"chat:send">, ack: AckCallback<ChatMessageDto>) => void;
  /** Needs an account; the server forwards at most one every 2 s per socket. */
  "chat:typing": (payload: ClientPayload<"chat:typing">, ack: AckCallback<null>) => void;
  /** The stall's merchant or an organiser of its market (FORBIDDEN otherwise). */
  "chat:delete": (
    payload: ClientPayload<"chat:delete">,
    ack: AckCallback<{ stallId: string; messageId: number }>,
  ) => void;
  /** Any account; reporting the same message twice is accepted once. */
  "chat:report": (payload: ClientPayload<"chat:report">, ack: AckCallback<null>) => void;
  /** Mutes the message's author in its market. The stall's merchant or an organiser of the market. */
  "chat:mute": (
    payload: ClientPayload<"chat:mute">,
    ack: AckCallback<{ marketId: string; userId: string; until: string }>,
  ) => void;
  /** The stall's merchant read their room up to lastReadId; answers the unread count left. */
  "chat:read": (payload: ClientPayload<"chat:read">, ack: AckCallback<{ stallId: string; unread: number }>) => void;
  /**
   * The current stock of every product of a published market's approved stalls: what a client
   * asks after (re)connecting, having joined the market's room first so nothing falls between.
   */
  "stock:get": (payload: ClientPayload<"stock:get">, ack: AckCallback<StockUpdated>) => void;
  /** The stall's owner starts receiving order:created and order:updated for it (FORBIDDEN otherwise). */
  "merchant:join": (payload: ClientPayload<"merchant:join">, ack: AckCallback<{ stallId: string }>) => void;
  "merchant:leave": (payload: ClientPayload<"merchant:leave">, ack: AckCallback<null>) => void;
};

export const rooms = {
  market: (id: string) => `market:${id}`,
  stall: (id: string) => `stall:${id}`,
  user: (id: string) => `user:${id}`,
  merchant: (stallId: string) => `merchant:${stallId}`,
  /** The server's, like user: every socket opened with one log-in; ending the log-in closes them. */
  session: (sessionId: string) => `session:${sessionId}`,
};
