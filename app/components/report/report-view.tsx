// The report ("Bilan") as a page: the organiser's for a market, a merchant's for their stall. A
// summary a councillor can read aloud, then the figures, each chart with the table of its numbers,
// each table with its CSV. On paper (the browser's Print, A4), the page alone: no menus, no form.
import { Form } from "@remix-run/react";
import { useId, type ReactNode } from "react";
import { useLive } from "~/components/use-live";
import { plural, type MessageKey, type Translate } from "~/i18n";
import type { MarketReport, ReportRange } from "~/models/report";
import { formatDateTime, formatDayInText, formatPrice, formatTime } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n";
import type { ChartSvg, ReportCharts } from "./report-charts.server";
import { CHART_COLOUR_CLASSES, reportHours, topStalls } from "./report-data";

// A4 with room for the printer's margins. Everything outside the page's <main> (header, footer,
// banners) and whatever is marked print:hidden stays off paper; sections are not split.
const PRINT_CSS = `
@page { size: A4; margin: 14mm 12mm; }
@media print {
  html, body { background: #fff !important; font-size: 11pt; }
  body > :not(main) { display: none !important; }
  body > main { padding: 0 !important; max-width: none !important; }
  .report a { text-decoration: none !important; color: inherit !important; }
  .report-section, .report-figure, .report-table tr { break-inside: avoid; }
  .report h2, .report h3, .report caption { break-after: avoid; }
  .report-table thead { display: table-header-group; }
  .report-chart svg { width: 100% !important; height: auto !important; }
  .report-scroll { overflow: visible !important; }
}`;

/** Which table a CSV link downloads (the CSV routes' `table`). */
type CsvTable = "days" | "sessions" | "hours" | "sources" | "devices" | "stalls";

export type ReportPageProps = {
  /** null: the range was refused (`error` says why); the form stays, with what was typed. */
  report: MarketReport | null;
  charts: ReportCharts | null;
  error: MessageKey | null;
  /** What the form shows: the report's range, or what was typed. */
  typed: { from: string; to: string };
  /** The page's own path (the form's action, the "whole edition" link) and its CSV route's. */
  path: string;
  csvPath: string;
  /** The market's name, its town and the stall's (merchants), for the title when the report is refused. */
  heading: string;
};

export function ReportPage({ report, charts, error, typed, path, csvPath, heading }: ReportPageProps) {
  const t = useT();
  const live = useLive();
  const range = report?.range;
  const csv = (table: CsvTable) =>
    `${csvPath}?${new URLSearchParams({ table, ...(range ? { from: range.from, to: range.to } : {}) })}`;
  return (
    <div className="report">
      {/* As raw HTML: React would escape the selectors' ">" as text, and the page would not hydrate. */}
      <style dangerouslySetInnerHTML={{ __html: PRINT_CSS }} />
      <header className="mb-6">
        <h2 className="font-display text-3xl text-fir-900">{heading}</h2>
        {report ? <ReportDates report={report} /> : null}
      </header>
      <div className="mb-6 flex flex-wrap items-end gap-x-6 gap-y-4 print:hidden">
        <RangeForm typed={typed} path={path} error={error} />
        {live && report ? (
          <button
            type="button"
            onClick={() => window.print()}
            className="min-h-11 rounded-full bg-fir-700 px-5 py-2 font-semibold text-snow hover:bg-fir-800"
          >
            {t("bilan.print")}
          </button>
        ) : null}
      </div>
      {report && charts ? <ReportBody report={report} charts={charts} csv={csv} t={t} /> : null}
    </div>
  );
}

function useDay(report: MarketReport) {
  const locale = useLocale();
  const now = new Date(report.computedAt);
  return (day: string) => formatDayInText(day, report.market.timezone, locale, now);
}

function ReportDates({ report }: { report: MarketReport }) {
  const t = useT();
  const day = useDay(report);
  const { range, edition } = report;
  const same = (a: ReportRange, b: ReportRange | null) => b !== null && a.from === b.from && a.to === b.to;
  return (
    <div className="mt-1 text-fir-900">
      <p className="text-lg font-semibold">{report.market.townName}</p>
      {edition ? <p>{t("bilan.edition", { from: day(edition.from), to: day(edition.to) })}</p> : null}
      {!same(range, edition) ? <p>{t("bilan.period", { from: day(range.from), to: day(range.to) })}</p> : null}
    </div>
  );
}

