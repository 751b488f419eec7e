import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { FakePaymentNote } from "~/components/fake-payments";
import { DisputeBadge } from "~/components/dispute-badge";
import { BuyerOrderThread } from "~/components/order-thread/route-threads";
import { listBuyerThreads } from "~/models/order-messages.server";
import { OrderStatusBadge } from "~/components/shop/order-status-badge";
import { lineStatusKey } from "~/components/shop/shop-text";
import type { MessageKey } from "~/i18n";
import { PickupCodeCard } from "~/components/pickup-code/pickup-code-card";
import { getBuyerOrder } from "~/models/buyer-orders.server";
import { getOrderPickup } from "~/models/pickup.server";
import { OrderPickup } from "~/components/pickup/order-pickup";
import { resumeCheckoutUrl } from "~/models/checkout.server";
import { getBuyerPickupCode } from "~/models/pickup-code.server";
import { RELEASE_REASONS, type ReleaseReason } from "~/models/order-status";
import { vapidPublicKey } from "~/models/push.server";
import { PushButton } from "~/components/push-button";
import { withSocket } from "~/realtime/socket.client";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime, formatPrice, formatTime } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Chalet" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const order = await getBuyerOrder(user.id, params.orderId ?? "");
  // Someone else's order, or none: the same answer, so ids cannot be probed.
  if (!order) throw new Response("Not found", { status: 404 });
  const { t } = await getTranslator(request);
  const paidParam = new URL(request.url).searchParams.get("paid") === "1";
  const { checkoutSessionId, ...rest } = order;
  return {
    title: `${t("shop.order.title", { number: order.reference })} · Chalet`,
    order: rest,
    orderThreads: await listBuyerThreads(user.id, order.id),
    // Back from Stripe's success page: the webhook may not have landed yet.
    confirming: paidParam && order.status === "RESERVED",
    resumeUrl: order.status === "RESERVED" && !paidParam ? await resumeCheckoutUrl(checkoutSessionId) : null,
    pickup: await getOrderPickup(order.id),
    // Paid orders only, and only for their buyer: the code is what proves the order at the stall.
    pickupCode: order.status === "PAID" ? await getBuyerPickupCode(user.id, order.id, t) : null,
    // A paid order: the buyer may be told on their phone when it is ready (order-alerts.server.ts).
    pushKey: order.status === "PAID" ? await vapidPublicKey() : null,
  };
}

export const headers = () => ({ "Cache-Control": "private, no-store" });

