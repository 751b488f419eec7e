// The translator: placeholders filled from vars, each template split once and reused.
import { describe, expect, it } from "vitest";
import { createTranslator } from "~/i18n";

describe("createTranslator", () => {
  const t = createTranslator("fr");

  it("fills every placeholder, wherever it stands, and gives the same text at each call", () => {
    for (let i = 0; i < 3; i++) {
      expect(t("resident.market.openingRange", { day: "samedi", start: "10:00", end: "18:00" })).toBe(
        "samedi, 10:00 – 18:00",
      );
    }
    expect(t("resident.market.openingRange", { day: "dimanche", start: "09:00", end: 12 })).toBe(
      "dimanche, 09:00 – 12",
    );
  });

  it("leaves an unknown placeholder visible, so it gets noticed", () => {
    expect(t("resident.market.sessionRange", { start: "10:00" })).toBe("10:00 – {end}");
  });

  it("returns the template as it is without vars, in the visitor's language", () => {
    expect(t("resident.market.sessionRange")).toBe("{start} – {end}");
    expect(createTranslator("en")("resident.market.sessionRange", { start: "10:00", end: "18:00" })).toBe(
      "10:00 – 18:00",
    );
    expect(createTranslator("fr")).toBe(t);
  });
});
