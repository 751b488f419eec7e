import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TownNotice } from "~/components/legal";
import { getTownNotice } from "~/models/legal.server";
import { getTranslator } from "~/utils/i18n.server";

// "t.$townSlug_": not nested in a town page's layout (t.$townSlug.tsx), whatever that renders.
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Chalet" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const [town, { t }] = await Promise.all([getTownNotice(params.townSlug ?? ""), getTranslator(request)]);
  if (!town) throw new Response("Not found", { status: 404 });
  // townSlug: the root footer links to this town's pages (legalLinks in app/root.tsx).
  return { title: `${t("legal.notice.titleOf", { town: town.name })} · Chalet`, town, townSlug: town.slug };
}

export default function TownLegalNotice() {
  const { town } = useLoaderData<typeof loader>();
  return <TownNotice town={town} />;
}
