// English for app/i18n/messages/plan.ts, loaded by the browser only on English pages (app/i18n/en.ts).
import type { fr } from "../plan";

export const en: Record<keyof typeof fr, string> = {
  "plan.tab": "Map",
  "plan.title": "Map of the square",
  "plan.intro":
    "Each approved stall gets a chalet number and a free spot. Numbers no longer change when other stalls are approved: only you can change them here.",
  "plan.dragHint":
    "With a mouse, drag a chalet on the map: its spot is saved when you drop it. With a keyboard or on a phone, use the list.",
  "plan.none": "No approved stall yet: chalets will appear here once stalls are approved.",
  "plan.listTitle": "Chalets",
  "plan.listIntro":
    "Across: 0 on the left, 100 on the right. Down: 0 at the top, 100 at the bottom. The big tree is in the middle (50, 50).",
  "plan.chaletLegend": "Chalet no. {number}: {name}",
  "plan.chaletLegendUnnumbered": "Chalet without a number: {name}",
  "plan.number": "Number",
  "plan.planX": "Across",
  "plan.planY": "Down",
  "plan.swap": "If this number is taken, swap the two numbers",
  "plan.save": "Save",
  "plan.saveLabel": "Save chalet {name}",
  "plan.saved": "Chalet no. {number} “{name}” saved.",
  "plan.swapped": "Chalet no. {number} “{name}” saved; “{other}” took its former number.",
  "plan.moved": "“{name}” moved on the map.",
  "plan.saving": "Saving…",
  "plan.numberRange": "Enter a whole number from 1 to 999.",
  "plan.positionRange": "Enter a whole position from 0 to 100.",
  "plan.numberTaken":
    "No. {number} is already chalet “{holder}”. Choose another number, or tick “swap” so that the two chalets exchange their numbers.",
  "plan.numberTakenUnknown": "No. {number} is already taken by another chalet. Choose another number.",
  "plan.seeAbove": "See the message above.",
  "plan.pickupChalet": "Chalet no. {number} on the map of the square",
  "plan.approvedNumber": "It has chalet no. {number} on the map.",
  "plan.chaletOnPlan": "Chalet no. {number} on the map",
  "plan.notFound": "This stall is not an approved stall of this market.",
  "plan.drawing": "Map of the square (drag with a mouse)",
};
