import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { MarketForm } from "~/components/organiser/market-form";
import { readMarketForm, storeCover } from "~/components/organiser/market-form.server";
import { BackToList } from "~/components/organiser/ui";
import { DEFAULT_TIMEZONE, supportedTimezones } from "~/models/schedule";
import { createMarket, listOrganisedTowns } from "~/models/market.server";
import { createMarketSchema } from "~/schemas/organiser";
import { forbidden, requireTownOrganiser, requireUser } from "~/utils/auth.server";
import { formFailure, validateForm, type FormErrors } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Chalet" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const towns = await listOrganisedTowns(user.id, context.now());
  if (towns.length === 0) throw forbidden();
  const wanted = new URL(request.url).searchParams.get("townId");
  // The town asked for in the link comes first, so it is the one selected.
  const ordered = [...towns].sort((a, b) => (a.id === wanted ? -1 : b.id === wanted ? 1 : 0));
  const { t } = await getTranslator(request);
  return {
    title: `${t("organiser.market.createTitle")} · Chalet`,
    towns: ordered.map((town) => ({ id: town.id, name: town.name })),
    timezones: supportedTimezones(),
    defaultTimezone: DEFAULT_TIMEZONE,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const towns = await listOrganisedTowns(user.id, context.now());
  if (towns.length === 0) throw forbidden();

  const read = await readMarketForm(request);
  if (!read.ok) return read.response;
  const parsed = validateForm(read.form, createMarketSchema);
  if (!parsed.ok) return parsed.response;
  await requireTownOrganiser(request, parsed.value.townId);

  const cover = await storeCover(read.form);
  if (!cover.ok) return cover.response;
  const { townId, ...fields } = parsed.value;
  const market = await createMarket({ ...fields, townId, coverUrl: cover.src ?? null });
  if (!market.ok) return formFailure({ name: ["console.nameTaken"] });
  return redirect(`/organiser/markets/${market.id}/sessions?created=1`);
}

export default function NewMarket() {
  const { towns, timezones, defaultTimezone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as FormErrors | undefined;
  const t = useT();
  return (
    <div>
      <BackToList />
      <h1 className="mb-6 font-display text-3xl text-fir-800">
        {towns.length === 1 ? t("organiser.newMarketIn", { town: towns[0]!.name }) : t("organiser.market.createTitle")}
      </h1>
      <MarketForm
        mode="create"
        towns={towns}
        timezones={timezones}
        defaults={{ name: "", description: "", timezone: defaultTimezone, status: "DRAFT" }}
        errors={actionData?.errors}
        formError={actionData?.formError}
      />
    </div>
  );
}
