// Formatting through Intl only, shared by server and browser so both render the same text.
import { intlLocale, type Locale } from "~/i18n";

// A page writes the same few prices and instants (a market's sessions) on every request: each
// costs microseconds through Intl, a lookup far less. Bounded so odd inputs cannot grow it.
const MAX_REMEMBERED = 5_000;
function remember<K>(memo: Map<K, string>, key: K, write: () => string): string {
  let text = memo.get(key);
  if (text === undefined) {
    text = write();
    if (memo.size >= MAX_REMEMBERED) memo.clear();
    memo.set(key, text);
  }
  return text;
}

const priceFormats = new Map<string, Intl.NumberFormat>();
const prices = new Map<string, string>();

export function formatPrice(cents: number, locale: Locale = "fr"): string {
  return remember(prices, `${locale}|${cents}`, () => {
    let format = priceFormats.get(locale);
    if (!format) {
      format = new Intl.NumberFormat(intlLocale(locale), { style: "currency", currency: "EUR" });
      priceFormats.set(locale, format);
    }
    return format.format(cents / 100);
  });
}

const DATE_STYLES = {
  dateTime: { weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit" },
  day: { weekday: "long", day: "numeric", month: "long" },
  dayYear: { weekday: "long", day: "numeric", month: "long", year: "numeric" },
  year: { year: "numeric" },
  longDate: { dateStyle: "long" },
  weekday: { weekday: "long" },
  time: { hour: "2-digit", minute: "2-digit" },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const dates = new Map<string, string>();

function formatDate(style: keyof typeof DATE_STYLES, date: Date | string, timeZone: string, locale: Locale) {
  const instant = new Date(date).getTime();
  return remember(dates, `${style}|${locale}|${timeZone}|${instant}`, () => {
    const key = `${style}|${locale}|${timeZone}`;
    let format = dateFormats.get(key);
    if (!format) {
      format = new Intl.DateTimeFormat(intlLocale(locale), { timeZone, ...DATE_STYLES[style] });
      dateFormats.set(key, format);
    }
    return format.format(instant);
  });
}

/** "samedi 5 décembre, 10:00" in the market's timezone. */
export function formatDateTime(date: Date | string, timeZone: string, locale: Locale = "fr"): string {
  return formatDate("dateTime", date, timeZone, locale);
}

export function formatDay(date: Date | string, timeZone: string, locale: Locale = "fr"): string {
  return formatDate("day", date, timeZone, locale);
}

const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A day inside a sentence, as people write it: "jeudi 24 décembre", with the year ("samedi 2
 * janvier 2027") only when it is not the current year where the market is. Takes an instant, or a
 * calendar day ("2026-12-24", as the organiser's forms hold it), never shown as such.
 */
export function formatDayInText(date: Date | string, timeZone: string, locale: Locale, now: Date): string {
  // A calendar day belongs to no zone: its noon in UTC names the same day in any language.
  const calendarDay = typeof date === "string" && CALENDAR_DAY.test(date);
  const instant = calendarDay ? `${date}T12:00:00Z` : date;
  const zone = calendarDay ? "UTC" : timeZone;
  const thisYear = formatDate("year", instant, zone, "en") === formatDate("year", now, timeZone, "en");
  const text = formatDate(thisYear ? "day" : "dayYear", instant, zone, locale);
  // French writes the first of the month "1er" ("vendredi 1er janvier"), which Intl does not.
  return locale === "fr" ? text.replace(/^(\S+) 1 /, "$1 1er ") : text;
}

/** "5 décembre 2026": the first and last day of a range of sessions. */
export function formatLongDate(date: Date | string, timeZone: string, locale: Locale = "fr"): string {
  return formatDate("longDate", date, timeZone, locale);
}

/** "samedi" alone: reads best for a moment within the coming week. */
export function formatWeekday(date: Date | string, timeZone: string, locale: Locale = "fr"): string {
  return formatDate("weekday", date, timeZone, locale);
}

export function formatTime(date: Date | string, timeZone: string, locale: Locale = "fr"): string {
  return formatDate("time", date, timeZone, locale);
}

/** "2 j 03:15:09" style countdown; the granularity shrinks as the moment gets closer. */
export function formatCountdown(ms: number, locale: Locale = "fr"): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86400);
  const hours = Math.floor((total % 86400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  const dayUnit = locale === "fr" ? "j" : "d";
  if (days > 0) return `${days} ${dayUnit} ${pad(hours)}:${pad(minutes)}:${pad(seconds)}`;
  if (hours > 0) return `${hours}:${pad(minutes)}:${pad(seconds)}`;
  return `${minutes}:${pad(seconds)}`;
}

const percentFormats = new Map<string, Intl.NumberFormat>();

/** Basis points as a percentage: 250 → "2,5 %" in French, "2.5%" in English. */
export function formatBps(bps: number, locale: Locale = "fr"): string {
  let format = percentFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(intlLocale(locale), { style: "percent", maximumFractionDigits: 2 });
    percentFormats.set(locale, format);
  }
  return format.format(bps / 10_000);
}

/** A file's size as phones say it: "350 ko", "1,2 Mo", "16 Mo" (of 1024, as "5 Mo" in the upload hints). */
export function formatFileSize(bytes: number, locale: Locale = "fr"): string {
  const [kilo, mega] = locale === "fr" ? ["ko", "Mo"] : ["KB", "MB"];
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} ${kilo}`;
  const mb = bytes / (1024 * 1024);
  return `${new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: mb < 10 ? 1 : 0 }).format(mb)} ${mega}`;
}
