// The report's tables as CSV files, one per table (`?table=days&from=&to=`), for organisers
// (the market, or one stall) and merchants (their stall). Same dialect as the orders and payments
// files: the reader's language decides ";" and "12,50" or "," and "12.50", BOM, CRLF
// (csvDialect, market-revenue.server.ts); stall names are kept from running as formulas.
import { stringify } from "csv-stringify/sync";
import { DateTime } from "luxon";
import { z } from "zod";
import type { Locale, MessageKey, Translate } from "~/i18n";
import { csvAmount, csvDialect, neutraliseFormula } from "./market-revenue.server";
import type { MarketReport } from "./report";
import { buildMarketReport, getReportContext, parseReportRange } from "./report.server";

export const REPORT_CSV_TABLES = ["days", "sessions", "hours", "sources", "devices", "stalls"] as const;
export type ReportCsvTable = (typeof REPORT_CSV_TABLES)[number];

const tableSchema = z.enum(REPORT_CSV_TABLES);

type Options = { locale: Locale; t: Translate };

/** One table of the report as a whole CSV file (BOM, header row, CRLF). */
export function formatReportCsv(report: MarketReport, table: ReportCsvTable, options: Options): string {
  const { t } = options;
  const { delimiter, decimal } = csvDialect(options.locale);
  const money = (cents: number) => csvAmount(cents, decimal);
  const count = (n: number) => String(n);
  const salesHeader = [
    t("reportCsv.orders"),
    t("reportCsv.items"),
    t("reportCsv.paid"),
    t("reportCsv.refunded"),
    t("reportCsv.net"),
  ];
  const sales = (f: { orders: number; items: number; paidCents: number; refundedCents: number; netCents: number }) => [
    count(f.orders),
    count(f.items),
    money(f.paidCents),
    money(f.refundedCents),
    money(f.netCents),
  ];
  const local = (iso: string) => DateTime.fromISO(iso, { zone: report.market.timezone }).toFormat("yyyy-LL-dd HH:mm");
  // A share as a plain decimal (0,125), which a spreadsheet formats as it likes; empty: no base.
  const share = (value: number | null) =>
    value === null ? "" : String(Math.round(value * 10000) / 10000).replace(".", decimal);

  let rows: string[][];
  switch (table) {
    case "days":
      rows = [
        [
          t("reportCsv.day"),
          t("reportCsv.visitors"),
          t("reportCsv.marketViews"),
          t("reportCsv.stallViews"),
          t("reportCsv.messages"),
          ...salesHeader,
        ],
        ...report.days.map((d) => [
          d.day,
          count(d.visitors),
          count(d.marketViews),
          count(d.stallViews),
          count(d.messages),
          ...sales(d),
        ]),
      ];
      break;
    case "sessions":
      rows = [
        [
          t("reportCsv.session"),
          t("reportCsv.sessionStart"),
          t("reportCsv.sessionEnd"),
          t("reportCsv.visitors"),
          t("reportCsv.views"),
          ...salesHeader,
        ],
        ...report.sessions.map((s, index) => [
          count(index + 1),
          local(s.startsAt),
          local(s.endsAt),
          count(s.visitors),
          count(s.views),
          ...sales(s),
        ]),
      ];
      break;
    case "hours":
      rows = [
        [t("reportCsv.hour"), t("reportCsv.views"), t("reportCsv.orders"), t("reportCsv.paid")],
        ...report.hours.map((h) => [
          `${String(h.hour).padStart(2, "0")}:00`,
          count(h.views),
          count(h.orders),
          money(h.paidCents),
        ]),
      ];
      break;
    case "sources":
      rows = [
        [t("reportCsv.source"), t("reportCsv.visitors"), t("reportCsv.views")],
        ...report.sources.map((s) => [
          t(`reportCsv.source.${s.key}` satisfies MessageKey),
          count(s.visitors),
          count(s.views),
        ]),
      ];
      break;
    case "devices":
      rows = [
        [t("reportCsv.device"), t("reportCsv.visitors"), t("reportCsv.views")],
        ...report.devices.map((d) => [
          t(`reportCsv.device.${d.key}` satisfies MessageKey),
          count(d.visitors),
          count(d.views),
        ]),
      ];
      break;
    case "stalls":
      rows = [
        [
          t("reportCsv.stall"),
          t("reportCsv.visitors"),
          t("reportCsv.views"),
          t("reportCsv.conversations"),
          t("reportCsv.messages"),
          t("reportCsv.questions"),
          t("reportCsv.answered"),
          t("reportCsv.medianAnswer"),
          t("reportCsv.conversion"),
          ...salesHeader,
        ],
        ...report.stalls.map((s) => [
          neutraliseFormula(s.stallName),
          count(s.visitors),
          count(s.views),
          count(s.conversations),
          count(s.messages),
          count(s.questions),
          count(s.answered),
          s.medianFirstAnswerSeconds === null ? "" : count(s.medianFirstAnswerSeconds),
          share(s.conversion),
          ...sales(s),
        ]),
      ];
      break;
  }
  return stringify(rows, { delimiter, record_delimiter: "windows", bom: true });
}

export type ReportCsvResult =
  | { ok: true; csv: string; filename: MessageKey; slug: string; timezone: string }
  | { ok: false; status: 400 | 404; message: string };

/**
 * The file a CSV route answers with, from its query (`table`, `from`, `to`): a 400 with a clear
 * message for a table that does not exist or a range parseReportRange refuses; 404 for no such
 * market or a stall that is not of it. The route has checked access.
 */
export async function getReportCsv(
  marketId: string,
  scope: { stallId?: string },
  query: URLSearchParams,
  options: Options & { now: Date },
): Promise<ReportCsvResult> {
  const { t } = options;
  const table = tableSchema.safeParse(query.get("table"));
  if (!table.success) return { ok: false, status: 400, message: t("reportCsv.error.table") };
  const context = await getReportContext(marketId);
  if (!context) return { ok: false, status: 404, message: "Not found" };
  const range = parseReportRange(
    { from: query.get("from"), to: query.get("to") },
    context.edition,
    context.timezone,
    options.now,
  );
  if (!range.ok) return { ok: false, status: 400, message: t(`reportCsv.error.${range.error}`) };
  const report = await buildMarketReport(marketId, range.range, scope, options.now);
  return {
    ok: true,
    csv: formatReportCsv(report, table.data, options),
    filename: `reportCsv.filename.${table.data}`,
    slug: context.slug,
    timezone: context.timezone,
  };
}
