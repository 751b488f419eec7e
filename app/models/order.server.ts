// Orders: reserving a basket's stock, attaching its Stripe Checkout Session, and releasing holds
// (the sweeper, Stripe's checkout.session.expired, a cancel). The state machine is in
// ./order-status.ts. Pages and the webhook route call these; they never touch stock themselves.
//
// The reservation is the hot path (a hot product at opening time). Reservations that arrive while
// one transaction runs share the next one (see `drain`), and each line's stock is still taken by
// ONE conditional UPDATE whose returned row decides (it waits for a concurrent one's row lock,
// then sees its result). Raw SQL skips Prisma's per-model-query work. Stripe is never called
// inside a transaction: the sandbox answers through this database.
import { randomUUID } from "node:crypto";
import type Stripe from "stripe";
import { Prisma } from "~/generated/prisma/client";
import { db, dropPublicPageMemos, type Tx } from "~/utils/db.server";
import { getStripe } from "~/utils/stripe.server";
import type { MarketOpenness } from "./market-status";
import { statusAtFromWindows, type WindowRow } from "./market-windows.server";
import { HOLD_MS, LINES_MAX, QUANTITY_MAX, type OrderStatus, type ReleaseReason } from "./order-status";
import { publishStockChanges as stockChanged, stockTransaction, type StockChange } from "./stock-events.server";
import { transitionOrder, transitionOrderLines } from "./order-transition.server";
import { broadcastOrderUpdated } from "./order-notify.server";
import { insertRefundRow, refundKey } from "./refund.server";

export { onStockChanged, type StockChange } from "./stock-events.server";

// ---------------------------------------------------------------------------------------------
// Reservation

export type BasketLine = { productId: string; quantity: number };

export type ShortLine = { productId: string; name: string; requested: number; available: number };

export type ReservedOrder = {
  id: string;
  marketId: string;
  buyerId: string;
  status: "RESERVED";
  totalCents: number;
  currency: "eur";
  holdExpiresAt: Date;
  createdAt: Date;
  lines: {
    id: string;
    productId: string;
    stallId: string;
    name: string;
    unitPriceCents: number;
    quantity: number;
  }[];
};

export type ReserveResult =
  | { ok: true; order: ReservedOrder }
  /** Bad input: no line, a quantity outside 1..99, too many lines. */
  | { ok: false; reason: "invalid"; message: string }
  | { ok: false; reason: "marketClosed"; status: MarketOpenness }
  /** Unknown, inactive, or not sold in this market (stall not approved, another market). */
  | { ok: false; reason: "unavailable"; productIds: string[] }
  /** Nothing was reserved; each line that ran short, with what is left. */
  | { ok: false; reason: "insufficientStock"; short: ShortLine[] };

/** Merges duplicate products and checks quantities; null with a message when the basket is bad. */
export function normaliseBasket(lines: readonly BasketLine[]): { lines: BasketLine[] } | { message: string } {
  if (lines.length === 0) return { message: "empty basket" };
  const merged = new Map<string, number>();
  for (const line of lines) {
    if (typeof line.productId !== "string" || line.productId.length === 0 || line.productId.length > 64) {
      return { message: "bad product id" };
    }
    if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > QUANTITY_MAX) {
      return { message: `quantity must be an integer from 1 to ${QUANTITY_MAX}` };
    }
    merged.set(line.productId, (merged.get(line.productId) ?? 0) + line.quantity);
  }
  if (merged.size > LINES_MAX) return { message: `at most ${LINES_MAX} products per order` };
  const out: BasketLine[] = [];
  for (const [productId, quantity] of merged) {
    if (quantity > QUANTITY_MAX) return { message: `quantity must be an integer from 1 to ${QUANTITY_MAX}` };
    out.push({ productId, quantity });
  }
  // A fixed order for the UPDATEs: two baskets never take the same rows in opposite orders
  // (no deadlock: row locks are taken one by one).
  out.sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0));
  return { lines: out };
}

