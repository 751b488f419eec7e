// "Reconduire": the pure rules that carry a market's sessions and name over to its next edition.
// No database and no clock, so the review page and the tests use the same rule.
//
// Sessions move by a whole number of weeks, so each keeps its weekday, and they keep their
// local wall-clock times (10:00–19:00 stays 10:00–19:00 whatever the DST offsets): the shift
// is done on local dates, and app/models/schedule.ts turns the result back into instants.
import { DateTime } from "luxon";

/** The organiser may pick any shift in this range (five years at most). */
export const MIN_SHIFT_WEEKS = 1;
export const MAX_SHIFT_WEEKS = 260;

/** A session of the next edition as the review form shows it, in the market's time zone. */
export type EditionSessionDraft = {
  /** Local date, YYYY-MM-DD. */
  date: string;
  /** Local times, HH:mm. */
  startTime: string;
  endTime: string;
  /** The session ends after midnight (its end is on the next local date). */
  endsNextDay: boolean;
};

/**
 * The number of weeks that carries `firstStart` (the source's first session) to the next
 * edition: whole weeks (same weekday), the nearest to the same date `years` later. The
 * target date is taken from `anchor` (the first edition's first session, when the market has
 * been carried over before) so that the 52-week shifts, a day or two short of a year each, do not
 * drift across the years: once they have drifted far enough, 53 weeks brings the dates back.
 */
export function chooseWeekShift(
  firstStart: Date,
  zone: string,
  options: { anchor?: Date; years?: number } = {},
): number {
  const first = DateTime.fromJSDate(firstStart, { zone }).startOf("day");
  const anchor = DateTime.fromJSDate(options.anchor ?? firstStart, { zone }).startOf("day");
  const years = Math.max(1, options.years ?? 1);
  const target = anchor.plus({ years: first.year - anchor.year + years });
  const short = 52 * years;
  const candidates = [short, short + 1];
  const distance = (weeks: number) => Math.abs(first.plus({ weeks }).diff(target, "days").days);
  return candidates.reduce((best, weeks) => (distance(weeks) < distance(best) ? weeks : best));
}

/** How many years ahead the next edition is: the first year whose date is still to come after `now`. */
export function yearsAhead(firstStart: Date, now: Date): number {
  const first = DateTime.fromJSDate(firstStart, { zone: "UTC" });
  const today = DateTime.fromJSDate(now, { zone: "UTC" });
  let years = 1;
  while (years < 5 && first.plus({ years }) < today) years++;
  return years;
}

/** A session moved by `weeks`, as local wall-clock values in `zone`. */
export function shiftSession(
  session: { startsAt: Date; endsAt: Date },
  weeks: number,
  zone: string,
): EditionSessionDraft {
  const start = DateTime.fromJSDate(session.startsAt, { zone });
  const end = DateTime.fromJSDate(session.endsAt, { zone });
  // Calendar arithmetic on the local date only: the wall-clock times are carried as they are.
  const date = DateTime.fromObject({ year: start.year, month: start.month, day: start.day }, { zone: "UTC" }).plus({
    weeks,
  });
  return {
    date: date.toISODate()!,
    startTime: start.toFormat("HH:mm"),
    endTime: end.toFormat("HH:mm"),
    endsNextDay: end.toISODate() !== start.toISODate(),
  };
}

/**
 * The next edition's name: every year in it moves on by `years` ("Marché de Noël 2025" →
 * "Marché de Noël 2026"); a name without a year gets the new edition's year at its end.
 */
export function nextEditionName(name: string, years: number, newYear: number): string {
  const bumped = name.replace(/\b(19|20)\d{2}\b/g, (year) => String(Number(year) + years));
  return bumped === name ? `${name} ${newYear}` : bumped;
}

/** The next edition's address: the year in the slug moved on, or the new year added. */
export function nextEditionSlug(slug: string, years: number, newYear: number): string {
  const bumped = slug.replace(
    /(^|-)((?:19|20)\d{2})(?=-|$)/g,
    (_, dash: string, year: string) => `${dash}${Number(year) + years}`,
  );
  return bumped === slug ? `${slug}-${newYear}`.slice(0, 80) : bumped;
}
