// /m/<market>/agenda.ics: the sessions of a published market as an iCalendar file, so visitors
// can add them to their phone's calendar (or subscribe to the address). Anything else is a 404.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getMarketCalendar } from "~/models/market-calendar.server";
import { buildMarketCalendar } from "~/utils/ics";
import { getTranslator } from "~/utils/i18n.server";
import { absoluteUrl } from "~/utils/url.server";

const SLUG = /^[a-z0-9-]{1,120}$/;

function notFound(): never {
  throw new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const slug = params.marketSlug ?? "";
  if (!SLUG.test(slug)) notFound();
  const market = await getMarketCalendar(slug);
  if (!market) notFound();
  const { t } = await getTranslator(request);
  const url = absoluteUrl(request, `/m/${market.slug}`);
  const body = buildMarketCalendar({
    marketName: market.name,
    townName: market.town.name,
    timezone: market.timezone,
    url,
    description: t("resident.calendar.description", { market: market.name, town: market.town.name, url }),
    sessions: market.sessions,
    now: context.now(),
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${market.slug}.ics"`,
      // Sessions change rarely but do change (a cancellation): a few minutes, shared caches included.
      "Cache-Control": "public, max-age=300",
      // The notes are in the visitor's language (cookie, else Accept-Language).
      Vary: "Cookie, Accept-Language",
    },
  });
}
