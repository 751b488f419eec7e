// Forms of the organiser's live controls (open now, close now, extend). Messages are dictionary
// keys. The limits are shared with the page so the fields say the same as the server.
import { z } from "zod";
import { withoutControlCharacters } from "~/schemas/text";

export const OPEN_MINUTES = { min: 5, max: 720, default: 60 } as const;
export const EXTEND_MINUTES = { min: 5, max: 240, default: 30 } as const;
export const CLOSE_REASON = { min: 3, max: 200 } as const;

const minutes = (limits: { min: number; max: number }, rangeMessage: string) =>
  z
    .number({ required_error: "form.required", invalid_type_error: "form.invalidNumber" })
    .int("form.invalidNumber")
    .min(limits.min, rangeMessage)
    .max(limits.max, rangeMessage);

export const openNowSchema = z.object({
  intent: z.literal("open"),
  minutes: minutes(OPEN_MINUTES, "organiser.live.openMinutesRange"),
});

/**
 * How long "open now" lasts: a number of minutes (openNowSchema), or until the sessions' next
 * closing today ("scheduled", app/models/market-status.ts `scheduledClosing`).
 */
export const openUntilSchema = z.object({
  intent: z.literal("open"),
  until: z.enum(["minutes", "scheduled"], { errorMap: () => ({ message: "form.invalidChoice" }) }).default("minutes"),
});

export const closeNowSchema = z.object({
  intent: z.literal("close"),
  // Shown to visitors as it is typed: one line, no invisible characters.
  reason: withoutControlCharacters(
    z
      .string({ required_error: "form.required", invalid_type_error: "form.required" })
      .trim()
      .min(CLOSE_REASON.min, "organiser.live.reasonLength")
      .max(CLOSE_REASON.max, "organiser.live.reasonLength"),
  ),
});

export const extendSchema = z.object({
  intent: z.literal("extend"),
  minutes: minutes(EXTEND_MINUTES, "organiser.live.extendMinutesRange"),
});
