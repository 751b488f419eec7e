// Stall categories of a French Christmas market. Keys are stored; labels live in the dictionaries.
export const STALL_CATEGORIES = [
  "miellerie",
  "fleuriste",
  "depot-vente",
  "produits-de-fete",
  "chocolatier",
  "jouets-en-bois",
  "santons",
  "vins-terroir",
  "boulangerie",
  "bougies",
  "artisanat",
  "decorations",
] as const;

export type StallCategory = (typeof STALL_CATEGORIES)[number];

export const CATEGORY_EMOJI: Record<StallCategory, string> = {
  miellerie: "🍯",
  fleuriste: "💐",
  "depot-vente": "🧥",
  "produits-de-fete": "🥂",
  chocolatier: "🍫",
  "jouets-en-bois": "🪀",
  santons: "🏺",
  "vins-terroir": "🍷",
  boulangerie: "🥨",
  bougies: "🕯️",
  artisanat: "🧶",
  decorations: "⭐",
};

export function isStallCategory(value: unknown): value is StallCategory {
  return typeof value === "string" && (STALL_CATEGORIES as readonly string[]).includes(value);
}
