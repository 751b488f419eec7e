import { describe, expect, it } from "vitest";
import {
  expandDailySlot,
  findOverlaps,
  localToUtc,
  planSingleSession,
  ScheduleError,
  scheduleErrorText,
  isValidTimezone,
} from "~/models/schedule";
import { createTranslator } from "~/i18n";
import { recurringSessionSchema, singleSessionSchema } from "~/schemas/organiser";

const PARIS = "Europe/Paris";

function scheduleError(fn: () => unknown): ScheduleError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ScheduleError) return error;
    throw error;
  }
  throw new Error("expected a ScheduleError");
}

describe("expandDailySlot", () => {
  it("expands a daily slot between two dates, skipping dates and weekdays, with a Friday late opening", () => {
    // 2026-12-05 is a Saturday; 2026-12-20 a Sunday.
    const sessions = expandDailySlot(
      {
        fromDate: "2026-12-05",
        toDate: "2026-12-20",
        startTime: "10:00",
        endTime: "19:00",
        skipDates: ["2026-12-08"],
        skipWeekdays: [1], // closed on Mondays
        lateWeekday: 5,
        lateEndTime: "21:30",
      },
      PARIS,
    );
    const dates = sessions.map((s) => s.date);
    expect(dates).toEqual([
      "2026-12-05",
      "2026-12-06",
      // 07 is a Monday, 08 is skipped
      "2026-12-09",
      "2026-12-10",
      "2026-12-11",
      "2026-12-12",
      "2026-12-13",
      // 14 is a Monday
      "2026-12-15",
      "2026-12-16",
      "2026-12-17",
      "2026-12-18",
      "2026-12-19",
      "2026-12-20",
    ]);
    // Winter in Paris is UTC+1.
    expect(sessions[0]!.startsAt.toISOString()).toBe("2026-12-05T09:00:00.000Z");
    expect(sessions[0]!.endsAt.toISOString()).toBe("2026-12-05T18:00:00.000Z");
    const fridays = sessions.filter((s) => ["2026-12-11", "2026-12-18"].includes(s.date));
    expect(fridays.map((s) => s.endsAt.toISOString())).toEqual([
      "2026-12-11T20:30:00.000Z",
      "2026-12-18T20:30:00.000Z",
    ]);
    const others = sessions.filter((s) => !["2026-12-11", "2026-12-18"].includes(s.date));
    expect(others.every((s) => s.endsAt.getUTCHours() === 18)).toBe(true);
  });

  it("keeps 10:00 local across the autumn DST change (2026-10-25) while the UTC offset changes", () => {
    const sessions = expandDailySlot(
      { fromDate: "2026-10-24", toDate: "2026-10-26", startTime: "10:00", endTime: "19:00" },
      PARIS,
    );
    expect(sessions.map((s) => s.startsAt.toISOString())).toEqual([
      "2026-10-24T08:00:00.000Z", // CEST, UTC+2
      "2026-10-25T09:00:00.000Z", // CET from that night, UTC+1
      "2026-10-26T09:00:00.000Z",
    ]);
    const local = sessions.map((s) =>
      new Intl.DateTimeFormat("fr-FR", { timeZone: PARIS, hour: "2-digit", minute: "2-digit" }).format(s.startsAt),
    );
    expect(local).toEqual(["10:00", "10:00", "10:00"]);
  });

  it("keeps 10:00 local across the spring DST change (2027-03-28)", () => {
    const sessions = expandDailySlot(
      { fromDate: "2027-03-27", toDate: "2027-03-29", startTime: "10:00", endTime: "19:00" },
      PARIS,
    );
    expect(sessions.map((s) => s.startsAt.toISOString())).toEqual([
      "2027-03-27T09:00:00.000Z", // CET, UTC+1
      "2027-03-28T08:00:00.000Z", // CEST, UTC+2
      "2027-03-29T08:00:00.000Z",
    ]);
  });

  it("refuses a whole rule when one of its days has a time that does not exist, naming the date", () => {
    const error = scheduleError(() =>
      expandDailySlot({ fromDate: "2027-03-26", toDate: "2027-03-30", startTime: "02:30", endTime: "06:00" }, PARIS),
    );
    expect(error.key).toBe("organiser.schedule.nonexistentTime");
    expect(error.vars.date).toBe("2027-03-28");
    expect(error.vars.time).toBe("02:30");
  });

  it("refuses a reversed range, too many days and a rule that leaves no session", () => {
    expect(
      scheduleError(() =>
        expandDailySlot({ fromDate: "2026-12-10", toDate: "2026-12-01", startTime: "10:00", endTime: "19:00" }, PARIS),
      ).key,
    ).toBe("organiser.schedule.rangeReversed");
    expect(
      scheduleError(() =>
        expandDailySlot({ fromDate: "2026-01-01", toDate: "2027-01-01", startTime: "10:00", endTime: "19:00" }, PARIS),
      ).key,
    ).toBe("organiser.schedule.tooManySessions");
    expect(
      scheduleError(() =>
        expandDailySlot(
          {
            fromDate: "2026-12-07",
            toDate: "2026-12-07",
            startTime: "10:00",
            endTime: "19:00",
            skipWeekdays: [1],
          },
          PARIS,
        ),
      ).key,
    ).toBe("organiser.schedule.empty");
  });

  it("expands sessions that cross midnight into the next day", () => {
    const sessions = expandDailySlot(
      { fromDate: "2026-12-18", toDate: "2026-12-19", startTime: "18:00", endTime: "01:00", endsNextDay: true },
      PARIS,
    );
    expect(sessions.map((s) => [s.startsAt.toISOString(), s.endsAt.toISOString()])).toEqual([
      ["2026-12-18T17:00:00.000Z", "2026-12-19T00:00:00.000Z"],
      ["2026-12-19T17:00:00.000Z", "2026-12-20T00:00:00.000Z"],
    ]);
  });
});

