// One session in the organiser's list, in the market's timezone: past ones greyed, cancelled
// ones struck through (and said so in words, for screen readers and colour-blind eyes).
import { Form } from "@remix-run/react";
import { formatDay, formatTime } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n";
import { buttonDanger, Pill } from "./ui";

export type SessionRowData = {
  id: string;
  startsAt: string;
  endsAt: string;
  cancelled: boolean;
  overlaps: boolean;
};

export function SessionRow({ session, timezone, now }: { session: SessionRowData; timezone: string; now: string }) {
  const t = useT();
  const locale = useLocale();
  const nowMs = new Date(now).getTime();
  const past = new Date(session.endsAt).getTime() <= nowMs;
  const live = !past && !session.cancelled && new Date(session.startsAt).getTime() <= nowMs;
  const startDay = formatDay(session.startsAt, timezone, locale);
  const nextDay = formatDay(session.endsAt, timezone, locale) !== startDay;
  const label = t(nextDay ? "organiser.sessions.rangeNextDay" : "organiser.sessions.range", {
    day: startDay,
    start: formatTime(session.startsAt, timezone, locale),
    end: formatTime(session.endsAt, timezone, locale),
  });
  const muted = past || session.cancelled;
  return (
    <li
      className={`flex items-center justify-between gap-3 px-4 py-3 ${muted ? "bg-gray-50 text-gray-700" : "text-bark"}`}
      data-state={session.cancelled ? "cancelled" : past ? "past" : live ? "live" : "upcoming"}
    >
      <div className="min-w-0 flex-1">
        <p className={`font-semibold first-letter:uppercase ${session.cancelled ? "line-through" : ""}`}>{label}</p>
        <p className="mt-1 flex flex-wrap gap-1 empty:hidden">
          {session.cancelled ? <Pill tone="wine">{t("organiser.sessions.cancelled")}</Pill> : null}
          {past ? <Pill tone="gray">{t("organiser.sessions.past")}</Pill> : null}
          {live ? <Pill tone="fir">{t("organiser.sessions.live")}</Pill> : null}
          {session.overlaps ? (
            <Pill tone="gold">
              <span aria-hidden="true">⚠ </span>
              {t("organiser.sessions.overlap")}
            </Pill>
          ) : null}
        </p>
      </div>
      {!past && !session.cancelled ? (
        <Form method="post" className="flex-none">
          <input type="hidden" name="sessionId" value={session.id} />
          <button
            type="submit"
            name="intent"
            value="cancel"
            className={`${buttonDanger} min-h-10 px-3 py-1 text-sm`}
            aria-label={t("organiser.sessions.cancelLabel", { when: label })}
          >
            {t("organiser.sessions.cancel")}
          </button>
        </Form>
      ) : null}
    </li>
  );
}
