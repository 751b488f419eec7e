import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { buttonSecondary, Card, MarketStatusBadge, Notice, Pill, linkClass } from "~/components/organiser/ui";
import { TEAM_ROLES } from "~/models/authorization.server";
import { listOrganisedTowns, splitByTime } from "~/models/market.server";
import { marketView, useMarketLive } from "~/realtime/use-market-live";
import { forbidden, requireUser } from "~/utils/auth.server";
import { formatDateTime, formatTime } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Chalet" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // Moderators see their towns' markets too, with the reports link only.
  const towns = await listOrganisedTowns(user.id, context.now(), TEAM_ROLES);
  if (towns.length === 0) throw forbidden();
  const { t } = await getTranslator(request);
  return {
    title: `${t("organiser.title")} · Chalet`,
    // The market open now first, then those to come, then the past ones (splitByTime).
    towns: towns.map((town) => ({
      ...town,
      groups: splitByTime(
        town.markets,
        (m) => m.state,
        (m) => m.status === "ARCHIVED",
      ),
    })),
    deleted: new URL(request.url).searchParams.has("deleted"),
  };
}

export default function OrganiserHome() {
  const { towns, deleted } = useLoaderData<typeof loader>();
  const published = towns.flatMap((town) => town.markets.filter((m) => m.status === "PUBLISHED"));
  useMarketLive(published.map((m) => marketView(m.id, m.state)));
  const t = useT();
  return (
    <div>
      <h1 className="font-display text-3xl text-fir-800 sm:text-4xl">{t("organiser.heading")}</h1>
      <p className="mt-2 text-fir-900">{t("organiser.intro")}</p>
      <div aria-live="polite" className="mt-4">
        {deleted ? <Notice>{t("console.delete.done")}</Notice> : null}
      </div>
      {towns.map((town) => (
        <section key={town.id} aria-labelledby={`town-${town.id}`} className="mt-8">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <h2 id={`town-${town.id}`} className="font-display text-2xl text-fir-900">
              {town.name}
            </h2>
            {town.role === "ORGANISER" ? (
              <div className="flex flex-wrap gap-2">
                <Link to={`/organiser/town?townId=${town.id}`} className={buttonSecondary}>
                  {t("town.settings.link")}
                  {towns.length > 1 ? <span className="sr-only"> ({town.name})</span> : null}
                </Link>
                <Link
                  to={`/organiser/towns/${town.id}/team`}
                  className="inline-flex min-h-11 items-center rounded-full border-2 border-fir-700 px-4 py-2 font-semibold text-fir-800 hover:bg-fir-50"
                >
                  {t("team.title")}
                  {towns.length > 1 ? <span className="sr-only"> ({town.name})</span> : null}
                </Link>
                <Link
                  to={`/organiser/markets/new?townId=${town.id}`}
                  className="inline-flex min-h-11 items-center rounded-full bg-fir-700 px-4 py-2 font-semibold text-snow hover:bg-fir-800"
                >
                  <span aria-hidden="true" className="mr-1">
                    +
                  </span>
                  {t("organiser.newMarket")}
                  {towns.length > 1 ? <span className="sr-only"> ({town.name})</span> : null}
                </Link>
              </div>
            ) : (
              <p className="text-sm text-fir-900">{t("team.moderatorNote")}</p>
            )}
          </div>
          {town.markets.length === 0 ? (
            <p className="mt-4 text-fir-900">{t("organiser.noMarkets")}</p>
          ) : (
            GROUPS.map((group) =>
              town.groups[group].length === 0 ? null : (
                <section key={group} aria-labelledby={`town-${town.id}-${group}`} className="mt-5">
                  <h3 id={`town-${town.id}-${group}`} className="text-lg font-semibold text-fir-900">
                    {t(`console.home.${group}`)}
                  </h3>
                  <ul className="mt-3 grid gap-4 md:grid-cols-2">
                    {town.groups[group].map((market) => (
                      <li key={market.id}>
                        <MarketCard market={market} organiser={town.role === "ORGANISER"} past={group === "past"} />
                      </li>
                    ))}
                  </ul>
                </section>
              ),
            )
          )}
        </section>
      ))}
    </div>
  );
}

const GROUPS = ["open", "upcoming", "past"] as const;

type HomeMarket = Awaited<ReturnType<typeof loader>>["towns"][number]["markets"][number];

/**
 * One market: its name, status and next session, then the console's tabs needed first
 * ("Maintenant", "Commandes", "Signalements"; moderators have only the last), then the others. A
 * past market has nothing happening "now": its report ("Bilan") comes first instead.
 */
function MarketCard({ market, organiser, past }: { market: HomeMarket; organiser: boolean; past: boolean }) {
  const t = useT();
  const locale = useLocale();
  const base = `/organiser/markets/${market.id}`;
  const direct = "inline-flex min-h-11 items-center justify-center rounded-full px-3 py-2 text-sm font-semibold";
  return (
    <Card>
      <h4 className="text-lg font-semibold text-fir-900">
        <Link to={organiser ? `${base}/sessions` : `${base}/reports`} className="hover:underline">
          {market.name}
        </Link>
      </h4>
      <p className="mt-2 flex flex-wrap items-center gap-2 text-sm">
        <MarketStatusBadge status={market.status} />
        {market.state.open && market.state.nextTransitionAt ? (
          <Pill tone="fir">
            {t("organiser.openNow", { time: formatTime(market.state.nextTransitionAt, market.timezone, locale) })}
          </Pill>
        ) : null}
        {market.pendingStalls > 0 ? (
          <Pill tone="gold">{t("console.home.pending", { count: market.pendingStalls })}</Pill>
        ) : null}
      </p>
      <p className="mt-2 text-sm text-fir-900">
        {market.state.next
          ? t("organiser.nextSession", { when: formatDateTime(market.state.next.startsAt, market.timezone, locale) })
          : t("organiser.noNextSession")}
      </p>
      <nav aria-label={market.name} className="mt-3">
        <ul className="grid grid-cols-3 gap-2">
          {organiser ? (
            <>
              <li>
                <Link
                  to={past ? `${base}/bilan` : `${base}/live`}
                  className={`${direct} w-full bg-fir-700 text-snow hover:bg-fir-800`}
                >
                  {past ? t("bilan.tab") : t("organiser.tab.live")}
                </Link>
              </li>
              <li>
                <Link
                  to={`${base}/orders`}
                  className={`${direct} w-full border-2 border-fir-700 text-fir-800 hover:bg-fir-50`}
                >
                  {t("orders.organiser.tab")}
                </Link>
              </li>
            </>
          ) : null}
          <li>
            <Link
              to={`${base}/reports`}
              className={`${direct} w-full border-2 border-fir-700 text-fir-800 hover:bg-fir-50`}
            >
              {t("organiser.tab.reports")}
            </Link>
          </li>
        </ul>
        {organiser ? (
          <p className="mt-3 flex flex-wrap gap-x-4 gap-y-2 text-sm">
            <Link className={linkClass} to={base}>
              {t("organiser.tab.settings")}
            </Link>
            <Link className={linkClass} to={`${base}/sessions`}>
              {t("organiser.tab.sessions")}
            </Link>
            <Link className={linkClass} to={`${base}/stalls`}>
              {t("organiser.tab.stalls")}
            </Link>
            <Link className={linkClass} to={`${base}/invitations`}>
              {t("organiser.tab.invitations")}
            </Link>
          </p>
        ) : null}
      </nav>
    </Card>
  );
}
