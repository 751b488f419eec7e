// English for app/i18n/messages/payments.ts, loaded by the browser only on English pages (app/i18n/en.ts).
import type { fr } from "../payments";

export const en: Record<keyof typeof fr, string> = {
  "payments.email.greeting": "Hello {name},",
  "payments.email.footer": "See you at the Christmas market!\nChalet, for {market}",
  "payments.email.orderLink": "Your order online:",
  "payments.email.line": "- {quantity} × {product}: {amount}",
  "payments.email.stall": "Stall {stall}",
  "payments.email.pickup": "Pickup: {details}",
  "payments.email.pickupUnknown": "Pickup: the stall will tell you how.",
  "payments.email.total": "Total paid: {amount}",

  "payments.sandbox.banner": "Demo: payments on this site are not real, no money is taken.",
  "payments.sandbox.order": "Demo order: its payment is not real, no money was taken nor will be refunded.",
  "payments.sandbox.email": "DEMO: this site takes no real payments. No money was taken or refunded.",

  "payments.paid.subject": "Order confirmed: {market}",
  "payments.paid.intro": "We received your payment of {amount}. Here is your order, stall by stall:",
  "payments.paid.pickupIntro": "Show this message (or your order page) at the stall to collect your purchases.",

  "payments.late.subject": "Payment refunded: {market}",
  "payments.late.intro":
    "Your payment of {amount} arrived after your basket’s reservation had ended, and some items were sold meanwhile.",
  "payments.late.refunded":
    "We refunded you in full: the money will be back on your card or account within a few days.",
  "payments.late.again": "You can order again if items are still available.",

  "payments.refused.subject": "Item unavailable, refunded: {stall}",
  "payments.refused.intro": "The stall {stall} cannot supply this item:",
  "payments.refused.refunded":
    "We refunded you {amount}: the money will be back on your card or account within a few days. The rest of your order is unchanged.",
};
