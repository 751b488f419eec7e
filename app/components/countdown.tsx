// A countdown that is right on the first paint and then ticks. The server's value renders first
// (same text on server and browser, so no hydration mismatch); after hydration an interval moves
// it every second, using the server's clock shifted by the local one so a wrong phone clock
// does not matter. Screen readers get their own, coarse text: a polite live region whose words
// change only every few hours/minutes, never every second.
import { useEffect, useRef } from "react";
import { coarseCountdown } from "~/components/resident-text";
import { useServerClock } from "~/components/use-server-clock";
import { formatCountdown } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n";

export function Countdown({
  target,
  serverNow,
  onReached,
}: {
  target: string;
  serverNow: string;
  onReached?: () => void;
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
  return (
    <span className="inline-flex flex-col">
      <time
        dateTime={target}
        aria-hidden="true"
        className="font-sans text-2xl font-bold tabular-nums tracking-tight"
        data-testid="countdown"
      >
        {remaining > 0 ? formatCountdown(remaining, locale) : t("resident.countdown.now")}
      </time>
      <span className="sr-only" aria-live="polite" aria-atomic="true">
        {t(coarse.key, coarse.vars)}
      </span>
    </span>
  );
}
