// The market settings form, used to create a market and to edit it.
import { Form } from "@remix-run/react";
import type { MessageKey } from "~/i18n";
import { FormError, SelectField, SubmitButton, TextAreaField, TextField } from "~/components/forms";
import { MARKET_STATUSES } from "~/schemas/organiser";
import { useT } from "~/utils/i18n";
import { CheckboxField } from "./ui";

export type MarketFormValues = {
  name: string;
  slug?: string;
  description: string;
  timezone: string;
  status: string;
  coverUrl?: string | null;
  /** The commission as a percentage, as the organiser reads it ("2,5"). */
  commission?: string;
};

export function MarketForm({
  mode,
  defaults,
  timezones,
  towns,
  errors = {},
  formError,
}: {
  mode: "create" | "edit";
  defaults: MarketFormValues;
  timezones: string[];
  towns?: { id: string; name: string }[];
  errors?: Record<string, string[] | undefined>;
  formError?: string | null;
}) {
  const t = useT();
  return (
    <Form method="post" encType="multipart/form-data" noValidate className="max-w-xl">
      <FormError error={formError} />
      {mode === "create" && towns ? (
        towns.length > 1 ? (
          <SelectField name="townId" label={t("organiser.market.town")} errors={errors.townId} required>
            {towns.map((town) => (
              <option key={town.id} value={town.id}>
                {town.name}
              </option>
            ))}
          </SelectField>
        ) : (
          <input type="hidden" name="townId" value={towns[0]?.id ?? ""} />
        )
      ) : null}
      <TextField
        name="name"
        label={t("organiser.market.name")}
        defaultValue={defaults.name}
        required
        maxLength={100}
        errors={errors.name}
      />
      {mode === "edit" ? (
        <TextField
          name="slug"
          label={t("organiser.market.slug")}
          hint={t("organiser.market.slugHint", { slug: defaults.slug ?? "" })}
          defaultValue={defaults.slug}
          required
          maxLength={80}
          autoCapitalize="none"
          spellCheck={false}
          errors={errors.slug}
        />
      ) : null}
      <TextAreaField
        name="description"
        label={t("organiser.market.description")}
        hint={t("organiser.market.descriptionHint")}
        defaultValue={defaults.description}
        maxLength={2000}
        errors={errors.description}
      />
      {defaults.coverUrl ? (
        <div className="mb-4">
          <img
            src={defaults.coverUrl}
            alt={t("organiser.market.currentCover")}
            className="max-h-48 w-full rounded-lg object-cover"
          />
          <CheckboxField name="removeCover" label={t("organiser.market.removeCover")} />
        </div>
      ) : null}
      <TextField
        name="cover"
        type="file"
        accept="image/jpeg,image/png,image/webp,image/avif"
        label={t("organiser.market.cover")}
        hint={t("organiser.market.coverHint")}
        errors={errors.cover}
      />
      <SelectField
        name="timezone"
        label={t("organiser.market.timezone")}
        hint={t("organiser.market.timezoneHint")}
        defaultValue={defaults.timezone}
        required
        errors={errors.timezone}
      >
        {timezones.map((zone) => (
          <option key={zone} value={zone}>
            {zone.replace(/_/g, " ")}
          </option>
        ))}
      </SelectField>
      <SelectField
        name="status"
        label={t("organiser.market.status")}
        hint={t("organiser.market.statusHint")}
        defaultValue={defaults.status}
        required
        errors={errors.status}
      >
        {MARKET_STATUSES.map((status) => (
          <option key={status} value={status}>
            {t(`organiser.status.${status}` as MessageKey)}
          </option>
        ))}
      </SelectField>
      {mode === "edit" ? (
        <TextField
          name="commission"
          label={t("money.commission.label")}
          hint={t("money.commission.hint")}
          defaultValue={defaults.commission}
          inputMode="decimal"
          autoComplete="off"
          maxLength={10}
          errors={errors.commission}
        />
      ) : null}
      <SubmitButton>{mode === "create" ? t("organiser.market.create") : t("form.save")}</SubmitButton>
    </Form>
  );
}
