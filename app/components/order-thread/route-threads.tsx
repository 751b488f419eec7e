// The thread on each page that shows one, read from that page's loader data (`orderThreads`), so
// that each route adds one line to its loader and one where the thread goes.
import { useRouteLoaderData } from "@remix-run/react";
import { firstName } from "~/models/order-messages";
import type { OrderMessageDto } from "~/realtime/events";
import { useT } from "~/utils/i18n";
import { OrderThread } from "./order-thread";

type Threads = Record<string, OrderMessageDto[]>;

/** On the merchant's order card: "Écrire à <prénom>". */
export function MerchantOrderThread({
  order,
}: {
  order: { orderId: string; stallId: string; buyer: { name: string } };
}) {
  const t = useT();
  const data = useRouteLoaderData("routes/merchant.stalls.$stallId.orders") as
    { orderThreads?: Threads; stall: { timezone: string } } | undefined;
  if (!data?.orderThreads) return null;
  const name = firstName(order.buyer.name);
  return (
    <div className="mt-3">
      <OrderThread
        orderId={order.orderId}
        stallId={order.stallId}
        side="stall"
        other={name}
        label={t("thread.toBuyer", { name })}
        messages={data.orderThreads[order.orderId] ?? []}
        timezone={data.stall.timezone}
        anchor={`thread-${order.orderId}`}
      />
    </div>
  );
}

/** Under each stall of the buyer's order page, once the order is paid: "Écrire au stand". */
export function BuyerOrderThread({ orderId, stall }: { orderId: string; stall: { id: string; name: string } }) {
  const t = useT();
  const data = useRouteLoaderData("routes/orders.$orderId") as
    { orderThreads?: Threads | null; order: { market: { timezone: string } } } | undefined;
  if (!data?.orderThreads) return null;
  return (
    <div className="border-t border-fir-100 px-4 py-3">
      <OrderThread
        orderId={orderId}
        stallId={stall.id}
        side="buyer"
        other={stall.name}
        label={t("thread.toStall")}
        messages={data.orderThreads[stall.id] ?? []}
        timezone={data.order.market.timezone}
        anchor={`thread-${stall.id}`}
      />
    </div>
  );
}
