import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { MarketForm } from "~/components/organiser/market-form";
import { readMarketForm, storeCover } from "~/components/organiser/market-form.server";
import { buttonDanger, Notice } from "~/components/organiser/ui";
import { bpsToPercentText } from "~/models/commission";
import { getMarketForOrganiser, updateMarket } from "~/models/market.server";
import { supportedTimezones } from "~/models/schedule";
import { editMarketSchema } from "~/schemas/organiser";
import { requireMarketOrganiser } from "~/utils/auth.server";
import { formFailure, validateForm, type FormErrors } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Chalet" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireMarketOrganiser(request, params.marketId!);
  const market = await getMarketForOrganiser(params.marketId!);
  if (!market) throw new Response("Not found", { status: 404 });
  const { t, locale } = await getTranslator(request);
  return {
    title: `${t("organiser.market.editTitle")} · ${market.name} · Chalet`,
    market: {
      id: market.id,
      name: market.name,
      slug: market.slug,
      description: market.description,
      coverUrl: market.coverUrl,
      timezone: market.timezone,
      status: market.status,
      commission: bpsToPercentText(market.commissionBps, locale),
    },
    timezones: supportedTimezones(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const marketId = params.marketId!;
  await requireMarketOrganiser(request, marketId);
  const read = await readMarketForm(request);
  if (!read.ok) return read.response;
  const parsed = validateForm(read.form, editMarketSchema);
  if (!parsed.ok) return parsed.response;
  const { removeCover, commission, ...fields } = parsed.value;

  const cover = await storeCover(read.form);
  if (!cover.ok) return cover.response;
  // A new picture wins over "remove"; neither keeps the current one (undefined).
  const coverUrl = cover.src ?? (removeCover ? null : undefined);
  const result = await updateMarket(marketId, { ...fields, coverUrl, commissionBps: commission });
  if (!result.ok && result.reason === "timezoneLocked") {
    return formFailure({ timezone: ["organiser.market.timezoneLocked"] }, "organiser.market.timezoneLocked");
  }
  if (!result.ok && result.reason === "nameTaken") return formFailure({ name: ["console.nameTaken"] });
  if (!result.ok) return formFailure({ slug: ["organiser.market.slugTaken"] });
  return data({ ok: true as const });
}

export default function EditMarket() {
  const { market, timezones } = useLoaderData<typeof loader>();
  // The body, not Remix 2's type for data() responses (no single-fetch typing here).
  const actionData = useActionData<typeof action>() as FormErrors | { ok: true } | undefined;
  const t = useT();
  const failed = actionData && "errors" in actionData ? actionData : null;
  return (
    <section aria-labelledby="settings-title">
      <h2 id="settings-title" className="mb-4 font-display text-2xl text-fir-900">
        {t("organiser.market.editTitle")}
      </h2>
      {actionData && "ok" in actionData ? <Notice>{t("organiser.market.saved")}</Notice> : null}
      <MarketForm
        // Remount after a save so the fields show what was stored.
        key={`${market.slug}|${market.coverUrl ?? ""}|${market.status}|${market.commission}`}
        mode="edit"
        timezones={timezones}
        defaults={market}
        errors={failed?.errors}
        formError={failed?.formError}
      />
      {market.status === "DRAFT" ? (
        // Only a draft: a published market keeps its history (app/models/market.server.ts).
        <div className="mt-10 border-t border-fir-100 pt-6">
          <p className="mb-3 text-sm text-fir-900">{t("console.delete.linkHint")}</p>
          <Link to={`/organiser/markets/${market.id}/delete`} className={buttonDanger}>
            {t("console.delete.link")}
          </Link>
        </div>
      ) : null}
    </section>
  );
}
