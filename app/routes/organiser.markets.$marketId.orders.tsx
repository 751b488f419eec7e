// The organisers' "Commandes" tab: what each stall of the market sold (paid orders, items kept by
// buyers, money paid, refunded and kept), the market's totals, a bar per stall to compare them at
// a glance, and the download of every order line as CSV.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { DisputeBadge } from "~/components/dispute-badge";
import { UncollectedList } from "~/components/pickup-code/uncollected-list";
import { Card, linkClass } from "~/components/organiser/ui";
import type { MessageKey } from "~/i18n";
import { listMarketDisputes } from "~/models/dispute.server";
import { listUncollected } from "~/models/handover.server";
import { getMarketRevenue, type RevenueFigures } from "~/models/market-revenue.server";
import { getMarketForOrganiser } from "~/models/market.server";
import { requireMarketOrganiser } from "~/utils/auth.server";
import { formatDateTime, formatPrice } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Chalet" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireMarketOrganiser(request, params.marketId!);
  const market = await getMarketForOrganiser(params.marketId!);
  if (!market) throw new Response("Not found", { status: 404 });
  const [revenue, disputes, uncollected, { t }] = await Promise.all([
    getMarketRevenue(market.id),
    listMarketDisputes(market.id),
    listUncollected({ marketId: market.id }, context.now()),
    getTranslator(request),
  ]);
  return {
    title: `${t("orders.organiser.title")} · ${market.name} · Chalet`,
    marketId: market.id,
    timezone: market.timezone,
    disputes,
    uncollected,
    ...revenue,
  };
}

const cell = "px-3 py-2 text-right tabular-nums whitespace-nowrap";

/** The figures of a stall (or of the market), in the order the table and the phone cards show them. */
const COLUMNS = [
  ["orders.revenue.orders", (f) => String(f.orders)],
  ["orders.revenue.items", (f) => String(f.items)],
  ["orders.revenue.gross", (f, price) => price(f.grossCents)],
  ["orders.revenue.refunded", (f, price) => price(f.refundedCents)],
  ["orders.revenue.net", (f, price) => price(f.netCents)],
] as const satisfies readonly (readonly [
  MessageKey,
  (f: RevenueFigures, price: (cents: number) => string) => string,
])[];

