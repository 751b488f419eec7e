// Whether a market is open is derived from its sessions and the clock, never stored.
// Pure and shared: the server decides with it, the browser re-evaluates it as time passes.

export type SessionWindow = {
  id: string;
  startsAt: Date | string;
  endsAt: Date | string;
  cancelledAt?: Date | string | null;
};

export type MarketStatus = {
  open: boolean;
  /** The session under way, when open. */
  current: { id: string; startsAt: string; endsAt: string } | null;
  /** The next session that starts after now. */
  next: { id: string; startsAt: string; endsAt: string } | null;
  /** The instant when `open` next changes, or null when nothing is scheduled. */
  nextTransitionAt: string | null;
};

const toMs = (d: Date | string) => new Date(d).getTime();

export function computeMarketStatus(sessions: readonly SessionWindow[], now: Date): MarketStatus {
  const t = now.getTime();
  const live = sessions
    .filter((s) => !s.cancelledAt && toMs(s.endsAt) > toMs(s.startsAt))
    .map((s) => ({ id: s.id, start: toMs(s.startsAt), end: toMs(s.endsAt) }))
    .sort((a, b) => a.start - b.start);

  const running = live.filter((s) => s.start <= t && t < s.end);
  // Overlapping or back-to-back sessions keep the market open: follow the chain to its real end.
  let closesAt = running.length ? Math.max(...running.map((s) => s.end)) : null;
  if (closesAt !== null) {
    for (const s of live) if (s.start <= closesAt && s.end > closesAt) closesAt = s.end;
  }
  const currentRaw = running.length ? running.reduce((a, b) => (b.end > a.end ? b : a)) : null;
  const nextRaw = live.find((s) => s.start > t && (closesAt === null || s.start > closesAt)) ?? null;
  const iso = (s: { id: string; start: number; end: number } | null) =>
    s && { id: s.id, startsAt: new Date(s.start).toISOString(), endsAt: new Date(s.end).toISOString() };

  return {
    open: running.length > 0,
    current: iso(currentRaw),
    next: iso(nextRaw),
    nextTransitionAt:
      closesAt !== null ? new Date(closesAt).toISOString() : nextRaw ? new Date(nextRaw.start).toISOString() : null,
  };
}
