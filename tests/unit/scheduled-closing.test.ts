// "Open now until the scheduled closing": which closing the sessions give (scheduledClosing).
import { describe, expect, it } from "vitest";
import { scheduledClosing } from "~/models/market-status";

const session = (id: string, startsAt: string, endsAt: string) => ({ id, startsAt, endsAt });
// Saturday 12 December 2026, 10:00–19:00 in Paris (UTC+1), and the next day's.
const today = session("s1", "2026-12-12T09:00:00Z", "2026-12-12T18:00:00Z");
const tomorrow = session("s2", "2026-12-13T09:00:00Z", "2026-12-13T18:00:00Z");
const at = (iso: string) => new Date(iso);

describe("scheduledClosing", () => {
  it("is today's session's end, before it starts and while it runs", () => {
    expect(scheduledClosing([today, tomorrow], at("2026-12-12T06:00:00Z"), "Europe/Paris")).toEqual(
      at("2026-12-12T18:00:00Z"),
    );
    expect(scheduledClosing([today, tomorrow], at("2026-12-12T15:00:00Z"), "Europe/Paris")).toEqual(
      at("2026-12-12T18:00:00Z"),
    );
  });

  it("follows back-to-back sessions to their last end", () => {
    const evening = session("s3", "2026-12-12T18:00:00Z", "2026-12-12T21:00:00Z");
    expect(scheduledClosing([today, evening], at("2026-12-12T10:00:00Z"), "Europe/Paris")).toEqual(
      at("2026-12-12T21:00:00Z"),
    );
  });

  it("is none once today's session is over (tomorrow's is not tonight's closing), or without sessions", () => {
    expect(scheduledClosing([today, tomorrow], at("2026-12-12T19:00:00Z"), "Europe/Paris")).toBeNull();
    expect(scheduledClosing([], at("2026-12-12T10:00:00Z"), "Europe/Paris")).toBeNull();
  });

  it("reads 'today' in the market's time zone, not UTC", () => {
    // 23:30 UTC on the 11th is already the 12th in Paris: today's session counts.
    expect(scheduledClosing([today], at("2026-12-11T23:30:00Z"), "Europe/Paris")).toEqual(at("2026-12-12T18:00:00Z"));
    // The same instant is still the 11th in New York: the 12th's session is tomorrow there.
    expect(scheduledClosing([today], at("2026-12-11T23:30:00Z"), "America/New_York")).toBeNull();
  });

  it("ignores a cancelled session", () => {
    expect(
      scheduledClosing([{ ...today, cancelledAt: "2026-12-01T00:00:00Z" }], at("2026-12-12T06:00:00Z"), "Europe/Paris"),
    ).toBeNull();
  });
});
