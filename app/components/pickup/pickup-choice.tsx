// The basket's choice of a pickup point, then of a slot of that point grouped by day: radio
// groups (arrows move within a group, Tab between them). Only the slot is sent (`pickupSlotId`):
// the point follows from it, and the reservation checks it (app/models/order-reserve.server.ts).
import { useState } from "react";
import { slotHours, slotsByDay } from "~/models/pickup";
import type { PickupChoice } from "~/models/pickup.server";
import { formatDay } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n";

/** What the loader sends (instants as dates, or strings once serialised). */
export type PickupChoiceView = {
  points: (Omit<PickupChoice["points"][number], "slots"> & {
    slots: { id: string; startsAt: Date | string; endsAt: Date | string; left: number }[];
  })[];
  stalls: PickupChoice["stalls"];
};

const radioCard =
  "flex min-h-11 cursor-pointer items-center gap-3 rounded-xl border border-fir-600/30 bg-white px-3 py-2 has-[:checked]:border-fir-700 has-[:checked]:bg-fir-50 has-[:checked]:ring-2 has-[:checked]:ring-fir-700 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-gold-400";

export function PickupChoiceFields(props: { choice: PickupChoiceView; marketId: string; timezone: string }) {
  const { choice, marketId, timezone } = props;
  const t = useT();
  const locale = useLocale();
  // One point offered: chosen already (the demo's "Place de la mairie"). Otherwise none.
  const [pointId, setPointId] = useState<string | null>(choice.points.length === 1 ? choice.points[0]!.id : null);
  const point = choice.points.find((p) => p.id === pointId) ?? null;
  const name = (what: string) => `${what}-${marketId}`;

  if (choice.points.length === 0) return <NoCommonPoint choice={choice} />;
  return (
    <div className="space-y-4" data-testid="pickup-choice">
      <h3 className="font-display text-lg font-bold text-fir-900">{t("pickup.basket.title")}</h3>
      <fieldset className="space-y-2">
        <legend className="mb-1 font-semibold text-fir-900">{t("pickup.basket.point")}</legend>
        {choice.points.map((p) => (
          <label key={p.id} className={radioCard}>
            <input
              type="radio"
              name={name("point")}
              value={p.id}
              checked={pointId === p.id}
              onChange={() => setPointId(p.id)}
              className="size-5 accent-fir-700"
            />
            <span>
              <span className="block font-semibold text-fir-900">{p.name}</span>
              {p.address ? <span className="block text-sm text-bark/85">{p.address}</span> : null}
            </span>
          </label>
        ))}
      </fieldset>
      <fieldset aria-live="polite">
        <legend className="mb-1 font-semibold text-fir-900">{t("pickup.basket.slot")}</legend>
        {!point ? (
          <p className="text-sm text-bark">{t("pickup.basket.choosePointFirst")}</p>
        ) : point.slots.length === 0 ? (
          <p className="text-sm font-semibold text-wine-800">{t("pickup.basket.noSlot")}</p>
        ) : (
          <div className="max-h-96 space-y-3 overflow-y-auto pr-1">
            {slotsByDay(point.slots, timezone).map(({ day, slots }) => (
              // The days group the slots for the eye and for screen readers; the radios stay one group (one name).
              <div key={day} role="group" aria-label={formatDay(slots[0]!.startsAt, timezone, locale)}>
                <p className="text-sm font-semibold text-fir-800 first-letter:uppercase" aria-hidden="true">
                  {formatDay(slots[0]!.startsAt, timezone, locale)}
                </p>
                <div className="mt-1 grid grid-cols-2 gap-2 sm:grid-cols-3">
                  {slots.map((slot) => (
                    <label key={slot.id} className={radioCard}>
                      <input type="radio" name="pickupSlotId" value={slot.id} className="size-5 accent-fir-700" />
                      <span>
                        <span className="block font-semibold text-fir-900">{slotHours(slot, timezone, locale)}</span>
                        <span className="block text-xs text-bark/85">
                          {slot.left === 1 ? t("pickup.basket.leftOne") : t("pickup.basket.left", { left: slot.left })}
                        </span>
                      </span>
                    </label>
                  ))}
                </div>
              </div>
            ))}
          </div>
        )}
      </fieldset>
    </div>
  );
}

/** The basket's stalls hand orders at different points: who hands where, and how to split. */
function NoCommonPoint({ choice }: { choice: PickupChoiceView }) {
  const t = useT();
  return (
    <div className="rounded-lg bg-wine-50 px-3 py-2 text-wine-800" role="note" data-testid="pickup-no-common">
      <p className="font-semibold">{t("pickup.basket.noCommon")}</p>
      <ul className="mt-1 list-disc pl-5">
        {choice.stalls.map((s) => (
          <li key={s.id}>
            {s.points.length
              ? t("pickup.basket.stallPoints", { stall: s.name, points: s.points.join(", ") })
              : t("pickup.basket.stallNoPoint", { stall: s.name })}
          </li>
        ))}
      </ul>
      <p className="mt-1">{t("pickup.basket.split")}</p>
    </div>
  );
}
