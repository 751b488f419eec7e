// Legal pages (legal notice, terms of sale, privacy notice), the merchants' legal identity and
// the emails about a stall's review. The texts say what the app really does: keep them in step
// with docs/payments.md and the retention periods in the code they name.
export const fr = {
  "footer.legal": "Informations légales",
  "footer.notice": "Mentions légales",
  "footer.terms": "Conditions de vente",
  "footer.privacy": "Confidentialité",

  "legal.notSet": "non renseigné",
  "legal.siret.invalid":
    "Ce numéro SIRET n’est pas valide : il faut 14 chiffres (espaces permis), avec une clé correcte. Recopiez-le depuis votre extrait Kbis ou votre avis de situation INSEE.",

  "legal.field.legend": "Identité légale du vendeur",
  "legal.field.hint":
    "Affichée sur la page de votre stand et dans les conditions de vente du marché. Obligatoire pour que l’organisation puisse approuver votre stand.",
  "legal.field.legalName": "Raison sociale ou nom de l’entrepreneur",
  "legal.field.siret": "Numéro SIRET",
  "legal.field.siretHint": "14 chiffres, par exemple 812 345 676 00017",
  "legal.field.legalAddress": "Adresse de l’entreprise",
  "legal.field.requiredWhileApproved":
    "Votre stand est approuvé : son identité légale (raison sociale, SIRET, adresse) doit rester complète.",

  "legal.missing.legalName": "raison sociale",
  "legal.missing.siret": "SIRET valide",
  "legal.missing.legalAddress": "adresse",

  "legal.review.identity": "Identité légale",
  "legal.review.missing": "À compléter par le marchand avant approbation : {fields}.",
  "legal.review.refused":
    "Le stand « {name} » ne peut pas être approuvé : il manque son identité légale ({fields}). Demandez au marchand de la compléter dans les réglages de son stand.",

  "legal.stall.seller": "Vendeur",
  "legal.stall.soldBy": "Vendu par {name}",
  "legal.stall.terms": "Conditions de vente du marché",

  "legal.mail.awaiting.subject": "Stand à valider : {stall} ({market})",
  "legal.mail.awaiting.text":
    "Bonjour,\n\n{merchant} a créé le stand « {stall} » dans le marché « {market} ». Il attend votre validation :\n{link}",
  "legal.mail.awaiting.missing":
    "Son identité légale est incomplète ({fields}) : il ne pourra être approuvé qu’une fois complétée par le marchand.",
  "legal.mail.approved.subject": "Votre stand « {stall} » est approuvé",
  "legal.mail.approved.text":
    "Bonjour,\n\nL’organisation du marché « {market} » a approuvé votre stand « {stall} ». Il est visible du public dès que le marché est publié :\n{page}\n\nVotre espace marchand :\n{console}",
  "legal.mail.rejected.subject": "Votre stand « {stall} » n’a pas été retenu",
  "legal.mail.rejected.text":
    "Bonjour,\n\nL’organisation du marché « {market} » n’a pas retenu votre stand « {stall} » : il n’est pas visible du public. Pour en savoir plus, répondez à l’organisation qui vous a invité.\n\nVotre espace marchand :\n{console}",

  // Legal notice (mentions légales)
  "legal.notice.title": "Mentions légales",
  "legal.notice.titleOf": "Mentions légales · {town}",
  "legal.notice.intro": "Ce marché de Noël virtuel est édité par {town}.",
  "legal.notice.chooseTown":
    "Ce site accueille les marchés de plusieurs villes. Choisissez la ville qui édite le marché :",
  "legal.notice.noTown": "Aucune ville n’est encore enregistrée sur ce site.",
  "legal.notice.editor": "Éditeur",
  "legal.notice.name": "Nom",
  "legal.notice.address": "Adresse",
  "legal.notice.email": "Courriel",
  "legal.notice.phone": "Téléphone",
  "legal.notice.director": "Directeur ou directrice de la publication",
  "legal.notice.host": "Hébergeur",
  "legal.notice.hostContact": "Contact",
  "legal.notice.software": "Logiciel",
  "legal.notice.softwareText":
    "Le site fonctionne avec Chalet, un logiciel libre de marché de Noël virtuel. Les paiements sont traités par Stripe Payments Europe, Ltd.",
  "legal.notice.markets": "Conditions de vente des marchés",
  "legal.notice.noMarkets": "Aucun marché publié pour le moment.",
  "legal.notice.privacy": "Données personnelles",
  "legal.notice.privacyText":
    "Ce que le site conserve, pourquoi et combien de temps : voir la politique de confidentialité.",

  // Terms of sale
  "legal.terms.title": "Conditions de vente · {market}",
  "legal.terms.intro": "Ces conditions s’appliquent aux achats faits sur le marché « {market} », organisé par {town}.",
  "legal.terms.sellers": "Qui vend",
  "legal.terms.sellersText":
    "Chaque produit est vendu par le marchand du stand qui le propose : le contrat de vente est conclu entre vous et ce marchand. Les vendeurs de ce marché :",
  "legal.terms.noSellers": "Aucun stand n’est encore approuvé dans ce marché.",
  "legal.terms.stallLink": "Stand « {stall} »",
  "legal.terms.siret": "SIRET",
  "legal.terms.role": "Rôle de la ville et de la plateforme",
  "legal.terms.roleText":
    "{town} organise le marché, choisit les stands et édite ce site (logiciel Chalet). Elle n’est pas le vendeur : elle encaisse vos paiements pour le compte des marchands par l’intermédiaire de Stripe, puis reverse à chaque marchand sa part.",
  "legal.terms.commission":
    "Sur chaque vente, la ville retient une commission de {rate} avant de reverser la part du marchand.",
  "legal.terms.noCommission": "La ville ne retient aucune commission sur les ventes.",
  "legal.terms.prices": "Prix",
  "legal.terms.pricesText":
    "Les prix sont indiqués en euros, toutes taxes comprises (TTC). Le prix payé est celui affiché quand vous appuyez sur « Payer ». Il n’y a ni frais de livraison ni frais de service.",
  "legal.terms.payment": "Commande et paiement",
  "legal.terms.paymentText":
    "Le panier d’un marché se paie en une fois, par carte bancaire, sur la page de paiement de Stripe, pendant que le marché est ouvert. Quand vous appuyez sur « Payer », les produits vous sont réservés 30 minutes le temps du paiement ; passé ce délai, la réservation est levée. Vos données de carte sont saisies chez Stripe : ce site ne les voit ni ne les conserve. La commande est ferme une fois le paiement accepté ; vous recevez alors une confirmation par e-mail.",
  "legal.terms.pickup": "Retrait",
  "legal.terms.pickupText":
    "Il n’y a pas de livraison : vos achats sont à retirer auprès de chaque marchand, selon les indications de retrait de son stand (sur sa page, sur la page de votre commande et dans l’e-mail de confirmation). La page de votre commande indique quand une ligne est prête.",
  "legal.terms.refusal": "Produit indisponible",
  "legal.terms.refusalText":
    "Si un marchand ne peut pas fournir un produit de votre commande (rupture de stock, par exemple), il refuse cette ligne : elle vous est remboursée automatiquement sur la carte utilisée et vous en êtes averti par e-mail. Les autres lignes de la commande restent dues. Un paiement arrivé après la fin de la réservation, quand le stock n’est plus disponible, est remboursé en entier automatiquement.",
  "legal.terms.withdrawal": "Droit de rétractation",
  "legal.terms.withdrawalText":
    "Vous disposez de 14 jours à compter du retrait d’un produit pour vous rétracter, sans avoir à vous justifier : dites-le au marchand (ses coordonnées figurent ci-dessus) et rapportez-lui le produit ; il vous rembourse au plus tard 14 jours après, une fois le produit récupéré.",
  "legal.terms.withdrawalExceptions":
    "Ce droit ne s’applique pas (article L221-28 du Code de la consommation) aux denrées périssables ou qui se détériorent rapidement (pâtisseries, crêpes, fromages…), aux produits confectionnés selon vos indications ou personnalisés, ni aux produits descellés qui ne peuvent être repris pour des raisons d’hygiène ou de protection de la santé.",
  "legal.terms.disputes": "Réclamations et médiation",
  "legal.terms.disputesText":
    "Adressez d’abord toute réclamation au marchand. Sans réponse satisfaisante, écrivez à l’organisation du marché, qui peut intervenir auprès du marchand. En cas de litige persistant, vous pouvez recourir gratuitement au médiateur de la consommation dont relève le marchand (articles L612-1 et suivants du Code de la consommation). Le droit français s’applique.",
  "legal.terms.contact": "Contact de l’organisation",
  "legal.terms.notice": "Mentions légales de {town}",

  // Privacy notice
  "legal.privacy.title": "Confidentialité",
  "legal.privacy.intro":
    "Ce site conserve le moins possible de données vous concernant, seulement pour faire fonctionner le marché. Voici lesquelles, pourquoi et pour combien de temps.",
  "legal.privacy.controller": "Responsable du traitement",
  "legal.privacy.controllerText":
    "La ville qui organise le marché est responsable des données de ses marchés. Pour toute question ou pour exercer vos droits, écrivez-lui :",
  "legal.privacy.stored": "Ce qui est conservé",
  "legal.privacy.what": "Données",
  "legal.privacy.why": "Pourquoi",
  "legal.privacy.howLong": "Combien de temps",
  "legal.privacy.account":
    "Votre compte : nom, adresse e-mail, langue, empreinte de votre mot de passe (jamais le mot de passe lui-même)",
  "legal.privacy.accountWhy": "Vous connecter, vous écrire au sujet de vos commandes",
  "legal.privacy.accountHowLong": "Jusqu’à la suppression de votre compte",
  "legal.privacy.orders":
    "Vos commandes : produits, montants, stands, statuts, remboursements, identifiants du paiement chez Stripe",
  "legal.privacy.ordersWhy":
    "Le retrait de vos achats, les remboursements, la comptabilité des marchands et de la ville",
  "legal.privacy.ordersHowLong":
    "10 ans (article L123-22 du Code de commerce), même après la suppression de votre compte, qui remplace alors votre nom",
  "legal.privacy.chat": "Vos messages dans le chat des stands et vos signalements",
  "legal.privacy.chatWhy": "La discussion avec les marchands (les messages sont publics) et sa modération",
  "legal.privacy.chatHowLong":
    "Jusqu’à leur suppression par la modération ; à la suppression de votre compte, leur texte est effacé",
  "legal.privacy.sessions": "Vos connexions : date et type de navigateur (par exemple « Firefox · Android »)",
  "legal.privacy.sessionsWhy": "Vous garder connecté, vous montrer vos appareils et vous permettre de les déconnecter",
  "legal.privacy.sessionsHowLong": "30 jours, ou jusqu’à la déconnexion",
  "legal.privacy.basket": "Votre panier",
  "legal.privacy.basketWhy": "Garder vos choix jusqu’au paiement",
  "legal.privacy.basketHowLong": "Jusqu’au paiement ou jusqu’à ce que vous le vidiez ; 60 jours sans compte",
  "legal.privacy.links": "Liens de confirmation d’inscription et de nouveau mot de passe",
  "legal.privacy.linksWhy": "Vérifier votre adresse e-mail",
  "legal.privacy.linksHowLong": "24 heures (inscription), 1 heure (mot de passe)",
  "legal.privacy.emails": "Les e-mails que le site vous envoie (destinataire, objet, texte)",
  "legal.privacy.emailsWhy": "Garder la trace de ce qui a été envoyé et des envois qui ont échoué",
  "legal.privacy.emailsHowLong": "Pas d’effacement automatique à ce jour : demandez-le à la ville",
  "legal.privacy.payment": "Paiement",
  "legal.privacy.paymentText":
    "Le paiement se fait sur la page de Stripe : vos données de carte ne passent jamais par ce site, qui ne reçoit de Stripe que le résultat du paiement et ses identifiants. Stripe les traite selon sa propre politique de confidentialité.",
  "legal.privacy.cookies": "Cookies",
  "legal.privacy.cookiesText":
    "Le site ne dépose aucun cookie de suivi ou de mesure d’audience et ne charge aucun script tiers. Il n’utilise que des cookies nécessaires à son fonctionnement ou à un choix que vous avez fait ; c’est pourquoi il ne vous demande pas votre consentement (pas de bandeau) :",
  "legal.privacy.cookieSession": "votre connexion, tant que vous êtes connecté (30 jours au plus) ;",
  "legal.privacy.cookieLang": "la langue que vous avez choisie (1 an) ;",
  "legal.privacy.cookieBasket": "le panier d’un visiteur sans compte (60 jours).",
  "legal.privacy.rights": "Vos droits",
  "legal.privacy.rightsText":
    "Vous pouvez accéder à vos données, les corriger, les emporter et les effacer. Depuis votre compte, vous pouvez télécharger vos données et supprimer votre compte. Pour le reste, écrivez à la ville. Si vous estimez que vos droits ne sont pas respectés, vous pouvez saisir la CNIL (www.cnil.fr).",
  "legal.privacy.account.link": "Mon compte",
  "legal.privacy.noTown": "Aucune ville n’est encore enregistrée sur ce site.",
} as const;

