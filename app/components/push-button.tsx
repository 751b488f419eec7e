// "Recevoir … sur ce téléphone": registers the service worker (/sw.js), asks the browser's
// permission only on this click, subscribes to Web Push with the platform's VAPID key and sends
// the subscription to /push. Every refusal (no support, permission denied, no push service) is
// explained and focused; a browser already subscribed is offered to stop instead.
import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import type { MessageKey } from "~/i18n";
import type { FormErrors } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";

type Done = { ok: true; message: MessageKey };

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

export function PushButton({ publicKey, enableLabel }: { publicKey: string; enableLabel: MessageKey }) {
  const t = useT();
  const fetcher = useFetcher<FormErrors | Done>();
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
      fetcher.submit(
        { intent: "subscribe", subscription: JSON.stringify(subscription.toJSON()) },
        { method: "post", action: "/push" },
      );
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
    if (endpoint) fetcher.submit({ intent: "unsubscribe", endpoint }, { method: "post", action: "/push" });
    else setState("disabled");
    setEndpoint(null);
  }

  const message = PUSH_MESSAGES[state];
  const refused = state === "unsupported" || state === "denied" || state === "failed";
  return (
    <div>
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
            {t(enableLabel)}
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
    </div>
  );
}
