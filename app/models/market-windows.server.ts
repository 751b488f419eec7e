// What the reservation batch (order-reserve.server.ts) makes of the rows of one market's schedule still
// to come: the market's status at any instant from then on, memoised per instant for the batch.
import { marketOpenness, type MarketOpenness } from "./market-status";

/** A market row (kind MARKET, its status in `id`), a session, or an OPEN/CLOSE override. */
export type WindowRow = { kind: string; id: string; startsAt: Date | string; endsAt: Date | string; reason: string };

/** Null when the market row is missing (an unknown market). */
export function statusAtFromWindows(rows: WindowRow[]): ((now: Date) => MarketOpenness) | null {
  const market = rows.find((r) => r.kind === "MARKET");
  if (!market) return null;
  const sessions = rows.filter((r) => r.kind === "SESSION");
  const overrides = rows.filter((r) => r.kind === "OPEN" || r.kind === "CLOSE");
  const memo = new Map<number, MarketOpenness>();
  return (now: Date): MarketOpenness => {
    let status = memo.get(now.getTime());
    if (!status) {
      status = marketOpenness(market.id, sessions, now, overrides);
      memo.set(now.getTime(), status);
    }
    return status;
  };
}
