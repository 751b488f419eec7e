// /account/deleted: where "Supprimer mon compte" lands, logged out. It says only what any
// visitor may read (no name, no address): the deletion happened in the action before.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Chalet" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await getTranslator(request);
  return { title: `${t("rights.done.title")} · Chalet` };
}

export default function AccountDeleted() {
  const t = useT();
  return (
    <div className="mx-auto max-w-xl rounded-2xl bg-white p-4 shadow-sm ring-1 ring-bark/10 sm:p-6">
      <h1 className="font-display text-3xl font-bold text-fir-900">{t("rights.done.title")}</h1>
      <p role="status" className="mt-3 text-lg text-bark">
        {t("rights.done.body")}
      </p>
      <p className="mt-6">
        <Link
          to="/"
          className="inline-flex min-h-11 items-center rounded-full bg-fir-700 px-5 py-2 font-semibold text-snow hover:bg-fir-800"
        >
          {t("rights.done.home")}
        </Link>
      </p>
    </div>
  );
}
