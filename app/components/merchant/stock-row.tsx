import { useFetcher } from "@remix-run/react";
import { useState } from "react";
import type { MessageKey } from "~/i18n";
import { STOCK_MAX } from "~/schemas/merchant";
import { formatPrice } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n";

export type StockRowProduct = {
  id: string;
  name: string;
  priceCents: number;
  stock: number;
  stockVersion: number;
  active: boolean;
  /** Units held by orders being paid for (already out of `stock`). */
  reserved: number;
};

/** What the quick stock action answers, success or refusal, always with the stock it saw. */
export type StockActionData = {
  ok?: boolean;
  productId?: string;
  stock?: number;
  stockVersion?: number;
  formError?: string;
  errors?: Record<string, string[]>;
};

const roundButton =
  "inline-flex size-14 shrink-0 items-center justify-center rounded-full text-3xl font-bold leading-none shadow-sm disabled:cursor-not-allowed disabled:opacity-40";

/**
 * One product on the quick stock screen: − and + change the stock by one, the field sets it.
 * Each control is a plain form (works without JavaScript); with JavaScript a fetcher submits
 * it and the number changes at once, then settles on what the server answered.
 */
export function StockRow({ product }: { product: StockRowProduct }) {
  const t = useT();
  const locale = useLocale();
  const fetcher = useFetcher<StockActionData>({ key: `stock-${product.id}` });
  const answer = fetcher.data?.productId === product.id ? fetcher.data : undefined;

  // The newest value the server told us, from the page or from the last answer.
  const known =
    answer?.stock !== undefined && (answer.stockVersion ?? -1) > product.stockVersion
      ? { stock: answer.stock, stockVersion: answer.stockVersion! }
      : { stock: product.stock, stockVersion: product.stockVersion };

  let shown = known.stock;
  const pending = fetcher.formData;
  if (pending?.get("productId") === product.id) {
    if (pending.get("intent") === "adjust") shown = Math.max(0, shown + Number(pending.get("delta")));
    else if (pending.get("intent") === "set") {
      const typed = Number(pending.get("stock"));
      if (Number.isInteger(typed) && typed >= 0) shown = typed;
    }
  }

  // A number being typed stays as typed while sales move the stock live, and is sent against the
  // stock it was typed over: if a sale came in between, the server refuses it (conflict) and
  // shows the new stock rather than silently overwriting the sale.
  const [draft, setDraft] = useState<{ value: string; base: number } | null>(null);
  const forget = () => setDraft(null);

  const error = fetcher.state === "idle" && answer?.formError ? t(answer.formError as MessageKey) : null;
  const setFormId = `set-stock-${product.id}`;
  const nameId = `product-name-${product.id}`;

  return (
    <li className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-fir-600/20" aria-labelledby={nameId}>
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-x-3">
        <h2 id={nameId} className="text-lg font-semibold text-fir-900">
          {product.name}
        </h2>
        <p className="text-sm text-fir-800">
          {formatPrice(product.priceCents, locale)}
          {product.active ? null : (
            <span className="ml-2 rounded-full bg-stone-200 px-2 py-0.5 text-xs font-semibold text-bark">
              {t("merchant.products.hidden")}
            </span>
          )}
        </p>
      </div>

      <div className="flex items-center gap-3">
        <fetcher.Form method="post" onSubmit={forget}>
          <input type="hidden" name="intent" value="adjust" />
          <input type="hidden" name="productId" value={product.id} />
          <input type="hidden" name="delta" value="-1" />
          <button
            type="submit"
            disabled={shown <= 0}
            className={`${roundButton} bg-wine-700 text-snow hover:bg-wine-800`}
          >
            <span aria-hidden="true">−</span>
            <span className="sr-only">{t("merchant.stock.minus", { name: product.name })}</span>
          </button>
        </fetcher.Form>

        <label htmlFor={`stock-${product.id}`} className="sr-only">
          {t("merchant.stock.field", { name: product.name })}
        </label>
        <input
          id={`stock-${product.id}`}
          form={setFormId}
          name="stock"
          type="number"
          inputMode="numeric"
          min={0}
          max={STOCK_MAX}
          step={1}
          value={draft?.value ?? String(shown)}
          onChange={(event) => setDraft({ value: event.target.value, base: draft?.base ?? known.stock })}
          data-testid={`stock-value-${product.id}`}
          className="h-14 w-20 min-w-0 rounded-xl border border-fir-600/40 bg-snow text-center text-2xl font-bold text-bark"
        />

        <fetcher.Form method="post" onSubmit={forget}>
          <input type="hidden" name="intent" value="adjust" />
          <input type="hidden" name="productId" value={product.id} />
          <input type="hidden" name="delta" value="1" />
          <button type="submit" className={`${roundButton} bg-fir-700 text-snow hover:bg-fir-800`}>
            <span aria-hidden="true">+</span>
            <span className="sr-only">{t("merchant.stock.plus", { name: product.name })}</span>
          </button>
        </fetcher.Form>

        <fetcher.Form method="post" id={setFormId} className="ml-auto" onSubmit={forget}>
          <input type="hidden" name="intent" value="set" />
          <input type="hidden" name="productId" value={product.id} />
          <input type="hidden" name="stockWas" value={draft?.base ?? known.stock} />
          <button
            type="submit"
            className="min-h-12 rounded-full px-4 font-semibold text-fir-800 ring-1 ring-fir-600/50 hover:bg-fir-50"
          >
            {t("merchant.stock.set")}
            <span className="sr-only"> ({product.name})</span>
          </button>
        </fetcher.Form>
      </div>

      <p className="mt-2 text-sm font-semibold text-fir-800" data-testid={`stock-held-${product.id}`}>
        {t(
          product.reserved === 0
            ? "numbers.stock.heldNone"
            : product.reserved === 1
              ? "numbers.stock.heldOne"
              : "numbers.stock.held",
          { stock: known.stock, reserved: product.reserved },
        )}
      </p>

      <p role="status" aria-live="polite" className={error ? "mt-2 font-semibold text-wine-700" : "sr-only"}>
        {error ?? (answer ? t("merchant.stock.now", { name: product.name, stock: known.stock }) : "")}
      </p>
    </li>
  );
}
