// /organiser/markets/<id>/bilan.csv?table=days&from=2026-12-01&to=2026-12-24[&stall=<id>]: one
// table of the market's report (or of one of its stalls) for a spreadsheet. Organisers of the
// market's town only; anyone else signed in gets a 404, like the other files. A table that does
// not exist or a refused range: 400 with the reason in words.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getReportCsv } from "~/models/report-csv.server";
import { csvDownload, requireMarketOrganiserForFile } from "~/utils/csv-download.server";
import { getTranslator } from "~/utils/i18n.server";
import { reportCsvRefusal } from "~/utils/report-csv.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const marketId = params.marketId!;
  await requireMarketOrganiserForFile(request, marketId);
  const { t, locale } = await getTranslator(request);
  const query = new URL(request.url).searchParams;
  const stallId = query.get("stall") || undefined;
  const now = context.now();
  const file = await getReportCsv(marketId, { stallId }, query, { t, locale, now });
  if (!file.ok) return reportCsvRefusal(file);
  return csvDownload(file.csv, { name: t(file.filename), slug: file.slug, timezone: file.timezone, now });
}