type ProductRow = {
  id: string;
  name: string;
  priceCents: number;
  stock: number;
  active: boolean;
  stallId: string;
  stallStatus: string;
  marketId: string;
};

type Refused = Exclude<ReserveResult, { ok: true }>;

/**
 * The market's status from its sessions and overrides still to come, read with `tx` in one
 * statement. Only windows ending after `since` are read: whether the market is open at any
 * instant from `since` on depends on nothing else.
 */
async function marketWindowsIn(tx: Tx, marketId: string, since: Date) {
  const rows = await tx.$queryRaw<WindowRow[]>`
    SELECT 'MARKET' AS kind, "status" AS id, "createdAt" AS "startsAt", "createdAt" AS "endsAt", '' AS reason
      FROM "Market" WHERE "id" = ${marketId}
    UNION ALL
    SELECT 'SESSION', "id", "startsAt", "endsAt", '' FROM "MarketSession"
      WHERE "marketId" = ${marketId} AND "cancelledAt" IS NULL AND "endsAt" > ${since}
    UNION ALL
    SELECT "kind", "id", "startsAt", "endsAt", "reason" FROM "MarketOverride"
      WHERE "marketId" = ${marketId} AND "endsAt" > ${since}`;
  return statusAtFromWindows(rows);
}

type Pending = {
  buyerId: string;
  marketId: string;
  now: Date;
  lines: BasketLine[];
  resolve: (result: ReserveResult) => void;
  reject: (error: unknown) => void;
};

// Reservations arriving while a transaction runs wait for the next one and share it: one BEGIN,
// one read of markets and products, one INSERT of orders and one of lines for the whole batch,
// and still one conditional UPDATE per line. One commit (one wait for the disk) for the whole
// batch is what lets a hot product take thousands of reservations a second.
const BATCH_LINES_MAX = 500;
const queue: Pending[] = [];
let draining = false;

/**
 * Reserves a basket: in one transaction, checks the market is open, copies names and prices
 * from the database, takes each line's stock with one conditional UPDATE, and writes the order
 * and its lines. If any line cannot be taken, nothing of this basket is (a savepoint rolls its
 * lines back) and the result lists every short line with what is left.
 */
export function reserveOrder(input: {
  buyerId: string;
  marketId: string;
  lines: readonly BasketLine[];
  now: Date;
}): Promise<ReserveResult> {
  const basket = normaliseBasket(input.lines);
  if ("message" in basket) return Promise.resolve({ ok: false, reason: "invalid", message: basket.message });
  return new Promise((resolve, reject) => {
    queue.push({
      buyerId: input.buyerId,
      marketId: input.marketId,
      now: input.now,
      lines: basket.lines,
      resolve,
      reject,
    });
    if (!draining) void drain();
  });
}

async function drain() {
  draining = true;
  try {
    while (queue.length) {
      let lines = 0;
      let count = 0;
      while (count < queue.length && (count === 0 || lines + queue[count]!.lines.length <= BATCH_LINES_MAX)) {
        lines += queue[count]!.lines.length;
        count++;
      }
      await runBatch(queue.splice(0, count));
    }
  } finally {
    draining = false;
  }
}

async function runBatch(batch: Pending[]): Promise<void> {
  let results: ReserveResult[];
  try {
    results = await reserveBatch(batch);
  } catch (error) {
    // One request's failure (an unknown buyer's foreign key…) must not fail its neighbours:
    // each is tried again alone, and only the culprit gets the error.
    if (batch.length === 1) return batch[0]!.reject(error);
    for (const pending of batch) await runBatch([pending]);
    return;
  }
  batch.forEach((pending, i) => pending.resolve(results[i]!));
}

