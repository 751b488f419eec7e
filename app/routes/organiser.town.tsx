// "Ma ville": the town's details (name, contact, logo) and its legal notice (publication
// director, host), edited by the town's organisers. ?townId= picks a town for those with several.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormError, SelectField, SubmitButton, TextField } from "~/components/forms";
import { BackToList, buttonSecondary, CheckboxField, linkClass, Notice } from "~/components/organiser/ui";
import { storeOptionalPhoto, uploadFailure } from "~/models/photo.server";
import { getTownSettings, listOrganisedTownNames, updateTownSettings } from "~/models/town.server";
import { TownSettingsSchema, TOWN_NAME_MAX, TOWN_PHONE_MAX, TOWN_TEXT_MAX, TOWN_WEBSITE_MAX } from "~/schemas/town";
import { forbidden, requireTownOrganiser, requireUser } from "~/utils/auth.server";
import { validateForm, type FormErrors } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/i18n.server";
import { readMultipartForm, UploadError, uploadedFile } from "~/utils/uploads.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Chalet" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const towns = await listOrganisedTownNames(user.id);
  if (towns.length === 0) throw forbidden();
  const wanted = new URL(request.url).searchParams.get("townId");
  const townId = wanted ?? towns[0]!.id;
  // Another town's id answers as any town the user does not organise.
  await requireTownOrganiser(request, townId);
  const town = await getTownSettings(townId);
  if (!town) throw forbidden();
  const { t } = await getTranslator(request);
  return { title: `${t("town.settings.title")} · ${town.name} · Chalet`, town, towns };
}

export async function action({ request }: ActionFunctionArgs) {
  let form: FormData;
  try {
    form = await readMultipartForm(request);
  } catch (error) {
    if (error instanceof UploadError) return uploadFailure(error, "logo");
    throw error;
  }
  const townId = form.get("townId");
  if (typeof townId !== "string" || !townId) throw forbidden();
  await requireTownOrganiser(request, townId);
  const parsed = validateForm(form, TownSettingsSchema);
  if (!parsed.ok) return parsed.response;
  const logo = await storeOptionalPhoto(uploadedFile(form.get("logo")), "logo");
  if (!logo.ok) return logo.response;
  const { removeLogo, ...fields } = parsed.value;
  // A new picture wins over "remove"; neither keeps the current one (undefined).
  const logoSrc = logo.photo?.src ?? (removeLogo ? null : undefined);
  await updateTownSettings(townId, { ...fields, logoSrc });
  return data({ ok: true as const });
}

export default function TownSettingsPage() {
  const { town, towns } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as (FormErrors & { ok?: true }) | undefined;
  const errors = actionData?.errors ?? {};
  const t = useT();
  return (
    <div className="max-w-xl">
      <BackToList />
      <h1 className="font-display text-3xl text-fir-800">{t("town.settings.title")}</h1>
      <p className="mt-2 text-fir-900">{t("town.settings.intro")}</p>
      <p className="mt-2">
        <Link to={`/t/${town.slug}`} className={linkClass}>
          {t("town.settings.viewPage")}
        </Link>
      </p>

      {towns.length > 1 ? (
        <Form method="get" className="mt-6 flex flex-wrap items-end gap-3">
          <div className="grow">
            <SelectField name="townId" label={t("town.settings.choose")} defaultValue={town.id}>
              {towns.map((each) => (
                <option key={each.id} value={each.id}>
                  {each.name}
                </option>
              ))}
            </SelectField>
          </div>
          <button type="submit" className={`${buttonSecondary} mb-4`}>
            {t("town.settings.switch")}
          </button>
        </Form>
      ) : null}

      <Form method="post" encType="multipart/form-data" noValidate className="mt-6" key={town.id}>
        {actionData?.ok ? <Notice>{t("town.settings.saved")}</Notice> : null}
        <FormError error={actionData?.formError} />
        <input type="hidden" name="townId" value={town.id} />
        <fieldset className="mb-4">
          <legend className="mb-3 font-display text-xl text-fir-900">{t("town.settings.public")}</legend>
          <TextField
            name="name"
            label={t("town.field.name")}
            defaultValue={town.name}
            required
            maxLength={TOWN_NAME_MAX}
            errors={errors.name}
          />
          <TextField
            name="address"
            label={t("town.field.address")}
            defaultValue={town.address}
            autoComplete="street-address"
            maxLength={TOWN_TEXT_MAX}
            errors={errors.address}
          />
          <TextField
            name="contactEmail"
            type="email"
            inputMode="email"
            autoCapitalize="none"
            spellCheck={false}
            label={t("town.field.email")}
            defaultValue={town.contactEmail}
            maxLength={254}
            errors={errors.contactEmail}
          />
          <TextField
            name="contactPhone"
            type="tel"
            label={t("town.field.phone")}
            defaultValue={town.contactPhone}
            maxLength={TOWN_PHONE_MAX}
            errors={errors.contactPhone}
          />
          <TextField
            name="websiteUrl"
            type="url"
            inputMode="url"
            autoCapitalize="none"
            spellCheck={false}
            label={t("town.field.website")}
            hint={t("town.field.websiteHint")}
            placeholder="https://www.ville.fr"
            defaultValue={town.websiteUrl}
            maxLength={TOWN_WEBSITE_MAX}
            errors={errors.websiteUrl}
          />
          {town.logoSrc ? (
            <div className="mb-4">
              <img
                src={town.logoSrc}
                alt={t("town.field.currentLogo")}
                className="max-h-32 rounded-lg bg-white object-contain"
              />
              <CheckboxField name="removeLogo" label={t("town.field.removeLogo")} />
            </div>
          ) : null}
          <TextField
            name="logo"
            type="file"
            accept="image/jpeg,image/png,image/webp,image/avif"
            label={t("town.field.logo")}
            hint={t("town.field.logoHint")}
            errors={errors.logo}
          />
        </fieldset>
        <fieldset className="mb-4 mt-8">
          <legend className="mb-1 font-display text-xl text-fir-900">{t("town.settings.legal")}</legend>
          <p className="mb-4 text-sm text-fir-700">{t("town.settings.legalHint")}</p>
          <TextField
            name="publicationDirector"
            label={t("town.field.publicationDirector")}
            hint={t("town.field.publicationDirectorHint")}
            defaultValue={town.publicationDirector}
            maxLength={TOWN_TEXT_MAX}
            errors={errors.publicationDirector}
          />
          <TextField
            name="hostName"
            label={t("town.field.hostName")}
            defaultValue={town.hostName}
            maxLength={TOWN_TEXT_MAX}
            errors={errors.hostName}
          />
          <TextField
            name="hostAddress"
            label={t("town.field.hostAddress")}
            defaultValue={town.hostAddress}
            maxLength={TOWN_TEXT_MAX}
            errors={errors.hostAddress}
          />
          <TextField
            name="hostContact"
            label={t("town.field.hostContact")}
            defaultValue={town.hostContact}
            maxLength={TOWN_TEXT_MAX}
            errors={errors.hostContact}
          />
        </fieldset>
        <SubmitButton>{t("form.save")}</SubmitButton>
      </Form>
    </div>
  );
}
