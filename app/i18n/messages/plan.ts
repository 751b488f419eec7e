// The plan of the square in the organiser console: placing the approved stalls' chalets and
// giving them their numbers (app/routes/organiser.markets.$marketId.plan.tsx).
export const fr = {
  "plan.tab": "Plan",
  "plan.title": "Plan de la place",
  "plan.intro":
    "Chaque stand approuvé reçoit un numéro de chalet et une place libre. Les numéros ne changent plus quand d’autres stands sont approuvés : vous seuls pouvez les modifier ici.",
  "plan.dragHint":
    "Avec une souris, faites glisser un chalet sur le plan : sa place est enregistrée quand vous le lâchez. Au clavier ou sur un téléphone, utilisez la liste.",
  "plan.none": "Aucun stand approuvé pour l’instant : les chalets apparaîtront ici une fois les stands approuvés.",
  "plan.listTitle": "Chalets",
  "plan.listIntro":
    "Position horizontale : 0 à gauche, 100 à droite. Position verticale : 0 en haut, 100 en bas. Le grand sapin est au milieu (50, 50).",
  "plan.chaletLegend": "Chalet n° {number} : {name}",
  "plan.chaletLegendUnnumbered": "Chalet sans numéro : {name}",
  "plan.number": "Numéro",
  "plan.planX": "Horizontale",
  "plan.planY": "Verticale",
  "plan.swap": "Si ce numéro est déjà pris, échanger les deux numéros",
  "plan.save": "Enregistrer",
  "plan.saveLabel": "Enregistrer le chalet {name}",
  "plan.saved": "Chalet n° {number} « {name} » enregistré.",
  "plan.swapped": "Chalet n° {number} « {name} » enregistré ; « {other} » a pris son ancien numéro.",
  "plan.moved": "« {name} » déplacé sur le plan.",
  "plan.saving": "Enregistrement…",
  "plan.numberRange": "Indiquez un numéro entier de 1 à 999.",
  "plan.positionRange": "Indiquez une position entière de 0 à 100.",
  "plan.numberTaken":
    "Le n° {number} est déjà celui du chalet « {holder} ». Choisissez un autre numéro, ou cochez « échanger » pour que les deux chalets échangent leurs numéros.",
  "plan.numberTakenUnknown": "Le n° {number} est déjà pris par un autre chalet. Choisissez un autre numéro.",
  "plan.seeAbove": "Voir le message ci-dessus.",
  "plan.pickupChalet": "Chalet n° {number} sur le plan de la place",
  "plan.approvedNumber": "Il a le chalet n° {number} sur le plan.",
  "plan.chaletOnPlan": "Chalet n° {number} sur le plan",
  "plan.notFound": "Ce stand n’est pas un stand approuvé de ce marché.",
  "plan.drawing": "Plan de la place (à faire glisser avec une souris)",
} as const;

export const en: Record<keyof typeof fr, string> = {
  "plan.tab": "Map",
  "plan.title": "Map of the square",
  "plan.intro":
    "Each approved stall gets a chalet number and a free spot. Numbers no longer change when other stalls are approved: only you can change them here.",
  "plan.dragHint":
    "With a mouse, drag a chalet on the map: its spot is saved when you drop it. With a keyboard or on a phone, use the list.",
  "plan.none": "No approved stall yet: chalets will appear here once stalls are approved.",
  "plan.listTitle": "Chalets",
  "plan.listIntro":
    "Across: 0 on the left, 100 on the right. Down: 0 at the top, 100 at the bottom. The big tree is in the middle (50, 50).",
  "plan.chaletLegend": "Chalet no. {number}: {name}",
  "plan.chaletLegendUnnumbered": "Chalet without a number: {name}",
  "plan.number": "Number",
  "plan.planX": "Across",
  "plan.planY": "Down",
  "plan.swap": "If this number is taken, swap the two numbers",
  "plan.save": "Save",
  "plan.saveLabel": "Save chalet {name}",
  "plan.saved": "Chalet no. {number} “{name}” saved.",
  "plan.swapped": "Chalet no. {number} “{name}” saved; “{other}” took its former number.",
  "plan.moved": "“{name}” moved on the map.",
  "plan.saving": "Saving…",
  "plan.numberRange": "Enter a whole number from 1 to 999.",
  "plan.positionRange": "Enter a whole position from 0 to 100.",
  "plan.numberTaken":
    "No. {number} is already chalet “{holder}”. Choose another number, or tick “swap” so that the two chalets exchange their numbers.",
  "plan.numberTakenUnknown": "No. {number} is already taken by another chalet. Choose another number.",
  "plan.seeAbove": "See the message above.",
  "plan.pickupChalet": "Chalet no. {number} on the map of the square",
  "plan.approvedNumber": "It has chalet no. {number} on the map.",
  "plan.chaletOnPlan": "Chalet no. {number} on the map",
  "plan.notFound": "This stall is not an approved stall of this market.",
  "plan.drawing": "Map of the square (drag with a mouse)",
};