async function reserveBatch(batch: Pending[]): Promise<ReserveResult[]> {
  const ids = [...new Set(batch.flatMap((p) => p.lines.map((l) => l.productId)))];
  // Published once committed (see releaseOrder).
  let changes: StockChange[] = [];
  dropPublicPageMemos();
  try {
    const outcome = await db.$transaction(async (tx) => {
      const statusOf = new Map<string, ((now: Date) => MarketOpenness) | null>();
      for (const marketId of new Set(batch.map((p) => p.marketId))) {
        const since = new Date(Math.min(...batch.filter((p) => p.marketId === marketId).map((p) => p.now.getTime())));
        statusOf.set(marketId, await marketWindowsIn(tx, marketId, since));
      }
      const products = await tx.$queryRaw<ProductRow[]>`
        SELECT p."id", p."name", p."priceCents", p."stock", p."active", s."id" AS "stallId",
               s."status" AS "stallStatus", s."marketId"
          FROM "Product" p JOIN "Stall" s ON s."id" = p."stallId"
         WHERE p."id" IN (${Prisma.join(ids)})`;
      // Kept up to date with each UPDATE's RETURNING: what the next basket in the batch sees.
      const byId = new Map(products.map((p) => [p.id, { ...p, stock: Number(p.stock) }]));

      const results: ReserveResult[] = [];
      const accepted: ReservedOrder[] = [];
      const taken: StockChange[] = [];
      for (const [index, pending] of batch.entries()) {
        const outcome = await reserveOne(tx, pending, statusOf.get(pending.marketId) ?? null, byId, index);
        if ("ok" in outcome) {
          results.push(outcome);
          continue;
        }
        taken.push(...outcome.taken);
        accepted.push(outcome.order);
        results.push({ ok: true, order: outcome.order });
      }

      if (accepted.length) {
        await tx.$executeRaw`
          INSERT INTO "Order" ("id", "marketId", "buyerId", "status", "totalCents", "currency", "holdExpiresAt", "version", "createdAt")
          VALUES ${Prisma.join(
            accepted.map(
              (o) =>
                Prisma.sql`(${o.id}, ${o.marketId}, ${o.buyerId}, 'RESERVED', ${o.totalCents}, 'eur', ${o.holdExpiresAt}, 0, ${o.createdAt})`,
            ),
          )}`;
        await tx.$executeRaw`
          INSERT INTO "OrderLine" ("id", "orderId", "stallId", "productId", "name", "unitPriceCents", "quantity", "status")
          VALUES ${Prisma.join(
            accepted.flatMap((o) =>
              o.lines.map(
                (l) =>
                  Prisma.sql`(${l.id}, ${o.id}, ${l.stallId}, ${l.productId}, ${l.name}, ${l.unitPriceCents}, ${l.quantity}, 'RESERVED')`,
              ),
            ),
          )}`;
      }
      return { results, taken };
    });
    changes = outcome.taken;
    return outcome.results;
  } finally {
    stockChanged(changes);
  }
}

type Product = Omit<ProductRow, "stock"> & { stock: number };

