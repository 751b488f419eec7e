import { Link } from "@remix-run/react";
import { Countdown } from "~/components/countdown";
import { MarketCover } from "~/components/market-scene";
import { describeStatus, describeWhen } from "~/components/resident-text";
import { StatusBadge } from "~/components/status-badge";
import { hasEnded } from "~/models/market-status";
import type { MarketCard as MarketCardData } from "~/models/market.server";
import { formatTime } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n";
import { plural } from "~/i18n";

export function MarketCard({
  market,
  serverNow,
  onOpened,
  headingLevel = 3,
  wide = false,
}: {
  market: MarketCardData;
  serverNow: string;
  onOpened?: () => void;
  headingLevel?: 2 | 3;
  /** A featured market: picture beside the text from tablet width up. */
  wide?: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const now = new Date(serverNow);
  const { status } = market;
  const ended = hasEnded(status);
  const tone = status.open ? "open" : ended ? "closed" : "soon";
  const badge = status.open
    ? t("status.open")
    : status.next
      ? t("resident.status.soon")
      : ended
        ? t("resident.status.past")
        : t("resident.status.datesToCome");
  const Heading = `h${headingLevel}` as const;
  const stalls =
    market.stallCount > 0
      ? plural(t, "resident.card.stalls", market.stallCount)
      : // An edition that is over will not get its chalets any more.
        t(ended ? "resident.card.noStallsPast" : "resident.card.noStalls");

  return (
    <article
      className={`group relative flex w-full flex-col overflow-hidden ${wide ? "md:flex-row" : ""} rounded-2xl bg-white shadow-md ring-1 ring-bark/10 transition hover:-translate-y-0.5 hover:shadow-xl focus-within:ring-2 focus-within:ring-gold-400 ${tone === "closed" ? "opacity-90" : ""}`}
      data-market={market.slug}
    >
      <div className={`relative aspect-[16/9] overflow-hidden ${wide ? "md:aspect-auto md:w-1/2" : ""}`}>
        <MarketCover coverUrl={market.coverUrl} seed={market.slug} className="size-full" />
        <div className="absolute left-3 top-3">
          <StatusBadge tone={tone} label={badge} />
        </div>
      </div>
      <div className={`flex flex-1 flex-col gap-2 p-4 ${wide ? "md:p-8" : ""}`}>
        <p className="text-sm font-semibold uppercase tracking-wider text-wine-700">{market.townName}</p>
        <Heading
          className={`font-display font-bold leading-snug text-fir-900 ${wide ? "text-2xl md:text-3xl" : "text-xl"}`}
        >
          <Link
            to={`/m/${market.slug}`}
            className="after:absolute after:inset-0 after:content-[''] focus:outline-none"
            prefetch="intent"
          >
            {market.name}
          </Link>
        </Heading>
        {market.description ? (
          <p
            className={`text-sm text-bark/85 ${wide ? "line-clamp-2 md:line-clamp-none md:text-base" : "line-clamp-2"}`}
          >
            {market.description}
          </p>
        ) : null}
        <div className="mt-auto flex flex-wrap items-end justify-between gap-3 pt-2">
          <div className="text-sm">
            {status.open ? (
              <p className="font-semibold text-fir-700">{describeStatus(status, market.timezone, locale, now, t)}</p>
            ) : status.next ? (
              <>
                <p className="text-xs font-semibold uppercase tracking-wide text-bark/75">
                  {t("resident.home.countdownLabel")}
                </p>
                <p className="text-wine-700">
                  <Countdown target={status.next.startsAt} serverNow={serverNow} onReached={onOpened} />
                </p>
                <p className="text-bark/85">
                  {t("status.opensAt", { when: describeWhen(status.next.startsAt, market.timezone, locale, now, t) })}
                  {" – "}
                  {formatTime(status.next.endsAt, market.timezone, locale)}
                </p>
              </>
            ) : (
              <p className="text-bark/80">{t(ended ? "resident.status.ended" : "resident.status.datesToComeLong")}</p>
            )}
          </div>
          <p className="flex items-center gap-1 rounded-full bg-gold-100 px-3 py-1 text-sm font-semibold text-bark">
            <span aria-hidden="true">🏠</span>
            {stalls}
          </p>
        </div>
      </div>
    </article>
  );
}

/** A titled grid of market cards (to come, past…); nothing when there are none. */
export function MarketSection(props: {
  name: "open" | "upcoming" | "past";
  title: string;
  markets: MarketCardData[];
  columns: string;
  serverNow: string;
}) {
  if (!props.markets.length) return null;
  return (
    <section aria-labelledby={`${props.name}-title`}>
      <h2 id={`${props.name}-title`} className="font-display text-2xl font-bold text-fir-900">
        {props.title}
      </h2>
      <ul className={`mt-4 grid gap-6 ${props.columns}`} data-section={props.name}>
        {props.markets.map((m) => (
          <li key={m.id} className="flex">
            <MarketCard market={m} serverNow={props.serverNow} />
          </li>
        ))}
      </ul>
    </section>
  );
}
