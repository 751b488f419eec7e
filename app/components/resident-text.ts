// Pure helpers behind the resident pages, shared by server and browser so the first render and
// the hydrated one agree. Everything time-dependent takes `now`; nothing reads the clock itself.
import { type Locale, type MessageKey, type Translate, type Vars } from "~/i18n";
import { hasEnded, type MarketStatus } from "~/models/market-status";
import { formatDateTime, formatTime, formatWeekday } from "~/utils/format";

const DAY_MS = 86_400_000;

const ymdFormats = new Map<string, Intl.DateTimeFormat>();

/** Calendar day of an instant in a timezone, as "2026-12-05", to tell today from tomorrow. */
function localDay(date: Date, timeZone: string): string {
  let format = ymdFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    ymdFormats.set(timeZone, format);
  }
  return format.format(date);
}

/** The calendar day after "2026-12-05", without a timezone library in the browser bundle. */
function nextDay(day: string): string {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + 1)).toISOString().slice(0, 10);
}

/**
 * When something happens, as people say it: "aujourd’hui à 10:00", "demain à 10:00",
 * "samedi 10:00" within the week, else the full date.
 */
export function describeWhen(at: Date | string, timeZone: string, locale: Locale, now: Date, t: Translate): string {
  const date = new Date(at);
  const time = formatTime(date, timeZone, locale);
  const day = localDay(date, timeZone);
  if (day === localDay(now, timeZone)) return t("resident.when.today", { time });
  // The next calendar day where the market is, not now + 24 h: on the nights the clocks
  // change a day lasts 23 or 25 hours.
  const tomorrow = nextDay(localDay(now, timeZone));
  if (day === tomorrow) return t("resident.when.tomorrow", { time });
  if (date.getTime() - now.getTime() < 6 * DAY_MS) {
    return t("resident.when.weekday", { day: formatWeekday(date, timeZone, locale), time });
  }
  return formatDateTime(date, timeZone, locale);
}

/** One line for a market's state: "Ouvert maintenant · ferme à 19:00", "Ouvre samedi 10:00", "Fermé". */
export function describeStatus(
  status: MarketStatus,
  timeZone: string,
  locale: Locale,
  now: Date,
  t: Translate,
): string {
  if (status.open && status.nextTransitionAt) {
    return `${t("status.openNow")} · ${t("resident.status.closesAt", {
      time: formatTime(status.nextTransitionAt, timeZone, locale),
    })}`;
  }
  if (status.open) return t("status.openNow");
  if (status.next) return t("status.opensAt", { when: describeWhen(status.next.startsAt, timeZone, locale, now, t) });
  return t(hasEnded(status) ? "resident.status.ended" : "resident.status.datesToComeLong");
}

export type StockTone = "out" | "low" | "ok";
export type StockLabel = { key: MessageKey; vars?: Vars; tone: StockTone };

/** "Épuisé", "Dernier !", "Plus que 3", or a plain "En stock" above five. */
export function stockLabel(stock: number): StockLabel {
  if (stock <= 0) return { key: "resident.stock.soldOut", tone: "out" };
  if (stock === 1) return { key: "resident.stock.lastOne", tone: "low" };
  if (stock <= 5) return { key: "resident.stock.fewLeft", vars: { count: stock }, tone: "low" };
  return { key: "resident.stock.inStock", tone: "ok" };
}

/**
 * What a screen reader hears about a countdown: coarse enough to change rarely
 * (days, then hours, then quarter hours, then "under a minute").
 */
export function coarseCountdown(ms: number): { key: MessageKey; vars?: Vars } {
  const minutes = Math.ceil(Math.max(0, ms) / 60_000);
  if (ms <= 0) return { key: "resident.countdown.now" };
  if (minutes >= 48 * 60) return { key: "resident.countdown.days", vars: { count: Math.floor(minutes / 1440) } };
  if (minutes >= 120) return { key: "resident.countdown.hours", vars: { count: Math.floor(minutes / 60) } };
  if (minutes > 15) return { key: "resident.countdown.minutes", vars: { count: Math.ceil(minutes / 15) * 15 } };
  if (minutes > 1) return { key: "resident.countdown.minutes", vars: { count: minutes } };
  return { key: "resident.countdown.underMinute" };
}

/** The line beside a status badge: "Ferme à 19:00" when open, "Ouvre demain à 10:00" when not. */
export function statusDetail(
  status: MarketStatus,
  timeZone: string,
  locale: Locale,
  now: Date,
  t: Translate,
): string | null {
  if (status.open && status.nextTransitionAt) {
    return t("status.closesAt", { time: formatTime(status.nextTransitionAt, timeZone, locale) });
  }
  if (!status.open && status.next) {
    return t("status.opensAt", { when: describeWhen(status.next.startsAt, timeZone, locale, now, t) });
  }
  return null;
}
