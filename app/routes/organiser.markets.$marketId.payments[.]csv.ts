// /organiser/markets/<id>/payments.csv: the reconciliation file, one row per money movement
// (payment, transfer, reversal, refund, dispute) with Stripe's ids. Organisers of the market's
// town only; anyone else signed in gets a 404 (the file does not say whether the market exists),
// a visitor without a session is sent to log in (csv-download.server.ts).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getMarketMovementsCsv } from "~/models/market-payouts.server";
import { csvDownload, csvNotFound, requireMarketOrganiserForFile } from "~/utils/csv-download.server";
import { getTranslator } from "~/utils/i18n.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const marketId = params.marketId!;
  await requireMarketOrganiserForFile(request, marketId);
  const { t, locale } = await getTranslator(request);
  const file = await getMarketMovementsCsv(marketId, { t, locale });
  if (!file) csvNotFound();
  return csvDownload(file.csv, {
    name: t("money.csv.filename"),
    slug: file.slug,
    timezone: file.timezone,
    now: context.now(),
  });
}
