// The merchant's choice of the pickup points their stall hands orders at (checkboxes), shown
// only when the market has points; a stall with none ticked is told its orders cannot be paid.
import { Form } from "@remix-run/react";
import { SubmitButton } from "~/components/forms";
import { useT } from "~/utils/i18n";

export function StallPickupPoints({
  points,
}: {
  points: { id: string; name: string; address: string; chosen: boolean }[];
}) {
  const t = useT();
  if (points.length === 0) return null;
  const none = !points.some((p) => p.chosen);
  return (
    <section
      aria-labelledby="stall-pickup-title"
      className="mb-6 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-fir-600/20"
    >
      <h2 id="stall-pickup-title" className="font-display text-2xl text-fir-800">
        {t("pickup.stall.title")}
      </h2>
      <p className="text-fir-900">{t("pickup.stall.intro")}</p>
      {none ? (
        <p
          role="note"
          className="mt-2 rounded-lg bg-wine-50 px-3 py-2 font-semibold text-wine-800"
          id="stall-pickup-none"
        >
          {t("pickup.stall.noneChosen")}
        </p>
      ) : null}
      <Form method="post" className="mt-3">
        <input type="hidden" name="intent" value="pickup" />
        <fieldset aria-describedby={none ? "stall-pickup-none" : undefined}>
          <legend className="sr-only">{t("pickup.stall.title")}</legend>
          {points.map((p) => (
            <label key={p.id} className="flex min-h-11 cursor-pointer items-center gap-3 rounded-lg px-1 text-fir-900">
              <input
                type="checkbox"
                name="pointIds"
                value={p.id}
                defaultChecked={p.chosen}
                className="size-5 rounded border-fir-600 accent-fir-700"
              />
              <span>
                <span className="font-semibold">{p.name}</span>
                {p.address ? <span className="block text-sm text-bark/85">{p.address}</span> : null}
              </span>
            </label>
          ))}
        </fieldset>
        <SubmitButton className="mt-2 w-full">{t("pickup.stall.save")}</SubmitButton>
      </Form>
    </section>
  );
}
