import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import {
  AccountCard,
  EmailField,
  keepRetryAfter,
  linkClass,
  NewPasswordField,
  useAccountForm,
  useRedirectTo,
} from "~/components/account-form";
import { FormError, SubmitButton, TextField } from "~/components/forms";
import { withMergedBasket } from "~/models/basket.server";
import { invitedEmailFor, requestSignup, signupFromInvitation } from "~/models/signup.server";
import { NAME_MAX, SignupSchema } from "~/schemas/accounts";
import { createUserSession, getUserId, safeRedirect } from "~/utils/auth.server";
import { validateForm, readForm } from "~/utils/forms.server";
import { getTranslator } from "~/utils/i18n.server";
import { sendEmail } from "~/utils/mailer.server";
import { hitRateLimit, rateLimitedForm } from "~/utils/rate-limit.server";
import { absoluteUrl } from "~/utils/url.server";
import { useT } from "~/utils/i18n";

export const headers = keepRetryAfter;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Chalet" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await getUserId(request)) throw redirect("/");
  const { t } = await getTranslator(request);
  // Coming from an invitation: its address is the one to sign up with.
  const invitedEmail = await invitedEmailFor(new URL(request.url).searchParams.get("redirectTo"), context.now());
  return { title: `${t("accounts.signup.title")} · Chalet`, invitedEmail };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const parsed = validateForm(form, SignupSchema);
  if (!parsed.ok) return parsed.response;

  // Counted only for well-formed attempts: typos cost nothing, bulk account creation does.
  const wait = await hitRateLimit("signup", context.clientIp);
  if (wait !== null) return rateLimitedForm(request, wait);

  const { name, email, password } = parsed.value;
  const redirectTo = safeRedirect(parsed.value.redirectTo);
  // The invited address needs no confirmation: the invitation's link already came to it.
  const invited = await signupFromInvitation({ name, email, password, redirectTo }, context.now());
  if (invited) {
    return withMergedBasket(request, invited.id, await createUserSession(request, invited.id, redirectTo));
  }
  const { t } = await getTranslator(request);
  const requested = await requestSignup({ name, email, password, redirectTo }, context.now());
  if (requested.kind === "new") {
    await sendEmail({
      to: requested.email,
      subject: t("accounts.signup.email.subject"),
      text: t("accounts.signup.email.body", {
        name: requested.name,
        link: absoluteUrl(request, `/confirm-signup/${requested.token}`),
      }),
    });
  } else {
    await sendEmail({
      to: requested.user.email,
      subject: t("accounts.signup.existing.subject"),
      text: t("accounts.signup.existing.body", {
        name: requested.user.name,
        login: absoluteUrl(request, `/login?redirectTo=${encodeURIComponent(redirectTo)}`),
        forgot: absoluteUrl(request, "/forgot-password"),
      }),
    });
  }
  // The same answer whether or not the address has an account: the email tells which.
  return { errors: {}, formError: undefined, sent: email };
}

export default function SignupPage() {
  const t = useT();
  const { redirectTo, query: withRedirect } = useRedirectTo();
  const { invitedEmail } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { formRef, onSubmit, errors, formError } = useAccountForm(SignupSchema, actionData);
  const sent =
    typeof actionData === "object" && actionData !== null && "sent" in actionData && typeof actionData.sent === "string"
      ? actionData.sent
      : null;
  return (
    <AccountCard title={t("accounts.signup.title")} intro={sent === null ? t("accounts.signup.intro") : undefined}>
      <div role="status" aria-live="polite">
        {sent !== null ? (
          <p className="rounded-lg border border-fir-600 bg-fir-50 px-3 py-3 text-fir-900">
            <span aria-hidden="true">✉️ </span>
            {t("accounts.signup.sent", { email: sent })}
          </p>
        ) : null}
      </div>
      {sent !== null ? null : (
        <Form method="post" noValidate ref={formRef} onSubmit={onSubmit}>
          <FormError error={formError} />
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <TextField
            id="field-name"
            name="name"
            label={t("accounts.field.name")}
            hint={t("accounts.field.name.hint")}
            autoComplete="name"
            autoCapitalize="words"
            required
            maxLength={NAME_MAX}
            errors={errors.name}
          />
          <EmailField
            errors={errors.email}
            defaultValue={invitedEmail ?? undefined}
            hint={invitedEmail ? t("merchantSetup.signup.invitedHint") : undefined}
          />
          <NewPasswordField errors={errors.password} />
          <SubmitButton className="w-full text-lg">{t("accounts.signup.submit")}</SubmitButton>
        </Form>
      )}
      <p className="mt-6 border-t border-fir-100 pt-4 text-center text-fir-900">
        {t("accounts.signup.haveAccount")}{" "}
        <Link to={`/login${withRedirect}`} className={linkClass}>
          {t("accounts.login.submit")}
        </Link>
      </p>
    </AccountCard>
  );
}
