import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { FormError } from "~/components/forms";
import { SavedNotice } from "~/components/merchant/notice";
import { listStallProducts, moveProduct, setProductActive } from "~/models/product.server";
import { productMoveSchema, productVisibilitySchema } from "~/schemas/merchant";
import { requireStallOwner } from "~/utils/auth.server";
import { formatPrice } from "~/utils/format";
import { formFailure, validateForm, readForm } from "~/utils/forms.server";
import { useLocale, useT } from "~/utils/i18n";
import { useMerchantResult } from "~/components/merchant/result";

/** A count the import's redirect put in the address (?created=3&updated=2), else null. */
function countParam(url: URL, name: string): number | null {
  const value = url.searchParams.get(name);
  return value !== null && /^\d{1,4}$/.test(value) ? Number(value) : null;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStallOwner(request, params.stallId!);
  const url = new URL(request.url);
  const created = countParam(url, "created");
  const updated = countParam(url, "updated");
  return {
    stallId: params.stallId!,
    products: await listStallProducts(params.stallId!),
    imported: created === null || updated === null ? null : { created, updated },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireStallOwner(request, params.stallId!);
  const form = await readForm(request);
  if (form.get("intent") === "visibility") {
    const parsed = validateForm(form, productVisibilitySchema);
    if (!parsed.ok) return parsed.response;
    const active = parsed.value.active === "true";
    if (!(await setProductActive(params.stallId!, parsed.value.productId, active))) {
      return formFailure({}, "merchant.error.notFound", 404);
    }
    return {
      ok: true as const,
      message: active ? ("merchant.products.shownNow" as const) : ("merchant.products.hiddenNow" as const),
    };
  }
  const parsed = validateForm(form, productMoveSchema);
  if (!parsed.ok) return parsed.response;
  if (!(await moveProduct(params.stallId!, parsed.value.productId, parsed.value.direction))) {
    return formFailure({}, "merchant.error.notFound", 404);
  }
  return { ok: true as const, message: "merchant.products.moved" as const };
}

const smallButton =
  "inline-flex min-h-12 min-w-12 items-center justify-center rounded-full px-3 font-semibold ring-1 ring-fir-600/50 text-fir-800 hover:bg-fir-50 disabled:opacity-40";

export default function StallProducts() {
  const { stallId, products, imported } = useLoaderData<typeof loader>();
  const result = useMerchantResult();
  const t = useT();
  const locale = useLocale();
  return (
    <section aria-labelledby="products-title">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h1 id="products-title" className="font-display text-3xl text-fir-800">
          {t("merchant.products.title")}
        </h1>
        <div className="flex flex-wrap gap-2">
          <Link
            to={`/merchant/stalls/${stallId}/products/import`}
            className="inline-flex min-h-12 items-center rounded-full bg-white px-5 font-semibold text-fir-800 ring-1 ring-fir-600/50 hover:bg-fir-50"
          >
            {t("import.link")}
          </Link>
          <Link
            to={`/merchant/stalls/${stallId}/products/new`}
            className="inline-flex min-h-12 items-center rounded-full bg-fir-700 px-5 font-semibold text-snow hover:bg-fir-800"
          >
            {/* A margin, not a space: a flex item's trailing space is dropped ("+Ajouter"). */}
            <span aria-hidden="true" className="mr-1.5">
              +
            </span>
            {t("merchant.products.add")}
          </Link>
        </div>
      </div>
      {imported && !result.message ? (
        <p
          role="status"
          className="mb-4 rounded-lg border border-fir-600/40 bg-fir-50 px-3 py-2 font-semibold text-fir-800"
        >
          <span aria-hidden="true">✓ </span>
          {t("import.done", { create: imported.created, update: imported.updated })}
        </p>
      ) : null}
      <SavedNotice message={result.message} />
      <FormError error={result.formError} />
      {products.length === 0 ? (
        <p className="rounded-lg bg-gold-100 px-3 py-2">{t("merchant.products.none")}</p>
      ) : (
        <ol className="space-y-3">
          {products.map((product, index) => (
            <li
              key={product.id}
              className={`rounded-2xl p-4 shadow-sm ring-1 ring-fir-600/20 ${product.active ? "bg-white" : "bg-stone-100"}`}
            >
              <div className="flex gap-3">
                {product.photos[0] ? (
                  <img
                    src={product.photos[0].thumbSrc}
                    alt=""
                    className="size-16 shrink-0 rounded-lg object-cover"
                    loading="lazy"
                  />
                ) : null}
                <div className="min-w-0 flex-1">
                  <h2 className="font-semibold text-fir-900">
                    <Link
                      to={`/merchant/stalls/${stallId}/products/${product.id}`}
                      className="underline underline-offset-4"
                    >
                      {product.name}
                    </Link>
                  </h2>
                  <p className="text-sm text-bark">
                    {formatPrice(product.priceCents, locale)} ·{" "}
                    {t("merchant.products.stockCount", { n: product.stock })}
                    {product.active ? null : (
                      <span className="ml-2 rounded-full bg-stone-300 px-2 py-0.5 text-xs font-semibold text-bark">
                        {t("merchant.products.hidden")}
                      </span>
                    )}
                  </p>
                </div>
              </div>
              <div className="mt-3 flex flex-wrap gap-2">
                <Form method="post">
                  <input type="hidden" name="intent" value="visibility" />
                  <input type="hidden" name="productId" value={product.id} />
                  <input type="hidden" name="active" value={product.active ? "false" : "true"} />
                  <button type="submit" className={smallButton}>
                    {t(product.active ? "merchant.products.hide" : "merchant.products.show")}
                    <span className="sr-only"> ({product.name})</span>
                  </button>
                </Form>
                <Form method="post">
                  <input type="hidden" name="intent" value="move" />
                  <input type="hidden" name="productId" value={product.id} />
                  <input type="hidden" name="direction" value="up" />
                  <button type="submit" className={smallButton} disabled={index === 0}>
                    <span aria-hidden="true">↑</span>
                    <span className="sr-only">{t("merchant.products.moveUp", { name: product.name })}</span>
                  </button>
                </Form>
                <Form method="post">
                  <input type="hidden" name="intent" value="move" />
                  <input type="hidden" name="productId" value={product.id} />
                  <input type="hidden" name="direction" value="down" />
                  <button type="submit" className={smallButton} disabled={index === products.length - 1}>
                    <span aria-hidden="true">↓</span>
                    <span className="sr-only">{t("merchant.products.moveDown", { name: product.name })}</span>
                  </button>
                </Form>
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
