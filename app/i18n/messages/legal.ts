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
  "legal.privacy.visits": "Mesure d’audience",
  "legal.privacy.visitsText":
    "Pour le bilan du marché, chaque affichage de la page d’un marché ou d’un stand est compté, avec le jour et l’heure, d’où vient la visite (directement, depuis une autre page du site, le site de la ville, un réseau social, un moteur de recherche, le code QR d’une affiche ou un autre site) et le type d’appareil (téléphone ou ordinateur).",
  "legal.privacy.visitsHow":
    "Pour compter les visiteurs d’une journée sans les suivre, le site calcule une empreinte de votre adresse IP et de votre navigateur mélangés à un nombre tiré au hasard chaque jour. Ce nombre est effacé le surlendemain, après quoi l’empreinte ne peut plus être recalculée ni rapprochée de celle d’un autre jour.",
  "legal.privacy.visitsNot":
    "Aucun cookie, aucun identifiant enregistré dans votre navigateur, et votre adresse IP n’est pas conservée (gardée en mémoire quelques secondes, le temps de calculer l’empreinte). Les robots et les préchargements de pages ne sont pas comptés.",
  "legal.privacy.visitsWho":
    "Seuls des totaux sont montrés, à l’équipe de la ville (tout le marché) et à chaque marchand (son stand).",
  "legal.privacy.rights": "Vos droits",
  "legal.privacy.rightsText":
    "Vous pouvez accéder à vos données, les corriger, les emporter et les effacer. Depuis votre compte, vous pouvez télécharger vos données et supprimer votre compte. Pour le reste, écrivez à la ville. Si vous estimez que vos droits ne sont pas respectés, vous pouvez saisir la CNIL (www.cnil.fr).",
  "legal.privacy.account.link": "Mon compte",
  "legal.privacy.noTown": "Aucune ville n’est encore enregistrée sur ce site.",
} as const;
