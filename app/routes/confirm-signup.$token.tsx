// The link of the sign-up email. Opening it shows a button; only the button's post creates the
// account (mail scanners open links, and a GET must not create accounts nor log anyone in).
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AccountCard, linkClass, RefusedLinkCard } from "~/components/account-form";
import { SubmitButton } from "~/components/forms";
import type { MessageKey } from "~/i18n";
import { withMergedBasket } from "~/models/basket.server";
import { checkSignupToken, confirmSignup, type SignupTokenState } from "~/models/signup.server";
import { createUserSession } from "~/utils/auth.server";
import { readForm } from "~/utils/forms.server";
import { getTranslator } from "~/utils/i18n.server";
import { useT } from "~/utils/i18n";

type LoaderData = { title: string; name: string; email: string; refusal: Refusal | null };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: (data as LoaderData | undefined)?.title ?? "Chalet" },
  // The token is in the URL: keep it out of search engines and Referer headers (as the reset page).
  { name: "robots", content: "noindex" },
  { name: "referrer", content: "strict-origin" },
];

type Refused = Exclude<SignupTokenState, { status: "valid" }>["status"];
type Refusal = { message: MessageKey; next: "signup" | "login" };
const REFUSAL: Record<Refused, Refusal & { status: number }> = {
  unknown: { status: 400, message: "accounts.confirm.invalid", next: "signup" },
  expired: { status: 410, message: "accounts.confirm.expired", next: "signup" },
  used: { status: 410, message: "accounts.confirm.used", next: "login" },
  taken: { status: 409, message: "accounts.confirm.taken", next: "login" },
};

// Remix 2's types do not unwrap `data()` without the single-fetch augmentation: hence the casts.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { t } = await getTranslator(request);
  const title = `${t("accounts.confirm.title")} · Chalet`;
  const state = await checkSignupToken(params.token ?? "", context.now());
  if (state.status === "valid") return data<LoaderData>({ title, name: state.name, email: state.email, refusal: null });
  const { status, ...refusal } = REFUSAL[state.status];
  return data<LoaderData>({ title, name: "", email: "", refusal }, { status });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  await readForm(request);
  const result = await confirmSignup(params.token ?? "", context.now());
  if (!result.ok) {
    const { status, ...refusal } = REFUSAL[result.state.status];
    return data({ refusal }, { status });
  }
  return withMergedBasket(request, result.user.id, await createUserSession(request, result.user.id, result.redirectTo));
}

export default function ConfirmSignupPage() {
  const t = useT();
  const loaded = useLoaderData() as LoaderData;
  const acted = useActionData() as { refusal: Refusal } | undefined;
  const refusal = acted?.refusal ?? loaded.refusal;
  if (refusal) {
    const login = refusal.next === "login";
    return (
      <RefusedLinkCard
        title={t("accounts.confirm.title")}
        message={t(refusal.message)}
        next={
          login
            ? { to: "/login", label: t("accounts.login.submit") }
            : { to: "/signup", label: t("accounts.confirm.signupAgain") }
        }
      >
        {login ? (
          <p className="mt-4 text-center">
            <Link to="/forgot-password" className={linkClass}>
              {t("accounts.login.forgot")}
            </Link>
          </p>
        ) : null}
      </RefusedLinkCard>
    );
  }
  return (
    <AccountCard
      title={t("accounts.confirm.title")}
      intro={t("accounts.confirm.intro", { name: loaded.name, email: loaded.email })}
    >
      <Form method="post">
        <SubmitButton className="w-full text-lg">{t("accounts.confirm.submit")}</SubmitButton>
      </Form>
    </AccountCard>
  );
}
