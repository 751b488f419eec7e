import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { FormError, SelectField, SubmitButton, TextField } from "~/components/forms";
import { SessionRow } from "~/components/organiser/session-row";
import { CheckboxField, FoldingCard, Notice } from "~/components/organiser/ui";
import { plural, type MessageKey } from "~/i18n";
import { getMarketForOrganiser } from "~/models/market.server";
import { addSessions, cancelSession, listMarketSessions } from "~/models/market-session.server";
import { expandDailySlot, planSingleSession, ScheduleError, scheduleErrorText } from "~/models/schedule";
import { DateListField } from "~/components/organiser/date-list-field";
import { cancelSessionSchema, parseDateList, recurringSessionSchema, singleSessionSchema } from "~/schemas/organiser";
import { requireMarketOrganiser } from "~/utils/auth.server";
import { formatDateTime, formatDayInText } from "~/utils/format";
import { formFailure, validateForm, type FormErrors, readForm } from "~/utils/forms.server";
import { useLocale, useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Chalet" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireMarketOrganiser(request, params.marketId!);
  const market = await getMarketForOrganiser(params.marketId!);
  if (!market) throw new Response("Not found", { status: 404 });
  const sessions = await listMarketSessions(market.id);
  const { t } = await getTranslator(request);
  return {
    title: `${t("organiser.sessions.title")} · ${market.name} · Chalet`,
    timezone: market.timezone,
    now: context.now().toISOString(),
    sessions: sessions.map((s) => ({
      id: s.id,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      cancelled: s.cancelledAt !== null,
      overlaps: s.overlaps,
    })),
  };
}

type ActionResult =
  | { ok: true; kind: "single"; startsAt: string; overlapCount: number }
  | { ok: true; kind: "recurring"; count: number; from: string; to: string; overlapCount: number }
  | { ok: true; kind: "cancel"; startsAt: string };

type Intent = "single" | "recurring" | "cancel";

