import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { FormError, SubmitButton } from "~/components/forms";
import { StallFields } from "~/components/merchant/stall-fields";
import { SavedNotice } from "~/components/merchant/notice";
import { getOwnedStall, updateStallDetails } from "~/models/stall.server";
import { getStallPickupPoints, setStallPickupPoints } from "~/models/pickup.server";
import { StallPickupPoints } from "~/components/pickup/stall-points";
import { stallPointsSchema } from "~/schemas/pickup";
import { missingLegalFields } from "~/models/stall-legal";
import { stallSchema } from "~/schemas/merchant";
import { requireStallOwner } from "~/utils/auth.server";
import { formFailure, validateForm, readForm } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { useMerchantResult } from "~/components/merchant/result";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStallOwner(request, params.stallId!);
  const stall = await getOwnedStall(user.id, params.stallId!);
  if (!stall) throw new Response("Not found", { status: 404 });
  return { stall, pickupPoints: await getStallPickupPoints(stall.id) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireStallOwner(request, params.stallId!);
  const form = await readForm(request);
  if (form.get("intent") === "pickup") {
    const points = validateForm(form, stallPointsSchema);
    if (!points.ok) return points.response;
    await setStallPickupPoints(params.stallId!, points.value.pointIds);
    return { ok: true as const, message: "pickup.stall.saved" as const };
  }
  const parsed = validateForm(form, stallSchema);
  if (!parsed.ok) return parsed.response;
  const saved = await updateStallDetails(user.id, params.stallId!, parsed.value);
  if (saved === "notFound") return formFailure({}, "merchant.error.notFound", 404);
  if (saved === "identityRequired") {
    const errors = Object.fromEntries(missingLegalFields(parsed.value).map((field) => [field, ["form.required"]]));
    return formFailure(errors, "legal.field.requiredWhileApproved");
  }
  return { ok: true as const, message: "merchant.stall.saved" as const };
}

export default function EditStall() {
  const { stall, pickupPoints } = useLoaderData<typeof loader>();
  const result = useMerchantResult();
  const t = useT();
  return (
    <section aria-labelledby="edit-stall-title">
      <h1 id="edit-stall-title" className="mb-4 font-display text-3xl text-fir-800">
        {t("merchant.stall.editTitle")}
      </h1>
      <SavedNotice message={result.message} />
      <StallPickupPoints points={pickupPoints} />
      <Form method="post" noValidate className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-fir-600/20">
        <FormError error={result.formError} />
        <StallFields defaults={stall} errors={result.errors} />
        <SubmitButton className="w-full text-lg">{t("form.save")}</SubmitButton>
      </Form>
    </section>
  );
}
