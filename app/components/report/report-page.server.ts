// What both report pages load (the organiser's for a market, a merchant's for their stall): the
// range read from the query (the edition by default), the figures, and the charts drawn from them.
// The routes guard first; a refused range is a 400 with the model's reason, the form kept as typed.
import { data } from "@remix-run/node";
import type { MessageKey } from "~/i18n";
import { buildMarketReport, getReportContext, parseReportRange } from "~/models/report.server";
import { getTranslator } from "~/utils/i18n.server";
import { renderReportCharts } from "./report-charts.server";

export async function loadReportPage(
  request: Request,
  now: Date,
  { marketId, stallId, name }: { marketId: string; stallId?: string; name: string },
) {
  const [reportContext, { t, locale }] = await Promise.all([getReportContext(marketId), getTranslator(request)]);
  if (!reportContext) throw new Response("Not found", { status: 404 });
  const url = new URL(request.url);
  const typed = { from: url.searchParams.get("from") ?? "", to: url.searchParams.get("to") ?? "" };
  const title = `${t("bilan.pageTitle", { name })} · Chalet`;
  const parsed = parseReportRange(typed, reportContext.edition, reportContext.timezone, now);
  if (!parsed.ok) {
    const error: MessageKey = `bilan.range.${parsed.error}`;
    return data({ title, report: null, charts: null, error, typed }, { status: 400 });
  }
  const report = await buildMarketReport(marketId, parsed.range, stallId ? { stallId } : {}, now);
  const charts = renderReportCharts(report, locale);
  return data({ title, report, charts, error: null, typed: parsed.range });
}
