// Order numbers and holds (issue 15): what the merchant's quick stock says of units held by
// baskets being paid for (app/routes/merchant.stalls.$stallId.stock.tsx).
export const fr = {
  "numbers.stock.held": "{stock} en stock · {reserved} réservés",
  "numbers.stock.heldOne": "{stock} en stock · 1 réservé",
  "numbers.stock.heldNone": "{stock} en stock · aucun réservé",
  "numbers.stock.heldHint":
    "« Réservés » : dans des paniers en cours de paiement. Ils reviennent au stock si le paiement n’aboutit pas.",
} as const;
