import { describe, expect, it } from "vitest";
import {
  computeMarketStatus,
  hasEnded,
  marketOpenness,
  prepareSchedule,
  sleepUntilNextTransition,
  statusAt,
} from "~/models/market-status";
import { expandDailySlot } from "~/models/schedule";

const at = (iso: string) => new Date(iso);
const session = (id: string, startsAt: string, endsAt: string, cancelledAt: string | null = null) => ({
  id,
  startsAt,
  endsAt,
  cancelledAt,
});

describe("computeMarketStatus", () => {
  const day1 = session("d1", "2026-12-05T09:00:00Z", "2026-12-05T18:00:00Z");
  const day2 = session("d2", "2026-12-06T09:00:00Z", "2026-12-06T18:00:00Z");

  it("is open during a session, with the end as next transition", () => {
    const status = computeMarketStatus([day2, day1], at("2026-12-05T12:00:00Z"));
    expect(status.open).toBe(true);
    expect(status.current?.id).toBe("d1");
    expect(status.next?.id).toBe("d2");
    expect(status.nextTransitionAt).toBe("2026-12-05T18:00:00.000Z");
  });

  it("opens at the start instant and closes at the end instant (start inclusive, end exclusive)", () => {
    expect(computeMarketStatus([day1], at("2026-12-05T09:00:00Z")).open).toBe(true);
    expect(computeMarketStatus([day1], at("2026-12-05T18:00:00Z")).open).toBe(false);
  });

  it("is closed between sessions, with the next start as next transition", () => {
    const status = computeMarketStatus([day1, day2], at("2026-12-05T20:00:00Z"));
    expect(status).toMatchObject({ open: false, current: null, next: { id: "d2" } });
    expect(status.nextTransitionAt).toBe("2026-12-06T09:00:00.000Z");
  });

  it("ignores cancelled sessions", () => {
    const cancelled = session("c", "2026-12-05T09:00:00Z", "2026-12-05T18:00:00Z", "2026-12-01T00:00:00Z");
    const status = computeMarketStatus([cancelled, day2], at("2026-12-05T12:00:00Z"));
    expect(status.open).toBe(false);
    expect(status.next?.id).toBe("d2");
  });

  it("treats back-to-back and overlapping sessions as one opening", () => {
    const morning = session("am", "2026-12-05T09:00:00Z", "2026-12-05T12:00:00Z");
    const afternoon = session("pm", "2026-12-05T12:00:00Z", "2026-12-05T17:00:00Z");
    const evening = session("ev", "2026-12-05T16:00:00Z", "2026-12-05T20:00:00Z");
    const status = computeMarketStatus([morning, afternoon, evening, day2], at("2026-12-05T10:00:00Z"));
    expect(status.open).toBe(true);
    expect(status.nextTransitionAt).toBe("2026-12-05T20:00:00.000Z");
    expect(status.next?.id).toBe("d2");
  });

  it("has nothing to announce when no session is left", () => {
    expect(computeMarketStatus([day1], at("2026-12-31T00:00:00Z"))).toEqual({
      open: false,
      current: null,
      next: null,
      nextTransitionAt: null,
      since: { at: "2026-12-05T18:00:00.000Z", id: "d1", byOverride: false },
      closure: null,
    });
  });
});

const override = (id: string, kind: "OPEN" | "CLOSE", startsAt: string, endsAt: string, reason = "") => ({
  id,
  kind,
  startsAt,
  endsAt,
  reason,
});