function RangeForm({
  typed,
  path,
  error,
}: {
  typed: { from: string; to: string };
  path: string;
  error: MessageKey | null;
}) {
  const t = useT();
  const input =
    "mt-1 block min-h-11 rounded-lg border border-fir-600 bg-white px-3 py-2 text-bark aria-[invalid=true]:border-wine-700";
  return (
    <Form method="get" action={path} aria-labelledby="bilan-range-title" className="flex flex-col gap-2">
      <p id="bilan-range-title" className="font-semibold text-fir-900">
        {t("bilan.range.title")}
      </p>
      <div className="flex flex-wrap items-end gap-3">
        {(["from", "to"] as const).map((name) => (
          <label key={name} className="text-sm font-semibold text-fir-900">
            {t(`bilan.range.${name}`)}
            <input
              type="date"
              name={name}
              defaultValue={typed[name]}
              className={input}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? "bilan-range-error" : undefined}
            />
          </label>
        ))}
        <button
          type="submit"
          className="min-h-11 rounded-full bg-white px-5 py-2 font-semibold text-fir-800 ring-1 ring-fir-600 hover:bg-fir-50"
        >
          {t("bilan.range.submit")}
        </button>
        <a href={path} className="min-h-11 py-2 font-semibold text-fir-800 underline underline-offset-4">
          {t("bilan.range.whole")}
        </a>
      </div>
      <div aria-live="polite">
        {error ? (
          <p
            id="bilan-range-error"
            role="alert"
            className="rounded-lg border border-wine-700 bg-wine-50 px-3 py-2 font-semibold text-wine-800"
          >
            {t(error)}
          </p>
        ) : null}
      </div>
    </Form>
  );
}

function useFormats() {
  const locale = useLocale();
  const tag = locale === "fr" ? "fr-FR" : "en-GB";
  const count = new Intl.NumberFormat(tag);
  const percent = new Intl.NumberFormat(tag, { style: "percent", maximumFractionDigits: 0 });
  const t = useT();
  return {
    n: (value: number) => count.format(value),
    price: (cents: number) => formatPrice(cents, locale),
    share: (value: number | null) => (value === null ? "—" : percent.format(value)),
    price0: (cents: number | null) => (cents === null ? "—" : formatPrice(cents, locale)),
    duration: (seconds: number | null) => {
      if (seconds === null) return "—";
      if (seconds < 60) return t("bilan.duration.seconds", { n: Math.round(seconds) });
      const minutes = Math.round(seconds / 60);
      if (minutes < 60) return t("bilan.duration.minutes", { n: minutes });
      return t("bilan.duration.hours", { h: Math.floor(minutes / 60), m: String(minutes % 60).padStart(2, "0") });
    },
  };
}

function Summary({ report, t }: { report: MarketReport; t: Translate }) {
  const day = useDay(report);
  const f = useFormats();
  const { totals, range, scope } = report;
  const vars = {
    subject:
      scope.kind === "market"
        ? t("bilan.summary.market", { name: report.market.name })
        : t("bilan.summary.stall", { name: scope.stallName }),
    visitors: plural(t, "bilan.summary.visitors", totals.visitors),
    orders: plural(t, "bilan.summary.orders", totals.orders),
    net: f.price(totals.netCents),
    from: day(range.from),
    to: day(range.to),
  };
  const first = t(range.from === range.to ? "bilan.summary.oneDay" : "bilan.summary.range", vars);
  const answered =
    totals.answeredShare === null
      ? t("bilan.summary.noQuestions")
      : t(scope.kind === "market" ? "bilan.summary.answered" : "bilan.summary.answeredStall", {
          share: f.share(totals.answeredShare),
        });
  return (
    <p data-report-summary className="text-lg text-bark">
      {first} {answered}
    </p>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="report-section mt-10 print:mt-6">
      <h3 id={id} className="mb-3 border-b border-fir-100 pb-1 font-display text-2xl text-fir-900">
        {title}
      </h3>
      {children}
    </section>
  );
}

