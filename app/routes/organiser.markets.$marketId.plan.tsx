// The organiser's plan of the square: the approved stalls' chalets, dragged on the drawing with
// a mouse, or numbered and placed from the list (keyboard, phone, no JavaScript). Both post here.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PlanEditor } from "~/components/organiser/plan-editor";
import { getMarketForOrganiser } from "~/models/market.server";
import { editChalet, listMarketPlan } from "~/models/market-plan.server";
import { chaletEditSchema, chaletMoveSchema } from "~/schemas/plan";
import { requireMarketOrganiser } from "~/utils/auth.server";
import { formFailure, readForm, validateForm } from "~/utils/forms.server";
import { getTranslator } from "~/utils/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Chalet" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireMarketOrganiser(request, params.marketId!);
  const market = await getMarketForOrganiser(params.marketId!);
  if (!market) throw new Response("Not found", { status: 404 });
  const [chalets, { t }] = await Promise.all([listMarketPlan(market.id), getTranslator(request)]);
  return { title: `${t("plan.title")} · ${market.name} · Chalet`, chalets };
}

/** A refusal tagged with the chalet it answers, so the page shows it in that chalet's row. */
function refuse(stallId: string | null, failure: ReturnType<typeof formFailure>) {
  return data({ ...failure.data, stallId }, failure.init ?? undefined);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const marketId = params.marketId!;
  await requireMarketOrganiser(request, marketId);
  const form = await readForm(request);
  const { t } = await getTranslator(request);
  const stallId = typeof form.get("stallId") === "string" ? String(form.get("stallId")) : null;
  const parsed =
    form.get("intent") === "move" ? validateForm(form, chaletMoveSchema) : validateForm(form, chaletEditSchema);
  if (!parsed.ok) return refuse(stallId, parsed.response);
  const edit = parsed.value;
  // Scoped by this market: a stall of another market, or one not approved, is "not found".
  const result = await editChalet(marketId, {
    ...edit,
    chaletNumber: edit.intent === "save" ? edit.chaletNumber : undefined,
    swap: edit.intent === "save" && edit.swap,
  });
  if (!result.ok && result.reason === "notFound") return refuse(stallId, formFailure({}, "plan.notFound", 404));
  if (!result.ok) {
    const number = edit.intent === "save" ? edit.chaletNumber : 0;
    const message =
      result.holder === null
        ? t("plan.numberTakenUnknown", { number })
        : t("plan.numberTaken", { number, holder: result.holder });
    // The full message is the row's alert; the field only points to it.
    return refuse(stallId, formFailure({ chaletNumber: [t("plan.seeAbove")] }, message));
  }
  const message =
    edit.intent === "move"
      ? t("plan.moved", { name: result.name })
      : result.swappedWith
        ? t("plan.swapped", { number: result.chaletNumber ?? "", name: result.name, other: result.swappedWith })
        : t("plan.saved", { number: result.chaletNumber ?? "", name: result.name });
  return data({ ok: true as const, stallId: edit.stallId, message });
}

export default function MarketPlan() {
  const { chalets } = useLoaderData<typeof loader>();
  return <PlanEditor chalets={chalets} />;
}
