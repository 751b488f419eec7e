// The town's commission: the one place where a stall's share of a sale is computed. Pure, so the
// transfer, the reversal of a refused line, the organiser's report and the merchant's view agree
// to the cent.

/** 30 %, in basis points: the most a market may take (also a CHECK in the database). */
export const COMMISSION_MAX_BPS = 3000;

/** The commission on one line's amount: rounded half up, per line, so that refusing a line
 *  reverses exactly what that line contributed to its stall's transfer. */
export function commissionOn(amountCents: number, bps: number): number {
  return Math.round((amountCents * bps) / 10_000);
}

export interface ShareLine {
  unitPriceCents: number;
  quantity: number;
}

export interface StallShare {
  grossCents: number;
  commissionCents: number;
  /** What the merchant receives: gross less commission. */
  amountCents: number;
}

/** A stall's share of an order: the sum of its lines' shares. */
export function stallShare(lines: readonly ShareLine[], bps: number): StallShare {
  let grossCents = 0;
  let commissionCents = 0;
  for (const line of lines) {
    const amount = line.unitPriceCents * line.quantity;
    grossCents += amount;
    commissionCents += commissionOn(amount, bps);
  }
  return { grossCents, commissionCents, amountCents: grossCents - commissionCents };
}

/** What a refused line takes back from its stall's transfer: its amount less its commission. */
export function lineReversalCents(line: ShareLine, bps: number): number {
  return stallShare([line], bps).amountCents;
}

/**
 * What a lost dispute takes back from a stall's transfer: the stall's share of the order (its
 * lines less their commission) in proportion to the amount disputed. Never more than that share.
 */
export function disputeReversalCents(
  lines: readonly ShareLine[],
  bps: number,
  disputedCents: number,
  orderTotalCents: number,
): number {
  if (orderTotalCents <= 0 || disputedCents <= 0) return 0;
  const { amountCents } = stallShare(lines, bps);
  const disputed = Math.min(disputedCents, orderTotalCents);
  return Math.min(amountCents, Math.round((amountCents * disputed) / orderTotalCents));
}
