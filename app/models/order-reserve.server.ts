// Reserving a basket's stock: the hot path (a hot product at opening time). Reservations that
// arrive while one transaction runs share the next one (see `drain`): it locks the batch's product
// rows, decides every basket on those locked levels, then takes the stock with one conditional
// UPDATE per product (`stock >= n`: whatever decided, never below zero) in the same statement as
// the orders and lines. It runs on a raw `pg` connection from db's pool: Prisma's interactive
// transaction costs too much per statement here. The state machine is in ./order-status.ts; the
// Checkout Session and the release are in ./order-checkout.server.ts.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { databasePool, isDatabaseUnavailable } from "~/utils/db.server";
import type { MarketOpenness } from "./market-status";
import { statusAtFromWindows, type WindowRow } from "./market-windows.server";
import { newPickupCode, REFERENCE_SQL } from "./order-number.server";
import { HOLD_MS, LINES_MAX, QUANTITY_MAX } from "./order-status";
import { byProductId, stockTransactionOn, type StockChange } from "./stock-events.server";

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
  /** The order's number in its market and its reference ("R-0142"), app/models/order-number.server.ts. */
  number: number;
  reference: string;
  pickupCode: string;
  /** The pickup slot whose place the order holds (null: the market has no pickup point). */
  pickupSlotId: string | null;
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
  | { ok: false; reason: "insufficientStock"; short: ShortLine[] }
  /** The market has pickup points and no slot was chosen. */
  | { ok: false; reason: "slotRequired" }
  /** The slot has no room left. */
  | { ok: false; reason: "slotFull" }
  /** The slot has started already. */
  | { ok: false; reason: "slotPast" }
  /** No such slot in this market, or at a point one of the basket's stalls does not use. */
  | { ok: false; reason: "slotInvalid" };

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
  // The order stock rows are locked in (reservationSql.products, a release's or late payment's adjustStockLines):
  // two transactions never take the same rows in opposite orders (no deadlock).
  out.sort(byProductId);
  return { lines: out };
}

type ProductRow = {
  id: string;
  name: string;
  priceCents: number;
  stock: number;
  stockVersion: number;
  active: boolean;
  stallId: string;
  stallStatus: string;
  marketId: string;
};

type SlotRow = { id: string; marketId: string; startsAt: Date; capacity: number; booked: number; stallIds: string[] };

type Refused = Exclude<ReserveResult, { ok: true }>;

/**
 * The batch's statements, prepared once per connection (by name). Exported for the bare `pg`
 * baseline of bench/reservations.ts, which runs these same statements without this module.
 */
