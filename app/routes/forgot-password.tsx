import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { AccountCard, EmailField, keepRetryAfter, linkClass, useAccountForm } from "~/components/account-form";
import { FormError, SubmitButton } from "~/components/forms";
import { createPasswordReset } from "~/models/password-reset.server";
import { ForgotPasswordSchema } from "~/schemas/accounts";
import { validateForm, readForm } from "~/utils/forms.server";
import { getTranslator } from "~/utils/i18n.server";
import { sendEmail } from "~/utils/mailer.server";
import { absoluteUrl } from "~/utils/url.server";
import { hitRateLimit, rateLimitedForm } from "~/utils/rate-limit.server";
import { useT } from "~/utils/i18n";

export const headers = keepRetryAfter;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Chalet" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await getTranslator(request);
  return { title: `${t("accounts.forgot.title")} · Chalet` };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const parsed = validateForm(form, ForgotPasswordSchema);
  if (!parsed.ok) return parsed.response;

  const wait = await hitRateLimit("passwordReset", context.clientIp);
  if (wait !== null) return rateLimitedForm(request, wait);
  const { t } = await getTranslator(request);

  const reset = await createPasswordReset(parsed.value.email, context.now());
  if (reset) {
    const link = absoluteUrl(request, `/reset-password/${reset.token}`);
    await sendEmail({
      to: reset.user.email,
      subject: t("accounts.forgot.email.subject"),
      text: t("accounts.forgot.email.body", { name: reset.user.name, link }),
    });
  }
  // The same answer whether or not the account exists, so this form cannot list accounts.
  return { errors: {}, formError: undefined, sent: true };
}

export default function ForgotPasswordPage() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const { formRef, onSubmit, errors, formError } = useAccountForm(ForgotPasswordSchema, actionData);
  const sent =
    typeof actionData === "object" && actionData !== null && "sent" in actionData && actionData.sent === true;
  return (
    <AccountCard title={t("accounts.forgot.title")} intro={sent ? undefined : t("accounts.forgot.intro")}>
      <div role="status" aria-live="polite">
        {sent ? (
          <p className="rounded-lg border border-fir-600 bg-fir-50 px-3 py-3 text-fir-900">
            <span aria-hidden="true">✉️ </span>
            {t("accounts.forgot.sent")}
          </p>
        ) : null}
      </div>
      {sent ? null : (
        <Form method="post" noValidate ref={formRef} onSubmit={onSubmit}>
          <FormError error={formError} />
          <EmailField errors={errors.email} />
          <SubmitButton className="w-full text-lg">{t("accounts.forgot.submit")}</SubmitButton>
        </Form>
      )}
      <p className="mt-6 border-t border-fir-100 pt-4 text-center">
        <Link to="/login" className={linkClass}>
          {t("accounts.forgot.backToLogin")}
        </Link>
      </p>
    </AccountCard>
  );
}
