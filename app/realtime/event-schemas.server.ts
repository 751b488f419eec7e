// The payload of each client event (events.ts), checked by the server before any handler runs;
// unknown keys are refused. Apart from events.ts because the browser needs the names and types
// only: the stall page's bundle then leaves zod out (14 KB gzipped).
import { z } from "zod";
import { hasControlCharacters } from "~/schemas/text";
import { CHAT_MAX_LENGTH, CHAT_MUTE_MINUTES } from "./events";

const id = z.string().min(1).max(64);
const messageId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const schemas = {
  "market:join": z.object({ marketId: id }).strict(),
  "market:leave": z.object({ marketId: id }).strict(),
  "stall:join": z.object({ stallId: id }).strict(),
  "stall:leave": z.object({ stallId: id }).strict(),
  "chat:history": z
    .object({
      stallId: id,
      /** Older than this id: "load earlier". */
      before: messageId.optional(),
      /** Newer than this id: catching up after a disconnect. */
      after: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
      /** With `after`: the oldest id the client shows, to learn which of them were deleted. */
      from: messageId.optional(),
      /** With `from`: the newest id the client shows when it is past `after` (live messages). */
      to: messageId.optional(),
    })
    .strict()
    .refine((p) => p.before === undefined || p.after === undefined, "before and after exclude each other"),
  "chat:send": z
    .object({
      stallId: id,
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
      clientKey: z
        .string()
        .regex(/^[A-Za-z0-9_-]{8,64}$/)
        .optional(),
    })
    .strict(),
  "chat:typing": z.object({ stallId: id }).strict(),
  "chat:delete": z.object({ messageId }).strict(),
  "chat:report": z
    .object({
      messageId,
      reason: z
        .string()
        .trim()
        .max(200)
        .refine((s) => !hasControlCharacters(s, false), "Control characters are not allowed")
        .optional(),
    })
    .strict(),
  "chat:mute": z
    .object({
      messageId,
      minutes: z.number().int().min(CHAT_MUTE_MINUTES.min).max(CHAT_MUTE_MINUTES.max),
    })
    .strict(),
  "chat:read": z.object({ stallId: id, lastReadId: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }).strict(),
  "stock:get": z.object({ marketId: id }).strict(),
  "merchant:join": z.object({ stallId: id }).strict(),
  "merchant:leave": z.object({ stallId: id }).strict(),
} as const;
