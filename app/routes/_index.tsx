import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { MarketCard, MarketSection } from "~/components/market-card";
import { MarketScene } from "~/components/market-scene";
import { previewRouteMeta } from "~/components/preview-meta";
import { useRevalidateAt } from "~/components/use-revalidate-at";
import { listPublicMarkets } from "~/models/market.server";
import { listTowns } from "~/models/town.server";
import { marketView, useMarketLive } from "~/realtime/use-market-live";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/i18n.server";
import { absoluteUrl } from "~/utils/url.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const now = context.now();
  const [{ t }, markets, allTowns] = await Promise.all([getTranslator(request), listPublicMarkets(now), listTowns()]);
  const featured = markets.open[0] ?? markets.upcoming[0] ?? null;
  const towns = new Set([...markets.open, ...markets.upcoming, ...markets.past].map((m) => m.townName));
  return {
    ...markets,
    serverNow: now.toISOString(),
    town: towns.size === 1 ? [...towns][0]! : null,
    towns: allTowns,
    featured: featured && { slug: featured.slug, name: featured.name },
    preview: {
      title: t("resident.meta.homeTitle"),
      description: t("resident.meta.homeDescription"),
      url: absoluteUrl(request, "/"),
      image: featured ? absoluteUrl(request, `/og/m/${featured.slug}.png`) : null,
      type: "website" as const,
    },
  };
}

// The header shows who is logged in and the chosen language: no shared cache may keep this page.
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-cache" });

export const meta: MetaFunction<typeof loader> = previewRouteMeta;

export default function Home() {
  const { open, upcoming, past, serverNow, town, towns, featured } = useLoaderData<typeof loader>();
  const t = useT();
  useRevalidateAt(
    [...open, ...upcoming].map((m) => m.status.nextTransitionAt),
    serverNow,
  );
  // The first 50 listed are kept live (the server allows 60 rooms); the rest change on time above.
  useMarketLive([...open, ...upcoming].map((m) => marketView(m.id, m.status)));
  const nothing = !open.length && !upcoming.length && !past.length;
  // One market to come and one past: side by side on wide screens rather than two lonely rows.
  const paired = upcoming.length === 1 && past.length === 1;
  const columns = paired ? "" : "sm:grid-cols-2 lg:grid-cols-3";

  return (
    <div className="-mx-4 -mt-6">
      <section
        aria-labelledby="hero-title"
        className="relative isolate overflow-hidden bg-fir-900 text-snow sm:mx-4 sm:mt-4 sm:rounded-3xl"
      >
        <MarketScene
          seed="chalet-hero"
          sky={0}
          align="xMaxYMax"
          className="absolute inset-x-0 bottom-0 -z-10 w-full sm:top-0 sm:h-full"
        />
        <div className="absolute inset-0 -z-10 bg-gradient-to-b from-fir-900/90 via-fir-900/60 to-fir-900/0 sm:bg-gradient-to-r sm:from-fir-900 sm:via-fir-900/80 sm:to-fir-900/0" />
        <div className="max-w-2xl px-5 pb-44 pt-10 sm:px-10 sm:pb-44 sm:pt-14">
          <p className="text-sm font-semibold uppercase tracking-[0.2em] text-gold-300">{t("resident.home.eyebrow")}</p>
          <h1 id="hero-title" className="mt-3 font-display text-3xl font-bold leading-tight sm:text-5xl">
            {town ? t("resident.home.heroTitleTown", { town }) : t("resident.home.heroTitle")}
          </h1>
          <p className="mt-4 max-w-xl text-base text-snow/90 sm:text-lg">{t("resident.home.heroText")}</p>
          {featured ? (
            <Link
              to={`/m/${featured.slug}`}
              className="mt-6 inline-flex min-h-12 items-center gap-2 rounded-full bg-gold-300 px-6 py-3 text-base font-bold text-bark shadow-lg hover:bg-gold-400"
            >
              {t("resident.home.heroCta")}
              <span aria-hidden="true">→</span>
            </Link>
          ) : null}
        </div>
      </section>

      <div className="space-y-12 px-4 pt-10">
        {nothing ? <p className="text-center text-lg">{t("resident.home.empty")}</p> : null}

        {!nothing ? (
          <section aria-labelledby="open-title">
            <h2 id="open-title" className="flex items-center gap-3 font-display text-2xl font-bold text-fir-900">
              <span className="relative flex size-3" aria-hidden="true">
                <span className="absolute inline-flex size-full animate-ping rounded-full bg-fir-600 opacity-60" />
                <span className="relative inline-flex size-3 rounded-full bg-fir-600" />
              </span>
              {t("resident.home.openNow")}
            </h2>
            {open.length ? (
              <ul
                className={`mt-4 grid gap-6 ${open.length > 1 ? "sm:grid-cols-2 lg:grid-cols-3" : ""}`}
                data-section="open"
              >
                {open.map((m) => (
                  <li key={m.id} className="flex">
                    <MarketCard market={m} serverNow={serverNow} wide={open.length === 1} />
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mt-3 text-bark/85">{t("resident.home.noneOpen")}</p>
            )}
          </section>
        ) : null}

        <div className={paired ? "grid gap-12 md:grid-cols-2 md:gap-6" : "space-y-12"}>
          <MarketSection
            name="upcoming"
            title={t("resident.home.upcoming")}
            markets={upcoming}
            columns={columns}
            serverNow={serverNow}
          />
          <MarketSection
            name="past"
            title={t("resident.home.past")}
            markets={past}
            columns={columns}
            serverNow={serverNow}
          />
        </div>

        {towns.length ? (
          <section aria-labelledby="towns-title">
            <h2 id="towns-title" className="font-display text-2xl font-bold text-fir-900">
              {t("town.home.towns")}
            </h2>
            <p className="mt-1 text-bark/85">{t("town.home.townsIntro")}</p>
            <ul className="mt-4 flex flex-wrap gap-3" data-section="towns">
              {towns.map((each) => (
                <li key={each.slug}>
                  <Link
                    to={`/t/${each.slug}`}
                    className="inline-flex min-h-11 items-center rounded-full bg-white px-4 py-2 font-semibold text-fir-800 shadow-sm ring-1 ring-bark/10 hover:bg-fir-50"
                  >
                    {each.name}
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </div>
  );
}
