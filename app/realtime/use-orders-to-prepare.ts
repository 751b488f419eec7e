// The merchant's count of orders to prepare, live: every signed-in socket is in its user:<id>
// room, where the server sends orders:toPrepare whenever an order of the merchant's stalls
// changes. The count starts from the root loader's. Each event carries the whole count, so one
// missed during a disconnection is mended by the next; no reload on reconnection (after a deploy
// every merchant's page would reload at once, and a page logged out meanwhile would be sent to
// the log-in page instead of saying the connection was lost).
import { useEffect, useRef, useState } from "react";
import type { OrdersToPrepare } from "./events";
import { withSocket } from "./socket.client";

export function useOrdersToPrepare(loaded: number): number {
  const [count, setCount] = useState(loaded);
  useEffect(() => setCount(loaded), [loaded]);
  useEffect(() => {
    return withSocket((socket) => {
      const onToPrepare = (event: OrdersToPrepare) => setCount(event.total);
      socket.on("orders:toPrepare", onToPrepare);
      return () => {
        socket.off("orders:toPrepare", onToPrepare);
      };
    });
  }, []);
  return count;
}

/**
 * Calls `listener` with the news each time the server says an order of the merchant's stalls
 * changed (orders:toPrepare: paid, released, a line moved on). For figures that follow orders
 * without moving stock, such as the units still held by unpaid orders (a payment ends a hold and
 * takes no stock: no stock:updated says so).
 */
export function useOrdersChanged(listener: (event: OrdersToPrepare) => void): void {
  const current = useRef(listener);
  current.current = listener;
  useEffect(() => {
    return withSocket((socket) => {
      const onToPrepare = (event: OrdersToPrepare) => current.current(event);
      socket.on("orders:toPrepare", onToPrepare);
      return () => {
        socket.off("orders:toPrepare", onToPrepare);
      };
    });
  }, []);
}
