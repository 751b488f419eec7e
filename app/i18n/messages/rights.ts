// Residents' rights on their account page: download their data, delete their account
// (app/models/account-data.server.ts).
export const fr = {
  /** Stored as the name of a deleted account: what merchants read on its orders. */
  "rights.deletedName": "Compte supprimé",

  "rights.data.title": "Mes données",
  "rights.data.intro":
    "Téléchargez tout ce que Chalet garde de vous : votre compte, vos commandes, vos messages, votre panier et vos connexions, dans un fichier JSON.",
  "rights.data.download": "Télécharger mes données (JSON)",

  "rights.delete.title": "Supprimer mon compte",
  "rights.delete.intro": "La suppression est définitive. Vous êtes déconnecté partout.",
  "rights.delete.deletedTitle": "Ce qui est supprimé",
  "rights.delete.deleted.identity": "votre nom, votre adresse e-mail et votre mot de passe ;",
  "rights.delete.deleted.sessions": "vos connexions sur tous vos appareils et votre panier ;",
  "rights.delete.deleted.messages":
    "le texte de vos messages dans les discussions des stands (les réponses des commerçants restent) ;",
  "rights.delete.deleted.requests": "vos liens de réinitialisation de mot de passe et d’inscription en attente.",
  "rights.delete.keptTitle": "Ce qui est gardé, et pourquoi",
  "rights.delete.kept.orders":
    "Vos commandes restent, au nom de « Compte supprimé » : les commerçants et la ville doivent garder leurs pièces comptables 10 ans (article L123-22 du Code de commerce). Ni votre nom ni votre adresse n’y figurent plus.",
  "rights.delete.kept.refunds":
    "Un remboursement encore dû vous parvient sur votre carte, mais sans e-mail : téléchargez vos données avant si vous voulez garder vos reçus.",
  "rights.delete.password": "Votre mot de passe, pour confirmer",
  "rights.delete.confirm": "Je comprends que mon compte sera supprimé définitivement.",
  "rights.delete.submit": "Supprimer mon compte",
  "rights.delete.confirmRequired": "Cochez la case pour confirmer.",
  "rights.delete.wrongPassword": "Mot de passe incorrect. Votre compte n’a pas été supprimé.",
  "rights.delete.refused.stalls":
    "Vous tenez un stand dans un marché qui n’est pas terminé. Demandez aux organisateurs de le retirer, ou attendez la fin du marché, puis recommencez.",
  "rights.delete.refused.pendingOrders":
    "Une de vos commandes attend son paiement. Annulez-la ou terminez le paiement depuis « Mes commandes », puis recommencez.",
  "rights.delete.refused.lastOrganiser":
    "Vous êtes le dernier organisateur d’une ville. Invitez un autre organisateur avant de supprimer votre compte.",
  "rights.delete.refused.lastAdmin":
    "Vous êtes le seul administrateur de la plateforme. Nommez-en un autre avant de supprimer votre compte.",

  "rights.done.title": "Votre compte est supprimé",
  "rights.done.body":
    "Vous êtes déconnecté sur tous vos appareils. Vos commandes restent chez les commerçants, au nom de « Compte supprimé ». Vous pouvez créer un nouveau compte avec la même adresse quand vous voulez.",
  "rights.done.home": "Retour aux marchés",
};
