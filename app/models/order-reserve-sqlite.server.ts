// The reservation batch on SQLite: the same rules, statements and results as the Prisma path in
// ./order.server.ts (`reserveBatch`), run as one synchronous transaction of prepared statements
// on Prisma's own connection (`db.$directTransaction`). Through Prisma each statement cost 0.2 to
// 0.5 ms (its query compiler, its client runtime, the adapter preparing the SQL again), 20 times
// the statement itself; a hot product's batch is mostly such statements. The Prisma path stays
// for a database other than SQLite, and the tests run both.
import { randomUUID } from "node:crypto";
import { catalogueChangedElsewhere, db } from "~/utils/db.server";
import type { DirectStatements } from "~/utils/sqlite-adapter.server";
import { statusAtFromWindows, type MarketOpenness, type WindowRow } from "./market-windows.server";
import type { BasketLine, ReservedOrder, ReserveResult } from "./order.server";
import { HOLD_MS } from "./order-status";
import { publishStockChanges, type StockChange } from "./stock-events.server";

// db.server makes SQLite clients only; a PostgreSQL one would start this at false.
let direct = true;

/** Whether order.server's reservation batches go through `reserveBatchDirect`. */
export function reservesDirectly(): boolean {
  return direct;
}

/** For tests and the benchmark: false makes reservations take the Prisma path again. */
export function setDirectReservations(on: boolean): void {
  direct = on;
}

/** One basket of the batch, already normalised (merged, checked, sorted by product id). */
export type BatchBasket = { buyerId: string; marketId: string; now: Date; lines: readonly BasketLine[] };

type Refused = Exclude<ReserveResult, { ok: true }>;
type Product = {
  id: string;
  name: string;
  priceCents: number;
  stock: number;
  active: number;
  stallId: string;
  stallStatus: string;
  marketId: string;
};
// Fixed texts: each is prepared once on the connection and kept.
const WINDOWS = `
  SELECT 'MARKET' AS kind, "status" AS id, "createdAt" AS "startsAt", "createdAt" AS "endsAt", '' AS reason
    FROM "Market" WHERE "id" = ?
  UNION ALL
  SELECT 'SESSION', "id", "startsAt", "endsAt", '' FROM "MarketSession"
    WHERE "marketId" = ? AND "cancelledAt" IS NULL AND "endsAt" > ?
  UNION ALL
  SELECT "kind", "id", "startsAt", "endsAt", "reason" FROM "MarketOverride"
    WHERE "marketId" = ? AND "endsAt" > ?`;
// One product at a time: one text whatever the batch holds, and the batch holds few products.
const PRODUCT = `
  SELECT p."id", p."name", p."priceCents", p."stock", p."active", s."id" AS "stallId",
         s."status" AS "stallStatus", s."marketId"
    FROM "Product" p JOIN "Stall" s ON s."id" = p."stallId"
   WHERE p."id" = ?`;
const TAKE = `
  UPDATE "Product"
     SET "stock" = "stock" - ?, "stockVersion" = "stockVersion" + 1, "updatedAt" = ?
   WHERE "id" = ? AND "stock" >= ?
  RETURNING "stock", "stockVersion"`;
const STOCK = `SELECT "stock" FROM "Product" WHERE "id" = ?`;
const INSERT_ORDER = `
  INSERT INTO "Order" ("id", "marketId", "buyerId", "status", "totalCents", "currency", "holdExpiresAt", "version", "createdAt")
  VALUES (?, ?, ?, 'RESERVED', ?, 'eur', ?, 0, ?)`;
const INSERT_LINE = `
  INSERT INTO "OrderLine" ("id", "orderId", "stallId", "productId", "name", "unitPriceCents", "quantity", "status")
  VALUES (?, ?, ?, ?, ?, ?, ?, 'RESERVED')`;

/**
 * Reserves a batch of baskets in one transaction: each basket all or nothing (a savepoint gives
 * back a short basket's other lines), each line's stock taken by one conditional UPDATE whose
 * returned row decides. Throws (and writes nothing) when a statement fails, such as an unknown
 * buyer's foreign key: the caller retries the baskets one by one. Publishes the stock taken
 * after the commit.
 */
export async function reserveBatchDirect(batch: readonly BatchBasket[]): Promise<ReserveResult[]> {
  let changes: StockChange[] = [];
  catalogueChangedElsewhere();
  try {
    const { results, taken } = await db.$directTransaction((sql) => reserveIn(sql, batch));
    changes = taken;
    return results;
  } finally {
    publishStockChanges(changes);
  }
}

