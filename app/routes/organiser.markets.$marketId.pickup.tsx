// The organiser's "Retrait" tab: a market's pickup points and their slots (app/models/pickup.server.ts).
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { FormError, SubmitButton, TextAreaField, TextField } from "~/components/forms";
import { FoldingCard, Notice, buttonDanger, buttonSecondary } from "~/components/organiser/ui";
import type { Translate } from "~/i18n";
import { getMarketForOrganiser } from "~/models/market.server";
import { slotLabel } from "~/models/pickup";
import {
  addPickupSlots,
  createPickupPoint,
  deletePickupPoint,
  deletePickupSlot,
  getPickupSlot,
  listPickupPoints,
  setSlotCapacity,
  updatePickupPoint,
} from "~/models/pickup.server";
import {
  expandDailySlot,
  planSingleSession,
  ScheduleError,
  scheduleErrorText,
  type PlannedSession,
} from "~/models/schedule";
import {
  addSeriesSchema,
  addSlotSchema,
  createPointSchema,
  editPointSchema,
  removePointSchema,
  removeSlotSchema,
  slotCapacitySchema,
} from "~/schemas/pickup";
import { requireMarketOrganiser } from "~/utils/auth.server";
import { formFailure, readForm, validateForm, type FormErrors } from "~/utils/forms.server";
import { useLocale, useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Chalet" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireMarketOrganiser(request, params.marketId!);
  const market = await getMarketForOrganiser(params.marketId!);
  if (!market) throw new Response("Not found", { status: 404 });
  const { t } = await getTranslator(request);
  return {
    title: `${t("pickup.title")} · ${market.name} · Chalet`,
    timezone: market.timezone,
    points: await listPickupPoints(market.id),
    // Slots already over are folded away: a month of daily slots is too long a list on a phone.
    now: context.now(),
  };
}

/** Which form a refusal answers ("addSlot:<pointId>"…), so its field errors show there. */
type Failure = FormErrors & { form: string | null };

function refuse(form: string | null, failure: ReturnType<typeof formFailure>) {
  return data<Failure>({ ...failure.data, form }, failure.init ?? undefined);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const marketId = params.marketId!;
  await requireMarketOrganiser(request, marketId);
  const market = await getMarketForOrganiser(marketId);
  if (!market) throw new Response("Not found", { status: 404 });
  const form = await readForm(request);
  const { t, locale } = await getTranslator(request);
  const done = (notice: string) => ({ ok: true as const, notice });
  const when = (slot: { startsAt: Date; endsAt: Date }) => slotLabel(slot, market.timezone, locale);
  const pointId = String(form.get("pointId") ?? "");

  switch (form.get("intent")) {
    case "createPoint": {
      const parsed = validateForm(form, createPointSchema);
      if (!parsed.ok) return refuse("createPoint", parsed.response);
      const { intent: _intent, ...input } = parsed.value;
      const point = await createPickupPoint(marketId, input);
      return done(t("pickup.point.created", { name: point.name }));
    }
    case "editPoint": {
      const parsed = validateForm(form, editPointSchema);
      if (!parsed.ok) return refuse(`editPoint:${pointId}`, parsed.response);
      const { intent: _intent, pointId: id, ...input } = parsed.value;
      if (!(await updatePickupPoint(marketId, id, input))) {
        return refuse(null, formFailure({}, "pickup.point.notFound", 404));
      }
      return done(t("pickup.point.saved", { name: input.name }));
    }
    case "removePoint": {
      const parsed = validateForm(form, removePointSchema);
      if (!parsed.ok) return refuse(null, parsed.response);
      const removed = await deletePickupPoint(marketId, parsed.value.pointId);
      if (removed.ok) return done(t("pickup.point.removed", { name: removed.name }));
      return refuse(
        null,
        removed.reason === "notFound"
          ? formFailure({}, "pickup.point.notFound", 404)
          : formFailure({}, "pickup.point.booked", 409),
      );
    }
    case "addSlot":
    case "addSeries": {
      const intent = form.get("intent") as "addSlot" | "addSeries";
      const target = `${intent}:${pointId}`;
      const parsed = validateForm(form, intent === "addSlot" ? addSlotSchema : addSeriesSchema);
      if (!parsed.ok) return refuse(target, parsed.response);
      let planned: PlannedSession[];
      try {
        planned =
          parsed.value.intent === "addSlot"
            ? [planSingleSession(parsed.value, market.timezone)]
            : expandDailySlot(parsed.value, market.timezone);
      } catch (error) {
        if (!(error instanceof ScheduleError)) throw error;
        const message = scheduleErrorText(error, t, locale, market.timezone, context.now());
        return refuse(target, formFailure({ [error.field]: [message] }, message));
      }
      const added = await addPickupSlots(marketId, parsed.value.pointId, planned, parsed.value.capacity);
      if (!added) return refuse(null, formFailure({}, "pickup.point.notFound", 404));
      return done(t("pickup.slot.added", added));
    }
    case "capacity": {
      const slotId = String(form.get("slotId") ?? "");
      const parsed = validateForm(form, slotCapacitySchema);
      if (!parsed.ok) return refuse(`capacity:${slotId}`, parsed.response);
      const changed = await setSlotCapacity(marketId, parsed.value.slotId, parsed.value.capacity);
      if (!changed.ok) return slotRefusal(t, `capacity:${slotId}`, changed, "pickup.slot.bookedShrink");
      return done(
        t("pickup.slot.capacitySaved", {
          when: await slotWhen(marketId, slotId, when),
          capacity: parsed.value.capacity,
        }),
      );
    }
    case "removeSlot": {
      const parsed = validateForm(form, removeSlotSchema);
      if (!parsed.ok) return refuse(null, parsed.response);
      const slotName = await slotWhen(marketId, parsed.value.slotId, when);
      const removed = await deletePickupSlot(marketId, parsed.value.slotId);
      if (!removed.ok) return slotRefusal(t, null, removed, "pickup.slot.bookedRemove");
      return done(t("pickup.slot.removed", { when: slotName }));
    }
    default:
      return refuse(null, formFailure({}, "form.invalidChoice"));
  }
}

