// English for app/i18n/messages/collect.ts, loaded by the browser only on English pages (app/i18n/en.ts).
import type { fr } from "../collect";

export const en: Record<keyof typeof fr, string> = {
  "collect.buyer.title": "Your pickup code",
  "collect.buyer.show": "Show this code at the stall",
  "collect.buyer.hint":
    "The merchant scans the QR code or types the code to hand you your order. Only give it at the stall: it proves the order is yours.",
  "collect.buyer.codeLabel": "Pickup code: {code}",
  "collect.buyer.qrLabel": "Pickup QR code, code {code}",
  "collect.email.code": "Your pickup code: {code}",
  "collect.email.codeLabel": "Your pickup code:",
  "collect.email.show": "Show this code (or the QR code on your order’s page) at each stall to collect your items.",

  "collect.handover.link": "Hand over an order (code or QR code)",
  "collect.handover.title": "Hand over an order",
  "collect.handover.intro": "Ask the customer for their pickup code (6 characters), or scan their order’s QR code.",
  "collect.handover.code": "Pickup code",
  "collect.handover.codeHint": "For example K7Q2MX. Spaces and dashes are ignored.",
  "collect.handover.find": "Find",
  "collect.handover.back": "Back to orders",
  "collect.handover.order": "Order {reference}",
  "collect.handover.buyer": "For {name}",
  "collect.handover.lines": "Items from your stall",
  "collect.handover.hand": "Handed over",
  "collect.handover.handLabel": "Handed over: order {reference} for {name}",
  "collect.handover.handHint": "Marks as collected the items still to prepare or ready.",
  "collect.handover.done": "Order {reference} handed over to {name}.",

  "collect.scan.start": "Scan the QR code",
  "collect.scan.stop": "Stop the camera",
  "collect.scan.video": "Camera image: hold up the customer’s QR code",
  "collect.scan.looking": "Camera on: hold the QR code in front of the lens.",
  "collect.scan.found": "QR code read, finding the order…",
  "collect.scan.denied": "Camera access was refused. Type the code, or allow the camera in the browser’s settings.",
  "collect.scan.absent": "No usable camera on this device: type the code.",
  "collect.scan.failed": "The camera could not start: type the code.",

  "collect.error.required": "Type the customer’s pickup code.",
  "collect.error.invalid":
    "This is not a pickup code: it has 6 characters, letters and digits (no 0, O, 1, I or L). Check with the customer.",
  "collect.error.rateLimited": "Too many unknown codes in a row. Try again in {seconds} seconds.",
  "collect.error.otherMarket": "This QR code belongs to an order of another market.",
  "collect.error.unknown": "No order of this market has this code. Check it with the customer.",
  "collect.error.otherStall": "This order has nothing from this stall.",
  "collect.error.notPaid": "This order is not paid: nothing to hand over.",
  "collect.error.refunded": "This order was refunded: nothing to hand over.",
  "collect.error.alreadyCollected": "Already handed over on {when}.",
  "collect.error.alreadyCollectedUnknown": "Already handed over.",
  "collect.error.nothingToHand": "Nothing to hand over: your stall’s items were refused.",

  "collect.late.title": "To chase: not collected",
  "collect.late.merchantIntro":
    "Paid orders with items from your stall not collected by the end of their slot’s day (or, without a slot, by the end of the market).",
  "collect.late.organiserIntro":
    "Paid orders with items not collected by the end of their slot’s day (or, without a slot, by the end of the market), per stall.",
  "collect.late.order": "{reference} · {name}",
  "collect.late.lines": "Items not collected: {count}",
  "collect.late.slot": "Slot of {date}, {start}–{end}, {point}",
  "collect.late.noSlot": "No slot",
};
