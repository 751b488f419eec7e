// The report's charts (app/components/report/report-charts.server.ts): ECharts draws SVG on the
// server; one bar per day, per hour between the first and last active one, per top stall, and an
// empty report (no visit, no order) draws axes without a NaN.
import { describe, expect, it } from "vitest";
import { CHART_COLOURS, renderReportCharts } from "~/components/report/report-charts.server";
import { reportHours, topStalls } from "~/components/report/report-data";
import type { MarketReport, ReportStall } from "~/models/report";

const zero = { orders: 0, items: 0, paidCents: 0, refundedCents: 0, netCents: 0 };

function stall(n: number, netCents: number): ReportStall {
  return {
    stallId: `s${n}`,
    stallName: `Stand n° ${n}`,
    visitors: 10,
    views: 20,
    conversations: 1,
    messages: 2,
    questions: 1,
    answered: 1,
    medianFirstAnswerSeconds: 90,
    conversion: 0.1,
    ...zero,
    orders: netCents > 0 ? 1 : 0,
    paidCents: netCents,
    netCents,
  };
}

function report(overrides: Partial<MarketReport> = {}): MarketReport {
  return {
    market: { id: "m", name: "Marché de Noël", townName: "Rueil", timezone: "Europe/Paris", currency: "eur" },
    range: { from: "2026-12-05", to: "2026-12-07" },
    edition: { from: "2026-12-05", to: "2026-12-07" },
    scope: { kind: "market" },
    computedAt: "2026-12-08T10:00:00.000Z",
    totals: {
      ...zero,
      visitors: 0,
      views: 0,
      marketViews: 0,
      stallViews: 0,
      buyers: 0,
      newBuyers: 0,
      returningBuyers: 0,
      averageBasketCents: null,
      conversations: 0,
      messages: 0,
      questions: 0,
      answered: 0,
      answeredShare: null,
      medianFirstAnswerSeconds: null,
      conversion: null,
    },
    days: ["2026-12-05", "2026-12-06", "2026-12-07"].map((day, i) => ({
      day,
      visitors: 100 * (i + 1),
      marketViews: 50,
      stallViews: 200,
      messages: 3,
      ...zero,
      netCents: 12_345 * (i + 1),
    })),
    sessions: [],
    hours: [
      { hour: 10, views: 40, orders: 2, paidCents: 3000 },
      { hour: 13, views: 80, orders: 5, paidCents: 9000 },
    ],
    sources: [],
    devices: [],
    stalls: [stall(1, 5000), stall(2, 0), stall(3, 9000)],
    ...overrides,
  };
}

/** The bars ECharts drew: paths filled with the bars' colour (the charts have no legend inside). */
const bars = (svg: string) => svg.match(new RegExp(`<path [^>]*fill="${CHART_COLOURS.bars}"`, "g"))?.length ?? 0;

describe("the report's charts", () => {
  it("draws one bar per day and the net sales line, at both sizes, in French", () => {
    const { days } = renderReportCharts(report(), "fr");
    for (const svg of [days.narrow, days.wide]) {
      expect(svg.startsWith("<svg")).toBe(true);
      expect(bars(svg)).toBe(3);
      expect(svg).toContain(`stroke="${CHART_COLOURS.line}"`);
      expect(svg).not.toContain("NaN");
    }
    expect(days.wide).toContain('width="680"');
    expect(days.narrow).toContain('width="340"');
    // Days as French people write them; money axis in euros.
    expect(days.wide).toContain("sam. 5 déc.");
    expect(days.wide).toMatch(/\d\s?€/);
  });

  it("draws every hour from the first to the last active one", () => {
    const r = report();
    expect(reportHours(r).map((h) => h.hour)).toEqual([10, 11, 12, 13]);
    const { hours } = renderReportCharts(r, "fr");
    // Quiet hours have no visible bar: ECharts draws none for a zero.
    expect(bars(hours.wide)).toBeGreaterThanOrEqual(2);
    expect(hours.wide).toContain("10h");
    expect(hours.wide).toContain("13h");
  });

  it("ranks the stalls that sold, busiest first, and draws no stall chart for a stall's report", () => {
    const r = report();
    expect(topStalls(r).map((s) => s.stallId)).toEqual(["s3", "s1"]);
    const { stalls } = renderReportCharts(r, "fr");
    expect(stalls).not.toBeNull();
    expect(bars(stalls!.wide)).toBe(2);
    expect(stalls!.wide.indexOf("Stand n° 3")).toBeLessThan(stalls!.wide.indexOf("Stand n° 1"));
    const own = renderReportCharts(report({ scope: { kind: "stall", stallId: "s1", stallName: "Stand n° 1" } }), "fr");
    expect(own.stalls).toBeNull();
  });

  it("draws an empty report (no visit, no order) without NaN", () => {
    const empty = report({
      days: [{ day: "2026-12-05", visitors: 0, marketViews: 0, stallViews: 0, messages: 0, ...zero }],
      hours: [],
      stalls: [stall(1, 0)],
    });
    const charts = renderReportCharts(empty, "fr");
    expect(reportHours(empty)).toHaveLength(24);
    for (const svg of [charts.days.narrow, charts.days.wide, charts.hours.narrow, charts.hours.wide]) {
      expect(svg.startsWith("<svg")).toBe(true);
      expect(svg).not.toContain("NaN");
      expect(svg).not.toContain("undefined");
    }
    expect(charts.stalls).toBeNull();
    // No days at all (a range before any session) still draws.
    const none = renderReportCharts(report({ days: [], hours: [], stalls: [] }), "en");
    expect(none.days.wide).not.toContain("NaN");
  });
});
