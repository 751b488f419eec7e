// Keeps a page's stock live: listens to stock:updated in the market's room and, on every
// (re)connection, joins the room and THEN asks stock:get, so a change made between the page's
// render (or a gap offline) and the join is never missed. Per product, the level with the highest
// stockVersion wins, whether it came from the page's data (a revalidation) or from the socket.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { isPassingRefusal, type StockLevel, type StockUpdated } from "./events";
import { withSocket } from "./socket.client";

export type KnownStock = { productId: string; stallId?: string; stock: number; stockVersion: number };
export type LiveLevel = { stock: number; stockVersion: number };
/** The freshest level known for a product of the page; undefined for a product it does not show. */
export type LiveStock = (productId: string) => LiveLevel | undefined;

type Levels = ReadonlyMap<string, LiveLevel>;

/** `levels` with every newer one of `incoming` (only for products in `keep`); the same map if none. */
export function mergeLevels(levels: Levels, incoming: readonly StockLevel[], keep: ReadonlySet<string>): Levels {
  let next: Map<string, LiveLevel> | null = null;
  for (const { productId, stock, stockVersion } of incoming) {
    if (!keep.has(productId)) continue;
    const known = (next ?? levels).get(productId);
    if (known && known.stockVersion >= stockVersion) continue;
    next ??= new Map(levels);
    next.set(productId, { stock, stockVersion });
  }
  return next ?? levels;
}

/**
 * `initial` is the page's data for the products it shows (re-read on every render, so a
 * revalidation newer than the socket's news wins). Null `marketId`: nothing live.
 */
export function useLiveStock(marketId: string | null, initial: readonly KnownStock[]): LiveStock {
  const [live, setLive] = useState<Levels>(() => new Map());
  const shown = useMemo(() => new Map(initial.map((p) => [p.productId, p])), [initial]);
  // Read by the socket's handlers, which outlive renders: only products the page shows are kept.
  const keep = useRef<ReadonlySet<string>>(new Set());
  keep.current = new Set(shown.keys());

  useEffect(() => {
    if (!marketId) return;
    return withSocket((socket) => {
      let active = true;
      let retry: number | undefined;
      const apply = (products: readonly StockLevel[]) => {
        if (active) setLive((levels) => mergeLevels(levels, products, keep.current));
      };
      const onUpdated = (event: StockUpdated) => {
        if (event.marketId === marketId) apply(event.products);
      };
      const sync = (attempt = 0) => {
        window.clearTimeout(retry);
        socket.emit("market:join", { marketId }, (joined) => {
          if (!active) return;
          // Too many events at once after quick navigations, a busy server or a server error: try
          // again later rather than look live and hear nothing. NOT_FOUND (unpublished) stays as it is.
          const later = () => {
            retry = window.setTimeout(
              () => socket.connected && sync(attempt + 1),
              Math.min(30_000, 2_000 * 2 ** attempt),
            );
          };
          if (!joined.ok) {
            if (isPassingRefusal(joined.error.code)) later();
            return;
          }
          // In the room now: whatever changes from here arrives as stock:updated.
          socket.emit("stock:get", { marketId }, (answer) => {
            if (!active) return;
            if (answer.ok) apply(answer.data.products);
            else if (isPassingRefusal(answer.error.code)) later();
          });
        });
      };
      const onConnect = () => sync();
      socket.on("stock:updated", onUpdated);
      socket.on("connect", onConnect);
      if (socket.connected) sync();
      return () => {
        active = false;
        window.clearTimeout(retry);
        socket.off("stock:updated", onUpdated);
        socket.off("connect", onConnect);
        if (socket.connected) socket.emit("market:leave", { marketId }, () => undefined);
      };
    });
  }, [marketId]);

  return useCallback(
    (productId: string) => {
      const base = shown.get(productId);
      const news = live.get(productId);
      if (!base) return undefined;
      return news && news.stockVersion > base.stockVersion
        ? news
        : { stock: base.stock, stockVersion: base.stockVersion };
    },
    [shown, live],
  );
}
