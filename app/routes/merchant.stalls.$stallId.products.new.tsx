import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { FormError, SubmitButton } from "~/components/forms";
import { ProductFields } from "~/components/merchant/product-fields";
import { readUploadForm, removeImageFiles, storeOptionalPhoto } from "~/models/photo.server";
import { createProduct } from "~/models/product.server";
import { productSchema } from "~/schemas/merchant";
import { requireStallOwner } from "~/utils/auth.server";
import { validateForm } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { useMerchantResult } from "~/components/merchant/result";
import { ACCEPTED_IMAGE_TYPES, uploadedFile } from "~/utils/uploads.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStallOwner(request, params.stallId!);
  return { accept: ACCEPTED_IMAGE_TYPES.join(",") };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireStallOwner(request, params.stallId!);
  const read = await readUploadForm(request);
  if (!read.ok) return read.response;
  const parsed = validateForm(read.formData, productSchema);
  if (!parsed.ok) return parsed.response;
  const { name, description, price, stock, photoAlt } = parsed.value;

  const file = uploadedFile(read.formData.get("photo"));
  const stored = await storeOptionalPhoto(file, "photo");
  if (!stored.ok) return stored.response;
  const { photo } = stored;
  try {
    await createProduct({
      stallId: params.stallId!,
      name,
      description,
      priceCents: price,
      stock,
      photo: photo && { ...photo, alt: photoAlt || name },
    });
  } catch (error) {
    if (photo) await removeImageFiles(photo);
    throw error;
  }
  return redirect(`/merchant/stalls/${params.stallId}/products`);
}

export default function NewProduct() {
  const { accept } = useLoaderData<typeof loader>();
  const result = useMerchantResult();
  const t = useT();
  return (
    <section aria-labelledby="new-product-title">
      <h1 id="new-product-title" className="mb-4 font-display text-3xl text-fir-800">
        {t("merchant.product.newTitle")}
      </h1>
      <Form
        method="post"
        encType="multipart/form-data"
        noValidate
        className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-fir-600/20"
      >
        <FormError error={result.formError} />
        <ProductFields errors={result.errors} accept={accept} canAddPhoto />
        <SubmitButton className="w-full text-lg">{t("merchant.product.create")}</SubmitButton>
      </Form>
    </section>
  );
}
