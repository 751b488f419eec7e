// The organiser's live controls: the market's state now, "open now", "close now" (with a reason
// shown to visitors) and "extend", then the history of overrides and announced transitions.
// The overrides are intervals that computeMarketStatus applies (market-schedule.server.ts); the
// scheduler notices the write and announces the change on the market's sockets.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, type ShouldRevalidateFunction } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { FormError, SubmitButton, TextField } from "~/components/forms";
import { Card, Notice, Pill } from "~/components/organiser/ui";
import type { MessageKey } from "~/i18n";
import { useRevalidateAt } from "~/components/use-revalidate-at";
import { getMarketForOrganiser } from "~/models/market.server";
import {
  closeNow,
  extendOpening,
  getMarketOpenness,
  getScheduledClosing,
  listScheduleHistory,
  openNow,
  type OverrideResult,
} from "~/models/market-schedule.server";
import {
  CLOSE_REASON,
  closeNowSchema,
  EXTEND_MINUTES,
  extendSchema,
  OPEN_MINUTES,
  openNowSchema,
  openUntilSchema,
} from "~/schemas/overrides";
import { marketView, useMarketLive } from "~/realtime/use-market-live";
import { requireMarketOrganiser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";
import { formFailure, readForm, validateForm, type FormErrors } from "~/utils/forms.server";
import { useLocale, useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Chalet" }];

type OverrideKind = "open" | "close" | "extend";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireMarketOrganiser(request, params.marketId!);
  const market = await getMarketForOrganiser(params.marketId!);
  if (!market) throw new Response("Not found", { status: 404 });
  const now = context.now();
  const [status, history, scheduledClose] = await Promise.all([
    getMarketOpenness(market.id, now),
    listScheduleHistory(market.id),
    getScheduledClosing(market.id, now),
  ]);
  if (!status) throw new Response("Not found", { status: 404 });
  const { t } = await getTranslator(request);
  return {
    title: `${t("organiser.live.title")} · ${market.name} · Chalet`,
    marketId: market.id,
    serverNow: now.toISOString(),
    timezone: market.timezone,
    published: status.published,
    // The schedule's answer, published or not: the controls act on it either way.
    state: {
      open: status.current !== null,
      until: status.current?.endsAt ?? null,
      next: status.next?.startsAt ?? null,
      closure: status.closure,
    },
    /** What "open now" offers besides minutes: the sessions' next closing today, if any. */
    scheduledClose: scheduledClose?.toISOString() ?? null,
    overrides: history.overrides.map((o) => ({
      id: o.id,
      // An extension starts where the opening it extends ended, after it was asked for.
      kind: (o.kind === "CLOSE" ? "close" : o.startsAt > o.createdAt ? "extend" : "open") as OverrideKind,
      startsAt: o.startsAt.toISOString(),
      endsAt: o.endsAt.toISOString(),
      createdAt: o.createdAt.toISOString(),
      reason: o.reason,
      by: o.createdBy?.name ?? null,
    })),
    transitions: history.transitions.map((tr) => ({
      id: tr.id,
      open: tr.open,
      at: tr.at.toISOString(),
      announcedAt: tr.announcedAt.toISOString(),
      cause: tr.cause,
    })),
  };
}

type ActionResult = { ok: true; kind: OverrideKind; until: string | null; reason: string };

/** A refusal tagged with the form it answers, so the page shows it next to that form. */
function refuse(intent: OverrideKind | null, failure: ReturnType<typeof formFailure>) {
  return data({ ...failure.data, intent }, failure.init ?? undefined);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const marketId = params.marketId!;
  const user = await requireMarketOrganiser(request, marketId);
  const market = await getMarketForOrganiser(marketId);
  if (!market) throw new Response("Not found", { status: 404 });
  const form = await readForm(request);
  const now = context.now();

  // The model refuses what no longer makes sense (the page was stale, or another organiser
  // acted first): 409, nothing written, and the page reloads the state.
  const answer = (kind: OverrideKind, result: OverrideResult, reason = "") =>
    result.ok
      ? data<ActionResult>({ ok: true, kind, until: result.status.current?.endsAt ?? null, reason })
      : refuse(kind, formFailure({}, `organiser.live.${result.reason}`, 409));

  switch (form.get("intent")) {
    case "open": {
      const until = validateForm(form, openUntilSchema);
      if (!until.ok) return refuse("open", until.response);
      if (until.value.until === "scheduled") return answer("open", await openNow(marketId, user.id, now, "scheduled"));
      const parsed = validateForm(form, openNowSchema);
      if (!parsed.ok) return refuse("open", parsed.response);
      return answer("open", await openNow(marketId, user.id, now, parsed.value.minutes));
    }
    case "close": {
      const parsed = validateForm(form, closeNowSchema);
      if (!parsed.ok) return refuse("close", parsed.response);
      const { reason } = parsed.value;
      return answer("close", await closeNow(marketId, user.id, now, reason), reason);
    }
    case "extend": {
      const parsed = validateForm(form, extendSchema);
      if (!parsed.ok) return refuse("extend", parsed.response);
      return answer("extend", await extendOpening(marketId, user.id, now, parsed.value.minutes));
    }
    default:
      return refuse(null, formFailure({}, "form.invalidChoice"));
  }
}

/** A refused override (409) means the page showed a stale state: reload it. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 || defaultShouldRevalidate;

export default function MarketLive() {
  const { marketId, serverNow, timezone, published, state, scheduledClose, overrides, transitions } =
    useLoaderData<typeof loader>();
  // Another organiser's action or the schedule itself changes the state while the page is open.
  useRevalidateAt([state.open ? state.until : state.next], serverNow);
  const nextTransitionAt = state.open ? state.until : state.next;
  useMarketLive(
    published ? [marketView(marketId, { open: state.open, nextTransitionAt, closure: state.closure })] : [],
  );
  const actionData = useActionData<typeof action>() as
    (FormErrors & { intent: OverrideKind | null }) | ActionResult | undefined;
  const t = useT();
  const locale = useLocale();
  const extendRef = useRef<HTMLFormElement>(null);
  const busy = useNavigation().state === "submitting";
  const when = (iso: string) => formatDateTime(iso, timezone, locale);

  const result = actionData && "ok" in actionData ? actionData : null;
  const failure = actionData && "errors" in actionData ? actionData : null;
  // Only the forms that make sense now are shown; a refusal for another one is shown on top.
  const shown: OverrideKind[] = state.open ? ["close", "extend"] : ["open"];
  const failedHere = failure?.intent && shown.includes(failure.intent) ? failure.intent : null;
  const errorsOf = (kind: OverrideKind) => (failure && failedHere === kind ? failure.errors : {});
  const formErrorOf = (kind: OverrideKind) => (failedHere === kind ? <FormError error={failure?.formError} /> : null);

  useEffect(() => {
    if (result?.kind === "extend") extendRef.current?.reset();
  }, [result]);

  return (
    <div>
      <section aria-labelledby="live-title">
        <h2 id="live-title" className="font-display text-2xl text-fir-900">
          {t("organiser.live.title")}
        </h2>
        <p className="mt-1 mb-4 text-sm text-fir-900">
          {t("organiser.live.intro")} {t("organiser.live.timezoneNote", { zone: timezone })}
        </p>
        <div aria-live="polite">
          {result?.kind === "open" && result.until ? (
            <Notice>{t("organiser.live.openDone", { when: when(result.until) })}</Notice>
          ) : null}
          {result?.kind === "close" ? (
            <Notice>{t("organiser.live.closeDone", { reason: result.reason })}</Notice>
          ) : null}
          {result?.kind === "extend" && result.until ? (
            <Notice>{t("organiser.live.extendDone", { when: when(result.until) })}</Notice>
          ) : null}
          {failure && !failedHere ? (
            // Its form is not on the page (the state changed): name the field's problem here.
            <FormError error={Object.values(failure.errors)[0]?.[0] ?? failure.formError} />
          ) : null}
        </div>

        <Card className="mb-6">
          <div role="group" aria-label={t("organiser.live.statusLabel")} data-testid="live-state">
            <p className="flex flex-wrap items-center gap-2">
              <span
                className={`inline-block rounded-full px-3 py-1 font-semibold ${
                  state.open ? "bg-fir-700 text-snow" : "bg-wine-700 text-snow"
                }`}
              >
                {state.open ? t("organiser.live.open") : t("organiser.live.closed")}
              </span>
              {state.open && state.until ? (
                <span className="font-semibold text-fir-900">
                  {t("organiser.live.openUntil", { when: when(state.until) })}
                </span>
              ) : null}
            </p>
            {!state.open && state.closure ? (
              <p className="mt-2 text-bark">
                {t("organiser.live.closedByOrganiser", {
                  when: when(state.closure.since),
                  reason: state.closure.reason,
                })}
              </p>
            ) : null}
            {!state.open ? (
              <p className="mt-2 text-fir-900">
                {state.next
                  ? t("organiser.live.nextOpening", { when: when(state.next) })
                  : t("organiser.live.noNextOpening")}
              </p>
            ) : null}
          </div>
          {!published ? (
            <p className="mt-3 rounded-lg border border-gold-600 bg-gold-100 px-3 py-2 text-sm font-semibold text-bark">
              {t("organiser.live.notPublished")}
            </p>
          ) : null}
        </Card>

        <div className="grid gap-4 md:grid-cols-2">
          {state.open ? (
            <>
              <Card>
                <h3 className="font-display text-xl text-fir-900">{t("organiser.live.closeTitle")}</h3>
                <Form method="post" noValidate className="mt-3">
                  <input type="hidden" name="intent" value="close" />
                  {formErrorOf("close")}
                  <TextField
                    id="close-reason"
                    name="reason"
                    label={t("organiser.live.closeReason")}
                    hint={t("organiser.live.closeReasonHint")}
                    required
                    minLength={CLOSE_REASON.min}
                    maxLength={CLOSE_REASON.max}
                    autoComplete="off"
                    errors={errorsOf("close").reason}
                  />
                  <button
                    type="submit"
                    aria-busy={busy || undefined}
                    className="inline-flex min-h-11 w-full items-center justify-center rounded-full bg-wine-700 px-5 py-2 font-semibold text-snow hover:bg-wine-800"
                  >
                    {t("organiser.live.closeSubmit")}
                  </button>
                </Form>
              </Card>
              <MinutesForm
                intent="extend"
                formRef={extendRef}
                title={t("organiser.live.extendTitle")}
                label={t("organiser.live.extendMinutes")}
                hint={t("organiser.live.extendMinutesHint")}
                submit={t("organiser.live.extendSubmit")}
                limits={EXTEND_MINUTES}
                formError={formErrorOf("extend")}
                errors={errorsOf("extend").minutes}
              />
            </>
          ) : (
            <MinutesForm
              intent="open"
              title={t("organiser.live.openTitle")}
              label={t("organiser.live.openMinutes")}
              hint={t("organiser.live.openMinutesHint")}
              submit={t("organiser.live.openSubmit")}
              limits={OPEN_MINUTES}
              formError={formErrorOf("open")}
              errors={errorsOf("open").minutes}
              scheduledClose={scheduledClose ? { label: when(scheduledClose) } : "none"}
            />
          )}
        </div>
      </section>

      <section aria-labelledby="history-title" className="mt-10">
        <h2 id="history-title" className="font-display text-2xl text-fir-900">
          {t("organiser.live.historyTitle")}
        </h2>
        <div className="mt-4 grid gap-6 lg:grid-cols-2">
          <HistoryList
            id="overrides-title"
            title={t("organiser.live.overridesTitle")}
            empty={t("organiser.live.overridesEmpty")}
          >
            {overrides.map((o) => (
              <li key={o.id} className="px-4 py-3 text-bark" data-kind={o.kind}>
                <p className="font-semibold text-fir-900">{t(`organiser.live.override.${o.kind}` as MessageKey)}</p>
                <p className="text-sm">
                  {t("organiser.live.override.when", {
                    when: when(o.createdAt),
                    by: o.by ?? t("organiser.live.deletedUser"),
                  })}
                </p>
                <p className="text-sm">
                  {t("organiser.live.override.span", { from: when(o.startsAt), to: when(o.endsAt) })}
                </p>
                {o.reason ? (
                  <p className="mt-1 text-sm break-words">
                    {t("organiser.live.override.reason", { reason: o.reason })}
                  </p>
                ) : null}
              </li>
            ))}
          </HistoryList>
          <HistoryList
            id="transitions-title"
            title={t("organiser.live.transitionsTitle")}
            empty={t("organiser.live.transitionsEmpty")}
          >
            {transitions.map((tr) => (
              <li key={tr.id} className="px-4 py-3 text-bark" data-cause={tr.cause}>
                <p className="flex flex-wrap items-center gap-2 font-semibold text-fir-900">
                  <span>{t(tr.open ? "organiser.live.transition.opened" : "organiser.live.transition.closed")}</span>
                  <Pill tone={tr.cause === "OVERRIDE" ? "gold" : "gray"}>
                    {t(`organiser.live.cause.${tr.cause}` as MessageKey)}
                  </Pill>
                </p>
                <p className="text-sm">
                  {t("organiser.live.transition.detail", { at: when(tr.at), announced: when(tr.announcedAt) })}
                </p>
              </li>
            ))}
          </HistoryList>
        </div>
      </section>
    </div>
  );
}

/** A titled list of the history, or a line saying it is empty. */
function HistoryList({
  id,
  title,
  empty,
  children,
}: {
  id: string;
  title: string;
  empty: string;
  children: React.ReactNode[];
}) {
  return (
    <div>
      <h3 id={id} className="mb-2 text-lg font-semibold text-fir-900">
        {title}
      </h3>
      {children.length === 0 ? (
        <p className="text-fir-900">{empty}</p>
      ) : (
        <ol aria-labelledby={id} className="divide-y divide-fir-100 rounded-2xl border border-fir-100 bg-white">
          {children}
        </ol>
      )}
    </div>
  );
}

/**
 * "Open now" and "extend": a number of minutes, within limits, and a submit button. "Open now"
 * also offers "until the scheduled closing" (`scheduledClose`), or says there is none today.
 */
function MinutesForm(props: {
  intent: "open" | "extend";
  title: string;
  label: string;
  hint: string;
  submit: string;
  limits: { min: number; max: number; default: number };
  formError: React.ReactNode;
  errors?: string[];
  formRef?: React.Ref<HTMLFormElement>;
  scheduledClose?: { label: string } | "none";
}) {
  const t = useT();
  const scheduled = typeof props.scheduledClose === "object" ? props.scheduledClose : null;
  // With a scheduled closing, it is the first choice; minutes are the other (and any refusal of them).
  const [until, setUntil] = useState<"scheduled" | "minutes">(scheduled && !props.errors ? "scheduled" : "minutes");
  const minutesField = (
    <TextField
      id={`${props.intent}-minutes`}
      name="minutes"
      type="number"
      inputMode="numeric"
      min={props.limits.min}
      max={props.limits.max}
      step={5}
      defaultValue={props.limits.default}
      required={!scheduled || until === "minutes"}
      label={props.label}
      hint={props.hint}
      errors={props.errors}
      onFocus={() => setUntil("minutes")}
    />
  );
  return (
    <Card>
      <h3 className="font-display text-xl text-fir-900">{props.title}</h3>
      <Form method="post" noValidate className="mt-3" ref={props.formRef}>
        <input type="hidden" name="intent" value={props.intent} />
        {props.formError}
        {scheduled ? (
          <fieldset className="mb-4">
            <legend className="mb-2 font-semibold text-fir-900">{t("console.open.howLong")}</legend>
            <label className="flex min-h-11 items-center gap-3 text-fir-900">
              <input
                type="radio"
                name="until"
                value="scheduled"
                checked={until === "scheduled"}
                onChange={() => setUntil("scheduled")}
                className="size-5 accent-fir-700"
              />
              {t("console.open.untilScheduled", { when: scheduled.label })}
            </label>
            <label className="flex min-h-11 items-center gap-3 text-fir-900">
              <input
                type="radio"
                name="until"
                value="minutes"
                checked={until === "minutes"}
                onChange={() => setUntil("minutes")}
                className="size-5 accent-fir-700"
              />
              {t("console.open.forMinutes")}
            </label>
          </fieldset>
        ) : null}
        {props.scheduledClose === "none" ? (
          <p className="mb-3 text-sm text-fir-900">{t("console.open.noScheduledClose")}</p>
        ) : null}
        {minutesField}
        <SubmitButton className="w-full">{props.submit}</SubmitButton>
      </Form>
    </Card>
  );
}
