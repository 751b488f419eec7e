// Forms of the organisers' reports page: what to do with one reported chat message. Messages are
// dictionary keys. The mute durations are the choices the page offers, within the contract's limits.
import { z } from "zod";

/** 15 min, 1 h, 24 h, 7 days. */
export const MUTE_DURATIONS = [15, 60, 1440, 10080] as const;

const messageId = z
  .number({ required_error: "form.required", invalid_type_error: "organiser.reports.notFound" })
  .int("organiser.reports.notFound")
  .positive("organiser.reports.notFound")
  .max(Number.MAX_SAFE_INTEGER, "organiser.reports.notFound");

export const reportActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("delete"), messageId }),
    z.object({
      intent: z.literal("mute"),
      messageId,
      minutes: z
        .number({ required_error: "form.required", invalid_type_error: "form.invalidChoice" })
        .refine((m) => (MUTE_DURATIONS as readonly number[]).includes(m), "form.invalidChoice"),
    }),
    z.object({ intent: z.literal("dismiss"), messageId }),
  ],
  { errorMap: () => ({ message: "form.invalidChoice" }) },
);

export type ReportAction = z.output<typeof reportActionSchema>;