function slotRefusal(
  t: Translate,
  form: string | null,
  refusal: { reason: "notFound" } | { reason: "booked"; booked: number },
  bookedKey: "pickup.slot.bookedShrink" | "pickup.slot.bookedRemove",
) {
  if (refusal.reason === "notFound") return refuse(form, formFailure({}, "pickup.slot.notFound", 404));
  const message = t(bookedKey, { booked: refusal.booked });
  return refuse(form, formFailure(form ? { capacity: [message] } : {}, message, 409));
}

async function slotWhen(marketId: string, slotId: string, when: (slot: { startsAt: Date; endsAt: Date }) => string) {
  const slot = await getPickupSlot(marketId, slotId);
  return slot ? when(slot) : "";
}

export default function PickupTab() {
  const { points, timezone, now } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as { ok: true; notice: string } | Failure | undefined;
  const t = useT();
  const result = actionData && "ok" in actionData ? actionData : null;
  const failure = actionData && "errors" in actionData ? actionData : null;
  const errorsOf = (form: string) => (failure?.form === form ? failure.errors : {});
  const noticeRef = useRef<HTMLDivElement>(null);
  // After an action the button pressed may be gone (a removed slot): the answer takes the focus.
  useEffect(() => {
    if (actionData && !document.activeElement?.isConnected) noticeRef.current?.focus();
  }, [actionData]);

  return (
    <div>
      <h2 className="font-display text-2xl text-fir-900">{t("pickup.title")}</h2>
      <p className="mt-1 text-fir-900">{t("pickup.intro")}</p>
      <p className="mt-1 mb-4 text-sm text-fir-900">{t("pickup.timezoneNote", { zone: timezone })}</p>
      <div aria-live="polite" ref={noticeRef} tabIndex={-1} className="focus:outline-none">
        {result ? <Notice>{result.notice}</Notice> : null}
        {failure && !failure.form?.includes(":") && failure.form !== "createPoint" ? (
          <FormError error={failure.formError} />
        ) : null}
      </div>
      <div className="space-y-6">
        {points.length === 0 ? <p className="text-fir-900">{t("pickup.empty")}</p> : null}
        {points.map((point) => (
          <PointCard key={point.id} point={point} timezone={timezone} now={now} failure={failure} errorsOf={errorsOf} />
        ))}
        <FoldingCard title={t("pickup.point.addTitle")} open={points.length === 0 || failure?.form === "createPoint"}>
          {failure?.form === "createPoint" ? <FormError error={failure.formError} /> : null}
          <PointFields intent="createPoint" errors={errorsOf("createPoint")} submit={t("pickup.point.create")} />
        </FoldingCard>
      </div>
    </div>
  );
}

type PointView = ReturnType<typeof useLoaderData<typeof loader>>["points"][number];

