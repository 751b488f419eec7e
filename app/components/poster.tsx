// A printable A4 poster of a market or a stall: on screen a preview with an "Imprimer" button,
// on paper the sheet alone. Sizes inside the sheet are in `cqw` (hundredths of the sheet's width),
// so the phone preview is the printed page scaled down, not a different layout.
import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Breadcrumb } from "~/components/breadcrumb";
import { useLive } from "~/components/use-live";
import { formatDay, formatTime } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n";
import type { PosterData } from "./poster.server";

// Margin 0: the sheet brings its own white border, and browsers then print no header or footer
// (address, date) over the poster. Everything but the page's <main> (header, footer, banners) and
// the preview's controls is left off paper.
const PRINT_CSS = `
@page { size: A4; margin: 0; }
@media print {
  html, body { background: #fff !important; }
  body > :not(main) { display: none !important; }
  body > main { padding: 0 !important; max-width: none !important; }
  .poster-sheet { width: 210mm !important; height: 297mm !important; max-width: none !important;
    margin: 0 !important; border-radius: 0 !important; box-shadow: none !important; }
}`;

export const posterMeta: MetaFunction<() => Promise<PosterData>> = ({ data }) => [
  { title: data ? `${data.title} · Chalet` : "Chalet" },
  { name: "robots", content: "noindex" },
];

export function PosterPage() {
  const poster = useLoaderData<() => Promise<PosterData>>();
  const t = useT();
  const live = useLive();
  const marketPath = `/m/${poster.market.slug}`;
  const links = [
    { to: "/", label: t("nav.home") },
    { to: marketPath, label: poster.market.name },
  ];
  if (poster.stall) links.push({ to: poster.path, label: poster.stall.name });
  return (
    <div>
      {/* As raw HTML: React would escape the selectors' ">" as text, and the page would not hydrate. */}
      <style dangerouslySetInnerHTML={{ __html: PRINT_CSS }} />
      <div className="mx-auto mb-6 max-w-[210mm] space-y-3 print:hidden">
        <Breadcrumb links={links} current={t("poster.heading")} />
        <h1 className="font-display text-3xl font-bold text-fir-900">{t("poster.heading")}</h1>
        <p className="text-bark/90">{t("poster.intro")}</p>
        {live ? (
          <button
            type="button"
            onClick={() => window.print()}
            className="min-h-11 rounded-full bg-fir-700 px-6 py-2 font-semibold text-snow hover:bg-fir-800"
          >
            <span aria-hidden="true">🖨️ </span>
            {t("poster.print")}
          </button>
        ) : null}
        <p className="text-sm text-bark/80">{t("poster.printHint")}</p>
      </div>
      <PosterSheet poster={poster} />
    </div>
  );
}

function PosterSheet({ poster }: { poster: PosterData }) {
  const t = useT();
  const locale = useLocale();
  const day = (at: string) => formatDay(at, poster.timezone, locale);
  return (
    <article
      aria-label={t("poster.preview")}
      data-testid="poster"
      className="poster-sheet @container mx-auto flex aspect-[210/297] w-full max-w-[210mm] flex-col overflow-hidden rounded-lg bg-white text-center text-bark shadow-lg ring-1 ring-bark/10 [print-color-adjust:exact]"
    >
      <div className="flex flex-1 flex-col items-center justify-between px-[7cqw] pt-[6cqw] pb-[4cqw]">
        <header className="space-y-[1.2cqw]">
          <p className="text-[3.2cqw] font-semibold uppercase tracking-widest text-wine-700">{poster.townName}</p>
          <h2 className="font-display text-[7cqw] leading-[1.05] font-bold text-fir-900">{poster.name}</h2>
          {poster.stall ? (
            <p className="text-[3cqw] leading-[1.3] text-fir-800">
              {poster.stall.chaletNumber !== null ? (
                <strong className="mb-[0.8cqw] inline-block rounded-full bg-fir-800 px-[2.5cqw] py-[0.3cqw] text-[3.4cqw] text-snow">
                  {t("poster.chalet", { number: poster.stall.chaletNumber })}
                </strong>
              ) : null}
              <span className="block">{poster.market.name}</span>
            </p>
          ) : null}
        </header>

        <figure className="flex flex-col items-center">
          <div
            className="w-[42cqw] [&>svg]:block [&>svg]:size-full"
            // The SVG is drawn by qrcode on the server (qrSvg), its label escaped there.
            dangerouslySetInnerHTML={{ __html: poster.qr }}
          />
          <figcaption className="mt-[1cqw] space-y-[0.5cqw]">
            <span className="block text-[3.2cqw] font-semibold text-fir-900">
              {t(poster.stall ? "poster.scanStall" : "poster.scanMarket")}
            </span>
            <span className="block text-[2.4cqw] break-all text-bark/80">{poster.address}</span>
          </figcaption>
        </figure>

        <p className="w-full rounded-[2cqw] bg-gold-300 px-[3cqw] py-[1.6cqw] font-display text-[4.4cqw] font-bold text-bark">
          {t("poster.tagline")}
        </p>

        <section aria-labelledby="poster-openings" className="w-full">
          <h3 id="poster-openings" className="text-[3cqw] font-semibold uppercase tracking-wider text-wine-700">
            {t("poster.openings")}
          </h3>
          {poster.runs.length ? (
            <ul className="mt-[1cqw] text-[2.3cqw] leading-[1.4]">
              {poster.runs.map((run) => (
                <li key={run.first}>
                  <span className="inline-block first-letter:uppercase">
                    {run.first === run.last
                      ? day(run.first)
                      : t("poster.run", { first: day(run.first), last: day(run.last) })}
                  </span>
                  {" · "}
                  <span className="tabular-nums">
                    {t("resident.market.sessionRange", {
                      start: formatTime(run.startsAt, poster.timezone, locale),
                      end: formatTime(run.endsAt, poster.timezone, locale),
                    })}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-[1cqw] text-[2.6cqw]">{t("resident.market.noSessions")}</p>
          )}
          {poster.moreDates ? <p className="text-[2.2cqw] text-bark/80">{t("poster.moreDates")}</p> : null}
        </section>
      </div>
      <footer className="bg-fir-800 py-[1.6cqw] text-[2.4cqw] font-semibold text-snow">
        <span aria-hidden="true">🎄 </span>
        {t("app.name")}
      </footer>
    </article>
  );
}
