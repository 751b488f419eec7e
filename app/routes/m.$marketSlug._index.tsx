import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams, type ShouldRevalidateFunction } from "@remix-run/react";
import { useMemo, useState } from "react";
import { Breadcrumb } from "~/components/breadcrumb";
import { MarketCover } from "~/components/market-scene";
import { CalendarLink, NextOpening } from "~/components/next-opening";
import { previewRouteMeta } from "~/components/preview-meta";
import { LiveStatus } from "~/components/live-status";
import { describeStatus } from "~/components/resident-text";
import { SessionList } from "~/components/session-list";
import { categoryLabel, StallCard } from "~/components/stall-card";
import { StallPlan } from "~/components/stall-plan";
import { useRevalidateAt } from "~/components/use-revalidate-at";
import { plural } from "~/i18n";
import { getPublicMarket } from "~/models/market.server";
import { countVisit } from "~/models/visit.server";
import { listSearchableStalls } from "~/models/market-search.server";
import { filterStalls, type SearchableProduct } from "~/models/search";
import { marketView, useMarketLive } from "~/realtime/use-market-live";
import { formatDay, formatPrice } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/i18n.server";
import { absoluteUrl } from "~/utils/url.server";
import { hasEnded } from "~/models/market-status";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const now = context.now();
  const market = await getPublicMarket(params.marketSlug ?? "", now);
  if (!market) throw new Response("Not found", { status: 404 });
  const [stalls, { t, locale }] = await Promise.all([listSearchableStalls(market.id), getTranslator(request)]);
  const status = describeStatus(market.status, market.timezone, locale, now, t);
  const { townWebsite, ...shown } = market;
  countVisit(request, context, { marketId: market.id, stallId: null, timezone: market.timezone, townWebsite });
  return {
    market: shown,
    stalls,
    serverNow: now.toISOString(),
    preview: {
      title: `${market.name} · Chalet`,
      description: t("resident.og.marketDescription", {
        status,
        town: market.townName,
        description: market.description,
      }).trim(),
      url: absoluteUrl(request, `/m/${market.slug}`),
      image: absoluteUrl(request, `/og/m/${market.slug}.png`),
      type: "website" as const,
    },
  };
}

// The header shows who is logged in and the status moves with the clock: never a shared cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-cache" });

export const meta: MetaFunction<typeof loader> = previewRouteMeta;

// The loader does not read the query string: search and category filter the loaded list in the
// browser, so typing does not refetch. Anything else (a revalidation, another market) reloads.
export const shouldRevalidate: ShouldRevalidateFunction = ({
  currentUrl,
  nextUrl,
  formMethod,
  defaultShouldRevalidate,
}) => {
  const onlyQueryChanged = currentUrl.pathname === nextUrl.pathname && currentUrl.search !== nextUrl.search;
  if (onlyQueryChanged && (!formMethod || formMethod.toUpperCase() === "GET")) return false;
  return defaultShouldRevalidate;
};

