// Every committed stock change (a reservation, a release, a payment taking stock again, a
// merchant's edit) is published here once, after its commit; the live-stock broadcaster listens.
import { db, dropPublicPageMemos, type Tx } from "~/utils/db.server";

/** The one order in which stock rows are written: every transaction locks them alike, so two
 *  transactions on the same products never wait for each other in a circle (a deadlock). */
export const byProductId = (a: { productId: string }, b: { productId: string }) =>
  a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0;

export type StockChange = { productId: string; stallId: string; marketId: string; stock: number; stockVersion: number };
type StockListener = (changes: StockChange[]) => void;

/** An order line's stock movement: its product and how many units. */
export type StockLine = { productId: string; quantity: number };

/**
 * Moves each line's stock by its quantity, one conditional UPDATE per line in `byProductId`
 * order (the order every stock write locks rows in). "give back" (a release) adds it; a product
 * gone since is skipped. "take" (a late payment) takes it only where enough is left, all lines
 * or none: under a savepoint rolled back when a line is short, which answers null.
 */
export function adjustStockLines(
  tx: Tx,
  marketId: string,
  lines: readonly StockLine[],
  direction: "give back",
  now: Date,
): Promise<StockChange[]>;
export function adjustStockLines(
  tx: Tx,
  marketId: string,
  lines: readonly StockLine[],
  direction: "take",
  now: Date,
): Promise<StockChange[] | null>;
export async function adjustStockLines(
  tx: Tx,
  marketId: string,
  lines: readonly StockLine[],
  direction: "give back" | "take",
  now: Date,
): Promise<StockChange[] | null> {
  const taking = direction === "take";
  if (taking) await tx.$executeRawUnsafe("SAVEPOINT take_stock");
  const changes: StockChange[] = [];
  for (const line of [...lines].sort(byProductId)) {
    const delta = taking ? -line.quantity : line.quantity;
    // "stock" + delta >= 0 is the taking guard; giving back (delta > 0) always passes it.
    const rows = await tx.$queryRaw<StockRow[]>`
      UPDATE "Product"
         SET "stock" = "stock" + ${delta}, "stockVersion" = "stockVersion" + 1, "updatedAt" = ${now}
       WHERE "id" = ${line.productId} AND "stock" + ${delta} >= 0
      RETURNING "stallId", "stock", "stockVersion"`;
    const row = rows[0];
    if (row) changes.push(stockChangeOf(line.productId, marketId, row));
    else if (taking) {
      await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT take_stock");
      await tx.$executeRawUnsafe("RELEASE SAVEPOINT take_stock");
      return null;
    }
  }
  if (taking) await tx.$executeRawUnsafe("RELEASE SAVEPOINT take_stock");
  return changes;
}

/** A product's row as a stock UPDATE returned it (`RETURNING "stallId", "stock", "stockVersion"`). */
export type StockRow = { stallId: string; stock: number; stockVersion: number };

/** The change a stock UPDATE of `productId` made, from the row it returned. */
export function stockChangeOf(productId: string, marketId: string, row: StockRow): StockChange {
  // Numbers, whatever the raw query's driver made of the columns.
  return {
    productId,
    stallId: row.stallId,
    marketId,
    stock: Number(row.stock),
    stockVersion: Number(row.stockVersion),
  };
}

const stockListeners = new Set<StockListener>();

/** Calls `listener` after each committed stock change, with the levels the writes returned. */
export function onStockChanged(listener: StockListener): () => void {
  stockListeners.add(listener);
  return () => stockListeners.delete(listener);
}

/** Call after the commit (also with no changes, after raw SQL: the cached public pages go). */
export function publishStockChanges(changes: StockChange[]): void {
  // Raw SQL is invisible to db.server's catalogue extension: public pages show stock, so their
  // cached reads must go.
  dropPublicPageMemos();
  if (changes.length === 0) return;
  for (const listener of stockListeners) {
    try {
      listener(changes);
    } catch (error) {
      // A listener's bug must not turn a committed reservation into an error for the buyer.
      console.error("onStockChanged listener failed", error);
    }
  }
}

/**
 * `work` in one transaction; the stock changes it reports through `changed` are published once
 * the commit succeeded. A transaction that fails publishes nothing: no page may see a stock
 * version (or a sale) that never existed. Every stock write in the models goes through here:
 * Prisma's transactions by default, or another runner (the reservation's raw `pg` one).
 */
export function stockTransaction<T>(work: (tx: Tx, changed: Changed) => Promise<T>): Promise<T> {
  return stockTransactionOn((body) => db.$transaction(body), work);
}

type Changed = (changes: readonly StockChange[]) => void;

/** stockTransaction on a transaction runner of the caller's (`run` commits, or throws). */
export async function stockTransactionOn<C, T>(
  run: (body: (client: C) => Promise<T>) => Promise<T>,
  work: (client: C, changed: Changed) => Promise<T>,
): Promise<T> {
  const changes: StockChange[] = [];
  // Before as well as after (publishStockChanges): a cached public read that starts while the
  // transaction runs is dropped at the next request.
  dropPublicPageMemos();
  let committed = false;
  try {
    const result = await run((client) => work(client, (more) => void changes.push(...more)));
    committed = true;
    return result;
  } finally {
    publishStockChanges(committed ? changes : []);
  }
}
