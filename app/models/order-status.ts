// The life of an order, pure so pages, the webhook and tests share it. Every transition is made
// in the database by a conditional update on the status it leaves (transitionOrder and
// transitionOrderLines in order-transition.server.ts, from these tables; bumps Order.version): of
// two racers (the sweeper and Stripe's checkout.session.expired, a webhook and its retry) exactly
// one changes the row, the other sees 0 rows and does nothing.
//
//   RESERVED ──completed, paid──────────────▶ PAID ──refund──▶ REFUNDED
//      │  └────completed, payment pending──▶ AWAITING_PAYMENT ──async succeeded──▶ PAID
//      │                                         └──async failed──▶ RELEASED
//      └──hold expired / session expired / cancelled / market closed──▶ RELEASED
//   RELEASED ──paid late, stock still there (taken again)──▶ PAID
//   RELEASED ──paid late, stock gone (refunded with an idempotency key)──▶ REFUNDED
//
// Stock: RESERVED and AWAITING_PAYMENT hold it, PAID has sold it; entering RELEASED gives it back
// (exactly once, by the transition that won). Only RESERVED is swept: a pending bank debit
// (AWAITING_PAYMENT) waits for Stripe's verdict.

export const ORDER_STATUSES = ["RESERVED", "AWAITING_PAYMENT", "PAID", "RELEASED", "REFUNDED"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Per line: RELEASED follows its order; READY / COLLECTED / REFUSED are the stall's pickup steps. */
export const ORDER_LINE_STATUSES = ["RESERVED", "READY", "COLLECTED", "REFUSED", "REFUNDED", "RELEASED"] as const;
export type OrderLineStatus = (typeof ORDER_LINE_STATUSES)[number];

export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  RESERVED: ["PAID", "AWAITING_PAYMENT", "RELEASED"],
  AWAITING_PAYMENT: ["PAID", "RELEASED"],
  PAID: ["REFUNDED"],
  RELEASED: ["PAID", "REFUNDED"],
  REFUNDED: [],
};

/**
 * Per line: the stall's pickup steps only move forward; a line follows its order's release, and
 * back when a late payment takes the stock again; a refused line, or a released one whose late
 * payment is given back, is refunded.
 */
export const ORDER_LINE_TRANSITIONS: Readonly<Record<OrderLineStatus, readonly OrderLineStatus[]>> = {
  RESERVED: ["READY", "COLLECTED", "REFUSED", "RELEASED"],
  READY: ["COLLECTED", "REFUSED"],
  COLLECTED: [],
  REFUSED: ["REFUNDED"],
  REFUNDED: [],
  RELEASED: ["RESERVED", "REFUNDED"],
};

/** The statuses `to` may be entered from, per `table` (what a conditional update's WHERE allows). */
export function allowedFrom<S extends string>(table: Readonly<Record<S, readonly S[]>>, to: S): S[] {
  return (Object.keys(table) as S[]).filter((from) => table[from].includes(to));
}

/** Statuses whose lines' quantities are out of the products' stock (held or sold). */
export const STOCK_TAKEN: ReadonlySet<OrderStatus> = new Set(["RESERVED", "AWAITING_PAYMENT", "PAID"]);

/** Of those, the ones that only hold it (not sold yet): what a merchant sees as "reserved". */
export const STOCK_HELD = ["RESERVED", "AWAITING_PAYMENT"] as const satisfies readonly OrderStatus[];

/** Why a hold was released (Order.releaseReason). */
export const RELEASE_REASONS = ["EXPIRED", "SESSION_EXPIRED", "CANCELLED", "MARKET_CLOSED", "PAYMENT_FAILED"] as const;
export type ReleaseReason = (typeof RELEASE_REASONS)[number];

/** Stripe's minimum Checkout Session lifetime; the hold lasts as long as the session. */
export const HOLD_MS = 30 * 60_000;

/**
 * What is left of a hold once the payment page reports a declined card or the buyer leaves it:
 * time to try another card, not the session's 30 minutes of stock hidden from everyone else.
 */
export const RETRY_HOLD_MS = 5 * 60_000;

/** Per line; a basket's duplicate lines are merged before this is checked. */
export const QUANTITY_MAX = 99;
export const LINES_MAX = 50;
