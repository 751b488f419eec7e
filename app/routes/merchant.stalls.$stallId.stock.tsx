import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import { FormError } from "~/components/forms";
import { StockRow, type StockActionData } from "~/components/merchant/stock-row";
import { StockAnnouncer } from "~/components/stock-announcer";
import { getStallMarketId } from "~/models/live-stock.server";
import { changeStock, listStallProducts, reservedUnits } from "~/models/product.server";
import { stockChangeSchema } from "~/schemas/merchant";
import { requireStallOwner } from "~/utils/auth.server";
import { validateForm, readForm } from "~/utils/forms.server";
import { useLiveStock } from "~/realtime/use-live-stock";
import { useOrdersChanged } from "~/realtime/use-orders-to-prepare";
import { useT } from "~/utils/i18n";
import { useMerchantResult } from "~/components/merchant/result";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStallOwner(request, params.stallId!);
  const [products, marketId, reserved] = await Promise.all([
    listStallProducts(params.stallId!),
    getStallMarketId(params.stallId!),
    reservedUnits(params.stallId!),
  ]);
  return {
    stallId: params.stallId!,
    marketId,
    products: products.map(({ id, name, priceCents, stock, stockVersion, active }) => ({
      id,
      name,
      priceCents,
      stock,
      stockVersion,
      active,
      reserved: reserved[id] ?? 0,
    })),
  };
}

const REFUSALS = {
  insufficient: { key: "merchant.stock.insufficient", status: 400 },
  tooLarge: { key: "merchant.form.stockTooLarge", status: 400 },
  conflict: { key: "merchant.stock.conflict", status: 409 },
} as const;

/** One tap: +1, -1 or a typed number, answered with the stock the server now holds. */
export async function action({ request, params }: ActionFunctionArgs) {
  await requireStallOwner(request, params.stallId!);
  const parsed = validateForm(await readForm(request), stockChangeSchema);
  if (!parsed.ok) return parsed.response as ReturnType<typeof data<StockActionData>>;
  const change = parsed.value;
  const result = await changeStock(
    params.stallId!,
    change.productId,
    change.intent === "adjust" ? { delta: change.delta } : { set: change.stock, expected: change.stockWas },
  );
  if (result.ok) {
    return data<StockActionData>({
      ok: true,
      productId: change.productId,
      stock: result.stock,
      stockVersion: result.stockVersion,
    });
  }
  if (result.reason === "notFound") {
    return data<StockActionData>({ errors: {}, formError: "merchant.error.notFound" }, { status: 404 });
  }
  const refusal = REFUSALS[result.reason];
  return data<StockActionData>(
    {
      errors: {},
      formError: refusal.key,
      productId: change.productId,
      stock: result.stock,
      stockVersion: result.stockVersion,
    },
    { status: refusal.status },
  );
}

export default function QuickStock() {
  const { stallId, marketId, products: loaded } = useLoaderData<typeof loader>();
  // Sales show as they happen: each row at the newest of the page's data and the live news.
  const liveStock = useLiveStock(
    marketId,
    loaded.map((p) => ({ productId: p.id, stock: p.stock, stockVersion: p.stockVersion })),
  );
  const products = loaded.map((p) => ({ ...p, ...liveStock(p.id) }));
  // A reservation or a release moves the stock: the reserved figures are read again with it. A
  // payment moves no stock but ends its hold: the owner's order news asks too (byStall lists only
  // stalls with orders to prepare, so any news of the owner's counts).
  const revalidator = useRevalidator();
  const behind = loaded.some((p) => (liveStock(p.id)?.stockVersion ?? 0) > p.stockVersion);
  const [orderNews, setOrderNews] = useState({ heard: 0, read: 0 });
  useOrdersChanged(() => setOrderNews((news) => ({ ...news, heard: news.heard + 1 })));
  useEffect(() => {
    if (revalidator.state !== "idle") return;
    if (orderNews.heard !== orderNews.read) setOrderNews((news) => ({ ...news, read: news.heard }));
    if (behind || orderNews.heard !== orderNews.read) revalidator.revalidate();
  }, [behind, orderNews, revalidator]);
  // Only set when the page was posted without JavaScript; fetchers keep their own answers.
  const result = useMerchantResult();
  const t = useT();
  return (
    <section aria-labelledby="stock-title">
      <h1 id="stock-title" className="font-display text-3xl text-fir-800">
        {t("merchant.stock.title")}
      </h1>
      <p className="text-bark">{t("merchant.stock.intro")}</p>
      <p className="mb-4 text-sm text-bark/85">{t("numbers.stock.heldHint")}</p>
      <FormError error={result.formError} />
      <StockAnnouncer products={products} />
      {products.length === 0 ? (
        <p className="rounded-lg bg-gold-100 px-3 py-2">
          {t("merchant.products.none")}{" "}
          <Link to={`/merchant/stalls/${stallId}/products/new`} className="font-semibold underline">
            {t("merchant.products.add")}
          </Link>
        </p>
      ) : (
        <ul className="space-y-3">
          {products.map((product) => (
            <StockRow key={product.id} product={product} />
          ))}
        </ul>
      )}
    </section>
  );
}