export default function MarketPage() {
  const { market, stalls, serverNow } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const [searchParams, setSearchParams] = useSearchParams();
  // Both filters live in state and the address only mirrors them: computing the next address
  // from useSearchParams would read a stale value when a change lands before the previous
  // navigation has committed (pick a category, type at once), and drop the first change.
  const [q, setQ] = useState(() => searchParams.get("q") ?? "");
  const [category, setCategory] = useState(() => searchParams.get("category") ?? "");
  useRevalidateAt([market.status.nextTransitionAt], serverNow);
  const { connected, offline } = useMarketLive([marketView(market.id, market.status)]);

  const categories = useMemo(
    () =>
      [...new Set(stalls.map((s) => s.category))]
        .map((key) => ({ key, label: categoryLabel(t, key) }))
        .sort((a, b) => a.label.localeCompare(b.label, locale)),
    [stalls, t, locale],
  );
  const shown = useMemo(
    () => filterStalls(stalls, { q, category }, (c) => categoryLabel(t, c)),
    [stalls, q, category, t],
  );
  const filtered = Boolean(q.trim() || category);
  const highlighted = useMemo(() => (filtered ? new Set(shown.map((m) => m.stall.slug)) : null), [filtered, shown]);

  // The view is read from the address alone, so back and forward switch it.
  const view: View = searchParams.get(VIEW_PARAM) === "plan" ? "plan" : "list";

  function query(nextView: View, filters: { q: string; category: string }) {
    const params = new URLSearchParams();
    if (filters.q) params.set("q", filters.q);
    if (filters.category) params.set("category", filters.category);
    if (nextView === "plan") params.set(VIEW_PARAM, "plan");
    return params;
  }
  const viewAddress = (nextView: View, filters = { q, category }) => {
    const search = query(nextView, filters).toString();
    // The page's own path: "." from an index route would add "?index".
    return `/m/${market.slug}${search ? `?${search}` : ""}`;
  };

  function update(next: { q: string; category: string }) {
    setQ(next.q);
    setCategory(next.category);
    setSearchParams(query(view, next), { replace: true, preventScrollReset: true });
  }

  return (
    <div className="space-y-6 sm:space-y-10">
      <Breadcrumb links={[{ to: "/", label: t("nav.home") }]} current={market.name} />

      <header className="overflow-hidden rounded-3xl bg-white shadow-md ring-1 ring-bark/10 lg:grid lg:grid-cols-5">
        <div className="relative aspect-[5/2] sm:aspect-[16/8] lg:col-span-2 lg:aspect-auto">
          <MarketCover coverUrl={market.coverUrl} seed={market.slug} className="absolute inset-0 size-full" />
        </div>
        <div className="space-y-4 p-5 sm:p-8 lg:col-span-3">
          <p className="text-sm font-semibold uppercase tracking-wider text-wine-700">{market.townName}</p>
          <h1 className="font-display text-3xl font-bold leading-tight text-fir-900 sm:text-4xl">{market.name}</h1>
          <LiveStatus
            status={market.status}
            timezone={market.timezone}
            serverNow={serverNow}
            connected={connected}
            offline={offline}
            labels={{ open: t("status.openNow"), closed: t("status.closed"), ended: t("resident.status.past") }}
          />
          {market.description ? (
            <p className="max-w-prose whitespace-pre-line text-bark/90">{market.description}</p>
          ) : null}
        </div>
      </header>

      {/* On a phone the list and the plan are two views of the same chalets, chosen at the top and
          kept in the address (?vue=plan), so back and forward move between them; the timetable
          comes after. From lg up there is room for both: the list beside the timetable, the plan
          under them, and no switch. */}
      <div className="flex flex-col gap-8 lg:grid lg:grid-cols-3 lg:gap-10">
        <section aria-labelledby="stalls-title" className="lg:col-span-2">
          <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
            <h2 id="stalls-title" className="font-display text-2xl font-bold text-fir-900">
              {t("resident.market.stalls")}
            </h2>
            {stalls.length ? <ViewSwitch view={view} to={viewAddress} /> : null}
          </div>
          {stalls.length ? (
            <>
              <Form
                method="get"
                role="search"
                preventScrollReset
                replace
                className="mt-4 grid gap-3 rounded-2xl bg-fir-50 p-4 sm:grid-cols-[1fr_auto_auto] sm:items-end"
              >
                {view === "plan" ? <input type="hidden" name={VIEW_PARAM} value="plan" /> : null}
                <div>
                  <label htmlFor="stall-search" className="block text-sm font-semibold text-fir-900">
                    {t("resident.market.search")}
                  </label>
                  <input
                    id="stall-search"
                    type="search"
                    name="q"
                    value={q}
                    maxLength={100}
                    placeholder={t("resident.market.searchPlaceholder")}
                    onChange={(event) => update({ q: event.target.value, category })}
                    className="mt-1 block min-h-11 w-full rounded-lg border border-fir-600/40 bg-white px-3 py-2 text-base shadow-sm"
                  />
                </div>
                <div>
                  <label htmlFor="stall-category" className="block text-sm font-semibold text-fir-900">
                    {t("resident.market.category")}
                  </label>
                  <select
                    id="stall-category"
                    name="category"
                    value={category}
                    onChange={(event) => update({ q, category: event.target.value })}
                    className="mt-1 block min-h-11 w-full rounded-lg border border-fir-600/40 bg-white px-3 py-2 text-base shadow-sm"
                  >
                    <option value="">{t("resident.market.allCategories")}</option>
                    {categories.map((c) => (
                      <option key={c.key} value={c.key}>
                        {c.label}
                      </option>
                    ))}
                  </select>
                </div>
                <button
                  type="submit"
                  className="min-h-11 rounded-full bg-fir-700 px-5 py-2 font-semibold text-snow hover:bg-fir-800"
                >
                  {t("resident.market.filter")}
                </button>
              </Form>
              <div className="mt-4 flex flex-wrap items-center justify-between gap-2">
                <p aria-live="polite" className="text-sm text-bark/85" data-testid="stall-count">
                  {plural(t, "resident.market.results", shown.length)}
                </p>
                {filtered ? (
                  <Link
                    to={viewAddress(view, { q: "", category: "" })}
                    replace
                    preventScrollReset
                    onClick={() => {
                      setQ("");
                      setCategory("");
                    }}
                    className="text-sm font-semibold text-fir-700 underline underline-offset-4"
                  >
                    {t("resident.market.reset")}
                  </Link>
                ) : null}
              </div>
              <div className={view === "plan" ? "max-lg:hidden" : undefined}>
                {shown.length ? (
                  <ul
                    className="mt-4 grid grid-cols-1 gap-4 min-[480px]:grid-cols-2 xl:grid-cols-3"
                    data-testid="stall-grid"
                  >
                    {shown.map(({ stall, products }) => (
                      <li key={stall.id}>
                        <StallCard stall={stall} marketSlug={market.slug} open={market.status.open}>
                          {products.length ? <FoundProducts products={products} /> : null}
                        </StallCard>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="mt-6 rounded-xl bg-gold-100 p-4 text-center">{t("resident.market.noResults")}</p>
                )}
              </div>
            </>
          ) : (
            <p className="mt-4 rounded-xl bg-gold-100 p-4">
              {t(hasEnded(market.status) ? "resident.market.noStallsPast" : "resident.market.noStalls")}
            </p>
          )}
        </section>

        {stalls.length ? (
          <section
            aria-labelledby="plan-title"
            className={`lg:col-span-3 ${view === "plan" ? "" : "max-lg:hidden"}`}
            data-testid="market-plan"
          >
            <h2 id="plan-title" className="mb-4 font-display text-2xl font-bold text-fir-900">
              {t("resident.market.plan")}
            </h2>
            <StallPlan stalls={stalls} marketSlug={market.slug} highlighted={highlighted} />
          </section>
        ) : null}

        <section aria-labelledby="sessions-title" className="lg:col-start-3 lg:row-start-1">
          <div className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-bark/10">
            <h2 id="sessions-title" className="mb-3 font-display text-xl font-bold text-fir-900">
              {t("resident.market.sessions")}
            </h2>
            <NextOpening status={market.status} timezone={market.timezone} />
            {market.upcomingSessions.length || !market.lastSession ? (
              <SessionList
                sessions={market.upcomingSessions}
                timezone={market.timezone}
                serverNow={serverNow}
                marketOpen={market.status.open}
              />
            ) : (
              <p className="text-bark/85">
                {t("resident.card.lastDay", { day: formatDay(market.lastSession.startsAt, market.timezone, locale) })}
              </p>
            )}
            {market.upcomingSessions.length ? <CalendarLink marketSlug={market.slug} marketName={market.name} /> : null}
          </div>
        </section>
      </div>
    </div>
  );
}

type View = "list" | "plan";
const VIEW_PARAM = "vue";

/**
 * The phone's choice between the list and the plan: two links (they work before hydration and
 * without JavaScript), the current one marked for screen readers; each keeps the search.
 */
function ViewSwitch({ view, to }: { view: View; to: (view: View) => string }) {
  const t = useT();
  const item = (v: View, label: string) => (
    <li>
      <Link
        to={to(v)}
        preventScrollReset
        aria-current={view === v ? "page" : undefined}
        className={`inline-flex min-h-11 items-center rounded-full px-4 text-sm font-semibold ${view === v ? "bg-fir-700 text-snow" : "text-fir-900 hover:bg-white"}`}
      >
        {label}
      </Link>
    </li>
  );
  return (
    <nav aria-label={t("resident.market.view")} className="lg:hidden">
      <ul className="flex rounded-full bg-fir-50 p-1 ring-1 ring-fir-600/20">
        {item("list", t("resident.market.viewList"))}
        {item("plan", t("resident.market.viewPlan"))}
      </ul>
    </nav>
  );
}

const PRODUCTS_NAMED = 3;

/** Under a stall's card, the products the search found there: "Pain d’épices au miel — 10,50 €". */
function FoundProducts({ products }: { products: readonly SearchableProduct[] }) {
  const t = useT();
  const locale = useLocale();
  const more = products.length - PRODUCTS_NAMED;
  return (
    <div className="mt-1 rounded-lg bg-gold-100 px-2 py-1 text-sm text-bark" data-testid="found-products">
      <p className="sr-only">{t("search.matches")}</p>
      <ul>
        {products.slice(0, PRODUCTS_NAMED).map((product, index) => (
          <li key={index}>
            <span aria-hidden="true">🔎 </span>
            {t("search.match", { name: product.name, price: formatPrice(product.priceCents, locale) })}
          </li>
        ))}
      </ul>
      {more > 0 ? (
        <p className="text-bark/80">
          {more === 1 ? t("search.moreMatchesOne") : t("search.moreMatches", { count: more })}
        </p>
      ) : null}
    </div>
  );
}
