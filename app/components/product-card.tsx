import { stockLabel } from "~/components/resident-text";
import { AddToBasket, useStallMarketOpen } from "~/components/shop/add-to-basket";
import { formatPrice } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n";

export type ProductCardData = {
  id: string;
  name: string;
  description: string;
  priceCents: number;
  stock: number;
  stockVersion: number;
  /** The card's picture, decorative (alt=""): the product's name is next to it. */
  thumbSrc: string | null;
};

const TONES = {
  out: "bg-stone-200 text-bark",
  low: "bg-wine-100 text-wine-800",
  ok: "bg-fir-50 text-fir-800",
} as const;

/**
 * One product. The stock is also in data attributes (data-stock, data-stock-version) so the
 * live stock updates can find and patch it without a reload.
 */
export function ProductCard({
  product,
  marketOpen,
  canTakeOrders = true,
}: {
  product: ProductCardData;
  marketOpen?: boolean;
  /** False: the stall cannot take orders yet (the page says why once, above the products). */
  canTakeOrders?: boolean;
}) {
  const t = useT();
  const open = useStallMarketOpen(marketOpen);
  const locale = useLocale();
  const label = stockLabel(product.stock);
  const soldOut = product.stock <= 0;
  return (
    <article
      className={`flex h-full gap-3 rounded-2xl bg-white p-3 shadow-sm ring-1 ring-bark/10 sm:flex-col sm:p-0 sm:overflow-hidden ${soldOut ? "opacity-80" : ""}`}
      data-product-id={product.id}
      data-stock={product.stock}
      data-stock-version={product.stockVersion}
    >
      <div className="size-24 shrink-0 overflow-hidden rounded-xl bg-gold-100 sm:aspect-[4/3] sm:size-auto sm:rounded-none">
        {product.thumbSrc ? (
          <img
            src={product.thumbSrc}
            alt=""
            width={400}
            height={300}
            loading="lazy"
            className={`size-full object-cover ${soldOut ? "grayscale" : ""}`}
          />
        ) : null}
      </div>
      <div className="flex min-w-0 flex-1 flex-col gap-1 sm:p-4">
        <h3 className="font-display text-lg font-bold leading-snug text-fir-900">{product.name}</h3>
        {product.description ? <p className="text-sm text-bark/85">{product.description}</p> : null}
        <div className="mt-auto flex flex-wrap items-center justify-between gap-2 pt-2">
          <p className="text-lg font-bold text-wine-700" data-price-cents={product.priceCents}>
            {formatPrice(product.priceCents, locale)}
          </p>
          <p
            className={`rounded-full px-2.5 py-0.5 text-sm font-semibold ${TONES[label.tone]}`}
            data-testid="stock-label"
          >
            {t(label.key, label.vars)}
          </p>
        </div>
        {canTakeOrders ? <AddToBasket product={product} soldOut={soldOut} marketOpen={open} /> : null}
      </div>
    </article>
  );
}
