// Words of the basket and order pages that depend on data, shared by server (action notices) and
// browser so both say the same thing.
import type { Locale, MessageKey, Translate } from "~/i18n";
import type { MarketStatus } from "~/models/market-status";
import { describeWhen } from "~/components/resident-text";

/** Why a closed market cannot sell: the organisers' reason, or when it reopens. */
export function closedReason(
  status: Pick<MarketStatus, "closure" | "next">,
  timezone: string,
  locale: Locale,
  now: Date,
  t: Translate,
): string {
  if (status.closure) return t("shop.closed.byOrganisers", { reason: status.closure.reason });
  if (status.next)
    return t("shop.closed.reopens", { when: describeWhen(status.next.startsAt, timezone, locale, now, t) });
  return t("shop.closed.ended");
}

/** "Payée", "Paiement en cours", "Expirée"… for an order status and its release reason. */
export function orderStatusKey(status: string, releaseReason: string | null): MessageKey {
  if (status === "RELEASED" && (releaseReason === "EXPIRED" || releaseReason === "SESSION_EXPIRED")) {
    return `shop.status.RELEASED.${releaseReason}`;
  }
  const known = ["RESERVED", "AWAITING_PAYMENT", "PAID", "RELEASED", "REFUNDED"];
  return known.includes(status) ? (`shop.status.${status}` as MessageKey) : "shop.status.RESERVED";
}

/** A line's pickup step as the buyer reads it; a paid order's untouched line is "being prepared". */
export function lineStatusKey(orderStatus: string, lineStatus: string): MessageKey {
  if (lineStatus === "RESERVED" && orderStatus === "PAID") return "shop.line.PAID";
  const known = ["RESERVED", "READY", "COLLECTED", "REFUSED", "REFUNDED", "RELEASED"];
  return known.includes(lineStatus) ? (`shop.line.${lineStatus}` as MessageKey) : "shop.line.RESERVED";
}
