import { describe, expect, it } from "vitest";
import { describeOpening } from "~/components/next-opening";
import { createTranslator } from "~/i18n";

const fr = createTranslator("fr");
const en = createTranslator("en");
const PARIS = "Europe/Paris";

describe("describeOpening", () => {
  it("gives the day and both times in the market's timezone", () => {
    const opening = { startsAt: "2026-12-05T09:00:00.000Z", endsAt: "2026-12-05T18:00:00.000Z" };
    expect(describeOpening(opening, PARIS, "fr", fr)).toBe("samedi 5 décembre, 10:00 – 19:00");
    expect(describeOpening(opening, PARIS, "en", en)).toBe("Saturday 5 December, 10:00 – 19:00");
    expect(describeOpening(opening, "America/New_York", "en", en)).toBe("Saturday 5 December, 04:00 – 13:00");
  });

  it("names the second day of an opening that crosses midnight", () => {
    const night = { startsAt: "2026-12-12T17:00:00.000Z", endsAt: "2026-12-13T00:30:00.000Z" };
    expect(describeOpening(night, PARIS, "fr", fr)).toBe("samedi 12 décembre, 18:00 – dimanche 13 décembre, 01:30");
  });

  it("keeps an opening that ends at midnight exactly on its own day", () => {
    const evening = { startsAt: "2026-12-31T19:00:00.000Z", endsAt: "2026-12-31T23:00:00.000Z" };
    expect(describeOpening(evening, PARIS, "fr", fr)).toBe("jeudi 31 décembre, 20:00 – 00:00");
  });

  it("uses the offset of the day itself on the night the clocks go back", () => {
    const sunday = { startsAt: "2026-10-25T09:00:00.000Z", endsAt: "2026-10-25T18:00:00.000Z" };
    expect(describeOpening(sunday, PARIS, "fr", fr)).toBe("dimanche 25 octobre, 10:00 – 19:00");
  });
});
