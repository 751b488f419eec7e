// Where and when the buyer collects the order: the pickup point and the slot booked at checkout
// (app/models/pickup.server.ts, getOrderPickup). Nothing for an order without a slot.
import { slotLabel } from "~/models/pickup";
import { useLocale, useT } from "~/utils/i18n";

export type OrderPickupView = {
  name: string;
  address: string;
  details: string;
  startsAt: Date | string;
  endsAt: Date | string;
  timezone: string;
};

export function OrderPickup({ pickup }: { pickup: OrderPickupView | null }) {
  const t = useT();
  const locale = useLocale();
  if (!pickup) return null;
  return (
    <section
      aria-labelledby="order-pickup-title"
      className="rounded-2xl bg-gold-50 p-5 shadow-sm ring-1 ring-gold-600/20"
      data-testid="order-pickup"
    >
      <h2 id="order-pickup-title" className="font-display text-2xl font-bold text-fir-900">
        <span aria-hidden="true">📦 </span>
        {t("pickup.order.title")}
      </h2>
      <dl className="mt-2 space-y-2">
        <div>
          <dt className="text-sm font-semibold text-fir-800">{t("pickup.order.slot")}</dt>
          <dd className="text-lg font-bold text-fir-900 first-letter:uppercase">
            {slotLabel(pickup, pickup.timezone, locale)}
          </dd>
        </div>
        <div>
          <dt className="text-sm font-semibold text-fir-800">{t("pickup.order.point")}</dt>
          <dd className="text-fir-900">
            <span className="block font-semibold">{pickup.name}</span>
            {pickup.address ? <span className="block">{pickup.address}</span> : null}
            {pickup.details ? (
              <span className="block text-sm whitespace-pre-line text-bark">{pickup.details}</span>
            ) : null}
          </dd>
        </div>
      </dl>
    </section>
  );
}