/** Reloads the order when the server says it changed, and after every (re)connection. */
function useLiveOrder(orderId: string) {
  const revalidator = useRevalidator();
  useEffect(() => {
    return withSocket((socket) => {
      const onUpdated = (event: { orderId: string }) => {
        if (event.orderId === orderId) revalidator.revalidate();
      };
      // The webhook may have landed between this page's load and the socket joining user:<id>.
      const onConnect = () => revalidator.revalidate();
      socket.on("order:updated", onUpdated);
      socket.on("connect", onConnect);
      return () => {
        socket.off("order:updated", onUpdated);
        socket.off("connect", onConnect);
      };
    });
    // revalidator changes identity on each render; the listeners only need the latest call.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [orderId]);
}

export default function OrderPage() {
  const { order, confirming, resumeUrl, pickup, pickupCode, pushKey } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const tz = order.market.timezone;
  useLiveOrder(order.id);

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <Link to="/orders" className="text-sm font-semibold text-fir-700 underline underline-offset-4">
        <span aria-hidden="true">← </span>
        {t("shop.order.backToOrders")}
      </Link>
      <header className="space-y-2">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="font-display text-3xl font-bold text-fir-900 sm:text-4xl">
            {t("shop.order.title", { number: order.reference })}
          </h1>
          {confirming ? null : <OrderStatusBadge status={order.status} releaseReason={order.releaseReason} />}
          <DisputeBadge state={order.dispute} />
        </div>
        {order.dispute === "open" ? <p className="text-bark/85">{t("disputes.badge.buyerHint")}</p> : null}
        <p className="text-bark/85">
          {t("shop.order.placedAt", { date: formatDateTime(order.createdAt, tz, locale), market: order.market.name })}
        </p>
        <FakePaymentNote />
      </header>

      <section aria-live="polite" className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-bark/10">
        {confirming ? (
          <div className="flex items-start gap-3" data-testid="order-confirming">
            <span
              aria-hidden="true"
              className="mt-1 inline-block size-5 shrink-0 animate-spin rounded-full border-2 border-fir-700 border-t-transparent"
            />
            <div>
              <p className="text-lg font-bold text-fir-900">{t("shop.order.confirming")}</p>
              <p className="text-bark/85">{t("shop.order.confirmingDetail")}</p>
            </div>
          </div>
        ) : (
          statusDetail(order, resumeUrl)
        )}
      </section>
      {pushKey ? <PushButton publicKey={pushKey} enableLabel="alerts.push.enableReady" /> : null}

      {pickupCode ? <PickupCodeCard code={pickupCode.code} qrSvg={pickupCode.qrSvg} /> : null}
      {order.status === "RELEASED" ? null : <OrderPickup pickup={pickup} />}

      <section aria-labelledby="lines-title" className="space-y-4">
        <h2 id="lines-title" className="font-display text-2xl font-bold text-fir-900">
          {t("shop.order.lines")}
        </h2>
        {order.stalls.map((stall) => (
          <article key={stall.id} className="overflow-hidden rounded-2xl bg-white shadow-sm ring-1 ring-bark/10">
            <h3 className="bg-fir-50 px-4 py-2 font-display text-lg font-bold text-wine-700">
              <Link to={`/m/${order.market.slug}/${stall.slug}`} className="underline-offset-4 hover:underline">
                {stall.name}
              </Link>
            </h3>
            <ul className="divide-y divide-fir-100 px-4">
              {stall.lines.map((line) => (
                <li
                  key={line.id}
                  className="flex flex-wrap items-center justify-between gap-2 py-3"
                  data-line-status={line.status}
                >
                  <div>
                    <p className="font-semibold text-fir-900">{line.name}</p>
                    <p className="text-sm text-bark/80">
                      {t("shop.order.quantityPrice", {
                        quantity: line.quantity,
                        price: formatPrice(line.unitPriceCents, locale),
                      })}
                    </p>
                  </div>
                  <div className="text-right">
                    <p className="font-bold text-wine-700">
                      {formatPrice(line.unitPriceCents * line.quantity, locale)}
                    </p>
                    {order.status === "RELEASED" ? null : (
                      <p
                        className={`text-sm font-semibold ${line.status === "REFUSED" ? "text-wine-700" : "text-fir-800"}`}
                      >
                        {t(lineStatusKey(order.status, line.status))}
                      </p>
                    )}
                  </div>
                </li>
              ))}
            </ul>
            <div className="border-t border-fir-100 bg-gold-50 px-4 py-3 text-sm">
              <p className="font-semibold text-fir-900">
                <span aria-hidden="true">📦 </span>
                {t("shop.order.pickup")}
              </p>
              {stall.chaletNumber !== null ? (
                <p className="text-fir-900">{t("plan.pickupChalet", { number: stall.chaletNumber })}</p>
              ) : null}
              <p className="whitespace-pre-line text-bark">{stall.pickupDetails || t("shop.order.noPickup")}</p>
            </div>
            <BuyerOrderThread orderId={order.id} stall={stall} />
          </article>
        ))}
        <p className="flex items-baseline justify-between rounded-2xl bg-white px-4 py-3 text-lg shadow-sm ring-1 ring-bark/10">
          <span className="font-semibold text-fir-900">{t("shop.order.total")}</span>
          <span className="font-bold text-wine-700">{formatPrice(order.totalCents, locale)}</span>
        </p>
      </section>
    </div>
  );

  function statusDetail(o: typeof order, resumeUrl: string | null) {
    const refunded =
      o.refundedCents > 0 ? (
        <p className="mt-2 font-semibold text-wine-800" data-testid="order-refunded">
          {o.refundedCents >= o.totalCents
            ? t("shop.order.refunded", { amount: formatPrice(o.refundedCents, locale) })
            : t("shop.order.refundedPart", {
                amount: formatPrice(o.refundedCents, locale),
                total: formatPrice(o.totalCents, locale),
              })}
        </p>
      ) : null;
    switch (o.status) {
      case "RESERVED":
        return (
          <div className="space-y-3">
            <p className="text-bark">
              {t("shop.order.reservedDetail", { time: formatTime(o.holdExpiresAt, tz, locale) })}
            </p>
            <div className="flex flex-wrap gap-3">
              {resumeUrl ? (
                <a
                  href={resumeUrl}
                  className="inline-flex min-h-11 items-center rounded-full bg-wine-700 px-5 py-2 font-semibold text-snow hover:bg-wine-800"
                >
                  {t("shop.order.resume")}
                </a>
              ) : null}
              <Link
                to={`/orders/${o.id}/cancel`}
                className="inline-flex min-h-11 items-center rounded-full px-4 py-2 font-semibold text-wine-700 underline underline-offset-4"
              >
                {t("shop.order.cancel")}
              </Link>
            </div>
          </div>
        );
      case "AWAITING_PAYMENT":
        return <p className="text-bark">{t("shop.order.awaitingDetail")}</p>;
      case "PAID":
        return (
          <div>
            <p className="text-lg font-bold text-fir-900">{t("shop.order.paidDetail")}</p>
            {o.paidAt ? (
              <p className="text-sm text-bark/85">
                {t("shop.order.paidAt", { date: formatDateTime(o.paidAt, tz, locale) })}
              </p>
            ) : null}
            {refunded}
          </div>
        );
      case "REFUNDED":
        return (
          <div>
            <p className="text-lg font-bold text-wine-800">{t("shop.order.refundedDetail")}</p>
            {refunded}
          </div>
        );
      default:
        return (
          <p className="text-bark">
            {t(
              `shop.order.releasedDetail.${RELEASE_REASONS.includes(o.releaseReason as ReleaseReason) ? o.releaseReason : "CANCELLED"}` as MessageKey,
            )}
          </p>
        );
    }
  }
}
