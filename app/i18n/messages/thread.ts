// The message thread of an order between its buyer and one of its stalls (pickup arrangements):
// the order card at the stall, the buyer's order page, the thread's own page and its e-mails
// (app/components/order-thread/, app/models/order-messages.server.ts).
export const fr = {
  "thread.toBuyer": "Écrire à {name}",
  "thread.toStall": "Écrire au stand",
  "thread.count#one": "{count} message",
  "thread.count#other": "{count} messages",
  "thread.privacy": "Vos adresses e-mail restent privées : chacun est prévenu par e-mail et répond depuis Chalet.",
  "thread.list": "Messages avec {name}",
  "thread.empty": "Aucun message pour l’instant.",
  "thread.you": "Vous",
  "thread.label": "Votre message à {name}",
  "thread.hint": "Pour convenir du retrait, par exemple. 1 000 caractères au plus.",
  "thread.send": "Envoyer",
  "thread.sending": "Envoi…",
  "thread.sent": "Message envoyé à {name}.",
  "thread.received": "Nouveau message de {name} : {body}",
  "thread.pageTitle": "Commande {reference} · messages avec {name}",
  "thread.back": "Retour à la commande",
  "thread.error.empty": "Écrivez un message avant d’envoyer.",
  "thread.error.tooLong": "Votre message dépasse 1 000 caractères : raccourcissez-le.",
  "thread.error.notFound": "Cette conversation n’existe pas ou ne vous concerne pas.",
  "thread.error.rateLimited": "Vous avez envoyé beaucoup de messages d’un coup : réessayez dans {seconds} s.",
  "thread.mail.subject": "Commande {reference} : nouveau message de {author}",
  "thread.mail.greeting": "Bonjour {name},",
  "thread.mail.intro": "{author} vous a écrit au sujet de la commande {reference} ({market}) :",
  "thread.mail.answer": "Pour lire la conversation et répondre :",
  "thread.mail.footer":
    "Ne répondez pas à cet e-mail : votre réponse n’arriverait pas. Votre adresse e-mail n’est jamais montrée à votre interlocuteur, ni la sienne à vous.",
};
