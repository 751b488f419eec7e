// Control characters are refused by every free-text field of the forms (they are invisible and
// break the XML of the share cards); multi-line fields keep tab, line feed and carriage return.
import { describe, expect, it } from "vitest";
import { ogCardSvg } from "~/components/og-card.server";
import { SignupSchema } from "~/schemas/accounts";
import { productSchema, stallSchema } from "~/schemas/merchant";
import { createMarketSchema } from "~/schemas/organiser";
import { hasControlCharacters } from "~/schemas/text";

const stall = { name: "Miellerie du Mont", category: "miellerie", description: "", pickupDetails: "" };
const product = { name: "Miel de sapin", description: "", price: "12,50", stock: 4 };
const market = { name: "Marché de Noël", description: "", timezone: "Europe/Paris", status: "DRAFT", townId: "t1" };

function messages(result: { success: boolean; error?: { issues: { path: (string | number)[]; message: string }[] } }) {
  return result.success ? [] : result.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("hasControlCharacters", () => {
  it.each(["\u0000", "\u0001", "\u0008", "\u000b", "\u001b", "\u001f"])("finds %j anywhere", (c) => {
    expect(hasControlCharacters(`a${c}b`)).toBe(true);
    expect(hasControlCharacters(`a${c}b`, true)).toBe(true);
  });

  it("lets line breaks and tabs through only in multi-line text", () => {
    for (const c of ["\n", "\r", "\t"]) {
      expect(hasControlCharacters(`a${c}b`)).toBe(true);
      expect(hasControlCharacters(`a${c}b`, true)).toBe(false);
    }
  });

  it("accepts accents, emoji and typographic punctuation", () => {
    expect(hasControlCharacters("Crêpes d’Élise — 🎄 « Noël »")).toBe(false);
  });
});

describe("form schemas", () => {
  it("refuse a control character in names with the form.controlCharacters message", () => {
    expect(messages(stallSchema.safeParse({ ...stall, name: "Miellerie\u0001 du Mont" }))).toEqual([
      "name: form.controlCharacters",
    ]);
    expect(messages(productSchema.safeParse({ ...product, name: "Miel\u0007" }))).toEqual([
      "name: form.controlCharacters",
    ]);
    expect(messages(createMarketSchema.safeParse({ ...market, name: "Marché\u001b" }))).toEqual([
      "name: form.controlCharacters",
    ]);
    expect(messages(SignupSchema.safeParse({ name: "Jean\u0000", email: "a@b.fr", password: "x".repeat(12) }))).toEqual(
      ["name: form.controlCharacters"],
    );
  });

  it("refuse a control character in descriptions but keep their line breaks", () => {
    expect(messages(stallSchema.safeParse({ ...stall, pickupDetails: "Chalet 4\u0002" }))).toEqual([
      "pickupDetails: form.controlCharacters",
    ]);
    expect(messages(productSchema.safeParse({ ...product, description: "500 g\u0003" }))).toEqual([
      "description: form.controlCharacters",
    ]);
    const ok = stallSchema.safeParse({
      ...stall,
      description: "Miels\r\n\tde sapin",
      pickupDetails: "Chalet 4\nPlace",
    });
    expect(ok.success).toBe(true);
    expect(createMarketSchema.safeParse({ ...market, description: "Ligne 1\nLigne 2" }).success).toBe(true);
  });

  it("refuse a line break in a one-line field", () => {
    expect(messages(stallSchema.safeParse({ ...stall, name: "Miellerie\ndu Mont" }))).toEqual([
      "name: form.controlCharacters",
    ]);
  });
});

describe("share card", () => {
  it("drops control characters so the SVG stays valid XML", () => {
    const svg = ogCardSvg({ eyebrow: "Marché\u0002", title: "Miellerie\u0001 du Mont", subtitle: "A & B\u001f" });
    expect(hasControlCharacters(svg, true)).toBe(false);
    expect(svg).toContain("Miellerie du Mont");
    expect(svg).toContain("A &#38; B");
  });
});
