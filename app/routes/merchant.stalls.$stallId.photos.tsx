import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { FormError, SubmitButton, TextField } from "~/components/forms";
import { SavedNotice } from "~/components/merchant/notice";
import { PhotoList } from "~/components/merchant/photo-list";
import {
  addStallPhotos,
  countStallPhotos,
  deletePhoto,
  listStallPhotos,
  makeMainPhoto,
  readUploadForm,
  removeImageFiles,
  storeImages,
  updatePhotoAlt,
  uploadFailure,
} from "~/models/photo.server";
import { getOwnedStall } from "~/models/stall.server";
import { ALT_MAX, photoAltSchema, photoDeleteSchema, photoMainSchema, STALL_PHOTOS_MAX } from "~/schemas/merchant";
import { hasControlCharacters } from "~/schemas/text";
import { requireStallOwner } from "~/utils/auth.server";
import { formFailure, validateForm } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { useMerchantResult } from "~/components/merchant/result";
import { env } from "~/utils/env.server";
import { UploadError, uploadedFile } from "~/utils/uploads.server";
import { ImagePicker } from "~/components/merchant/image-picker";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStallOwner(request, params.stallId!);
  const [stall, photos] = await Promise.all([
    getOwnedStall(user.id, params.stallId!),
    listStallPhotos(params.stallId!),
  ]);
  if (!stall) throw new Response("Not found", { status: 404 });
  return { stallName: stall.name, photos, max: STALL_PHOTOS_MAX, maxBytes: env.MAX_UPLOAD_BYTES };
}

export async function action({ request, params }: ActionFunctionArgs) {
  // Ownership before the body is read: a stranger's upload is refused without storing a byte.
  await requireStallOwner(request, params.stallId!);
  const stallId = params.stallId!;
  const read = await readUploadForm(request);
  if (!read.ok) return read.response;
  const form = read.formData;

  switch (form.get("intent")) {
    case "upload": {
      const files = form
        .getAll("photos")
        .map(uploadedFile)
        .filter((f): f is File => f !== null);
      if (files.length === 0) return formFailure({ photos: ["merchant.photos.noFile"] });
      const alt = String(form.get("alt") ?? "").trim();
      if (alt.length > ALT_MAX) return formFailure({ alt: ["form.tooLong"] });
      if (hasControlCharacters(alt)) return formFailure({ alt: ["form.controlCharacters"] });
      if ((await countStallPhotos(stallId)) + files.length > STALL_PHOTOS_MAX) {
        return formFailure({ photos: ["merchant.photos.tooMany"] }, "merchant.photos.tooMany");
      }
      try {
        const stored = await storeImages(files);
        // Checked again when writing: parallel uploads may all have passed the check above.
        if (
          !(await addStallPhotos(
            stallId,
            stored.map((image) => ({ ...image, alt })),
          ))
        ) {
          await Promise.all(stored.map(removeImageFiles));
          return formFailure({ photos: ["merchant.photos.tooMany"] }, "merchant.photos.tooMany");
        }
      } catch (error) {
        if (error instanceof UploadError) return uploadFailure(error);
        throw error;
      }
      return { ok: true as const, message: "merchant.photos.added" as const };
    }
    case "alt": {
      const parsed = validateForm(form, photoAltSchema);
      if (!parsed.ok) return parsed.response;
      if (!(await updatePhotoAlt(stallId, parsed.value.photoId, parsed.value.alt))) {
        return formFailure({}, "merchant.error.notFound", 404);
      }
      return { ok: true as const, message: "merchant.photos.altSaved" as const };
    }
    case "main": {
      const parsed = validateForm(form, photoMainSchema);
      if (!parsed.ok) return parsed.response;
      if (!(await makeMainPhoto(stallId, parsed.value.photoId))) return formFailure({}, "merchant.error.notFound", 404);
      return { ok: true as const, message: "merchantSetup.photos.mainSaved" as const };
    }
    case "delete": {
      const parsed = validateForm(form, photoDeleteSchema);
      if (!parsed.ok) return parsed.response;
      if (!(await deletePhoto(stallId, parsed.value.photoId))) return formFailure({}, "merchant.error.notFound", 404);
      return { ok: true as const, message: "merchant.photos.deleted" as const };
    }
    default:
      return formFailure({}, "form.invalidChoice");
  }
}

export default function StallPhotos() {
  const { stallName, photos, max, maxBytes } = useLoaderData<typeof loader>();
  const result = useMerchantResult();
  const t = useT();
  return (
    <section aria-labelledby="photos-title">
      <h1 id="photos-title" className="mb-4 font-display text-3xl text-fir-800">
        {t("merchant.photos.title")}
      </h1>
      <SavedNotice message={result.message} />
      <FormError error={result.formError} />
      <PhotoList photos={photos} subject={stallName} />

      <h2 className="mb-2 text-xl font-semibold text-fir-900">{t("merchant.photos.addTitle")}</h2>
      {photos.length >= max ? (
        <p className="rounded-lg bg-gold-100 px-3 py-2">{t("merchant.photos.full", { max })}</p>
      ) : (
        // A new form (its key) once photos are added: the field no longer holds the ones sent.
        <Form
          key={photos.length}
          method="post"
          encType="multipart/form-data"
          className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-fir-600/20"
        >
          <input type="hidden" name="intent" value="upload" />
          <p className="mb-2 text-sm text-fir-700">{t("merchant.photos.filesHint", { max: max - photos.length })}</p>
          <ImagePicker
            id="photo-files"
            name="photos"
            multiple
            required
            label={t("merchant.photos.files")}
            maxBytes={maxBytes}
            errors={result.errors.photos}
          />
          <TextField
            id="photo-alt"
            name="alt"
            maxLength={ALT_MAX}
            label={t("merchant.photos.newAlt")}
            hint={t("merchant.photos.newAltHint")}
            errors={result.errors.alt}
          />
          <SubmitButton className="w-full text-lg">{t("merchant.photos.upload")}</SubmitButton>
        </Form>
      )}
    </section>
  );
}
