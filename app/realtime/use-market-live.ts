// Keeps a page's markets live: joins their rooms and reloads the page's data when one opens or
// closes, so badges, countdowns and notices change without a reload. On every reconnection the
// rooms are joined again and the data reloaded, since a transition may have passed while offline.
import { useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import type { SessionTransitionEvent } from "./events";
import { getSocket } from "./socket.client";

export function useMarketLive(marketIds: readonly string[]): { connected: boolean } {
  const { revalidate } = useRevalidator();
  const [connected, setConnected] = useState(false);
  const key = [...new Set(marketIds)].sort().join(",");

  useEffect(() => {
    if (!key) return;
    const ids = key.split(",");
    const socket = getSocket();
    let joinedOnce = false;
    const join = () => {
      for (const marketId of ids) socket.emit("market:join", { marketId }, () => undefined);
      if (joinedOnce) revalidate();
      joinedOnce = true;
      setConnected(true);
    };
    const onTransition = (event: SessionTransitionEvent) => {
      if (ids.includes(event.marketId)) revalidate();
    };
    const onDisconnect = () => setConnected(false);
    if (socket.connected) join();
    socket.on("connect", join);
    socket.on("disconnect", onDisconnect);
    socket.on("session:opened", onTransition);
    socket.on("session:closed", onTransition);
    return () => {
      socket.off("connect", join);
      socket.off("disconnect", onDisconnect);
      socket.off("session:opened", onTransition);
      socket.off("session:closed", onTransition);
      if (socket.connected) for (const marketId of ids) socket.emit("market:leave", { marketId }, () => undefined);
    };
  }, [key, revalidate]);

  return { connected };
}