export const en: Record<keyof typeof fr, string> = {
  "footer.legal": "Legal information",
  "footer.notice": "Legal notice",
  "footer.terms": "Terms of sale",
  "footer.privacy": "Privacy",

  "legal.notSet": "not provided",
  "legal.siret.invalid":
    "This SIRET number is not valid: it needs 14 digits (spaces allowed) with a correct check digit. Copy it from your Kbis extract or your INSEE registration notice.",

  "legal.field.legend": "Seller’s legal identity",
  "legal.field.hint":
    "Shown on your stall’s page and in the market’s terms of sale. Required before the organisers can approve your stall.",
  "legal.field.legalName": "Company or trader name",
  "legal.field.siret": "SIRET number",
  "legal.field.siretHint": "14 digits, for example 812 345 676 00017",
  "legal.field.legalAddress": "Business address",
  "legal.field.requiredWhileApproved":
    "Your stall is approved: its legal identity (company name, SIRET, address) must stay complete.",

  "legal.missing.legalName": "company name",
  "legal.missing.siret": "valid SIRET",
  "legal.missing.legalAddress": "address",

  "legal.review.identity": "Legal identity",
  "legal.review.missing": "To be completed by the merchant before approval: {fields}.",
  "legal.review.refused":
    "The stall “{name}” cannot be approved: its legal identity is missing ({fields}). Ask the merchant to complete it in their stall’s settings.",

  "legal.stall.seller": "Seller",
  "legal.stall.soldBy": "Sold by {name}",
  "legal.stall.terms": "The market’s terms of sale",

  "legal.mail.awaiting.subject": "Stall to approve: {stall} ({market})",
  "legal.mail.awaiting.text":
    "Hello,\n\n{merchant} created the stall “{stall}” in the market “{market}”. It awaits your approval:\n{link}",
  "legal.mail.awaiting.missing":
    "Its legal identity is incomplete ({fields}): it can only be approved once the merchant completes it.",
  "legal.mail.approved.subject": "Your stall “{stall}” is approved",
  "legal.mail.approved.text":
    "Hello,\n\nThe organisers of the market “{market}” approved your stall “{stall}”. The public can see it as soon as the market is published:\n{page}\n\nYour merchant pages:\n{console}",
  "legal.mail.rejected.subject": "Your stall “{stall}” was not accepted",
  "legal.mail.rejected.text":
    "Hello,\n\nThe organisers of the market “{market}” did not accept your stall “{stall}”: the public cannot see it. To know more, reply to the organisers who invited you.\n\nYour merchant pages:\n{console}",

  "legal.notice.title": "Legal notice",
  "legal.notice.titleOf": "Legal notice · {town}",
  "legal.notice.intro": "This virtual Christmas market is published by {town}.",
  "legal.notice.chooseTown": "This site hosts the markets of several towns. Choose the town that publishes the market:",
  "legal.notice.noTown": "No town is registered on this site yet.",
  "legal.notice.editor": "Publisher",
  "legal.notice.name": "Name",
  "legal.notice.address": "Address",
  "legal.notice.email": "Email",
  "legal.notice.phone": "Phone",
  "legal.notice.director": "Director of publication",
  "legal.notice.host": "Host",
  "legal.notice.hostContact": "Contact",
  "legal.notice.software": "Software",
  "legal.notice.softwareText":
    "The site runs Chalet, open-source software for virtual Christmas markets. Payments are processed by Stripe Payments Europe, Ltd.",
  "legal.notice.markets": "The markets’ terms of sale",
  "legal.notice.noMarkets": "No published market for now.",
  "legal.notice.privacy": "Personal data",
  "legal.notice.privacyText": "What the site keeps, why and for how long: see the privacy notice.",

  "legal.terms.title": "Terms of sale · {market}",
  "legal.terms.intro": "These terms apply to purchases made at the market “{market}”, organised by {town}.",
  "legal.terms.sellers": "Who sells",
  "legal.terms.sellersText":
    "Each product is sold by the merchant of the stall that offers it: the contract of sale is between you and that merchant. The sellers of this market:",
  "legal.terms.noSellers": "No stall is approved in this market yet.",
  "legal.terms.stallLink": "Stall “{stall}”",
  "legal.terms.siret": "SIRET",
  "legal.terms.role": "The town’s and the platform’s role",
  "legal.terms.roleText":
    "{town} organises the market, chooses the stalls and publishes this site (Chalet software). It is not the seller: it collects your payments on the merchants’ behalf through Stripe, then pays each merchant their share.",
  "legal.terms.commission": "On each sale the town keeps a commission of {rate} before paying the merchant’s share.",
  "legal.terms.noCommission": "The town keeps no commission on sales.",
  "legal.terms.prices": "Prices",
  "legal.terms.pricesText":
    "Prices are in euros, all taxes included (TTC). The price paid is the one shown when you press “Pay”. There are no delivery or service fees.",
  "legal.terms.payment": "Order and payment",
  "legal.terms.paymentText":
    "A market’s basket is paid at once, by card, on Stripe’s payment page, while the market is open. When you press “Pay”, the products are held for you for 30 minutes while you pay; after that the hold is released. Your card details are typed at Stripe: this site never sees or keeps them. The order is firm once the payment is accepted; you then get a confirmation by email.",
  "legal.terms.pickup": "Pickup",
  "legal.terms.pickupText":
    "There is no delivery: you collect your purchases from each merchant, as their stall’s pickup details say (on its page, on your order’s page and in the confirmation email). Your order’s page shows when a line is ready.",
  "legal.terms.refusal": "Product unavailable",
  "legal.terms.refusalText":
    "If a merchant cannot supply a product of your order (out of stock, for example), they refuse that line: it is refunded automatically to the card you used and you are told by email. The order’s other lines remain due. A payment that arrives after the hold ended, when the stock is gone, is refunded in full automatically.",
  "legal.terms.withdrawal": "Right of withdrawal",
  "legal.terms.withdrawalText":
    "You have 14 days from collecting a product to withdraw, without giving a reason: tell the merchant (their details are above) and bring the product back; they refund you within 14 days, once they have the product back.",
  "legal.terms.withdrawalExceptions":
    "This right does not apply (article L221-28 of the French Consumer Code) to perishable food or goods that deteriorate quickly (pastries, crêpes, cheese…), to goods made to your specifications or personalised, nor to goods unsealed that cannot be taken back for hygiene or health reasons.",
  "legal.terms.disputes": "Complaints and mediation",
  "legal.terms.disputesText":
    "Address any complaint to the merchant first. Without a satisfying answer, write to the market’s organisers, who can step in with the merchant. If the dispute remains, you may turn, free of charge, to the consumer mediator the merchant belongs to (articles L612-1 and following of the French Consumer Code). French law applies.",
  "legal.terms.contact": "The organisers’ contact",
  "legal.terms.notice": "Legal notice of {town}",

  "legal.privacy.title": "Privacy",
  "legal.privacy.intro":
    "This site keeps as little data about you as it can, only to run the market. Here is what, why and for how long.",
  "legal.privacy.controller": "Data controller",
  "legal.privacy.controllerText":
    "The town that organises the market is responsible for its markets’ data. For any question, or to exercise your rights, write to it:",
  "legal.privacy.stored": "What is kept",
  "legal.privacy.what": "Data",
  "legal.privacy.why": "Why",
  "legal.privacy.howLong": "How long",
  "legal.privacy.account":
    "Your account: name, email address, language, a hash of your password (never the password itself)",
  "legal.privacy.accountWhy": "Logging you in, writing to you about your orders",
  "legal.privacy.accountHowLong": "Until you delete your account",
  "legal.privacy.orders": "Your orders: products, amounts, stalls, statuses, refunds, Stripe’s payment identifiers",
  "legal.privacy.ordersWhy": "Collecting your purchases, refunds, the merchants’ and the town’s accounting",
  "legal.privacy.ordersHowLong":
    "10 years (article L123-22 of the French Commercial Code), even after you delete your account, which then replaces your name",
  "legal.privacy.chat": "Your messages in the stalls’ chat and your reports",
  "legal.privacy.chatWhy": "Talking with merchants (messages are public) and moderation",
  "legal.privacy.chatHowLong": "Until moderation deletes them; once you delete your account, their text is erased",
  "legal.privacy.sessions": "Your log-ins: date and kind of browser (for example “Firefox · Android”)",
  "legal.privacy.sessionsWhy": "Keeping you logged in, showing your devices and letting you log them out",
  "legal.privacy.sessionsHowLong": "30 days, or until you log out",
  "legal.privacy.basket": "Your basket",
  "legal.privacy.basketWhy": "Keeping your choices until you pay",
  "legal.privacy.basketHowLong": "Until you pay or empty it; 60 days without an account",
  "legal.privacy.links": "Sign-up confirmation and new password links",
  "legal.privacy.linksWhy": "Checking your email address",
  "legal.privacy.linksHowLong": "24 hours (sign-up), 1 hour (password)",
  "legal.privacy.emails": "The emails the site sends you (recipient, subject, text)",
  "legal.privacy.emailsWhy": "Keeping track of what was sent and of failed sendings",
  "legal.privacy.emailsHowLong": "No automatic deletion yet: ask the town",
  "legal.privacy.payment": "Payment",
  "legal.privacy.paymentText":
    "You pay on Stripe’s page: your card details never go through this site, which only receives the payment’s outcome and its identifiers from Stripe. Stripe processes them under its own privacy policy.",
  "legal.privacy.cookies": "Cookies",
  "legal.privacy.cookiesText":
    "The site sets no tracking or audience-measurement cookie and loads no third-party script. It only uses cookies needed for it to work or for a choice you made; that is why it does not ask for your consent (no banner):",
  "legal.privacy.cookieSession": "your log-in, while you are logged in (30 days at most);",
  "legal.privacy.cookieLang": "the language you chose (1 year);",
  "legal.privacy.cookieBasket": "the basket of a visitor without an account (60 days).",
  "legal.privacy.rights": "Your rights",
  "legal.privacy.rightsText":
    "You may access, correct, take away and erase your data. From your account you can download your data and delete your account. For anything else, write to the town. If you think your rights are not respected, you may complain to the CNIL (www.cnil.fr).",
  "legal.privacy.account.link": "My account",
  "legal.privacy.noTown": "No town is registered on this site yet.",
};
