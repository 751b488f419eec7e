// Platform administration: every town with its counts, and a new town. Administrators only
// (requireAdmin: 404 for anyone else, /admin is not advertised).
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { TownFields } from "~/components/admin/town-fields";
import { FormError, SubmitButton } from "~/components/forms";
import { Card, linkClass } from "~/components/organiser/ui";
import { createTown, listTownsForAdmin } from "~/models/town.server";
import { townSchema } from "~/schemas/town";
import { requireAdmin } from "~/utils/auth.server";
import { formFailure, readForm, validateForm, type FormErrors } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/i18n.server";
import { plural } from "~/i18n";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Chalet" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const [towns, { t }] = await Promise.all([listTownsForAdmin(), getTranslator(request)]);
  return { title: `${t("admin.title")} · Chalet`, towns };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const parsed = validateForm(await readForm(request), townSchema);
  if (!parsed.ok) return parsed.response;
  const result = await createTown({ id: admin.id, name: admin.name }, parsed.value, context.now());
  if (!result.ok) return formFailure({ slug: ["admin.town.slugTaken"] });
  return redirect(`/admin/towns/${result.id}`);
}

export default function AdminHome() {
  const { towns } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormErrors | undefined;
  const t = useT();
  return (
    <div>
      <h1 className="font-display text-3xl text-fir-800 sm:text-4xl">{t("admin.heading")}</h1>
      <p className="mt-2 text-fir-900">{t("admin.intro")}</p>
      <div className="mt-6 grid gap-8 lg:grid-cols-[1fr_24rem]">
        <section aria-labelledby="towns-title">
          <h2 id="towns-title" className="mb-3 font-display text-2xl text-fir-900">
            {t("admin.towns.title")}
          </h2>
          {towns.length === 0 ? (
            <p className="text-fir-900">{t("admin.towns.empty")}</p>
          ) : (
            <ul className="grid gap-3">
              {towns.map((town) => (
                <li key={town.id}>
                  <Card>
                    <h3 className="text-lg font-semibold">
                      <Link to={`/admin/towns/${town.id}`} className={linkClass}>
                        {town.name}
                      </Link>
                    </h3>
                    <p className="mt-1 text-sm text-fir-900">
                      {t("admin.towns.counts", {
                        markets: plural(t, "admin.towns.markets", town.markets),
                        organisers: plural(t, "admin.towns.organisers", town.organisers),
                      })}
                    </p>
                  </Card>
                </li>
              ))}
            </ul>
          )}
        </section>
        <Card className="self-start">
          <h2 id="new-town-title" className="mb-3 font-display text-xl text-fir-900">
            {t("admin.town.createTitle")}
          </h2>
          <Form method="post" noValidate aria-labelledby="new-town-title">
            <FormError error={failure?.formError} />
            <TownFields prefix="town" errors={failure?.errors} />
            <SubmitButton className="w-full">{t("admin.town.create")}</SubmitButton>
          </Form>
        </Card>
      </div>
    </div>
  );
}
