// Formatting through Intl only, shared by server and browser so both render the same text.
import { intlLocale, type Locale } from "~/i18n";

const priceFormats = new Map<string, Intl.NumberFormat>();

export function formatPrice(cents: number, locale: Locale = "fr"): string {
  let format = priceFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(intlLocale(locale), { style: "currency", currency: "EUR" });
    priceFormats.set(locale, format);
  }
  return format.format(cents / 100);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: Locale, timeZone: string, options: Intl.DateTimeFormatOptions) {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale(locale), { timeZone, ...options });
    dateFormats.set(key, format);
  }
  return format;
}

/** "samedi 5 décembre, 10:00" in the market's timezone. */
export function formatDateTime(date: Date | string, timeZone: string, locale: Locale = "fr"): string {
  return dateFormat(locale, timeZone, {
    weekday: "long",
    day: "numeric",
    month: "long",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(date));
}

export function formatDay(date: Date | string, timeZone: string, locale: Locale = "fr"): string {
  return dateFormat(locale, timeZone, { weekday: "long", day: "numeric", month: "long" }).format(new Date(date));
}

/** "5 décembre 2026": the first and last day of a range of sessions. */
export function formatLongDate(date: Date | string, timeZone: string, locale: Locale = "fr"): string {
  return dateFormat(locale, timeZone, { dateStyle: "long" }).format(new Date(date));
}

/** "samedi" alone: reads best for a moment within the coming week. */
export function formatWeekday(date: Date | string, timeZone: string, locale: Locale = "fr"): string {
  return dateFormat(locale, timeZone, { weekday: "long" }).format(new Date(date));
}

export function formatTime(date: Date | string, timeZone: string, locale: Locale = "fr"): string {
  return dateFormat(locale, timeZone, { hour: "2-digit", minute: "2-digit" }).format(new Date(date));
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
