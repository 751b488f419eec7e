// A merchant's "Bilan" tab: the market's report restricted to their own stall (its visitors, its
// conversations, its sales), without the market-wide tables (the other stalls).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useParams } from "@remix-run/react";
import { loadReportPage } from "~/components/report/report-page.server";
import { ReportPage } from "~/components/report/report-view";
import { getOwnedStall } from "~/models/stall.server";
import { requireStallOwner } from "~/utils/auth.server";
import { useT } from "~/utils/i18n";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Chalet" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const stallId = params.stallId!;
  const user = await requireStallOwner(request, stallId);
  const stall = await getOwnedStall(user.id, stallId);
  if (!stall) throw new Response("Not found", { status: 404 });
  return loadReportPage(request, context.now(), { marketId: stall.market.id, stallId, name: stall.name });
}

export default function StallReportPage() {
  const loaded = useLoaderData<typeof loader>();
  const { stallId } = useParams();
  const t = useT();
  const base = `/merchant/stalls/${stallId}`;
  return (
    <ReportPage {...loaded} path={`${base}/bilan`} csvPath={`${base}/bilan.csv`} heading={t("bilan.heading.stall")} />
  );
}
