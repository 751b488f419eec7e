// Pickup points and slots: the organiser's "Retrait" tab, the stall's choice of points, the
// basket's choice of a point and a slot, and where the order is collected (page and email).
export const fr = {
  // The organiser's tab
  "pickup.tab": "Retrait",
  "pickup.title": "Points et créneaux de retrait",
  "pickup.intro":
    "À la commande, l’acheteur choisit un point de retrait et un créneau qui a encore de la place. Chaque stand coche, dans ses réglages, les points où il remet ses commandes.",
  "pickup.timezoneNote": "Les heures sont celles du marché ({zone}).",
  "pickup.empty":
    "Aucun point de retrait : les acheteurs paient sans choisir de créneau et lisent les indications de chaque stand.",
  "pickup.point.addTitle": "Ajouter un point de retrait",
  "pickup.point.name": "Nom",
  "pickup.point.namePlaceholder": "Place de la mairie",
  "pickup.point.address": "Adresse",
  "pickup.point.details": "Pour s’y rendre",
  "pickup.point.detailsHint": "Ce que l’acheteur lit pour trouver le point (facultatif).",
  "pickup.point.create": "Ajouter le point",
  "pickup.point.edit": "Modifier le point",
  "pickup.point.save": "Enregistrer le point",
  "pickup.point.remove": "Supprimer le point",
  "pickup.point.removeLabel": "Supprimer le point « {name} »",
  "pickup.point.created": "Point de retrait « {name} » ajouté. Ajoutez-lui des créneaux.",
  "pickup.point.saved": "Point « {name} » enregistré.",
  "pickup.point.removed": "Point « {name} » supprimé.",
  "pickup.point.booked":
    "Des commandes ont réservé des créneaux de ce point : il ne peut pas être supprimé. Réduisez les places de ses créneaux pour qu’il n’en prenne plus.",
  "pickup.point.notFound": "Ce point de retrait n’existe pas dans ce marché.",
  "pickup.point.stallsNone": "Aucun stand n’y remet encore ses commandes.",
  "pickup.point.stallsOne": "1 stand y remet ses commandes.",
  "pickup.point.stalls": "{count} stands y remettent leurs commandes.",
  "pickup.slots.title": "Créneaux",
  "pickup.slots.none": "Aucun créneau : les acheteurs ne peuvent pas encore choisir ce point.",
  "pickup.slot.booked": "{booked} / {capacity} réservées",
  "pickup.slot.capacity": "Places",
  "pickup.slot.capacityLabel": "Places du créneau {when}",
  "pickup.slot.saveCapacity": "Modifier",
  "pickup.slot.saveCapacityButton": "Enregistrer",
  "pickup.slots.past": "Créneaux passés ({count})",
  "pickup.slot.saveCapacityLabel": "Modifier les places du créneau {when}",
  "pickup.slot.remove": "Supprimer",
  "pickup.slot.removeLabel": "Supprimer le créneau {when}",
  "pickup.slot.singleTitle": "Ajouter un créneau",
  "pickup.slot.seriesTitle": "Ajouter un créneau chaque jour",
  "pickup.slot.seriesIntro":
    "Par exemple du 5 au 24 décembre, de 17 h à 19 h, 20 commandes par créneau : un créneau par jour.",
  "pickup.slot.date": "Jour",
  "pickup.slot.fromDate": "Du",
  "pickup.slot.toDate": "Au (inclus)",
  "pickup.slot.startTime": "De",
  "pickup.slot.endTime": "À",
  "pickup.slot.perSlot": "Commandes par créneau",
  "pickup.slot.add": "Ajouter le créneau",
  "pickup.slot.addSeries": "Ajouter les créneaux",
  "pickup.slot.added": "Créneaux ajoutés à « {name} » : {count}.",
  "pickup.slot.capacitySaved": "Créneau {when} : {capacity} places.",
  "pickup.slot.removed": "Créneau {when} supprimé.",
  "pickup.slot.bookedShrink": "{booked} commandes ont déjà réservé ce créneau : indiquez au moins {booked} places.",
  "pickup.slot.bookedRemove":
    "{booked} commandes ont déjà réservé ce créneau : il ne peut pas être supprimé. Mettez ses places à {booked} pour qu’il n’en prenne plus.",
  "pickup.slot.notFound": "Ce créneau n’existe pas dans ce marché.",
  "pickup.capacityRange": "Indiquez un nombre entier de 1 à 1 000.",

  // The merchant's stall settings
  "pickup.stall.title": "Points de retrait",
  "pickup.stall.intro": "Cochez les points où vous remettez vos commandes : vos clients choisissent parmi eux.",
  "pickup.stall.noneChosen":
    "Vous n’avez coché aucun point de retrait : personne ne peut payer une commande de votre stand tant que vous n’en avez pas choisi un.",
  "pickup.stall.save": "Enregistrer les points de retrait",
  "pickup.stall.saved": "Points de retrait enregistrés.",

  // The basket
  "pickup.basket.title": "Retrait de la commande",
  "pickup.basket.point": "Point de retrait",
  "pickup.basket.slot": "Créneau de retrait",
  "pickup.basket.choosePointFirst": "Choisissez d’abord un point de retrait : ses créneaux s’afficheront ici.",
  "pickup.basket.noSlot": "Plus aucun créneau libre à ce point pour l’instant.",
  "pickup.basket.leftOne": "1 place",
  "pickup.basket.left": "{left} places",
  "pickup.basket.noCommon": "Les stands de votre panier ne remettent pas leurs commandes au même endroit :",
  "pickup.basket.stallPoints": "{stall} : {points}",
  "pickup.basket.stallNoPoint": "{stall} : aucun point de retrait pour l’instant",
  "pickup.basket.split":
    "Pour payer, retirez du panier les articles des stands d’un autre point, puis commandez-les à part.",
  "pickup.notice.slotRequired": "Choisissez un point et un créneau de retrait, puis payez.",
  "pickup.notice.slotFull": "Ce créneau vient d’être complet : choisissez-en un autre. Rien n’a été réservé.",
  "pickup.notice.slotPast": "Ce créneau a déjà commencé : choisissez-en un autre. Rien n’a été réservé.",
  "pickup.notice.slotInvalid":
    "Ce créneau ne convient pas aux stands de votre panier : choisissez-en un autre. Rien n’a été réservé.",

  // The order page and the paid email
  "pickup.order.title": "Retrait",
  "pickup.order.slot": "Créneau",
  "pickup.order.point": "Point de retrait",
  "pickup.email.point": "Retrait : {point}",
  "pickup.email.slot": "Créneau : {slot}",
  "pickup.card.slot": "📦 Retrait : {slot}",
  "pickup.email.details": "Pour s’y rendre : {details}",
} as const;
