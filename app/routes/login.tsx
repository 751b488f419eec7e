import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import {
  AccountCard,
  EmailField,
  keepRetryAfter,
  linkClass,
  PasswordField,
  useAccountForm,
  useRedirectTo,
} from "~/components/account-form";
import { FormError, SubmitButton } from "~/components/forms";
import { invitedEmailFor } from "~/models/signup.server";
import { normaliseEmail, verifyLogin } from "~/models/user.server";
import { LoginSchema, PASSWORD_MAX } from "~/schemas/accounts";
import { withMergedBasket } from "~/models/basket.server";
import { createUserSession, getUserId, loginDestination } from "~/utils/auth.server";
import { formFailure, validateForm, readForm } from "~/utils/forms.server";
import { getTranslator } from "~/utils/i18n.server";
import { clearRateLimit, hitRateLimit, rateLimitedForm, rateLimitWait } from "~/utils/rate-limit.server";
import { useT } from "~/utils/i18n";

export const headers = keepRetryAfter;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Chalet" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const redirectTo = new URL(request.url).searchParams.get("redirectTo");
  const userId = await getUserId(request);
  if (userId) throw redirect(await loginDestination(userId, redirectTo));
  const { t } = await getTranslator(request);
  // Coming from an invitation: its address is most likely the account's.
  const invitedEmail = await invitedEmailFor(redirectTo, context.now());
  return { title: `${t("accounts.login.title")} · Chalet`, invitedEmail };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const parsed = validateForm(form, LoginSchema);
  if (!parsed.ok) return parsed.response;
  const { email, password, redirectTo } = parsed.value;

  // Three limits. Address and account together (10 tries per 5 minutes) slows one visitor
  // guessing one password. Failures from one address across all accounts (30 per 5 minutes)
  // stop that address trying a few passwords on every account. Failures on one account from
  // all addresses (50 per hour) stop a botnet guessing one password. The trade-off of the last
  // one: once an account is under such an attack, its real owner is refused too, even from a
  // new address, until the hour passes (a password reset still logs them in). The two failure
  // limits are checked before and counted after, so a burst of parallel guesses may slightly
  // overshoot them.
  const account = normaliseEmail(email);
  const limitKey = `${context.clientIp}|${account}`;
  const wait =
    (await rateLimitWait("loginFailuresByIp", context.clientIp)) ??
    (await rateLimitWait("loginFailuresByAccount", account)) ??
    (await hitRateLimit("login", limitKey));
  if (wait !== null) return rateLimitedForm(request, wait);

  const user = await verifyLogin(email, password);
  if (!user) {
    await hitRateLimit("loginFailuresByIp", context.clientIp);
    await hitRateLimit("loginFailuresByAccount", account);
    return formFailure({}, "accounts.login.invalid");
  }
  // A successful log-in forgives earlier typos on this address and account, so regular users
  // never meet that limit. The failure counts stay: an attacker who owns one account could
  // otherwise clear their address's count by logging in to it between guesses.
  await clearRateLimit("login", limitKey);
  return withMergedBasket(
    request,
    user.id,
    await createUserSession(request, user.id, await loginDestination(user.id, redirectTo)),
  );
}

export default function LoginPage() {
  const t = useT();
  const { redirectTo, query: withRedirect } = useRedirectTo();
  const { invitedEmail } = useLoaderData<typeof loader>();
  const { formRef, onSubmit, errors, formError } = useAccountForm(LoginSchema, useActionData<typeof action>());
  return (
    <AccountCard title={t("accounts.login.title")} intro={t("accounts.login.intro")}>
      <Form method="post" noValidate ref={formRef} onSubmit={onSubmit}>
        <FormError error={formError} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <EmailField errors={errors.email} defaultValue={invitedEmail ?? undefined} />
        <PasswordField
          name="password"
          label={t("accounts.field.password")}
          autoComplete="current-password"
          maxLength={PASSWORD_MAX}
          errors={errors.password}
        />
        <SubmitButton className="w-full text-lg">{t("accounts.login.submit")}</SubmitButton>
      </Form>
      <p className="mt-4 text-center">
        <Link to="/forgot-password" className={linkClass}>
          {t("accounts.login.forgot")}
        </Link>
      </p>
      <p className="mt-6 border-t border-fir-100 pt-4 text-center text-fir-900">
        {t("accounts.login.noAccount")}{" "}
        <Link to={`/signup${withRedirect}`} className={linkClass}>
          {t("accounts.login.createAccount")}
        </Link>
      </p>
    </AccountCard>
  );
}
