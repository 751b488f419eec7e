// One town in /admin: its details, its markets (every status) and its team with the audit log.
// Administrators are not organisers by that alone (docs/architecture.md): a market's console link
// shows only when this administrator is also on the town's team; otherwise they invite themselves.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { TownFields, isTownFailure } from "~/components/admin/town-fields";
import { FormError, SubmitButton } from "~/components/forms";
import { loadTeamPanel, teamAction } from "~/components/team/team-action.server";
import { TeamPanel } from "~/components/team/team-panel";
import { Card, FoldingCard, MarketStatusBadge, Notice, linkClass } from "~/components/organiser/ui";
import { ORGANISER } from "~/models/authorization.server";
import { getTownForAdmin, updateTown } from "~/models/town.server";
import { townSchema } from "~/schemas/town";
import { requireAdmin } from "~/utils/auth.server";
import { formFailure, readForm, validateForm, type FormErrors } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Chalet" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const town = await getTownForAdmin(params.townId!);
  if (!town) throw new Response("Not found", { status: 404 });
  const [panel, { t }] = await Promise.all([loadTeamPanel(town.id, context.now()), getTranslator(request)]);
  return {
    title: `${town.name} · ${t("admin.title")} · Chalet`,
    town,
    panel,
    youId: admin.id,
    youOrganise: panel.members.some((m) => m.id === admin.id && m.role === ORGANISER),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const town = await getTownForAdmin(params.townId!);
  if (!town) throw new Response("Not found", { status: 404 });
  const form = await readForm(request);
  // The town's own form; everything else is the team's.
  if (form.get("intent") !== "town") return teamAction(request, form, admin, town.id, context.now());
  const parsed = validateForm(form, townSchema);
  if (!parsed.ok) return parsed.response;
  const result = await updateTown({ id: admin.id, name: admin.name }, town.id, parsed.value, context.now());
  if (!result.ok) return formFailure({ slug: ["admin.town.slugTaken"] });
  return data({ ok: true as const, done: "town" as const });
}

/** The town's edit form; open again with its errors after a refusal. */
function EditTown({
  town,
}: {
  town: { name: string; slug: string; address: string; contactEmail: string; contactPhone: string };
}) {
  const t = useT();
  const result = useActionData<FormErrors | { ok: true; done: string }>();
  const failure = isTownFailure(result) ? (result as FormErrors) : null;
  const saved = result && "done" in result && result.done === "town";
  return (
    <div className="mt-4">
      {saved ? <Notice>{t("admin.town.saved")}</Notice> : null}
      <FoldingCard title={t("admin.town.editTitle")} open={failure !== null}>
        <Form method="post" noValidate aria-label={t("admin.town.editTitle")}>
          <FormError error={failure?.formError} />
          <input type="hidden" name="intent" value="town" />
          <TownFields prefix="edit-town" values={town} errors={failure?.errors} />
          <SubmitButton className="w-full">{t("admin.town.save")}</SubmitButton>
        </Form>
      </FoldingCard>
    </div>
  );
}

export default function AdminTown() {
  const { town, panel, youId, youOrganise } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div>
      <p className="mb-2 text-sm">
        <Link to="/admin" className={linkClass}>
          <span aria-hidden="true">← </span>
          {t("admin.backToTowns")}
        </Link>
      </p>
      <h1 className="font-display text-3xl text-fir-800 sm:text-4xl">{town.name}</h1>
      <dl className="mt-2 grid gap-x-4 text-sm text-fir-900 sm:grid-cols-[auto_1fr]">
        <dt className="font-semibold">{t("admin.town.slug")}</dt>
        <dd>{town.slug}</dd>
        {town.address ? (
          <>
            <dt className="font-semibold">{t("admin.town.address")}</dt>
            <dd className="whitespace-pre-line">{town.address}</dd>
          </>
        ) : null}
        {town.contactEmail || town.contactPhone ? (
          <>
            <dt className="font-semibold">{t("admin.town.contact")}</dt>
            <dd className="break-all">{[town.contactEmail, town.contactPhone].filter(Boolean).join(" · ")}</dd>
          </>
        ) : null}
      </dl>
      <EditTown key={JSON.stringify(town)} town={town} />

      <section aria-labelledby="markets-title" className="mt-8">
        <h2 id="markets-title" className="mb-3 font-display text-2xl text-fir-900">
          {t("admin.markets.title")}
        </h2>
        {town.markets.length === 0 ? (
          <p className="text-fir-900">{t("admin.markets.empty")}</p>
        ) : (
          <ul className="grid gap-3 md:grid-cols-2">
            {town.markets.map((market) => (
              <li key={market.id}>
                <Card>
                  <h3 className="font-semibold text-fir-900">{market.name}</h3>
                  <p className="mt-1 flex flex-wrap items-center gap-3 text-sm">
                    <MarketStatusBadge status={market.status} />
                    {market.status === "PUBLISHED" ? (
                      <Link to={`/m/${market.slug}`} className={linkClass}>
                        {t("organiser.viewPublic")}
                        <span className="sr-only"> ({market.name})</span>
                      </Link>
                    ) : null}
                    {youOrganise ? (
                      <Link to={`/organiser/markets/${market.id}`} className={linkClass}>
                        {t("admin.markets.console")}
                        <span className="sr-only"> ({market.name})</span>
                      </Link>
                    ) : null}
                  </p>
                </Card>
              </li>
            ))}
          </ul>
        )}
        {youOrganise ? null : <p className="mt-2 text-sm text-fir-900">{t("admin.markets.consoleHint")}</p>}
      </section>

      <div className="mt-10" />
      <TeamPanel panel={panel} youId={youId} />
    </div>
  );
}
