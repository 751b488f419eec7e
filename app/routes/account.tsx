// "Mon compte": who is logged in, the devices they are logged in on, and the way to end those
// log-ins (one device, or all of them). Ending a log-in also closes its live sockets
// (app/models/login-session.server.ts).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { MessageKey } from "~/i18n";
import { endUserSession, listLoginSessions } from "~/models/login-session.server";
import { getSessionOfRequest, logout, logoutEverywhere } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";
import { readForm } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/i18n.server";

// The account's own dates: the site's home timezone, as markets default to.
const TIME_ZONE = "Europe/Paris";
// A session row's id: a sha-256 in base64url (app/utils/session.server.ts).
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Chalet" }];

export const headers = () => ({ "Cache-Control": "private, no-store" });

async function requireSession(request: Request) {
  const current = await getSessionOfRequest(request);
  if (!current) throw redirect(`/login?redirectTo=${encodeURIComponent("/account")}`);
  return current;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireSession(request);
  const [{ t, locale }, sessions] = await Promise.all([
    getTranslator(request),
    // Wall-clock time, as session expiry is (getSessionOfRequest).
    listLoginSessions(current.user.id, new Date()),
  ]);
  return {
    title: `${t("accounts.account.title")} · Chalet`,
    user: { name: current.user.name, email: current.user.email },
    sessions: sessions.map((s) => ({
      id: s.id,
      device: s.deviceLabel,
      since: formatDateTime(s.createdAt, TIME_ZONE, locale),
      current: s.id === current.sessionId,
    })),
  };
}

type ActionResult = { status: "ended" | "gone" } | { error: MessageKey };

export async function action({ request }: ActionFunctionArgs) {
  const current = await requireSession(request);
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "logout-everywhere") return logoutEverywhere(request, current.user.id, "/login");
  const sessionId = form.get("sessionId");
  if (intent === "end-session" && typeof sessionId === "string" && SESSION_ID.test(sessionId)) {
    if (sessionId === current.sessionId) return logout(request, "/login");
    const ended = await endUserSession(current.user.id, sessionId);
    return data<ActionResult>({ status: ended ? "ended" : "gone" });
  }
  return data<ActionResult>({ error: "accounts.account.badIntent" }, { status: 400 });
}

const section = "rounded-2xl bg-white p-4 shadow-sm ring-1 ring-bark/10 sm:p-6";

export default function AccountPage() {
  const t = useT();
  const { user, sessions } = useLoaderData<typeof loader>();
  // Remix 2 without single-fetch types does not unwrap `data()`: narrowed here.
  const result = useActionData<typeof action>() as ActionResult | undefined;
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="font-display text-3xl font-bold text-fir-900 sm:text-4xl">{t("accounts.account.title")}</h1>

      <div className={section}>
        <dl className="grid gap-3 sm:grid-cols-[auto_1fr] sm:gap-x-6">
          <dt className="text-sm font-semibold text-bark/80">{t("accounts.account.name")}</dt>
          <dd className="text-lg text-fir-900">{user.name}</dd>
          <dt className="text-sm font-semibold text-bark/80">{t("accounts.account.email")}</dt>
          <dd className="break-all text-lg text-fir-900">{user.email}</dd>
        </dl>
        <p className="mt-4 text-sm text-bark/85">
          {t("accounts.account.password")}{" "}
          <Link to="/forgot-password" className="font-semibold text-fir-700 underline underline-offset-4">
            {t("accounts.account.passwordLink")}
          </Link>
        </p>
      </div>

      <section aria-labelledby="account-sessions" className={section}>
        <h2 id="account-sessions" className="font-display text-2xl font-bold text-fir-900">
          {t("accounts.account.sessions.title")}
        </h2>
        <p className="mt-1 text-bark/85">{t("accounts.account.sessions.intro")}</p>
        <div role="status" className="empty:hidden mt-3 font-semibold text-fir-800">
          {result && "status" in result
            ? t(result.status === "ended" ? "accounts.account.sessions.ended" : "accounts.account.sessions.gone")
            : null}
        </div>
        {result && "error" in result ? (
          <p role="alert" className="mt-3 rounded-lg border border-wine-600 bg-wine-50 px-3 py-2 text-wine-800">
            {t(result.error)}
          </p>
        ) : null}
        <ul className="mt-4 divide-y divide-bark/10">
          {sessions.map((s) => {
            const device = s.device || t("accounts.account.sessions.unknownDevice");
            return (
              <li key={s.id} data-session-row className="flex flex-wrap items-center justify-between gap-3 py-3">
                <div>
                  <p className="font-semibold text-fir-900">
                    {device}
                    {s.current ? (
                      <span className="ml-2 rounded-full bg-gold-300 px-2 py-0.5 text-xs font-semibold text-bark">
                        {t("accounts.account.sessions.thisDevice")}
                      </span>
                    ) : null}
                  </p>
                  <p className="text-sm text-bark/85">{t("accounts.account.sessions.since", { date: s.since })}</p>
                </div>
                {/* Ending this very log-in reloads the page, as the header's log-out does. */}
                <Form method="post" reloadDocument={s.current}>
                  <input type="hidden" name="intent" value="end-session" />
                  <input type="hidden" name="sessionId" value={s.id} />
                  <button
                    type="submit"
                    aria-label={t("accounts.account.sessions.endLabel", { device, date: s.since })}
                    className="inline-flex min-h-11 items-center rounded-full px-4 py-2 font-semibold text-fir-800 ring-1 ring-fir-700/40 hover:bg-fir-50 focus-visible:ring-2"
                  >
                    {t("accounts.account.sessions.end")}
                  </button>
                </Form>
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby="account-everywhere" className={section}>
        <h2 id="account-everywhere" className="font-display text-2xl font-bold text-fir-900">
          {t("accounts.account.everywhere.title")}
        </h2>
        <p className="mt-1 text-bark/85">{t("accounts.account.everywhere.intro")}</p>
        {/* A plain post: the browser follows the redirect to the log-in page with the cookie cleared. */}
        <Form method="post" reloadDocument className="mt-4">
          <input type="hidden" name="intent" value="logout-everywhere" />
          <button
            type="submit"
            className="inline-flex min-h-11 w-full items-center justify-center rounded-full bg-wine-700 px-5 py-2 font-semibold text-snow hover:bg-wine-800 sm:w-auto"
          >
            {t("accounts.account.everywhere.submit")}
          </button>
        </Form>
      </section>
    </div>
  );
}