/** A refusal tagged with the form it answers, so the page shows it next to that form. */
function refuse(intent: Intent | null, failure: ReturnType<typeof formFailure>) {
  return data({ ...failure.data, intent }, failure.init ?? undefined);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const marketId = params.marketId!;
  await requireMarketOrganiser(request, marketId);
  const market = await getMarketForOrganiser(marketId);
  if (!market) throw new Response("Not found", { status: 404 });
  const form = await readForm(request);
  const { t, locale } = await getTranslator(request);

  // A refused schedule names its field and, for DST and end-before-start, the date concerned.
  const scheduleFailure = (intent: Intent, error: ScheduleError) => {
    // The full message is the form's alert; the field only points to it, so it is not read twice.
    const message = scheduleErrorText(error, t, locale, market.timezone, context.now());
    return refuse(intent, formFailure({ [error.field]: [t("organiser.schedule.seeAbove")] }, message));
  };

  switch (form.get("intent")) {
    case "single": {
      const parsed = validateForm(form, singleSessionSchema);
      if (!parsed.ok) return refuse("single", parsed.response);
      try {
        const planned = planSingleSession(parsed.value, market.timezone);
        const { overlapCount } = await addSessions(marketId, [planned]);
        return data<ActionResult>({ ok: true, kind: "single", startsAt: planned.startsAt.toISOString(), overlapCount });
      } catch (error) {
        if (error instanceof ScheduleError) return scheduleFailure("single", error);
        throw error;
      }
    }
    case "recurring": {
      const parsed = validateForm(form, recurringSessionSchema);
      if (!parsed.ok) return refuse("recurring", parsed.response);
      const skip = parseDateList(parsed.value.skipDates);
      if (skip.invalid) {
        const message = t("organiser.recurring.invalidSkipDates", { value: skip.invalid });
        return refuse("recurring", formFailure({ skipDates: [message] }, message));
      }
      try {
        const planned = expandDailySlot({ ...parsed.value, skipDates: skip.dates }, market.timezone);
        // One transaction for the whole rule: a failure leaves no session of it behind.
        const { created, overlapCount } = await addSessions(marketId, planned);
        return data<ActionResult>({
          ok: true,
          kind: "recurring",
          count: created,
          from: planned[0]!.startsAt.toISOString(),
          to: planned.at(-1)!.startsAt.toISOString(),
          overlapCount,
        });
      } catch (error) {
        if (error instanceof ScheduleError) return scheduleFailure("recurring", error);
        throw error;
      }
    }
    case "cancel": {
      const parsed = validateForm(form, cancelSessionSchema);
      if (!parsed.ok) return refuse("cancel", parsed.response);
      const result = await cancelSession(marketId, parsed.value.sessionId, context.now());
      if (!result.ok) {
        return refuse(
          "cancel",
          result.reason === "notFound"
            ? formFailure({}, "organiser.sessions.notFound", 404)
            : formFailure({}, "organiser.sessions.alreadyCancelled", 409),
        );
      }
      return data<ActionResult>({ ok: true, kind: "cancel", startsAt: result.startsAt.toISOString() });
    }
    default:
      return refuse(null, formFailure({}, "form.invalidChoice"));
  }
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

export default function MarketSessions() {
  const { sessions, timezone, now } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as
    (FormErrors & { intent: Intent | null }) | ActionResult | undefined;
  const [params] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  const singleRef = useRef<HTMLFormElement>(null);
  const recurringRef = useRef<HTMLFormElement>(null);

  const result = actionData && "ok" in actionData ? actionData : null;
  const failure = actionData && "errors" in actionData ? actionData : null;
  const failedIntent = failure?.intent ?? null;
  // Field errors go to the form the refusal answers; the other form shows none.
  const errorsOf = (intent: Intent) => (failure && failedIntent === intent ? failure.errors : {});
  const singleErrors = errorsOf("single");
  const recurringErrors = errorsOf("recurring");

  useEffect(() => {
    if (result?.kind === "single") singleRef.current?.reset();
    if (result?.kind === "recurring") recurringRef.current?.reset();
  }, [result]);

  const when = (iso: string) => formatDateTime(iso, timezone, locale);
  const day = (iso: string) => formatDayInText(iso, timezone, locale, new Date(now));

  return (
    <div>
      <h2 className="font-display text-2xl text-fir-900">{t("organiser.sessions.title")}</h2>
      <p className="mt-1 mb-4 text-sm text-fir-900">{t("organiser.sessions.timezoneNote", { zone: timezone })}</p>
      <div aria-live="polite">
        {params.get("created") && !actionData ? <Notice>{t("organiser.market.created")}</Notice> : null}
        {result?.kind === "single" ? (
          <Notice>{t("organiser.single.added", { when: when(result.startsAt) })}</Notice>
        ) : null}
        {result?.kind === "recurring" ? (
          <Notice>
            {plural(t, "organiser.recurring.added", result.count, { from: day(result.from), to: day(result.to) })}
          </Notice>
        ) : null}
        {result && "overlapCount" in result && result.overlapCount > 0 ? (
          <Notice tone="warning">{t("organiser.recurring.overlapWarning", { count: result.overlapCount })}</Notice>
        ) : null}
        {result?.kind === "cancel" ? (
          <Notice>{t("organiser.sessions.cancelledDone", { when: when(result.startsAt) })}</Notice>
        ) : null}
        {failure && (failedIntent === "cancel" || failedIntent === null) ? (
          <FormError error={failure.formError} />
        ) : null}
      </div>
      {/* Forms come first in the page (phones: add, then scroll the list); side by side on wide screens. */}
      <div className="grid gap-6 lg:grid-cols-[1fr_24rem] lg:gap-8">
        <div className="space-y-4 lg:col-start-2 lg:row-start-1">
          <FoldingCard title={t("organiser.single.title")} open={failedIntent === "single"}>
            <Form method="post" noValidate ref={singleRef}>
              <input type="hidden" name="intent" value="single" />
              {failedIntent === "single" ? <FormError error={failure?.formError} /> : null}
              <TextField
                id="single-date"
                name="date"
                type="date"
                label={t("organiser.single.date")}
                required
                errors={singleErrors.date}
              />
              <div className="grid grid-cols-2 gap-3">
                <TimeRangeFields idPrefix="single" errors={singleErrors} />
              </div>
              <CheckboxField name="endsNextDay" label={t("organiser.single.endsNextDay")} />
              <SubmitButton className="mt-2 w-full">{t("organiser.single.submit")}</SubmitButton>
            </Form>
          </FoldingCard>

          <FoldingCard
            title={t("organiser.recurring.title")}
            open={failedIntent === "recurring" || sessions.length === 0}
          >
            <p className="mb-3 text-sm text-fir-900">{t("organiser.recurring.intro")}</p>
            <Form method="post" noValidate ref={recurringRef}>
              <input type="hidden" name="intent" value="recurring" />
              {failedIntent === "recurring" ? <FormError error={failure?.formError} /> : null}
              <div className="grid grid-cols-2 gap-3">
                <TextField
                  id="recurring-from"
                  name="fromDate"
                  type="date"
                  label={t("organiser.recurring.fromDate")}
                  required
                  errors={recurringErrors.fromDate}
                />
                <TextField
                  id="recurring-to"
                  name="toDate"
                  type="date"
                  label={t("organiser.recurring.toDate")}
                  required
                  errors={recurringErrors.toDate}
                />
                <TimeRangeFields idPrefix="recurring" errors={recurringErrors} />
              </div>
              <CheckboxField name="endsNextDay" label={t("organiser.single.endsNextDay")} />
              <fieldset className="mt-3">
                <legend className="font-semibold text-fir-900">{t("organiser.recurring.closedOn")}</legend>
                <div className="grid grid-cols-2 gap-x-3">
                  {WEEKDAYS.map((d) => (
                    <CheckboxField
                      key={d}
                      name="skipWeekdays"
                      value={String(d)}
                      label={t(`organiser.weekday.${d}` as MessageKey)}
                    />
                  ))}
                </div>
              </fieldset>
              <div className="mt-3">
                <DateListField
                  name="skipDates"
                  label={t("organiser.recurring.skipDates")}
                  hint={t("console.dates.hint")}
                  errors={recurringErrors.skipDates}
                />
              </div>
              <fieldset>
                <legend className="font-semibold text-fir-900">{t("organiser.recurring.late")}</legend>
                <div className="mt-1 grid grid-cols-2 gap-3">
                  <SelectField
                    id="recurring-late-day"
                    name="lateWeekday"
                    label={t("organiser.recurring.lateWeekday")}
                    defaultValue=""
                    errors={recurringErrors.lateWeekday}
                  >
                    <option value="">{t("organiser.recurring.lateNone")}</option>
                    {WEEKDAYS.map((d) => (
                      <option key={d} value={d}>
                        {t(`organiser.weekday.${d}` as MessageKey)}
                      </option>
                    ))}
                  </SelectField>
                  <TextField
                    id="recurring-late-end"
                    name="lateEndTime"
                    type="time"
                    label={t("organiser.recurring.lateEndTime")}
                    errors={recurringErrors.lateEndTime}
                  />
                </div>
              </fieldset>
              <SubmitButton className="mt-2 w-full">{t("organiser.recurring.submit")}</SubmitButton>
            </Form>
          </FoldingCard>
        </div>
        <section aria-label={t("organiser.sessions.listLabel")} className="lg:col-start-1 lg:row-start-1">
          {sessions.length === 0 ? (
            <p className="mt-4 text-fir-900">{t("organiser.sessions.empty")}</p>
          ) : (
            <ol
              aria-label={t("organiser.sessions.listLabel")}
              className="divide-y divide-fir-100 rounded-2xl border border-fir-100 bg-white"
            >
              {sessions.map((s) => (
                <SessionRow key={s.id} session={s} timezone={timezone} now={now} />
              ))}
            </ol>
          )}
          <p className="mt-4 text-sm text-fir-900">{t("organiser.sessions.overlapPolicy")}</p>
          <p className="mt-2 text-sm text-fir-900">{t("organiser.sessions.dstPolicy")}</p>
        </section>
      </div>
    </div>
  );
}

/** A session's opening and closing time, 10:00 to 19:00 unless changed. */
function TimeRangeFields({ idPrefix, errors }: { idPrefix: string; errors: Record<string, string[]> }) {
  const t = useT();
  return (
    <>
      <TextField
        id={`${idPrefix}-start`}
        name="startTime"
        type="time"
        label={t("organiser.single.startTime")}
        required
        defaultValue="10:00"
        errors={errors.startTime}
      />
      <TextField
        id={`${idPrefix}-end`}
        name="endTime"
        type="time"
        label={t("organiser.single.endTime")}
        required
        defaultValue="19:00"
        errors={errors.endTime}
      />
    </>
  );
}
