import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { FormError, SubmitButton } from "~/components/forms";
import { ProductFields } from "~/components/merchant/product-fields";
import { readUploadForm, removeImageFiles, storeOptionalPhoto } from "~/models/photo.server";
import { createProduct } from "~/models/product.server";
import { productSchema } from "~/schemas/merchant";
import { requireStallOwner } from "~/utils/auth.server";
import { validateForm } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { useMerchantResult } from "~/components/merchant/result";
import { env } from "~/utils/env.server";
import { uploadedFile } from "~/utils/uploads.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStallOwner(request, params.stallId!);
  return { maxBytes: env.MAX_UPLOAD_BYTES };
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
  let created: { id: string };
  try {
    created = await createProduct({
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
  // "Ajouter un autre": the same form again, empty, saying which one was saved.
  if (read.formData.get("then") === "another") return { ok: true as const, savedId: created.id, savedName: name };
  return redirect(`/merchant/stalls/${params.stallId}/products`);
}

export default function NewProduct() {
  const { maxBytes } = useLoaderData<typeof loader>();
  const result = useMerchantResult();
  const t = useT();
  const saved = useSavedProduct();
  const formRef = useRef<HTMLFormElement>(null);
  // After "Ajouter un autre" the form is a new one (its key), empty; the name field takes focus.
  useEffect(() => {
    if (saved) formRef.current?.querySelector<HTMLInputElement>("#product-name")?.focus();
  }, [saved]);
  return (
    <section aria-labelledby="new-product-title">
      <h1 id="new-product-title" className="mb-4 font-display text-3xl text-fir-800">
        {t("merchant.product.newTitle")}
      </h1>
      <div role="status" aria-live="polite">
        {saved ? (
          <p className="mb-4 rounded-lg border border-fir-600/40 bg-fir-50 px-3 py-2 font-semibold text-fir-800">
            <span aria-hidden="true">✓ </span>
            {t("merchantSetup.product.saved", { name: saved.name })}
          </p>
        ) : null}
      </div>
      <Form
        key={saved?.id ?? "first"}
        ref={formRef}
        method="post"
        encType="multipart/form-data"
        noValidate
        className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-fir-600/20"
      >
        <FormError error={result.formError} />
        <ProductFields errors={result.errors} maxBytes={maxBytes} canAddPhoto />
        <div className="grid gap-3">
          <SubmitButton name="then" value="another" className="w-full text-lg">
            {t("merchantSetup.product.saveAnother")}
          </SubmitButton>
          <SubmitButton
            name="then"
            value="done"
            className="w-full bg-white text-lg !text-fir-800 ring-1 ring-fir-600/50 hover:!bg-fir-50"
          >
            {t("merchantSetup.product.saveDone")}
          </SubmitButton>
        </div>
      </Form>
    </section>
  );
}

/** The product "Ajouter un autre" just saved, if that is what the action answered. */
function useSavedProduct(): { id: string; name: string } | null {
  const value: unknown = useActionData();
  if (typeof value !== "object" || value === null || !("savedId" in value) || !("savedName" in value)) return null;
  const { savedId, savedName } = value;
  return typeof savedId === "string" && typeof savedName === "string" ? { id: savedId, name: savedName } : null;
}
