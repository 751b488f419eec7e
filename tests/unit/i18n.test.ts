// The translator: placeholders filled from vars, each template split once and reused.
import { describe, expect, it } from "vitest";
import { createTranslator, loadLocale } from "~/i18n";

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

// Issue 12: English lives in its own module (app/i18n/en.ts, a separate chunk in the browser);
// the server reads it synchronously through app/i18n/en.server.ts.
describe("the English dictionary", () => {
  it("is there on the server without loading, and loadLocale resolves at once", async () => {
    expect(createTranslator("en")("nav.login")).toBe("Log in");
    await loadLocale("en");
    expect(createTranslator("en")("nav.login")).toBe("Log in");
    expect(createTranslator("fr")("nav.login")).toBe("Se connecter");
  });

  it("has no key French lacks (the typecheck checks that it lacks none)", async () => {
    const { en } = await import("~/i18n/en");
    const french = createTranslator("fr");
    const keys = Object.keys(en) as (keyof typeof en)[];
    for (const key of keys) expect(french(key), key).not.toBe(key);
    expect(keys.length).toBeGreaterThan(1000);
  });
});
