import { describe, expect, it } from "vitest";
import { wrapText } from "~/components/og-card.server";
import { coarseCountdown, describeStatus, describeWhen, statusDetail, stockLabel } from "~/components/resident-text";
import { createTranslator } from "~/i18n";
import { computeMarketStatus } from "~/models/market-status";

const fr = createTranslator("fr");
const en = createTranslator("en");
const PARIS = "Europe/Paris";
// Saturday 5 December 2026, 13:00 in Paris.
const NOW = new Date("2026-12-05T12:00:00Z");

describe("describeWhen", () => {
  it("says today, tomorrow, a weekday within the week, else the date, in the market's timezone", () => {
    expect(describeWhen("2026-12-05T17:00:00Z", PARIS, "fr", NOW, fr)).toBe("aujourd’hui à 18:00");
    expect(describeWhen("2026-12-06T09:00:00Z", PARIS, "fr", NOW, fr)).toBe("demain à 10:00");
    expect(describeWhen("2026-12-08T09:00:00Z", PARIS, "fr", NOW, fr)).toBe("mardi 10:00");
    expect(describeWhen("2026-12-08T09:00:00Z", PARIS, "en", NOW, en)).toBe("Tuesday 10:00");
    expect(describeWhen("2026-12-19T09:00:00Z", PARIS, "fr", NOW, fr)).toMatch(/^samedi 19 décembre/);
  });

  it("counts days in the market's timezone: 23:30 UTC on the 5th is the 6th in Paris, the 5th in New York", () => {
    const lateEvening = new Date("2026-12-05T22:30:00Z");
    expect(describeWhen("2026-12-05T23:30:00Z", PARIS, "fr", lateEvening, fr)).toBe("demain à 00:30");
    expect(describeWhen("2026-12-05T23:30:00Z", "America/New_York", "fr", lateEvening, fr)).toBe("aujourd’hui à 18:30");
  });
});

describe("describeWhen around the clock changes (Europe/Paris)", () => {
  it("on Saturday 27 March 2027 at 23:30, a 23-hour night away: Sunday is tomorrow, Monday is not", () => {
    const saturdayNight = new Date("2027-03-27T22:30:00Z"); // 23:30 CET (+01:00)
    // Sunday 28 March 10:00 CEST (+02:00): only 9 h 30 away but the next calendar day.
    expect(describeWhen("2027-03-28T08:00:00Z", PARIS, "fr", saturdayNight, fr)).toBe("demain à 10:00");
    // Monday 29 March 10:00 CEST: now + 24 h falls on Monday 00:30, yet it is the day after tomorrow.
    expect(describeWhen("2027-03-29T08:00:00Z", PARIS, "fr", saturdayNight, fr)).toBe("lundi 10:00");
  });

  it("on Sunday 25 October 2026 at 00:30, a 25-hour day ahead: Sunday is today, Monday is tomorrow", () => {
    const sundayNight = new Date("2026-10-24T22:30:00Z"); // 00:30 CEST (+02:00)
    // Sunday 25 October 10:00 CET (+01:00), after the clocks went back.
    expect(describeWhen("2026-10-25T09:00:00Z", PARIS, "fr", sundayNight, fr)).toBe("aujourd’hui à 10:00");
    // Monday 26 October 10:00 CET: now + 24 h is still Sunday 23:30, yet Monday is tomorrow.
    expect(describeWhen("2026-10-26T09:00:00Z", PARIS, "fr", sundayNight, fr)).toBe("demain à 10:00");
    // Tuesday 27 October 10:00 CET is not.
    expect(describeWhen("2026-10-27T09:00:00Z", PARIS, "fr", sundayNight, fr)).toBe("mardi 10:00");
  });
});

describe("describeStatus and statusDetail", () => {
  const sessions = [
    { id: "a", startsAt: "2026-12-05T09:00:00Z", endsAt: "2026-12-05T18:00:00Z" },
    { id: "b", startsAt: "2026-12-08T09:00:00Z", endsAt: "2026-12-08T17:00:00Z" },
  ];

  it("says open and until when", () => {
    const status = computeMarketStatus(sessions, NOW);
    expect(describeStatus(status, PARIS, "fr", NOW, fr)).toBe("Ouvert maintenant · ferme à 19:00");
    expect(statusDetail(status, PARIS, "fr", NOW, fr)).toBe("Ferme à 19:00");
  });

  it("says when it opens next", () => {
    const evening = new Date("2026-12-05T20:00:00Z");
    const status = computeMarketStatus(sessions, evening);
    expect(describeStatus(status, PARIS, "fr", evening, fr)).toBe("Ouvre mardi 10:00");
    expect(describeStatus(status, PARIS, "en", evening, en)).toBe("Opens Tuesday 10:00");
  });

  it("says the edition is over when nothing is left", () => {
    const later = new Date("2027-01-10T00:00:00Z");
    const status = computeMarketStatus(sessions, later);
    expect(describeStatus(status, PARIS, "fr", later, fr)).toBe("Édition terminée");
    expect(statusDetail(status, PARIS, "fr", later, fr)).toBeNull();
  });
});

describe("stockLabel", () => {
  const text = (stock: number, t = fr) => {
    const label = stockLabel(stock);
    return t(label.key, label.vars);
  };
  it("warns from five down, says last one and sold out", () => {
    expect(text(6)).toBe("En stock");
    expect(text(5)).toBe("Plus que 5");
    expect(text(3)).toBe("Plus que 3");
    expect(text(3, en)).toBe("3 left");
    expect(text(1)).toBe("Dernier\u202f!");
    expect(text(1, en)).toBe("Last one!");
    expect(text(0)).toBe("Épuisé");
    expect(text(0, en)).toBe("Sold out");
    expect(text(-2)).toBe("Épuisé");
  });
});

describe("coarseCountdown", () => {
  const say = (ms: number) => {
    const c = coarseCountdown(ms);
    return fr(c.key, c.vars);
  };
  it("changes rarely: days, hours, quarter hours, minutes", () => {
    expect(say(3 * 86_400_000 + 5_000)).toBe("Ouvre dans 3 jours");
    expect(say(3 * 86_400_000 + 1_000)).toBe(say(3 * 86_400_000 + 59_000));
    expect(say(5 * 3_600_000 + 30_000)).toBe("Ouvre dans 5 heures");
    expect(say(40 * 60_000)).toBe("Ouvre dans 45 minutes");
    expect(say(40 * 60_000 - 30_000)).toBe(say(40 * 60_000));
    expect(say(5 * 60_000)).toBe("Ouvre dans 5 minutes");
    expect(say(20_000)).toBe("Ouvre dans moins d’une minute");
    expect(say(0)).toBe("C’est ouvert\u202f!");
  });
});

describe("wrapText for preview pictures", () => {
  it("wraps on words and cuts with an ellipsis", () => {
    expect(wrapText("Marché de Noël virtuel de Rueil-Malmaison", 24, 3)).toEqual([
      "Marché de Noël virtuel",
      "de Rueil-Malmaison",
    ]);
    const cut = wrapText("un deux trois quatre cinq six sept huit neuf dix onze douze", 10, 2);
    expect(cut).toHaveLength(2);
    expect(cut[1]!.endsWith("…")).toBe(true);
  });
});
