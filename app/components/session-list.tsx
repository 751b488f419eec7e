import { formatDay, formatTime } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n";

type Session = { id: string; startsAt: string; endsAt: string };

function SessionRow({
  session,
  timezone,
  now,
  marketOpen,
}: {
  session: Session;
  timezone: string;
  now: number;
  marketOpen: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  // A session the organisers closed early is not "now", even within its hours.
  const running = marketOpen && new Date(session.startsAt).getTime() <= now && now < new Date(session.endsAt).getTime();
  return (
    <li className={running ? "bg-fir-50 font-semibold text-fir-800" : "odd:bg-gold-100/50"}>
      <span className="first-letter:uppercase">{formatDay(session.startsAt, timezone, locale)}</span>
      <span className="tabular-nums">
        {t("resident.market.sessionRange", {
          start: formatTime(session.startsAt, timezone, locale),
          end: formatTime(session.endsAt, timezone, locale),
        })}
        {running ? (
          <span className="ml-2 rounded-full bg-fir-700 px-2 py-0.5 text-xs text-snow">{t("resident.market.now")}</span>
        ) : null}
      </span>
    </li>
  );
}

// Each row's box, written once on the list rather than on every row (a market has many).
const ROW = "*:flex *:flex-wrap *:items-baseline *:justify-between *:gap-x-3 *:rounded-lg *:px-3 *:py-2";

/** Opening times in the market's own timezone, the first few shown and the rest folded away. */
export function SessionList({
  sessions,
  timezone,
  serverNow,
  marketOpen,
  visible = 6,
}: {
  sessions: readonly Session[];
  timezone: string;
  serverNow: string;
  marketOpen: boolean;
  visible?: number;
}) {
  const t = useT();
  const now = new Date(serverNow).getTime();
  if (!sessions.length) return <p className="text-bark/85">{t("resident.market.noSessions")}</p>;
  const first = sessions.slice(0, visible);
  const rest = sessions.slice(visible);
  return (
    <div>
      <ul className={`space-y-1 text-sm ${ROW}`}>
        {first.map((s) => (
          <SessionRow key={s.id} session={s} timezone={timezone} now={now} marketOpen={marketOpen} />
        ))}
      </ul>
      {rest.length ? (
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer rounded px-3 py-2 font-semibold text-fir-700 hover:bg-fir-50">
            {t("resident.market.sessionsMore", { count: sessions.length })}
          </summary>
          <ul className={`mt-1 space-y-1 ${ROW}`}>
            {rest.map((s) => (
              <SessionRow key={s.id} session={s} timezone={timezone} now={now} marketOpen={marketOpen} />
            ))}
          </ul>
        </details>
      ) : null}
      <p className="mt-2 px-3 text-xs text-bark/75">{t("resident.market.timezoneNote", { timezone })}</p>
    </div>
  );
}
