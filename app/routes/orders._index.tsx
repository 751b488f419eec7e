import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { OrderStatusBadge } from "~/components/shop/order-status-badge";
import { listBuyerOrders } from "~/models/buyer-orders.server";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime, formatPrice } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Chalet" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [{ t }, orders] = await Promise.all([getTranslator(request), listBuyerOrders(user.id)]);
  return { title: `${t("shop.orders.title")} · Chalet`, orders };
}

export const headers = () => ({ "Cache-Control": "private, no-store" });

export default function MyOrdersPage() {
  const { orders } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1 className="font-display text-3xl font-bold text-fir-900 sm:text-4xl">{t("shop.orders.title")}</h1>
      {orders.length === 0 ? (
        <p className="rounded-2xl bg-white p-6 text-center shadow-sm ring-1 ring-bark/10">{t("shop.orders.empty")}</p>
      ) : (
        <ul className="space-y-3">
          {orders.map((order) => (
            <li key={order.id}>
              <Link
                to={`/orders/${order.id}`}
                className="block rounded-2xl bg-white p-4 shadow-sm ring-1 ring-bark/10 hover:ring-fir-600/40 focus-visible:ring-2"
              >
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span className="font-display text-lg font-bold text-fir-900">
                    {t("shop.orders.number", { number: order.reference })}
                  </span>
                  <OrderStatusBadge status={order.status} releaseReason={order.releaseReason} />
                </div>
                <p className="mt-1 text-sm text-bark/85">
                  {t("shop.orders.placed", { date: formatDateTime(order.createdAt, order.market.timezone, locale) })} ·{" "}
                  {order.market.name}
                </p>
                <p className="mt-1 text-sm text-bark/85">{order.stallNames.join(" · ")}</p>
                <p className="mt-2 flex items-baseline justify-between">
                  <span className="text-sm text-bark/80">
                    {order.units === 1 ? t("shop.basket.oneItem") : t("shop.basket.items", { count: order.units })}
                  </span>
                  <span className="font-bold text-wine-700">{formatPrice(order.totalCents, locale)}</span>
                </p>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
