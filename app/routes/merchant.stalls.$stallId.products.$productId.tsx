import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { FormError, SubmitButton } from "~/components/forms";
import { SavedNotice } from "~/components/merchant/notice";
import { PhotoList } from "~/components/merchant/photo-list";
import { ProductFields } from "~/components/merchant/product-fields";
import {
  countProductPhotos,
  deletePhoto,
  makeMainPhoto,
  readUploadForm,
  removeImageFiles,
  storeOptionalPhoto,
  updatePhotoAlt,
} from "~/models/photo.server";
import { changeStock, getStallProduct, setProductActive, updateProductDetails } from "~/models/product.server";
import {
  photoAltSchema,
  photoDeleteSchema,
  photoMainSchema,
  PRODUCT_PHOTOS_MAX,
  productSchema,
} from "~/schemas/merchant";
import { requireStallOwner } from "~/utils/auth.server";
import { formFailure, validateForm } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { useMerchantResult } from "~/components/merchant/result";
import { env } from "~/utils/env.server";
import { uploadedFile } from "~/utils/uploads.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStallOwner(request, params.stallId!);
  // Scoped by the stall: a product id from another stall is simply not found.
  const product = await getStallProduct(params.stallId!, params.productId!);
  if (!product) throw new Response("Not found", { status: 404 });
  return { product, maxBytes: env.MAX_UPLOAD_BYTES, maxPhotos: PRODUCT_PHOTOS_MAX };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireStallOwner(request, params.stallId!);
  const stallId = params.stallId!;
  const product = await getStallProduct(stallId, params.productId!);
  if (!product) return formFailure({}, "merchant.error.notFound", 404);
  const read = await readUploadForm(request);
  if (!read.ok) return read.response;
  const form = read.formData;

  switch (form.get("intent")) {
    case "alt": {
      const parsed = validateForm(form, photoAltSchema);
      if (!parsed.ok) return parsed.response;
      if (!product.photos.some((p) => p.id === parsed.value.photoId)) {
        return formFailure({}, "merchant.error.notFound", 404);
      }
      await updatePhotoAlt(stallId, parsed.value.photoId, parsed.value.alt);
      return { ok: true as const, message: "merchant.photos.altSaved" as const };
    }
    case "main": {
      const parsed = validateForm(form, photoMainSchema);
      if (!parsed.ok) return parsed.response;
      if (!product.photos.some((p) => p.id === parsed.value.photoId)) {
        return formFailure({}, "merchant.error.notFound", 404);
      }
      await makeMainPhoto(stallId, parsed.value.photoId);
      return { ok: true as const, message: "merchantSetup.photos.mainSaved" as const };
    }
    case "delete": {
      const parsed = validateForm(form, photoDeleteSchema);
      if (!parsed.ok) return parsed.response;
      if (!product.photos.some((p) => p.id === parsed.value.photoId)) {
        return formFailure({}, "merchant.error.notFound", 404);
      }
      await deletePhoto(stallId, parsed.value.photoId);
      return { ok: true as const, message: "merchant.photos.deleted" as const };
    }
    case "visibility": {
      const active = form.get("active") === "true";
      await setProductActive(stallId, product.id, active);
      return {
        ok: true as const,
        message: active ? ("merchant.products.shownNow" as const) : ("merchant.products.hiddenNow" as const),
      };
    }
  }

  const parsed = validateForm(form, productSchema);
  if (!parsed.ok) return parsed.response;
  const { name, description, price, stock, stockWas, photoAlt } = parsed.value;
  const file = uploadedFile(form.get("photo"));
  if (file && (await countProductPhotos(product.id)) >= PRODUCT_PHOTOS_MAX) {
    return formFailure({ photo: ["merchant.photos.tooMany"] });
  }

  // The photo is checked and stored before any database write, so a refused file changes nothing.
  const stored = await storeOptionalPhoto(file, "photo");
  if (!stored.ok) return stored.response;
  const { photo } = stored;
  // Then stock: if it moved since the form was opened (a sale), nothing is written at all.
  if (stock !== (stockWas ?? product.stock)) {
    const changed = await changeStock(stallId, product.id, { set: stock, expected: stockWas });
    if (!changed.ok) {
      if (photo) await removeImageFiles(photo);
      if (changed.reason === "notFound") return formFailure({}, "merchant.error.notFound", 404);
      return data(
        { errors: { stock: ["merchant.product.stockConflict"] }, formError: "merchant.product.stockConflict" },
        { status: 409 },
      );
    }
  }

  try {
    const saved = await updateProductDetails(stallId, product.id, {
      name,
      description,
      priceCents: price,
      photo: photo && { ...photo, alt: photoAlt || name },
    });
    if (saved !== "saved") {
      if (photo) await removeImageFiles(photo);
      if (saved === "notFound") return formFailure({}, "merchant.error.notFound", 404);
      // Parallel saves may all have passed the check above; the transaction counted again.
      return formFailure({ photo: ["merchant.photos.tooMany"] });
    }
  } catch (error) {
    if (photo) await removeImageFiles(photo);
    throw error;
  }
  return { ok: true as const, message: "merchant.product.saved" as const };
}

export default function EditProduct() {
  const { product, maxBytes, maxPhotos } = useLoaderData<typeof loader>();
  const result = useMerchantResult();
  const t = useT();
  return (
    <section aria-labelledby="edit-product-title">
      <p className="mb-2 text-sm">
        <Link to=".." relative="path" className="font-semibold text-fir-800 underline underline-offset-4">
          <span aria-hidden="true">← </span>
          {t("merchant.products.title")}
        </Link>
      </p>
      <h1 id="edit-product-title" className="mb-4 font-display text-3xl text-fir-800">
        {t("merchant.product.editTitle", { name: product.name })}
      </h1>
      <SavedNotice message={result.message} />
      {/* The key re-mounts the form after a save so its defaults show what was stored. */}
      <Form
        key={`${product.stockVersion}-${product.priceCents}-${product.name}`}
        method="post"
        encType="multipart/form-data"
        noValidate
        className="mb-6 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-fir-600/20"
      >
        <FormError error={result.formError} />
        <input type="hidden" name="intent" value="save" />
        <ProductFields
          defaults={product}
          errors={result.errors}
          maxBytes={maxBytes}
          canAddPhoto={product.photos.length < maxPhotos}
        />
        <SubmitButton className="w-full text-lg">{t("form.save")}</SubmitButton>
      </Form>

      <Form method="post" className="mb-6">
        <input type="hidden" name="intent" value="visibility" />
        <input type="hidden" name="active" value={product.active ? "false" : "true"} />
        <p className="mb-2 text-bark">
          {t(product.active ? "merchant.product.visibleHint" : "merchant.product.hiddenHint")}
        </p>
        <button
          type="submit"
          className="min-h-12 w-full rounded-full px-4 font-semibold text-fir-800 ring-1 ring-fir-600/50 hover:bg-fir-50"
        >
          {t(product.active ? "merchant.products.hide" : "merchant.products.show")}
        </button>
      </Form>

      <h2 className="mb-3 text-xl font-semibold text-fir-900">{t("merchant.photos.title")}</h2>
      <PhotoList photos={product.photos} subject={product.name} />
    </section>
  );
}