function reserveIn(sql: DirectStatements, batch: readonly BatchBasket[]) {
  const statusOf = new Map<string, ((now: Date) => MarketOpenness) | null>();
  for (const marketId of new Set(batch.map((b) => b.marketId))) {
    const since = new Date(Math.min(...batch.filter((b) => b.marketId === marketId).map((b) => b.now.getTime())));
    statusOf.set(marketId, marketWindows(sql, marketId, since));
  }
  // Kept up to date with each UPDATE's RETURNING: what the next basket in the batch sees.
  const byId = new Map<string, Product>();
  for (const id of new Set(batch.flatMap((b) => b.lines.map((l) => l.productId)))) {
    const [product] = sql.all<Product>(PRODUCT, [id]);
    if (product) byId.set(id, product);
  }
  const results: ReserveResult[] = [];
  const taken: StockChange[] = [];
  for (const basket of batch) {
    const outcome = reserveOne(sql, basket, statusOf.get(basket.marketId) ?? null, byId);
    if ("ok" in outcome) {
      results.push(outcome);
      continue;
    }
    const { order } = outcome;
    sql.run(INSERT_ORDER, [
      order.id,
      order.marketId,
      order.buyerId,
      order.totalCents,
      order.holdExpiresAt,
      order.createdAt,
    ]);
    for (const l of order.lines) {
      sql.run(INSERT_LINE, [l.id, order.id, l.stallId, l.productId, l.name, l.unitPriceCents, l.quantity]);
    }
    taken.push(...outcome.taken);
    results.push({ ok: true, order });
  }
  return { results, taken };
}

/**
 * The market's status from its sessions and overrides still to come. Only windows ending after
 * `since` are read: whether the market is open at any instant from `since` on depends on nothing else.
 */
function marketWindows(sql: DirectStatements, marketId: string, since: Date) {
  const rows = sql.all<WindowRow>(WINDOWS, [marketId, marketId, since, marketId, since]);
  return statusAtFromWindows(rows);
}

/** A line's UPDATE found too little stock: the basket's savepoint gives back its other lines. */
class RanShort extends Error {}

function reserveOne(
  sql: DirectStatements,
  basket: BatchBasket,
  statusAt: ((now: Date) => MarketOpenness) | null,
  byId: Map<string, Product>,
): Refused | { order: ReservedOrder; taken: StockChange[] } {
  const { lines, marketId, now } = basket;
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
  // What this transaction has seen says who is short for the message; only the UPDATE decides.
  if (lines.some((l) => byId.get(l.productId)!.stock < l.quantity)) return shortRefusal(lines, byId);

  const take = () =>
    lines.map((line): StockChange => {
      const [row] = sql.all<{ stock: number; stockVersion: number }>(TAKE, [
        line.quantity,
        now,
        line.productId,
        line.quantity,
      ]);
      if (!row) throw new RanShort();
      const product = byId.get(line.productId)!;
      product.stock = row.stock;
      return {
        productId: line.productId,
        stallId: product.stallId,
        marketId,
        stock: row.stock,
        stockVersion: row.stockVersion,
      };
    });
  let taken: StockChange[];
  try {
    // One line is one UPDATE: it takes all or nothing without a savepoint.
    taken = lines.length > 1 ? sql.savepoint(take) : take();
  } catch (error) {
    if (!(error instanceof RanShort)) throw error;
    for (const line of lines) {
      const [row] = sql.all<{ stock: number }>(STOCK, [line.productId]);
      if (row) byId.get(line.productId)!.stock = row.stock;
    }
    return shortRefusal(lines, byId);
  }

  const at = Date.now();
  const orderLines = lines.map((l) => {
    const p = byId.get(l.productId)!;
    return {
      id: timeOrderedId(at),
      productId: p.id,
      stallId: p.stallId,
      name: p.name,
      unitPriceCents: p.priceCents,
      quantity: l.quantity,
    };
  });
  const order: ReservedOrder = {
    id: timeOrderedId(at),
    marketId,
    buyerId: basket.buyerId,
    status: "RESERVED",
    totalCents: orderLines.reduce((sum, l) => sum + l.unitPriceCents * l.quantity, 0),
    currency: "eur",
    holdExpiresAt: new Date(now.getTime() + HOLD_MS),
    createdAt: now,
    lines: orderLines,
  };
  return { order, taken };
}

/**
 * A UUID whose first 48 bits are the time in milliseconds (version 7, RFC 9562): rows inserted
 * together land next to each other in the id's index. Random (version 4) ids put every new order
 * and line on a different page of those indexes, so each batch dirtied about 50 pages and its
 * commit and the checkpoints after it wrote them all. The other 74 bits stay random.
 */
export function timeOrderedId(ms: number): string {
  const time = ms.toString(16).padStart(12, "0");
  // randomUUID is "xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx", its variant already set.
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${randomUUID().slice(15)}`;
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
