// The loader of both poster routes (app/routes/m.$marketSlug.affiche.tsx and
// m.$marketSlug.$stallSlug_.affiche.tsx): the poster's data and its QR code.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getPoster } from "~/models/poster.server";
// The code's address is marked so that the visit it brings counts as a poster's (visit-source.ts).
import { POSTER_QUERY } from "~/models/visit-source";
import { getTranslator } from "~/utils/i18n.server";
import { qrSvg } from "~/utils/qr.server";
import { absoluteUrl } from "~/utils/url.server";

export async function posterLoader({ request, params, context }: LoaderFunctionArgs) {
  const [poster, { t }] = await Promise.all([
    getPoster(params.marketSlug ?? "", params.stallSlug ?? null, context.now()),
    getTranslator(request),
  ]);
  if (!poster) throw new Response("Not found", { status: 404 });
  const name = poster.stall?.name ?? poster.market.name;
  const qr = await qrSvg(
    absoluteUrl(request, poster.path + POSTER_QUERY),
    t(poster.stall ? "poster.qrStall" : "poster.qrMarket", { name }),
  );
  // Printed under the code for those who type it: the address without the tracking.
  return {
    ...poster,
    name,
    title: t("poster.pageTitle", { name }),
    qr,
    address: absoluteUrl(request, poster.path).replace(/^https?:\/\//, ""),
  };
}

export type PosterData = Awaited<ReturnType<typeof posterLoader>>;
