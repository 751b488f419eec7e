import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AccountCard, linkClass, NewPasswordField, RefusedLinkCard, useAccountForm } from "~/components/account-form";
import { FormError, SubmitButton } from "~/components/forms";
import type { MessageKey } from "~/i18n";
import { checkResetToken, resetPassword, type ResetTokenState } from "~/models/password-reset.server";
import { ResetPasswordSchema } from "~/schemas/accounts";
import { createUserSession } from "~/utils/auth.server";
import { validateForm, readForm } from "~/utils/forms.server";
import { getTranslator } from "~/utils/i18n.server";
import { useT } from "~/utils/i18n";

type LoaderData = { title: string; email: string | null; refusal: MessageKey | null };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: (data as LoaderData | undefined)?.title ?? "Chalet" },
  // The token is in the URL: keep it out of search engines and out of Referer headers.
  // Not "no-referrer": that makes browsers send `Origin: null`, which the same-origin
  // check on POSTs (server/same-origin.ts) rightly refuses.
  { name: "robots", content: "noindex" },
  { name: "referrer", content: "strict-origin" },
];

type Refused = Exclude<ResetTokenState, { status: "valid" }>["status"];
const REFUSAL: Record<Refused, { status: number; message: MessageKey }> = {
  unknown: { status: 400, message: "accounts.reset.invalid" },
  expired: { status: 410, message: "accounts.reset.expired" },
  used: { status: 410, message: "accounts.reset.used" },
};

// Remix 2's types do not unwrap `data()` unless the single-fetch type augmentation is declared
// (it is not in this project yet), hence the LoaderData casts.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { t } = await getTranslator(request);
  const title = `${t("accounts.reset.title")} · Chalet`;
  const state = await checkResetToken(params.token ?? "", context.now());
  if (state.status === "valid") return data<LoaderData>({ title, email: state.email, refusal: null });
  const refusal = REFUSAL[state.status];
  return data<LoaderData>({ title, email: null, refusal: refusal.message }, { status: refusal.status });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const parsed = validateForm(form, ResetPasswordSchema);
  if (!parsed.ok) return parsed.response;
  const result = await resetPassword(params.token ?? "", parsed.value.password, context.now());
  if (!result.ok) {
    const refusal = REFUSAL[result.state.status];
    return data({ errors: {}, formError: refusal.message }, { status: refusal.status });
  }
  return createUserSession(request, result.userId, "/");
}

export default function ResetPasswordPage() {
  const t = useT();
  const loaded = useLoaderData() as LoaderData;
  const { formRef, onSubmit, errors, formError } = useAccountForm(ResetPasswordSchema, useActionData<typeof action>());
  if (loaded.refusal) {
    return (
      <RefusedLinkCard
        title={t("accounts.reset.title")}
        message={t(loaded.refusal)}
        next={{ to: "/forgot-password", label: t("accounts.reset.requestNew") }}
      />
    );
  }
  return (
    <AccountCard title={t("accounts.reset.title")} intro={t("accounts.reset.intro", { email: loaded.email ?? "" })}>
      <Form method="post" noValidate ref={formRef} onSubmit={onSubmit}>
        <FormError error={formError} />
        {/* Lets password managers attach the new password to the right account. */}
        <input type="hidden" name="username" autoComplete="username" value={loaded.email ?? ""} />
        <NewPasswordField errors={errors.password} />
        <SubmitButton className="w-full text-lg">{t("accounts.reset.submit")}</SubmitButton>
      </Form>
      {formError && formError !== "form.fixErrors" ? (
        <p className="mt-4 text-center">
          <Link to="/forgot-password" className={linkClass}>
            {t("accounts.reset.requestNew")}
          </Link>
        </p>
      ) : null}
    </AccountCard>
  );
}
