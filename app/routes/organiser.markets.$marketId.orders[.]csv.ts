// /organiser/markets/<id>/orders.csv: every line of the market's paid and refunded orders, for a
// spreadsheet. Organisers of the market's town only; anyone else signed in gets a 404 (the file
// does not say whether the market exists), a visitor without a session is sent to log in
// (csv-download.server.ts).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { formatOrdersCsv, listMarketOrderLines } from "~/models/market-revenue.server";
import { csvDownload, csvNotFound, requireMarketOrganiserForFile } from "~/utils/csv-download.server";
import { getTranslator } from "~/utils/i18n.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const marketId = params.marketId!;
  await requireMarketOrganiserForFile(request, marketId);
  const [data, { t, locale }] = await Promise.all([listMarketOrderLines(marketId), getTranslator(request)]);
  if (!data) csvNotFound();
  const body = formatOrdersCsv(data.lines, { timezone: data.timezone, locale, t });
  return csvDownload(body, {
    name: t("orders.csv.filename"),
    slug: data.slug,
    timezone: data.timezone,
    now: context.now(),
  });
}
