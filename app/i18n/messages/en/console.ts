// English for app/i18n/messages/console.ts, loaded by the browser only on English pages (app/i18n/en.ts).
import type { fr } from "../console";

export const en: Record<keyof typeof fr, string> = {
  "console.nameTaken": "Another market of the town already has this name. Please choose another.",
  "console.editionNameTaken":
    "Another market of the town already has this name: change it before saving the new edition.",
  "console.delete.link": "Delete this draft",
  "console.delete.linkHint": "A draft can be deleted with its sessions, stalls and invitations.",
  "console.delete.title": "Delete the draft “{name}”?",
  "console.delete.intro": "The market is deleted for good, with everything that depends on it:",
  "console.delete.sessions": "sessions: {n}",
  "console.delete.stalls": "registered stalls, with their products and photos: {n}",
  "console.delete.invitations": "pending invitations (their links will stop working): {n}",
  "console.delete.stallsNote": "The merchants of these stalls are not told: let them know if needed.",
  "console.delete.confirm": "Delete for good",
  "console.delete.cancel": "Cancel",
  "console.delete.toSettings": "Back to the market’s settings",
  "console.delete.done": "The draft was deleted.",
  "console.delete.notDraft":
    "Only a draft can be deleted: a published or archived market keeps its history. You can archive it in its settings.",
  "console.delete.hasOrders":
    "This draft has already had orders (it was published): it keeps its history. You can archive it in its settings.",
  "team.audit.market.draft_deleted": "{actor} deleted the draft market",
  "console.open.howLong": "Until when?",
  "console.open.untilScheduled": "Until the scheduled closing ({when})",
  "console.open.forMinutes": "For a number of minutes",
  "console.open.noScheduledClose": "No session closes the market later today: give a length.",
  "organiser.live.noScheduledClose": "No session closes the market later today: give a number of minutes.",
  "console.dates.nth": "Date no. {n}",
  "console.dates.add": "Add a date",
  "console.dates.remove": "Remove",
  "console.dates.hint": "Pick each day the market stays closed; leave empty if there is none.",
  "console.home.open": "Open now",
  "console.home.upcoming": "To come",
  "console.home.past": "Past",
  "console.home.pending": "Stalls to review: {count}",
};
