import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Breadcrumb } from "~/components/breadcrumb";
import { ChatPanel } from "~/components/chat/chat-panel";
import { previewRouteMeta } from "~/components/preview-meta";
import { ProductCard } from "~/components/product-card";
import { LiveStatus } from "~/components/live-status";
import { describeStatus } from "~/components/resident-text";
import { SessionList } from "~/components/session-list";
import { StockAnnouncer } from "~/components/stock-announcer";
import { categoryEmoji, categoryLabel } from "~/components/stall-card";
import { useRevalidateAt } from "~/components/use-revalidate-at";
import { statusAt } from "~/models/market-status";
import { formatSiret } from "~/models/stall-legal";
import { getPublicStall } from "~/models/stall.server";
import { countVisit } from "~/models/visit.server";
import { useLiveStock } from "~/realtime/use-live-stock";
import { marketView, useMarketLive } from "~/realtime/use-market-live";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/i18n.server";
import { absoluteUrl } from "~/utils/url.server";

// The hottest page of a market: one model call for the stall (see getPublicStall), nothing else.
const SESSIONS_SHOWN = 7;

/** The first few sessions not yet over: the memoised objects themselves, no copy per request. */
function sessionsToCome<S>(market: { sessions: readonly S[]; sessionEnds: readonly number[] }, now: number): S[] {
  const shown: S[] = [];
  for (let i = 0; i < market.sessions.length && shown.length < SESSIONS_SHOWN; i++) {
    if (market.sessionEnds[i]! > now) shown.push(market.sessions[i]!);
  }
  return shown;
}
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const now = context.now();
  const [stall, { t, locale }] = await Promise.all([
    getPublicStall(params.marketSlug ?? "", params.stallSlug ?? ""),
    getTranslator(request),
  ]);
  if (!stall) throw new Response("Not found", { status: 404 });
  const { market, ...rest } = stall;
  const status = statusAt(market.schedule, now);
  const path = `/m/${market.slug}/${stall.slug}`;
  // From the memoised stall: no query, only a push into the views' buffer.
  countVisit(request, context, {
    marketId: market.id,
    stallId: stall.id,
    timezone: market.timezone,
    townWebsite: market.townWebsite,
  });
  return {
    stall: rest,
    path,
    market: {
      id: market.id,
      slug: market.slug,
      name: market.name,
      timezone: market.timezone,
      status,
      // The root footer links to this town's legal notice (see legalLinks in app/root.tsx).
      townSlug: market.townSlug,
      sessions: sessionsToCome(market, now.getTime()),
    },
    serverNow: now.toISOString(),
    preview: {
      title: `${stall.name} · ${market.name}`,
      description: [
        t("resident.og.stallDescription", {
          status: describeStatus(status, market.timezone, locale, now, t),
          category: categoryLabel(t, stall.category),
          market: market.name,
        }),
        stall.description,
      ]
        .filter(Boolean)
        .join(" "),
      url: absoluteUrl(request, path),
      image: absoluteUrl(request, `/og/m/${market.slug}/${stall.slug}.png`),
      type: "website" as const,
    },
  };
}

// Stock and prices must never come from a stale copy, and the header is personal.
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-cache" });

export const meta: MetaFunction<typeof loader> = previewRouteMeta;

