import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { LegalArticle, legalLink, TownNotice } from "~/components/legal";
import { listTownNotices } from "~/models/legal.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Chalet" }];

/**
 * The site's legal notice. A deployment usually hosts one town, whose notice this is; with
 * several, each town's notice is at /t/<town>/mentions-legales and this page lists them.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const [towns, { t }] = await Promise.all([listTownNotices(), getTranslator(request)]);
  const only = towns.length === 1 ? towns[0]! : null;
  return {
    title: `${only ? t("legal.notice.titleOf", { town: only.name }) : t("legal.notice.title")} · Chalet`,
    only,
    towns: towns.map(({ slug, name }) => ({ slug, name })),
    townSlug: only?.slug ?? null,
  };
}

export default function LegalNotice() {
  const { only, towns } = useLoaderData<typeof loader>();
  const t = useT();
  if (only) return <TownNotice town={only} />;
  return (
    <LegalArticle title={t("legal.notice.title")}>
      {towns.length ? (
        <>
          <p>{t("legal.notice.chooseTown")}</p>
          <ul className="list-disc space-y-2 pl-5">
            {towns.map((town) => (
              <li key={town.slug}>
                <Link to={`/t/${town.slug}/mentions-legales`} className={legalLink}>
                  {t("legal.notice.titleOf", { town: town.name })}
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t("legal.notice.noTown")}</p>
      )}
    </LegalArticle>
  );
}
