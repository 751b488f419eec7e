// The merchant's order alert settings and a browser's push subscription. Messages are dictionary keys.
import { z } from "zod";
import { ORDER_EMAIL_CHOICES } from "~/models/order-alerts";

export const orderEmailsSchema = z.object({
  intent: z.literal("emails"),
  orderEmails: z.enum(ORDER_EMAIL_CHOICES, { errorMap: () => ({ message: "form.invalidChoice" }) }),
});

/** What PushSubscription.toJSON() gives; the keys are base64url (65-byte P-256 point, 16-byte secret). */
export const pushSubscriptionSchema = z.object({
  endpoint: z
    .string()
    .max(2_000)
    .url()
    .refine((url) => /^https?:$/.test(new URL(url).protocol)),
  keys: z.object({
    p256dh: z.string().regex(/^[\w-]{80,100}$/),
    auth: z.string().regex(/^[\w-]{16,32}$/),
  }),
});
export type PushSubscriptionInput = z.infer<typeof pushSubscriptionSchema>;

export const pushActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("subscribe"), subscription: z.string().max(4_000) }),
  z.object({ intent: z.literal("unsubscribe"), endpoint: z.string().max(2_000) }),
]);