export default function StallPage() {
  const { stall, market, serverNow, path } = useLoaderData<typeof loader>();
  const t = useT();
  useRevalidateAt([market.status.nextTransitionAt], serverNow);
  const { connected, offline } = useMarketLive([marketView(market.id, market.status)]);
  // Stock changes without a reload: each product at the newest of the page's data and the news.
  const liveStock = useLiveStock(
    market.id,
    stall.products.map((p) => ({ productId: p.id, stock: p.stock, stockVersion: p.stockVersion })),
  );
  const products = stall.products.map((p) => ({ ...p, ...liveStock(p.id) }));
  const [cover, ...otherPhotos] = stall.photos;

  return (
    <div className="space-y-8">
      <Breadcrumb
        links={[
          { to: "/", label: t("nav.home") },
          { to: `/m/${market.slug}`, label: market.name },
        ]}
        current={stall.name}
      />

      <header className="overflow-hidden rounded-3xl bg-white shadow-md ring-1 ring-bark/10 md:grid md:grid-cols-2">
        <div className="bg-gold-100">
          {cover ? (
            <img
              src={cover.src}
              alt={cover.alt || stall.name}
              width={cover.width}
              height={cover.height}
              className="aspect-[4/3] size-full object-cover"
            />
          ) : (
            <div className="flex aspect-[4/3] items-center justify-center text-8xl" aria-hidden="true">
              {categoryEmoji(stall.category)}
            </div>
          )}
        </div>
        <div className="flex flex-col gap-4 p-5 sm:p-8">
          <p className="text-sm font-semibold uppercase tracking-wider text-wine-700">
            <span aria-hidden="true">{categoryEmoji(stall.category)} </span>
            {categoryLabel(t, stall.category)}
          </p>
          <h1 className="font-display text-3xl font-bold leading-tight text-fir-900 sm:text-4xl">{stall.name}</h1>
          <LiveStatus
            status={market.status}
            timezone={market.timezone}
            serverNow={serverNow}
            connected={connected}
            offline={offline}
            labels={{
              open: t("resident.stall.openBadge"),
              closed: t("resident.stall.closedBadge"),
              ended: t("resident.stall.closedBadge"),
            }}
          />
          {stall.description ? <p className="whitespace-pre-line text-bark/90">{stall.description}</p> : null}
          {/* On a phone the chat comes after the products: one tap takes visitors there. */}
          <a
            href="#chat"
            className="inline-flex min-h-11 items-center gap-2 self-start rounded-full bg-white px-4 py-2 font-semibold text-fir-800 ring-1 ring-fir-600/30 hover:bg-fir-50"
          >
            <span aria-hidden="true">💬</span>
            {t("chat.jump")}
          </a>
          {otherPhotos.length ? (
            <ul aria-label={t("resident.stall.photos")} className="mt-auto flex gap-2 overflow-x-auto pb-1">
              {otherPhotos.map((photo) => (
                <li key={photo.id} className="shrink-0">
                  <img
                    src={photo.thumbSrc}
                    alt={photo.alt || stall.name}
                    width={120}
                    height={90}
                    loading="lazy"
                    className="h-20 w-28 rounded-lg object-cover ring-1 ring-bark/10"
                  />
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      </header>

      <div className="grid gap-8 lg:grid-cols-3">
        <section aria-labelledby="products-title" className="lg:col-span-2">
          <h2 id="products-title" className="font-display text-2xl font-bold text-fir-900">
            {t("resident.stall.products")}
          </h2>
          <StockAnnouncer products={products} />
          {stall.canTakeOrders ? null : (
            <p
              className="mt-4 rounded-xl border-2 border-wine-700/30 bg-wine-50 p-4 font-semibold text-wine-800"
              data-testid="cannot-take-orders"
            >
              {t("shop.stall.cannotTakeOrders")}
            </p>
          )}
          {products.length ? (
            <ul className="mt-4 grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
              {products.map((product) => (
                <li key={product.id}>
                  <ProductCard product={product} canTakeOrders={stall.canTakeOrders} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-4 rounded-xl bg-gold-100 p-4">{t("resident.stall.noProducts")}</p>
          )}
        </section>

        <aside className="space-y-6">
          {/* Keyed by the stall: another stall's page starts a new room, not a mix of both. */}
          <ChatPanel
            key={stall.id}
            stall={{ id: stall.id, name: stall.name }}
            path={path}
            status={market.status}
            timezone={market.timezone}
            serverNow={serverNow}
          />
          {stall.pickupDetails || stall.chaletNumber !== null ? (
            <section aria-labelledby="pickup-title" className="rounded-2xl bg-gold-100 p-5 ring-1 ring-gold-600/20">
              <h2 id="pickup-title" className="flex items-center gap-2 font-display text-xl font-bold text-fir-900">
                <span aria-hidden="true">📦</span>
                {t("resident.stall.pickup")}
              </h2>
              {stall.chaletNumber !== null ? (
                <p className="mt-2 font-semibold text-fir-900">
                  {t("plan.pickupChalet", { number: stall.chaletNumber })}
                </p>
              ) : null}
              {stall.pickupDetails ? <p className="mt-2 whitespace-pre-line text-bark">{stall.pickupDetails}</p> : null}
            </section>
          ) : null}
          <SellerIdentity legal={stall.legal} marketSlug={market.slug} />
          <section aria-labelledby="hours-title" className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-bark/10">
            <h2 id="hours-title" className="mb-3 font-display text-xl font-bold text-fir-900">
              {t("resident.stall.hours")}
            </h2>
            <SessionList
              sessions={market.sessions}
              timezone={market.timezone}
              serverNow={serverNow}
              marketOpen={market.status.open}
              visible={SESSIONS_SHOWN}
            />
            <Link
              to={`/m/${market.slug}`}
              className="mt-2 inline-block px-3 text-sm font-semibold text-fir-700 underline underline-offset-4"
            >
              {t("resident.stall.allDates")}
            </Link>
          </section>
          <Link
            to={`/m/${market.slug}`}
            className="inline-flex min-h-11 items-center gap-2 rounded-full bg-fir-700 px-5 py-2 font-semibold text-snow hover:bg-fir-800"
          >
            <span aria-hidden="true">←</span>
            {t("resident.stall.backToMarket")}
          </Link>
        </aside>
      </div>
    </div>
  );
}

/** Who sells: the contract of sale is with the merchant, named as the terms of sale name them. */
function SellerIdentity({
  legal,
  marketSlug,
}: {
  legal: { name: string; siret: string; address: string };
  marketSlug: string;
}) {
  const t = useT();
  const parts = [
    legal.name ? t("legal.stall.soldBy", { name: legal.name }) : "",
    legal.siret ? `SIRET ${formatSiret(legal.siret)}` : "",
    legal.address,
  ].filter(Boolean);
  return (
    <section aria-labelledby="seller-title" className="px-1 text-sm text-bark" data-testid="seller-identity">
      <h2 id="seller-title" className="font-semibold text-fir-900">
        {t("legal.stall.seller")}
      </h2>
      {parts.length ? <p className="whitespace-pre-line break-words">{parts.join(" · ")}</p> : null}
      <Link
        to={`/m/${marketSlug}/conditions-de-vente`}
        className="mt-1 inline-block font-semibold text-fir-700 underline underline-offset-4"
      >
        {t("legal.stall.terms")}
      </Link>
    </section>
  );
}
