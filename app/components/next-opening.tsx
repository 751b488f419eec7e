// Beside a market's list of sessions: when it next opens (organisers' overrides included, since
// it reads the computed status) and a link to the sessions as an .ics file for phone calendars.
import type { Locale, Translate } from "~/i18n";
import type { MarketStatus, Opening } from "~/models/market-status";
import { formatDay, formatTime } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n";

/**
 * "samedi 5 décembre, 10:00 – 19:00" in the market's timezone. An opening that ends on a later
 * day names that day too; one that ends at midnight exactly stays on its own day ("20:00 – 00:00").
 */
export function describeOpening(
  opening: Pick<Opening, "startsAt" | "endsAt">,
  timeZone: string,
  locale: Locale,
  t: Translate,
): string {
  const day = formatDay(opening.startsAt, timeZone, locale);
  const start = formatTime(opening.startsAt, timeZone, locale);
  const end = formatTime(opening.endsAt, timeZone, locale);
  const lastMoment = new Date(new Date(opening.endsAt).getTime() - 1);
  if (formatDay(lastMoment, timeZone, locale) === day) return t("resident.market.openingRange", { day, start, end });
  return t("resident.market.openingRangeDays", {
    day,
    start,
    endDay: formatDay(opening.endsAt, timeZone, locale),
    end,
  });
}

/** "Prochaine ouverture : samedi 5 décembre, 10:00 – 19:00", only while closed with an opening ahead. */
export function NextOpening({ status, timezone }: { status: MarketStatus; timezone: string }) {
  const t = useT();
  const locale = useLocale();
  if (status.open || !status.next) return null;
  return (
    <p className="mb-3 rounded-lg bg-gold-100 px-3 py-2 font-semibold text-fir-900" data-testid="next-opening">
      {t("resident.market.nextOpening", { when: describeOpening(status.next, timezone, locale, t) })}
    </p>
  );
}

export const calendarPath = (marketSlug: string) => `/m/${marketSlug}/agenda.ics`;

/** A plain link (the file is a resource route, not a page): phones offer to add the events. */
export function CalendarLink({ marketSlug, marketName }: { marketSlug: string; marketName: string }) {
  const t = useT();
  return (
    <a
      href={calendarPath(marketSlug)}
      className="mt-3 inline-flex min-h-11 items-center gap-2 rounded-full px-3 py-2 text-sm font-semibold text-fir-700 underline underline-offset-4 hover:bg-fir-50"
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" className="size-5 shrink-0" fill="none" stroke="currentColor">
        <rect x="3.5" y="5" width="17" height="15.5" rx="2" strokeWidth="1.8" />
        <path d="M3.5 9.5h17M8 3v4M16 3v4M12 12.5v5M9.5 15h5" strokeWidth="1.8" strokeLinecap="round" />
      </svg>
      <span>
        {t("resident.market.addToCalendar")}
        <span className="sr-only">{t("resident.market.addToCalendarDetail", { market: marketName })}</span>
      </span>
    </a>
  );
}
