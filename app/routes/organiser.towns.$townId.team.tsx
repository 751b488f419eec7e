// "Équipe": a town's organisers manage its team here with the same model as /admin
// (requireTeamManager: the town's organisers and administrators; moderators get 403).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { loadTeamPanel, teamAction } from "~/components/team/team-action.server";
import { TeamPanel } from "~/components/team/team-panel";
import { BackToList } from "~/components/organiser/ui";
import { getTownName } from "~/models/town.server";
import { requireTeamManager } from "~/utils/auth.server";
import { readForm } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Chalet" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireTeamManager(request, params.townId!);
  const [townName, panel, { t }] = await Promise.all([
    getTownName(params.townId!),
    loadTeamPanel(params.townId!, context.now()),
    getTranslator(request),
  ]);
  return { title: `${t("team.title")} · ${townName} · Chalet`, townName, panel, youId: user.id };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireTeamManager(request, params.townId!);
  const form = await readForm(request);
  return teamAction(request, form, user, params.townId!, context.now(), { removed: "/", demoted: "/organiser" });
}

export default function TownTeam() {
  const { townName, panel, youId } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div>
      <BackToList />
      <h1 className="mb-2 font-display text-3xl text-fir-800 sm:text-4xl">{t("team.pageTitle", { town: townName })}</h1>
      <p className="mb-6 text-fir-900">{t("team.intro")}</p>
      <TeamPanel panel={panel} youId={youId} />
    </div>
  );
}