export default function MarketOrders() {
  const loaded = useLoaderData<typeof loader>();
  const { marketId, totals } = loaded;
  const t = useT();
  const locale = useLocale();
  // By name as the reader's language sorts it ("Épicerie" among the E, not after the Z).
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, locale);
  const stalls = [...loaded.stalls].sort(byName);
  const price = (cents: number) => formatPrice(cents, locale);
  const widest = Math.max(1, ...stalls.map((s) => s.netCents));
  // The chart ranks; the table keeps the stalls by name, to be found.
  const ranked = [...stalls].sort((a, b) => b.netCents - a.netCents || byName(a, b));
  const figures = (f: RevenueFigures) =>
    COLUMNS.map(([label, value]) => (
      <td key={label} className={label === "orders.revenue.net" ? `${cell} font-semibold` : cell}>
        {value(f, price)}
      </td>
    ));
  return (
    <section aria-labelledby="orders-title">
      <h2 id="orders-title" className="font-display text-2xl text-fir-900">
        {t("orders.organiser.title")}
      </h2>
      <p className="mt-1 mb-4 text-fir-900">{t("orders.organiser.intro")}</p>
      <UncollectedList orders={loaded.uncollected} timezone={loaded.timezone} showStall />

      {loaded.disputes.length > 0 ? (
        <section aria-labelledby="disputes-title" className="mb-6">
          <h3 id="disputes-title" className="font-display text-xl text-wine-800">
            {t("disputes.organiser.title")}
          </h3>
          <p className="text-sm text-bark">{t("disputes.organiser.intro")}</p>
          <ul className="mt-3 space-y-2">
            {loaded.disputes.map((d) => (
              <li
                key={d.id}
                data-dispute-order={d.orderId}
                className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-2xl bg-white p-3 shadow-sm ring-1 ring-fir-100"
              >
                <span className="font-semibold text-fir-900">
                  {t("disputes.organiser.order", { number: d.reference, amount: price(d.amountCents) })}
                </span>
                <DisputeBadge state={d.state} />
                <span className="text-sm text-bark">
                  {d.stallNames.join(", ")} ·{" "}
                  {t("disputes.organiser.opened", { date: formatDateTime(d.openedAt, loaded.timezone, locale) })}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <Card className="mb-6">
        <p>
          {/* A file download, not a page: the browser fetches it itself. */}
          <a href={`/organiser/markets/${marketId}/orders.csv`} download className={linkClass}>
            {t("orders.revenue.csv")}
          </a>
        </p>
        <p className="mt-1 text-sm text-bark">{t("orders.revenue.csvHint")}</p>
      </Card>

      {totals.orders === 0 ? (
        <p className="mb-4 rounded-lg bg-fir-50 px-4 py-3 text-fir-900">{t("orders.revenue.none")}</p>
      ) : (
        // The same figures as the table below, drawn: the table is what screen readers get.
        <figure aria-hidden="true" className="mb-6">
          <figcaption className="mb-2 font-semibold text-fir-900">{t("orders.revenue.chart")}</figcaption>
          <ul className="space-y-2">
            {ranked.map((stall) => (
              <li
                key={stall.stallId}
                className="grid grid-cols-[minmax(0,9rem)_1fr] items-center gap-2 sm:grid-cols-[14rem_1fr]"
              >
                <span className="truncate text-sm text-fir-900">{stall.name}</span>
                <span className="flex items-center gap-2">
                  <span
                    className="inline-block h-4 rounded-r bg-fir-600"
                    style={{ width: `${Math.max(stall.netCents > 0 ? 2 : 0, (stall.netCents / widest) * 75)}%` }}
                  />
                  <span className="text-sm whitespace-nowrap text-bark tabular-nums">{price(stall.netCents)}</span>
                </span>
              </li>
            ))}
          </ul>
        </figure>
      )}

      <div className="sm:hidden">
        <h3 className="mb-2 font-semibold text-fir-900">{t("orders.revenue.caption")}</h3>
        <ul className="space-y-2">
          {[
            ...stalls.map((s) => ({ ...s, total: false })),
            { ...totals, stallId: "total", name: t("orders.revenue.total"), total: true },
          ].map((row) => (
            <li
              key={row.stallId}
              data-stall-id={row.total ? undefined : row.stallId}
              data-orders={row.orders}
              className={`rounded-xl border p-3 ${row.total ? "border-2 border-fir-700 bg-fir-50" : "border-fir-100 bg-white"}`}
            >
              <h4 className="font-semibold break-words text-fir-900">{row.name}</h4>
              <dl className="mt-1 grid grid-cols-2 gap-x-3 text-sm text-bark">
                {COLUMNS.map(([label, value]) => (
                  <div key={label} className="flex justify-between gap-2 py-0.5">
                    <dt>{t(label)}</dt>
                    <dd className={`tabular-nums ${label === "orders.revenue.net" ? "font-bold text-fir-900" : ""}`}>
                      {value(row, price)}
                    </dd>
                  </div>
                ))}
              </dl>
            </li>
          ))}
        </ul>
      </div>
      {/* Phones get one card per stall (below); from a tablet up, the table. It may still scroll
          sideways, and the keyboard can scroll it once focused. */}
      <div
        role="region"
        aria-labelledby="revenue-caption"
        tabIndex={0}
        className="hidden overflow-x-auto rounded-2xl border border-fir-100 bg-white shadow-sm sm:block"
      >
        <table className="min-w-full text-fir-900">
          <caption id="revenue-caption" className="px-3 pt-3 text-left font-semibold">
            {t("orders.revenue.caption")}
          </caption>
          <thead>
            <tr className="border-b border-fir-100 text-sm">
              <th scope="col" className="px-3 py-2 text-left">
                {t("orders.revenue.stall")}
              </th>
              {COLUMNS.map(([label]) => (
                <th key={label} scope="col" className="px-3 py-2 text-right">
                  {t(label)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {stalls.map((stall) => (
              <tr
                key={stall.stallId}
                className="border-b border-fir-100 last:border-0"
                data-stall-id={stall.stallId}
                data-orders={stall.orders}
              >
                <th scope="row" className="min-w-36 px-3 py-2 text-left font-normal">
                  {stall.name}
                </th>
                {figures(stall)}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="border-t-2 border-fir-700 bg-fir-50 font-semibold">
              <th scope="row" className="px-3 py-2 text-left">
                {t("orders.revenue.total")}
              </th>
              {figures(totals)}
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="mt-2 text-sm text-bark">{t("orders.revenue.totalOrdersHint")}</p>
    </section>
  );
}
