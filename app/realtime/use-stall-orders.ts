// Keeps a stall's orders page live: the page joins merchant:<stallId> (the owner only) and hears
// order:created (a new paid order, whole) and order:updated (statuses). The rows come from the
// loader; the events move them at once (stall-orders-view.ts), and the loader is asked again
// after each, for the counts, and after each (re)join, since the server replays nothing missed
// while the socket was away.
import { useRevalidator } from "@remix-run/react";
import { useEffect, useMemo, useReducer, useRef, useState } from "react";
import { isPassingRefusal, type MerchantOrderDto, type OrderUpdated } from "./events";
import { withSocket } from "./socket.client";
import { reduceStallOrders, stallOrdersState } from "./stall-orders-view";

export type StallOrdersLive = {
  orders: MerchantOrderDto[];
  /** Arrived live: highlighted until the merchant handles them. */
  fresh: ReadonlySet<string>;
  handled: (orderId: string) => void;
  /** Joined: new orders arrive by themselves. */
  connected: boolean;
  /** It was connected (or tried) and is not: the list may be behind until it joins again. */
  offline: boolean;
};

/** `onNewOrder` is called once per order heard for the first time: the page's announcement and sound. */
export function useStallOrders(
  stallId: string,
  loaded: MerchantOrderDto[],
  onNewOrder?: (order: MerchantOrderDto) => void,
): StallOrdersLive {
  const { revalidate } = useRevalidator();
  const reducer = useMemo(() => reduceStallOrders(stallId), [stallId]);
  const [state, dispatch] = useReducer(reducer, loaded, stallOrdersState);
  const [connection, setConnection] = useState<"connecting" | "connected" | "offline">("connecting");
  const shown = useRef(state.orders);
  shown.current = state.orders;
  const notify = useRef(onNewOrder);
  notify.current = onNewOrder;

  useEffect(() => {
    dispatch({ type: "reset", orders: loaded });
  }, [loaded]);

  useEffect(() => {
    if (state.stale) revalidate();
  }, [state.stale, revalidate]);

  useEffect(() => {
    return withSocket((socket) => {
      let active = true;
      let retry: number | undefined;
      const join = (attempt = 0) => {
        socket.emit("merchant:join", { stallId }, (answer) => {
          if (!active) return;
          if (answer.ok) {
            setConnection("connected");
            // Whatever was paid between the page's load (or the last disconnection) and now.
            revalidate();
            return;
          }
          setConnection("offline");
          // A passing refusal (rate limit after quick navigations, a busy server, a server error) is tried again.
          if (isPassingRefusal(answer.error.code)) {
            retry = window.setTimeout(
              () => socket.connected && join(attempt + 1),
              Math.min(30_000, 2_000 * 2 ** attempt),
            );
          }
        });
      };
      const onConnect = () => join();
      const onDisconnect = () => setConnection("offline");
      const onCreated = (order: MerchantOrderDto) => {
        if (order.stallId !== stallId) return;
        const isNew = !shown.current.some((o) => o.orderId === order.orderId);
        dispatch({ type: "created", order });
        if (isNew) notify.current?.(order);
        revalidate();
      };
      const onUpdated = (event: OrderUpdated) => {
        if (!event.lines.some((line) => line.stallId === stallId)) return;
        dispatch({ type: "updated", event });
        revalidate();
      };
      socket.on("connect", onConnect);
      socket.on("disconnect", onDisconnect);
      socket.on("order:created", onCreated);
      socket.on("order:updated", onUpdated);
      if (socket.connected) join();
      return () => {
        active = false;
        window.clearTimeout(retry);
        socket.off("connect", onConnect);
        socket.off("disconnect", onDisconnect);
        socket.off("order:created", onCreated);
        socket.off("order:updated", onUpdated);
        // Events without an acknowledgement are ignored by the server: an empty one is enough.
        if (socket.connected) socket.emit("merchant:leave", { stallId }, () => undefined);
      };
    });
  }, [stallId, revalidate]);

  const fresh = useMemo(() => new Set(state.fresh), [state.fresh]);
  return {
    orders: state.orders,
    fresh,
    handled: (orderId) => dispatch({ type: "handled", orderId }),
    connected: connection === "connected",
    offline: connection === "offline",
  };
}
