// Joining a town's team from the emailed link: log in or create an account (the links come back
// here), then one button. Only the invited address may accept; another account is told so.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, isRouteErrorResponse, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { FormError, SubmitButton } from "~/components/forms";
import { InvitationAccountLinks } from "~/components/invitation-account";
import type { MessageKey } from "~/i18n";
import { acceptTeamInvitation, lookupTeamInvitation, type TeamFailure } from "~/models/team.server";
import { getUser, requireUser } from "~/utils/auth.server";
import { formFailure, type FormErrors } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Chalet" }];

type Refusal = { reason: "unknown" | "used" | "expired" | "revoked"; town?: string };

/** 404 for a token never issued, 410 for one used, revoked or expired. */
function refuse(refusal: Refusal): never {
  throw data(refusal, { status: refusal.reason === "unknown" ? 404 : 410 });
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const found = await lookupTeamInvitation(params.token!, context.now());
  if (found.state === "unknown") refuse({ reason: "unknown" });
  if (found.state !== "usable") refuse({ reason: found.state, town: found.town.name });
  const [{ t }, user] = await Promise.all([getTranslator(request), getUser(request)]);
  return {
    title: `${t("team.accept.title", { town: found.town.name })} · Chalet`,
    town: found.town.name,
    role: found.role,
    invitedEmail: found.email,
    user: user && { name: user.name, email: user.email },
    here: new URL(request.url).pathname,
  };
}

const REFUSALS: Partial<Record<TeamFailure, { key: MessageKey; status: number }>> = {
  wrongEmail: { key: "team.accept.wrongEmail", status: 403 },
  lastOrganiser: { key: "team.error.lastOrganiser", status: 409 },
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const result = await acceptTeamInvitation({ token: params.token!, user, now: context.now() });
  if (result.ok) return redirect("/organiser");
  const refusal = REFUSALS[result.reason];
  if (refusal) return formFailure({}, refusal.key, refusal.status);
  return formFailure({}, "team.accept.gone", result.reason === "unknown" ? 404 : 410);
}

export default function AcceptTeamInvitation() {
  const { town, role, invitedEmail, user, here } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormErrors | undefined;
  const t = useT();
  const redirectTo = encodeURIComponent(here);
  const wrongAccount = user !== null && user.email.toLowerCase() !== invitedEmail;
  return (
    <div className="mx-auto max-w-xl">
      <p className="text-sm font-semibold tracking-wide text-wine-700 uppercase">{t("team.accept.kicker")}</p>
      <h1 className="mb-2 font-display text-3xl text-fir-800">{t("team.accept.title", { town })}</h1>
      <p className="mb-2 text-bark">
        {t(role === "ORGANISER" ? "team.accept.asOrganiser" : "team.accept.asModerator")}
      </p>
      <p className="mb-4 rounded-lg bg-gold-100 px-3 py-2 text-bark">
        {t("team.accept.sentTo", { email: invitedEmail })}
      </p>
      {user ? (
        <section aria-labelledby="join-title" className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-fir-600/20">
          <h2 id="join-title" className="mb-2 text-2xl font-semibold text-fir-900">
            {t("team.accept.joinTitle")}
          </h2>
          <p className="mb-3 text-bark">{t("team.accept.as", { name: user.name, email: user.email })}</p>
          {wrongAccount ? (
            <>
              <p
                role="alert"
                className="mb-4 rounded-lg border border-wine-600 bg-wine-50 px-3 py-2 font-semibold text-wine-800"
              >
                {t("team.accept.wrongEmailLong", { invited: invitedEmail, current: user.email })}
              </p>
              <Link
                to={`/login?redirectTo=${redirectTo}`}
                className="inline-flex min-h-12 items-center justify-center rounded-full px-5 font-semibold text-fir-800 ring-1 ring-fir-600/50 hover:bg-fir-50"
              >
                {t("team.accept.otherAccount")}
              </Link>
            </>
          ) : (
            <Form method="post">
              <FormError error={failure?.formError} />
              <SubmitButton className="w-full text-lg">{t("team.accept.submit")}</SubmitButton>
            </Form>
          )}
        </section>
      ) : (
        <InvitationAccountLinks
          here={here}
          title={t("team.accept.accountTitle")}
          intro={t("team.accept.accountIntro", { email: invitedEmail })}
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
      <h1 className="font-display text-3xl text-wine-700">{t(`team.accept.error.${reason}.title`)}</h1>
      <p className="mt-4 text-lg">{t(`team.accept.error.${reason}.text`, { town: refusal?.town ?? "" })}</p>
      <Link to="/" className="mt-6 inline-block rounded-full bg-fir-700 px-5 py-2 font-semibold text-snow">
        {t("error.backHome")}
      </Link>
    </section>
  );
}
