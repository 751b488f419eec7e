// English for app/i18n/messages/rights.ts, loaded by the browser only on English pages (app/i18n/en.ts).
import type { fr } from "../rights";

export const en: Record<keyof typeof fr, string> = {
  "rights.deletedName": "Deleted account",

  "rights.data.title": "My data",
  "rights.data.intro":
    "Download everything Chalet keeps about you: your account, your orders, your messages, your basket and your log-ins, in a JSON file.",
  "rights.data.download": "Download my data (JSON)",

  "rights.delete.title": "Delete my account",
  "rights.delete.intro": "Deletion is final. You are logged out everywhere.",
  "rights.delete.deletedTitle": "What is deleted",
  "rights.delete.deleted.identity": "your name, your email address and your password;",
  "rights.delete.deleted.sessions": "your log-ins on all your devices and your basket;",
  "rights.delete.deleted.messages": "the text of your messages in the stalls’ chats (the merchants’ replies stay);",
  "rights.delete.deleted.requests": "your pending password-reset and sign-up links.",
  "rights.delete.keptTitle": "What is kept, and why",
  "rights.delete.kept.orders":
    "Your orders stay, under the name “Compte supprimé” (deleted account): merchants and the town must keep their accounting records for 10 years (French Commercial Code, article L123-22). Neither your name nor your address appears on them any more.",
  "rights.delete.kept.refunds":
    "A refund still due reaches your card, but without an email: download your data first if you want to keep your receipts.",
  "rights.delete.password": "Your password, to confirm",
  "rights.delete.confirm": "I understand that my account will be deleted for good.",
  "rights.delete.submit": "Delete my account",
  "rights.delete.confirmRequired": "Tick the box to confirm.",
  "rights.delete.wrongPassword": "Wrong password. Your account was not deleted.",
  "rights.delete.refused.stalls":
    "You hold a stall in a market that has not ended. Ask the organisers to remove it, or wait until the market ends, then try again.",
  "rights.delete.refused.pendingOrders":
    "One of your orders is waiting for its payment. Cancel it or finish paying from “My orders”, then try again.",
  "rights.delete.refused.lastOrganiser":
    "You are the last organiser of a town. Invite another organiser before deleting your account.",
  "rights.delete.refused.lastAdmin":
    "You are the platform’s only administrator. Appoint another one before deleting your account.",

  "rights.done.title": "Your account is deleted",
  "rights.done.body":
    "You are logged out on all your devices. Your orders stay with the merchants, under the name “Compte supprimé”. You can create a new account with the same address whenever you like.",
  "rights.done.home": "Back to the markets",
};
