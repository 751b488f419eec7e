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
