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
  "accounts.login.intro": "Heureux de vous revoir au marché !",
  "accounts.login.submit": "Se connecter",
  "accounts.login.invalid": "Adresse e-mail ou mot de passe incorrect.",
  "accounts.login.forgot": "Mot de passe oublié ?",
  "accounts.login.noAccount": "Pas encore de compte ?",
  "accounts.login.createAccount": "Créer un compte",

  "accounts.signup.title": "Créer un compte",
  "accounts.signup.intro": "Un compte suffit pour discuter avec les commerçants et passer commande.",
  "accounts.signup.submit": "Créer mon compte",
  "accounts.signup.emailTaken":
    "Un compte existe déjà avec cette adresse. Connectez-vous, ou réinitialisez votre mot de passe si vous l’avez oublié.",
  "accounts.signup.haveAccount": "Déjà un compte ?",

  "accounts.forgot.title": "Mot de passe oublié",
  "accounts.forgot.intro":
    "Indiquez l’adresse e-mail de votre compte : nous vous envoyons un lien pour choisir un nouveau mot de passe.",
  "accounts.forgot.submit": "Envoyer le lien",
  "accounts.forgot.sent":
    "Si un compte existe avec cette adresse, un e-mail vient de partir avec un lien valable une heure. Pensez à regarder dans les indésirables.",
  "accounts.forgot.backToLogin": "Retour à la connexion",
  "accounts.forgot.email.subject": "Choisissez un nouveau mot de passe Chalet",
  "accounts.forgot.email.body":
    "Bonjour {name},\n\nPour choisir un nouveau mot de passe, ouvrez ce lien (valable une heure) :\n{link}\n\nSi vous n’avez rien demandé, ignorez ce message : votre mot de passe ne change pas.\n\nÀ bientôt sur le marché,\nChalet",

  "accounts.reset.title": "Nouveau mot de passe",
  "accounts.reset.intro": "Choisissez un nouveau mot de passe pour {email}.",
  "accounts.reset.submit": "Enregistrer et me connecter",
  "accounts.reset.invalid": "Ce lien n’est pas valide. Vérifiez qu’il est complet, ou demandez-en un nouveau.",
  "accounts.reset.expired": "Ce lien a expiré : il n’est valable qu’une heure. Demandez-en un nouveau.",
  "accounts.reset.used": "Ce lien a déjà servi. Demandez-en un nouveau si besoin.",
  "accounts.reset.requestNew": "Demander un nouveau lien",

  "accounts.outbox.title": "Boîte d’envoi",
  "accounts.outbox.intro":
    "Les e-mails envoyés par l’application, les plus récents d’abord. Page de développement : elle n’existe pas en production.",
  "accounts.outbox.empty": "Aucun e-mail pour l’instant.",
  "accounts.outbox.to": "À",
  "accounts.outbox.date": "Le",
  "accounts.outbox.delivered": "Remis au serveur SMTP",
  "accounts.outbox.kept": "Gardé ici (pas de SMTP)",
  "accounts.outbox.failed": "Échec SMTP : {error}",
  "accounts.outbox.filter": "Destinataire",
  "accounts.outbox.filterSubmit": "Filtrer",
  "accounts.outbox.showAll": "Tout afficher",
} as const;

export const en: Record<keyof typeof fr, string> = {
  "accounts.field.email": "Email address",
  "accounts.field.password": "Password",
  "accounts.field.newPassword": "Password",
  "accounts.field.newPassword.hint": "At least 10 characters. A short phrase that is easy to remember works well.",
  "accounts.field.name": "Your name",
  "accounts.field.name.hint": "Merchants see it when you chat with them.",
  "accounts.field.showPassword": "Show password",
  "accounts.password.tooShort": "At least 10 characters, please",
  "accounts.password.tooLong": "200 characters at most",
  "accounts.rateLimited": "Too many attempts. For your safety, try again in {seconds} seconds.",

  "accounts.login.title": "Log in",
  "accounts.login.intro": "Welcome back to the market!",
  "accounts.login.submit": "Log in",
  "accounts.login.invalid": "Wrong email address or password.",
  "accounts.login.forgot": "Forgotten your password?",
  "accounts.login.noAccount": "No account yet?",
  "accounts.login.createAccount": "Create an account",

  "accounts.signup.title": "Create an account",
  "accounts.signup.intro": "One account lets you chat with merchants and place orders.",
  "accounts.signup.submit": "Create my account",
  "accounts.signup.emailTaken":
    "An account already exists with this address. Log in, or reset your password if you have forgotten it.",
  "accounts.signup.haveAccount": "Already have an account?",

  "accounts.forgot.title": "Forgotten password",
  "accounts.forgot.intro": "Enter your account's email address and we will send you a link to choose a new password.",
  "accounts.forgot.submit": "Send the link",
  "accounts.forgot.sent":
    "If an account exists with this address, an email is on its way with a link valid for one hour. Check your spam folder too.",
  "accounts.forgot.backToLogin": "Back to log in",
  "accounts.forgot.email.subject": "Choose a new Chalet password",
  "accounts.forgot.email.body":
    "Hello {name},\n\nTo choose a new password, open this link (valid for one hour):\n{link}\n\nIf you did not ask for this, ignore this message: your password stays the same.\n\nSee you at the market,\nChalet",

  "accounts.reset.title": "New password",
  "accounts.reset.intro": "Choose a new password for {email}.",
  "accounts.reset.submit": "Save and log me in",
  "accounts.reset.invalid": "This link is not valid. Check that it is complete, or ask for a new one.",
  "accounts.reset.expired": "This link has expired: it is only valid for one hour. Ask for a new one.",
  "accounts.reset.used": "This link has already been used. Ask for a new one if you need to.",
  "accounts.reset.requestNew": "Ask for a new link",

  "accounts.outbox.title": "Outbox",
  "accounts.outbox.intro": "Emails sent by the app, newest first. A development page: it does not exist in production.",
  "accounts.outbox.empty": "No emails yet.",
  "accounts.outbox.to": "To",
  "accounts.outbox.date": "On",
  "accounts.outbox.delivered": "Handed to the SMTP server",
  "accounts.outbox.kept": "Kept here (no SMTP)",
  "accounts.outbox.failed": "SMTP failure: {error}",
  "accounts.outbox.filter": "Recipient",
  "accounts.outbox.filterSubmit": "Filter",
  "accounts.outbox.showAll": "Show all",
};
