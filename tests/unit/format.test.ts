import { describe, expect, it } from "vitest";
import { formatCountdown, formatDateTime, formatDayInText, formatPrice, formatTime } from "~/utils/format";

// French Intl output: a narrow no-break space between thousands, a no-break space before €.
const NNBSP = "\u202f";
const NBSP = "\u00a0";

describe("formatPrice", () => {
  it("writes cents as euros the French way by default", () => {
    expect(formatPrice(1250)).toBe(`12,50${NBSP}€`);
    expect(formatPrice(123450)).toBe(`1${NNBSP}234,50${NBSP}€`);
    expect(formatPrice(0)).toBe(`0,00${NBSP}€`);
  });

  it("writes them the English way for English visitors", () => {
    expect(formatPrice(123450, "en")).toBe("€1,234.50");
  });
});

describe("dates in the market's timezone", () => {
  it("shows a UTC instant as Paris wall-clock time, summer or winter", () => {
    expect(formatTime("2026-12-05T09:00:00Z", "Europe/Paris")).toBe("10:00");
    expect(formatTime("2026-07-05T09:00:00Z", "Europe/Paris")).toBe("11:00");
    expect(formatTime("2026-12-05T09:00:00Z", "America/New_York", "en")).toBe("04:00");
  });

  it("names the day in the market's timezone, not the server's", () => {
    // 23:30 UTC on the 5th is already Sunday the 6th in Paris.
    expect(formatDateTime("2026-12-05T23:30:00Z", "Europe/Paris")).toBe("dimanche 6 décembre à 00:30");
  });
});

describe("formatCountdown", () => {
  it("shrinks its units as the moment comes closer, and stops at zero", () => {
    expect(formatCountdown(((2 * 24 + 3) * 3600 + 15 * 60 + 9) * 1000)).toBe("2 j 03:15:09");
    expect(formatCountdown((2 * 24 + 3) * 3600 * 1000, "en")).toBe("2 d 03:00:00");
    expect(formatCountdown((3600 + 62) * 1000)).toBe("1:01:02");
    expect(formatCountdown(65_000)).toBe("1:05");
    expect(formatCountdown(-5_000)).toBe("0:00");
  });
});

describe("formatDayInText", () => {
  const now = new Date("2026-12-01T09:00:00Z");

  it("names a calendar day of the form as people write it, the year only when it is not this one", () => {
    expect(formatDayInText("2026-12-24", "Europe/Paris", "fr", now)).toBe("jeudi 24 décembre");
    expect(formatDayInText("2027-01-02", "Europe/Paris", "fr", now)).toBe("samedi 2 janvier 2027");
    expect(formatDayInText("2026-12-24", "Europe/Paris", "en", now)).toBe("Thursday 24 December");
  });

  it("names an instant's day where the market is", () => {
    // 23:30 UTC on the 24th is already Christmas Day in Paris.
    expect(formatDayInText(new Date("2026-12-24T23:30:00Z"), "Europe/Paris", "fr", now)).toBe("vendredi 25 décembre");
    expect(formatDayInText("2026-12-31T23:30:00Z", "Europe/Paris", "fr", now)).toBe("vendredi 1er janvier 2027");
  });
});