describe("next transition across the DST changes (Europe/Paris)", () => {
  it("after closing on 2026-10-24, the next opening is 10:00 winter time (09:00Z, not 08:00Z)", () => {
    const sessions = expandDailySlot(
      { fromDate: "2026-10-24", toDate: "2026-10-26", startTime: "10:00", endTime: "19:00" },
      "Europe/Paris",
    ).map((s, i) => ({ id: `oct${i}`, ...s }));
    // Saturday 24 October, 20:00 in Paris (UTC+2).
    const evening = computeMarketStatus(sessions, at("2026-10-24T18:00:00Z"));
    expect(evening).toMatchObject({ open: false, next: { id: "oct1", startsAt: "2026-10-25T09:00:00.000Z" } });
    expect(evening.nextTransitionAt).toBe("2026-10-25T09:00:00.000Z");
    expect(computeMarketStatus(sessions, at("2026-10-25T08:30:00Z")).open).toBe(false); // 09:30 local
    const sunday = computeMarketStatus(sessions, at("2026-10-25T09:00:00Z"));
    expect(sunday.open).toBe(true);
    expect(sunday.nextTransitionAt).toBe("2026-10-25T18:00:00.000Z"); // 19:00 local
  });

  it("after closing on 2027-03-27, the next opening is 10:00 summer time (08:00Z)", () => {
    const sessions = expandDailySlot(
      { fromDate: "2027-03-27", toDate: "2027-03-28", startTime: "10:00", endTime: "19:00" },
      "Europe/Paris",
    ).map((s, i) => ({ id: `mar${i}`, ...s }));
    const status = computeMarketStatus(sessions, at("2027-03-27T18:00:00Z"));
    expect(status.nextTransitionAt).toBe("2027-03-28T08:00:00.000Z");
    expect(computeMarketStatus(sessions, at("2027-03-28T08:00:00Z")).nextTransitionAt).toBe("2027-03-28T17:00:00.000Z");
  });

  it("a session crossing midnight stays one opening through midnight", () => {
    const night = session("night", "2026-12-12T17:00:00Z", "2026-12-13T00:30:00Z");
    const status = computeMarketStatus([night], at("2026-12-13T00:00:00Z"));
    expect(status).toMatchObject({ open: true, current: { id: "night" } });
    expect(status.nextTransitionAt).toBe("2026-12-13T00:30:00.000Z");
  });
});

