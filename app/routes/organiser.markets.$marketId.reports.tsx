// The organisers' reports page: chat messages visitors reported in this market's stall rooms,
// one row per message with every open report on it, and what to do with it: delete the message,
// mute its author in the whole market, or dismiss. Each action then closes the reports.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, type ShouldRevalidateFunction } from "@remix-run/react";
import { FormError } from "~/components/forms";
import { Card, Notice, Pill, buttonDanger, buttonSecondary } from "~/components/organiser/ui";
import type { MessageKey } from "~/i18n";
import { findMarketMessage } from "~/models/chat-console.server";
import {
  ChatForbiddenError,
  ChatNotFoundError,
  deleteChatMessage,
  listChatReports,
  muteChatAuthor,
  resolveChatReports,
} from "~/models/chat-moderation.server";
import { getMarketForOrganiser } from "~/models/market.server";
import { MUTE_DURATIONS, reportActionSchema, type ReportAction } from "~/schemas/chat-reports";
import { requireMarketModerator } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";
import { formFailure, readForm, validateForm, type FormErrors } from "~/utils/forms.server";
import { useLocale, useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Chalet" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireMarketModerator(request, params.marketId!);
  const market = await getMarketForOrganiser(params.marketId!);
  if (!market) throw new Response("Not found", { status: 404 });
  const [rows, { t }] = await Promise.all([listChatReports(market.id, context.now()), getTranslator(request)]);
  return {
    title: `${t("organiser.reports.title")} · ${market.name} · Chalet`,
    timezone: market.timezone,
    rows: rows.map((row) => ({
      messageId: row.messageId,
      body: row.body,
      deleted: row.deleted,
      createdAt: row.createdAt.toISOString(),
      author: { name: row.author.name, mutedUntil: row.author.mutedUntil?.toISOString() ?? null },
      stall: { name: row.stall.name },
      reports: row.reports.map((r) => ({
        id: r.id,
        reason: r.reason,
        createdAt: r.createdAt.toISOString(),
        reporter: r.reporter.name,
      })),
    })),
  };
}

const FORBIDDEN_MESSAGES: Record<ChatForbiddenError["reason"], MessageKey> = {
  self: "organiser.reports.forbiddenSelf",
  organiser: "organiser.reports.forbiddenOrganiser",
  notModerator: "organiser.reports.forbidden",
  notOwner: "organiser.reports.forbidden",
  // Organisers may mute merchants: only a merchant moderating their room meets this one.
  merchant: "organiser.reports.forbidden",
};

type Done = { ok: true; intent: ReportAction["intent"]; name: string; until: string | null };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const marketId = params.marketId!;
  const user = await requireMarketModerator(request, marketId);
  const parsed = validateForm(await readForm(request), reportActionSchema);
  if (!parsed.ok) return parsed.response;
  const form = parsed.value;
  const now = context.now();
  // Scoped by this market: a message of another market, even one this organiser also runs, is
  // "not found" here and nothing changes.
  const message = await findMarketMessage(marketId, form.messageId);
  if (!message) return formFailure({}, "organiser.reports.notFound", 404);
  // The page was stale: another organiser acted first, or the same form was sent twice.
  if (message.openReports === 0) return formFailure({}, "organiser.reports.alreadyHandled", 409);
  let until: string | null = null;
  try {
    if (form.intent === "delete" && !message.deleted) await deleteChatMessage(user, message.id, now);
    if (form.intent === "mute") until = (await muteChatAuthor(user, message.id, form.minutes, now)).until.toISOString();
    await resolveChatReports(user, marketId, message.id, now);
  } catch (error) {
    if (error instanceof ChatNotFoundError) return formFailure({}, "organiser.reports.notFound", 404);
    if (error instanceof ChatForbiddenError) return formFailure({}, FORBIDDEN_MESSAGES[error.reason], 403);
    throw error;
  }
  return data<Done>({ ok: true, intent: form.intent, name: message.authorName, until });
}

