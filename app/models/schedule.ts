// Turns an organiser's wall-clock schedule ("5 to 20 December, 10:00 to 19:00, late opening on
// Fridays", in the market's timezone) into concrete UTC instants. Pure: no database, no clock,
// so the same rules can be tested exhaustively and reused by a preview in the browser.
//
// Rules, decided here once:
// - A local time that does not exist (the hour skipped when clocks go forward, e.g.
//   2027-03-28 02:30 in Europe/Paris) is refused, naming the date; we never shift it silently.
// - A local time that happens twice (the hour repeated when clocks go back, e.g.
//   2026-10-25 02:30 in Europe/Paris) takes the EARLIER instant, i.e. the offset in force
//   before the change (summer time, +02:00 in Paris). Luxon alone would pick the later one.
// - The end must come after the start on the same date, unless `endsNextDay` says the session
//   crosses midnight; a session lasts at most 24 hours.
import { DateTime, Info } from "luxon";
import type { Locale, Translate } from "~/i18n";
import { formatDayInText } from "~/utils/format";

export const DEFAULT_TIMEZONE = "Europe/Paris";
/** A recurring rule may not expand to more sessions than this (a typo in a year would). */
export const MAX_SESSIONS_PER_RULE = 120;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

export type ScheduleErrorCode =
  | "organiser.schedule.invalidDate"
  | "organiser.schedule.invalidTime"
  | "organiser.schedule.invalidTimezone"
  | "organiser.schedule.nonexistentTime"
  | "organiser.schedule.endBeforeStart"
  | "organiser.schedule.tooLong"
  | "organiser.schedule.rangeReversed"
  | "organiser.schedule.tooManySessions"
  | "organiser.schedule.empty";

/** A refused schedule. `key` is a dictionary key, `vars` fill its placeholders, `field` names the form field. */
export class ScheduleError extends Error {
  constructor(
    readonly key: ScheduleErrorCode,
    readonly field: string,
    readonly vars: Record<string, string> = {},
  ) {
    super(`${key} ${JSON.stringify(vars)}`);
  }
}

/**
 * A refusal as the organiser reads it: the day it names written for people ("Le jeudi 24
 * décembre, la fermeture…"), not as the form holds it ("2026-12-24"). An invalid date is quoted
 * as typed: it names no day.
 */
export function scheduleErrorText(
  error: ScheduleError,
  t: Translate,
  locale: Locale,
  timeZone: string,
  now: Date,
): string {
  const { date } = error.vars;
  if (date === undefined || error.key === "organiser.schedule.invalidDate") return t(error.key, error.vars);
  return t(error.key, { ...error.vars, date: formatDayInText(date, timeZone, locale, now) });
}

export type PlannedSession = {
  /** Local date the session starts on, YYYY-MM-DD in the market's timezone. */
  date: string;
  startsAt: Date;
  endsAt: Date;
};

/** Timezones offered and accepted: the IANA names this runtime's Intl knows. */
export function supportedTimezones(): string[] {
  return Intl.supportedValuesOf("timeZone");
}

export function isValidTimezone(zone: string): boolean {
  return supportedTimezones().includes(zone) && Info.isValidIANAZone(zone);
}

type LocalDate = { year: number; month: number; day: number };
type LocalTime = { hour: number; minute: number };

export function parseLocalDate(value: string, field = "date"): LocalDate {
  const m = DATE_RE.exec(value.trim());
  if (!m) throw new ScheduleError("organiser.schedule.invalidDate", field, { date: value });
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (!DateTime.fromObject(date, { zone: "UTC" }).isValid) {
    throw new ScheduleError("organiser.schedule.invalidDate", field, { date: value });
  }
  return date;
}

