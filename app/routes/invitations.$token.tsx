import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, isRouteErrorResponse, Link, useLoaderData, useRouteError } from "@remix-run/react";
import { FormError, SubmitButton } from "~/components/forms";
import { StallFields } from "~/components/merchant/stall-fields";
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
  const [{ t }, user] = await Promise.all([getTranslator(request), getUser(request)]);
  return {
    title: `${t("merchant.invite.title", { market: found.market.name })} · Chalet`,
    market: found.market,
    invitedEmail: found.invitation.email,
    user: user && { name: user.name, email: user.email },
    // Where log-in and sign-up send the visitor back to.
    here: new URL(request.url).pathname,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = validateForm(await readForm(request), stallSchema);
  if (!parsed.ok) return parsed.response;
  try {
    const stall = await createStallFromInvitation({
      token: params.token!,
      ownerId: user.id,
      stall: parsed.value,
      now: context.now(),
    });
    return redirect(`/merchant/stalls/${stall.id}`);
  } catch (error) {
    if (error instanceof InvitationUnusableError) return formFailure({}, "merchant.invite.gone", 410);
    throw error;
  }
}

export default function AcceptInvitation() {
  const { market, invitedEmail, user, here } = useLoaderData<typeof loader>();
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

      {user ? (
        <section aria-labelledby="create-stall-title">
          <h2 id="create-stall-title" className="mb-1 text-2xl font-semibold text-fir-900">
            {t("merchant.invite.createTitle")}
          </h2>
          <p className="mb-1 text-bark">{t("merchant.invite.as", { name: user.name, email: user.email })}</p>
          {user.email !== invitedEmail ? (
            <p className="mb-3 text-sm text-bark">{t("merchant.invite.otherEmail", { email: invitedEmail })}</p>
          ) : null}
          <p className="mb-4 text-sm text-bark">{t("merchant.invite.reviewHint")}</p>
          <Form method="post" noValidate className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-fir-600/20">
            <FormError error={result.formError} />
            <StallFields errors={result.errors} />
            <SubmitButton className="w-full text-lg">{t("merchant.invite.submit")}</SubmitButton>
          </Form>
        </section>
      ) : (
        <AccountLinks here={here} />
      )}
    </div>
  );
}

function AccountLinks({ here }: { here: string }) {
  const t = useT();
  const redirectTo = encodeURIComponent(here);
  return (
    <section aria-labelledby="account-title" className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-fir-600/20">
      <h2 id="account-title" className="mb-2 text-2xl font-semibold text-fir-900">
        {t("merchant.invite.accountTitle")}
      </h2>
      <p className="mb-4 text-bark">{t("merchant.invite.accountIntro")}</p>
      <div className="grid gap-3 sm:grid-cols-2">
        <Link
          to={`/signup?redirectTo=${redirectTo}`}
          className="inline-flex min-h-12 items-center justify-center rounded-full bg-fir-700 px-5 font-semibold text-snow hover:bg-fir-800"
        >
          {t("merchant.invite.signup")}
        </Link>
        <Link
          to={`/login?redirectTo=${redirectTo}`}
          className="inline-flex min-h-12 items-center justify-center rounded-full px-5 font-semibold text-fir-800 ring-1 ring-fir-600/50 hover:bg-fir-50"
        >
          {t("merchant.invite.login")}
        </Link>
      </div>
    </section>
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
