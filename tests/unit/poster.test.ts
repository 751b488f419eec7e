import { describe, expect, it } from "vitest";
import { sessionRuns } from "~/models/poster";

// Paris: 10:00 local is 09:00Z in December.
const day = (date: string, from = "09:00", to = "18:00") => ({
  startsAt: `${date}T${from}:00.000Z`,
  endsAt: `${date}T${to}:00.000Z`,
});

describe("sessionRuns", () => {
  it("folds consecutive days at the same local hours into one line", () => {
    const sessions = [
      day("2026-12-05"),
      day("2026-12-06"),
      day("2026-12-07"),
      day("2026-12-08", "09:00", "20:00"), // late opening
      day("2026-12-09"),
      day("2026-12-11"), // a day off between
    ];
    expect(sessionRuns(sessions, "Europe/Paris")).toEqual([
      { first: sessions[0]!.startsAt, last: sessions[2]!.startsAt, ...sessions[0] },
      { first: sessions[3]!.startsAt, last: sessions[3]!.startsAt, ...sessions[3] },
      { first: sessions[4]!.startsAt, last: sessions[4]!.startsAt, ...sessions[4] },
      { first: sessions[5]!.startsAt, last: sessions[5]!.startsAt, ...sessions[5] },
    ]);
  });
  it("reads days and hours where the market is, across a change of clocks", () => {
    // 10:00 in Paris is 08:00Z in summer time and 09:00Z after 25 October 2026.
    const sessions = [day("2026-10-24", "08:00", "17:00"), day("2026-10-25", "09:00", "18:00")];
    expect(sessionRuns(sessions, "Europe/Paris")).toHaveLength(1);
    // Two sessions the same day stay two lines.
    expect(
      sessionRuns([day("2026-12-05", "09:00", "11:00"), day("2026-12-05", "13:00", "17:00")], "Europe/Paris"),
    ).toHaveLength(2);
    expect(sessionRuns([], "Europe/Paris")).toEqual([]);
  });
});
