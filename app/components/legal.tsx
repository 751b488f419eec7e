// Pieces shared by the legal pages (legal notice, terms of sale, privacy notice): a readable
// column, titled sections, and fields that say "non renseigné" when the town left them empty
// rather than inventing anything.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useT } from "~/utils/i18n";

export function LegalArticle({ title, children }: { title: string; children: ReactNode }) {
  return (
    <article className="mx-auto max-w-3xl text-bark" aria-labelledby="legal-title">
      <h1 id="legal-title" className="mb-4 font-display text-3xl text-fir-800 sm:text-4xl">
        {title}
      </h1>
      <div className="space-y-6 leading-relaxed">{children}</div>
    </article>
  );
}

export function LegalSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-bark/10 sm:p-5">
      <h2 id={id} className="mb-2 font-display text-xl font-bold text-fir-900 sm:text-2xl">
        {title}
      </h2>
      <div className="space-y-2">{children}</div>
    </section>
  );
}

/** A value the town or a merchant may have left empty: "non renseigné" then, in grey italics. */
export function Filled({ value, email = false }: { value: string; email?: boolean }) {
  const t = useT();
  if (value.trim() && email) {
    return (
      <a href={`mailto:${value.trim()}`} className={`break-words ${legalLink}`}>
        {value}
      </a>
    );
  }
  if (value.trim()) return <span className="whitespace-pre-line break-words">{value}</span>;
  return <span className="italic text-bark/80">{t("legal.notSet")}</span>;
}

/** Label/value pairs as a description list (read as pairs by screen readers). */
export function Facts({ rows }: { rows: { label: string; value: string; email?: boolean }[] }) {
  return (
    <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
      {rows.map((row) => (
        <div key={row.label} className="contents">
          <dt className="font-semibold text-fir-900">{row.label}</dt>
          <dd className="mb-1 sm:mb-0">
            <Filled value={row.value} email={row.email} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

export type TownContact = { name: string; address: string; contactEmail: string; contactPhone: string };

/** The town's name, address, email and phone, as the notice and the other pages show them. */
export function TownContactFacts({ town }: { town: TownContact }) {
  const t = useT();
  return (
    <Facts
      rows={[
        { label: t("legal.notice.name"), value: town.name },
        { label: t("legal.notice.address"), value: town.address },
        { label: t("legal.notice.email"), value: town.contactEmail, email: true },
        { label: t("legal.notice.phone"), value: town.contactPhone },
      ]}
    />
  );
}

export type TownNoticeData = TownContact & {
  slug: string;
  publicationDirector: string;
  hostName: string;
  hostAddress: string;
  hostContact: string;
  markets: { slug: string; name: string }[];
};

/** The legal notice of the town that publishes the site (mentions légales). */
export function TownNotice({ town }: { town: TownNoticeData }) {
  const t = useT();
  return (
    <LegalArticle title={t("legal.notice.titleOf", { town: town.name })}>
      <p>{t("legal.notice.intro", { town: town.name })}</p>
      <LegalSection id="notice-editor" title={t("legal.notice.editor")}>
        <TownContactFacts town={town} />
      </LegalSection>
      <LegalSection id="notice-director" title={t("legal.notice.director")}>
        <p>
          <Filled value={town.publicationDirector} />
        </p>
      </LegalSection>
      <LegalSection id="notice-host" title={t("legal.notice.host")}>
        <Facts
          rows={[
            { label: t("legal.notice.name"), value: town.hostName },
            { label: t("legal.notice.address"), value: town.hostAddress },
            { label: t("legal.notice.hostContact"), value: town.hostContact },
          ]}
        />
      </LegalSection>
      <LegalSection id="notice-markets" title={t("legal.notice.markets")}>
        {town.markets.length ? (
          <ul className="list-disc space-y-1 pl-5">
            {town.markets.map((market) => (
              <li key={market.slug}>
                <Link to={`/m/${market.slug}/conditions-de-vente`} className={legalLink}>
                  {t("legal.terms.title", { market: market.name })}
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("legal.notice.noMarkets")}</p>
        )}
      </LegalSection>
      <LegalSection id="notice-privacy" title={t("legal.notice.privacy")}>
        <p>
          {t("legal.notice.privacyText")}{" "}
          <Link to="/confidentialite" className={legalLink}>
            {t("legal.privacy.title")}
          </Link>
        </p>
      </LegalSection>
      <LegalSection id="notice-software" title={t("legal.notice.software")}>
        <p>{t("legal.notice.softwareText")}</p>
      </LegalSection>
    </LegalArticle>
  );
}

export const legalLink = "font-semibold text-fir-700 underline underline-offset-4 hover:text-fir-900";
