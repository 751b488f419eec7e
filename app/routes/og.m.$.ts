// Link-preview pictures: /og/m/<market>.png and /og/m/<market>/<stall>.png.
// Only what is public (published market, approved stall) gets a picture; the rest is a 404.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { renderOgCard } from "~/components/og-card.server";
import { categoryLabel } from "~/components/stall-card";
import { createTranslator, DEFAULT_LOCALE } from "~/i18n";
import { getMarketPreview } from "~/models/market.server";
import { getStallPreview } from "~/models/stall.server";

const PATH = /^([a-z0-9-]{1,120})(?:\/([a-z0-9-]{1,120}))?\.png$/;

function png(body: Buffer, etag: string) {
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "image/png",
      "Content-Length": String(body.length),
      // Previews are fetched by chat apps and crawlers; a name change shows within the hour.
      "Cache-Control": "public, max-age=3600, stale-while-revalidate=86400",
      ETag: etag,
    },
  });
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const match = PATH.exec(params["*"] ?? "");
  if (!match) throw new Response("Not found", { status: 404 });
  const [, marketSlug, stallSlug] = match as unknown as [string, string, string | undefined];
  // Crawlers send no language cookie: previews are in the towns' language.
  const t = createTranslator(DEFAULT_LOCALE);

  let key: string;
  let card: { eyebrow: string; title: string; subtitle: string };
  if (stallSlug) {
    const stall = await getStallPreview(marketSlug, stallSlug);
    if (!stall) throw new Response("Not found", { status: 404 });
    key = `s/${marketSlug}/${stallSlug}/${stall.updatedAt.getTime()}`;
    card = { eyebrow: categoryLabel(t, stall.category), title: stall.name, subtitle: stall.market.name };
  } else {
    const market = await getMarketPreview(marketSlug);
    if (!market) throw new Response("Not found", { status: 404 });
    key = `m/${marketSlug}/${market.updatedAt.getTime()}`;
    card = { eyebrow: market.town.name, title: market.name, subtitle: t("app.tagline") };
  }
  const etag = `"${Buffer.from(key).toString("base64url")}"`;
  if (request.headers.get("If-None-Match") === etag) {
    return new Response(null, { status: 304, headers: { ETag: etag } });
  }
  return png(await renderOgCard(key, card), etag);
}
