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

export const en: Record<keyof typeof fr, string> = {
  "alerts.nav.received": "Orders received",
  "alerts.nav.receivedCount": "Orders received: {count} to prepare",

  "alerts.order.subject": "New order {reference}: {buyer}",
  "alerts.order.intro": "{buyer} just paid order {reference} at your stall “{stall}” ({market}):",
  "alerts.email.line": "- {quantity} × {product}: {amount}",
  "alerts.email.total": "Total for your stall: {amount}",
  "alerts.email.prepare": "Prepare it from your stall’s “Orders” tab:",
  "alerts.email.settings": "One email per order, an hourly summary or none: choose at {link}",
  "alerts.push.order.title": "Order {reference}: {amount}",
  "alerts.push.order.body#one": "{buyer}, {count} item at “{stall}”",
  "alerts.push.order.body#other": "{buyer}, {count} items at “{stall}”",

  "alerts.digest.subject": "New orders: {count}",
  "alerts.digest.intro": "Orders paid since the last summary: {count}",
  "alerts.digest.order": "{reference}, {buyer}, {time} ({stall}, {amount})",

  "alerts.ready.subject": "Your order {reference} is ready at “{stall}”",
  "alerts.ready.greeting": "Hello {name},",
  "alerts.ready.intro": "The stall “{stall}” has prepared your order {reference} ({market}):",
  "alerts.ready.link": "Your order online (with the code to show):",
  "alerts.push.ready.title": "Order {reference} ready",
  "alerts.push.ready.body#one": "“{stall}” is waiting for you: {count} item to collect.",
  "alerts.push.ready.body#other": "“{stall}” is waiting for you: {count} items to collect.",

  "alerts.page.title": "Order alerts",
  "alerts.page.intro":
    "Every paid order at your stalls reaches you wherever you are: by email, and on your phone if you wish.",
  "alerts.emails.legend": "Order emails",
  "alerts.emails.EACH": "One email per order",
  "alerts.emails.DIGEST": "One summary per hour at most",
  "alerts.emails.NONE": "No email (I watch the “Orders” tab)",
  "alerts.emails.save": "Save",
  "alerts.emails.saved": "Your choice is saved.",
  "alerts.push.legend": "Notifications on this phone",
  "alerts.push.intro":
    "Your phone rings for every paid order, even with Chalet closed. The browser will ask for your permission.",
  "alerts.push.enable": "Get orders on this phone",
  "alerts.push.enableReady": "Be told on this phone when it is ready",
  "alerts.push.disable": "Stop notifications on this phone",
  "alerts.push.working": "One moment…",
  "alerts.push.enabled": "Done: this phone will receive Chalet’s notifications.",
  "alerts.push.disabled": "This phone will no longer receive Chalet’s notifications.",
  "alerts.push.unsupported":
    "This browser cannot receive notifications. On an iPhone, first add Chalet to the home screen (Share, then “Add to Home Screen”) and open it from there.",
  "alerts.push.denied":
    "The browser refused notifications for this site. Allow them in its settings (the padlock next to the address), then try again.",
  "alerts.push.failed":
    "The browser could not subscribe to notifications (push service out of reach). Try again later; emails still work.",
  "alerts.push.invalid": "Invalid notification subscription. Try again.",
  "alerts.merchantLink": "Order alerts (email, phone)",
  "alerts.stall.toPrepare": "{count} to prepare",
};
