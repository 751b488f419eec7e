// The report's charts, drawn on the server as SVG by Apache ECharts (its server-side rendering:
// `ssr: true` with the SVG renderer needs no DOM). The page carries finished SVG: no layout shift,
// nothing to run in the browser, the same picture on paper. Server only (`.server.ts`): the
// library never reaches the browser bundle. Only the parts used are registered (bars, lines, a
// grid), which keeps the server's load small too.
import { BarChart, LineChart } from "echarts/charts";
import { GridComponent } from "echarts/components";
import { init, use as registerCharts, type ComposeOption } from "echarts/core";
import type { BarSeriesOption, LineSeriesOption } from "echarts/charts";
import type { GridComponentOption } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";
import { intlLocale, type Locale } from "~/i18n";
import type { MarketReport } from "~/models/report";
import { reportHours, topStalls } from "./report-data";

registerCharts([BarChart, LineChart, GridComponent, SVGRenderer]);

type Option = ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption>;

/** The colours of the site's palette (app/tailwind.css): both above 7:1 against white. */
export const CHART_COLOURS = { bars: "#17573a", line: "#8f1d17", text: "#3b2a20", grid: "#d9ebe1" } as const;

/** One chart at two sizes: the phone's (drawn at its own size, so its text stays legible) and the wide one (desktop, paper). */
export type ChartSvg = { narrow: string; wide: string };
export type ReportCharts = { days: ChartSvg; hours: ChartSvg; stalls: ChartSvg | null };

const SIZES = { narrow: { width: 340, height: 260 }, wide: { width: 680, height: 300 } } as const;

function draw(option: Option, width: number, height: number): string {
  const chart = init(null, null, { renderer: "svg", ssr: true, width, height, locale: "EN" });
  try {
    chart.setOption({ animation: false, aria: { enabled: false }, ...option } as Option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

function formats(locale: Locale) {
  const tag = intlLocale(locale);
  const count = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
  const euros = new Intl.NumberFormat(tag, { style: "currency", currency: "EUR", maximumFractionDigits: 0 });
  const shortDay = new Intl.DateTimeFormat(tag, { timeZone: "UTC", weekday: "short", day: "numeric", month: "short" });
  return {
    count: (n: number) => count.format(n),
    euros: (n: number) => euros.format(n),
    // A local calendar day ("2026-12-07") names the same day at its noon in UTC, whatever the zone.
    day: (day: string) => shortDay.format(new Date(`${day}T12:00:00Z`)),
  };
}

const axisText = { color: CHART_COLOURS.text, fontSize: 12, fontFamily: "system-ui, sans-serif" };
const splitLine = { lineStyle: { color: CHART_COLOURS.grid } };

/** A bar series (counts, left axis) and a line (money or orders, right axis) over the same categories. */
function barsAndLine(
  categories: string[],
  bars: number[],
  line: number[],
  format: { bars: (n: number) => string; line: (n: number) => string },
  narrow: boolean,
): Option {
  return {
    textStyle: axisText,
    grid: { left: 8, right: 8, top: 16, bottom: 8, outerBoundsMode: "same", outerBoundsContain: "axisLabel" },
    xAxis: {
      type: "category",
      data: categories,
      axisLabel: { ...axisText, hideOverlap: true, rotate: narrow && categories.length > 6 ? 45 : 0 },
      axisTick: { alignWithLabel: true },
    },
    yAxis: [
      { type: "value", minInterval: 1, axisLabel: { ...axisText, formatter: format.bars }, splitLine },
      { type: "value", minInterval: 1, axisLabel: { ...axisText, formatter: format.line }, splitLine: { show: false } },
    ],
    series: [
      { type: "bar", data: bars, yAxisIndex: 0, itemStyle: { color: CHART_COLOURS.bars }, barMaxWidth: 28 },
      {
        type: "line",
        data: line,
        yAxisIndex: 1,
        itemStyle: { color: CHART_COLOURS.line },
        lineStyle: { color: CHART_COLOURS.line, width: 3 },
        symbol: "circle",
        symbolSize: 7,
      },
    ],
  };
}

function both(make: (narrow: boolean) => Option, height?: (narrow: boolean) => number): ChartSvg {
  return {
    narrow: draw(make(true), SIZES.narrow.width, height?.(true) ?? SIZES.narrow.height),
    wide: draw(make(false), SIZES.wide.width, height?.(false) ?? SIZES.wide.height),
  };
}

/**
 * The report's three charts: visitors (bars) and net sales (line) per day; page views (bars) and
 * orders (line) per hour of the day; net sales of the ten busiest stalls (market reports only).
 * The tables next to them on the page hold the same numbers (`reportHours`, `topStalls`).
 */
export function renderReportCharts(report: MarketReport, locale: Locale): ReportCharts {
  const f = formats(locale);
  const money = { bars: f.count, line: (n: number) => f.euros(n) };
  const days = both((narrow) =>
    barsAndLine(
      report.days.map((d) => f.day(d.day)),
      report.days.map((d) => d.visitors),
      report.days.map((d) => d.netCents / 100),
      money,
      narrow,
    ),
  );
  const hourRows = reportHours(report);
  const hours = both((narrow) =>
    barsAndLine(
      hourRows.map((h) => `${h.hour}h`),
      hourRows.map((h) => h.views),
      hourRows.map((h) => h.orders),
      { bars: f.count, line: f.count },
      narrow,
    ),
  );
  const top = topStalls(report);
  const stalls =
    report.scope.kind === "market" && top.length > 0
      ? both(
          (narrow) => ({
            textStyle: axisText,
            grid: { left: 8, right: 16, top: 8, bottom: 8, outerBoundsMode: "same", outerBoundsContain: "axisLabel" },
            xAxis: { type: "value", axisLabel: { ...axisText, formatter: money.line, hideOverlap: true }, splitLine },
            yAxis: {
              type: "category",
              inverse: true,
              data: top.map((s) => s.stallName),
              axisLabel: { ...axisText, width: narrow ? 110 : 220, overflow: "truncate" },
            },
            series: [
              {
                type: "bar",
                data: top.map((s) => s.netCents / 100),
                itemStyle: { color: CHART_COLOURS.bars },
                barMaxWidth: 22,
              },
            ],
          }),
          () => 40 + 30 * top.length,
        )
      : null;
  return { days, hours, stalls };
}