describe("planSingleSession", () => {
  it("rejects a nonexistent local time (2027-03-28 02:30 Europe/Paris) and names the date", () => {
    const error = scheduleError(() =>
      planSingleSession({ date: "2027-03-28", startTime: "02:30", endTime: "05:00" }, PARIS),
    );
    expect(error.key).toBe("organiser.schedule.nonexistentTime");
    expect(error.field).toBe("startTime");
    expect(error.vars).toMatchObject({ date: "2027-03-28", time: "02:30" });
  });

  it("rejects a nonexistent end time too", () => {
    const error = scheduleError(() =>
      planSingleSession({ date: "2027-03-28", startTime: "00:30", endTime: "02:15" }, PARIS),
    );
    expect(error.key).toBe("organiser.schedule.nonexistentTime");
    expect(error.field).toBe("endTime");
  });

  it("takes the earlier instant for an ambiguous time (2026-10-25 02:30 happens twice in Paris)", () => {
    const session = planSingleSession({ date: "2026-10-25", startTime: "02:30", endTime: "04:00" }, PARIS);
    // First 02:30 is still summer time (UTC+2) = 00:30Z; the second would be 01:30Z.
    expect(session.startsAt.toISOString()).toBe("2026-10-25T00:30:00.000Z");
    // 04:00 exists once, in winter time (UTC+1).
    expect(session.endsAt.toISOString()).toBe("2026-10-25T03:00:00.000Z");
  });

  it("rejects an end before (or equal to) the start on the same date", () => {
    const before = scheduleError(() =>
      planSingleSession({ date: "2026-12-05", startTime: "19:00", endTime: "10:00" }, PARIS),
    );
    expect(before.key).toBe("organiser.schedule.endBeforeStart");
    expect(before.field).toBe("endTime");
    expect(
      scheduleError(() => planSingleSession({ date: "2026-12-05", startTime: "10:00", endTime: "10:00" }, PARIS)).key,
    ).toBe("organiser.schedule.endBeforeStart");
  });

  it("accepts an end time earlier than the start when the session explicitly ends the next day", () => {
    const session = planSingleSession(
      { date: "2026-12-31", startTime: "20:00", endTime: "02:00", endsNextDay: true },
      PARIS,
    );
    expect(session.startsAt.toISOString()).toBe("2026-12-31T19:00:00.000Z");
    expect(session.endsAt.toISOString()).toBe("2027-01-01T01:00:00.000Z");
  });

  it("refuses a next-day end that would make the session longer than 24 hours", () => {
    expect(
      scheduleError(() =>
        planSingleSession({ date: "2026-12-05", startTime: "10:00", endTime: "12:00", endsNextDay: true }, PARIS),
      ).key,
    ).toBe("organiser.schedule.tooLong");
  });

  it("converts in another timezone (America/New_York), including its own DST dates", () => {
    const winter = planSingleSession({ date: "2026-12-05", startTime: "10:00", endTime: "19:00" }, "America/New_York");
    expect(winter.startsAt.toISOString()).toBe("2026-12-05T15:00:00.000Z");
    // New York springs forward on 2027-03-14 at 02:00, two weeks before Paris.
    expect(
      scheduleError(() =>
        planSingleSession({ date: "2027-03-14", startTime: "02:30", endTime: "05:00" }, "America/New_York"),
      ).vars.date,
    ).toBe("2027-03-14");
    // The same wall-clock time is fine in Paris that day.
    expect(
      planSingleSession({ date: "2027-03-14", startTime: "02:30", endTime: "05:00" }, PARIS).startsAt.toISOString(),
    ).toBe("2027-03-14T01:30:00.000Z");
  });

  it("refuses malformed dates, times and unknown timezones", () => {
    expect(
      scheduleError(() => planSingleSession({ date: "2026-02-30", startTime: "10:00", endTime: "11:00" }, PARIS)).key,
    ).toBe("organiser.schedule.invalidDate");
    expect(
      scheduleError(() => planSingleSession({ date: "2026-02-03", startTime: "25:00", endTime: "11:00" }, PARIS)).key,
    ).toBe("organiser.schedule.invalidTime");
    expect(
      scheduleError(() =>
        planSingleSession({ date: "2026-02-03", startTime: "10:00", endTime: "11:00" }, "Mars/Olympus"),
      ).key,
    ).toBe("organiser.schedule.invalidTimezone");
    expect(isValidTimezone("Europe/Paris")).toBe(true);
    expect(isValidTimezone("Europe/Pariss")).toBe(false);
  });
});

