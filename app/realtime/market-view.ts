// What a page shows of a market's state, compared with what the server answers when the page
// joins the market's room. Pure, so it is tested on its own (tests/unit/market-view.test.ts).
import type { MarketStatus } from "~/models/market-status";
import type { Ack, MarketJoined, SessionTransitionEvent } from "./events";

/** The part of a market's state a live page shows: enough to tell whether it is out of date. */
export type MarketView = {
  id: string;
  open: boolean;
  nextTransitionAt: string | null;
  /** The organisers' closing reason ("" when they gave none), null when not closed by them. */
  closure: string | null;
};

/**
 * The server refuses more than 60 rooms per socket (server/realtime.ts), and a stall page's chat
 * needs one more: a page keeps at most this many markets live. The others still change on time,
 * through their own countdowns (useRevalidateAt reloads at each transition); only an organiser's
 * action on them waits for the next reload.
 */
export const MAX_LIVE_MARKETS = 50;

export function marketView(
  id: string,
  status: Pick<MarketStatus, "open" | "nextTransitionAt"> & { closure: { reason: string } | null },
): MarketView {
  return { id, open: status.open, nextTransitionAt: status.nextTransitionAt, closure: status.closure?.reason ?? null };
}

/** The markets a page joins: each once, the first MAX_LIVE_MARKETS in the page's order. */
export function marketsToJoin(views: readonly MarketView[]): MarketView[] {
  const seen = new Set<string>();
  const kept: MarketView[] = [];
  for (const view of views) {
    if (kept.length >= MAX_LIVE_MARKETS) break;
    if (seen.has(view.id)) continue;
    seen.add(view.id);
    kept.push(view);
  }
  return kept;
}

const instant = (iso: string | null) => (iso === null ? null : new Date(iso).getTime());

/** The part of a market's state that the server sends, in a join's answer and in each change. */
type MarketState = Pick<SessionTransitionEvent, "open" | "nextTransitionAt"> & { closure: { reason: string } | null };

/** Whether the server's state of a market shows something the page does not. */
export function stateDiffers(view: MarketView, server: MarketState): boolean {
  return (
    server.open !== view.open ||
    instant(server.nextTransitionAt) !== instant(view.nextTransitionAt) ||
    (server.closure?.reason ?? null) !== view.closure
  );
}

/**
 * Whether the server's answer to `market:join` shows something the page does not: another state,
 * another next change or another closing. A market that is no longer found (unpublished since
 * the page was rendered) differs too: the page's own loader then says what to show. Other
 * refusals (rate limit, server error) say nothing about the market and never reload the page.
 */
export function joinAnswerDiffers(view: MarketView, answer: Ack<MarketJoined>): boolean {
  if (!answer.ok) return answer.error.code === "NOT_FOUND";
  return stateDiffers(view, answer.data);
}
