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
  "plan.chaletLegend": "Chalet n° {number} : {name}",
  "plan.chaletLegendUnnumbered": "Chalet sans numéro : {name}",
  "plan.number": "Numéro",
  "plan.planX": "Horizontale",
  "plan.planY": "Verticale",
  "plan.swap": "Si ce numéro est déjà pris, échanger les deux numéros",
  "plan.save": "Enregistrer",
  "plan.saveLabel": "Enregistrer le chalet {name}",
  "plan.saved": "Chalet n° {number} « {name} » enregistré.",
  "plan.swapped": "Chalet n° {number} « {name} » enregistré ; « {other} » a pris son ancien numéro.",
  "plan.moved": "« {name} » déplacé sur le plan.",
  "plan.saving": "Enregistrement…",
  "plan.numberRange": "Indiquez un numéro entier de 1 à 999.",
  "plan.positionRange": "Indiquez une position entière de 0 à 100.",
  "plan.numberTaken":
    "Le n° {number} est déjà celui du chalet « {holder} ». Choisissez un autre numéro, ou cochez « échanger » pour que les deux chalets échangent leurs numéros.",
  "plan.numberTakenUnknown": "Le n° {number} est déjà pris par un autre chalet. Choisissez un autre numéro.",
  "plan.seeAbove": "Voir le message ci-dessus.",
  "plan.pickupChalet": "Chalet n° {number} sur le plan de la place",
  "plan.approvedNumber": "Il a le chalet n° {number} sur le plan.",
  "plan.chaletOnPlan": "Chalet n° {number} sur le plan",
  "plan.notFound": "Ce stand n’est pas un stand approuvé de ce marché.",
  "plan.drawing": "Plan de la place (à faire glisser avec une souris)",
} as const;