/** A refusal because the page was stale (409) or the message is gone (404): show the list as it is now. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 || actionStatus === 404 || defaultShouldRevalidate;

type Row = Awaited<ReturnType<typeof loader>>["rows"][number];

export default function MarketReports() {
  const { rows, timezone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as FormErrors | Done | undefined;
  const t = useT();
  const locale = useLocale();
  const when = (iso: string) => formatDateTime(iso, timezone, locale);
  const done = actionData && "ok" in actionData ? actionData : null;
  const failure = actionData && "errors" in actionData ? actionData : null;
  return (
    <section aria-labelledby="reports-title">
      <h2 id="reports-title" className="font-display text-2xl text-fir-900">
        {t("organiser.reports.title")}
      </h2>
      <p className="mt-1 mb-4 text-fir-900">{t("organiser.reports.intro")}</p>
      <div aria-live="polite">
        {done?.intent === "delete" ? <Notice>{t("organiser.reports.deletedDone")}</Notice> : null}
        {done?.intent === "mute" && done.until ? (
          <Notice>{t("organiser.reports.mutedDone", { name: done.name, when: when(done.until) })}</Notice>
        ) : null}
        {done?.intent === "dismiss" ? <Notice>{t("organiser.reports.dismissedDone")}</Notice> : null}
        {failure ? <FormError error={Object.values(failure.errors)[0]?.[0] ?? failure.formError} /> : null}
      </div>
      {rows.length === 0 ? (
        <p className="rounded-lg bg-fir-50 px-4 py-3 text-fir-900">{t("organiser.reports.none")}</p>
      ) : (
        <ul className="grid gap-4 lg:grid-cols-2">
          {rows.map((row) => (
            <li key={row.messageId}>
              <ReportCard row={row} when={when} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ReportCard({ row, when }: { row: Row; when: (iso: string) => string }) {
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const heading = `report-${row.messageId}`;
  const reportsHeading = `report-${row.messageId}-list`;
  return (
    <Card className="h-full">
      <article aria-labelledby={heading} data-message-id={row.messageId}>
        <div className="flex flex-wrap items-center gap-2">
          <h3 id={heading} className="text-lg font-semibold break-words text-fir-900">
            {t("organiser.reports.message", { name: row.author.name })}
          </h3>
          {row.deleted ? <Pill tone="gray">{t("organiser.reports.deleted")}</Pill> : null}
          {row.author.mutedUntil ? (
            <Pill tone="wine">{t("organiser.reports.mutedUntil", { when: when(row.author.mutedUntil) })}</Pill>
          ) : null}
        </div>
        <p className="text-sm text-fir-900">
          {t("organiser.reports.where", { stall: row.stall.name, when: when(row.createdAt) })}
        </p>
        {/* Plain text, as typed: React escapes it and nothing turns addresses into links. */}
        <blockquote
          className={`mt-3 rounded-lg border-l-4 px-3 py-2 break-words whitespace-pre-wrap ${
            row.deleted ? "border-gray-400 bg-gray-100 text-gray-800" : "border-wine-600 bg-wine-50 text-bark"
          }`}
        >
          {row.body}
        </blockquote>
        <h4 id={reportsHeading} className="mt-3 font-semibold text-fir-900">
          {row.reports.length === 1
            ? t("organiser.reports.reportsTitleOne")
            : t("organiser.reports.reportsTitle", { n: row.reports.length })}
        </h4>
        <ul aria-labelledby={reportsHeading} className="mt-1 space-y-1 text-sm text-bark">
          {row.reports.map((report) => (
            <li key={report.id} className="break-words">
              <span className="font-semibold">{report.reason || t("organiser.reports.noReason")}</span>
              {" · "}
              {t("organiser.reports.reportBy", { name: report.reporter, when: when(report.createdAt) })}
            </li>
          ))}
        </ul>
        <div
          role="group"
          aria-label={t("organiser.reports.actionsFor", { name: row.author.name })}
          className="mt-4 flex flex-wrap items-end gap-3 border-t border-fir-100 pt-4"
        >
          {row.deleted ? null : (
            <Form method="post">
              <input type="hidden" name="messageId" value={row.messageId} />
              <button type="submit" name="intent" value="delete" aria-busy={busy || undefined} className={buttonDanger}>
                {t("organiser.reports.delete")}
              </button>
            </Form>
          )}
          <Form method="post" className="flex flex-wrap items-end gap-2">
            <input type="hidden" name="messageId" value={row.messageId} />
            <div>
              <label htmlFor={`mute-${row.messageId}`} className="block text-sm font-semibold text-fir-900">
                {t("organiser.reports.muteFor")}
              </label>
              <select
                id={`mute-${row.messageId}`}
                name="minutes"
                defaultValue={60}
                className="mt-1 block min-h-11 rounded-lg border border-fir-600/40 bg-white px-3 py-2 text-bark"
              >
                {MUTE_DURATIONS.map((minutes) => (
                  <option key={minutes} value={minutes}>
                    {t(`organiser.reports.duration.${minutes}` as MessageKey)}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" name="intent" value="mute" aria-busy={busy || undefined} className={buttonSecondary}>
              {t("organiser.reports.mute")}
            </button>
          </Form>
          <Form method="post">
            <input type="hidden" name="messageId" value={row.messageId} />
            <button
              type="submit"
              name="intent"
              value="dismiss"
              aria-busy={busy || undefined}
              className="inline-flex min-h-11 items-center justify-center rounded-full px-4 py-2 font-semibold text-fir-800 underline underline-offset-4 hover:bg-fir-50"
            >
              {t("organiser.reports.dismiss")}
            </button>
          </Form>
        </div>
      </article>
    </Card>
  );
}
