// The handover form: a typed pickup code or a scanned QR code's text (read by
// app/models/pickup-code.server.ts), to look the order up ("find") or hand it over ("hand").
// Messages are dictionary keys.
import { z } from "zod";

/** A Chalet QR code's text is about 40 characters; more is not one. */
export const HANDOVER_INPUT_MAX = 100;

export const handoverSchema = z.object({
  intent: z.enum(["find", "hand"], { errorMap: () => ({ message: "form.invalidChoice" }) }),
  code: z
    .string({ required_error: "collect.error.required" })
    .trim()
    .min(1, "collect.error.required")
    .max(HANDOVER_INPUT_MAX, "collect.error.invalid"),
});
