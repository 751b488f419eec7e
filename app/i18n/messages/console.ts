// The organiser console's first minutes (issue 17): the markets' home, duplicate names, deleting
// a draft, "open now until the scheduled closing", the exception dates' pickers.
export const fr = {
  "console.nameTaken": "Un autre marché de la ville porte déjà ce nom. Choisissez-en un autre.",
  "console.editionNameTaken":
    "Un autre marché de la ville porte déjà ce nom : changez-le avant d’enregistrer la nouvelle édition.",
  "console.delete.link": "Supprimer ce brouillon",
  "console.delete.linkHint": "Un brouillon peut être supprimé avec ses séances, ses stands et ses invitations.",
  "console.delete.title": "Supprimer le brouillon « {name} » ?",
  "console.delete.intro": "Le marché est supprimé définitivement, avec tout ce qui en dépend :",
  "console.delete.sessions": "séances : {n}",
  "console.delete.stalls": "stands inscrits, avec leurs produits et leurs photos : {n}",
  "console.delete.invitations": "invitations en attente (leurs liens ne marcheront plus) : {n}",
  "console.delete.stallsNote": "Les marchands de ces stands ne sont pas prévenus : dites-le-leur si besoin.",
  "console.delete.confirm": "Supprimer définitivement",
  "console.delete.cancel": "Annuler",
  "console.delete.toSettings": "Retour aux réglages du marché",
  "console.delete.done": "Le brouillon a été supprimé.",
  "console.delete.notDraft":
    "Seul un brouillon peut être supprimé : un marché publié ou archivé garde son historique. Vous pouvez l’archiver dans ses réglages.",
  "console.delete.hasOrders":
    "Ce brouillon a déjà reçu des commandes (il a été publié) : il garde son historique. Vous pouvez l’archiver dans ses réglages.",
  "team.audit.market.draft_deleted": "{actor} a supprimé le brouillon de marché",
  "console.open.howLong": "Jusqu’à quand ?",
  "console.open.untilScheduled": "Jusqu’à la fermeture prévue ({when})",
  "console.open.forMinutes": "Pendant un nombre de minutes",
  "console.open.noScheduledClose": "Aucune fermeture n’est prévue aujourd’hui par les séances : indiquez une durée.",
  "organiser.live.noScheduledClose":
    "Aucune fermeture n’est prévue aujourd’hui par les séances : indiquez un nombre de minutes.",
  "console.dates.nth": "Date n° {n}",
  "console.dates.add": "Ajouter une date",
  "console.dates.remove": "Retirer",
  "console.dates.hint": "Choisissez chaque jour où le marché reste fermé ; laissez vide s’il n’y en a pas.",
  "console.home.open": "Ouvert en ce moment",
  "console.home.upcoming": "À venir",
  "console.home.past": "Passés",
  "console.home.pending": "Stands à valider : {count}",
};

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
