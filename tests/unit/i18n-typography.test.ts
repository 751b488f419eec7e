/// <reference types="vite/client" />
// The dictionaries as a French reader reads them: typographic apostrophes, the no-break spaces of
// French punctuation and of “n°”, no "(s)" plurals, and plural messages complete in both languages.
// /work/notes/typo-fix.mjs (kept outside the repository by the lead) fixes the first two.
import { describe, expect, it } from "vitest";
import { createTranslator, plural } from "~/i18n";

type Dictionary = Record<string, string>;
const french = import.meta.glob<{ fr: Dictionary }>("../../app/i18n/messages/*.ts", { eager: true });
// Each namespace's English is in messages/en/<ns>.ts (the browser loads it only on English pages).
const english = import.meta.glob<{ en: Dictionary }>("../../app/i18n/messages/en/*.ts", { eager: true });
const namespaces = Object.entries(french).map(([file, { fr }]) => {
  const name = file.split("/").at(-1)!;
  return { file: name, fr, en: english[`../../app/i18n/messages/en/${name}`]!.en };
});

const NBSP = "\u00A0";
const NNBSP = "\u202F";

/** What is wrong in one French string, placeholders aside ("{count}" is not text). */
function frenchFaults(text: string): string[] {
  const prose = text.replace(/\{\w+\}/g, "0");
  const faults: string[] = [];
  if (prose.includes("'")) faults.push("a straight apostrophe (’ is U+2019)");
  if (/\((s|e|es|x)\)/.test(prose)) faults.push("a “(s)” plural (write #one and #other keys)");
  // An ordinary space, or none at all, where French puts a no-break one.
  if (/[ \u202F]:|[\p{L})»]:(?=\s|$)/u.test(prose)) faults.push(`a “:” without U+00A0 before it`);
  if (/[ \u00A0][;!?]|[\p{L})»][;!?](?=\s|$)/u.test(prose)) faults.push(`a “; ! ?” without U+202F before it`);
  if (/n°(?!\u00A0)/.test(prose)) faults.push("“n°” without U+00A0 after it");
  if (/«(?!\u00A0)/.test(prose) || /(?<!\u00A0)»/.test(prose)) faults.push("« » without U+00A0 inside");
  return faults;
}

describe("French typography in the dictionaries", () => {
  it("finds every namespace", () => {
    expect(namespaces.length).toBeGreaterThan(20);
  });

  for (const { file, fr } of namespaces) {
    it(`${file}: every French string is written the French way`, () => {
      const faults = Object.entries(fr).flatMap(([key, text]) =>
        frenchFaults(text).map((fault) => `${key}: ${fault}: ${JSON.stringify(text)}`),
      );
      expect(faults).toEqual([]);
    });
  }

  it("tells each fault apart, and accepts times, addresses and placeholders", () => {
    expect(frenchFaults("Fermé par l'organisation")).toHaveLength(1);
    expect(frenchFaults("{count} stand(s) en attente")).toHaveLength(1);
    expect(frenchFaults("Motif : {reason}")).toHaveLength(1);
    expect(frenchFaults("Motif: {reason}")).toHaveLength(1);
    expect(frenchFaults("C’est ouvert !")).toHaveLength(1);
    expect(frenchFaults("« Payer »")).toHaveLength(1);
    expect(frenchFaults("Chalet n° {number}")).toHaveLength(1);
    expect(
      frenchFaults(`Motif${NBSP}: «${NBSP}{reason}${NBSP}» C’est ouvert${NNBSP}! Chalet n°${NBSP}{number}`),
    ).toEqual([]);
    expect(frenchFaults(`De 10:00 à 17:00, https://chalet.example/m/{slug}${NBSP}: {when}`)).toEqual([]);
  });

  it("English strings use the typographic apostrophe too, for consistency", () => {
    const straight = namespaces.flatMap(({ en }) => Object.entries(en).filter(([, text]) => text.includes("'")));
    expect(straight).toEqual([]);
  });
});

describe("plural messages", () => {
  it("have their #other form, in both languages, for every form they write", () => {
    const missing: string[] = [];
    for (const { fr, en } of namespaces) {
      for (const dictionary of [fr, en]) {
        for (const key of Object.keys(dictionary)) {
          const base = key.split("#")[0]!;
          if (key.includes("#") && !(`${base}#other` in dictionary)) missing.push(key);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it("choose the form by the language's rule: 0 and 1 are singular in French, only 1 in English", () => {
    const fr = createTranslator("fr");
    const en = createTranslator("en");
    expect(plural(fr, "chat.presence.visitors", 0)).toBe("0 visiteur au stand");
    expect(plural(fr, "chat.presence.visitors", 1)).toBe("1 visiteur au stand");
    expect(plural(fr, "chat.presence.visitors", 2)).toBe("2 visiteurs au stand");
    expect(plural(en, "chat.presence.visitors", 0)).toBe("0 visitors at the stall");
    expect(plural(en, "chat.presence.visitors", 1)).toBe("1 visitor at the stall");
    expect(plural("en", "organiser.invitations.sent", 3)).toBe("3 invitations sent.");
  });

  it("write the count for the language and fall back to #other for a form the dictionary lacks", () => {
    // French has a "many" form (a million), which the dictionaries do not write.
    expect(plural("fr", "organiser.invitations.sent", 1_000_000)).toBe(`1${NNBSP}000${NNBSP}000 invitations envoyées.`);
    expect(plural("en", "organiser.invitations.sent", 1200)).toBe("1,200 invitations sent.");
  });

  it("fill the other placeholders", () => {
    expect(plural("fr", "orders.announce.new", 1, { name: "Camille", amount: "12,00 €" })).toBe(
      `Nouvelle commande de Camille${NBSP}: 1 article, 12,00 €.`,
    );
  });
});
