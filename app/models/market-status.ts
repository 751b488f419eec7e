// Whether a market is open is derived from its sessions, the organisers' overrides and the
// clock, never stored. Pure and shared: pages, sockets, the scheduler, chat and checkout decide
// with it, and the browser re-evaluates it as time passes.

export type SessionWindow = {
  id: string;
  startsAt: Date | string;
  endsAt: Date | string;
  cancelledAt?: Date | string | null;
};

/** OPEN adds opening time (open now, extend); CLOSE removes it (close now, with a reason). */
export type OverrideWindow = {
  id: string;
  kind: string;
  startsAt: Date | string;
  endsAt: Date | string;
  reason?: string;
};

export type Opening = {
  /** The session or override that starts this opening. */
  id: string;
  startsAt: string;
  endsAt: string;
  /** The session or override whose end closes it. */
  endId: string;
};

export type MarketStatus = {
  open: boolean;
  /** The opening under way, when open; back-to-back and overlapping sessions are one opening. */
  current: Opening | null;
  /** The next opening that starts after now. */
  next: Opening | null;
  /** The instant when `open` next changes, or null when nothing is scheduled. */
  nextTransitionAt: string | null;
  /** When the present state began and the session or override that caused it; null if never open. */
  since: { at: string; id: string; byOverride: boolean } | null;
  /** Set while closed by an organiser's "close now", until the market opens again. */
  closure: { reason: string; since: string } | null;
};

type Span = { start: number; end: number; startId: string; endId: string };

const toMs = (d: Date | string) => new Date(d).getTime();
const iso = (ms: number) => new Date(ms).toISOString();

function union(spans: Span[]): Span[] {
  const merged: Span[] = [];
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    const last = merged[merged.length - 1];
    // Back-to-back (start === end) counts as one opening: nobody sees a zero-length closing.
    if (last && s.start <= last.end) {
      if (s.end > last.end) Object.assign(last, { end: s.end, endId: s.endId });
    } else merged.push({ ...s });
  }
  return merged;
}

function subtract(openings: Span[], closings: Span[]): Span[] {
  let pieces = openings;
  for (const c of closings) {
    pieces = pieces.flatMap((p) => {
      if (c.end <= p.start || c.start >= p.end) return [p];
      const kept: Span[] = [];
      if (c.start > p.start) kept.push({ start: p.start, end: c.start, startId: p.startId, endId: c.startId });
      if (c.end < p.end) kept.push({ start: c.end, end: p.end, startId: c.startId, endId: p.endId });
      return kept;
    });
  }
  return pieces;
}

/** The market's openings in time order: sessions and OPEN overrides, minus CLOSE overrides. */
export function marketOpenings(sessions: readonly SessionWindow[], overrides: readonly OverrideWindow[] = []): Span[] {
  const span = (w: { id: string; startsAt: Date | string; endsAt: Date | string }): Span => ({
    start: toMs(w.startsAt),
    end: toMs(w.endsAt),
    startId: w.id,
    endId: w.id,
  });
  const valid = (s: Span) => s.end > s.start;
  const adds = [...sessions.filter((s) => !s.cancelledAt), ...overrides.filter((o) => o.kind === "OPEN")]
    .map(span)
    .filter(valid);
  const closes = overrides
    .filter((o) => o.kind === "CLOSE")
    .map(span)
    .filter(valid);
  return subtract(union(adds), union(closes));
}

/**
 * What a market's status needs that does not depend on the instant: its openings, its CLOSE
 * overrides in time order, which ids are overrides. Made once per read of the schedule (the stall
 * page memoises it with the stall), so a request only does `statusAt`.
 */
export type MarketSchedule = {
  openings: Span[];
  closes: { at: number; reason: string }[];
  overrideIds: ReadonlySet<string>;
};

export function prepareSchedule(
  sessions: readonly SessionWindow[],
  overrides: readonly OverrideWindow[] = [],
): MarketSchedule {
  return {
    openings: marketOpenings(sessions, overrides),
    closes: overrides
      .filter((o) => o.kind === "CLOSE")
      .map((o) => ({ at: toMs(o.startsAt), reason: o.reason ?? "" }))
      .sort((a, b) => a.at - b.at),
    overrideIds: new Set(overrides.map((o) => o.id)),
  };
}