describe("localToUtc and findOverlaps", () => {
  it("converts a plain wall-clock time with the offset of that date", () => {
    expect(localToUtc({ year: 2026, month: 7, day: 14 }, { hour: 12, minute: 0 }, PARIS).toISOString()).toBe(
      "2026-07-14T10:00:00.000Z",
    );
  });

  it("flags sessions that share time, ignoring cancelled ones", () => {
    const at = (h: number) => new Date(Date.UTC(2026, 11, 5, h));
    const overlaps = findOverlaps([
      { id: "a", startsAt: at(9), endsAt: at(18) },
      { id: "b", startsAt: at(17), endsAt: at(20) },
      { id: "c", startsAt: at(20), endsAt: at(22) },
      { id: "d", startsAt: at(21), endsAt: at(23), cancelledAt: at(0) },
    ]);
    expect([...overlaps].sort()).toEqual(["a", "b"]);
  });
});

describe("session form dates", () => {
  const single = { intent: "single", date: "2026-12-05", startTime: "10:00", endTime: "19:00" };
  const recurring = {
    intent: "recurring",
    fromDate: "2026-12-05",
    toDate: "2026-12-20",
    startTime: "10:00",
    endTime: "19:00",
  };
  const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
    result.success ? [] : result.error!.issues.map((i) => i.message);

  it("accepts years 2000 to 2100", () => {
    for (const date of ["2000-01-01", "2026-12-05", "2100-12-31"]) {
      expect(singleSessionSchema.safeParse({ ...single, date }).success).toBe(true);
    }
  });

  it("refuses years outside 2000-2100 (a two-digit year would become 19xx) with a clear message", () => {
    for (const date of ["0025-12-05", "1999-12-31", "2101-01-01", "9999-12-05"]) {
      expect(messages(singleSessionSchema.safeParse({ ...single, date }))).toEqual([
        "organiser.schedule.yearOutOfRange",
      ]);
    }
    expect(messages(recurringSessionSchema.safeParse({ ...recurring, fromDate: "0026-12-05" }))).toEqual([
      "organiser.schedule.yearOutOfRange",
    ]);
    expect(messages(recurringSessionSchema.safeParse({ ...recurring, toDate: "2226-12-20" }))).toEqual([
      "organiser.schedule.yearOutOfRange",
    ]);
  });

  it("still says only 'invalid date' for a malformed one", () => {
    expect(messages(singleSessionSchema.safeParse({ ...single, date: "5/12/26" }))).toEqual(["form.invalidDate"]);
  });
});