export const reservationSql = {
  /**
   * A market's status from its sessions and overrides still to come ($1 market, $2 since). Only
   * windows ending after `since` are read: whether the market is open at any instant from
   * `since` on depends on nothing else.
   */
  windows: {
    name: "reserve-windows",
    text: `
      SELECT 'MARKET' AS kind, "status" AS id, "createdAt" AS "startsAt", "createdAt" AS "endsAt", '' AS reason
        FROM "Market" WHERE "id" = $1
      UNION ALL
      SELECT 'SESSION', "id", "startsAt", "endsAt", '' FROM "MarketSession"
        WHERE "marketId" = $1 AND "cancelledAt" IS NULL AND "endsAt" > $2
      UNION ALL
      SELECT "kind", "id", "startsAt", "endsAt", "reason" FROM "MarketOverride"
        WHERE "marketId" = $1 AND "endsAt" > $2`,
  },
  /**
   * The batch's products ($1 ids), their rows locked until the commit, in one fixed order (the
   * ids' code units, as everywhere stock rows are locked: no deadlock). NO KEY: an order line's
   * foreign-key check (KEY SHARE) elsewhere does not wait for it.
   */
  products: {
    name: "reserve-products",
    text: `
      SELECT p."id", p."name", p."priceCents", p."stock", p."stockVersion", p."active",
             s."id" AS "stallId", s."status" AS "stallStatus", s."marketId"
        FROM "Product" p JOIN "Stall" s ON s."id" = p."stallId"
       WHERE p."id" = ANY($1::text[])
       ORDER BY p."id" COLLATE "C"
         FOR NO KEY UPDATE OF p`,
  },
  /** Which of these markets ($1 ids) have pickup points: their baskets must name a slot. */
  pickupMarkets: {
    name: "reserve-pickup-markets",
    text: `SELECT DISTINCT "marketId" FROM "PickupPoint" WHERE "marketId" = ANY($1::text[])`,
  },
  /**
   * The batch's pickup slots ($1 ids), locked after the products, in the ids' order (a release
   * locks its products, then its slot: the same order), with the stalls that use their point.
   */
  slots: {
    name: "reserve-slots",
    text: `
      SELECT sl."id", p."marketId", sl."startsAt", sl."capacity", sl."booked",
             ARRAY(SELECT sp."stallId" FROM "StallPickupPoint" sp WHERE sp."pickupPointId" = p."id") AS "stallIds"
        FROM "PickupSlot" sl JOIN "PickupPoint" p ON p."id" = sl."pickupPointId"
       WHERE sl."id" = ANY($1::text[])
       ORDER BY sl."id" COLLATE "C"
         FOR NO KEY UPDATE OF sl`,
  },
  /**
   * The whole batch's writes in one statement: each product's stock taken once for all its
   * baskets, still conditional (`stock >= n`: never below zero, whatever decided it), and the
   * orders (with the market's commission as it is now: a later change does not touch them) and
   * their lines. Returns the products' new levels.
   * Each order is numbered from its market's counter, taken once for the batch (the market's
   * row is locked by the increment until the commit, so numbers never repeat), in batch order.
   * Products: $1 ids, $2 quantities, $3 baskets taking each, $4 instants. Orders: $5 ids,
   * $6 markets, $7 buyers, $8 totals, $9 hold ends, $10 instants, $18 pickup codes. Lines:
   * $11 ids, $12 orders, $13 stalls, $14 products, $15 names, $16 unit prices, $17 quantities.
   * Pickup: $19 each order's slot (null without), $20 slot ids and $21 places taken in each, still
   * conditional (never past capacity).
   * Returns the products' new levels (kind 'product'), the orders' numbers (kind 'order') and the
   * slots' new `booked` (kind 'slot').
   */
  write: {
    name: "reserve-write",
    text: `
      WITH taken AS (
        UPDATE "Product" AS p
           SET "stock" = p."stock" - t.quantity, "stockVersion" = p."stockVersion" + t.times, "updatedAt" = t.at
          FROM unnest($1::text[], $2::int[], $3::int[], $4::timestamptz[]) AS t(id, quantity, times, at)
         WHERE p."id" = t.id AND p."stock" >= t.quantity
        RETURNING p."id", p."stock", p."stockVersion"
      ), places AS (
        UPDATE "PickupSlot" AS sl SET "booked" = sl."booked" + t.n
          FROM unnest($20::text[], $21::int[]) AS t(id, n)
         WHERE sl."id" = t.id AND sl."booked" + t.n <= sl."capacity"
        RETURNING sl."id", sl."booked"
      ), counters AS (
        UPDATE "Market" AS m SET "orderCounter" = m."orderCounter" + c.n
          FROM (SELECT market, COUNT(*)::int AS n FROM unnest($6::text[]) AS x(market) GROUP BY market) AS c
         WHERE m."id" = c.market
        RETURNING m."id", m."orderCounter" - c.n AS base, m."commissionBps",
                  (SELECT t."name" FROM "Town" t WHERE t."id" = m."townId") AS town
      ), numbered AS (
        SELECT o.*, c.town, c."commissionBps",
               (c.base + ROW_NUMBER() OVER (PARTITION BY o.market ORDER BY o.ord))::int AS number
          FROM unnest($5::text[], $6::text[], $7::text[], $8::int[], $9::timestamptz[], $10::timestamptz[], $18::text[], $19::text[])
               WITH ORDINALITY AS o(id, market, buyer, total, hold, at, code, slot, ord)
          JOIN counters c ON c."id" = o.market
      ), orders AS (
        INSERT INTO "Order" ("id", "marketId", "buyerId", "status", "totalCents", "currency", "holdExpiresAt", "version", "createdAt", "commissionBps", "number", "reference", "pickupCode", "pickupSlotId")
        SELECT n.id, n.market, n.buyer, 'RESERVED', n.total, 'eur', n.hold, 0, n.at, n."commissionBps", n.number,
               ${REFERENCE_SQL("n.town", "n.number")}, n.code, n.slot
          FROM numbered n
        RETURNING "id", "number", "reference"
      ), lines AS (
        INSERT INTO "OrderLine" ("id", "orderId", "stallId", "productId", "name", "unitPriceCents", "quantity", "status")
        SELECT l.id, l.orderid, l.stall, l.product, l.name, l.price, l.quantity, 'RESERVED'
          FROM unnest($11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::int[], $17::int[])
               AS l(id, orderid, stall, product, name, price, quantity)
      )
      SELECT 'product' AS kind, "id", "stock", "stockVersion", NULL AS "reference" FROM taken
      UNION ALL
      SELECT 'order', "id", "number", 0, "reference" FROM orders
      UNION ALL
      SELECT 'slot', "id", "booked", 0, NULL FROM places`,
  },
} as const;

