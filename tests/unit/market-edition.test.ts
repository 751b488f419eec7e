// "Reconduire"'s pure rules: the shift in whole weeks, local wall-clock times kept across DST,
// and the next edition's name and address.
import { describe, expect, it } from "vitest";
import { chooseWeekShift, nextEditionName, nextEditionSlug, shiftSession, yearsAhead } from "~/models/market-edition";
import { planSingleSession } from "~/models/schedule";

const PARIS = "Europe/Paris";

describe("chooseWeekShift and shiftSession", () => {
  it("moves a Saturday 10:00–19:00 Paris session of December 2025 to the same Saturday-ish of December 2026", () => {
    const session = { startsAt: new Date("2025-12-06T09:00:00Z"), endsAt: new Date("2025-12-06T18:00:00Z") };
    const weeks = chooseWeekShift(session.startsAt, PARIS);
    expect(weeks).toBe(52);
    const moved = shiftSession(session, weeks, PARIS);
    expect(moved).toEqual({ date: "2026-12-05", startTime: "10:00", endTime: "19:00", endsNextDay: false });
    // Saturday again, 10:00–19:00 local (UTC+1 in December).
    const planned = planSingleSession(moved, PARIS);
    expect(planned.startsAt.toISOString()).toBe("2026-12-05T09:00:00.000Z");
    expect(planned.endsAt.toISOString()).toBe("2026-12-05T18:00:00.000Z");
    expect(planned.startsAt.getUTCDay()).toBe(6);
  });

  it("keeps the local wall-clock times when the shift crosses a DST change", () => {
    // Saturday 25 October 2025, 10:00–19:00 summer time (UTC+2), moved one week: winter time.
    const session = { startsAt: new Date("2025-10-25T08:00:00Z"), endsAt: new Date("2025-10-25T17:00:00Z") };
    const moved = shiftSession(session, 1, PARIS);
    expect(moved).toEqual({ date: "2025-11-01", startTime: "10:00", endTime: "19:00", endsNextDay: false });
    const planned = planSingleSession(moved, PARIS);
    expect(planned.startsAt.toISOString()).toBe("2025-11-01T09:00:00.000Z");
    expect(planned.endsAt.toISOString()).toBe("2025-11-01T18:00:00.000Z");
  });

  it("takes 53 weeks once the 52-week shifts have drifted a week from the first edition's dates", () => {
    // First edition on Saturday 5 December 2020; five 52-week shifts later it is 29 November 2025.
    const anchor = new Date("2020-12-05T09:00:00Z");
    const drifted = new Date("2025-11-29T09:00:00Z");
    expect(chooseWeekShift(drifted, PARIS)).toBe(52);
    const weeks = chooseWeekShift(drifted, PARIS, { anchor });
    expect(weeks).toBe(53);
    expect(shiftSession({ startsAt: drifted, endsAt: new Date("2025-11-29T18:00:00Z") }, weeks, PARIS).date).toBe(
      "2026-12-05",
    );
  });

  it("skips a year when last year's dates are already past by more than a year", () => {
    const first = new Date("2024-12-07T09:00:00Z");
    expect(yearsAhead(first, new Date("2025-11-01T00:00:00Z"))).toBe(1);
    const years = yearsAhead(first, new Date("2026-11-01T00:00:00Z"));
    expect(years).toBe(2);
    expect(chooseWeekShift(first, PARIS, { years })).toBe(104);
  });

  it("marks a session that ends after midnight", () => {
    const session = { startsAt: new Date("2025-12-31T19:00:00Z"), endsAt: new Date("2026-01-01T01:00:00Z") };
    expect(shiftSession(session, 52, PARIS)).toEqual({
      date: "2026-12-30",
      startTime: "20:00",
      endTime: "02:00",
      endsNextDay: true,
    });
  });
});

describe("the next edition's name and address", () => {
  it("moves the year on, or adds the new one", () => {
    expect(nextEditionName("Marché de Noël 2025", 1, 2026)).toBe("Marché de Noël 2026");
    expect(nextEditionName("Marché de Noël", 1, 2026)).toBe("Marché de Noël 2026");
    expect(nextEditionSlug("marche-de-noel-rueil-2025", 1, 2026)).toBe("marche-de-noel-rueil-2026");
    expect(nextEditionSlug("noel-2025-rueil", 1, 2026)).toBe("noel-2026-rueil");
    expect(nextEditionSlug("marche-de-noel", 1, 2026)).toBe("marche-de-noel-2026");
  });
});