describe("computeMarketStatus with organisers' overrides", () => {
  const day1 = session("d1", "2026-12-05T09:00:00Z", "2026-12-05T18:00:00Z");
  const day2 = session("d2", "2026-12-06T09:00:00Z", "2026-12-06T18:00:00Z");

  describe("close now", () => {
    const storm = override("close", "CLOSE", "2026-12-05T12:00:00Z", "2026-12-05T18:00:00Z", "Tempête");

    it("before it starts, the opening ends at the closure", () => {
      const status = computeMarketStatus([day1, day2], at("2026-12-05T11:00:00Z"), [storm]);
      expect(status).toMatchObject({ open: true, current: { id: "d1", endId: "close" }, closure: null });
      expect(status.nextTransitionAt).toBe("2026-12-05T12:00:00.000Z");
      expect(status.since).toEqual({ at: "2026-12-05T09:00:00.000Z", id: "d1", byOverride: false });
    });

    it("cuts the opening, and its reason shows until the next opening", () => {
      for (const now of [
        "2026-12-05T12:00:00Z",
        "2026-12-05T15:00:00Z",
        "2026-12-05T20:00:00Z",
        "2026-12-06T08:59:59Z",
      ]) {
        const status = computeMarketStatus([day1, day2], at(now), [storm]);
        expect(status, now).toMatchObject({
          open: false,
          current: null,
          next: { id: "d2" },
          nextTransitionAt: "2026-12-06T09:00:00.000Z",
          closure: { reason: "Tempête", since: "2026-12-05T12:00:00.000Z" },
        });
        expect(status.since, now).toEqual({ at: "2026-12-05T12:00:00.000Z", id: "close", byOverride: true });
      }
      const reopened = computeMarketStatus([day1, day2], at("2026-12-06T09:00:00Z"), [storm]);
      expect(reopened).toMatchObject({ open: true, current: { id: "d2" }, closure: null });
      expect(computeMarketStatus([day1, day2], at("2026-12-06T20:00:00Z"), [storm]).closure).toBeNull();
    });

    it("for an hour in the middle of a session, the market reopens when it ends", () => {
      const lunch = override("lunch", "CLOSE", "2026-12-05T12:00:00Z", "2026-12-05T13:00:00Z", "Coupure");
      const during = computeMarketStatus([day1], at("2026-12-05T12:30:00Z"), [lunch]);
      expect(during).toMatchObject({ open: false, closure: { reason: "Coupure" }, next: { id: "lunch" } });
      expect(during.nextTransitionAt).toBe("2026-12-05T13:00:00.000Z");
      const after = computeMarketStatus([day1], at("2026-12-05T13:00:00Z"), [lunch]);
      expect(after).toMatchObject({
        open: true,
        closure: null,
        current: { id: "lunch", endsAt: "2026-12-05T18:00:00.000Z", endId: "d1" },
      });
      expect(after.since).toEqual({ at: "2026-12-05T13:00:00.000Z", id: "lunch", byOverride: true });
    });
  });

  it("open now opens a closed market until the interval ends", () => {
    const openNow = override("open", "OPEN", "2026-12-05T19:00:00Z", "2026-12-05T20:00:00Z");
    const before = computeMarketStatus([day1, day2], at("2026-12-05T18:30:00Z"), [openNow]);
    expect(before).toMatchObject({ open: false, next: { id: "open" } });
    expect(before.nextTransitionAt).toBe("2026-12-05T19:00:00.000Z");
    const status = computeMarketStatus([day1, day2], at("2026-12-05T19:15:00Z"), [openNow]);
    expect(status).toMatchObject({ open: true, current: { id: "open", endId: "open" }, next: { id: "d2" } });
    expect(status.nextTransitionAt).toBe("2026-12-05T20:00:00.000Z");
    expect(status.since).toEqual({ at: "2026-12-05T19:00:00.000Z", id: "open", byOverride: true });
    expect(computeMarketStatus([day1, day2], at("2026-12-05T20:00:00Z"), [openNow]).since).toEqual({
      at: "2026-12-05T20:00:00.000Z",
      id: "open",
      byOverride: true,
    });
  });

  it("open now lifts a close now that has ended (the organiser ends it, then opens)", () => {
    const closed = override("close", "CLOSE", "2026-12-05T12:00:00Z", "2026-12-05T14:00:00Z", "Tempête");
    const reopen = override("open", "OPEN", "2026-12-05T14:00:00Z", "2026-12-05T15:00:00Z");
    const lone = session("lone", "2026-12-05T09:00:00Z", "2026-12-05T12:00:00Z");
    const status = computeMarketStatus([lone], at("2026-12-05T14:30:00Z"), [closed, reopen]);
    expect(status).toMatchObject({ open: true, closure: null, current: { id: "open" } });
  });

  it("extend: an OPEN interval from the end of the session moves nextTransitionAt", () => {
    const extend = override("ext", "OPEN", "2026-12-05T18:00:00Z", "2026-12-05T19:30:00Z");
    const status = computeMarketStatus([day1, day2], at("2026-12-05T17:00:00Z"), [extend]);
    expect(status.nextTransitionAt).toBe("2026-12-05T19:30:00.000Z");
    expect(status.current).toEqual({
      id: "d1",
      startsAt: "2026-12-05T09:00:00.000Z",
      endsAt: "2026-12-05T19:30:00.000Z",
      endId: "ext",
    });
    // Still the same opening after the session's own end: `since` is the session's start.
    const later = computeMarketStatus([day1, day2], at("2026-12-05T18:30:00Z"), [extend]);
    expect(later).toMatchObject({ open: true, nextTransitionAt: "2026-12-05T19:30:00.000Z" });
    expect(later.since).toEqual({ at: "2026-12-05T09:00:00.000Z", id: "d1", byOverride: false });
    expect(computeMarketStatus([day1, day2], at("2026-12-05T19:30:00Z"), [extend]).since).toEqual({
      at: "2026-12-05T19:30:00.000Z",
      id: "ext",
      byOverride: true,
    });
  });

  it("back-to-back sessions and an extension merge into one opening", () => {
    const morning = session("am", "2026-12-05T09:00:00Z", "2026-12-05T12:00:00Z");
    const afternoon = session("pm", "2026-12-05T12:00:00Z", "2026-12-05T18:00:00Z");
    const extend = override("ext", "OPEN", "2026-12-05T18:00:00Z", "2026-12-05T19:00:00Z");
    for (const now of ["2026-12-05T10:00:00Z", "2026-12-05T12:00:00Z", "2026-12-05T18:00:00Z"]) {
      const status = computeMarketStatus([afternoon, morning], at(now), [extend]);
      expect(status.current, now).toEqual({
        id: "am",
        startsAt: "2026-12-05T09:00:00.000Z",
        endsAt: "2026-12-05T19:00:00.000Z",
        endId: "ext",
      });
      expect(status.nextTransitionAt, now).toBe("2026-12-05T19:00:00.000Z");
      expect(status.since, now).toEqual({ at: "2026-12-05T09:00:00.000Z", id: "am", byOverride: false });
    }
  });

  it("a cancelled session stays closed unless an override opens it", () => {
    const cancelled = session("c", "2026-12-05T09:00:00Z", "2026-12-05T18:00:00Z", "2026-12-01T00:00:00Z");
    const open = override("open", "OPEN", "2026-12-05T10:00:00Z", "2026-12-05T12:00:00Z");
    const early = computeMarketStatus([cancelled, day2], at("2026-12-05T09:30:00Z"), [open]);
    expect(early).toMatchObject({ open: false, next: { id: "open" }, since: null, closure: null });
    expect(early.nextTransitionAt).toBe("2026-12-05T10:00:00.000Z");
    const during = computeMarketStatus([cancelled, day2], at("2026-12-05T11:00:00Z"), [open]);
    expect(during).toMatchObject({ open: true, current: { id: "open", endsAt: "2026-12-05T12:00:00.000Z" } });
    expect(during.nextTransitionAt).toBe("2026-12-05T12:00:00.000Z");
    // After the override, the cancelled session's remaining hours do not count.
    const after = computeMarketStatus([cancelled, day2], at("2026-12-05T13:00:00Z"), [open]);
    expect(after).toMatchObject({ open: false, next: { id: "d2" }, nextTransitionAt: "2026-12-06T09:00:00.000Z" });
  });

  it("a close now over a cancelled session still shows its reason", () => {
    const cancelled = session("c", "2026-12-05T09:00:00Z", "2026-12-05T18:00:00Z", "2026-12-01T00:00:00Z");
    const close = override("close", "CLOSE", "2026-12-05T09:00:00Z", "2026-12-05T18:00:00Z", "Neige");
    const status = computeMarketStatus([cancelled, day2], at("2026-12-05T10:00:00Z"), [close]);
    expect(status).toMatchObject({ open: false, closure: { reason: "Neige" }, next: { id: "d2" } });
  });

  it("ignores empty or reversed override intervals", () => {
    const empty = override("empty", "CLOSE", "2026-12-05T12:00:00Z", "2026-12-05T12:00:00Z", "rien");
    const reversed = override("rev", "OPEN", "2026-12-05T20:00:00Z", "2026-12-05T19:00:00Z");
    const status = computeMarketStatus([day1], at("2026-12-05T12:00:00Z"), [empty, reversed]);
    expect(status).toMatchObject({ open: true, current: { id: "d1", endId: "d1" } });
    expect(computeMarketStatus([day1], at("2026-12-05T19:30:00Z"), [empty, reversed]).open).toBe(false);
  });
});

