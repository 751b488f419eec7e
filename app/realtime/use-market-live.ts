// Keeps a page's markets live: joins their rooms and reloads the page's data when one changes,
// so badges, countdowns and notices follow without a reload.
//
// The page was rendered before its socket connected, and every reconnection may follow a gap:
// whatever happened in between is not announced to this page. The server answers each
// `market:join` with the market's state, so the hook compares that answer with what the page
// shows (the views it is given) and reloads the page's data only when one differs. Pages that
// are up to date, the usual case, cost nothing more; and after a deploy, when every browser
// reconnects at once, only the pages a change concerns reload.
import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { isPassingRefusal, type ServerToClientEvents, type SessionTransitionEvent } from "./events";
import { joinAnswerDiffers, marketsToJoin, stateDiffers, type MarketView } from "./market-view";
import { withSocket } from "./socket.client";

export type { MarketView } from "./market-view";
export { marketView } from "./market-view";

/** What the server sends a market's room when its state or its next change moves. */
const CHANGE_EVENTS = [
  "session:opened",
  "session:closed",
  "session:updated",
] as const satisfies readonly (keyof ServerToClientEvents)[];

/** Whether the tab's socket was ever connected: only then does a disconnection mean "offline". */
let everConnected = false;

export type LiveConnection = {
  /** The socket is connected and the page's markets joined. */
  connected: boolean;
  /** It was connected and dropped: the page may be out of date until it reconnects. */
  offline: boolean;
};

/**
 * Joins the page's markets (at most MAX_LIVE_MARKETS, the first given) and keeps them live.
 * `markets` is the page's view of each: when the server's answer to the join differs, or when
 * the server later announces a change the page does not show yet, the page's data is reloaded.
 */
export function useMarketLive(markets: readonly MarketView[]): LiveConnection {
  const { revalidate } = useRevalidator();
  const [state, setState] = useState<"connecting" | "connected" | "offline">("connecting");
  const joined = marketsToJoin(markets);
  const key = joined
    .map((m) => m.id)
    .sort()
    .join(",");
  // The page's latest view, read when an answer arrives: a reload may have changed it since.
  const views = useRef(joined);
  views.current = joined;

  useEffect(() => {
    if (!key) return;
    const ids = key.split(",");
    return withSocket((socket) => {
      let active = true;
      const retries = new Set<number>();
      const join = () => {
        everConnected = true;
        setState("connected");
        // One reload for the whole round, once every answer is in, however many markets differ.
        let pending = ids.length;
        let stale = false;
        const settle = (differs: boolean) => {
          stale ||= differs;
          if (--pending === 0 && stale) revalidate();
        };
        // A join refused for a passing reason (too many events at once after quick navigations,
        // a busy server, a server error) is tried again a little later, or the page would look live and hear nothing.
        const joinOne = (marketId: string, attempt: number, answered: (differs: boolean) => void) => {
          socket.emit("market:join", { marketId }, (answer) => {
            if (!active) return;
            if (!answer.ok && isPassingRefusal(answer.error.code)) {
              const retry = window.setTimeout(
                () => {
                  retries.delete(retry);
                  if (socket.connected) joinOne(marketId, attempt + 1, (differs) => differs && revalidate());
                },
                Math.min(30_000, 2_000 * 2 ** attempt),
              );
              retries.add(retry);
              return answered(false);
            }
            const view = views.current.find((v) => v.id === marketId);
            answered(Boolean(view && joinAnswerDiffers(view, answer)));
          });
        };
        for (const marketId of ids) joinOne(marketId, 0, settle);
      };
      // A change the page already shows (its own organiser's action, reloaded with the action's
      // answer) reloads nothing: a reload then would also wipe the action's confirmation.
      const onChange = (event: SessionTransitionEvent) => {
        const view = views.current.find((v) => v.id === event.marketId);
        if (view && stateDiffers(view, event)) revalidate();
      };
      const onDisconnect = () => setState("offline");
      if (socket.connected) join();
      else if (everConnected) setState("offline");
      socket.on("connect", join);
      socket.on("disconnect", onDisconnect);
      for (const name of CHANGE_EVENTS) socket.on(name, onChange);
      return () => {
        active = false;
        for (const retry of retries) window.clearTimeout(retry);
        socket.off("connect", join);
        socket.off("disconnect", onDisconnect);
        for (const name of CHANGE_EVENTS) socket.off(name, onChange);
        if (socket.connected) for (const marketId of ids) socket.emit("market:leave", { marketId }, () => undefined);
      };
    });
  }, [key, revalidate]);

  return { connected: state === "connected", offline: state === "offline" };
}
