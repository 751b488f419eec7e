import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { AccountCard, keepRetryAfter, linkClass, PasswordField, useAccountForm } from "~/components/account-form";
import { FormError, SubmitButton, TextField } from "~/components/forms";
import { createUser } from "~/models/user.server";
import { EMAIL_MAX, NAME_MAX, PASSWORD_MAX, PASSWORD_MIN, SignupSchema } from "~/schemas/accounts";
import { createUserSession, getUserId, safeRedirect } from "~/utils/auth.server";
import { formFailure, validateForm } from "~/utils/forms.server";
import { getTranslator } from "~/utils/i18n.server";
import { hitRateLimit } from "~/utils/rate-limit.server";
import { useT } from "~/utils/i18n";

export const headers = keepRetryAfter;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Chalet" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUserId(request)) throw redirect("/");
  const { t } = await getTranslator(request);
  return { title: `${t("accounts.signup.title")} · Chalet` };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const parsed = validateForm(form, SignupSchema);
  if (!parsed.ok) return parsed.response;

  // Counted only for well-formed attempts: typos cost nothing, bulk account creation does.
  const wait = await hitRateLimit("signup", context.clientIp);
  if (wait !== null) {
    const { t } = await getTranslator(request);
    return data(
      { errors: {}, formError: t("accounts.rateLimited", { seconds: wait }) },
      { status: 429, headers: { "Retry-After": String(wait) } },
    );
  }

  const { name, email, password, redirectTo } = parsed.value;
  const user = await createUser({ name, email, password });
  if (!user) return formFailure({ email: ["accounts.signup.emailTaken"] });
  return createUserSession(request, user.id, safeRedirect(redirectTo));
}

export default function SignupPage() {
  const t = useT();
  const [params] = useSearchParams();
  const redirectTo = params.get("redirectTo") ?? "";
  const { formRef, onSubmit, errors, formError } = useAccountForm(SignupSchema, useActionData<typeof action>());
  const withRedirect = redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : "";
  return (
    <AccountCard title={t("accounts.signup.title")} intro={t("accounts.signup.intro")}>
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
        <TextField
          id="field-email"
          name="email"
          type="email"
          label={t("accounts.field.email")}
          autoComplete="email"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          required
          maxLength={EMAIL_MAX}
          errors={errors.email}
        />
        <PasswordField
          name="password"
          label={t("accounts.field.newPassword")}
          hint={t("accounts.field.newPassword.hint")}
          autoComplete="new-password"
          minLength={PASSWORD_MIN}
          maxLength={PASSWORD_MAX}
          errors={errors.password}
        />
        <SubmitButton className="w-full text-lg">{t("accounts.signup.submit")}</SubmitButton>
      </Form>
      <p className="mt-6 border-t border-fir-100 pt-4 text-center text-fir-900">
        {t("accounts.signup.haveAccount")}{" "}
        <Link to={`/login${withRedirect}`} className={linkClass}>
          {t("accounts.login.submit")}
        </Link>
      </p>
    </AccountCard>
  );
}
