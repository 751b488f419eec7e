// A merchant chooses how new orders reach them: an email per order, an hourly digest or none
// (order-alerts.server.ts), and Web Push on this phone (components/push-button.tsx).
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import type { MessageKey } from "~/i18n";
import { FormError, SubmitButton } from "~/components/forms";
import { PushButton } from "~/components/push-button";
import { ORDER_EMAIL_CHOICES } from "~/models/order-alerts";
import { getOrderAlertSettings, setOrderEmails } from "~/models/order-alerts.server";
import { vapidPublicKey } from "~/models/push.server";
import { getUserRoles } from "~/models/user.server";
import { orderEmailsSchema } from "~/schemas/order-alerts";
import { requireUser } from "~/utils/auth.server";
import { readForm, validateForm, type FormErrors } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Chalet" }];

/** Merchants only: anyone else has no orders to hear of. */
async function requireMerchant(request: Request) {
  const user = await requireUser(request);
  const roles = await getUserRoles(user.id);
  if (roles.stallIds.length === 0) throw new Response("Not found", { status: 404 });
  return user;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireMerchant(request);
  const [{ t }, settings, publicKey] = await Promise.all([
    getTranslator(request),
    getOrderAlertSettings(user.id),
    vapidPublicKey(),
  ]);
  return { title: `${t("alerts.page.title")} · Chalet`, ...settings, publicKey };
}

type Done = { ok: true; message: MessageKey };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireMerchant(request);
  const parsed = validateForm(await readForm(request), orderEmailsSchema);
  if (!parsed.ok) return parsed.response;
  await setOrderEmails(user.id, parsed.value.orderEmails, context.now());
  return data<Done>({ ok: true, message: "alerts.emails.saved" });
}

export default function MerchantAlerts() {
  const { orderEmails, publicKey } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FormErrors | Done | undefined;
  const t = useT();
  const saved = result && "ok" in result ? result.message : null;
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div>
        <h1 className="font-display text-3xl text-fir-800">{t("alerts.page.title")}</h1>
        <p className="mt-2 text-bark">{t("alerts.page.intro")}</p>
      </div>
      <Form method="post" className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-fir-600/20">
        <input type="hidden" name="intent" value="emails" />
        <fieldset>
          <legend className="text-xl font-semibold text-fir-900">{t("alerts.emails.legend")}</legend>
          <div className="mt-3 space-y-2">
            {ORDER_EMAIL_CHOICES.map((choice) => (
              <label
                key={choice}
                className="flex min-h-11 cursor-pointer items-center gap-3 rounded-lg px-2 hover:bg-fir-50"
              >
                <input
                  type="radio"
                  name="orderEmails"
                  value={choice}
                  defaultChecked={orderEmails === choice}
                  className="size-5 accent-fir-700"
                />
                {t(`alerts.emails.${choice}`)}
              </label>
            ))}
          </div>
        </fieldset>
        {result && !("ok" in result) ? (
          <div className="mt-3">
            <FormError error={result.formError} />
          </div>
        ) : null}
        <div className="mt-3 flex flex-wrap items-center gap-3">
          <SubmitButton>{t("alerts.emails.save")}</SubmitButton>
          <p role="status" className="font-semibold text-fir-800">
            {saved === "alerts.emails.saved" ? t(saved) : ""}
          </p>
        </div>
      </Form>
      <section aria-labelledby="push-legend" className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-fir-600/20">
        <h2 id="push-legend" className="text-xl font-semibold text-fir-900">
          {t("alerts.push.legend")}
        </h2>
        <p className="mt-2 text-bark">{t("alerts.push.intro")}</p>
        <PushButton publicKey={publicKey} enableLabel="alerts.push.enable" />
      </section>
    </div>
  );
}