/** One basket inside the batch's transaction: a refusal, or the order to insert and the stock taken. */
async function reserveOne(
  tx: Tx,
  pending: Pending,
  statusAt: ((now: Date) => MarketOpenness) | null,
  byId: Map<string, Product>,
  index: number,
): Promise<Refused | { order: ReservedOrder; taken: StockChange[] }> {
  const { lines, marketId, now } = pending;
  if (!statusAt) return { ok: false, reason: "unavailable", productIds: lines.map((l) => l.productId) };
  const status = statusAt(now);
  if (!status.open) return { ok: false, reason: "marketClosed", status };
  const unavailable = lines
    .map((l) => l.productId)
    .filter((id) => {
      const p = byId.get(id);
      return !p || !p.active || p.stallStatus !== "APPROVED" || p.marketId !== marketId;
    });
  if (unavailable.length) return { ok: false, reason: "unavailable", productIds: unavailable };
  // What this transaction has seen says who is short for the message; only the UPDATE decides
  // (another instance may take stock between the two).
  if (lines.some((l) => byId.get(l.productId)!.stock < l.quantity)) return shortRefusal(lines, byId);

  const savepoint = lines.length > 1 ? `reserve_${index}` : null;
  if (savepoint) await tx.$executeRawUnsafe(`SAVEPOINT ${savepoint}`);
  const taken: StockChange[] = [];
  for (const line of lines) {
    const rows = await tx.$queryRaw<{ stock: number; stockVersion: number }[]>`
      UPDATE "Product"
         SET "stock" = "stock" - ${line.quantity}, "stockVersion" = "stockVersion" + 1, "updatedAt" = ${now}
       WHERE "id" = ${line.productId} AND "stock" >= ${line.quantity}
      RETURNING "stock", "stockVersion"`;
    if (rows.length !== 1) {
      if (savepoint) await tx.$executeRawUnsafe(`ROLLBACK TO SAVEPOINT ${savepoint}`);
      const fresh = await tx.$queryRaw<{ id: string; stock: number }[]>`
        SELECT "id", "stock" FROM "Product" WHERE "id" IN (${Prisma.join(lines.map((l) => l.productId))})`;
      for (const row of fresh) byId.get(row.id)!.stock = Number(row.stock);
      if (savepoint) await tx.$executeRawUnsafe(`RELEASE SAVEPOINT ${savepoint}`);
      return shortRefusal(lines, byId);
    }
    const stock = Number(rows[0]!.stock);
    byId.get(line.productId)!.stock = stock;
    taken.push({
      productId: line.productId,
      stallId: byId.get(line.productId)!.stallId,
      marketId,
      stock,
      stockVersion: Number(rows[0]!.stockVersion),
    });
  }
  if (savepoint) await tx.$executeRawUnsafe(`RELEASE SAVEPOINT ${savepoint}`);

  const orderId = randomUUID();
  const orderLines = lines.map((l) => {
    const p = byId.get(l.productId)!;
    return {
      id: randomUUID(),
      productId: p.id,
      stallId: p.stallId,
      name: p.name,
      unitPriceCents: p.priceCents,
      quantity: l.quantity,
    };
  });
  const order: ReservedOrder = {
    id: orderId,
    marketId,
    buyerId: pending.buyerId,
    status: "RESERVED",
    totalCents: orderLines.reduce((sum, l) => sum + l.unitPriceCents * l.quantity, 0),
    currency: "eur",
    holdExpiresAt: new Date(now.getTime() + HOLD_MS),
    createdAt: now,
    lines: orderLines,
  };
  return { order, taken };
}

function shortRefusal(lines: readonly BasketLine[], byId: Map<string, Product>): Refused {
  const short = lines
    .map((l) => {
      const p = byId.get(l.productId)!;
      return { productId: p.id, name: p.name, requested: l.quantity, available: Math.max(0, p.stock) };
    })
    .filter((s) => s.available < s.requested);
  return { ok: false, reason: "insufficientStock", short };
}

// ---------------------------------------------------------------------------------------------
// Checkout Session and release

/**
 * Records the Checkout Session created for a reserved order. The hold follows the session: its
 * `expires_at` becomes the hold's end (created a moment after the reservation, the session ends
 * a moment later). False when the order is no longer RESERVED (released meanwhile: the caller
 * should expire the session it just created) or already has another session.
 */
export async function attachCheckoutSession(
  orderId: string,
  session: { id: string; expiresAt: Date },
): Promise<boolean> {
  const updated = await db.order.updateMany({
    where: { id: orderId, status: "RESERVED", OR: [{ checkoutSessionId: null }, { checkoutSessionId: session.id }] },
    data: { checkoutSessionId: session.id, holdExpiresAt: session.expiresAt, version: { increment: 1 } },
  });
  return updated.count === 1;
}

