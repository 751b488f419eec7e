// Development only, from this machine only: the mail the app "sent", so the demo and the browser tests can follow
// password-reset and invitation links without a mail server.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { formatDateTime } from "~/utils/format";
import { env } from "~/utils/env.server";
import { getTranslator } from "~/utils/i18n.server";
import { listOutbox } from "~/utils/mailer.server";
import { useLocale, useT } from "~/utils/i18n";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? "Outbox"} · Chalet` },
  { name: "robots", content: "noindex" },
];

const LOOPBACK_IPS = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

export async function loader({ request, context }: LoaderFunctionArgs) {
  // Reset and invitation links are secrets: only for someone on this machine, never in production.
  if (env.NODE_ENV === "production" || !LOOPBACK_IPS.has(context.clientIp)) {
    throw new Response("Not found", { status: 404 });
  }
  const to = new URL(request.url).searchParams.get("to")?.trim().toLowerCase() ?? "";
  const emails = await listOutbox(to ? 200 : 50);
  const { t } = await getTranslator(request);
  return {
    title: t("accounts.outbox.title"),
    to,
    emails: emails
      .filter((e) => !to || e.to.toLowerCase() === to)
      .map((e) => ({
        id: e.id,
        to: e.to,
        subject: e.subject,
        text: e.text,
        createdAt: e.createdAt.toISOString(),
        sentAt: e.sentAt?.toISOString() ?? null,
        error: e.error,
      })),
  };
}

const URL_PATTERN = /(https?:\/\/[^\s<>"]+)/g;

/** Plain text with its http(s) links made clickable; everything else stays escaped text. */
function Linkified({ text }: { text: string }) {
  const parts = text.split(URL_PATTERN);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <a key={i} href={part} className="break-all font-semibold text-fir-700 underline underline-offset-2">
            {part}
          </a>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}

export default function Outbox() {
  const { to, emails } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="font-display text-3xl text-fir-800">
        <span aria-hidden="true">📬 </span>
        {t("accounts.outbox.title")}
      </h1>
      <p className="mt-2 text-fir-900">{t("accounts.outbox.intro")}</p>
      <Form method="get" className="mt-4 flex flex-wrap items-end gap-2">
        <label className="flex-1">
          <span className="block font-semibold text-fir-900">{t("accounts.outbox.filter")}</span>
          <input
            type="email"
            name="to"
            defaultValue={to}
            autoComplete="off"
            className="mt-1 block w-full rounded-lg border border-fir-600/40 bg-white px-3 py-2 text-base"
          />
        </label>
        <button type="submit" className="min-h-11 rounded-full bg-fir-700 px-5 py-2 font-semibold text-snow">
          {t("accounts.outbox.filterSubmit")}
        </button>
        {to ? (
          <a href="/dev/outbox" className="min-h-11 px-2 py-2 font-semibold text-fir-700 underline">
            {t("accounts.outbox.showAll")}
          </a>
        ) : null}
      </Form>
      {emails.length === 0 ? (
        <p className="mt-6 text-fir-900">{t("accounts.outbox.empty")}</p>
      ) : (
        <ol className="mt-6 space-y-4">
          {emails.map((email) => (
            <li key={email.id}>
              <article
                aria-labelledby={`mail-${email.id}`}
                className="rounded-xl border border-fir-100 bg-white p-4 shadow-sm"
              >
                <h2 id={`mail-${email.id}`} className="text-lg font-semibold text-fir-900">
                  {email.subject}
                </h2>
                <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-2 text-sm text-fir-900">
                  <dt className="font-semibold">{t("accounts.outbox.to")}</dt>
                  <dd className="break-all">{email.to}</dd>
                  <dt className="font-semibold">{t("accounts.outbox.date")}</dt>
                  <dd>
                    <time dateTime={email.createdAt}>{formatDateTime(email.createdAt, "Europe/Paris", locale)}</time>
                    {" · "}
                    {email.error
                      ? t("accounts.outbox.failed", { error: email.error })
                      : email.sentAt
                        ? t("accounts.outbox.delivered")
                        : t("accounts.outbox.kept")}
                  </dd>
                </dl>
                <p className="mt-3 whitespace-pre-wrap break-words rounded-lg bg-fir-50 p-3 text-sm text-bark">
                  <Linkified text={email.text} />
                </p>
              </article>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
