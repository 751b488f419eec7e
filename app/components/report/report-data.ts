// What the report's charts and the tables next to them show, chosen once for both (pure, shared by
// the server's charts and the page): the same rows in the picture and in its table.
import type { MarketReport, ReportHour, ReportStall } from "~/models/report";

/** How many stalls the "top stalls" chart shows; the full list is in the per-stall table. */
export const TOP_STALLS = 10;

/**
 * The hours of the day from the first to the last with any activity (every hour between them,
 * quiet ones as zeros, so the axis reads as a clock); all 24 when nothing happened.
 */
export function reportHours(report: Pick<MarketReport, "hours">): ReportHour[] {
  const byHour = new Map(report.hours.map((h) => [h.hour, h]));
  const active = report.hours.filter((h) => h.views > 0 || h.orders > 0).map((h) => h.hour);
  const first = active.length ? Math.min(...active) : 0;
  const last = active.length ? Math.max(...active) : 23;
  const rows: ReportHour[] = [];
  for (let hour = first; hour <= last; hour++)
    rows.push(byHour.get(hour) ?? { hour, views: 0, orders: 0, paidCents: 0 });
  return rows;
}

/** The stalls that sold, by net revenue, at most TOP_STALLS. */
export function topStalls(report: Pick<MarketReport, "stalls">): ReportStall[] {
  return report.stalls
    .filter((s) => s.netCents > 0)
    .sort((a, b) => b.netCents - a.netCents)
    .slice(0, TOP_STALLS);
}

/** The legend's swatches, in the charts' colours (report-charts.server.ts: fir-700 bars, wine-700 line). */
export const CHART_COLOUR_CLASSES = {
  bars: "h-3 w-4 rounded-sm bg-fir-700",
  line: "h-1 w-5 rounded-full bg-wine-700",
} as const;
