// "Reconduire": the organiser's review of a market's next edition, the re-invitation email and
// the merchant's "keep my stall".
export const fr = {
  "edition.reconduire": "Reconduire",
  "edition.nextEdition": "Édition suivante : {name}",
  "edition.previousEdition": "Reconduit de : {name}",

  "edition.review.kicker": "Édition suivante",
  "edition.review.title": "Reconduire « {market} »",
  "edition.review.intro":
    "La nouvelle édition reprend la description, l’image, le fuseau horaire et la commission, en brouillon. Vérifiez son nom et ses séances : rien n’est créé avant d’enregistrer.",
  "edition.review.name": "Nom de la nouvelle édition",
  "edition.review.slug": "Adresse du marché",
  "edition.review.slugHint": "Lettres minuscules, chiffres et tirets : /m/{slug}",
  "edition.review.shiftTitle": "Décalage des dates",
  "edition.review.weeks": "Décalage en semaines",
  "edition.review.weeksHint":
    "{weeks} semaines proposées : les mêmes jours de la semaine, à la même période de l’année.",
  "edition.review.yearSkipped": "Les dates de l’an prochain sont déjà passées : les séances sont proposées en {year}.",
  "edition.review.recompute": "Recalculer les dates",
  "edition.review.sessionsTitle": "Séances ({n})",
  "edition.review.sessionsHint":
    "Heures locales ({zone}). Décochez une séance pour ne pas la reprendre ; date et heures se corrigent ici.",
  "edition.review.noSessions": "L’édition d’origine n’a pas de séance : vous les ajouterez ensuite.",
  "edition.review.session": "Séance {n}",
  "edition.review.was": "L’an dernier : {date}",
  "edition.review.keep": "Reprendre cette séance",
  "edition.review.date": "Date",
  "edition.review.startTime": "Ouverture",
  "edition.review.endTime": "Fermeture",
  "edition.review.merchantsTitle": "Commerçants invités à nouveau ({n})",
  "edition.review.merchantsHint":
    "Chacun reçoit une invitation par e-mail : il garde son stand, ses produits et ses photos d’un geste, puis indique son stock.",
  "edition.review.noMerchants": "Aucun stand approuvé dans cette édition : personne n’est invité.",
  "edition.review.submit": "Créer la nouvelle édition",
  "edition.review.sessionError": "Séance {n} : {message}",

  "edition.mail.subject": "Invitation : reprenez votre stand au {market}",
  "edition.mail.text":
    "Bonjour,\n\n{organiser} vous invite à revenir au « {market} » ({town}) avec votre stand « {stall} ».\n\nD’un geste, vous gardez votre stand, vos produits et vos photos ; il vous restera à indiquer votre stock.\n\nOuvrez ce lien :\n{link}\n\nCe lien est personnel et valable jusqu’au {expires}.\n\nÀ bientôt sur le marché !",

  "edition.keep.title": "Votre stand de l’an dernier",
  "edition.keep.intro":
    "Gardez « {stall} » tel qu’il était : ses produits ({products}), ses photos ({photos}), sa place sur le plan et vos informations légales. Vous indiquerez ensuite votre stock, remis à zéro.",
  "edition.keep.submit": "Garder mon stand",
  "edition.keep.review": "L’organisation valide ensuite votre stand, comme chaque année.",
  "edition.keep.orNew": "Ou ouvrir un autre stand",
  "edition.keep.otherAccount":
    "Votre stand de l’an dernier, « {stall} », est sur un autre compte : connectez-vous avec ce compte pour le garder, ou ouvrez un nouveau stand ci-dessous.",
  "edition.keep.notYours": "Ce stand de l’an dernier n’est pas sur votre compte.",
};
