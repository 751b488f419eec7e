// English for app/i18n/messages/numbers.ts, loaded by the browser only on English pages (app/i18n/en.ts).
import type { fr } from "../numbers";

export const en: Record<keyof typeof fr, string> = {
  "numbers.stock.held": "{stock} in stock · {reserved} reserved",
  "numbers.stock.heldOne": "{stock} in stock · 1 reserved",
  "numbers.stock.heldNone": "{stock} in stock · none reserved",
  "numbers.stock.heldHint":
    "“Reserved”: in baskets being paid for. They return to the stock if the payment does not go through.",
};
