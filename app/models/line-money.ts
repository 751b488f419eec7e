// What a stall's lines come to once refunds are counted: the one rule behind every merchant's
// and organiser's total (the order card, the revenue per stall, the orders CSV, the money views).
// A refused line (out of stock) is refunded to the buyer automatically and a refunded one was
// given back: neither is sold, whatever the refund's state at Stripe. Pure, so the browser's live
// order card follows a line's new status with the same arithmetic as the server.

/**
 * A line as the books see it: every line of a refunded order was refunded, whatever its pickup
 * status said (the order is REFUNDED only once all of it was given back).
 */
export function effectiveLineStatus(orderStatus: string, lineStatus: string): string {
  if (orderStatus === "REFUNDED" && lineStatus !== "REFUSED") return "REFUNDED";
  return lineStatus;
}

/** A refused line (out of stock) is refunded to the buyer automatically: money given back. */
export function isRefundedLine(status: string): boolean {
  return status === "REFUSED" || status === "REFUNDED";
}

export type MoneyLine = { quantity: number; unitPriceCents: number; status: string };

export type LineMoney = {
  /** As paid. */
  grossCents: number;
  /** Given back (or being given back: a refused line). */
  refundedCents: number;
  /** What the stall keeps selling: gross less refunded. */
  netCents: number;
};

/** One line whose `status` is already the effective one (`effectiveLineStatus`). */
export function lineMoney(line: MoneyLine): LineMoney {
  const grossCents = line.quantity * line.unitPriceCents;
  const refundedCents = isRefundedLine(line.status) ? grossCents : 0;
  return { grossCents, refundedCents, netCents: grossCents - refundedCents };
}

/** A stall's lines of one order (their own statuses, read through the order's). */
export function stallTotal(orderStatus: string, lines: readonly MoneyLine[]): LineMoney {
  const total: LineMoney = { grossCents: 0, refundedCents: 0, netCents: 0 };
  for (const line of lines) {
    const money = lineMoney({ ...line, status: effectiveLineStatus(orderStatus, line.status) });
    total.grossCents += money.grossCents;
    total.refundedCents += money.refundedCents;
    total.netCents += money.netCents;
  }
  return total;
}
