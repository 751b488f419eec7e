// /merchant/stalls/<id>/bilan.csv?table=days&from=&to=: one table of the report of the merchant's
// own stall (its visits, its chat, its order lines). Its owner only (requireStallOwner: 403 for
// another merchant's stall, 404 for none). A table that does not exist or a refused range: 400
// with the reason in words.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getReportCsv } from "~/models/report-csv.server";
import { getStallReportMarketId } from "~/models/report.server";
import { requireStallOwner } from "~/utils/auth.server";
import { csvDownload, csvNotFound } from "~/utils/csv-download.server";
import { getTranslator } from "~/utils/i18n.server";
import { reportCsvRefusal } from "~/utils/report-csv.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const stallId = params.stallId!;
  await requireStallOwner(request, stallId);
  const marketId = await getStallReportMarketId(stallId);
  if (!marketId) csvNotFound();
  const { t, locale } = await getTranslator(request);
  const now = context.now();
  const file = await getReportCsv(marketId, { stallId }, new URL(request.url).searchParams, { t, locale, now });
  if (!file.ok) return reportCsvRefusal(file);
  return csvDownload(file.csv, { name: t(file.filename), slug: file.slug, timezone: file.timezone, now });
}
