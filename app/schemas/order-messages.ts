import { z } from "zod";
import { ORDER_MESSAGE_MAX_LENGTH } from "~/models/order-messages";
import { withoutControlCharacters } from "./text";

/** A message in an order's thread: 1 to 1,000 characters once trimmed, on several lines. */
export const orderMessageSchema = z.object({
  body: withoutControlCharacters(
    z
      .string({ required_error: "thread.error.empty" })
      .trim()
      .min(1, "thread.error.empty")
      .max(ORDER_MESSAGE_MAX_LENGTH, "thread.error.tooLong"),
    true,
  ),
  /** Only the form drawn without JavaScript sends it: the page to go back to once sent. */
  back: z.string().max(500).optional(),
});
