// Live stock: every committed stock change (stock-events.server.ts) reaches the market's room and
// the stall rooms concerned as stock:updated, coalesced per market (stock-coalescer.ts).
//
// One broadcaster per process, however many servers run in it (tests start several to play
// several instances): with the Redis adapter each instance broadcasts the changes made in its
// own process, and two subscriptions in one process would send every change twice. It sends
// through the socket server that started it last and is still running.
import { onStockChanged } from "~/models/stock-events.server";
import type { StockUpdated } from "./events";
import { createStockCoalescer, type StockCoalescer, type StockEmit } from "./stock-coalescer";

export type StockBroadcastObserver = (event: StockUpdated, to: string[], at: number) => void;

type State = {
  emitters: StockEmit[];
  coalescer: StockCoalescer;
  unsubscribe: () => void;
  observers: Set<StockBroadcastObserver>;
};

let current: State | null = null;

/**
 * Starts broadcasting stock changes through `emit` (the server's io.to(rooms).emit). The window
 * is the first starter's. Returns stop(): the last one to stop sends what still waits first.
 */
export function startStockBroadcaster(emit: StockEmit, options: { windowMs?: number } = {}): () => void {
  let state = current;
  if (!state) {
    const observers = new Set<StockBroadcastObserver>();
    const emitters: StockEmit[] = [];
    const coalescer = createStockCoalescer({
      windowMs: options.windowMs,
      emit: (to, event) => {
        const at = performance.timeOrigin + performance.now();
        emitters.at(-1)?.(to, event);
        for (const observer of observers) observer(event, to, at);
      },
    });
    const unsubscribe = onStockChanged((changes) => coalescer.add(changes));
    state = current = { emitters, coalescer, unsubscribe, observers };
  }
  state.emitters.push(emit);
  const mine = state;
  return () => {
    const index = mine.emitters.lastIndexOf(emit);
    if (index < 0) return;
    if (mine.emitters.length === 1) {
      mine.coalescer.flush();
      mine.unsubscribe();
      if (current === mine) current = null;
    }
    mine.emitters.splice(index, 1);
  };
}

/** Sends the changes waiting in every market's window now (tests; a graceful stop does it too). */
export function flushStockBroadcasts(): void {
  current?.coalescer.flush();
}

/**
 * Calls `observer` after each stock:updated sent, with the wall-clock instant (ms, sub-ms
 * precision) it was sent at: bench/stock-fanout.ts measures delivery from there.
 */
export function observeStockBroadcasts(observer: StockBroadcastObserver): () => void {
  const state = current;
  if (!state) throw new Error("the stock broadcaster is not started");
  state.observers.add(observer);
  return () => state.observers.delete(observer);
}
