// A merchant chooses how new orders reach them: an email per order, an hourly digest or none
// (order-alerts.server.ts), and Web Push on this phone (push.server.ts, the worker at /sw.js).
// The browser asks its permission only on the merchant's click, and every refusal is explained.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import type { MessageKey } from "~/i18n";
import { FormError, SubmitButton } from "~/components/forms";
import { ORDER_EMAIL_CHOICES } from "~/models/order-alerts";
import { getOrderAlertSettings, setOrderEmails } from "~/models/order-alerts.server";
import { hasSubscriptions, removeSubscription, saveSubscription, vapidPublicKey } from "~/models/push.server";
import { getUserRoles } from "~/models/user.server";
import { orderEmailsSchema, pushActionSchema } from "~/schemas/order-alerts";
import { requireUser } from "~/utils/auth.server";
import { formFailure, readForm, validateForm, type FormErrors } from "~/utils/forms.server";
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
  const [{ t }, settings, publicKey, subscribed] = await Promise.all([
    getTranslator(request),
    getOrderAlertSettings(user.id),
    vapidPublicKey(),
    hasSubscriptions(user.id),
  ]);
  return { title: `${t("alerts.page.title")} · Chalet`, ...settings, publicKey, subscribed };
}

type Done = { ok: true; message: MessageKey };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireMerchant(request);
  const form = await readForm(request);
  if (form.get("intent") === "emails") {
    const parsed = validateForm(form, orderEmailsSchema);
    if (!parsed.ok) return parsed.response;
    await setOrderEmails(user.id, parsed.value.orderEmails, context.now());
    return data<Done>({ ok: true, message: "alerts.emails.saved" });
  }
  const parsed = validateForm(form, pushActionSchema);
  if (!parsed.ok) return formFailure({}, "alerts.push.invalid");
  if (parsed.value.intent === "unsubscribe") {
    await removeSubscription(user.id, parsed.value.endpoint);
    return data<Done>({ ok: true, message: "alerts.push.disabled" });
  }
  let subscription: unknown;
  try {
    subscription = JSON.parse(parsed.value.subscription);
  } catch {
    return formFailure({}, "alerts.push.invalid");
  }
  const saved = await saveSubscription(user.id, subscription);
  if (!saved.ok) return formFailure({}, "alerts.push.invalid");
  return data<Done>({ ok: true, message: "alerts.push.enabled" });
}

export default function MerchantAlerts() {
  const { orderEmails } = useLoaderData<typeof loader>();
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
      <PushSettings />
    </div>
  );
}

type PushState = "idle" | "working" | "enabled" | "unsupported" | "denied" | "failed" | "disabled";

const PUSH_MESSAGES: Partial<Record<PushState, MessageKey>> = {
  working: "alerts.push.working",
  enabled: "alerts.push.enabled",
  unsupported: "alerts.push.unsupported",
  denied: "alerts.push.denied",
  failed: "alerts.push.failed",
  disabled: "alerts.push.disabled",
};

function pushSupported(): boolean {
  return "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
}

/** applicationServerKey wants the key's bytes; the server gives base64url. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
  const raw = window.atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}

function PushSettings() {
  const { publicKey } = useLoaderData<typeof loader>();
  const t = useT();
  const fetcher = useFetcher<typeof action>();
  const [state, setState] = useState<PushState>("idle");
  const [endpoint, setEndpoint] = useState<string | null>(null);
  const status = useRef<HTMLParagraphElement>(null);

  // This browser may be subscribed already (an earlier visit): offer to stop instead.
  useEffect(() => {
    if (!pushSupported()) return;
    void navigator.serviceWorker
      .getRegistration("/")
      .then((registration) => registration?.pushManager.getSubscription())
      .then((subscription) => {
        if (subscription) {
          setEndpoint(subscription.endpoint);
          setState("enabled");
        }
      })
      .catch(() => undefined);
  }, []);

  // The server's answer to a subscription or its removal.
  useEffect(() => {
    const answer = fetcher.data as FormErrors | Done | undefined;
    if (fetcher.state !== "idle" || !answer) return;
    setState("ok" in answer ? (answer.message === "alerts.push.disabled" ? "disabled" : "enabled") : "failed");
  }, [fetcher.state, fetcher.data]);

  useEffect(() => {
    if (state !== "idle" && state !== "working") status.current?.focus();
  }, [state]);

  async function enable() {
    if (!pushSupported()) return setState("unsupported");
    setState("working");
    try {
      const registration = await navigator.serviceWorker.register("/sw.js", { scope: "/" });
      const permission = await Notification.requestPermission();
      if (permission !== "granted") return setState("denied");
      await navigator.serviceWorker.ready;
      const subscription = await registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: keyBytes(publicKey),
      });
      setEndpoint(subscription.endpoint);
      fetcher.submit({ intent: "subscribe", subscription: JSON.stringify(subscription.toJSON()) }, { method: "post" });
    } catch {
      // No push service reachable (or none in this browser build).
      setState("failed");
    }
  }

  async function disable() {
    setState("working");
    try {
      const registration = await navigator.serviceWorker.getRegistration("/");
      const subscription = await registration?.pushManager.getSubscription();
      await subscription?.unsubscribe();
    } catch {
      // The server forgets it anyway; the browser's own goes with the site's data.
    }
    if (endpoint) fetcher.submit({ intent: "unsubscribe", endpoint }, { method: "post" });
    else setState("disabled");
    setEndpoint(null);
  }

  const message = PUSH_MESSAGES[state];
  const refused = state === "unsupported" || state === "denied" || state === "failed";
  return (
    <section aria-labelledby="push-legend" className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-fir-600/20">
      <h2 id="push-legend" className="text-xl font-semibold text-fir-900">
        {t("alerts.push.legend")}
      </h2>
      <p className="mt-2 text-bark">{t("alerts.push.intro")}</p>
      <div className="mt-3">
        {state === "enabled" ? (
          <button
            type="button"
            onClick={() => void disable()}
            className="inline-flex min-h-11 items-center justify-center rounded-full px-5 py-2 font-semibold text-fir-800 ring-1 ring-fir-600/50 hover:bg-fir-50"
          >
            {t("alerts.push.disable")}
          </button>
        ) : (
          <button
            type="button"
            onClick={() => void enable()}
            disabled={state === "working"}
            aria-busy={state === "working" || undefined}
            className="inline-flex min-h-11 items-center justify-center gap-2 rounded-full bg-fir-700 px-5 py-2 font-semibold text-snow hover:bg-fir-800 disabled:opacity-60"
          >
            <span aria-hidden="true">🔔</span>
            {t("alerts.push.enable")}
          </button>
        )}
      </div>
      {/* Refusals are inserted as alerts (announced and focused); progress and success go to the status line. */}
      {refused && message ? (
        <p
          ref={status}
          tabIndex={-1}
          role="alert"
          data-testid="push-status"
          className="mt-3 rounded-lg border border-wine-600 bg-wine-50 px-3 py-2 font-semibold text-wine-800"
        >
          {t(message)}
        </p>
      ) : null}
      <p
        ref={refused ? undefined : status}
        tabIndex={-1}
        role="status"
        data-testid={refused ? undefined : "push-status"}
        className="mt-3 font-semibold text-fir-800"
      >
        {!refused && message ? t(message) : ""}
      </p>
    </section>
  );
}