describe("since", () => {
  const day1 = session("d1", "2026-12-05T09:00:00Z", "2026-12-05T18:00:00Z");
  const day2 = session("d2", "2026-12-06T09:00:00Z", "2026-12-06T18:00:00Z");

  it("is null before the market has ever opened, the start while open, the end while closed after", () => {
    expect(computeMarketStatus([day1, day2], at("2026-12-01T00:00:00Z")).since).toBeNull();
    expect(computeMarketStatus([day1, day2], at("2026-12-05T12:00:00Z")).since).toEqual({
      at: "2026-12-05T09:00:00.000Z",
      id: "d1",
      byOverride: false,
    });
    expect(computeMarketStatus([day1, day2], at("2026-12-05T23:00:00Z")).since).toEqual({
      at: "2026-12-05T18:00:00.000Z",
      id: "d1",
      byOverride: false,
    });
  });

  it("names the session whose end closed a merged opening", () => {
    const a = session("a", "2026-12-05T09:00:00Z", "2026-12-05T15:00:00Z");
    const b = session("b", "2026-12-05T14:00:00Z", "2026-12-05T18:00:00Z");
    expect(computeMarketStatus([a, b], at("2026-12-05T19:00:00Z")).since).toEqual({
      at: "2026-12-05T18:00:00.000Z",
      id: "b",
      byOverride: false,
    });
  });
});

describe("sleepUntilNextTransition", () => {
  const now = at("2026-12-05T12:00:00Z");
  const cap = 60_000;

  it("sleeps until the next transition when it is closer than the cap", () => {
    expect(sleepUntilNextTransition("2026-12-05T12:00:30Z", now, cap)).toBe(30_000);
  });

  it("never sleeps longer than the cap, and sleeps the cap when nothing is scheduled", () => {
    expect(sleepUntilNextTransition("2026-12-06T09:00:00Z", now, cap)).toBe(cap);
    expect(sleepUntilNextTransition(null, now, cap)).toBe(cap);
  });

  it("never returns a negative delay for a transition due now or already past", () => {
    expect(sleepUntilNextTransition("2026-12-05T12:00:00Z", now, cap)).toBe(0);
    expect(sleepUntilNextTransition("2026-12-05T11:00:00Z", now, cap)).toBe(0);
  });

  it("feeds on computeMarketStatus: from just before a session to its start", () => {
    const day = session("d", "2026-12-05T12:00:10Z", "2026-12-05T18:00:00Z");
    const status = computeMarketStatus([day], now);
    expect(sleepUntilNextTransition(status.nextTransitionAt, now, cap)).toBe(10_000);
  });
});

