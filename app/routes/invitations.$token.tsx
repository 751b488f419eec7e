import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, isRouteErrorResponse, Link, useLoaderData, useRouteError } from "@remix-run/react";
import { FormError, SubmitButton } from "~/components/forms";
import { InvitationAccountLinks } from "~/components/invitation-account";
import { StallFields } from "~/components/merchant/stall-fields";
import {
  getReinvitedStall,
  keepStallFromInvitation,
  NotYourStallError,
  ReinvitationUnusableError,
} from "~/models/market-edition.server";
import { createStallFromInvitation, InvitationUnusableError, lookupInvitation } from "~/models/stall.server";
import { stallSchema } from "~/schemas/merchant";
import { getUser, requireUser } from "~/utils/auth.server";
import { formFailure, validateForm, readForm } from "~/utils/forms.server";
import { getTranslator } from "~/utils/i18n.server";
import { useT } from "~/utils/i18n";
import { useMerchantResult } from "~/components/merchant/result";
import { CommissionNotice } from "~/components/commission-notice";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Chalet" }];

type Refusal = { reason: "unknown" | "used" | "expired"; marketName?: string };

/** 404 for a token we never issued, 410 for one that was used or has expired. */
function refuse(refusal: Refusal): never {
  throw data(refusal, { status: refusal.reason === "unknown" ? 404 : 410 });
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const found = await lookupInvitation(params.token!, context.now());
  if (found.state === "unknown") refuse({ reason: "unknown" });
  if (found.state !== "usable") refuse({ reason: found.state, marketName: found.marketName });
  const [{ t }, user, previousStall] = await Promise.all([
    getTranslator(request),
    getUser(request),
    getReinvitedStall(params.token!),
  ]);
  return {
    title: `${t("merchant.invite.title", { market: found.market.name })} · Chalet`,
    market: found.market,
    invitedEmail: found.invitation.email,
    user: user && { name: user.name, email: user.email },
    // A re-invitation to the next edition: last year's stall, kept in one tap by its owner only.
    previousStall: previousStall && {
      name: previousStall.name,
      products: previousStall.products,
      photos: previousStall.photos,
      mine: user?.id === previousStall.ownerId,
    },
    // Where log-in and sign-up send the visitor back to.
    here: new URL(request.url).pathname,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  if (form.get("intent") === "keep") {
    try {
      const stall = await keepStallFromInvitation({ token: params.token!, ownerId: user.id, now: context.now() });
      // The products came over with stock 0: the merchant sets it first.
      return redirect(`/merchant/stalls/${stall.id}/stock`);
    } catch (error) {
      if (error instanceof ReinvitationUnusableError) return formFailure({}, "merchant.invite.gone", 410);
      if (error instanceof NotYourStallError) return formFailure({}, "edition.keep.notYours", 403);
      throw error;
    }
  }
  const parsed = validateForm(form, stallSchema);
  if (!parsed.ok) return parsed.response;
  try {
    const stall = await createStallFromInvitation({
      token: params.token!,
      ownerId: user.id,
      stall: parsed.value,
      now: context.now(),
    });
    // Straight to the first product: what a stall needs next.
    return redirect(`/merchant/stalls/${stall.id}/products/new`);
  } catch (error) {
    if (error instanceof InvitationUnusableError) return formFailure({}, "merchant.invite.gone", 410);
    throw error;
  }
}

export default function AcceptInvitation() {
  const { market, invitedEmail, user, here, previousStall } = useLoaderData<typeof loader>();
  const result = useMerchantResult();
  const t = useT();
  return (
    <div className="mx-auto max-w-xl">
      <p className="text-sm font-semibold uppercase tracking-wide text-wine-700">{t("merchant.invite.kicker")}</p>
      <h1 className="mb-2 font-display text-3xl text-fir-800">{t("merchant.invite.title", { market: market.name })}</h1>
      <p className="mb-2 text-bark">{t("merchant.invite.town", { town: market.townName })}</p>
      {market.description ? <p className="mb-4 text-bark">{market.description}</p> : null}
      <p className="mb-4 rounded-lg bg-gold-100 px-3 py-2 text-bark">
        {t("merchant.invite.sentTo", { email: invitedEmail })}
      </p>
      <CommissionNotice bps={market.commissionBps} />

      {user && previousStall?.mine ? (
        <section
          aria-labelledby="keep-stall-title"
          className="mb-8 rounded-2xl bg-white p-4 shadow-sm ring-2 ring-fir-600/40"
        >
          <h2 id="keep-stall-title" className="mb-1 text-2xl font-semibold text-fir-900">
            {t("edition.keep.title")}
          </h2>
          <p className="mb-1 text-lg font-semibold text-fir-800">{previousStall.name}</p>
          <p className="mb-2 text-bark">
            {t("edition.keep.intro", {
              stall: previousStall.name,
              products: previousStall.products,
              photos: previousStall.photos,
            })}
          </p>
          <p className="mb-4 text-sm text-bark">{t("edition.keep.review")}</p>
          <Form method="post">
            <FormError error={result.formError} />
            <input type="hidden" name="intent" value="keep" />
            <SubmitButton className="w-full text-lg">{t("edition.keep.submit")}</SubmitButton>
          </Form>
        </section>
      ) : null}
      {user && previousStall && !previousStall.mine ? (
        <p className="mb-4 rounded-lg bg-gold-100 px-3 py-2 text-bark">
          {t("edition.keep.otherAccount", { stall: previousStall.name })}
        </p>
      ) : null}

      {user ? (
        <section aria-labelledby="create-stall-title">
          <h2 id="create-stall-title" className="mb-1 text-2xl font-semibold text-fir-900">
            {previousStall?.mine ? t("edition.keep.orNew") : t("merchant.invite.createTitle")}
          </h2>
          <p className="mb-1 text-bark">{t("merchant.invite.as", { name: user.name, email: user.email })}</p>
          {user.email !== invitedEmail ? (
            <p className="mb-3 text-sm text-bark">{t("merchant.invite.otherEmail", { email: invitedEmail })}</p>
          ) : null}
          <p className="mb-4 text-sm text-bark">{t("merchant.invite.reviewHint")}</p>
          <Form method="post" noValidate className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-fir-600/20">
            <FormError error={result.formError} />
            <StallFields errors={result.errors} essentialOnly />
            <p className="mb-4 text-sm text-bark">{t("merchantSetup.stall.later")}</p>
            <SubmitButton className="w-full text-lg">{t("merchant.invite.submit")}</SubmitButton>
          </Form>
        </section>
      ) : (
        <InvitationAccountLinks
          here={here}
          title={t("merchant.invite.accountTitle")}
          intro={t("merchant.invite.accountIntro")}
        />
      )}
    </div>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const refusal = isRouteErrorResponse(error) ? (error.data as Refusal | null) : null;
  const reason = refusal?.reason ?? "unknown";
  return (
    <section className="mx-auto max-w-lg py-12 text-center">
      <h1 className="font-display text-3xl text-wine-700">{t(`merchant.invite.error.${reason}.title`)}</h1>
      <p className="mt-4 text-lg">{t(`merchant.invite.error.${reason}.text`, { market: refusal?.marketName ?? "" })}</p>
      <Link to="/" className="mt-6 inline-block rounded-full bg-fir-700 px-5 py-2 font-semibold text-snow">
        {t("error.backHome")}
      </Link>
    </section>
  );
}