describe("recurring rules across the DST changes (Europe/Paris)", () => {
  const localTime = (d: Date) =>
    new Intl.DateTimeFormat("fr-FR", { timeZone: PARIS, hour: "2-digit", minute: "2-digit" }).format(d);
  const hours = (s: { startsAt: Date; endsAt: Date }) => (s.endsAt.getTime() - s.startsAt.getTime()) / 3600_000;

  it("daily 10:00-19:00 over 2026-10-25: both ends move from UTC+2 to UTC+1, every session lasts 9 hours", () => {
    const sessions = expandDailySlot(
      { fromDate: "2026-10-23", toDate: "2026-10-27", startTime: "10:00", endTime: "19:00" },
      PARIS,
    );
    expect(sessions.map((s) => [s.date, s.startsAt.toISOString(), s.endsAt.toISOString()])).toEqual([
      ["2026-10-23", "2026-10-23T08:00:00.000Z", "2026-10-23T17:00:00.000Z"],
      ["2026-10-24", "2026-10-24T08:00:00.000Z", "2026-10-24T17:00:00.000Z"],
      // The clocks went back at 03:00 that night: 10:00 is already winter time.
      ["2026-10-25", "2026-10-25T09:00:00.000Z", "2026-10-25T18:00:00.000Z"],
      ["2026-10-26", "2026-10-26T09:00:00.000Z", "2026-10-26T18:00:00.000Z"],
      ["2026-10-27", "2026-10-27T09:00:00.000Z", "2026-10-27T18:00:00.000Z"],
    ]);
    expect(sessions.map(hours)).toEqual([9, 9, 9, 9, 9]);
    expect(sessions.map((s) => `${localTime(s.startsAt)}-${localTime(s.endsAt)}`)).toEqual(
      Array(5).fill("10:00-19:00"),
    );
  });

  it("daily 10:00-19:00 over 2027-03-28: both ends move from UTC+1 to UTC+2", () => {
    const sessions = expandDailySlot(
      { fromDate: "2027-03-27", toDate: "2027-03-29", startTime: "10:00", endTime: "19:00" },
      PARIS,
    );
    expect(sessions.map((s) => [s.startsAt.toISOString(), s.endsAt.toISOString()])).toEqual([
      ["2027-03-27T09:00:00.000Z", "2027-03-27T18:00:00.000Z"],
      ["2027-03-28T08:00:00.000Z", "2027-03-28T17:00:00.000Z"],
      ["2027-03-29T08:00:00.000Z", "2027-03-29T17:00:00.000Z"],
    ]);
    expect(sessions.map(hours)).toEqual([9, 9, 9]);
  });

  it("refuses a rule starting at 02:30 over 2027-03-28 with the date in the error, on the field that holds it", () => {
    const error = scheduleError(() =>
      expandDailySlot({ fromDate: "2027-03-27", toDate: "2027-03-29", startTime: "02:30", endTime: "09:00" }, PARIS),
    );
    expect(error).toMatchObject({
      key: "organiser.schedule.nonexistentTime",
      field: "startTime",
      vars: { date: "2027-03-28", time: "02:30", zone: PARIS },
    });
    // Only that date is the problem: skipping it makes the same rule valid.
    const skipped = expandDailySlot(
      {
        fromDate: "2027-03-27",
        toDate: "2027-03-29",
        startTime: "02:30",
        endTime: "09:00",
        skipDates: ["2027-03-28"],
      },
      PARIS,
    );
    expect(skipped.map((s) => s.date)).toEqual(["2027-03-27", "2027-03-29"]);
  });

  it("refuses a session crossing midnight into the skipped hour, naming the next day and the end field", () => {
    // Saturday 27 March 20:00 to 02:30 on Sunday 28, when 02:00-03:00 does not exist.
    const error = scheduleError(() =>
      expandDailySlot(
        {
          fromDate: "2027-03-27",
          toDate: "2027-03-27",
          startTime: "20:00",
          endTime: "02:30",
          endsNextDay: true,
        },
        PARIS,
      ),
    );
    expect(error).toMatchObject({
      key: "organiser.schedule.nonexistentTime",
      field: "endTime",
      vars: { date: "2027-03-28", time: "02:30" },
    });
  });

  it("a rule at 02:30 over 2026-10-25 takes the earlier of the two 02:30s (still summer time) that day", () => {
    const sessions = expandDailySlot(
      { fromDate: "2026-10-24", toDate: "2026-10-26", startTime: "02:30", endTime: "05:00" },
      PARIS,
    );
    expect(sessions.map((s) => [s.startsAt.toISOString(), s.endsAt.toISOString()])).toEqual([
      ["2026-10-24T00:30:00.000Z", "2026-10-24T03:00:00.000Z"], // UTC+2
      ["2026-10-25T00:30:00.000Z", "2026-10-25T04:00:00.000Z"], // 02:30 UTC+2, 05:00 UTC+1
      ["2026-10-26T01:30:00.000Z", "2026-10-26T04:00:00.000Z"], // UTC+1
    ]);
    // That night the session lasts an hour more than its wall-clock length.
    expect(sessions.map(hours)).toEqual([2.5, 3.5, 2.5]);
  });

  it("a session crossing midnight over each change lasts one hour more (autumn) or less (spring)", () => {
    const autumn = planSingleSession(
      { date: "2026-10-24", startTime: "22:00", endTime: "04:00", endsNextDay: true },
      PARIS,
    );
    expect([autumn.startsAt.toISOString(), autumn.endsAt.toISOString()]).toEqual([
      "2026-10-24T20:00:00.000Z",
      "2026-10-25T03:00:00.000Z",
    ]);
    expect(hours(autumn)).toBe(7);
    const spring = planSingleSession(
      { date: "2027-03-27", startTime: "22:00", endTime: "04:00", endsNextDay: true },
      PARIS,
    );
    expect([spring.startsAt.toISOString(), spring.endsAt.toISOString()]).toEqual([
      "2027-03-27T21:00:00.000Z",
      "2027-03-28T02:00:00.000Z",
    ]);
    expect(hours(spring)).toBe(5);
  });

  it("a daily rule crossing midnight keeps its local times on every night, the change nights included", () => {
    const sessions = expandDailySlot(
      { fromDate: "2026-10-24", toDate: "2026-10-25", startTime: "18:00", endTime: "01:00", endsNextDay: true },
      PARIS,
    );
    expect(sessions.map((s) => [s.date, s.startsAt.toISOString(), s.endsAt.toISOString()])).toEqual([
      ["2026-10-24", "2026-10-24T16:00:00.000Z", "2026-10-24T23:00:00.000Z"],
      ["2026-10-25", "2026-10-25T17:00:00.000Z", "2026-10-26T00:00:00.000Z"],
    ]);
    expect(sessions.map((s) => `${localTime(s.startsAt)}-${localTime(s.endsAt)}`)).toEqual([
      "18:00-01:00",
      "18:00-01:00",
    ]);
  });
});

