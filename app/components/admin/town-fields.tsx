// The town's fields (app/schemas/town.ts), for /admin's "Nouvelle ville" and a town's edit form.
import { TextField } from "~/components/forms";
import { useT } from "~/utils/i18n";

const TOWN_FIELDS = ["name", "slug", "address", "contactEmail", "contactPhone"];

/** A refusal of the town's form (not of the team's, on the same page): it names a town field. */
export function isTownFailure(result: unknown): boolean {
  if (typeof result !== "object" || result === null || !("errors" in result)) return false;
  const errors = (result as { errors: Record<string, string[]> }).errors;
  return TOWN_FIELDS.some((field) => field in errors);
}

export type TownValues = { name: string; slug: string; address: string; contactEmail: string; contactPhone: string };

export function TownFields({
  prefix,
  values,
  errors,
}: {
  /** Keeps ids unique when two forms are on one page. */
  prefix: string;
  values?: TownValues;
  errors?: Record<string, string[]>;
}) {
  const t = useT();
  return (
    <>
      <TextField
        id={`${prefix}-name`}
        name="name"
        label={t("admin.town.name")}
        defaultValue={values?.name}
        required
        errors={errors?.name}
      />
      <TextField
        id={`${prefix}-slug`}
        name="slug"
        label={t("admin.town.slug")}
        hint={t("admin.town.slugHint")}
        defaultValue={values?.slug}
        required
        autoCapitalize="none"
        spellCheck={false}
        errors={errors?.slug}
      />
      <TextField
        id={`${prefix}-address`}
        name="address"
        label={t("admin.town.address")}
        defaultValue={values?.address}
        autoComplete="street-address"
        errors={errors?.address}
      />
      <TextField
        id={`${prefix}-email`}
        name="contactEmail"
        type="email"
        label={t("admin.town.contactEmail")}
        defaultValue={values?.contactEmail}
        autoCapitalize="none"
        errors={errors?.contactEmail}
      />
      <TextField
        id={`${prefix}-phone`}
        name="contactPhone"
        type="tel"
        label={t("admin.town.contactPhone")}
        defaultValue={values?.contactPhone}
        errors={errors?.contactPhone}
      />
    </>
  );
}
