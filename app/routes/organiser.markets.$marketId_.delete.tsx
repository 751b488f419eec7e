// Deleting a draft market: a confirmation page that says what goes with it, then one
// transaction (deleteDraftMarket). Only a draft without orders: a published market keeps its
// history (archive it instead).
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormError } from "~/components/forms";
import { Card, buttonSecondary, linkClass } from "~/components/organiser/ui";
import { deleteDraftMarket, getDraftDeletion } from "~/models/market.server";
import { requireMarketOrganiser } from "~/utils/auth.server";
import { formFailure, readForm, type FormErrors } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Chalet" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const marketId = params.marketId!;
  await requireMarketOrganiser(request, marketId);
  const deletion = await getDraftDeletion(marketId);
  if (!deletion) throw new Response("Not found", { status: 404 });
  const { t } = await getTranslator(request);
  return { title: `${t("console.delete.title", { name: deletion.name })} · Chalet`, marketId, ...deletion };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const marketId = params.marketId!;
  const user = await requireMarketOrganiser(request, marketId);
  await readForm(request);
  const result = await deleteDraftMarket(marketId, user, context.now());
  if (result.ok) return redirect("/organiser?deleted=1");
  if (result.reason === "notFound") throw new Response("Not found", { status: 404 });
  // The page showed a draft that someone published meanwhile, or one with orders.
  return formFailure({}, `console.delete.${result.reason}`, 409);
}

export default function DeleteDraft() {
  const deletion = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormErrors | undefined;
  const t = useT();
  const back = `/organiser/markets/${deletion.marketId}`;
  return (
    <div className="mx-auto max-w-2xl">
      <p className="mb-2 text-sm">
        <Link to={back} className={linkClass}>
          <span aria-hidden="true">← </span>
          {deletion.name}
        </Link>
      </p>
      <h1 className="mb-4 font-display text-3xl text-fir-800">{t("console.delete.title", { name: deletion.name })}</h1>
      <FormError error={failure?.formError} />
      {deletion.refusal ? (
        <Card>
          <p className="text-fir-900">{t(`console.delete.${deletion.refusal}`)}</p>
          <p className="mt-4">
            <Link to={back} className={buttonSecondary}>
              {t("console.delete.toSettings")}
            </Link>
          </p>
        </Card>
      ) : (
        <Card>
          <p className="text-fir-900">{t("console.delete.intro")}</p>
          <ul className="mt-3 list-disc space-y-1 pl-6 text-fir-900">
            <li>{t("console.delete.sessions", { n: deletion.sessions })}</li>
            <li>{t("console.delete.stalls", { n: deletion.stalls })}</li>
            <li>{t("console.delete.invitations", { n: deletion.invitations })}</li>
          </ul>
          {deletion.stalls > 0 ? <p className="mt-3 text-bark">{t("console.delete.stallsNote")}</p> : null}
          <Form method="post" className="mt-6 flex flex-col gap-3 sm:flex-row sm:items-center">
            <button
              type="submit"
              className="inline-flex min-h-11 items-center justify-center rounded-full bg-wine-700 px-5 py-2 font-semibold text-snow hover:bg-wine-800"
            >
              {t("console.delete.confirm")}
            </button>
            <Link to={back} className={buttonSecondary}>
              {t("console.delete.cancel")}
            </Link>
          </Form>
        </Card>
      )}
    </div>
  );
}