describe("marketOpenness (open for business)", () => {
  const day = session("d1", "2026-12-05T09:00:00Z", "2026-12-05T18:00:00Z");
  const close = {
    id: "c1",
    kind: "CLOSE",
    startsAt: "2026-12-05T12:00:00Z",
    endsAt: "2026-12-05T18:00:00Z",
    reason: "Tempête",
  };

  it("is open only when published and open by the schedule", () => {
    const during = at("2026-12-05T10:00:00Z");
    expect(marketOpenness("PUBLISHED", [day], during)).toMatchObject({ open: true, published: true });
    for (const status of ["DRAFT", "ARCHIVED"]) {
      const answer = marketOpenness(status, [day], during);
      expect(answer).toMatchObject({ open: false, published: false });
      // The schedule's own answer stays there for who shows it (the organisers' console).
      expect(answer.current?.id).toBe("d1");
    }
    expect(marketOpenness("PUBLISHED", [day], at("2026-12-05T19:00:00Z")).open).toBe(false);
  });

  it("follows the organisers' overrides like the schedule does", () => {
    const answer = marketOpenness("PUBLISHED", [day], at("2026-12-05T13:00:00Z"), [close]);
    expect(answer).toMatchObject({ open: false, published: true, closure: { reason: "Tempête" } });
  });
});

describe("prepareSchedule and statusAt", () => {
  // The stall page prepares a market's schedule once per memoised read and asks statusAt per request.
  const sessions = [
    session("a", "2026-12-05T09:00:00Z", "2026-12-05T18:00:00Z"),
    session("b", "2026-12-06T09:00:00Z", "2026-12-06T18:00:00Z"),
  ];
  const overrides = [
    { id: "c", kind: "CLOSE", reason: "Tempête", startsAt: "2026-12-05T12:00:00Z", endsAt: "2026-12-05T14:00:00Z" },
    { id: "o", kind: "OPEN", startsAt: "2026-12-06T18:00:00Z", endsAt: "2026-12-06T20:00:00Z" },
  ];
  const schedule = prepareSchedule(sessions, overrides);

  it("gives, from one prepared schedule, the status of each instant", () => {
    expect(statusAt(schedule, at("2026-12-05T10:00:00Z")).open).toBe(true);
    const closed = statusAt(schedule, at("2026-12-05T13:00:00Z"));
    expect(closed.open).toBe(false);
    expect(closed.closure).toEqual({ reason: "Tempête", since: "2026-12-05T12:00:00.000Z" });
    expect(closed.nextTransitionAt).toBe("2026-12-05T14:00:00.000Z");
    const extended = statusAt(schedule, at("2026-12-06T19:00:00Z"));
    expect(extended.current).toMatchObject({ id: "b", endId: "o", endsAt: "2026-12-06T20:00:00.000Z" });
  });

  it("agrees with computeMarketStatus at every quarter hour of the two days", () => {
    for (let t = Date.parse("2026-12-05T00:00:00Z"); t < Date.parse("2026-12-07T00:00:00Z"); t += 15 * 60_000) {
      expect(statusAt(schedule, new Date(t))).toEqual(computeMarketStatus(sessions, new Date(t), overrides));
    }
  });
});

describe("hasEnded", () => {
  const day = session("d", "2026-12-05T09:00:00Z", "2026-12-05T18:00:00Z");
  it("is over once it has opened and nothing is to come", () => {
    expect(hasEnded(computeMarketStatus([day], at("2026-12-06T12:00:00Z")))).toBe(true);
  });
  it("is not over while open or with an opening to come", () => {
    expect(hasEnded(computeMarketStatus([day], at("2026-12-05T12:00:00Z")))).toBe(false);
    expect(hasEnded(computeMarketStatus([day], at("2026-12-04T12:00:00Z")))).toBe(false);
  });
  it("is not over when no opening was ever set (its dates are to come), nor when all were cancelled before", () => {
    expect(hasEnded(computeMarketStatus([], at("2026-12-04T12:00:00Z")))).toBe(false);
    const cancelled = session("c", "2026-12-01T09:00:00Z", "2026-12-01T18:00:00Z", "2026-11-30T00:00:00Z");
    expect(hasEnded(computeMarketStatus([cancelled], at("2026-12-04T12:00:00Z")))).toBe(false);
  });
});
