// The first start's one-time link (printed by the server, or by `npm run setup-link`): creates
// the platform administrator's account and the first town, logs in, and leads to the first
// market. A link that can no longer serve says how to get a new one.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AccountCard, EmailField, NewPasswordField, useAccountForm } from "~/components/account-form";
import { FormError, SubmitButton, TextField } from "~/components/forms";
import type { MessageKey } from "~/i18n";
import { removeImageFiles, storeOptionalPhoto, uploadFailure } from "~/models/photo.server";
import { checkSetupToken, completeSetup, type SetupTokenState } from "~/models/setup.server";
import { NAME_MAX } from "~/schemas/accounts";
import { SetupSchema, TOWN_NAME_MAX, TOWN_PHONE_MAX, TOWN_TEXT_MAX } from "~/schemas/town";
import { createUserSession } from "~/utils/auth.server";
import { formFailure, validateForm } from "~/utils/forms.server";
import { getTranslator } from "~/utils/i18n.server";
import { useT } from "~/utils/i18n";
import { readMultipartForm, UploadError, uploadedFile } from "~/utils/uploads.server";

type Refused = Exclude<SetupTokenState, { status: "valid" }>["status"];
type Refusal = { status: Refused };
type LoaderData = { title: string; refusal: Refusal | null };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: (data as LoaderData | undefined)?.title ?? "Chalet" },
  // The token is in the URL: keep it out of search engines and Referer headers.
  { name: "robots", content: "noindex" },
  { name: "referrer", content: "strict-origin" },
];

/** 404 for a link that never existed, 410 for one that did but can no longer serve. */
const REFUSAL_STATUS: Record<Refused, number> = { unknown: 404, expired: 410, used: 410, done: 410 };

// Remix 2's types do not unwrap `data()` without the single-fetch augmentation: hence the casts.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { t } = await getTranslator(request);
  const title = `${t("setup.title")} · Chalet`;
  const state = await checkSetupToken(params.token ?? "", context.now());
  if (state.status === "valid") return data<LoaderData>({ title, refusal: null });
  return data<LoaderData>({ title, refusal: { status: state.status } }, { status: REFUSAL_STATUS[state.status] });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const now = context.now();
  let form: FormData;
  try {
    form = await readMultipartForm(request);
  } catch (error) {
    if (error instanceof UploadError) return uploadFailure(error, "logo");
    throw error;
  }
  const state = await checkSetupToken(token, now);
  if (state.status !== "valid")
    return data({ refusal: { status: state.status } }, { status: REFUSAL_STATUS[state.status] });

  const parsed = validateForm(form, SetupSchema);
  if (!parsed.ok) return parsed.response;
  // Checked and stored before the transaction: a non-image is refused with nothing written.
  const logo = await storeOptionalPhoto(uploadedFile(form.get("logo")), "logo");
  if (!logo.ok) return logo.response;

  const result = await completeSetup(token, { ...parsed.value, logoSrc: logo.photo?.src ?? null }, now);
  if (!result.ok) {
    if (logo.photo) await removeImageFiles(logo.photo);
    if (result.state.status === "emailTaken") return formFailure({ email: ["setup.emailTaken"] });
    const status = result.state.status;
    return data({ refusal: { status } }, { status: REFUSAL_STATUS[status] });
  }
  return createUserSession(request, result.userId, `/organiser/markets/new?townId=${result.townId}`);
}

const REFUSAL_MESSAGE: Record<Refused, MessageKey> = {
  unknown: "setup.refused.unknown",
  expired: "setup.refused.expired",
  used: "setup.refused.used",
  done: "setup.refused.done",
};

