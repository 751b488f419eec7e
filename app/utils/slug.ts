/**
 * "Marché de Noël — Rueil" -> "marche-de-noel-rueil": lower-case ASCII words joined by dashes,
 * at most 60 characters; `fallback` when nothing is left (a name of only symbols or emoji).
 */
export function slugify(text: string, fallback: string): string {
  const slug = text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return slug || fallback;
}
