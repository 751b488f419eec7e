// Money as organisers and merchants see it (Stripe Connect): the commission setting, the
// organiser's "Paiements" tab and reconciliation CSV, the reminder to connect, the merchant's
// transfers, the commission told on an invitation.
export const fr = {
  // The commission field of the market settings
  "money.commission.label": "Commission de la ville (%)",
  "money.commission.hint":
    "De 0 à 30 %, deux décimales au plus (par exemple 2,5). Vide : aucune commission. Elle s’applique aux commandes passées après l’enregistrement ; les commandes déjà réservées gardent leur taux.",
  "money.commission.invalid": "Indiquez un pourcentage entre 0 et 30, avec deux décimales au plus (par exemple 2,5).",
  "money.commission.tooHigh": "La commission ne peut pas dépasser 30 %.",

  // The invitation page
  "money.invite.title": "Commission de la ville",
  "money.invite.none": "La ville ne prélève aucune commission sur vos ventes.",
  "money.invite.rate": "La ville prélève {rate} sur chacune de vos ventes.",
  "money.invite.how":
    "Les acheteurs paient en ligne ; pour chaque commande, votre part (vos articles, moins la commission) est virée sur votre compte Stripe, que vous connecterez depuis l’onglet Paiements de votre espace commerçant. Les frais de Stripe sont à la charge de la ville.",

  // The organiser's tab
  "money.organiser.tab": "Paiements",
  "money.organiser.title": "Paiements par stand",
  "money.organiser.intro":
    "Ce que chaque stand a vendu, la commission de la ville ({rate} pour les nouvelles commandes), les frais de Stripe, et l’argent viré aux commerçants ou repris.",
  "money.organiser.kept": "Reste à la ville",
  "money.organiser.caption": "Argent par stand",
  "money.organiser.total": "Total du marché",
  "money.col.stall": "Stand",
  "money.col.sales": "Ventes",
  "money.col.commission": "Commission",
  "money.col.fees": "Frais Stripe",
  "money.col.transferred": "Viré",
  "money.col.reversed": "Repris",
  "money.col.pendingTransfer": "Virement en attente",
  "money.col.pendingReversal": "Reprise en attente",
  "money.note.sales":
    "Ventes : articles des commandes payées, sans ceux refusés ou remboursés. Commission : sur ces articles, au taux de chaque commande.",
  "money.note.fees":
    "Frais Stripe : les frais de chaque paiement, que la ville supporte, répartis entre ses stands au prorata de leurs articles payés (au centime près ; les centimes restants vont aux plus grandes parts).",
  "money.note.pending":
    "Virement en attente : le compte Stripe du commerçant n’est pas encore actif, ou Stripe n’a pas encore répondu. Reprise en attente : le solde du commerçant ne la couvre pas encore ; elle est retentée.",
  "money.failed": "Virement en échec : {amount}",

  // Stalls that cannot sell yet
  "money.unpayable.title": "Stands qui ne peuvent pas encore vendre",
  "money.unpayable.none": "Tous les stands acceptés peuvent recevoir leurs paiements.",
  "money.unpayable.intro":
    "Leur commerçant n’a pas encore de compte Stripe actif : leurs articles ne peuvent pas être achetés. Un rappel leur envoie un e-mail avec le lien pour se connecter à Stripe.",
  "money.unpayable.owner": "Tenu par {name}",
  "money.unpayable.remindedAt": "Dernier rappel à {time}",
  "money.account.NONE": "Pas de compte Stripe",
  "money.account.ONBOARDING": "Inscription à terminer",
  "money.account.VERIFYING": "En vérification",
  "money.account.RESTRICTED": "Compte restreint",
  "money.account.ACTIVE": "Actif",
  "money.remind.button": "Relancer",
  "money.remind.forStall": "le commerçant du stand {name}",
  "money.remind.nextAt": "Un rappel par heure au plus : prochain possible à {time}.",
  "money.remind.sent": "Rappel envoyé à {name}.",
  "money.remind.tooSoon": "Ce stand a déjà été relancé il y a moins d’une heure. Prochain rappel possible à {time}.",
  "money.remind.notFound": "Ce stand n’existe pas dans ce marché, ou n’y est pas accepté.",
  "money.remind.canSell": "Ce stand peut déjà recevoir ses paiements : pas besoin de le relancer.",
  "money.remind.subject": "Connectez votre stand à Stripe : {market}",
  "money.remind.intro":
    "Les organisateurs de {market} vous rappellent que votre stand {stall} ne peut pas encore vendre : pour recevoir l’argent de vos ventes, connectez-le à Stripe.",
  "money.remind.how": "C’est dans l’onglet Paiements de votre espace commerçant :",

  // The reconciliation CSV
  "money.csv.link": "Télécharger le CSV de rapprochement",
  "money.csv.hint":
    "Une ligne par mouvement d’argent (paiement, virement, reprise, remboursement, litige) avec les identifiants Stripe, pour rapprocher avec le tableau de bord Stripe. Colonnes séparées par des points-virgules, le fichier s’ouvre dans Excel ou LibreOffice.",
  "money.csv.filename": "rapprochement",
  "money.csv.date": "Date",
  "money.csv.order": "Commande",
  "money.csv.stall": "Stand",
  "money.csv.type": "Type",
  "money.csv.status": "Statut",
  "money.csv.reason": "Motif",
  "money.csv.gross": "Montant brut",
  "money.csv.commission": "Commission",
  "money.csv.amount": "Montant",
  "money.csv.fee": "Frais Stripe",
  "money.csv.error": "Erreur",
  "money.movement.PAYMENT": "paiement",
  "money.movement.TRANSFER": "virement",
  "money.movement.REVERSAL": "reprise",
  "money.movement.DEDUCTION": "déduit avant virement",
  "money.movement.REFUND": "remboursement",
  "money.movement.DISPUTE": "litige",

  // The merchant's transfers
  "money.merchant.title": "Virements par commande",
  "money.merchant.intro":
    "Pour chaque commande payée de ce stand : vos articles, la commission de la ville, le virement sur votre compte Stripe et ce qui a été repris (article refusé, litige).",
  "money.merchant.none": "Pas encore de commande payée : vos virements apparaîtront ici.",
  "money.merchant.order": "Commande {id}",
  "money.merchant.lines": "Vos articles",
  "money.merchant.commission": "Commission",
  "money.merchant.due": "Votre part",
  "money.merchant.transfer": "Virement",
  "money.merchant.reversals": "Repris",
  "money.merchant.left": "Reste pour vous",
  "money.merchant.more":
    "Seules les {n} commandes les plus récentes sont affichées ; les autres sont dans votre tableau de bord Stripe.",
  "money.transfer.NONE": "À venir",
  "money.transfer.WAITING": "En attente de votre compte",
  "money.transfer.PENDING": "En cours",
  "money.transfer.SENT": "Viré",
  "money.transfer.FAILED": "En échec",
  "money.reversal.PENDING": "En attente",
  "money.reversal.DEDUCTED": "Déduit avant le virement",
  "money.reversal.SUCCEEDED": "Repris",
  "money.reversal.FAILED": "En échec",
  "money.reason.LINE_REFUSED": "Article refusé",
  "money.reason.DISPUTE": "Litige",
} as const;
