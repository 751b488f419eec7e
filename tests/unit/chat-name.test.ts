// The chat's public name: first name and initial, one rule for every place a chat author is named.
import { describe, expect, it } from "vitest";
import { chatAuthorName, chatDisplayName } from "~/models/chat-name";

describe("chatDisplayName", () => {
  it.each([
    ["Lucas Martin", "Lucas M."],
    ["Jean-Pierre de la Tour", "Jean-Pierre D."],
    ["Charles d’Artagnan", "Charles D."],
    ["  Marie   Curie  ", "Marie C."],
    ["Lucas", "Lucas"],
    ["lucas martin", "lucas M."],
    ["Éloïse élodie", "Éloïse É."],
    ["Zoë Ørsted", "Zoë Ø."],
    ["Anne-Sophie Martin-Dupont", "Anne-Sophie M."],
    ["🎅 Marie Noël", "Marie N."],
    ["Lucas 🎄", "Lucas"],
    ["Lucas 🎄 Martin", "Lucas M."],
    ["Lucas 👨‍👩‍👧 Martin", "Lucas M."],
    ["🎄🎅", "🎄🎅"],
    ["Marie\tDupont", "Marie D."],
    ["李 小龍", "李 小."],
  ])("%j → %j", (full, shown) => {
    expect(chatDisplayName(full)).toBe(shown);
  });

  it("never shows more than the first name of anyone, whatever the length of the name", () => {
    expect(chatDisplayName("Marie Thérèse Louise de Bourbon-Parme")).toBe("Marie T.");
  });

  it("the stall's own merchant keeps the name they sell under; anyone else is shortened", () => {
    expect(chatAuthorName("Association La Seconde Étoffe", true)).toBe("Association La Seconde Étoffe");
    expect(chatAuthorName(" Hélène Besson ", true)).toBe("Hélène Besson");
    // A merchant writing in another stall's room is a visitor there.
    expect(chatAuthorName("Hélène Besson", false)).toBe("Hélène B.");
  });
});
