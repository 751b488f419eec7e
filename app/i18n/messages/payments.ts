// Payments: the emails and notices of Stripe's events (paid, late payment refunded, line refused and refunded).
export const fr = {
  "payments.email.greeting": "Bonjour {name},",
  "payments.email.footer": "À bientôt sur le marché de Noël !\nChalet, pour {market}",
  "payments.email.orderLink": "Votre commande en ligne :",
  "payments.email.line": "- {quantity} × {product} : {amount}",
  "payments.email.stall": "Stand {stall}",
  "payments.email.pickup": "Retrait : {details}",
  "payments.email.pickupUnknown": "Retrait : le stand vous précisera les modalités.",
  "payments.email.total": "Total payé : {amount}",

  // Whenever the built-in Stripe sandbox takes the payments (the demo, STRIPE_SANDBOX=1).
  "payments.sandbox.banner": "Démonstration : les paiements de ce site ne sont pas réels, aucune somme n’est débitée.",
  "payments.sandbox.order":
    "Commande de démonstration : son paiement n’est pas réel, aucune somme n’a été débitée ni ne sera remboursée.",
  "payments.sandbox.email":
    "DÉMONSTRATION : ce site ne prend pas de vrais paiements. Aucune somme n’a été débitée ni remboursée.",

  "payments.paid.subject": "Commande confirmée : {market}",
  "payments.paid.intro": "Votre paiement de {amount} est bien reçu. Voici votre commande, stand par stand :",
  "payments.paid.pickupIntro": "Présentez ce message (ou la page de votre commande) au stand pour retirer vos achats.",

  "payments.late.subject": "Paiement remboursé : {market}",
  "payments.late.intro":
    "Votre paiement de {amount} est arrivé après la fin de la réservation de votre panier, et certains articles ont été vendus entre-temps.",
  "payments.late.refunded":
    "Nous vous avons remboursé intégralement : le montant revient sur votre moyen de paiement sous quelques jours.",
  "payments.late.again": "Vous pouvez repasser commande si des articles sont encore disponibles.",

  "payments.refused.subject": "Article non disponible, remboursé : {stall}",
  "payments.refused.intro": "Le stand {stall} ne peut pas vous fournir cet article :",
  "payments.refused.refunded":
    "Nous vous avons remboursé {amount} : le montant revient sur votre moyen de paiement sous quelques jours. Le reste de votre commande est inchangé.",
} as const;
