// The organiser's plan editor. Two ways to the same action: with a mouse, drag a chalet on the
// drawing (pointer events; the drop posts its spot through a fetcher); with a keyboard, a screen
// reader or a phone, the list below has a plain form per chalet (number, spot, save), which works
// without JavaScript. The drawing is aria-hidden, as on the market page: the list says the same.
import { Form, useActionData, useFetcher, useNavigation } from "@remix-run/react";
import { useRef, useState, type PointerEvent } from "react";
import { FormError, TextField } from "~/components/forms";
import { CheckboxField, Notice } from "~/components/organiser/ui";
import { ChaletGlyph, PlanBackdrop, drawnAt } from "~/components/stall-plan";
import { clampToPlan, PLAN_MAX, PLAN_MIN, CHALET_NUMBER_MAX, CHALET_NUMBER_MIN } from "~/models/market-plan";
import { useT } from "~/utils/i18n";

export type EditorChalet = {
  id: string;
  name: string;
  chaletNumber: number | null;
  planX: number;
  planY: number;
};

/** What the plan route's action answers: a refusal or a success, tagged with its chalet. */
type PlanActionData =
  | { ok: true; stallId: string; message: string }
  | { errors: Record<string, string[]>; formError?: string; stallId: string | null };

type Drag = { id: string; pointerId: number; fromX: number; fromY: number; startX: number; startY: number };

