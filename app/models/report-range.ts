// The report's date range, read from the page's or the CSV's query (`?from=2026-12-01&to=…`):
// whole local days of the market's time zone, both ends included. Pure (luxon only), so the page,
// the CSV routes and the tests read a range the same way.
import { DateTime } from "luxon";
import type { ReportRange } from "./report";

/** A year and a day: a whole edition fits, a range of ten years is refused. */
export const REPORT_RANGE_MAX_DAYS = 366;

/** Without an edition (no session yet): the last 30 local days, today included. */
export const REPORT_DEFAULT_DAYS = 30;

export type ReportRangeError = "invalid" | "inverted" | "too-long";

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** "2026-02-30" is not a date: luxon refuses it, where `new Date` would roll over to March. */
function localDay(value: string, timezone: string): DateTime | null {
  if (!LOCAL_DATE.test(value)) return null;
  const day = DateTime.fromISO(value, { zone: timezone });
  return day.isValid ? day.startOf("day") : null;
}

/** How many local days the range holds, both ends included (a DST day is one day). */
export function reportRangeDays(range: ReportRange): number {
  const from = DateTime.fromISO(range.from, { zone: "UTC" });
  const to = DateTime.fromISO(range.to, { zone: "UTC" });
  return Math.round(to.diff(from, "days").days) + 1;
}

/** Every local day of the range, in order ("2026-12-06", "2026-12-07", …). */
export function reportRangeDayList(range: ReportRange): string[] {
  const days: string[] = [];
  let day = DateTime.fromISO(range.from, { zone: "UTC" });
  const last = DateTime.fromISO(range.to, { zone: "UTC" });
  while (day <= last) {
    days.push(day.toISODate()!);
    day = day.plus({ days: 1 });
  }
  return days;
}

/**
 * The instants the range covers: from the first local day's midnight to the midnight after the
 * last one (end excluded), each in the zone's offset of that day, so a 23- or 25-hour day is whole.
 */
export function reportRangeInstants(range: ReportRange, timezone: string): { start: Date; end: Date } {
  const start = DateTime.fromISO(range.from, { zone: timezone }).startOf("day");
  const end = DateTime.fromISO(range.to, { zone: timezone }).startOf("day").plus({ days: 1 }).startOf("day");
  return { start: start.toJSDate(), end: end.toJSDate() };
}

/**
 * The range asked for, checked. A missing end takes the default's (the edition's days, or the last
 * 30 days to `now`'s local day); an end that is not a real local date is "invalid", a start after
 * the end "inverted", more than REPORT_RANGE_MAX_DAYS days "too-long". The page shows the error,
 * the CSV routes answer 400 with it.
 */
export function parseReportRange(
  input: { from?: string | null; to?: string | null },
  defaults: ReportRange | null,
  timezone: string,
  now: Date,
): { ok: true; range: ReportRange } | { ok: false; error: ReportRangeError } {
  const today = DateTime.fromJSDate(now, { zone: timezone }).startOf("day");
  const fallback: ReportRange = defaults ?? {
    from: today.minus({ days: REPORT_DEFAULT_DAYS - 1 }).toISODate()!,
    to: today.toISODate()!,
  };
  const fromText = input.from?.trim() || fallback.from;
  const toText = input.to?.trim() || fallback.to;
  const from = localDay(fromText, timezone);
  const to = localDay(toText, timezone);
  if (!from || !to) return { ok: false, error: "invalid" };
  const range = { from: from.toISODate()!, to: to.toISODate()! };
  if (range.from > range.to) return { ok: false, error: "inverted" };
  if (reportRangeDays(range) > REPORT_RANGE_MAX_DAYS) return { ok: false, error: "too-long" };
  return { ok: true, range };
}
