// A countdown that is right on the first paint and then ticks. The server's value renders first
// (same text on server and browser, so no hydration mismatch); after hydration an interval moves
// it every second, using the server's clock shifted by the local one so a wrong phone clock
// does not matter. Screen readers get their own, coarse text: a polite live region whose words
// change only every few hours/minutes, never every second, and say which way it counts ("Ouvre
// dans 2 heures", "Ferme dans 9 minutes"): callers hide their own visible label from screen
// readers so it is not read twice. A caller that announces the same time in its own words
// (LiveStatus's closing-soon notice) makes it `quiet`: one voice at a time.
import { useEffect, useRef } from "react";
import { coarseCountdown } from "~/components/resident-text";
import type { MessageKey } from "~/i18n";
import { useServerClock } from "~/components/use-server-clock";
import { formatCountdown } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n";

// coarseCountdown speaks of an opening; the same steps towards a closing.
const CLOSING_WORDS: Partial<Record<MessageKey, MessageKey>> = {
  "resident.countdown.now": "live.closing.now",
  "resident.countdown.days": "live.closing.days",
  "resident.countdown.hours": "live.closing.hours",
  "resident.countdown.minutes": "live.closing.minutes",
  "resident.countdown.underMinute": "live.closing.underMinute",
};

export function Countdown({
  target,
  serverNow,
  onReached,
  closing = false,
  quiet = false,
}: {
  target: string;
  serverNow: string;
  onReached?: () => void;
  /** Counts down to a closing rather than an opening. */
  closing?: boolean;
  /**
   * Someone else announces this time: the coarse text stays readable but is not a live region.
   * Two sibling spans rather than toggling aria-live, which screen readers honour unevenly; the
   * live one stays in the page, empty, so that it speaks again as soon as it is filled.
   */
  quiet?: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const targetMs = new Date(target).getTime();
  const now = useServerClock(serverNow);
  const reached = useRef(false);
  const onReachedRef = useRef(onReached);
  onReachedRef.current = onReached;

  const remaining = targetMs - now;
  useEffect(() => {
    if (remaining <= 0 && !reached.current) {
      reached.current = true;
      onReachedRef.current?.();
    }
  }, [remaining]);

  const coarse = coarseCountdown(remaining);
  const words = (key: MessageKey) => (closing ? (CLOSING_WORDS[key] ?? key) : key);
  const spoken = t(words(coarse.key), coarse.vars);
  return (
    <span className="inline-flex flex-col">
      <time
        dateTime={target}
        aria-hidden="true"
        className="font-sans text-2xl font-bold tabular-nums tracking-tight"
        data-testid="countdown"
      >
        {remaining > 0 ? formatCountdown(remaining, locale) : t(words("resident.countdown.now"))}
      </time>
      {quiet ? <span className="sr-only">{spoken}</span> : null}
      <span className="sr-only" aria-live="polite" aria-atomic="true" data-testid="countdown-announcer">
        {quiet ? null : spoken}
      </span>
    </span>
  );
}
