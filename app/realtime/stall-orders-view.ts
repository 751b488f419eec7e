// A stall's orders as the merchant's page keeps them between two loads: a pure reducer of what
// merchant:<stallId> hears. order:created carries the whole order (this stall's lines);
// order:updated only statuses, so an update about an order the page does not hold, or about a
// line it does not know, is not guessed: the reducer answers `stale` and the page reloads.
// Versions only grow: older news than what is shown changes nothing.
import { stallTotal } from "~/models/line-money";
import type { MerchantOrderDto, OrderUpdated } from "./events";

export type StallOrdersState = {
  orders: MerchantOrderDto[];
  /** Orders that arrived live since the page opened: highlighted until handled. */
  fresh: string[];
  stale: boolean;
};

export type StallOrdersEvent =
  | { type: "reset"; orders: MerchantOrderDto[] }
  | { type: "created"; order: MerchantOrderDto }
  | { type: "updated"; event: OrderUpdated }
  | { type: "handled"; orderId: string };

/** Newest payment first, as the server lists them. */
export function compareOrders(a: MerchantOrderDto, b: MerchantOrderDto): number {
  return (b.paidAt ?? "").localeCompare(a.paidAt ?? "") || b.orderId.localeCompare(a.orderId);
}

export function stallOrdersState(orders: MerchantOrderDto[]): StallOrdersState {
  return { orders: [...orders].sort(compareOrders), fresh: [], stale: false };
}

export function reduceStallOrders(stallId: string) {
  return (state: StallOrdersState, event: StallOrdersEvent): StallOrdersState => {
    switch (event.type) {
      case "reset": {
        // The loader's rows, with whatever arrived live meanwhile and is newer kept on top of them.
        const byId = new Map(state.orders.map((o) => [o.orderId, o]));
        for (const loaded of event.orders) {
          const shown = byId.get(loaded.orderId);
          if (!shown || loaded.version >= shown.version) byId.set(loaded.orderId, loaded);
        }
        return { orders: [...byId.values()].sort(compareOrders), fresh: state.fresh, stale: false };
      }
      case "created": {
        const { order } = event;
        if (order.stallId !== stallId) return state;
        const shown = state.orders.find((o) => o.orderId === order.orderId);
        if (shown && shown.version >= order.version) return state;
        const orders = [...state.orders.filter((o) => o.orderId !== order.orderId), order].sort(compareOrders);
        return { ...state, orders, fresh: shown ? state.fresh : [order.orderId, ...state.fresh] };
      }
      case "updated": {
        const { event: update } = event;
        const mine = update.lines.filter((line) => line.stallId === stallId);
        if (mine.length === 0) return state;
        const index = state.orders.findIndex((o) => o.orderId === update.orderId);
        if (index === -1) return { ...state, stale: true };
        const shown = state.orders[index]!;
        if (update.version <= shown.version) return state;
        const statuses = new Map(mine.map((line) => [line.id, line.status]));
        if (shown.lines.some((line) => !statuses.has(line.id)) || mine.length !== shown.lines.length) {
          return { ...state, stale: true };
        }
        const lines = shown.lines.map((line) => ({ ...line, status: statuses.get(line.id)! }));
        const next: MerchantOrderDto = {
          ...shown,
          status: update.status,
          version: update.version,
          lines,
          // A refused or refunded line leaves the total, as the server counts it.
          totalCents: stallTotal(update.status, lines).netCents,
        };
        const orders = [...state.orders];
        orders[index] = next;
        return { ...state, orders };
      }
      case "handled":
        return state.fresh.includes(event.orderId)
          ? { ...state, fresh: state.fresh.filter((id) => id !== event.orderId) }
          : state;
    }
  };
}
