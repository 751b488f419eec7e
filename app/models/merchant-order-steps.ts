// What a stall's merchant can do with an order line, by its status: pure, so the orders page
// shows the same buttons in the browser as on the server. The server's rule is in
// ORDER_LINE_TRANSITIONS (order-status.ts), which setOrderLineStatus applies; these are its steps.
import { ORDER_LINE_TRANSITIONS, type OrderLineStatus } from "./order-status";

export type MerchantStep = "READY" | "COLLECTED" | "REFUSED";

const MERCHANT_STEPS: readonly string[] = ["READY", "COLLECTED", "REFUSED"] satisfies MerchantStep[];
const isMerchantStep = (status: string): status is MerchantStep => MERCHANT_STEPS.includes(status);

/** The steps shown for a line of an order in this status (none unless the order is paid). */
export function lineNextSteps(orderStatus: string, lineStatus: string): readonly MerchantStep[] {
  if (orderStatus !== "PAID") return [];
  return (ORDER_LINE_TRANSITIONS[lineStatus as OrderLineStatus] ?? []).filter(isMerchantStep);
}
