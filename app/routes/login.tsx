import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
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
import { normaliseEmail, verifyLogin } from "~/models/user.server";
import { LoginSchema, PASSWORD_MAX } from "~/schemas/accounts";
import { createUserSession, getUserId, safeRedirect } from "~/utils/auth.server";
import { formFailure, validateForm, readForm } from "~/utils/forms.server";
import { getTranslator } from "~/utils/i18n.server";
import { clearRateLimit, hitRateLimit, rateLimitedForm } from "~/utils/rate-limit.server";
import { useT } from "~/utils/i18n";

export const headers = keepRetryAfter;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Chalet" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUserId(request)) throw redirect("/");
  const { t } = await getTranslator(request);
  return { title: `${t("accounts.login.title")} · Chalet` };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const parsed = validateForm(form, LoginSchema);
  if (!parsed.ok) return parsed.response;
  const { email, password, redirectTo } = parsed.value;

  // Keyed on address and account together: one visitor cannot lock someone else out from
  // another network, and one address cannot try passwords on many accounts quickly.
  const limitKey = `${context.clientIp}|${normaliseEmail(email)}`;
  const wait = await hitRateLimit("login", limitKey);
  if (wait !== null) return rateLimitedForm(request, wait);

  const user = await verifyLogin(email, password);
  if (!user) return formFailure({}, "accounts.login.invalid");
  // A successful log-in forgives earlier typos, so regular users never meet the limit.
  await clearRateLimit("login", limitKey);
  return createUserSession(request, user.id, safeRedirect(redirectTo));
}

export default function LoginPage() {
  const t = useT();
  const { redirectTo, query: withRedirect } = useRedirectTo();
  const { formRef, onSubmit, errors, formError } = useAccountForm(LoginSchema, useActionData<typeof action>());
  return (
    <AccountCard title={t("accounts.login.title")} intro={t("accounts.login.intro")}>
      <Form method="post" noValidate ref={formRef} onSubmit={onSubmit}>
        <FormError error={formError} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <EmailField errors={errors.email} />
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