/** The Stripe `expires_at` (seconds) for a session created now for this order: the hold's end, 30 min at least. */
export function checkoutSessionExpiresAt(order: { holdExpiresAt: Date }, now: Date): number {
  return Math.ceil(Math.max(order.holdExpiresAt.getTime(), now.getTime() + HOLD_MS) / 1000);
}

export type ReleaseResult = { released: boolean; checkoutSessionId: string | null };

/**
 * → RELEASED, giving the stock back, exactly once: the conditional update on the status decides,
 * so the sweeper and Stripe's checkout.session.expired (or a retry) racing each other release
 * once; the loser gets `released: false` and must do nothing. A failed bank debit
 * (PAYMENT_FAILED) releases an AWAITING_PAYMENT order, or a RESERVED one when Stripe's failure
 * arrives before its checkout.session.completed; every other reason a RESERVED one. The winner
 * tells the buyer's and the stalls' pages (order:updated).
 */
export async function releaseOrder(orderId: string, reason: ReleaseReason, now: Date): Promise<ReleaseResult> {
  const from: OrderStatus[] = reason === "PAYMENT_FAILED" ? ["RESERVED", "AWAITING_PAYMENT"] : ["RESERVED"];
  const outcome = await stockTransaction(async (tx, changed): Promise<ReleaseResult> => {
    const won = await transitionOrder(tx, orderId, "RELEASED", {
      from,
      data: { releasedAt: now, releaseReason: reason },
    });
    if (!won) return { released: false, checkoutSessionId: null };
    const order = await tx.order.findUniqueOrThrow({
      where: { id: orderId },
      select: { marketId: true, checkoutSessionId: true, lines: { select: { productId: true, quantity: true } } },
    });
    changed(await restoreStock(tx, order.marketId, order.lines, now));
    await transitionOrderLines(tx, { orderId }, "RELEASED");
    return { released: true, checkoutSessionId: order.checkoutSessionId };
  });
  // Told only once committed: a commit that fails must not have announced an order state that never existed.
  if (outcome.released) await tellOrderUpdated(orderId);
  return outcome;
}

async function tellOrderUpdated(orderId: string) {
  try {
    await broadcastOrderUpdated(orderId);
  } catch (error) {
    // Committed already; a page missing the news reloads its data anyway.
    console.error(`order:updated for ${orderId} failed`, error);
  }
}

async function restoreStock(
  tx: Tx,
  marketId: string,
  lines: { productId: string; quantity: number }[],
  now: Date,
): Promise<StockChange[]> {
  const changes: StockChange[] = [];
  for (const line of [...lines].sort((a, b) => (a.productId < b.productId ? -1 : 1))) {
    const rows = await tx.$queryRaw<{ stallId: string; stock: number; stockVersion: number }[]>`
      UPDATE "Product"
         SET "stock" = "stock" + ${line.quantity}, "stockVersion" = "stockVersion" + 1, "updatedAt" = ${now}
       WHERE "id" = ${line.productId}
      RETURNING "stallId", "stock", "stockVersion"`;
    const row = rows[0];
    if (row) {
      changes.push({
        productId: line.productId,
        stallId: row.stallId,
        marketId,
        stock: Number(row.stock),
        stockVersion: Number(row.stockVersion),
      });
    }
  }
  return changes;
}

// ---------------------------------------------------------------------------------------------
// Sweeper

export type SweepResult = {
  /** Orders this sweep released (their stock is back). */
  released: string[];
  /**
   * Released here, but Stripe says the buyer completed the session meanwhile: the payment landed
   * after the hold ended. Nothing is lost: Stripe also sends checkout.session.completed, and the
   * webhook's rule for a RELEASED order applies (take the stock again if it is still there, else
   * refund with an idempotency key). Returned so a caller may act at once and for the logs.
   */
  completedAfterRelease: { orderId: string; sessionId: string; paymentStatus: string }[];
  /** Stripe could not be reached for these sessions; the order stays released, Stripe expires it itself. */
  stripeErrors: { orderId: string; sessionId: string; message: string }[];
};

