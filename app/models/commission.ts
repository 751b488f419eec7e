// The town's commission: the one place where a stall's share of a sale is computed. Pure, so the
// transfer, the reversal of a refused line, the organiser's report and the merchant's view agree
// to the cent.
import { z } from "zod";

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

// --- The organiser's setting -----------------------------------------------------------------

/**
 * What the market form accepts: a percentage from 0 to 30 with at most two decimals, a French
 * comma or a point ("2,5", "2.5", "12 %"). It is read as digits, never through a float, so
 * "2,55" is exactly 255 bps. Empty means 0 % (no commission, the default): Conform turns an
 * empty field into undefined, so that is what arrives here. Messages are dictionary keys.
 */
const PERCENT_RE = /^(\d{1,3})(?:[.,](\d{1,2}))?$/;

export function percentToBps(text: string): number | null {
  const match = PERCENT_RE.exec(text.replace(/\s|%/g, ""));
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

export const commissionPercentSchema = z
  .string({ invalid_type_error: "money.commission.invalid" })
  .optional()
  .transform((text, ctx) => {
    if (text === undefined) return 0;
    const bps = percentToBps(text);
    if (bps === null) {
      ctx.addIssue({ code: "custom", message: "money.commission.invalid" });
      return z.NEVER;
    }
    if (bps > COMMISSION_MAX_BPS) {
      ctx.addIssue({ code: "custom", message: "money.commission.tooHigh" });
      return z.NEVER;
    }
    return bps;
  });

/** Basis points as the form shows them back: 250 → "2,5" in French, "2.5" in English. */
export function bpsToPercentText(bps: number, locale: "fr" | "en"): string {
  const text = String(bps / 100);
  return locale === "fr" ? text.replace(".", ",") : text;
}
