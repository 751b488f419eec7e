// A market's room: its openings and closings (server/scheduler.ts) and its stock changes.
import { getMarketOpenness } from "../../app/models/market-schedule.server";
import { getMarketStock } from "../../app/models/product.server";
import { rooms } from "../../app/realtime/events";
import type { SocketContext } from "./context";

export function registerMarketHandlers({ handle, join, notFound, socket }: SocketContext, deps: { now: () => Date }) {
  handle("market:join", async ({ marketId }) => {
    const status = await getMarketOpenness(marketId, deps.now());
    if (!status?.published) return notFound();
    await join(rooms.market(marketId));
    return { marketId, open: status.open, nextTransitionAt: status.nextTransitionAt, closure: status.closure };
  });

  handle("market:leave", async ({ marketId }) => {
    await socket.leave(rooms.market(marketId));
    return null;
  });
}

/** The stock of a market's products now; its changes come to the market's room (stock:updated). */
export function registerStockHandlers({ handle, notFound }: SocketContext) {
  handle("stock:get", async ({ marketId }) => {
    const products = await getMarketStock(marketId);
    if (!products) return notFound();
    return { marketId, products };
  });
}
