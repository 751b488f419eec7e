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
  "console.dates.nth": "Date n° {n}",
  "console.dates.add": "Ajouter une date",
  "console.dates.remove": "Retirer",
  "console.dates.hint": "Choisissez chaque jour où le marché reste fermé ; laissez vide s’il n’y en a pas.",
  "console.home.open": "Ouvert en ce moment",
  "console.home.upcoming": "À venir",
  "console.home.past": "Passés",
  "console.home.pending": "Stands à valider : {count}",
};