describe("scheduleErrorText", () => {
  const now = new Date("2026-11-15T09:00:00Z");

  it("names the day of a refusal as people write it, not as the form holds it", () => {
    const error = scheduleError(() =>
      planSingleSession({ date: "2026-12-24", startTime: "18:00", endTime: "10:00" }, PARIS),
    );
    expect(error.vars.date).toBe("2026-12-24");
    expect(scheduleErrorText(error, createTranslator("fr"), "fr", PARIS, now)).toMatch(
      /^Le jeudi 24 décembre, la fermeture \(10:00\) doit venir après l’ouverture \(18:00\)\./,
    );
    expect(scheduleErrorText(error, createTranslator("en"), "en", PARIS, now)).toMatch(
      /^On Thursday 24 December, closing/,
    );
  });

  it("adds the year when it is not this one, and quotes an invalid date as typed", () => {
    const skipped = scheduleError(() =>
      planSingleSession({ date: "2027-03-28", startTime: "02:30", endTime: "10:00" }, PARIS),
    );
    expect(scheduleErrorText(skipped, createTranslator("fr"), "fr", PARIS, now)).toContain(
      "L’heure 02:30 n’existe pas le dimanche 28 mars 2027",
    );
    const invalid = new ScheduleError("organiser.schedule.invalidDate", "date", { date: "2026-02-30" });
    expect(scheduleErrorText(invalid, createTranslator("fr"), "fr", PARIS, now)).toBe(
      "Date invalide\u00A0: 2026-02-30",
    );
  });
});
