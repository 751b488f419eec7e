// "Mon compte": who is logged in, the devices they are logged in on, and the way to end those
// log-ins (one device, or all of them). Ending a log-in also closes its live sockets
// (app/models/login-session.server.ts). Then the resident's rights: "Mes données" (the JSON
// download, account_.data[.]json.ts) and "Supprimer mon compte" (app/models/account-data.server.ts).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { PasswordField, useAccountForm } from "~/components/account-form";
import { FormError } from "~/components/forms";
import type { MessageKey } from "~/i18n";
import { deleteAccount } from "~/models/account-data.server";
import { endUserSession, listLoginSessions, type SessionUser } from "~/models/login-session.server";
import { normaliseEmail } from "~/models/user.server";
import { PASSWORD_MAX } from "~/schemas/accounts";
import { DeleteAccountSchema } from "~/schemas/rights";
import { getSessionOfRequest, logout, logoutEverywhere } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";
import { formFailure, readForm, validateForm } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/i18n.server";
import { hitRateLimit, rateLimitedForm, rateLimitWait } from "~/utils/rate-limit.server";

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

/**
 * "Supprimer mon compte": the password again and the box ticked. A wrong password counts as a
 * failed log-in on the account (the same limit), so a stolen session cannot try passwords here
 * faster than at the log-in form. Done: this browser's cookie goes too, and the page says so.
 */
async function deleteOwnAccount(request: Request, current: SessionUser, form: FormData, now: Date) {
  const parsed = validateForm(form, DeleteAccountSchema);
  if (!parsed.ok) return parsed.response;
  const account = normaliseEmail(current.user.email);
  const wait = await rateLimitWait("loginFailuresByAccount", account);
  if (wait !== null) return rateLimitedForm(request, wait);
  const result = await deleteAccount(current.user.id, parsed.value.password, now);
  if (result.ok) return logout(request, "/account/deleted");
  if (result.reason === "wrongPassword") {
    await hitRateLimit("loginFailuresByAccount", account);
    return formFailure({ password: ["rights.delete.wrongPassword"] });
  }
  // Deleted or its password reset meanwhile: this session is over either way.
  if (result.reason === "gone") return logout(request, "/login");
  return formFailure({}, `rights.delete.refused.${result.reason}` satisfies MessageKey, 409);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await requireSession(request);
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "delete-account") return deleteOwnAccount(request, current, form, context.now());
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
  const actionData = useActionData<typeof action>();
  const result = actionData as ActionResult | undefined;
  // The deletion form's answers carry `errors`; the sessions' answers never do.
  const deletion = useAccountForm(DeleteAccountSchema, actionData);
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

      <section aria-labelledby="account-data" className={section}>
        <h2 id="account-data" className="font-display text-2xl font-bold text-fir-900">
          {t("rights.data.title")}
        </h2>
        <p className="mt-1 text-bark/85">{t("rights.data.intro")}</p>
        {/* A file, not a page: the browser downloads it (Content-Disposition), no client routing. */}
        <a
          href="/account/data.json"
          download
          className="mt-4 inline-flex min-h-11 w-full items-center justify-center rounded-full px-5 py-2 font-semibold text-fir-800 ring-1 ring-fir-700/40 hover:bg-fir-50 focus-visible:ring-2 sm:w-auto"
        >
          {t("rights.data.download")}
        </a>
      </section>

      <section aria-labelledby="account-delete" className={`${section} ring-wine-600/30`}>
        <h2 id="account-delete" className="font-display text-2xl font-bold text-wine-800">
          {t("rights.delete.title")}
        </h2>
        <p className="mt-1 text-bark/85">{t("rights.delete.intro")}</p>
        <h3 className="mt-4 font-semibold text-fir-900">{t("rights.delete.deletedTitle")}</h3>
        <ul className="mt-1 list-disc space-y-1 pl-5 text-bark/85">
          <li>{t("rights.delete.deleted.identity")}</li>
          <li>{t("rights.delete.deleted.sessions")}</li>
          <li>{t("rights.delete.deleted.messages")}</li>
          <li>{t("rights.delete.deleted.requests")}</li>
        </ul>
        <h3 className="mt-4 font-semibold text-fir-900">{t("rights.delete.keptTitle")}</h3>
        <p className="mt-1 text-bark/85">{t("rights.delete.kept.orders")}</p>
        <p className="mt-2 text-bark/85">{t("rights.delete.kept.refunds")}</p>
        <Form
          method="post"
          noValidate
          ref={deletion.formRef}
          onSubmit={deletion.onSubmit}
          aria-labelledby="account-delete"
          className="mt-4"
        >
          <FormError error={deletion.formError} />
          <input type="hidden" name="intent" value="delete-account" />
          <PasswordField
            name="password"
            label={t("rights.delete.password")}
            autoComplete="current-password"
            maxLength={PASSWORD_MAX}
            errors={deletion.errors.password}
          />
          <ConfirmBox errors={deletion.errors.confirm} />
          <button
            type="submit"
            className="inline-flex min-h-11 w-full items-center justify-center rounded-full bg-wine-700 px-5 py-2 font-semibold text-snow hover:bg-wine-800 sm:w-auto"
          >
            {t("rights.delete.submit")}
          </button>
        </Form>
      </section>
    </div>
  );
}

/** The "I understand" box, with its error linked and announced like the text fields' ones. */
function ConfirmBox({ errors }: { errors?: string[] }) {
  const t = useT();
  const error = errors?.length ? errors.map((e) => t(e as MessageKey)).join(" ") : null;
  return (
    <div className="mb-4">
      <label className="flex min-h-11 cursor-pointer items-start gap-3 text-fir-900">
        <input
          type="checkbox"
          name="confirm"
          className="mt-1 h-5 w-5 shrink-0 accent-wine-700"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "field-confirm-error" : undefined}
        />
        <span>{t("rights.delete.confirm")}</span>
      </label>
      {error ? (
        <p id="field-confirm-error" className="mt-1 text-sm font-semibold text-wine-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
