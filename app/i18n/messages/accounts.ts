export const fr = {
  "accounts.field.email": "Adresse e-mail",
  "accounts.field.password": "Mot de passe",
  "accounts.field.newPassword": "Mot de passe",
  "accounts.field.newPassword.hint":
    "Au moins 10 caractères. Une petite phrase facile à retenir fait très bien l’affaire.",
  "accounts.field.name": "Votre nom",
  "accounts.field.name.hint": "Les commerçants le voient quand vous discutez avec eux.",
  "accounts.field.showPassword": "Afficher le mot de passe",
  "accounts.password.tooShort": "Au moins 10 caractères, s’il vous plaît",
  "accounts.password.tooLong": "200 caractères au plus",
  "accounts.rateLimited": "Trop de tentatives. Par sécurité, réessayez dans {seconds} secondes.",

  "accounts.login.title": "Se connecter",
  "accounts.login.intro": "Heureux de vous revoir au marché !",
  "accounts.login.submit": "Se connecter",
  "accounts.login.invalid": "Adresse e-mail ou mot de passe incorrect.",
  "accounts.login.forgot": "Mot de passe oublié ?",
  "accounts.login.noAccount": "Pas encore de compte ?",
  "accounts.login.createAccount": "Créer un compte",

  "accounts.signup.title": "Créer un compte",
  "accounts.signup.intro": "Un compte suffit pour discuter avec les commerçants et passer commande.",
  "accounts.signup.submit": "Créer mon compte",
  "accounts.signup.haveAccount": "Déjà un compte ?",
  "accounts.signup.sent":
    "Plus qu’une étape : nous venons d’écrire à {email}. Ouvrez le lien de ce message pour continuer (il est valable 24 heures). Pensez à regarder dans les indésirables.",
  "accounts.signup.email.subject": "Activez votre compte Chalet",
  "accounts.signup.email.body":
    "Bonjour {name},\n\nPour activer votre compte Chalet, ouvrez ce lien (valable 24 heures) :\n{link}\n\nSi vous n’avez rien demandé, ignorez ce message : aucun compte ne sera créé.\n\nÀ bientôt sur le marché,\nChalet",
  "accounts.signup.existing.subject": "Vous avez déjà un compte Chalet",
  "accounts.signup.existing.body":
    "Bonjour {name},\n\nQuelqu’un, sans doute vous, a voulu créer un compte Chalet avec cette adresse, mais vous en avez déjà un.\n\nPour vous connecter :\n{login}\n\nMot de passe oublié ? Choisissez-en un nouveau ici :\n{forgot}\n\nSi ce n’était pas vous, ignorez ce message : rien n’a changé sur votre compte.\n\nÀ bientôt sur le marché,\nChalet",

  "accounts.confirm.title": "Activer votre compte",
  "accounts.confirm.intro": "Bienvenue, {name} ! Un clic pour créer votre compte {email} et vous connecter.",
  "accounts.confirm.submit": "Activer mon compte",
  "accounts.confirm.invalid": "Ce lien n’est pas valide. Vérifiez qu’il est complet, ou recommencez l’inscription.",
  "accounts.confirm.expired": "Ce lien a expiré : il n’est valable que 24 heures. Recommencez l’inscription.",
  "accounts.confirm.used": "Ce lien a déjà servi : votre compte existe. Connectez-vous.",
  "accounts.confirm.taken":
    "Un compte existe déjà avec cette adresse. Connectez-vous, ou choisissez un nouveau mot de passe si vous l’avez oublié.",
  "accounts.confirm.signupAgain": "Recommencer l’inscription",

  "accounts.forgot.title": "Mot de passe oublié",
  "accounts.forgot.intro":
    "Indiquez l’adresse e-mail de votre compte : nous vous envoyons un lien pour choisir un nouveau mot de passe.",
  "accounts.forgot.submit": "Envoyer le lien",
  "accounts.forgot.sent":
    "Si un compte existe avec cette adresse, un e-mail vient de partir avec un lien valable une heure. Pensez à regarder dans les indésirables.",
  "accounts.forgot.backToLogin": "Retour à la connexion",
  "accounts.forgot.email.subject": "Choisissez un nouveau mot de passe Chalet",
  "accounts.forgot.email.body":
    "Bonjour {name},\n\nPour choisir un nouveau mot de passe, ouvrez ce lien (valable une heure) :\n{link}\n\nSi vous n’avez rien demandé, ignorez ce message : votre mot de passe ne change pas.\n\nÀ bientôt sur le marché,\nChalet",

  "accounts.reset.title": "Nouveau mot de passe",
  "accounts.reset.intro": "Choisissez un nouveau mot de passe pour {email}.",
  "accounts.reset.submit": "Enregistrer et me connecter",
  "accounts.reset.invalid": "Ce lien n’est pas valide. Vérifiez qu’il est complet, ou demandez-en un nouveau.",
  "accounts.reset.expired": "Ce lien a expiré : il n’est valable qu’une heure. Demandez-en un nouveau.",
  "accounts.reset.used": "Ce lien a déjà servi. Demandez-en un nouveau si besoin.",
  "accounts.reset.requestNew": "Demander un nouveau lien",

  "accounts.outbox.title": "Boîte d’envoi",
  "accounts.outbox.intro":
    "Les e-mails envoyés par l’application, les plus récents d’abord. Page de développement : elle n’existe pas en production.",
  "accounts.outbox.empty": "Aucun e-mail pour l’instant.",
  "accounts.outbox.to": "À",
  "accounts.outbox.date": "Le",
  "accounts.outbox.delivered": "Remis au serveur SMTP",
  "accounts.outbox.kept": "Gardé ici (pas de SMTP)",
  "accounts.outbox.failed": "Échec SMTP : {error}",
  "accounts.outbox.filter": "Destinataire",
  "accounts.outbox.filterSubmit": "Filtrer",
  "accounts.outbox.showAll": "Tout afficher",

  "accounts.account.title": "Mon compte",
  "accounts.account.name": "Nom",
  "accounts.account.email": "Adresse e-mail",
  "accounts.account.password": "Pour changer de mot de passe, demandez un lien par e-mail.",
  "accounts.account.passwordLink": "Changer de mot de passe",
  "accounts.account.sessions.title": "Appareils connectés",
  "accounts.account.sessions.intro":
    "Une connexion reste ouverte 30 jours, sauf si vous vous déconnectez. Vous ne reconnaissez pas un appareil ? Déconnectez-le, puis changez de mot de passe.",
  "accounts.account.sessions.thisDevice": "Cet appareil",
  "accounts.account.sessions.unknownDevice": "Appareil non reconnu",
  "accounts.account.sessions.since": "Connecté le {date}",
  "accounts.account.sessions.end": "Déconnecter",
  "accounts.account.sessions.endLabel": "Déconnecter {device}, connecté le {date}",
  "accounts.account.sessions.ended": "Cet appareil est déconnecté.",
  "accounts.account.sessions.gone": "Cette connexion était déjà fermée.",
  "accounts.account.everywhere.title": "Se déconnecter partout",
  "accounts.account.everywhere.intro":
    "Ferme toutes les connexions à votre compte, celle-ci comprise, et coupe aussitôt leurs mises à jour en direct. Il faudra vous reconnecter sur chaque appareil.",
  "accounts.account.everywhere.submit": "Se déconnecter partout",
  "accounts.account.badIntent": "Cette action n’existe pas sur cette page.",
} as const;
