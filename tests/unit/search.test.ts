import { describe, expect, it } from "vitest";
import { createTranslator } from "~/i18n";
import { DESCRIPTION_TERMS_MAX, descriptionTerms, filterStalls, normalizeSearch, searchWords } from "~/models/search";

const fr = createTranslator("fr");

describe("normalizeSearch", () => {
  it("drops case and accents, and reads every apostrophe, dash and space alike", () => {
    const forms = [
      "Pain d’épices",
      "pain d'epices",
      "PAIN D EPICES",
      "pain dʼépices",
      "pain d`épices",
      "  pain   d-épices ",
    ];
    expect(new Set(forms.map(normalizeSearch))).toEqual(new Set(["pain d epices"]));
    expect(normalizeSearch("Mont-Valérien — Crèches")).toBe("mont valerien creches");
    expect(normalizeSearch("Œufs en chocolat")).toBe("oeufs en chocolat");
  });
});

describe("searchWords", () => {
  it("leaves out elided letters", () => {
    expect(searchWords("pain d’épices")).toEqual(["pain", "epices"]);
    expect(searchWords("qu'il l'a")).toEqual(["il"]);
    expect(searchWords("   ")).toEqual([]);
  });
});

describe("descriptionTerms", () => {
  it("keeps a description's distinct words that the name does not already say, within a cap", () => {
    expect(descriptionTerms("Miel de printemps", "Crémeux et doux, récolté en mai. Très doux !")).toBe(
      "cremeux et doux recolte en mai tres",
    );
    const long = Array.from({ length: 200 }, (_, i) => `mot${i}`).join(" ");
    expect(descriptionTerms("Lot", long).split(" ")).toHaveLength(DESCRIPTION_TERMS_MAX);
  });
});

describe("filterStalls", () => {
  const product = (name: string, priceCents: number, description = "") => ({
    name,
    priceCents,
    terms: descriptionTerms(name, description),
  });
  const stalls = [
    {
      name: "Miellerie du Mont-Valérien",
      description: "Miels des coteaux",
      category: "miellerie",
      products: [
        product("Pain d’épices au miel", 650, "Tranché, recette de la maison."),
        product("Miel de châtaignier", 900, "Corsé, idéal sur un fromage."),
      ],
    },
    {
      name: "Santons de Provence",
      description: "Crèches et petits décors",
      category: "santons",
      products: [product("Crèche en bois", 4500)],
    },
    {
      name: "Buvette du Parc",
      description: "Boissons chaudes",
      category: "produits-de-fete",
      products: [product("Vin chaud", 400, "Épices et orange"), product("Chocolat chaud", 350)],
    },
    { name: "Chocolaterie", description: "Pralinés", category: "chocolatier", products: [] },
  ];
  const label = (c: string) => fr(`category.${c}` as "category.santons");
  const found = (filter: { q?: string; category?: string }) =>
    filterStalls(stalls, filter, label).map((m) => [m.stall.name, ...m.products.map((p) => p.name)]);

  it("keeps everything without a filter", () => {
    expect(found({})).toHaveLength(4);
    expect(found({ q: "   " })).toHaveLength(4);
  });
  it("matches a stall's name, description and category label", () => {
    expect(found({ q: "valerien" })).toEqual([["Miellerie du Mont-Valérien"]]);
    expect(found({ q: "chocolatier" })).toEqual([["Chocolaterie"]]);
    expect(found({ q: "pralines" })).toEqual([["Chocolaterie"]]);
  });
  it("finds what is for sale, whatever the accents, case and apostrophes, and says which product", () => {
    for (const q of ["pain d'epices", "pain d’épices", "PAIN D EPICES", "pain dʼepices"]) {
      expect(found({ q })).toEqual([["Miellerie du Mont-Valérien", "Pain d’épices au miel"]]);
    }
    expect(found({ q: "vin chaud" })).toEqual([["Buvette du Parc", "Vin chaud"]]);
    expect(found({ q: "chaud" })).toEqual([["Buvette du Parc", "Vin chaud", "Chocolat chaud"]]);
    // A stall that says the word itself names its products that do too.
    expect(found({ q: "CRECHE" })).toEqual([["Santons de Provence", "Crèche en bois"]]);
    // A description's words count.
    expect(found({ q: "fromage" })).toEqual([["Miellerie du Mont-Valérien", "Miel de châtaignier"]]);
    expect(found({ q: "vin orange" })).toEqual([["Buvette du Parc", "Vin chaud"]]);
  });
  it("completes the stall's words with one product's", () => {
    expect(found({ q: "coteaux fromage" })).toEqual([["Miellerie du Mont-Valérien", "Miel de châtaignier"]]);
    expect(found({ q: "vin fromage" })).toEqual([]);
    expect(found({ q: "miel pralinés" })).toEqual([]);
  });
  it("keeps to the category", () => {
    expect(found({ category: "santons" })).toEqual([["Santons de Provence"]]);
    expect(found({ q: "pain", category: "santons" })).toEqual([]);
  });
});