export function PlanEditor({ chalets }: { chalets: readonly EditorChalet[] }) {
  const t = useT();
  const actionData = useActionData() as PlanActionData | undefined;
  const mover = useFetcher<PlanActionData>({ key: "plan-move" });
  const svg = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const [dragAt, setDragAt] = useState<{ planX: number; planY: number } | null>(null);

  // While a drop is being saved, the chalet stays where it was dropped.
  const pendingId = mover.state !== "idle" ? mover.formData?.get("stallId") : null;
  const spotOf = (chalet: EditorChalet) => {
    if (drag?.id === chalet.id && dragAt) return dragAt;
    if (pendingId === chalet.id && mover.formData) {
      return { planX: Number(mover.formData.get("planX")), planY: Number(mover.formData.get("planY")) };
    }
    return chalet;
  };

  function spotFor(event: PointerEvent<SVGGElement>, from: Drag) {
    const box = svg.current!.getBoundingClientRect();
    return {
      planX: clampToPlan(from.startX + ((event.clientX - from.fromX) / box.width) * 100),
      planY: clampToPlan(from.startY + ((event.clientY - from.fromY) / box.height) * 100),
    };
  }

  function onPointerDown(event: PointerEvent<SVGGElement>, chalet: EditorChalet) {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    setDrag({
      id: chalet.id,
      pointerId: event.pointerId,
      fromX: event.clientX,
      fromY: event.clientY,
      startX: chalet.planX,
      startY: chalet.planY,
    });
    setDragAt({ planX: chalet.planX, planY: chalet.planY });
  }

  function onPointerMove(event: PointerEvent<SVGGElement>) {
    if (drag?.pointerId === event.pointerId) setDragAt(spotFor(event, drag));
  }

  function onPointerUp(event: PointerEvent<SVGGElement>) {
    if (drag?.pointerId !== event.pointerId) return;
    const spot = spotFor(event, drag);
    setDrag(null);
    setDragAt(null);
    if (spot.planX === drag.startX && spot.planY === drag.startY) return;
    mover.submit(
      { intent: "move", stallId: drag.id, planX: spot.planX, planY: spot.planY },
      { method: "post", preventScrollReset: true },
    );
  }

  const moveResult = mover.state === "idle" ? mover.data : undefined;

  return (
    <section aria-labelledby="plan-title">
      <h2 id="plan-title" className="font-display text-2xl text-fir-900">
        {t("plan.title")}
      </h2>
      <p className="mt-1 max-w-prose text-fir-900">{t("plan.intro")}</p>
      <div aria-live="polite">
        {moveResult && "ok" in moveResult ? <Notice>{moveResult.message}</Notice> : null}
        {moveResult && "errors" in moveResult ? <FormError error={moveResult.formError} /> : null}
      </div>
      {chalets.length === 0 ? (
        <p className="mt-4 rounded-xl bg-gold-100 p-4 text-bark">{t("plan.none")}</p>
      ) : (
        <div className="mt-4 grid gap-6 lg:grid-cols-5">
          <div className="lg:col-span-3">
            <p className="mb-2 hidden text-sm text-fir-900 lg:block">{t("plan.dragHint")}</p>
            <svg
              ref={svg}
              viewBox="0 0 100 100"
              className="w-full touch-pan-y rounded-2xl shadow-inner ring-1 ring-bark/10 select-none"
              aria-hidden="true"
              focusable="false"
              data-testid="plan-editor"
            >
              <PlanBackdrop />
              {chalets.map((chalet) => {
                const spot = spotOf(chalet);
                return (
                  <ChaletGlyph
                    key={chalet.id}
                    x={drawnAt(spot.planX)}
                    y={drawnAt(spot.planY)}
                    number={chalet.chaletNumber}
                    data-chalet-id={chalet.id}
                    className={drag?.id === chalet.id ? "cursor-grabbing opacity-80" : "cursor-grab"}
                    style={{ touchAction: "none" }}
                    onPointerDown={(event) => onPointerDown(event, chalet)}
                    onPointerMove={onPointerMove}
                    onPointerUp={onPointerUp}
                    onPointerCancel={() => {
                      setDrag(null);
                      setDragAt(null);
                    }}
                  />
                );
              })}
            </svg>
          </div>
          <div className="lg:col-span-2">
            <h3 id="plan-list-title" className="font-display text-xl text-fir-900">
              {t("plan.listTitle")}
            </h3>
            <p className="mt-1 text-sm text-fir-900">{t("plan.listIntro")}</p>
            <ul aria-labelledby="plan-list-title" className="mt-3 grid gap-3">
              {chalets.map((chalet) => (
                <li key={chalet.id}>
                  <ChaletRow
                    chalet={chalet}
                    result={actionData && actionData.stallId === chalet.id ? actionData : undefined}
                  />
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </section>
  );
}

function ChaletRow({ chalet, result }: { chalet: EditorChalet; result: PlanActionData | undefined }) {
  const t = useT();
  const navigation = useNavigation();
  const saving = navigation.state === "submitting" && navigation.formData?.get("stallId") === chalet.id;
  const errors = result && "errors" in result ? result.errors : undefined;
  const legend =
    chalet.chaletNumber === null
      ? t("plan.chaletLegendUnnumbered", { name: chalet.name })
      : t("plan.chaletLegend", { number: chalet.chaletNumber, name: chalet.name });
  return (
    <Form method="post" preventScrollReset className="rounded-2xl border border-fir-100 bg-white p-3 shadow-sm">
      <fieldset>
        <legend className="font-semibold text-fir-900">{legend}</legend>
        <input type="hidden" name="intent" value="save" />
        <input type="hidden" name="stallId" value={chalet.id} />
        <div aria-live="polite">
          {result && "ok" in result ? <Notice>{result.message}</Notice> : null}
          {errors ? <FormError error={result && "formError" in result ? result.formError : null} /> : null}
        </div>
        <div className="mt-2 grid grid-cols-3 gap-2">
          {/* Keyed by the stored value: a field shows the new value after a drag or a swap,
              while the row (and the focused button) stays. */}
          <TextField
            key={`n${chalet.chaletNumber}`}
            label={t("plan.number")}
            name="chaletNumber"
            type="number"
            inputMode="numeric"
            min={CHALET_NUMBER_MIN}
            max={CHALET_NUMBER_MAX}
            step={1}
            required
            defaultValue={chalet.chaletNumber ?? ""}
            errors={errors?.chaletNumber}
          />
          <TextField
            key={`x${chalet.planX}`}
            label={t("plan.planX")}
            name="planX"
            type="number"
            inputMode="numeric"
            min={PLAN_MIN}
            max={PLAN_MAX}
            step={1}
            required
            defaultValue={chalet.planX}
            errors={errors?.planX}
          />
          <TextField
            key={`y${chalet.planY}`}
            label={t("plan.planY")}
            name="planY"
            type="number"
            inputMode="numeric"
            min={PLAN_MIN}
            max={PLAN_MAX}
            step={1}
            required
            defaultValue={chalet.planY}
            errors={errors?.planY}
          />
        </div>
        <div className="flex flex-wrap items-center justify-between gap-2">
          <CheckboxField name="swap" label={t("plan.swap")} />
          <button
            type="submit"
            aria-label={t("plan.saveLabel", { name: chalet.name })}
            aria-busy={saving || undefined}
            className="inline-flex min-h-11 items-center justify-center rounded-full bg-fir-700 px-5 py-2 font-semibold text-snow hover:bg-fir-800"
          >
            {saving ? t("plan.saving") : t("plan.save")}
          </button>
        </div>
      </fieldset>
    </Form>
  );
}
