// A market's state as a visitor sees it, kept live: the badge, the next change and a countdown
// to it, the organisers' reason when they closed early, and a closing-soon notice in the last
// ten minutes. The page reloads its data when the server announces a change (useMarketLive)
// or when the countdown runs out (useRevalidateAt), whichever comes first.
//
// What screen readers hear as it changes comes from two polite live regions, always in the page
// so that what is put in them is announced (a region inserted already filled often is not):
// - the countdown's own coarse words ("Ferme dans 2 heures"), which change rarely;
// - the notices below: closing soon, closed by the organisers, offline.
// In the last ten minutes both would speak every minute. The notice speaks and the countdown
// is quiet: the notice says the same minutes and also what to do ("pensez à finir vos
// achats"), it is the visible text sighted visitors read, and it appears at the ten-minute mark,
// which announces that the market is closing soon. The countdown's words stay readable there.
import { Countdown } from "~/components/countdown";
import { statusDetail } from "~/components/resident-text";
import { StatusBadge } from "~/components/status-badge";
import { useServerClock } from "~/components/use-server-clock";
import { hasEnded, type MarketStatus } from "~/models/market-status";
import { useLocale, useT } from "~/utils/i18n";

const CLOSING_SOON_MS = 10 * 60_000;
// A countdown means something within the day; further away the date and time say more.
const COUNTDOWN_WITHIN_MS = 24 * 60 * 60_000;

export function LiveStatus({
  status,
  timezone,
  serverNow,
  connected,
  offline = false,
  labels,
}: {
  status: MarketStatus;
  timezone: string;
  serverNow: string;
  connected: boolean;
  /** The page was live and lost its connection: what it shows may be out of date. */
  offline?: boolean;
  labels: { open: string; closed: string; ended: string };
}) {
  const t = useT();
  const locale = useLocale();
  const now = useServerClock(serverNow);
  // Closed early by the organisers is "closed", not "ended", even with no opening left.
  const tone = status.open ? "open" : status.next ? "soon" : "closed";
  const label = status.open ? labels.open : hasEnded(status) && !status.closure ? labels.ended : labels.closed;
  const untilChange = status.nextTransitionAt ? new Date(status.nextTransitionAt).getTime() - now : null;
  const closingSoon = status.open && untilChange !== null && untilChange > 0 && untilChange <= CLOSING_SOON_MS;
  const minutesLeft = untilChange === null ? 0 : Math.ceil(untilChange / 60_000);
  const closedByOrganisers = !status.open && status.closure !== null;

  return (
    <div data-testid="market-status" data-live={connected ? "on" : "off"}>
      <div className="flex flex-wrap items-center gap-3">
        <StatusBadge tone={tone} label={label} />
        <p className="font-semibold text-fir-800">{statusDetail(status, timezone, locale, new Date(serverNow), t)}</p>
      </div>
      {status.nextTransitionAt && untilChange !== null && untilChange <= COUNTDOWN_WITHIN_MS ? (
        <p className="mt-3 flex items-baseline gap-2 text-fir-900" data-testid="live-countdown">
          {/* The countdown's spoken words say it already ("Ferme dans 9 minutes"). */}
          <span className="text-sm font-semibold" aria-hidden="true">
            {status.open ? t("live.closesIn") : t("live.opensIn")}
          </span>
          <Countdown target={status.nextTransitionAt} serverNow={serverNow} closing={status.open} quiet={closingSoon} />
        </p>
      ) : null}
      {/* Always in the page, so what appears in it is announced; it takes no room when empty. */}
      <div role="status" aria-live="polite" className="[&>*]:mt-3" data-testid="live-notices">
        {closingSoon ? (
          <p className="rounded-xl bg-gold-100 px-4 py-3 font-semibold text-bark ring-1 ring-gold-600/30">
            {minutesLeft <= 1 ? t("live.closingSoonOne") : t("live.closingSoon", { minutes: minutesLeft })}
          </p>
        ) : null}
        {closedByOrganisers ? (
          <p className="rounded-xl bg-wine-50 px-4 py-3 font-semibold text-wine-800 ring-1 ring-wine-700/20">
            {status.closure?.reason
              ? t("live.closedByOrganiser", { reason: status.closure.reason })
              : t("live.closedByOrganiserNoReason")}
          </p>
        ) : null}
        {offline ? (
          <p className="flex items-center gap-2 text-sm text-bark" data-testid="live-offline">
            <span className="size-2 shrink-0 rounded-full bg-bark/60" aria-hidden="true" />
            {t("live.connection.offline")}
          </p>
        ) : null}
      </div>
    </div>
  );
}
