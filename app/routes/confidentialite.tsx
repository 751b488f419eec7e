import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { LegalArticle, legalLink, LegalSection, TownContactFacts } from "~/components/legal";
import type { MessageKey } from "~/i18n";
import { listTownNotices } from "~/models/legal.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Chalet" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const [towns, { t }] = await Promise.all([listTownNotices(), getTranslator(request)]);
  return {
    title: `${t("legal.privacy.title")} · Chalet`,
    towns: towns.map(({ slug, name, address, contactEmail, contactPhone }) => ({
      slug,
      name,
      address,
      contactEmail,
      contactPhone,
    })),
    townSlug: towns.length === 1 ? towns[0]!.slug : null,
  };
}

// Each row: what is kept, why, for how long. The periods are the code's: SESSION_MAX_AGE_S
// (session.server.ts), the basket cookie (basket.server.ts), SIGNUP_VALIDITY_MS and
// RESET_VALIDITY_MS; orders follow French commercial law (10 years).
const STORED = ["account", "orders", "chat", "sessions", "basket", "links", "emails"] as const;

export default function PrivacyNotice() {
  const { towns } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <LegalArticle title={t("legal.privacy.title")}>
      <p>{t("legal.privacy.intro")}</p>
      <LegalSection id="privacy-controller" title={t("legal.privacy.controller")}>
        <p>{t("legal.privacy.controllerText")}</p>
        {towns.length ? (
          <ul className="space-y-3">
            {towns.map((town) => (
              <li key={town.slug}>
                <TownContactFacts town={town} />
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("legal.privacy.noTown")}</p>
        )}
      </LegalSection>
      <LegalSection id="privacy-stored" title={t("legal.privacy.stored")}>
        {/* Cards rather than a table: three long columns do not fit a phone. */}
        <ul className="space-y-3">
          {STORED.map((row) => (
            <li key={row} className="rounded-xl bg-snow p-3 ring-1 ring-bark/10">
              <h3 className="font-semibold text-fir-900">{t(`legal.privacy.${row}` as MessageKey)}</h3>
              <dl className="mt-1 grid gap-x-3 sm:grid-cols-[max-content_1fr]">
                <dt className="font-semibold">{t("legal.privacy.why")}</dt>
                <dd>{t(`legal.privacy.${row}Why` as MessageKey)}</dd>
                <dt className="font-semibold">{t("legal.privacy.howLong")}</dt>
                <dd>{t(`legal.privacy.${row}HowLong` as MessageKey)}</dd>
              </dl>
            </li>
          ))}
        </ul>
      </LegalSection>
      <LegalSection id="privacy-payment" title={t("legal.privacy.payment")}>
        <p>{t("legal.privacy.paymentText")}</p>
      </LegalSection>
      <LegalSection id="privacy-cookies" title={t("legal.privacy.cookies")}>
        <p>{t("legal.privacy.cookiesText")}</p>
        <ul className="list-disc space-y-1 pl-5">
          <li>
            <code>chalet_session</code> — {t("legal.privacy.cookieSession")}
          </li>
          <li>
            <code>chalet_lang</code> — {t("legal.privacy.cookieLang")}
          </li>
          <li>
            <code>chalet_basket</code> — {t("legal.privacy.cookieBasket")}
          </li>
        </ul>
      </LegalSection>
      <LegalSection id="privacy-visits" title={t("legal.privacy.visits")}>
        <p>{t("legal.privacy.visitsText")}</p>
        <p>{t("legal.privacy.visitsHow")}</p>
        <p>{t("legal.privacy.visitsNot")}</p>
        <p>{t("legal.privacy.visitsWho")}</p>
      </LegalSection>
      <LegalSection id="privacy-rights" title={t("legal.privacy.rights")}>
        <p>{t("legal.privacy.rightsText")}</p>
        <p>
          <Link to="/account" className={legalLink}>
            {t("legal.privacy.account.link")}
          </Link>
        </p>
      </LegalSection>
    </LegalArticle>
  );
}
