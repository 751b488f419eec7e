import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormError } from "~/components/forms";
import { Card, Notice, Pill, buttonDanger, linkClass } from "~/components/organiser/ui";
import type { MessageKey } from "~/i18n";
import { CATEGORY_EMOJI, type StallCategory } from "~/models/categories";
import { getMarketForOrganiser } from "~/models/market.server";
import { LEGAL_FIELDS, formatSiret, missingLegalFields } from "~/models/stall-legal";
import { decideStall, IncompleteIdentityError, listStallsForReview } from "~/models/stall-review.server";
import { stallDecisionSchema } from "~/schemas/organiser";
import { requireMarketOrganiser } from "~/utils/auth.server";
import { formatPrice } from "~/utils/format";
import { formFailure, validateForm, type FormErrors, readForm } from "~/utils/forms.server";
import { useLocale, useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Chalet" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireMarketOrganiser(request, params.marketId!);
  const market = await getMarketForOrganiser(params.marketId!);
  if (!market) throw new Response("Not found", { status: 404 });
  const stalls = await listStallsForReview(market.id);
  const { t } = await getTranslator(request);
  return {
    title: `${t("organiser.stalls.title")} · ${market.name} · Chalet`,
    market: { slug: market.slug, status: market.status },
    stalls,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const marketId = params.marketId!;
  await requireMarketOrganiser(request, marketId);
  const parsed = validateForm(await readForm(request), stallDecisionSchema);
  if (!parsed.ok) return parsed.response;
  // Scoped by this market: a stall id from another market is "not found" and nothing changes.
  let stall;
  try {
    stall = await decideStall(marketId, parsed.value.stallId, parsed.value.decision);
  } catch (error) {
    if (!(error instanceof IncompleteIdentityError)) throw error;
    const { t } = await getTranslator(request);
    const fields = error.missing.map((field) => t(`legal.missing.${field}`)).join(", ");
    return formFailure({}, t("legal.review.refused", { name: error.stallName, fields }), 409);
  }
  if (!stall) return formFailure({}, "organiser.stalls.notFound", 404);
  return data({
    ok: true as const,
    name: stall.name,
    decision: parsed.value.decision,
    chaletNumber: stall.chaletNumber,
  });
}

type Stall = Awaited<ReturnType<typeof loader>>["stalls"][number];

const GROUPS = [
  { status: "PENDING", title: "organiser.stalls.pending" },
  { status: "APPROVED", title: "organiser.stalls.approved" },
  { status: "REJECTED", title: "organiser.stalls.rejected" },
] as const satisfies readonly { status: string; title: MessageKey }[];

export default function MarketStalls() {
  const { stalls, market } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as
    FormErrors | { ok: true; name: string; decision: "APPROVED" | "REJECTED"; chaletNumber: number | null } | undefined;
  const t = useT();
  return (
    <div>
      <div aria-live="polite">
        {actionData && "ok" in actionData ? (
          <Notice>
            {t(actionData.decision === "APPROVED" ? "organiser.stalls.approvedDone" : "organiser.stalls.rejectedDone", {
              name: actionData.name,
            })}
            {actionData.decision === "APPROVED" && actionData.chaletNumber !== null
              ? ` ${t("plan.approvedNumber", { number: actionData.chaletNumber })}`
              : null}
          </Notice>
        ) : null}
        {actionData && "errors" in actionData ? <FormError error={actionData.formError} /> : null}
      </div>
      {GROUPS.map((group) => {
        const inGroup = stalls.filter((s) => s.status === group.status);
        if (group.status !== "PENDING" && inGroup.length === 0) return null;
        return (
          <section key={group.status} aria-labelledby={`group-${group.status}`} className="mb-8">
            <h2 id={`group-${group.status}`} className="mb-3 font-display text-2xl text-fir-900">
              {t(group.title)} <span className="text-lg text-fir-700">({inGroup.length})</span>
            </h2>
            {inGroup.length === 0 ? (
              <p className="text-fir-900">{t("organiser.stalls.none")}</p>
            ) : (
              <ul className="grid gap-4 md:grid-cols-2">
                {inGroup.map((stall) => (
                  <li key={stall.id}>
                    <StallCard stall={stall} marketSlug={market.slug} marketPublished={market.status === "PUBLISHED"} />
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}

function StallCard({
  stall,
  marketSlug,
  marketPublished,
}: {
  stall: Stall;
  marketSlug: string;
  marketPublished: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const photo = stall.photos[0];
  return (
    <Card className="h-full">
      <article aria-labelledby={`stall-${stall.id}`}>
        <div className="flex gap-3">
          {photo ? (
            <img src={photo.thumbSrc} alt="" className="h-20 w-20 flex-none rounded-lg object-cover" />
          ) : (
            <span
              aria-hidden="true"
              className="flex h-20 w-20 flex-none items-center justify-center rounded-lg bg-fir-50 text-4xl"
            >
              {CATEGORY_EMOJI[stall.category as StallCategory] ?? "🎁"}
            </span>
          )}
          <div className="min-w-0">
            <h3 id={`stall-${stall.id}`} className="text-lg font-semibold text-fir-900">
              {stall.name}
            </h3>
            <p className="text-sm text-fir-900">{t(`category.${stall.category}` as MessageKey)}</p>
            <p className="text-sm break-words text-fir-900">
              {t("organiser.stalls.owner", { name: stall.owner.name, email: stall.owner.email })}
            </p>
          </div>
        </div>
        {stall.description ? <p className="mt-3 whitespace-pre-line">{stall.description}</p> : null}
        {stall.pickupDetails ? (
          <p className="mt-2 text-sm text-fir-900">{t("organiser.stalls.pickup", { details: stall.pickupDetails })}</p>
        ) : null}
        <LegalIdentity stall={stall} />
        <h4 className="mt-3 font-semibold text-fir-900">{t("organiser.stalls.products")}</h4>
        {stall.products.length === 0 ? (
          <p className="text-sm text-fir-900">{t("organiser.stalls.noProducts")}</p>
        ) : (
          <ul className="mt-1 space-y-1 text-sm">
            {stall.products.map((p) => (
              <li key={p.id} className="flex flex-wrap justify-between gap-x-2">
                <span>
                  {p.name}
                  {p.active ? null : <span className="ml-1 text-gray-700">({t("organiser.stalls.inactive")})</span>}
                </span>
                <span className="whitespace-nowrap">
                  {formatPrice(p.priceCents, locale)} · {t("organiser.stalls.stock", { count: p.stock })}
                </span>
              </li>
            ))}
          </ul>
        )}
        <div className="mt-4 flex flex-wrap items-center gap-2">
          {stall.status !== "APPROVED" ? (
            <Form method="post">
              <input type="hidden" name="stallId" value={stall.id} />
              <button
                type="submit"
                name="decision"
                value="APPROVED"
                aria-label={t("organiser.stalls.approveLabel", { name: stall.name })}
                className="inline-flex min-h-11 items-center rounded-full bg-fir-700 px-5 py-2 font-semibold text-snow hover:bg-fir-800"
              >
                {t("organiser.stalls.approve")}
              </button>
            </Form>
          ) : null}
          {stall.status !== "REJECTED" ? (
            <Form method="post">
              <input type="hidden" name="stallId" value={stall.id} />
              <button
                type="submit"
                name="decision"
                value="REJECTED"
                aria-label={t("organiser.stalls.rejectLabel", { name: stall.name })}
                className={buttonDanger}
              >
                {t("organiser.stalls.reject")}
              </button>
            </Form>
          ) : null}
          {stall.status === "APPROVED" && marketPublished ? (
            <Link to={`/m/${marketSlug}/${stall.slug}`} className={linkClass}>
              {t("organiser.stalls.viewPublic")}
              <span className="sr-only"> {stall.name}</span>
            </Link>
          ) : null}
          {stall.status === "REJECTED" ? <Pill tone="wine">{t("organiser.stalls.rejected")}</Pill> : null}
          {stall.status === "APPROVED" && stall.chaletNumber !== null ? (
            <Link to="../plan" relative="path" className={linkClass}>
              {t("plan.chaletOnPlan", { number: stall.chaletNumber })}
            </Link>
          ) : null}
        </div>
      </article>
    </Card>
  );
}

/** What the public will read as the seller, and what is still missing before an approval. */
function LegalIdentity({ stall }: { stall: Stall }) {
  const t = useT();
  const missing = missingLegalFields(stall);
  return (
    <div className="mt-3 text-sm text-fir-900">
      <h4 className="font-semibold">{t("legal.review.identity")}</h4>
      {stall.legalName || stall.siret || stall.legalAddress ? (
        <p className="whitespace-pre-line break-words">
          {[stall.legalName, stall.siret ? `SIRET ${formatSiret(stall.siret)}` : "", stall.legalAddress]
            .filter(Boolean)
            .join(" · ")}
        </p>
      ) : null}
      {missing.length > 0 ? (
        <p className="mt-1 font-semibold text-wine-700" data-testid="identity-missing">
          {t("legal.review.missing", {
            fields: LEGAL_FIELDS.filter((f) => missing.includes(f))
              .map((f) => t(`legal.missing.${f}`))
              .join(", "),
          })}
        </p>
      ) : null}
    </div>
  );
}