type Pending = {
  buyerId: string;
  marketId: string;
  now: Date;
  lines: BasketLine[];
  pickupSlotId: string | null;
  resolve: (result: ReserveResult) => void;
  reject: (error: unknown) => void;
};

// Reservations arriving while a transaction runs wait for the next one and share it: five round
// trips whatever the batch's size (BEGIN, the markets' windows, the products locked, one
// statement writing stock, orders and lines, COMMIT), and one commit (one wait for the disk).
// That is what lets a hot product take thousands of reservations a second.
const BATCH_LINES_MAX = 500;
const queue: Pending[] = [];
let draining = false;

/**
 * Reserves a basket: in one transaction, checks the market is open, copies names and prices
 * from the database, takes each line's stock (never below zero), and writes the order and its
 * lines. If any line cannot be taken, nothing of this basket is, and the result lists every
 * short line with what is left. In a market with pickup points, the basket also takes a place in
 * `pickupSlotId` (a slot to come, with room, at a point every stall of the basket uses), or
 * nothing at all.
 */
export function reserveOrder(input: {
  buyerId: string;
  marketId: string;
  lines: readonly BasketLine[];
  now: Date;
  pickupSlotId?: string | null;
}): Promise<ReserveResult> {
  const basket = normaliseBasket(input.lines);
  if ("message" in basket) return Promise.resolve({ ok: false, reason: "invalid", message: basket.message });
  return new Promise((resolve, reject) => {
    queue.push({
      buyerId: input.buyerId,
      marketId: input.marketId,
      now: input.now,
      lines: basket.lines,
      pickupSlotId: input.pickupSlotId ?? null,
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
    // each is tried again alone, and only the culprit gets the error. Not when the database is
    // out of reach or past a timeout (a row held by another transaction): each retry would wait
    // for it in turn, and a COMMIT whose answer was lost may have committed, so trying again
    // could take the stock twice. The buyers get a 503 "try again" (isDatabaseUnavailable).
    if (batch.length === 1 || isDatabaseUnavailable(error)) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    for (const pending of batch) await runBatch([pending]);
    return;
  }
  batch.forEach((pending, i) => pending.resolve(results[i]!));
}

/**
 * `work` in one transaction on a connection of its own from db's pool, rolled back if it throws.
 * Raw `pg`, not `db.$transaction`: see databasePool().
 */
async function inPgTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await databasePool().connect();
  let broken: Error | undefined;
  // The pool stops listening while a connection is lent: a connection lost meanwhile would emit
  // an unhandled 'error' and end the process. Heard here, it fails this batch and is dropped.
  const lost = (error: Error) => (broken = error);
  client.on("error", lost);
  try {
    // Batches run one after another: one stuck on a lock or a silent connection must not hold
    // every later reservation of this instance (Prisma's transactions had a 5 s limit too).
    await client.query(TRANSACTION_START);
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    // A connection that cannot even roll back is dropped, not handed to the next caller.
    await client.query("ROLLBACK").catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    client.removeListener("error", lost);
    client.release(broken);
  }
}

const TRANSACTION_START = "BEGIN; SET LOCAL lock_timeout = '2s'; SET LOCAL statement_timeout = '5s'";

async function reserveBatch(batch: Pending[]): Promise<ReserveResult[]> {
  const ids = [...new Set(batch.flatMap((p) => p.lines.map((l) => l.productId)))];
  return stockTransactionOn(inPgTransaction<ReserveResult[]>, async (client, changed) => {
    const statusOf = new Map<string, ((now: Date) => MarketOpenness) | null>();
    for (const marketId of new Set(batch.map((p) => p.marketId))) {
      const since = new Date(Math.min(...batch.filter((p) => p.marketId === marketId).map((p) => p.now.getTime())));
      const windows = await client.query<WindowRow>({
        ...reservationSql.windows,
        values: [marketId, since.toISOString()],
      });
      statusOf.set(marketId, statusAtFromWindows(windows.rows));
    }
    // Locked until the commit: the levels read here are the levels the batch takes from, so
    // every basket is decided here, in arrival order, and a refused one writes nothing.
    const products = await client.query<ProductRow>({ ...reservationSql.products, values: [ids] });
    const byId = new Map(products.rows.map((p) => [p.id, { ...p }]));
    const pickup = await lockPickup(client, batch);

    const results: ReserveResult[] = [];
    const accepted: ReservedOrder[] = [];
    const taken: StockChange[] = [];
    for (const pending of batch) {
      const outcome = reserveOne(pending, statusOf.get(pending.marketId) ?? null, byId, pickup);
      if ("ok" in outcome) {
        results.push(outcome);
        continue;
      }
      taken.push(...outcome.taken);
      accepted.push(outcome.order);
      results.push({ ok: true, order: outcome.order });
    }
    if (accepted.length) await writeReservations(client, accepted, byId, pickup.slots);
    changed(taken);
    return results;
  });
}

type BatchPickup = { markets: Set<string>; slots: Map<string, SlotRow> };

/** The batch's markets that have pickup points, and its slots, locked (after the products). */
async function lockPickup(client: pg.PoolClient, batch: Pending[]): Promise<BatchPickup> {
  const markets = await client.query<{ marketId: string }>({
    ...reservationSql.pickupMarkets,
    values: [[...new Set(batch.map((p) => p.marketId))]],
  });
  const slotIds = [...new Set(batch.flatMap((p) => (p.pickupSlotId ? [p.pickupSlotId] : [])))];
  const slots = slotIds.length
    ? (await client.query<SlotRow>({ ...reservationSql.slots, values: [slotIds] })).rows
    : [];
  return { markets: new Set(markets.rows.map((m) => m.marketId)), slots: new Map(slots.map((s) => [s.id, { ...s }])) };
}

/** Why a basket cannot take its slot's place (decided on the locked `booked`), or null. */
function slotRefusal(pending: Pending, byId: Map<string, ProductRow>, pickup: BatchPickup): Refused | null {
  const { pickupSlotId, marketId, now } = pending;
  if (!pickup.markets.has(marketId)) return pickupSlotId ? { ok: false, reason: "slotInvalid" } : null;
  if (!pickupSlotId) return { ok: false, reason: "slotRequired" };
  const slot = pickup.slots.get(pickupSlotId);
  const stalls = new Set(pending.lines.map((l) => byId.get(l.productId)!.stallId));
  if (!slot || slot.marketId !== marketId || [...stalls].some((id) => !slot.stallIds.includes(id))) {
    return { ok: false, reason: "slotInvalid" };
  }
  if (slot.startsAt.getTime() <= now.getTime()) return { ok: false, reason: "slotPast" };
  if (slot.booked >= slot.capacity) return { ok: false, reason: "slotFull" };
  return null;
}

/** One basket, decided on the batch's locked levels (`byId` and the slots, lowered for the next basket). */
function reserveOne(
  pending: Pending,
  statusAt: ((now: Date) => MarketOpenness) | null,
  byId: Map<string, ProductRow>,
  pickup: BatchPickup,
): Refused | { order: ReservedOrder; taken: StockChange[] } {
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
  const noPlace = slotRefusal(pending, byId, pickup);
  if (noPlace) return noPlace;
  if (lines.some((l) => byId.get(l.productId)!.stock < l.quantity)) return shortRefusal(lines, byId);

  if (pending.pickupSlotId) pickup.slots.get(pending.pickupSlotId)!.booked += 1;
  // Each basket's own level and version, as if its UPDATE had run alone: one stock change per
  // line, each with its own version.
  const taken = lines.map((line): StockChange => {
    const p = byId.get(line.productId)!;
    p.stock -= line.quantity;
    p.stockVersion += 1;
    return { productId: p.id, stallId: p.stallId, marketId, stock: p.stock, stockVersion: p.stockVersion };
  });
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
    id: randomUUID(),
    marketId,
    buyerId: pending.buyerId,
    status: "RESERVED",
    totalCents: orderLines.reduce((sum, l) => sum + l.unitPriceCents * l.quantity, 0),
    currency: "eur",
    holdExpiresAt: new Date(now.getTime() + HOLD_MS),
    createdAt: now,
    // Numbered by the batch's statement, in writeReservations.
    number: 0,
    reference: "",
    pickupCode: newPickupCode(),
    pickupSlotId: pending.pickupSlotId,
    lines: orderLines,
  };
  return { order, taken };
}

/** The accepted orders, their lines and the stock they take, in one statement (reservationSql.write). */
async function writeReservations(
  client: pg.PoolClient,
  orders: ReservedOrder[],
  byId: Map<string, ProductRow>,
  slots: Map<string, SlotRow>,
): Promise<void> {
  const perProduct = new Map<string, { quantity: number; times: number; at: string }>();
  for (const order of orders) {
    for (const line of order.lines) {
      const sum = perProduct.get(line.productId) ?? { quantity: 0, times: 0, at: "" };
      perProduct.set(line.productId, {
        quantity: sum.quantity + line.quantity,
        times: sum.times + 1,
        at: order.createdAt.toISOString(),
      });
    }
  }
  const lines = orders.flatMap((o) => o.lines.map((l) => ({ ...l, orderId: o.id })));
  const sums = [...perProduct];
  const places = new Map<string, number>();
  for (const order of orders) {
    if (order.pickupSlotId) places.set(order.pickupSlotId, (places.get(order.pickupSlotId) ?? 0) + 1);
  }
  const written = await client.query<
    | { kind: "product"; id: string; stock: number; stockVersion: number }
    | { kind: "order"; id: string; stock: number; reference: string }
    | { kind: "slot"; id: string; stock: number }
  >({
    ...reservationSql.write,
    values: [
      sums.map(([id]) => id),
      sums.map(([, s]) => s.quantity),
      sums.map(([, s]) => s.times),
      sums.map(([, s]) => s.at),
      orders.map((o) => o.id),
      orders.map((o) => o.marketId),
      orders.map((o) => o.buyerId),
      orders.map((o) => o.totalCents),
      orders.map((o) => o.holdExpiresAt.toISOString()),
      orders.map((o) => o.createdAt.toISOString()),
      lines.map((l) => l.id),
      lines.map((l) => l.orderId),
      lines.map((l) => l.stallId),
      lines.map((l) => l.productId),
      lines.map((l) => l.name),
      lines.map((l) => l.unitPriceCents),
      lines.map((l) => l.quantity),
      orders.map((o) => o.pickupCode),
      orders.map((o) => o.pickupSlotId),
      [...places.keys()],
      [...places.values()],
    ],
  });
  const levels = written.rows.filter((r) => r.kind === "product");
  for (const row of written.rows) {
    if (row.kind !== "order") continue;
    const order = orders.find((o) => o.id === row.id)!;
    order.number = row.stock;
    order.reference = row.reference;
  }
  // The rows were locked since they were read: anything but the levels decided above means the
  // decision was made on wrong figures. Thrown, the transaction (orders included) rolls back.
  const agree = levels.every(
    (r) => byId.get(r.id)!.stock === r.stock && byId.get(r.id)!.stockVersion === r.stockVersion,
  );
  if (levels.length !== sums.length || !agree) {
    throw new Error("reservation batch: stock levels moved under the batch's row locks");
  }
  const booked = written.rows.filter((r) => r.kind === "slot");
  if (booked.length !== places.size || booked.some((r) => slots.get(r.id)!.booked !== r.stock)) {
    throw new Error("reservation batch: pickup slots moved under the batch's row locks");
  }
}

function shortRefusal(lines: readonly BasketLine[], byId: Map<string, ProductRow>): Refused {
  const short = lines
    .map((l) => {
      const p = byId.get(l.productId)!;
      return { productId: p.id, name: p.name, requested: l.quantity, available: Math.max(0, p.stock) };
    })
    .filter((s) => s.available < s.requested);
  return { ok: false, reason: "insufficientStock", short };
}
