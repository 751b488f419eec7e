// English for app/i18n/messages/poster.ts, loaded by the browser only on English pages (app/i18n/en.ts).
import type { fr } from "../poster";

export const en: Record<keyof typeof fr, string> = {
  "poster.linkStall": "Poster for your shop window",
  "poster.linkMarket": "Market poster",
  "poster.pageTitle": "Poster · {name}",
  "poster.heading": "Poster to print",
  "poster.intro": "An A4 page for a shop window or the town’s notice boards. The QR code leads to the page online.",
  "poster.print": "Print",
  "poster.printHint":
    "Or use your browser’s Print command (Ctrl + P). For a PDF file, choose “Save as PDF” as the printer.",
  "poster.preview": "Poster preview",
  "poster.chalet": "Chalet no. {number}",
  "poster.scanMarket": "Scan to discover the stalls and order",
  "poster.scanStall": "Scan to see our products and order",
  "poster.qrMarket": "QR code to the page of the market “{name}”",
  "poster.qrStall": "QR code to the page of the stall “{name}”",
  "poster.tagline": "Order online, collect at the market",
  "poster.openings": "When the online market is open",
  "poster.run": "From {first} to {last}",
  "poster.moreDates": "More dates on the market’s page.",
  "search.matches": "Products found",
  "search.match": "{name} — {price}",
  "search.moreMatches": "and {count} more products",
  "search.moreMatchesOne": "and one more product",
};
