import { SelectField, TextAreaField, TextField } from "~/components/forms";
import { STALL_CATEGORIES } from "~/models/categories";
import { LEGAL_ADDRESS_MAX, LEGAL_NAME_MAX } from "~/models/stall-legal";
import { DESCRIPTION_MAX, PICKUP_MAX, STALL_NAME_MAX } from "~/schemas/merchant";
import { useT } from "~/utils/i18n";

/**
 * The stall's own fields, shared by the stall's page and the invitation page. `essentialOnly`:
 * what opening needs (name, category, description); pickup and the legal identity come later,
 * before the approval that needs them (app/models/stall-review.server.ts).
 */
export function StallFields({
  defaults,
  errors,
  essentialOnly = false,
}: {
  defaults?: {
    name: string;
    category: string;
    description: string;
    pickupDetails: string;
    legalName: string;
    siret: string;
    legalAddress: string;
  };
  errors: Record<string, string[]>;
  essentialOnly?: boolean;
}) {
  const t = useT();
  return (
    <>
      <TextField
        id="stall-name"
        name="name"
        label={t("merchant.field.stallName")}
        defaultValue={defaults?.name}
        required
        maxLength={STALL_NAME_MAX}
        autoComplete="organization"
        errors={errors.name}
      />
      <SelectField
        id="stall-category"
        name="category"
        label={t("merchant.field.category")}
        defaultValue={defaults?.category ?? ""}
        required
        errors={errors.category}
      >
        <option value="" disabled>
          {t("merchant.field.categoryChoose")}
        </option>
        {STALL_CATEGORIES.map((category) => (
          <option key={category} value={category}>
            {t(`category.${category}`)}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        id="stall-description"
        name="description"
        label={t("merchant.field.description")}
        hint={t("merchant.field.descriptionHint")}
        defaultValue={defaults?.description}
        maxLength={DESCRIPTION_MAX}
        errors={errors.description}
      />
      {/* Shown after all when one of them was sent and refused: its message must be seen. */}
      {essentialOnly && !LATER_FIELDS.some((f) => errors[f]) ? null : (
        <LaterFields defaults={defaults} errors={errors} />
      )}
    </>
  );
}

const LATER_FIELDS = ["pickupDetails", "legalName", "siret", "legalAddress"] as const;

function LaterFields({
  defaults,
  errors,
}: {
  defaults?: { pickupDetails: string; legalName: string; siret: string; legalAddress: string };
  errors: Record<string, string[]>;
}) {
  const t = useT();
  return (
    <>
      <TextAreaField
        id="stall-pickup"
        name="pickupDetails"
        label={t("merchant.field.pickup")}
        hint={t("merchant.field.pickupHint")}
        defaultValue={defaults?.pickupDetails}
        maxLength={PICKUP_MAX}
        rows={3}
        errors={errors.pickupDetails}
      />
      <fieldset aria-describedby="stall-legal-hint" className="mb-4 rounded-xl border border-fir-600/30 p-3">
        <legend className="px-1 font-semibold text-fir-900">{t("legal.field.legend")}</legend>
        <p id="stall-legal-hint" className="mb-3 text-sm text-fir-700">
          {t("legal.field.hint")}
        </p>
        <TextField
          id="stall-legal-name"
          name="legalName"
          label={t("legal.field.legalName")}
          defaultValue={defaults?.legalName}
          maxLength={LEGAL_NAME_MAX}
          errors={errors.legalName}
        />
        <TextField
          id="stall-siret"
          name="siret"
          label={t("legal.field.siret")}
          hint={t("legal.field.siretHint")}
          defaultValue={defaults?.siret}
          inputMode="numeric"
          maxLength={20}
          errors={errors.siret}
        />
        <TextAreaField
          id="stall-legal-address"
          name="legalAddress"
          label={t("legal.field.legalAddress")}
          defaultValue={defaults?.legalAddress}
          maxLength={LEGAL_ADDRESS_MAX}
          rows={2}
          autoComplete="street-address"
          errors={errors.legalAddress}
        />
      </fieldset>
    </>
  );
}
