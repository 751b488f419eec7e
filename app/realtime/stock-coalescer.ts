// Stock changes are coalesced per market before they reach the sockets, so a hot product does
// not flood thousands of them: at most one stock:updated per market per window. The first change
// after a quiet window goes out at once (a sale here and there reaches screens without waiting);
// changes during the window wait for its end and go together, each product at its newest level.
// Plain logic with an injected emit: the app's broadcaster and the benchmark's bare Socket.IO
// server (bench/) run the same code.
import { rooms, STOCK_COALESCE_MS, type StockLevel, type StockUpdated } from "./events";

export type StockChangeIn = StockLevel & { marketId: string };
export type StockEmit = (to: string[], event: StockUpdated) => void;

type MarketWindow = { timer: ReturnType<typeof setTimeout>; pending: Map<string, StockLevel> | null };

export type StockCoalescer = {
  add(changes: readonly StockChangeIn[]): void;
  /** Sends whatever waits now and ends every window: the next change goes out at once. */
  flush(): void;
};

/** Keeps, per product, the level with the highest stockVersion. */
function keepNewest(into: Map<string, StockLevel>, level: StockLevel) {
  const known = into.get(level.productId);
  if (!known || known.stockVersion < level.stockVersion) {
    into.set(level.productId, {
      productId: level.productId,
      stallId: level.stallId,
      stock: level.stock,
      stockVersion: level.stockVersion,
    });
  }
}

export function createStockCoalescer(options: { emit: StockEmit; windowMs?: number }): StockCoalescer {
  const windowMs = options.windowMs ?? STOCK_COALESCE_MS;
  const windows = new Map<string, MarketWindow>();

  function send(marketId: string, levels: Map<string, StockLevel>) {
    const products = [...levels.values()];
    const stallIds = [...new Set(products.map((p) => p.stallId))];
    // One emit to every room at once: a socket in the market's room and a stall's hears it once.
    try {
      options.emit([rooms.market(marketId), ...stallIds.map(rooms.stall)], { marketId, products });
    } catch (error) {
      // The change is committed whatever happens here; clients catch up with stock:get.
      console.error(`stock:updated for market ${marketId} failed:`, error);
    }
  }

  function openWindow(marketId: string): MarketWindow {
    // unref: a window waiting to close must not keep a finished script alive.
    const timer = setTimeout(() => closeWindow(marketId), windowMs);
    timer.unref?.();
    const window = { timer, pending: null };
    windows.set(marketId, window);
    return window;
  }

  function closeWindow(marketId: string) {
    const window = windows.get(marketId);
    if (!window) return;
    windows.delete(marketId);
    if (!window.pending) return; // a quiet window: the next change goes out at once
    send(marketId, window.pending);
    // What was just sent starts a window of its own, or a steady flow would get two sends per window.
    openWindow(marketId);
  }

  return {
    add(changes) {
      const byMarket = new Map<string, Map<string, StockLevel>>();
      for (const change of changes) {
        let levels = byMarket.get(change.marketId);
        if (!levels) byMarket.set(change.marketId, (levels = new Map()));
        keepNewest(levels, change);
      }
      for (const [marketId, levels] of byMarket) {
        const window = windows.get(marketId);
        if (window) {
          window.pending ??= new Map();
          for (const level of levels.values()) keepNewest(window.pending, level);
        } else {
          send(marketId, levels);
          openWindow(marketId);
        }
      }
    },
    flush() {
      const open = [...windows];
      windows.clear();
      for (const [marketId, window] of open) {
        clearTimeout(window.timer);
        if (window.pending) send(marketId, window.pending);
      }
    },
  };
}