/**
 * Releases every RESERVED order whose hold has ended, each exactly once, then expires the
 * Checkout Session of each order this call released (never inside a transaction: the sandbox
 * answers through the same database). Safe to run on several instances at once.
 */
export async function sweepExpiredHolds(now: Date, options: { limit?: number } = {}): Promise<SweepResult> {
  const due = await db.order.findMany({
    where: { status: "RESERVED", holdExpiresAt: { lte: now } },
    orderBy: { holdExpiresAt: "asc" },
    take: options.limit ?? 500,
    select: { id: true },
  });
  const result: SweepResult = { released: [], completedAfterRelease: [], stripeErrors: [] };
  for (const { id } of due) {
    const release = await releaseOrder(id, "EXPIRED", now);
    if (!release.released) continue;
    result.released.push(id);
    if (release.checkoutSessionId) await expireSession(id, release.checkoutSessionId, result);
  }
  return result;
}

async function expireSession(orderId: string, sessionId: string, result: SweepResult) {
  const stripe = getStripe();
  try {
    await stripe.checkout.sessions.expire(sessionId, {}, { idempotencyKey: `expire-${sessionId}` });
    return;
  } catch (error) {
    // "Only Checkout Sessions with a status in ["open"] can be expired": already expired (fine) or
    // complete (the buyer paid meanwhile): look at which.
    if (!isStripeInvalidRequest(error)) {
      result.stripeErrors.push({ orderId, sessionId, message: errorMessage(error) });
      return;
    }
  }
  try {
    const session: Stripe.Checkout.Session = await stripe.checkout.sessions.retrieve(sessionId);
    if (session.status === "complete") {
      result.completedAfterRelease.push({ orderId, sessionId, paymentStatus: session.payment_status });
    }
  } catch (error) {
    result.stripeErrors.push({ orderId, sessionId, message: errorMessage(error) });
  }
}

