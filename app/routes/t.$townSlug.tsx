// A town's public page: who runs its markets, how to reach them, and its published markets (open
// now first, then to come, then past editions), live like the home page.
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { MarketSection } from "~/components/market-card";
import { previewRouteMeta } from "~/components/preview-meta";
import { useRevalidateAt } from "~/components/use-revalidate-at";
import { getPublicTown } from "~/models/town.server";
import { marketView, useMarketLive } from "~/realtime/use-market-live";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/i18n.server";
import { absoluteUrl } from "~/utils/url.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const now = context.now();
  const found = await getPublicTown(params.townSlug ?? "", now);
  if (!found) throw new Response("Not found", { status: 404 });
  const { t } = await getTranslator(request);
  const { town, open, upcoming, past } = found;
  return {
    town,
    open,
    upcoming,
    past,
    serverNow: now.toISOString(),
    preview: {
      title: `${town.name} · Chalet`,
      description: t("town.page.metaDescription", { town: town.name }),
      url: absoluteUrl(request, `/t/${town.slug}`),
      image: null,
      type: "website" as const,
    },
  };
}

// The header shows who is logged in and the statuses move with the clock: never a shared cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-cache" });

export const meta: MetaFunction<typeof loader> = previewRouteMeta;

export default function TownPage() {
  const { town, open, upcoming, past, serverNow } = useLoaderData<typeof loader>();
  const t = useT();
  useRevalidateAt(
    [...open, ...upcoming].map((m) => m.status.nextTransitionAt),
    serverNow,
  );
  useMarketLive([...open, ...upcoming].map((m) => marketView(m.id, m.status)));
  const columns = "sm:grid-cols-2 lg:grid-cols-3";
  const nothing = !open.length && !upcoming.length && !past.length;
  const contact = town.address || town.contactEmail || town.contactPhone;

  return (
    <div className="space-y-10">
      <header className="flex flex-col gap-5 rounded-3xl bg-white p-5 shadow-md ring-1 ring-bark/10 sm:flex-row sm:items-center sm:p-8">
        {town.logoSrc ? (
          <img
            src={town.logoSrc}
            alt={t("town.page.logoAlt", { town: town.name })}
            className="size-24 shrink-0 rounded-2xl object-contain sm:size-32"
          />
        ) : null}
        <div className="min-w-0">
          <p className="text-sm font-semibold uppercase tracking-[0.2em] text-wine-700">{t("town.page.eyebrow")}</p>
          <h1 className="mt-1 break-words font-display text-3xl font-bold text-fir-900 sm:text-4xl">{town.name}</h1>
          {contact ? (
            <section aria-labelledby="contact-title" className="mt-3">
              <h2 id="contact-title" className="sr-only">
                {t("town.page.contact")}
              </h2>
              <ul className="space-y-1 text-bark">
                {town.address ? <li>{town.address}</li> : null}
                {town.contactEmail ? (
                  <li>
                    <a
                      href={`mailto:${town.contactEmail}`}
                      className="font-semibold text-fir-700 underline underline-offset-4"
                    >
                      {town.contactEmail}
                    </a>
                  </li>
                ) : null}
                {town.contactPhone ? (
                  <li>
                    <a
                      href={`tel:${town.contactPhone.replace(/[^+\d]/g, "")}`}
                      className="font-semibold text-fir-700 underline underline-offset-4"
                    >
                      {town.contactPhone}
                    </a>
                  </li>
                ) : null}
              </ul>
            </section>
          ) : null}
        </div>
      </header>

      {nothing ? <p className="text-center text-lg">{t("town.page.none", { town: town.name })}</p> : null}
      <MarketSection
        name="open"
        title={t("resident.home.openNow")}
        markets={open}
        columns={columns}
        serverNow={serverNow}
      />
      <MarketSection
        name="upcoming"
        title={t("resident.home.upcoming")}
        markets={upcoming}
        columns={columns}
        serverNow={serverNow}
      />
      <MarketSection
        name="past"
        title={t("resident.home.past")}
        markets={past}
        columns={columns}
        serverNow={serverNow}
      />
    </div>
  );
}
