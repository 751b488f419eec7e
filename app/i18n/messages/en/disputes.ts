// English for app/i18n/messages/disputes.ts, loaded by the browser only on English pages (app/i18n/en.ts).
import type { fr } from "../disputes";

export const en: Record<keyof typeof fr, string> = {
  "disputes.badge.open": "Dispute open",
  "disputes.badge.won": "Dispute closed in the market’s favour",
  "disputes.badge.lost": "Dispute lost",
  "disputes.badge.openHint":
    "The buyer’s bank disputes this payment. The town answers the bank; the payout to this order’s stalls waits for the decision.",

  "disputes.badge.buyerHint":
    "Your bank disputes this payment. The market answers it; your bank will tell you its decision.",

  "disputes.organiser.title": "Bank disputes",
  "disputes.organiser.intro":
    "Orders whose payment the buyer’s bank disputes. Answer from the Stripe Dashboard; the rule applied is described in the payments documentation.",
  "disputes.organiser.order": "Order {number} · {amount}",
  "disputes.organiser.opened": "opened on {date}",

  "disputes.email.greeting": "Hello {name},",
  "disputes.email.footer": "Chalet, for {market}",
  "disputes.opened.subject": "Bank dispute on an order: {market}",
  "disputes.opened.intro":
    "The buyer’s bank disputes the payment of order {order} ({amount}, placed on {date}). Reason given by the bank: {reason}.",
  "disputes.opened.merchant":
    "Your items in this order: {amount}. The payout of your share waits for the bank’s decision. If the dispute is lost, your share of the disputed amount (less the commission) will be taken back from your transfer.",
  "disputes.opened.organiser":
    "The town’s platform bears the dispute while it is open (Stripe has debited the amount and its dispute fee). Answer the bank from the Stripe Dashboard before {due}.",
  "disputes.closed.subject.won": "Dispute closed in the market’s favour: {market}",
  "disputes.closed.subject.lost": "Dispute lost: {market}",
  "disputes.closed.won":
    "The dispute on order {order} is closed in the market’s favour: nothing is taken back from the stalls.",
  "disputes.closed.lost":
    "The dispute on order {order} is lost: the bank gives {amount} back to the buyer. Each stall’s share (less the commission) is taken back from its transfer; the dispute fee stays with the platform.",
  "disputes.closed.lostMerchant": "Taken back from your transfer: {amount}.",
  "disputes.reason.fraudulent": "unauthorised payment (fraud)",
  "disputes.reason.other": "{reason}",
};