function isStripeInvalidRequest(error: unknown): boolean {
  return (
    typeof error === "object" && error !== null && (error as { type?: unknown }).type === "StripeInvalidRequestError"
  );
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// ---------------------------------------------------------------------------------------------
// Payment (Stripe's webhook, through payment.server.ts)

export type PaymentDetails = { paymentIntentId: string | null };

/**
 * RESERVED or AWAITING_PAYMENT → PAID, once (the stock stays taken: it is sold), recording the
 * PaymentIntent refunds will be made against. False when another call (a redelivered event, the
 * other of completed / async_payment_succeeded) was first, or the order is not in those states
 * (a RELEASED order paid late is applyLatePayment's business).
 */
export async function markOrderPaid(
  orderId: string,
  now: Date,
  payment: PaymentDetails = { paymentIntentId: null },
): Promise<boolean> {
  // Not from RELEASED, which the table allows: that is applyLatePayment's, which takes the stock again.
  return transitionOrder(db, orderId, "PAID", {
    from: ["RESERVED", "AWAITING_PAYMENT"],
    data: { paidAt: now, ...(payment.paymentIntentId ? { paymentIntentId: payment.paymentIntentId } : {}) },
  });
}

/**
 * RESERVED → AWAITING_PAYMENT once: the buyer completed the session with a bank debit that has
 * not settled yet. The stock stays held, and the sweeper leaves the order alone until Stripe's
 * async_payment_succeeded (→ PAID) or _failed (→ RELEASED) arrives.
 */
export async function markOrderAwaitingPayment(orderId: string, payment: PaymentDetails): Promise<boolean> {
  const won = await transitionOrder(db, orderId, "AWAITING_PAYMENT", {
    data: payment.paymentIntentId ? { paymentIntentId: payment.paymentIntentId } : {},
  });
  if (won) await tellOrderUpdated(orderId);
  return won;
}

export type LatePaymentResult =
  /** The stock was still there: taken again for every line, the order is PAID. */
  | { outcome: "paid" }
  /** Some stock was gone: nothing taken, the refund row is written (refund.server's processRefund next). */
  | { outcome: "refund"; refundId: string }
  /** Not RELEASED, or this payment was already handled (a redelivery, a concurrent delivery). */
  | { outcome: "none" };

/**
 * A payment for a RELEASED order (it arrived after its hold ended). One transaction: the claim
 * (RELEASED with no payment recorded yet → paidAt and PaymentIntent set: of concurrent
 * deliveries exactly one gets past it), then each line's stock taken again with a conditional
 * UPDATE under a savepoint. All taken → PAID with its lines back to RESERVED (to prepare);
 * any line short → the savepoint is rolled back (nothing taken) and the "late:<orderId>" refund
 * row is written in the same transaction, for the whole amount paid.
 */
export async function applyLatePayment(
  orderId: string,
  payment: PaymentDetails & { amountCents: number | null },
  now: Date,
): Promise<LatePaymentResult> {
  return stockTransaction(async (tx, changed): Promise<LatePaymentResult> => {
    const claimed = await tx.order.updateMany({
      where: { id: orderId, status: "RELEASED", paidAt: null },
      data: {
        paidAt: now,
        ...(payment.paymentIntentId ? { paymentIntentId: payment.paymentIntentId } : {}),
        version: { increment: 1 },
      },
    });
    if (claimed.count !== 1) return { outcome: "none" };
    const order = await tx.order.findUniqueOrThrow({
      where: { id: orderId },
      select: { marketId: true, totalCents: true, lines: { select: { productId: true, quantity: true } } },
    });
    const taken = await takeStockAgain(tx, order.marketId, order.lines, now);
    if (taken) {
      // The claim above holds the row: this cannot lose.
      if (!(await transitionOrder(tx, orderId, "PAID", { from: ["RELEASED"] })))
        throw new Error(`order ${orderId} changed under its claim`);
      await transitionOrderLines(tx, { orderId }, "RESERVED");
      changed(taken);
      return { outcome: "paid" };
    }
    // Everything this payment brought, given back.
    const paidCents = payment.amountCents ?? order.totalCents;
    const refund = await insertRefundRow(tx, {
      orderId,
      key: refundKey.late(orderId),
      amountCents: paidCents,
      paidCents,
      reason: "LATE_PAYMENT",
      now,
    });
    return { outcome: "refund", refundId: refund.id };
  });
}

/** Every line's stock again, all or nothing (a savepoint); null when any line is short. */
async function takeStockAgain(
  tx: Tx,
  marketId: string,
  lines: { productId: string; quantity: number }[],
  now: Date,
): Promise<StockChange[] | null> {
  await tx.$executeRawUnsafe("SAVEPOINT late_payment");
  const changes: StockChange[] = [];
  // Same order as reservations take rows in (no deadlock).
  for (const line of [...lines].sort((a, b) => (a.productId < b.productId ? -1 : 1))) {
    const rows = await tx.$queryRaw<{ stallId: string; stock: number; stockVersion: number }[]>`
      UPDATE "Product"
         SET "stock" = "stock" - ${line.quantity}, "stockVersion" = "stockVersion" + 1, "updatedAt" = ${now}
       WHERE "id" = ${line.productId} AND "stock" >= ${line.quantity}
      RETURNING "stallId", "stock", "stockVersion"`;
    const row = rows[0];
    if (!row) {
      await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT late_payment");
      await tx.$executeRawUnsafe("RELEASE SAVEPOINT late_payment");
      return null;
    }
    changes.push({
      productId: line.productId,
      stallId: row.stallId,
      marketId,
      stock: Number(row.stock),
      stockVersion: Number(row.stockVersion),
    });
  }
  await tx.$executeRawUnsafe("RELEASE SAVEPOINT late_payment");
  return changes;
}
