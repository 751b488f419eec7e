// "À relancer : non retirées": paid orders whose lines were not collected in time
// (listUncollected, app/models/handover.server.ts), on the stall's orders tab and, with the stall
// of each, on the market's orders tab for the organisers. A list, not a table: it reads the same
// on a phone and to a screen reader.
import type { UncollectedOrder } from "~/models/handover.server";
import { formatDay, formatTime } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n";

export function UncollectedList({
  orders,
  timezone,
  showStall,
}: {
  orders: UncollectedOrder[];
  timezone: string;
  showStall: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  if (orders.length === 0) return null;
  return (
    <section
      aria-labelledby="uncollected-title"
      data-testid="uncollected"
      className="mt-4 mb-6 rounded-2xl border-2 border-gold-600 bg-gold-50 p-4"
    >
      <h2 id="uncollected-title" className="font-display text-xl text-fir-900">
        {`${t("collect.late.title")} (${orders.length})`}
      </h2>
      <p className="text-sm text-bark">{t(showStall ? "collect.late.organiserIntro" : "collect.late.merchantIntro")}</p>
      <ul className="mt-3 divide-y divide-gold-300">
        {orders.map((order) => (
          <li key={`${order.orderId}-${order.stall.id}`} data-order-id={order.orderId} className="py-2">
            <p className="font-semibold break-words text-fir-900">
              {t("collect.late.order", { reference: order.reference, name: order.buyerName })}
            </p>
            <p className="text-sm text-bark">
              {showStall ? `${order.stall.name} · ` : ""}
              {t("collect.late.lines", { count: order.lines })}
              {" · "}
              {order.slot
                ? t("collect.late.slot", {
                    date: formatDay(order.slot.startsAt, timezone, locale),
                    start: formatTime(order.slot.startsAt, timezone, locale),
                    end: formatTime(order.slot.endsAt, timezone, locale),
                    point: order.slot.point,
                  })
                : t("collect.late.noSlot")}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
