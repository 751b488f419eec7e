// What a stall's merchant can do with an order line, by its status: pure, so the orders page
// shows the same buttons in the browser as on the server. The server's rule is in
// order-lines.server.ts (setOrderLineStatus); these are the steps it accepts.
import type { OrderLineStatus } from "./order-status";

export type MerchantStep = "READY" | "COLLECTED" | "REFUSED";

/** Pickup steps only move forward; a refused, refunded or released line is done with. */
export const LINE_NEXT_STEPS: Readonly<Record<OrderLineStatus, readonly MerchantStep[]>> = {
  RESERVED: ["READY", "COLLECTED", "REFUSED"],
  READY: ["COLLECTED", "REFUSED"],
  COLLECTED: [],
  REFUSED: [],
  REFUNDED: [],
  RELEASED: [],
};

/** The steps shown for a line of an order in this status (none unless the order is paid). */
export function lineNextSteps(orderStatus: string, lineStatus: string): readonly MerchantStep[] {
  if (orderStatus !== "PAID") return [];
  return LINE_NEXT_STEPS[lineStatus as OrderLineStatus] ?? [];
}
