// The market page's search, run on the server for the no-JS form and in the browser as people
// type (app/routes/m.$marketSlug._index.tsx). One normalisation for the text searched and the
// query, so "PAIN D EPICES", "pain d'epices" and "pain d’épices" all find "Pain d’épices".

/** How many distinct words of a product's description the page carries for the search. */
export const DESCRIPTION_TERMS_MAX = 30;

// Apostrophes of every style, which the diacritic pass below would otherwise glue to a word
// ("dʼépices" → "depices"); then anything that is not a letter or a digit (dashes, quotes,
// punctuation) is a word break.
const APOSTROPHES = /['’ʼ‘`´]/g;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/** Lower case, no accents, "œ" as "oe", apostrophes, dashes and punctuation as single spaces. */
export function normalizeSearch(text: string): string {
  return text
    .replace(APOSTROPHES, " ")
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .replace(NOT_WORD, " ")
    .trim();
}

/**
 * A query's words. Elided letters ("d’", "l’", "qu’") say nothing about what is looked for and
 * would match almost anything, so they are left out.
 */
export function searchWords(query: string): string[] {
  return normalizeSearch(query)
    .split(" ")
    .filter((word) => word.length > 1 && word !== "qu");
}

/**
 * What the page carries of a product's description: its distinct normalised words not already in
 * the name, the first DESCRIPTION_TERMS_MAX of them. A few dozen bytes a product instead of up
 * to 2,000 characters, and enough for word searches (which is all the search does).
 */
export function descriptionTerms(name: string, description: string): string {
  const inName = new Set(normalizeSearch(name).split(" "));
  const terms = new Set<string>();
  for (const word of normalizeSearch(description).split(" ")) {
    if (terms.size >= DESCRIPTION_TERMS_MAX) break;
    if (word.length > 1 && !inName.has(word)) terms.add(word);
  }
  return [...terms].join(" ");
}

export type SearchableProduct = { name: string; priceCents: number; terms: string };
export type FilterableStall = {
  name: string;
  description: string;
  category: string;
  products: readonly SearchableProduct[];
};
export type StallMatch<S> = { stall: S; products: SearchableProduct[] };

/**
 * The stall grid's filter. A stall is found when its products (name, description) or its own
 * name, description and category hold every word of the query, and the results name the
 * products that do ("Pain d’épices au miel — 10,50 €"). Failing a product with every word, a
 * product holding every word the stall itself does not is named ("miellerie fromage"). Words
 * match the start or middle of words, so typing "epi" finds "épices".
 */
export function filterStalls<S extends FilterableStall>(
  stalls: readonly S[],
  filter: { q?: string | null; category?: string | null },
  categoryLabel: (category: string) => string,
): StallMatch<S>[] {
  const words = searchWords(filter.q ?? "");
  const matches: StallMatch<S>[] = [];
  for (const stall of stalls) {
    if (filter.category && stall.category !== filter.category) continue;
    if (!words.length) {
      matches.push({ stall, products: [] });
      continue;
    }
    const texts = stall.products.map((product) => `${normalizeSearch(product.name)} ${product.terms}`);
    const holding = (wanted: string[]) => stall.products.filter((_, i) => wanted.every((w) => texts[i]!.includes(w)));
    const own = normalizeSearch(`${stall.name} ${stall.description} ${categoryLabel(stall.category)}`);
    const rest = words.filter((word) => !own.includes(word));
    const products = holding(words);
    if (products.length || !rest.length) matches.push({ stall, products });
    else if (rest.length < words.length) {
      const completing = holding(rest);
      if (completing.length) matches.push({ stall, products: completing });
    }
  }
  return matches;
}
