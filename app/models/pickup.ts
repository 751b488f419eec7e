// Pickup slots as people read them, shared by the server (emails) and the browser (the basket's
// choice, the order page): "samedi 12 décembre, 17 h – 19 h", in the market's time zone.
import { DateTime } from "luxon";
import type { Locale } from "~/i18n";
import { formatDay } from "~/utils/format";

/** A slot's hour: "17 h" or "17 h 30" in French, "17:00" in English. */
export function slotTime(instant: Date | string, timeZone: string, locale: Locale): string {
  const local = DateTime.fromJSDate(new Date(instant), { zone: timeZone });
  if (locale === "en") return local.toFormat("HH:mm");
  return local.minute === 0 ? `${local.hour}\u00a0h` : `${local.hour}\u00a0h\u00a0${local.toFormat("mm")}`;
}

/** "17 h – 19 h": a slot's hours within its day. */
export function slotHours(slot: { startsAt: Date | string; endsAt: Date | string }, timeZone: string, locale: Locale) {
  return `${slotTime(slot.startsAt, timeZone, locale)} – ${slotTime(slot.endsAt, timeZone, locale)}`;
}

/** "samedi 12 décembre, 17 h – 19 h". */
export function slotLabel(slot: { startsAt: Date | string; endsAt: Date | string }, timeZone: string, locale: Locale) {
  return `${formatDay(slot.startsAt, timeZone, locale)}, ${slotHours(slot, timeZone, locale)}`;
}

/** Slots grouped by their local day (in start order), for one radio group per day. */
export function slotsByDay<S extends { startsAt: Date | string }>(
  slots: readonly S[],
  timeZone: string,
): { day: string; slots: S[] }[] {
  const days = new Map<string, S[]>();
  for (const slot of [...slots].sort((a, b) => new Date(a.startsAt).getTime() - new Date(b.startsAt).getTime())) {
    const day = DateTime.fromJSDate(new Date(slot.startsAt), { zone: timeZone }).toISODate()!;
    days.set(day, [...(days.get(day) ?? []), slot]);
  }
  return [...days].map(([day, list]) => ({ day, slots: list }));
}
