// English for app/i18n/messages/alerts.ts, loaded by the browser only on English pages (app/i18n/en.ts).
import type { fr } from "../alerts";

export const en: Record<keyof typeof fr, string> = {
  "alerts.nav.received": "Orders received",
  "alerts.nav.receivedCount": "Orders received: {count} to prepare",

  "alerts.order.subject": "New order {reference}: {buyer}",
  "alerts.order.intro": "{buyer} just paid order {reference} at your stall “{stall}” ({market}):",
  "alerts.email.line": "- {quantity} × {product}: {amount}",
  "alerts.email.total": "Total for your stall: {amount}",
  "alerts.email.prepare": "Prepare it from your stall’s “Orders” tab:",
  "alerts.email.settings": "One email per order, an hourly summary or none: choose at {link}",
  "alerts.push.order.title": "Order {reference}: {amount}",
  "alerts.push.order.body#one": "{buyer}, {count} item at “{stall}”",
  "alerts.push.order.body#other": "{buyer}, {count} items at “{stall}”",

  "alerts.digest.subject": "New orders: {count}",
  "alerts.digest.intro": "Orders paid since the last summary: {count}",
  "alerts.digest.order": "{reference}, {buyer}, {time} ({stall}, {amount})",

  "alerts.ready.subject": "Your order {reference} is ready at “{stall}”",
  "alerts.ready.greeting": "Hello {name},",
  "alerts.ready.intro": "The stall “{stall}” has prepared your order {reference} ({market}):",
  "alerts.ready.link": "Your order online (with the code to show):",
  "alerts.push.ready.title": "Order {reference} ready",
  "alerts.push.ready.body#one": "“{stall}” is waiting for you: {count} item to collect.",
  "alerts.push.ready.body#other": "“{stall}” is waiting for you: {count} items to collect.",

  "alerts.page.title": "Order alerts",
  "alerts.page.intro":
    "Every paid order at your stalls reaches you wherever you are: by email, and on your phone if you wish.",
  "alerts.emails.legend": "Order emails",
  "alerts.emails.EACH": "One email per order",
  "alerts.emails.DIGEST": "One summary per hour at most",
  "alerts.emails.NONE": "No email (I watch the “Orders” tab)",
  "alerts.emails.save": "Save",
  "alerts.emails.saved": "Your choice is saved.",
  "alerts.push.legend": "Notifications on this phone",
  "alerts.push.intro":
    "Your phone rings for every paid order, even with Chalet closed. The browser will ask for your permission.",
  "alerts.push.enable": "Get orders on this phone",
  "alerts.push.enableReady": "Be told on this phone when it is ready",
  "alerts.push.disable": "Stop notifications on this phone",
  "alerts.push.working": "One moment…",
  "alerts.push.enabled": "Done: this phone will receive Chalet’s notifications.",
  "alerts.push.disabled": "This phone will no longer receive Chalet’s notifications.",
  "alerts.push.unsupported":
    "This browser cannot receive notifications. On an iPhone, first add Chalet to the home screen (Share, then “Add to Home Screen”) and open it from there.",
  "alerts.push.denied":
    "The browser refused notifications for this site. Allow them in its settings (the padlock next to the address), then try again.",
  "alerts.push.failed":
    "The browser could not subscribe to notifications (push service out of reach). Try again later; emails still work.",
  "alerts.push.invalid": "Invalid notification subscription. Try again.",
  "alerts.merchantLink": "Order alerts (email, phone)",
  "alerts.stall.toPrepare": "{count} to prepare",
};