export function parseLocalTime(value: string, field = "time"): LocalTime {
  const m = TIME_RE.exec(value.trim());
  if (!m) throw new ScheduleError("organiser.schedule.invalidTime", field, { time: value });
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

const isoDate = (d: LocalDate) => `${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
const isoTime = (t: LocalTime) => `${String(t.hour).padStart(2, "0")}:${String(t.minute).padStart(2, "0")}`;

function assertZone(zone: string) {
  if (!isValidTimezone(zone)) throw new ScheduleError("organiser.schedule.invalidTimezone", "timezone", { zone });
}

/**
 * The UTC instant of a wall-clock time in a zone. Throws when that wall-clock time does not
 * exist there (skipped by a DST change); takes the earlier instant when it exists twice.
 */
export function localToUtc(date: LocalDate, time: LocalTime, zone: string, field = "startTime"): Date {
  // Offsets in force around that moment: one on a normal day, two on a DST change.
  const wallAsUtc = Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute);
  const offsets = new Set([-36, 0, 36].map((h) => DateTime.fromMillis(wallAsUtc + h * 3600_000, { zone }).offset));
  const matches: number[] = [];
  for (const offset of offsets) {
    const candidate = DateTime.fromMillis(wallAsUtc - offset * 60_000, { zone });
    if (
      candidate.year === date.year &&
      candidate.month === date.month &&
      candidate.day === date.day &&
      candidate.hour === time.hour &&
      candidate.minute === time.minute
    ) {
      matches.push(candidate.toMillis());
    }
  }
  if (matches.length === 0) {
    throw new ScheduleError("organiser.schedule.nonexistentTime", field, {
      date: isoDate(date),
      time: isoTime(time),
      zone,
    });
  }
  return new Date(Math.min(...matches));
}

function nextDay(date: LocalDate): LocalDate {
  const d = DateTime.fromObject(date, { zone: "UTC" }).plus({ days: 1 });
  return { year: d.year, month: d.month, day: d.day };
}

function buildSession(
  date: LocalDate,
  start: LocalTime,
  end: LocalTime,
  endsNextDay: boolean,
  zone: string,
  endField: string,
): PlannedSession {
  const startMinutes = start.hour * 60 + start.minute;
  const endMinutes = end.hour * 60 + end.minute;
  if (!endsNextDay && endMinutes <= startMinutes) {
    throw new ScheduleError("organiser.schedule.endBeforeStart", endField, {
      date: isoDate(date),
      start: isoTime(start),
      end: isoTime(end),
    });
  }
  if (endsNextDay && endMinutes > startMinutes) {
    throw new ScheduleError("organiser.schedule.tooLong", endField, { date: isoDate(date) });
  }
  const startsAt = localToUtc(date, start, zone, "startTime");
  const endsAt = localToUtc(endsNextDay ? nextDay(date) : date, end, zone, endField);
  // A DST change inside a short session can still leave it empty (e.g. 02:00 -> 03:00 on the skip night).
  if (endsAt.getTime() <= startsAt.getTime()) {
    throw new ScheduleError("organiser.schedule.endBeforeStart", endField, {
      date: isoDate(date),
      start: isoTime(start),
      end: isoTime(end),
    });
  }
  return { date: isoDate(date), startsAt, endsAt };
}

export type SingleSessionInput = {
  date: string;
  startTime: string;
  endTime: string;
  /** The end time is on the following day (a session crossing midnight). */
  endsNextDay?: boolean;
};

export function planSingleSession(input: SingleSessionInput, zone: string): PlannedSession {
  assertZone(zone);
  const date = parseLocalDate(input.date, "date");
  const start = parseLocalTime(input.startTime, "startTime");
  const end = parseLocalTime(input.endTime, "endTime");
  return buildSession(date, start, end, input.endsNextDay ?? false, zone, "endTime");
}

export type DailySlotInput = {
  fromDate: string;
  toDate: string;
  startTime: string;
  endTime: string;
  endsNextDay?: boolean;
  /** Local dates (YYYY-MM-DD) with no session. */
  skipDates?: readonly string[];
  /** ISO weekdays (1 = Monday … 7 = Sunday) with no session. */
  skipWeekdays?: readonly number[];
  /** One weekday (ISO number) that ends at `lateEndTime` instead: "late opening on Fridays". */
  lateWeekday?: number | null;
  lateEndTime?: string | null;
};

/** Every session of a daily slot between two local dates, inclusive, in date order. */
export function expandDailySlot(input: DailySlotInput, zone: string): PlannedSession[] {
  assertZone(zone);
  const from = parseLocalDate(input.fromDate, "fromDate");
  const to = parseLocalDate(input.toDate, "toDate");
  const start = parseLocalTime(input.startTime, "startTime");
  const end = parseLocalTime(input.endTime, "endTime");
  const lateEnd = input.lateWeekday && input.lateEndTime ? parseLocalTime(input.lateEndTime, "lateEndTime") : null;
  const skipDates = new Set((input.skipDates ?? []).map((d) => isoDate(parseLocalDate(d, "skipDates"))));
  const skipWeekdays = new Set(input.skipWeekdays ?? []);

  const first = DateTime.fromObject(from, { zone: "UTC" });
  const last = DateTime.fromObject(to, { zone: "UTC" });
  if (last < first) throw new ScheduleError("organiser.schedule.rangeReversed", "toDate");
  const days = Math.round(last.diff(first, "days").days) + 1;
  if (days > MAX_SESSIONS_PER_RULE) {
    throw new ScheduleError("organiser.schedule.tooManySessions", "toDate", { max: String(MAX_SESSIONS_PER_RULE) });
  }

  const sessions: PlannedSession[] = [];
  for (let i = 0; i < days; i++) {
    const day = first.plus({ days: i });
    const date = { year: day.year, month: day.month, day: day.day };
    if (skipDates.has(isoDate(date)) || skipWeekdays.has(day.weekday)) continue;
    const late = lateEnd && day.weekday === input.lateWeekday;
    sessions.push(
      buildSession(
        date,
        start,
        late ? lateEnd : end,
        input.endsNextDay ?? false,
        zone,
        late ? "lateEndTime" : "endTime",
      ),
    );
  }
  if (sessions.length === 0) throw new ScheduleError("organiser.schedule.empty", "fromDate");
  return sessions;
}

/** Sessions (not cancelled) that share some time with another one, by id: shown as a warning. */
export function findOverlaps(
  sessions: readonly {
    id: string;
    startsAt: Date | string;
    endsAt: Date | string;
    cancelledAt?: Date | string | null;
  }[],
): Set<string> {
  const live = sessions
    .filter((s) => !s.cancelledAt)
    .map((s) => ({ id: s.id, start: new Date(s.startsAt).getTime(), end: new Date(s.endsAt).getTime() }))
    .sort((a, b) => a.start - b.start);
  const overlapping = new Set<string>();
  let furthest: { id: string; end: number } | null = null;
  for (const s of live) {
    if (furthest && s.start < furthest.end) {
      overlapping.add(s.id);
      overlapping.add(furthest.id);
    }
    if (!furthest || s.end > furthest.end) furthest = { id: s.id, end: s.end };
  }
  return overlapping;
}

/** Whether a planned session overlaps any of the existing (not cancelled) ones. */
export function overlapsAny(
  planned: { startsAt: Date; endsAt: Date },
  existing: readonly { startsAt: Date; endsAt: Date; cancelledAt?: Date | null }[],
): boolean {
  return existing.some((e) => !e.cancelledAt && planned.startsAt < e.endsAt && e.startsAt < planned.endsAt);
}
