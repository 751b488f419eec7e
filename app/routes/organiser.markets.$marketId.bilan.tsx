// The organisers' "Bilan" tab: the market's report for the council (visitors, conversations,
// sales, with charts, CSVs and an A4 print), for the whole edition or the days chosen.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useParams } from "@remix-run/react";
import { loadReportPage } from "~/components/report/report-page.server";
import { ReportPage } from "~/components/report/report-view";
import { getMarketForOrganiser } from "~/models/market.server";
import { requireMarketOrganiser } from "~/utils/auth.server";
import { useT } from "~/utils/i18n";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Chalet" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const marketId = params.marketId!;
  await requireMarketOrganiser(request, marketId);
  const market = await getMarketForOrganiser(marketId);
  if (!market) throw new Response("Not found", { status: 404 });
  return loadReportPage(request, context.now(), { marketId, name: market.name });
}

export default function MarketReportPage() {
  const loaded = useLoaderData<typeof loader>();
  const { marketId } = useParams();
  const t = useT();
  const base = `/organiser/markets/${marketId}`;
  return (
    <ReportPage {...loaded} path={`${base}/bilan`} csvPath={`${base}/bilan.csv`} heading={t("bilan.heading.market")} />
  );
}
