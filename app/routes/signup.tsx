import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
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
import { createUser } from "~/models/user.server";
import { NAME_MAX, SignupSchema } from "~/schemas/accounts";
import { withMergedBasket } from "~/models/basket.server";
import { createUserSession, getUserId, safeRedirect } from "~/utils/auth.server";
import { formFailure, validateForm, readForm } from "~/utils/forms.server";
import { getTranslator } from "~/utils/i18n.server";
import { hitRateLimit, rateLimitedForm } from "~/utils/rate-limit.server";
import { useT } from "~/utils/i18n";

export const headers = keepRetryAfter;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Chalet" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUserId(request)) throw redirect("/");
  const { t } = await getTranslator(request);
  return { title: `${t("accounts.signup.title")} · Chalet` };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const parsed = validateForm(form, SignupSchema);
  if (!parsed.ok) return parsed.response;

  // Counted only for well-formed attempts: typos cost nothing, bulk account creation does.
  const wait = await hitRateLimit("signup", context.clientIp);
  if (wait !== null) return rateLimitedForm(request, wait);

  const { name, email, password, redirectTo } = parsed.value;
  const user = await createUser({ name, email, password });
  if (!user) return formFailure({ email: ["accounts.signup.emailTaken"] });
  return withMergedBasket(request, user.id, await createUserSession(request, user.id, safeRedirect(redirectTo)));
}

export default function SignupPage() {
  const t = useT();
  const { redirectTo, query: withRedirect } = useRedirectTo();
  const { formRef, onSubmit, errors, formError } = useAccountForm(SignupSchema, useActionData<typeof action>());
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
        <EmailField errors={errors.email} />
        <NewPasswordField errors={errors.password} />
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
