import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Breadcrumb } from "~/components/breadcrumb";
import { Facts, LegalArticle, legalLink, LegalSection, TownContactFacts } from "~/components/legal";
import { getMarketTerms } from "~/models/legal.server";
import { formatSiret } from "~/models/stall-legal";
import { formatBps } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Chalet" }];

/** A published market's terms of sale, naming every approved stall's merchant (404 otherwise). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const [market, { t }] = await Promise.all([getMarketTerms(params.marketSlug ?? ""), getTranslator(request)]);
  if (!market) throw new Response("Not found", { status: 404 });
  const { town, ...rest } = market;
  return {
    title: `${t("legal.terms.title", { market: market.name })} · Chalet`,
    // market.townSlug: the root footer links to this town's notice (legalLinks in app/root.tsx).
    market: { ...rest, townSlug: town.slug },
    town,
  };
}

export default function TermsOfSale() {
  const { market, town } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="space-y-4">
      <div className="mx-auto max-w-3xl">
        <Breadcrumb
          links={[
            { to: "/", label: t("nav.home") },
            { to: `/m/${market.slug}`, label: market.name },
          ]}
          current={t("footer.terms")}
        />
      </div>
      <LegalArticle title={t("legal.terms.title", { market: market.name })}>
        <p>{t("legal.terms.intro", { market: market.name, town: town.name })}</p>
        <LegalSection id="terms-sellers" title={t("legal.terms.sellers")}>
          <p>{t("legal.terms.sellersText")}</p>
          {market.stalls.length ? (
            <ul className="space-y-3" data-testid="terms-sellers">
              {market.stalls.map((stall) => (
                <li key={stall.id} className="rounded-xl bg-snow p-3 ring-1 ring-bark/10">
                  <h3 className="mb-1 font-semibold">
                    <Link to={`/m/${market.slug}/${stall.slug}`} className={legalLink}>
                      {t("legal.terms.stallLink", { stall: stall.name })}
                    </Link>
                  </h3>
                  <Facts
                    rows={[
                      { label: t("legal.notice.name"), value: stall.legalName },
                      { label: t("legal.terms.siret"), value: stall.siret ? formatSiret(stall.siret) : "" },
                      { label: t("legal.notice.address"), value: stall.legalAddress },
                    ]}
                  />
                </li>
              ))}
            </ul>
          ) : (
            <p>{t("legal.terms.noSellers")}</p>
          )}
        </LegalSection>
        <LegalSection id="terms-role" title={t("legal.terms.role")}>
          <p>{t("legal.terms.roleText", { town: town.name })}</p>
          <p>
            {market.commissionBps > 0
              ? t("legal.terms.commission", { rate: formatBps(market.commissionBps, locale) })
              : t("legal.terms.noCommission")}
          </p>
        </LegalSection>
        <LegalSection id="terms-prices" title={t("legal.terms.prices")}>
          <p>{t("legal.terms.pricesText")}</p>
        </LegalSection>
        <LegalSection id="terms-payment" title={t("legal.terms.payment")}>
          <p>{t("legal.terms.paymentText")}</p>
        </LegalSection>
        <LegalSection id="terms-pickup" title={t("legal.terms.pickup")}>
          <p>{t("legal.terms.pickupText")}</p>
        </LegalSection>
        <LegalSection id="terms-refusal" title={t("legal.terms.refusal")}>
          <p>{t("legal.terms.refusalText")}</p>
        </LegalSection>
        <LegalSection id="terms-withdrawal" title={t("legal.terms.withdrawal")}>
          <p>{t("legal.terms.withdrawalText")}</p>
          <p>{t("legal.terms.withdrawalExceptions")}</p>
        </LegalSection>
        <LegalSection id="terms-disputes" title={t("legal.terms.disputes")}>
          <p>{t("legal.terms.disputesText")}</p>
        </LegalSection>
        <LegalSection id="terms-contact" title={t("legal.terms.contact")}>
          <TownContactFacts town={town} />
          <p>
            <Link to={`/t/${town.slug}/mentions-legales`} className={legalLink}>
              {t("legal.terms.notice", { town: town.name })}
            </Link>
          </p>
        </LegalSection>
      </LegalArticle>
    </div>
  );
}
