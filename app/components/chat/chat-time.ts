// Times in the chat, in the market's timezone like every time on its pages: the hour alone for
// today, the day too for older messages and for a return on another day.
import { intlLocale, type Locale } from "~/i18n";
import { formatDateTime, formatTime } from "~/utils/format";

function dayKey(date: Date | string | number, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(date),
  );
}

export function sameDay(a: Date | string | number, b: Date | string | number, timeZone: string): boolean {
  return dayKey(a, timeZone) === dayKey(b, timeZone);
}

/** "14:03" today, "5 déc., 14:03" another day. */
export function messageTime(iso: string, timeZone: string, locale: Locale, now: number): string {
  if (sameDay(iso, now, timeZone)) return formatTime(iso, timeZone, locale);
  return new Intl.DateTimeFormat(intlLocale(locale), {
    timeZone,
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(iso));
}

/** The time alone today ("14:00"), the day and time another day ("samedi 5 décembre, 10:00"). */
export function whenLabel(
  iso: string,
  timeZone: string,
  locale: Locale,
  now: number,
): { today: boolean; text: string } {
  return sameDay(iso, now, timeZone)
    ? { today: true, text: formatTime(iso, timeZone, locale) }
    : { today: false, text: formatDateTime(iso, timeZone, locale) };
}
