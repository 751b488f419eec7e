// The merchant's count of orders to prepare, live: every signed-in socket is in its user:<id>
// room, where the server sends orders:toPrepare whenever an order of the merchant's stalls
// changes. The count starts from the root loader's; after a reconnection (events may have been
// missed) the loaders run again.
import { useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import type { OrdersToPrepare } from "./events";
import { getSocket } from "./socket.client";

export function useOrdersToPrepare(loaded: number): number {
  const { revalidate } = useRevalidator();
  const [count, setCount] = useState(loaded);
  useEffect(() => setCount(loaded), [loaded]);
  useEffect(() => {
    const socket = getSocket();
    let dropped = false;
    const onToPrepare = (event: OrdersToPrepare) => setCount(event.total);
    const onDisconnect = () => {
      dropped = true;
    };
    const onConnect = () => {
      if (dropped) revalidate();
      dropped = false;
    };
    socket.on("orders:toPrepare", onToPrepare);
    socket.on("disconnect", onDisconnect);
    socket.on("connect", onConnect);
    return () => {
      socket.off("orders:toPrepare", onToPrepare);
      socket.off("disconnect", onDisconnect);
      socket.off("connect", onConnect);
    };
  }, [revalidate]);
  return count;
}