/** Key figures as a description list: a label and a large number each. */
function Figures({ items }: { items: [string, string][] }) {
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4 print:grid-cols-4">
      {items.map(([label, value]) => (
        <div key={label} className="rounded-xl border border-fir-100 bg-white p-3 print:p-2">
          <dt className="text-sm text-fir-800">{label}</dt>
          <dd className="text-xl font-bold text-fir-900 tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

type Column<Row> = { label: string; value: (row: Row) => ReactNode; text?: boolean };

/** A table of figures with a caption, scrolling sideways on a phone, and the link to its CSV. */
function Table<Row>({
  caption,
  rows,
  columns,
  rowKey,
  csv,
  empty,
}: {
  caption: string;
  rows: Row[];
  columns: Column<Row>[];
  rowKey: (row: Row) => string;
  csv: string;
  empty?: string;
}) {
  const t = useT();
  const captionId = useId();
  return (
    <div className="report-figure mt-4">
      {/* Focusable, so a keyboard can scroll a table wider than a phone. */}
      <div
        role="region"
        aria-labelledby={captionId}
        tabIndex={0}
        className="report-scroll overflow-x-auto rounded-xl border border-fir-100 bg-white"
      >
        <table className="report-table w-full border-collapse text-sm">
          <caption id={captionId} className="px-3 pt-2 pb-1 text-left font-semibold text-fir-900">
            {caption}
          </caption>
          <thead>
            <tr className="border-b border-fir-100 bg-fir-50">
              {columns.map((c) => (
                <th
                  key={c.label}
                  scope="col"
                  className={`px-3 py-2 font-semibold text-fir-900 ${c.text ? "text-left" : "text-right"}`}
                >
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={columns.length} className="px-3 py-2 text-bark">
                  {empty ?? t("bilan.empty")}
                </td>
              </tr>
            ) : (
              rows.map((row) => (
                <tr key={rowKey(row)} className="border-b border-fir-100 last:border-0">
                  {columns.map((c, i) =>
                    i === 0 ? (
                      <th key={c.label} scope="row" className="px-3 py-2 text-left font-normal whitespace-nowrap">
                        {c.value(row)}
                      </th>
                    ) : (
                      <td
                        key={c.label}
                        className={`px-3 py-2 whitespace-nowrap ${c.text ? "text-left" : "text-right tabular-nums"}`}
                      >
                        {c.value(row)}
                      </td>
                    ),
                  )}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <p className="mt-1 text-sm print:hidden">
        <a href={csv} className="font-semibold text-fir-800 underline underline-offset-4">
          {t("bilan.csv")}
          <span className="sr-only"> — {caption}</span>
        </a>
      </p>
    </div>
  );
}

/** A chart drawn on the server: an image with a name, its legend in words, and its table below. */
function Chart({
  id,
  title,
  svg,
  legend,
  children,
}: {
  id: string;
  title: string;
  svg: ChartSvg;
  legend: { label: string; kind: keyof typeof CHART_COLOUR_CLASSES }[];
  children: ReactNode;
}) {
  return (
    <figure className="report-figure mt-4" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="font-semibold text-fir-900">
        {title}
      </figcaption>
      {legend.length > 0 ? (
        <ul className="mt-1 flex flex-wrap gap-x-4 text-sm text-bark" aria-hidden="true">
          {legend.map((item) => (
            <li key={item.label} className="flex items-center gap-1.5">
              <span className={`inline-block ${CHART_COLOUR_CLASSES[item.kind]}`} />
              {item.label}
            </li>
          ))}
        </ul>
      ) : null}
      <div role="img" aria-label={title} className="report-chart mt-2" data-chart={id}>
        <div className="sm:hidden print:hidden" dangerouslySetInnerHTML={{ __html: svg.narrow }} />
        <div
          className="hidden sm:block print:block [&_svg]:h-auto [&_svg]:max-w-full"
          dangerouslySetInnerHTML={{ __html: svg.wide }}
        />
      </div>
      {children}
    </figure>
  );
}

function ReportBody({
  report,
  charts,
  csv,
  t,
}: {
  report: MarketReport;
  charts: ReportCharts;
  csv: (table: CsvTable) => string;
  t: Translate;
}) {
  const f = useFormats();
  const day = useDay(report);
  const locale = useLocale();
  const { totals } = report;
  const market = report.scope.kind === "market";
  const time = (at: string) => formatDateTime(at, report.market.timezone, locale);
  const hours = reportHours(report);
  const top = topStalls(report);
  const sales = (label: (key: string) => string) => [
    { label: label("orders"), value: (r: { orders: number }) => f.n(r.orders) },
    { label: label("paid"), value: (r: { paidCents: number }) => f.price(r.paidCents) },
    { label: label("refunded"), value: (r: { refundedCents: number }) => f.price(r.refundedCents) },
    { label: label("net"), value: (r: { netCents: number }) => f.price(r.netCents) },
  ];
  const col = (key: string) => t(`bilan.col.${key}` as MessageKey);
  return (
    <>
      <Summary report={report} t={t} />
      <div className="mt-4">
        <Figures
          items={[
            [t("bilan.fig.visitors"), f.n(totals.visitors)],
            [t("bilan.fig.views"), f.n(totals.views)],
            [t("bilan.fig.orders"), f.n(totals.orders)],
            [t("bilan.fig.net"), f.price(totals.netCents)],
            [t("bilan.fig.answered"), f.share(totals.answeredShare)],
            [t("bilan.fig.conversion"), f.share(totals.conversion)],
          ]}
        />
      </div>

      <Section id="bilan-days" title={t("bilan.days.title")}>
        <Chart
          id="chart-days"
          title={t("bilan.chart.days")}
          svg={charts.days}
          legend={[
            { label: t("bilan.legend.visitors"), kind: "bars" },
            { label: t("bilan.legend.net"), kind: "line" },
          ]}
        >
          <Table
            caption={t("bilan.table.days")}
            rows={report.days}
            rowKey={(d) => d.day}
            csv={csv("days")}
            columns={[
              { label: col("day"), value: (d) => day(d.day), text: true },
              { label: col("visitors"), value: (d) => f.n(d.visitors) },
              ...(market
                ? [{ label: col("marketViews"), value: (d: { marketViews: number }) => f.n(d.marketViews) }]
                : []),
              { label: col("stallViews"), value: (d) => f.n(d.stallViews) },
              { label: col("messages"), value: (d) => f.n(d.messages) },
              ...sales(col),
            ]}
          />
        </Chart>
        <Table
          caption={t("bilan.table.sessions")}
          rows={report.sessions}
          rowKey={(s) => s.sessionId}
          csv={csv("sessions")}
          empty={t("bilan.sessions.none")}
          columns={[
            {
              label: col("session"),
              value: (s) =>
                `${formatDateTime(s.startsAt, report.market.timezone, locale)} – ${formatTime(s.endsAt, report.market.timezone, locale)}`,
              text: true,
            },
            { label: col("visitors"), value: (s) => f.n(s.visitors) },
            { label: col("views"), value: (s) => f.n(s.views) },
            ...sales(col),
          ]}
        />
      </Section>

      <Section id="bilan-visitors" title={t("bilan.visitors.title")}>
        <Figures
          items={[
            [t("bilan.fig.visitors"), f.n(totals.visitors)],
            ...(market ? ([[t("bilan.fig.marketViews"), f.n(totals.marketViews)]] as [string, string][]) : []),
            [t("bilan.fig.stallViews"), f.n(totals.stallViews)],
          ]}
        />
        <p className="mt-2 text-sm text-bark">{t("bilan.visitors.note")}</p>
        <div className="grid gap-x-6 md:grid-cols-2 print:grid-cols-2">
          <Table
            caption={t("bilan.table.sources")}
            rows={report.sources}
            rowKey={(s) => s.key}
            csv={csv("sources")}
            columns={[
              { label: col("source"), value: (s) => t(`bilan.source.${s.key}` as MessageKey), text: true },
              { label: col("visitors"), value: (s) => f.n(s.visitors) },
              { label: col("views"), value: (s) => f.n(s.views) },
            ]}
          />
          <Table
            caption={t("bilan.table.devices")}
            rows={report.devices}
            rowKey={(s) => s.key}
            csv={csv("devices")}
            columns={[
              { label: col("device"), value: (s) => t(`bilan.device.${s.key}` as MessageKey), text: true },
              { label: col("visitors"), value: (s) => f.n(s.visitors) },
              { label: col("views"), value: (s) => f.n(s.views) },
            ]}
          />
        </div>
      </Section>

      <Section id="bilan-chat" title={t("bilan.chat.title")}>
        <Figures
          items={[
            [t("bilan.fig.conversations"), f.n(totals.conversations)],
            [t("bilan.fig.messages"), f.n(totals.messages)],
            [t("bilan.fig.questions"), f.n(totals.questions)],
            [t("bilan.fig.answered"), f.share(totals.answeredShare)],
            [t("bilan.fig.firstAnswer"), f.duration(totals.medianFirstAnswerSeconds)],
          ]}
        />
        {market ? (
          <Table
            caption={t("bilan.table.chat")}
            rows={report.stalls}
            rowKey={(s) => s.stallId}
            csv={csv("stalls")}
            columns={[
              { label: col("stall"), value: (s) => s.stallName, text: true },
              { label: col("conversations"), value: (s) => f.n(s.conversations) },
              { label: col("messages"), value: (s) => f.n(s.messages) },
              {
                label: col("answered"),
                value: (s) => f.share(s.questions > 0 ? s.answered / s.questions : null),
              },
              { label: col("firstAnswer"), value: (s) => f.duration(s.medianFirstAnswerSeconds) },
            ]}
          />
        ) : null}
      </Section>

      <Section id="bilan-sales" title={t("bilan.sales.title")}>
        <Figures
          items={[
            [t("bilan.fig.orders"), f.n(totals.orders)],
            [t("bilan.fig.items"), f.n(totals.items)],
            [t("bilan.fig.buyers"), f.n(totals.buyers)],
            [t("bilan.fig.newBuyers"), f.n(totals.newBuyers)],
            [t("bilan.fig.returningBuyers"), f.n(totals.returningBuyers)],
            [t("bilan.fig.paid"), f.price(totals.paidCents)],
            [t("bilan.fig.refunded"), f.price(totals.refundedCents)],
            [t("bilan.fig.net"), f.price(totals.netCents)],
            [t("bilan.fig.basket"), f.price0(totals.averageBasketCents)],
            [t("bilan.fig.conversion"), f.share(totals.conversion)],
          ]}
        />
        <p className="mt-2 text-sm text-bark">{t("bilan.sales.note")}</p>
        <Chart
          id="chart-hours"
          title={t("bilan.chart.hours")}
          svg={charts.hours}
          legend={[
            { label: t("bilan.legend.views"), kind: "bars" },
            { label: t("bilan.legend.orders"), kind: "line" },
          ]}
        >
          <Table
            caption={t("bilan.table.hours")}
            rows={hours}
            rowKey={(h) => String(h.hour)}
            csv={csv("hours")}
            columns={[
              { label: col("hour"), value: (h) => t("bilan.hour", { from: h.hour, to: h.hour + 1 }), text: true },
              { label: col("views"), value: (h) => f.n(h.views) },
              { label: col("orders"), value: (h) => f.n(h.orders) },
              { label: col("paid"), value: (h) => f.price(h.paidCents) },
            ]}
          />
        </Chart>
        {market ? (
          charts.stalls ? (
            <Chart id="chart-stalls" title={t("bilan.chart.stalls")} svg={charts.stalls} legend={[]}>
              <Table
                caption={t("bilan.table.stalls")}
                rows={report.stalls}
                rowKey={(s) => s.stallId}
                csv={csv("stalls")}
                columns={stallColumns(col, f)}
              />
            </Chart>
          ) : (
            <Table
              caption={t("bilan.table.stalls")}
              rows={report.stalls}
              rowKey={(s) => s.stallId}
              csv={csv("stalls")}
              columns={stallColumns(col, f)}
            />
          )
        ) : null}
        {market && top.length === 0 ? <p className="mt-2 text-sm text-bark">{t("bilan.stalls.noSales")}</p> : null}
      </Section>
      <p className="mt-8 text-sm text-bark">{t("bilan.computedAt", { time: time(report.computedAt) })}</p>
    </>
  );
}

function stallColumns(
  col: (key: string) => string,
  f: ReturnType<typeof useFormats>,
): Column<MarketReport["stalls"][number]>[] {
  return [
    { label: col("stall"), value: (s) => s.stallName, text: true },
    { label: col("visitors"), value: (s) => f.n(s.visitors) },
    { label: col("orders"), value: (s) => f.n(s.orders) },
    { label: col("items"), value: (s) => f.n(s.items) },
    { label: col("paid"), value: (s) => f.price(s.paidCents) },
    { label: col("refunded"), value: (s) => f.price(s.refundedCents) },
    { label: col("net"), value: (s) => f.price(s.netCents) },
    { label: col("conversion"), value: (s) => f.share(s.conversion) },
  ];
}
