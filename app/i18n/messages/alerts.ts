// Every order seen: the merchant's order emails, digests and pushes, the header's orders to
// prepare, the alert settings page (/merchant/alerts) and the buyer's "ready" message
// (app/models/order-alerts.server.ts, app/models/push.server.ts).
export const fr = {
  "alerts.nav.received": "Commandes reçues",
  "alerts.nav.receivedCount": "Commandes reçues : {count} à préparer",

  "alerts.order.subject": "Nouvelle commande {reference} : {buyer}",
  "alerts.order.intro": "{buyer} vient de payer la commande {reference} à votre stand « {stall} » ({market}) :",
  "alerts.email.line": "- {quantity} × {product} : {amount}",
  "alerts.email.total": "Total pour votre stand : {amount}",
  "alerts.email.prepare": "Préparez-la depuis l’onglet « Commandes » de votre stand :",
  "alerts.email.settings": "Un e-mail par commande, un récapitulatif par heure ou aucun : choisissez sur {link}",
  "alerts.push.order.title": "Commande {reference} : {amount}",
  "alerts.push.order.body#one": "{buyer}, {count} article à « {stall} »",
  "alerts.push.order.body#other": "{buyer}, {count} articles à « {stall} »",

  "alerts.digest.subject": "Nouvelles commandes : {count}",
  "alerts.digest.intro": "Commandes payées depuis le dernier récapitulatif : {count}",
  "alerts.digest.order": "{reference}, {buyer}, {time} ({stall}, {amount})",

  "alerts.ready.subject": "Votre commande {reference} est prête à « {stall} »",
  "alerts.ready.greeting": "Bonjour {name},",
  "alerts.ready.intro": "Le stand « {stall} » a préparé votre commande {reference} ({market}) :",
  "alerts.ready.link": "Votre commande en ligne (avec le code à présenter) :",
  "alerts.push.ready.title": "Commande {reference} prête",
  "alerts.push.ready.body#one": "« {stall} » vous attend : {count} article à retirer.",
  "alerts.push.ready.body#other": "« {stall} » vous attend : {count} articles à retirer.",

  "alerts.page.title": "Alertes de commandes",
  "alerts.page.intro":
    "Chaque commande payée à vos stands vous est signalée ici, où que vous soyez : par e-mail, et sur votre téléphone si vous le voulez.",
  "alerts.emails.legend": "E-mails de commande",
  "alerts.emails.EACH": "Un e-mail par commande",
  "alerts.emails.DIGEST": "Un récapitulatif par heure au plus",
  "alerts.emails.NONE": "Aucun e-mail (je regarde l’onglet « Commandes »)",
  "alerts.emails.save": "Enregistrer",
  "alerts.emails.saved": "Votre choix est enregistré.",
  "alerts.push.legend": "Notifications sur ce téléphone",
  "alerts.push.intro":
    "Votre téléphone sonne à chaque commande payée, même quand Chalet est fermé. Le navigateur vous demandera votre accord.",
  "alerts.push.enable": "Recevoir les commandes sur ce téléphone",
  "alerts.push.enableReady": "Être prévenu sur ce téléphone quand c’est prêt",
  "alerts.push.disable": "Ne plus recevoir de notifications sur ce téléphone",
  "alerts.push.working": "Un instant…",
  "alerts.push.enabled": "C’est fait : ce téléphone recevra les notifications de Chalet.",
  "alerts.push.disabled": "Ce téléphone ne recevra plus les notifications de Chalet.",
  "alerts.push.unsupported":
    "Ce navigateur ne sait pas recevoir de notifications. Sur iPhone, ajoutez d’abord Chalet à l’écran d’accueil (Partager, puis « Sur l’écran d’accueil ») et ouvrez-le de là.",
  "alerts.push.denied":
    "Le navigateur a refusé les notifications pour ce site. Autorisez-les dans ses réglages (le cadenas à côté de l’adresse), puis réessayez.",
  "alerts.push.failed":
    "Le navigateur n’a pas pu s’abonner aux notifications (service de notifications injoignable). Réessayez plus tard ; les e-mails restent actifs.",
  "alerts.push.invalid": "Abonnement aux notifications invalide. Réessayez.",
  "alerts.merchantLink": "Alertes de commandes (e-mail, téléphone)",
  "alerts.stall.toPrepare": "{count} à préparer",
};
