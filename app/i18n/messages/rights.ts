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

export const en: Record<keyof typeof fr, string> = {
  "rights.deletedName": "Deleted account",

  "rights.data.title": "My data",
  "rights.data.intro":
    "Download everything Chalet keeps about you: your account, your orders, your messages, your basket and your log-ins, in a JSON file.",
  "rights.data.download": "Download my data (JSON)",

  "rights.delete.title": "Delete my account",
  "rights.delete.intro": "Deletion is final. You are logged out everywhere.",
  "rights.delete.deletedTitle": "What is deleted",
  "rights.delete.deleted.identity": "your name, your email address and your password;",
  "rights.delete.deleted.sessions": "your log-ins on all your devices and your basket;",
  "rights.delete.deleted.messages": "the text of your messages in the stalls’ chats (the merchants’ replies stay);",
  "rights.delete.deleted.requests": "your pending password-reset and sign-up links.",
  "rights.delete.keptTitle": "What is kept, and why",
  "rights.delete.kept.orders":
    "Your orders stay, under the name “Compte supprimé” (deleted account): merchants and the town must keep their accounting records for 10 years (French Commercial Code, article L123-22). Neither your name nor your address appears on them any more.",
  "rights.delete.kept.refunds":
    "A refund still due reaches your card, but without an email: download your data first if you want to keep your receipts.",
  "rights.delete.password": "Your password, to confirm",
  "rights.delete.confirm": "I understand that my account will be deleted for good.",
  "rights.delete.submit": "Delete my account",
  "rights.delete.confirmRequired": "Tick the box to confirm.",
  "rights.delete.wrongPassword": "Wrong password. Your account was not deleted.",
  "rights.delete.refused.stalls":
    "You hold a stall in a market that has not ended. Ask the organisers to remove it, or wait until the market ends, then try again.",
  "rights.delete.refused.pendingOrders":
    "One of your orders is waiting for its payment. Cancel it or finish paying from “My orders”, then try again.",
  "rights.delete.refused.lastOrganiser":
    "You are the last organiser of a town. Invite another organiser before deleting your account.",
  "rights.delete.refused.lastAdmin":
    "You are the platform’s only administrator. Appoint another one before deleting your account.",

  "rights.done.title": "Your account is deleted",
  "rights.done.body":
    "You are logged out on all your devices. Your orders stay with the merchants, under the name “Compte supprimé”. You can create a new account with the same address whenever you like.",
  "rights.done.home": "Back to the markets",
};
