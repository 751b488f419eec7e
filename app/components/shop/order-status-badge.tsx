import { useT } from "~/utils/i18n";
import { orderStatusKey } from "./shop-text";

const TONES: Record<string, string> = {
  RESERVED: "bg-gold-100 text-bark ring-gold-600/30",
  AWAITING_PAYMENT: "bg-gold-100 text-bark ring-gold-600/30",
  PAID: "bg-fir-700 text-snow ring-fir-800",
  RELEASED: "bg-stone-200 text-bark ring-bark/20",
  REFUNDED: "bg-wine-100 text-wine-800 ring-wine-600/30",
};

export function OrderStatusBadge({ status, releaseReason }: { status: string; releaseReason: string | null }) {
  const t = useT();
  return (
    <span
      className={`inline-flex items-center rounded-full px-3 py-0.5 text-sm font-semibold ring-1 ${TONES[status] ?? TONES.RESERVED}`}
      data-testid="order-status"
      data-status={status}
    >
      {t(orderStatusKey(status, releaseReason))}
    </span>
  );
}
