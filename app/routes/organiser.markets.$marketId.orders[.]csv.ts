// /organiser/markets/<id>/orders.csv: every line of the market's paid and refunded orders, for a
// spreadsheet. Organisers of the market's town only; anyone else signed in gets a 404 (the file
// does not say whether the market exists), a visitor without a session is sent to log in.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { DateTime } from "luxon";
import { formatOrdersCsv, listMarketOrderLines } from "~/models/market-revenue.server";
import { requireMarketOrganiser } from "~/utils/auth.server";
import { getTranslator } from "~/utils/i18n.server";

function notFound(): never {
  throw new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const marketId = params.marketId!;
  try {
    await requireMarketOrganiser(request, marketId);
  } catch (error) {
    // The guard's 403: not this market's organiser. A redirect to log in goes through as it is.
    if (error instanceof Response && error.status === 403) notFound();
    throw error;
  }
  const [data, { t, locale }] = await Promise.all([listMarketOrderLines(marketId), getTranslator(request)]);
  if (!data) notFound();
  const body = formatOrdersCsv(data.lines, { timezone: data.timezone, locale, t });
  const day = DateTime.fromJSDate(context.now(), { zone: data.timezone }).toISODate() ?? "export";
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${t("orders.csv.filename")}-${data.slug}-${day}.csv"`,
      // Buyers' orders: never kept by a shared cache, nor by the browser past this download.
      "Cache-Control": "private, no-store",
      Vary: "Cookie, Accept-Language",
    },
  });
}
