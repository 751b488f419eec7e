// The report's visit definitions that report.test.ts's scene does not tell apart: sources and
// devices count visitor-days over views from outside the site only (a visitor-day seen only
// through INTERNAL views on a device is not a visitor of that device), and a visitor-day with two
// sources counts once for each. buildMarketReport reads these as bit masks per visitor-day.
import { describe, expect, it } from "vitest";
import { buildMarketReport } from "~/models/report.server";
import { db } from "~/utils/db.server";
import { createMarket, createSession, createStall, createTown, createUser } from "../fixtures/factories";

describe("the report's visitors by source and device", () => {
  it("counts a visitor-day's device and source from its views from outside the site only", async () => {
    const town = await createTown();
    const market = await createMarket(town.id, { timezone: "Europe/Paris" });
    await createSession(market.id, new Date("2026-12-12T09:00:00Z"), new Date("2026-12-12T19:00:00Z"));
    const owner = await createUser();
    const stall = await createStall(market.id, owner.id, { name: "Stand" });
    const at = (hour: number) => new Date(`2026-12-12T${String(hour).padStart(2, "0")}:00:00Z`);
    const visit = (visitor: string, stallId: string | null, source: string, device: string, hour: number) => ({
      marketId: market.id,
      stallId,
      visitor,
      source,
      device,
      at: at(hour),
    });
    await db.pageVisit.createMany({
      data: [
        // "i": only pages reached from the site itself, on a desktop.
        visit("i", stall.id, "INTERNAL", "DESKTOP", 10),
        // "e": from outside on a phone (twice, two sources), then inside the site on a desktop.
        visit("e", null, "DIRECT", "PHONE", 11),
        visit("e", stall.id, "INTERNAL", "DESKTOP", 12),
        visit("e", null, "SOCIAL", "PHONE", 13),
      ],
    });

    const report = await buildMarketReport(
      market.id,
      { from: "2026-12-12", to: "2026-12-12" },
      {},
      new Date("2026-12-20T12:00:00Z"),
    );

    expect(report.devices).toEqual([
      { key: "PHONE", visitors: 1, views: 2 },
      { key: "DESKTOP", visitors: 0, views: 0 },
    ]);
    expect(report.sources.filter((s) => s.visitors || s.views)).toEqual([
      { key: "DIRECT", visitors: 1, views: 1 },
      { key: "SOCIAL", visitors: 1, views: 1 },
    ]);
    expect(report.totals).toMatchObject({ visitors: 2, views: 4, marketViews: 2, stallViews: 2, conversion: 0 });
    expect(report.stalls).toMatchObject([{ stallId: stall.id, visitors: 2, views: 2 }]);
    expect(report.hours.filter((h) => h.views).map((h) => [h.hour, h.views])).toEqual([
      [11, 1],
      [12, 1],
      [13, 1],
      [14, 1],
    ]);
  });
});
