// The Socket.IO contract, shared by the browser and the server (and documented in
// docs/realtime.md for a town's own app). Names are `resource:verb`. Every client event carries
// one payload, checked with the Zod schema below, and an acknowledgement callback answered with
// an Ack. Nothing here imports server code.
import { z } from "zod";
import { hasControlCharacters } from "~/schemas/text";

export const CHAT_MAX_LENGTH = 500;

export type ErrorCode =
  "BAD_REQUEST" | "UNAUTHENTICATED" | "NOT_FOUND" | "MARKET_CLOSED" | "RATE_LIMITED" | "SERVER_ERROR";

export type AckError = { code: ErrorCode; message: string };
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

export type ChatMessageDto = {
  id: string;
  stallId: string;
  body: string;
  createdAt: string;
  author: { id: string; name: string; isMerchant: boolean };
};

export type ServerToClientEvents = {
  "session:opened": (event: SessionTransitionEvent) => void;
  "session:closed": (event: SessionTransitionEvent) => void;
  /** The market stays open (or closed) but its next change moved: an extension, a session added. */
  "session:updated": (event: SessionTransitionEvent) => void;
  "chat:message": (message: ChatMessageDto) => void;
};

export const schemas = {
  "market:join": z.object({ marketId: z.string().min(1).max(64) }).strict(),
  "market:leave": z.object({ marketId: z.string().min(1).max(64) }).strict(),
  "stall:join": z.object({ stallId: z.string().min(1).max(64) }).strict(),
  "stall:leave": z.object({ stallId: z.string().min(1).max(64) }).strict(),
  "chat:send": z
    .object({
      stallId: z.string().min(1).max(64),
      body: z
        .string()
        .transform((s) => s.trim())
        // Like every multi-line field of the forms: no control characters but tab and line breaks.
        .pipe(
          z
            .string()
            .min(1)
            .max(CHAT_MAX_LENGTH)
            .refine((s) => !hasControlCharacters(s, true), "Control characters are not allowed"),
        ),
    })
    .strict(),
} as const;

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
  "stall:join": (payload: ClientPayload<"stall:join">, ack: AckCallback<{ stallId: string; marketId: string }>) => void;
  "stall:leave": (payload: ClientPayload<"stall:leave">, ack: AckCallback<null>) => void;
  /** Refused with MARKET_CLOSED while the stall's market is closed. */
  "chat:send": (payload: ClientPayload<"chat:send">, ack: AckCallback<ChatMessageDto>) => void;
};

export const rooms = {
  market: (id: string) => `market:${id}`,
  stall: (id: string) => `stall:${id}`,
  user: (id: string) => `user:${id}`,
  merchant: (stallId: string) => `merchant:${stallId}`,
};