function PointCard(props: {
  point: PointView;
  timezone: string;
  now: Date;
  failure: Failure | null;
  errorsOf: (form: string) => Record<string, string[]>;
}) {
  const { point, timezone, now, failure, errorsOf } = props;
  const t = useT();
  const titleId = `point-${point.id}`;
  const stalls = point._count.stalls;
  const formError = (form: string) => (failure?.form === form ? <FormError error={failure.formError} /> : null);
  const past = point.slots.filter((slot) => slot.endsAt.getTime() <= now.getTime());
  const upcoming = point.slots.filter((slot) => slot.endsAt.getTime() > now.getTime());
  return (
    <section aria-labelledby={titleId} className="rounded-2xl border border-fir-100 bg-white p-4 shadow-sm">
      <h3 id={titleId} className="font-display text-xl text-fir-900">
        {point.name}
      </h3>
      {point.address ? <p className="text-bark">{point.address}</p> : null}
      {point.details ? <p className="text-sm whitespace-pre-line text-bark/85">{point.details}</p> : null}
      <p className="mt-1 text-sm text-fir-800">
        {stalls === 0
          ? t("pickup.point.stallsNone")
          : stalls === 1
            ? t("pickup.point.stallsOne")
            : t("pickup.point.stalls", { count: stalls })}
      </p>

      <div className="mt-4 grid gap-3 lg:grid-cols-2">
        <FoldingCard
          title={t("pickup.slot.seriesTitle")}
          open={failure?.form === `addSeries:${point.id}` || point.slots.length === 0}
        >
          <p className="mb-3 text-sm text-fir-900">{t("pickup.slot.seriesIntro")}</p>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="addSeries" />
            <input type="hidden" name="pointId" value={point.id} />
            {formError(`addSeries:${point.id}`)}
            <SlotFields prefix={`series-${point.id}`} series errors={errorsOf(`addSeries:${point.id}`)} />
            <SubmitButton className="w-full">{t("pickup.slot.addSeries")}</SubmitButton>
          </Form>
        </FoldingCard>
        <FoldingCard title={t("pickup.slot.singleTitle")} open={failure?.form === `addSlot:${point.id}`}>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="addSlot" />
            <input type="hidden" name="pointId" value={point.id} />
            {formError(`addSlot:${point.id}`)}
            <SlotFields prefix={`slot-${point.id}`} errors={errorsOf(`addSlot:${point.id}`)} />
            <SubmitButton className="w-full">{t("pickup.slot.add")}</SubmitButton>
          </Form>
        </FoldingCard>
        <FoldingCard title={t("pickup.point.edit")} open={failure?.form === `editPoint:${point.id}`}>
          {formError(`editPoint:${point.id}`)}
          <PointFields
            intent="editPoint"
            point={point}
            errors={errorsOf(`editPoint:${point.id}`)}
            submit={t("pickup.point.save")}
          />
          <Form method="post" className="mt-3">
            <input type="hidden" name="intent" value="removePoint" />
            <input type="hidden" name="pointId" value={point.id} />
            <button
              type="submit"
              className={`${buttonDanger} w-full`}
              aria-label={t("pickup.point.removeLabel", { name: point.name })}
            >
              {t("pickup.point.remove")}
            </button>
          </Form>
        </FoldingCard>
      </div>
      <h4 className="mt-4 font-semibold text-fir-900">{t("pickup.slots.title")}</h4>
      {point.slots.length === 0 ? (
        <p className="text-sm text-bark">{t("pickup.slots.none")}</p>
      ) : (
        <>
          <SlotList slots={upcoming} timezone={timezone} errorsOf={errorsOf} />
          {past.length > 0 ? (
            <details className="mt-3" open={past.some((slot) => failure?.form === `capacity:${slot.id}`)}>
              <summary className="cursor-pointer font-semibold text-fir-800">
                {t("pickup.slots.past", { count: past.length })}
              </summary>
              <SlotList slots={past} timezone={timezone} errorsOf={errorsOf} />
            </details>
          ) : null}
        </>
      )}
    </section>
  );
}

/**
 * One line per slot (its time and bookings); its places and removal open under "Modifier", so a
 * month of daily slots stays a short list on a phone. A refused change opens its slot again.
 */
