// /organiser/markets/<id>/payments.csv: the reconciliation file, one row per money movement
// (payment, transfer, reversal, refund, dispute) with Stripe's ids. Organisers of the market's
// town only; anyone else signed in gets a 404 (the file does not say whether the market exists),
// a visitor without a session is sent to log in.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { DateTime } from "luxon";
import { getMarketMovementsCsv } from "~/models/market-payouts.server";
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
  const { t, locale } = await getTranslator(request);
  const file = await getMarketMovementsCsv(marketId, { t, locale });
  if (!file) notFound();
  const day = DateTime.fromJSDate(context.now(), { zone: file.timezone }).toISODate() ?? "export";
  return new Response(file.csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${t("money.csv.filename")}-${file.slug}-${day}.csv"`,
      // Money of named merchants: never kept by a shared cache, nor by the browser past this download.
      "Cache-Control": "private, no-store",
      Vary: "Cookie, Accept-Language",
    },
  });
}
