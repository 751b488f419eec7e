import { describe, expect, it } from "vitest";
import { computeMarketStatus } from "~/models/market-status";

const at = (iso: string) => new Date(iso);
const session = (id: string, startsAt: string, endsAt: string, cancelledAt: string | null = null) => ({
  id,
  startsAt,
  endsAt,
  cancelledAt,
});

describe("computeMarketStatus", () => {
  const day1 = session("d1", "2026-12-05T09:00:00Z", "2026-12-05T18:00:00Z");
  const day2 = session("d2", "2026-12-06T09:00:00Z", "2026-12-06T18:00:00Z");

  it("is open during a session, with the end as next transition", () => {
    const status = computeMarketStatus([day2, day1], at("2026-12-05T12:00:00Z"));
    expect(status.open).toBe(true);
    expect(status.current?.id).toBe("d1");
    expect(status.next?.id).toBe("d2");
    expect(status.nextTransitionAt).toBe("2026-12-05T18:00:00.000Z");
  });

  it("opens at the start instant and closes at the end instant (start inclusive, end exclusive)", () => {
    expect(computeMarketStatus([day1], at("2026-12-05T09:00:00Z")).open).toBe(true);
    expect(computeMarketStatus([day1], at("2026-12-05T18:00:00Z")).open).toBe(false);
  });

  it("is closed between sessions, with the next start as next transition", () => {
    const status = computeMarketStatus([day1, day2], at("2026-12-05T20:00:00Z"));
    expect(status).toMatchObject({ open: false, current: null, next: { id: "d2" } });
    expect(status.nextTransitionAt).toBe("2026-12-06T09:00:00.000Z");
  });

  it("ignores cancelled sessions", () => {
    const cancelled = session("c", "2026-12-05T09:00:00Z", "2026-12-05T18:00:00Z", "2026-12-01T00:00:00Z");
    const status = computeMarketStatus([cancelled, day2], at("2026-12-05T12:00:00Z"));
    expect(status.open).toBe(false);
    expect(status.next?.id).toBe("d2");
  });

  it("treats back-to-back and overlapping sessions as one opening", () => {
    const morning = session("am", "2026-12-05T09:00:00Z", "2026-12-05T12:00:00Z");
    const afternoon = session("pm", "2026-12-05T12:00:00Z", "2026-12-05T17:00:00Z");
    const evening = session("ev", "2026-12-05T16:00:00Z", "2026-12-05T20:00:00Z");
    const status = computeMarketStatus([morning, afternoon, evening, day2], at("2026-12-05T10:00:00Z"));
    expect(status.open).toBe(true);
    expect(status.nextTransitionAt).toBe("2026-12-05T20:00:00.000Z");
    expect(status.next?.id).toBe("d2");
  });

  it("has nothing to announce when no session is left", () => {
    expect(computeMarketStatus([day1], at("2026-12-31T00:00:00Z"))).toEqual({
      open: false,
      current: null,
      next: null,
      nextTransitionAt: null,
      since: { at: "2026-12-05T18:00:00.000Z", id: "d1", byOverride: false },
      closure: null,
    });
  });
});