function SlotList(props: {
  slots: PointView["slots"];
  timezone: string;
  errorsOf: (form: string) => Record<string, string[]>;
}) {
  const { slots, timezone, errorsOf } = props;
  const t = useT();
  const locale = useLocale();
  if (slots.length === 0) return null;
  return (
    <ul className="mt-2 divide-y divide-fir-100 rounded-xl border border-fir-100">
      {slots.map((slot) => {
        const when = slotLabel(slot, timezone, locale);
        const form = `capacity:${slot.id}`;
        const errors = errorsOf(form).capacity;
        return (
          <li key={slot.id} className="px-3 py-2" data-slot-id={slot.id}>
            <details open={errors ? true : undefined} className="group">
              <summary className="flex cursor-pointer flex-wrap items-baseline justify-between gap-x-3 rounded-lg focus-visible:outline-2 focus-visible:outline-fir-700">
                <span className="font-semibold text-fir-900 first-letter:uppercase">{when}</span>
                <span className="text-sm text-bark/85">
                  {t("pickup.slot.booked", { booked: slot.booked, capacity: slot.capacity })}
                  <span className="ml-2 font-semibold text-fir-800 underline group-open:no-underline">
                    {t("pickup.slot.saveCapacity")}
                  </span>
                </span>
              </summary>
              {errors ? (
                <p id={`${form}-error`} className="mt-1 text-sm font-semibold text-wine-700">
                  {errors.join(" ")}
                </p>
              ) : null}
              <div className="mt-2 flex flex-wrap items-end gap-2">
                <Form method="post" className="flex items-end gap-2">
                  <input type="hidden" name="intent" value="capacity" />
                  <input type="hidden" name="slotId" value={slot.id} />
                  <label className="text-sm font-semibold text-fir-900">
                    <span className="sr-only">{t("pickup.slot.capacityLabel", { when })}</span>
                    <span aria-hidden="true">{t("pickup.slot.capacity")}</span>
                    <input
                      name="capacity"
                      type="number"
                      inputMode="numeric"
                      min={1}
                      defaultValue={slot.capacity}
                      aria-invalid={errors ? true : undefined}
                      aria-describedby={errors ? `${form}-error` : undefined}
                      className="mt-1 block h-11 w-20 rounded-lg border border-fir-600/40 px-2 text-base"
                    />
                  </label>
                  <button
                    type="submit"
                    className={buttonSecondary}
                    aria-label={t("pickup.slot.saveCapacityLabel", { when })}
                  >
                    {t("pickup.slot.saveCapacityButton")}
                  </button>
                </Form>
                <Form method="post">
                  <input type="hidden" name="intent" value="removeSlot" />
                  <input type="hidden" name="slotId" value={slot.id} />
                  <button type="submit" className={buttonDanger} aria-label={t("pickup.slot.removeLabel", { when })}>
                    {t("pickup.slot.remove")}
                  </button>
                </Form>
              </div>
            </details>
          </li>
        );
      })}
    </ul>
  );
}

function PointFields(props: {
  intent: "createPoint" | "editPoint";
  point?: { id: string; name: string; address: string; details: string };
  errors: Record<string, string[]>;
  submit: string;
}) {
  const { intent, point, errors } = props;
  const t = useT();
  const prefix = point ? `point-${point.id}` : "new-point";
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value={intent} />
      {point ? <input type="hidden" name="pointId" value={point.id} /> : null}
      <TextField
        id={`${prefix}-name`}
        name="name"
        label={t("pickup.point.name")}
        placeholder={point ? undefined : t("pickup.point.namePlaceholder")}
        defaultValue={point?.name}
        required
        errors={errors.name}
      />
      <TextField
        id={`${prefix}-address`}
        name="address"
        label={t("pickup.point.address")}
        defaultValue={point?.address}
        autoComplete="street-address"
        errors={errors.address}
      />
      <TextAreaField
        id={`${prefix}-details`}
        name="details"
        rows={2}
        label={t("pickup.point.details")}
        hint={t("pickup.point.detailsHint")}
        defaultValue={point?.details}
        errors={errors.details}
      />
      <SubmitButton className="w-full">{props.submit}</SubmitButton>
    </Form>
  );
}

function SlotFields({
  prefix,
  series,
  errors,
}: {
  prefix: string;
  series?: boolean;
  errors: Record<string, string[]>;
}) {
  const t = useT();
  return (
    <div className="grid grid-cols-2 gap-x-3">
      {series ? (
        <>
          <TextField
            id={`${prefix}-from`}
            name="fromDate"
            type="date"
            label={t("pickup.slot.fromDate")}
            required
            errors={errors.fromDate}
          />
          <TextField
            id={`${prefix}-to`}
            name="toDate"
            type="date"
            label={t("pickup.slot.toDate")}
            required
            errors={errors.toDate}
          />
        </>
      ) : (
        <div className="col-span-2">
          <TextField
            id={`${prefix}-date`}
            name="date"
            type="date"
            label={t("pickup.slot.date")}
            required
            errors={errors.date}
          />
        </div>
      )}
      <TextField
        id={`${prefix}-start`}
        name="startTime"
        type="time"
        label={t("pickup.slot.startTime")}
        defaultValue="17:00"
        required
        errors={errors.startTime}
      />
      <TextField
        id={`${prefix}-end`}
        name="endTime"
        type="time"
        label={t("pickup.slot.endTime")}
        defaultValue="19:00"
        required
        errors={errors.endTime}
      />
      <div className="col-span-2">
        <TextField
          id={`${prefix}-capacity`}
          name="capacity"
          type="number"
          inputMode="numeric"
          min={1}
          label={t("pickup.slot.perSlot")}
          defaultValue="20"
          required
          errors={errors.capacity}
        />
      </div>
    </div>
  );
}