/** The status at `now` of a prepared schedule: the instant-dependent part of computeMarketStatus. */
export function statusAt(schedule: MarketSchedule, now: Date): MarketStatus {
  const t = now.getTime();
  const { openings, closes, overrideIds } = schedule;
  const current = openings.find((o) => o.start <= t && t < o.end) ?? null;
  const next = openings.find((o) => o.start > t) ?? null;
  const previous = openings.filter((o) => o.end <= t).at(-1) ?? null;
  const opening = (o: Span | null): Opening | null =>
    o && { id: o.startId, startsAt: iso(o.start), endsAt: iso(o.end), endId: o.endId };

  let closure: MarketStatus["closure"] = null;
  if (!current) {
    const closedSince = previous?.end ?? -Infinity;
    // The latest "close now" since the market last closed (closes are in time order).
    const closer = closes.filter((c) => c.at <= t && c.at >= closedSince).at(-1);
    if (closer) closure = { reason: closer.reason, since: iso(closer.at) };
  }

  const sinceAt = (at: number, id: string) => ({ at: iso(at), id, byOverride: overrideIds.has(id) });
  return {
    open: current !== null,
    current: opening(current),
    next: opening(next),
    nextTransitionAt: current ? iso(current.end) : next ? iso(next.start) : null,
    since: current ? sinceAt(current.start, current.startId) : previous ? sinceAt(previous.end, previous.endId) : null,
    closure,
  };
}

/**
 * Over: closed, nothing to come, and it has been open. A market with no opening yet (published
 * before its dates were set) is not over: its dates are to come.
 */
export function hasEnded(status: MarketStatus): boolean {
  return !status.open && status.next === null && status.since !== null;
}

export function computeMarketStatus(
  sessions: readonly SessionWindow[],
  now: Date,
  overrides: readonly OverrideWindow[] = [],
): MarketStatus {
  return statusAt(prepareSchedule(sessions, overrides), now);
}

/** Open for business: what a sale, a basket's new quantity, a chat message or "typing…" needs. */
export type MarketOpenness = MarketStatus & { published: boolean };

/**
 * The one rule of "is this market open for business": open by its schedule (computeMarketStatus)
 * and published (`marketStatus`, the Market row's status). Checkout, the basket, chat and typing
 * all decide with it.
 */
export function marketOpenness(
  marketStatus: string,
  sessions: readonly SessionWindow[],
  now: Date,
  overrides: readonly OverrideWindow[] = [],
): MarketOpenness {
  const status = computeMarketStatus(sessions, now, overrides);
  const published = marketStatus === "PUBLISHED";
  return { ...status, open: published && status.open, published };
}

/** How long the scheduler may sleep: until the next transition, but never longer than `cap`. */
export function sleepUntilNextTransition(nextTransitionAt: string | null, now: Date, capMs: number): number {
  if (!nextTransitionAt) return capMs;
  return Math.max(0, Math.min(capMs, toMs(nextTransitionAt) - now.getTime()));
}

/**
 * "Open now until the scheduled closing": when the sessions (no override) close the market
 * next, on the opening under way by them or, else, on the next one if it starts the same local
 * day as `now` in `zone` (the market's time zone). Null when there is none today: an opening
 * tomorrow is not what "until the closing" means at night. `sameLocalDay` compares two instants'
 * dates in the zone (Intl, so this file stays free of a date library for the browser).
 */
export function scheduledClosing(sessions: readonly SessionWindow[], now: Date, zone: string): Date | null {
  const t = now.getTime();
  const opening = marketOpenings(sessions).find((o) => o.end > t);
  if (!opening) return null;
  if (opening.start <= t || sameLocalDay(opening.start, t, zone)) return new Date(opening.end);
  return null;
}

function sameLocalDay(a: number, b: number, zone: string): boolean {
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" });
  return day.format(a) === day.format(b);
}
