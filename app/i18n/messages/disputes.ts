// Disputes: what merchants and organisers are told when a buyer's bank disputes a payment, and
// the order's dispute badge (buyer, merchant, organiser).
export const fr = {
  "disputes.badge.open": "Litige en cours",
  "disputes.badge.won": "Litige clos en faveur du marché",
  "disputes.badge.lost": "Litige perdu",
  "disputes.badge.openHint":
    "La banque de l’acheteur conteste ce paiement. La mairie répond à la banque ; le versement aux stands de cette commande attend la décision.",

  "disputes.badge.buyerHint":
    "Votre banque conteste ce paiement. Le marché lui répond ; c’est votre banque qui vous informera de sa décision.",

  "disputes.organiser.title": "Litiges bancaires",
  "disputes.organiser.intro":
    "Commandes dont la banque de l’acheteur conteste le paiement. Répondez depuis le tableau de bord Stripe ; la règle appliquée est décrite dans la documentation des paiements.",
  "disputes.organiser.order": "Commande {number} · {amount}",
  "disputes.organiser.opened": "ouvert le {date}",

  "disputes.email.greeting": "Bonjour {name},",
  "disputes.email.footer": "Chalet, pour {market}",
  "disputes.opened.subject": "Litige bancaire sur une commande : {market}",
  "disputes.opened.intro":
    "La banque de l’acheteur conteste le paiement de la commande {order} ({amount}, passée le {date}). Motif donné par la banque : {reason}.",
  "disputes.opened.merchant":
    "Vos articles dans cette commande : {amount}. Le versement de votre part attend la décision de la banque. Si le litige est perdu, votre part du montant contesté (commission déduite) sera reprise sur votre virement.",
  "disputes.opened.organiser":
    "La plateforme de la ville supporte le litige pendant qu’il est ouvert (Stripe a débité le montant et ses frais de litige). Répondez à la banque depuis le tableau de bord Stripe avant le {due}.",
  "disputes.closed.subject.won": "Litige clos en faveur du marché : {market}",
  "disputes.closed.subject.lost": "Litige perdu : {market}",
  "disputes.closed.won":
    "Le litige sur la commande {order} est clos en faveur du marché : rien n’est repris aux stands.",
  "disputes.closed.lost":
    "Le litige sur la commande {order} est perdu : la banque rend {amount} à l’acheteur. La part de chaque stand (commission déduite) est reprise sur son virement ; les frais de litige restent à la charge de la plateforme.",
  "disputes.closed.lostMerchant": "Repris sur votre virement : {amount}.",
  "disputes.reason.fraudulent": "paiement non autorisé (fraude)",
  "disputes.reason.other": "{reason}",
} as const;

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
