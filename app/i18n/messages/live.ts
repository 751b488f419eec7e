// Live market: socket errors, closing notices and the organiser's overrides as visitors see them.
export const fr = {
  "live.error.badRequest": "Requête invalide : {detail}",
  "live.error.unauthenticated": "Connectez-vous pour écrire.",
  "live.error.notFound": "Ce stand ou ce marché n'existe pas.",
  "live.error.marketClosed": "Le marché est fermé : le chat et les achats rouvriront à sa prochaine ouverture.",
  "live.error.marketClosedReason":
    "Le marché est fermé ({reason}) : le chat et les achats rouvriront à sa prochaine ouverture.",
  "live.error.server": "Une erreur est survenue, réessayez dans un instant.",
  "live.error.rateLimited": "Doucement : trop de demandes, réessayez dans quelques secondes.",
  "live.error.chatRateLimited": "Doucement : trop de messages, réessayez dans {seconds} secondes.",
  "live.error.chatRateLimitedOne": "Doucement : trop de messages, réessayez dans une seconde.",
  "live.closingSoon": "Le marché ferme dans {minutes} min : pensez à finir vos achats.",
  "live.closingSoonOne": "Le marché ferme dans moins d'une minute.",
  "live.closedByOrganiser": "Fermé par l'organisation : {reason}",
  "live.closedByOrganiserNoReason": "Fermé par l'organisation.",
  "live.connection.offline": "Hors ligne : reconnexion…",
  "live.closesIn": "Ferme dans",
  "live.opensIn": "Ouvre dans",
} as const;

export const en: Record<keyof typeof fr, string> = {
  "live.error.badRequest": "Invalid request: {detail}",
  "live.error.unauthenticated": "Log in to write.",
  "live.error.notFound": "This stall or market does not exist.",
  "live.error.marketClosed": "The market is closed: chat and purchases reopen when it next opens.",
  "live.error.marketClosedReason": "The market is closed ({reason}): chat and purchases reopen when it next opens.",
  "live.error.server": "Something went wrong, try again in a moment.",
  "live.error.rateLimited": "Slow down: too many requests, try again in a few seconds.",
  "live.error.chatRateLimited": "Slow down: too many messages, try again in {seconds} seconds.",
  "live.error.chatRateLimitedOne": "Slow down: too many messages, try again in one second.",
  "live.closingSoon": "The market closes in {minutes} min: time to finish your shopping.",
  "live.closingSoonOne": "The market closes in less than a minute.",
  "live.closedByOrganiser": "Closed by the organisers: {reason}",
  "live.closedByOrganiserNoReason": "Closed by the organisers.",
  "live.connection.offline": "Offline: reconnecting…",
  "live.closesIn": "Closes in",
  "live.opensIn": "Opens in",
};
