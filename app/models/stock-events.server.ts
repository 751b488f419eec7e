// Every committed stock change (a reservation, a release, a payment taking stock again, a
// merchant's edit) is published here once, after its commit; the live-stock broadcaster listens.
import { dropPublicPageMemos } from "~/utils/db.server";

export type StockChange = { productId: string; stallId: string; marketId: string; stock: number; stockVersion: number };
type StockListener = (changes: StockChange[]) => void;

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