export default function SetupPage() {
  const t = useT();
  const loaded = useLoaderData() as LoaderData;
  const actionData = useActionData<typeof action>();
  const acted = actionData && typeof actionData === "object" && "refusal" in actionData ? actionData.refusal : null;
  const refusal = acted ?? loaded.refusal;
  const { formRef, onSubmit, errors, formError } = useAccountForm(SetupSchema, actionData);

  if (refusal) {
    return (
      <AccountCard title={t("setup.title")}>
        <SetupRefused status={refusal.status} />
      </AccountCard>
    );
  }
  return (
    <AccountCard title={t("setup.title")} intro={t("setup.intro")} wide>
      <Form method="post" encType="multipart/form-data" noValidate ref={formRef} onSubmit={onSubmit}>
        <FormError error={formError} />
        <fieldset className="mb-2">
          <legend className="mb-3 font-display text-xl text-fir-900">{t("setup.account.legend")}</legend>
          <p className="-mt-2 mb-4 text-sm text-fir-700">{t("setup.account.hint")}</p>
          <TextField
            id="field-name"
            name="name"
            label={t("accounts.field.name")}
            autoComplete="name"
            autoCapitalize="words"
            required
            maxLength={NAME_MAX}
            errors={errors.name}
          />
          <EmailField errors={errors.email} />
          <NewPasswordField errors={errors.password} />
        </fieldset>
        <fieldset className="mb-2 mt-6">
          <legend className="mb-3 font-display text-xl text-fir-900">{t("setup.town.legend")}</legend>
          <TextField
            id="field-townName"
            name="townName"
            label={t("town.field.name")}
            hint={t("setup.town.nameHint")}
            autoCapitalize="words"
            required
            maxLength={TOWN_NAME_MAX}
            errors={errors.townName}
          />
          <TextField
            id="field-townAddress"
            name="townAddress"
            label={t("town.field.address")}
            hint={t("town.field.optional")}
            autoComplete="street-address"
            maxLength={TOWN_TEXT_MAX}
            errors={errors.townAddress}
          />
          <TextField
            id="field-townEmail"
            name="townEmail"
            type="email"
            inputMode="email"
            autoCapitalize="none"
            spellCheck={false}
            label={t("town.field.email")}
            hint={t("town.field.optional")}
            maxLength={254}
            errors={errors.townEmail}
          />
          <TextField
            id="field-townPhone"
            name="townPhone"
            type="tel"
            label={t("town.field.phone")}
            hint={t("town.field.optional")}
            maxLength={TOWN_PHONE_MAX}
            errors={errors.townPhone}
          />
          <TextField
            id="field-logo"
            name="logo"
            type="file"
            accept="image/jpeg,image/png,image/webp,image/avif"
            label={t("town.field.logo")}
            hint={t("town.field.logoHint")}
            errors={errors.logo}
          />
        </fieldset>
        <p className="mb-4 text-sm text-fir-700">{t("setup.legalLater")}</p>
        <SubmitButton className="w-full text-lg">{t("setup.submit")}</SubmitButton>
      </Form>
    </AccountCard>
  );
}

/** Why the link cannot serve, and what to do: a new link from the server, or log in. */
function SetupRefused({ status }: { status: Refused }) {
  const t = useT();
  return (
    <div>
      <p role="alert" className="rounded-lg border border-wine-600 bg-wine-50 px-3 py-3 font-semibold text-wine-800">
        {t(REFUSAL_MESSAGE[status])}
      </p>
      {status === "done" ? (
        <p className="mt-6 text-center">
          <Link
            to="/login"
            className="inline-flex min-h-11 items-center justify-center rounded-full bg-fir-700 px-5 py-2 font-semibold text-snow hover:bg-fir-800"
          >
            {t("accounts.login.submit")}
          </Link>
        </p>
      ) : (
        <>
          <p className="mt-4 text-fir-900">{t("setup.refused.howTo")}</p>
          <pre className="mt-2 overflow-x-auto rounded-lg bg-fir-900 px-4 py-3 text-snow">
            <code>npm run setup-link</code>
          </pre>
        </>
      )}
    </div>
  );
}
