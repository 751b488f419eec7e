// "Reconduire": the organiser reviews the next edition of a market (name, address, sessions
// moved to the same weekdays, merchants invited again) and saves it in one step.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormError, SubmitButton, TextField } from "~/components/forms";
import { Card, CheckboxField, buttonSecondary, linkClass } from "~/components/organiser/ui";
import { createNextEdition, draftNextEdition } from "~/models/market-edition.server";
import { getMarketForOrganiser } from "~/models/market.server";
import { planSingleSession, ScheduleError, scheduleErrorText, type PlannedSession } from "~/models/schedule";
import { MAX_SHIFT_WEEKS, MIN_SHIFT_WEEKS } from "~/models/market-edition";
import { nextEditionSchema, shiftWeeksSchema } from "~/schemas/edition";
import { requireMarketOrganiser } from "~/utils/auth.server";
import { formatDay, formatLongDate, formatWeekday } from "~/utils/format";
import { formFailure, readForm, validateForm, type FormErrors } from "~/utils/forms.server";
import { useLocale, useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/i18n.server";
import { sendEmail } from "~/utils/mailer.server";
import { absoluteUrl } from "~/utils/url.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Chalet" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const marketId = params.marketId!;
  await requireMarketOrganiser(request, marketId);
  const asked = new URL(request.url).searchParams.get("weeks");
  const weeks = asked === null || asked === "" ? null : shiftWeeksSchema.safeParse(asked);
  const draft = await draftNextEdition(marketId, context.now(), weeks?.success ? weeks.data : undefined);
  if (!draft) throw new Response("Not found", { status: 404 });
  // One next edition per market: carrying it over again shows the one that exists.
  if (draft.nextEditionId) throw redirect(`/organiser/markets/${draft.nextEditionId}`);
  const { t } = await getTranslator(request);
  return {
    title: `${t("edition.review.title", { market: draft.source.name })} · Chalet`,
    ...draft,
    weeksError: weeks && !weeks.success ? "edition.review.weeks" : null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const marketId = params.marketId!;
  const organiser = await requireMarketOrganiser(request, marketId);
  const market = await getMarketForOrganiser(marketId);
  if (!market) throw new Response("Not found", { status: 404 });
  const parsed = validateForm(await readForm(request), nextEditionSchema);
  if (!parsed.ok) return parsed.response;

  const { t, locale } = await getTranslator(request);
  // Every kept session is checked (a date, end after start, a time that exists) before anything is written.
  const planned: PlannedSession[] = [];
  const errors: Record<string, string[]> = {};
  parsed.value.sessions.forEach((session, index) => {
    if (!session.keep) return;
    try {
      planned.push(planSingleSession(session, market.timezone));
    } catch (error) {
      if (!(error instanceof ScheduleError)) throw error;
      const message = t("edition.review.sessionError", {
        n: index + 1,
        message: scheduleErrorText(error, t, locale, market.timezone, context.now()),
      });
      errors[`sessions[${index}].${error.field}`] = [message];
    }
  });
  const firstError = Object.values(errors)[0]?.[0];
  if (firstError) return formFailure(errors, firstError);

  const result = await createNextEdition({
    sourceId: marketId,
    invitedById: organiser.id,
    name: parsed.value.name,
    slug: parsed.value.slug,
    sessions: planned,
    now: context.now(),
  });
  if (!result.ok && result.reason === "exists") return redirect(`/organiser/markets/${result.marketId}`);
  if (!result.ok && result.reason === "notFound") throw new Response("Not found", { status: 404 });
  if (!result.ok && result.reason === "nameTaken") return formFailure({ name: ["console.editionNameTaken"] });
  if (!result.ok) return formFailure({ slug: ["organiser.market.slugTaken"] });

  // Sent once the edition is committed: the outbox keeps each one (app/utils/mailer.server.ts).
  for (const invitation of result.invitations) {
    await sendEmail({
      to: invitation.email,
      subject: t("edition.mail.subject", { market: parsed.value.name }),
      text: t("edition.mail.text", {
        organiser: organiser.name,
        market: parsed.value.name,
        town: market.town.name,
        stall: invitation.stallName,
        link: absoluteUrl(request, `/invitations/${invitation.token}`),
        expires: formatDay(invitation.expiresAt, market.timezone, locale),
      }),
    });
  }
  return redirect(`/organiser/markets/${result.marketId}/sessions`);
}

export default function ReviewNextEdition() {
  const draft = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormErrors | undefined;
  const t = useT();
  const locale = useLocale();
  const errorsOf = (field: string) => failure?.errors[field];
  const lastYear = (iso: string) =>
    `${formatWeekday(iso, draft.source.timezone, locale)} ${formatLongDate(iso, draft.source.timezone, locale)}`;

  return (
    <div className="mx-auto max-w-3xl">
      <p className="mb-2 text-sm">
        <Link to={`/organiser/markets/${draft.source.id}`} className={linkClass}>
          <span aria-hidden="true">← </span>
          {draft.source.name}
        </Link>
      </p>
      <p className="text-sm font-semibold tracking-wide text-wine-700 uppercase">{t("edition.review.kicker")}</p>
      <h1 className="font-display text-3xl text-fir-800 sm:text-4xl">
        {t("edition.review.title", { market: draft.source.name })}
      </h1>
      <p className="mt-2 mb-6 text-bark">{t("edition.review.intro")}</p>

      <Card className="mb-6">
        <h2 className="mb-2 font-display text-xl text-fir-900">{t("edition.review.shiftTitle")}</h2>
        {/* A GET form: the page works the dates out again, nothing is saved. */}
        <Form method="get" className="flex flex-wrap items-end gap-3">
          <div className="min-w-40 flex-1">
            <TextField
              id="edition-weeks"
              name="weeks"
              type="number"
              inputMode="numeric"
              min={MIN_SHIFT_WEEKS}
              max={MAX_SHIFT_WEEKS}
              defaultValue={draft.weeks}
              label={t("edition.review.weeks")}
              hint={
                draft.years > 1
                  ? `${t("edition.review.weeksHint", { weeks: draft.defaultWeeks })} ${t("edition.review.yearSkipped", { year: draft.sessions[0]?.date.slice(0, 4) ?? "" })}`
                  : t("edition.review.weeksHint", { weeks: draft.defaultWeeks })
              }
              errors={draft.weeksError ? ["form.invalidChoice"] : undefined}
            />
          </div>
          <button type="submit" className={`${buttonSecondary} mb-4`}>
            {t("edition.review.recompute")}
          </button>
        </Form>
      </Card>

      {/* Remounted when the shift changes, so the fields show the dates just worked out. */}
      <Form method="post" noValidate key={draft.weeks}>
        <FormError error={failure?.formError} />
        <Card className="mb-6">
          <TextField
            id="edition-name"
            name="name"
            label={t("edition.review.name")}
            defaultValue={draft.name}
            required
            maxLength={100}
            // The proposed name is taken already: said before the organiser saves, not after.
            errors={errorsOf("name") ?? (draft.nameTaken && !failure ? ["console.editionNameTaken"] : undefined)}
          />
          <TextField
            id="edition-slug"
            name="slug"
            label={t("edition.review.slug")}
            hint={t("edition.review.slugHint", { slug: draft.slug })}
            defaultValue={draft.slug}
            required
            maxLength={80}
            autoCapitalize="none"
            spellCheck={false}
            errors={errorsOf("slug")}
          />
        </Card>

        <section aria-labelledby="edition-sessions-title" className="mb-6">
          <h2 id="edition-sessions-title" className="mb-1 font-display text-2xl text-fir-900">
            {t("edition.review.sessionsTitle", { n: draft.sessions.length })}
          </h2>
          {draft.sessions.length === 0 ? (
            <p className="text-bark">{t("edition.review.noSessions")}</p>
          ) : (
            <>
              <p className="mb-3 text-sm text-bark">
                {t("edition.review.sessionsHint", { zone: draft.source.timezone })}
              </p>
              <ol className="grid gap-3">
                {draft.sessions.map((session, index) => {
                  const name = `sessions[${index}]`;
                  return (
                    <li key={`${session.was}-${index}`}>
                      <fieldset className="rounded-2xl border border-fir-100 bg-white p-4 shadow-sm">
                        <legend className="px-1 font-semibold text-fir-900">
                          {t("edition.review.session", { n: index + 1 })}
                        </legend>
                        <p className="mb-1 text-sm text-bark">
                          {t("edition.review.was", { date: lastYear(session.was) })}
                        </p>
                        <CheckboxField name={`${name}.keep`} label={t("edition.review.keep")} defaultChecked />
                        <div className="grid grid-cols-2 gap-x-3 sm:grid-cols-3">
                          <div className="col-span-2 sm:col-span-1">
                            <TextField
                              id={`edition-session-${index}-date`}
                              name={`${name}.date`}
                              type="date"
                              label={t("edition.review.date")}
                              defaultValue={session.date}
                              errors={errorsOf(`${name}.date`)}
                            />
                          </div>
                          <TextField
                            id={`edition-session-${index}-start`}
                            name={`${name}.startTime`}
                            type="time"
                            label={t("edition.review.startTime")}
                            defaultValue={session.startTime}
                            errors={errorsOf(`${name}.startTime`)}
                          />
                          <TextField
                            id={`edition-session-${index}-end`}
                            name={`${name}.endTime`}
                            type="time"
                            label={t("edition.review.endTime")}
                            defaultValue={session.endTime}
                            errors={errorsOf(`${name}.endTime`)}
                          />
                        </div>
                        <CheckboxField
                          name={`${name}.endsNextDay`}
                          label={t("organiser.single.endsNextDay")}
                          defaultChecked={session.endsNextDay}
                        />
                      </fieldset>
                    </li>
                  );
                })}
              </ol>
            </>
          )}
        </section>

        <section aria-labelledby="edition-merchants-title" className="mb-6">
          <h2 id="edition-merchants-title" className="mb-1 font-display text-2xl text-fir-900">
            {t("edition.review.merchantsTitle", { n: draft.merchants.length })}
          </h2>
          {draft.merchants.length === 0 ? (
            <p className="text-bark">{t("edition.review.noMerchants")}</p>
          ) : (
            <>
              <p className="mb-3 text-sm text-bark">{t("edition.review.merchantsHint")}</p>
              <ul className="divide-y divide-fir-100 rounded-2xl border border-fir-100 bg-white">
                {draft.merchants.map((m) => (
                  <li key={`${m.email}-${m.stallName}`} className="px-4 py-3">
                    <p className="font-semibold text-fir-900">{m.stallName}</p>
                    <p className="text-sm break-all text-bark">
                      {m.name} · {m.email}
                    </p>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>

        <SubmitButton className="w-full text-lg sm:w-auto">{t("edition.review.submit")}</SubmitButton>
      </Form>
    </div>
  );
}
