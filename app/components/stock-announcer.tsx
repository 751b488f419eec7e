import { useEffect, useRef, useState } from "react";
import { stockLabel } from "~/components/resident-text";
import type { MessageKey } from "~/i18n";
import { useT } from "~/utils/i18n";

type Shown = { id: string; name: string; stock: number };

const SOLD_OUT: MessageKey = "resident.stock.soldOut";
const LAST_ONE: MessageKey = "resident.stock.lastOne";

/** Whether a label change is worth interrupting a screen reader for. */
function worthSaying(was: MessageKey, is: MessageKey): boolean {
  return was !== is && (is === SOLD_OUT || is === LAST_ONE || was === SOLD_OUT);
}

/**
 * Tells screen readers, politely, when a product shown runs out, gets down to its last one or
 * comes back, with its name ("Miel de sapin : Épuisé"). Not every sale: a stall selling fast
 * would talk over everything else. Silent on the first render (the page says it already).
 */
export function StockAnnouncer({ products }: { products: readonly Shown[] }) {
  const t = useT();
  const [message, setMessage] = useState("");
  const previous = useRef<Map<string, MessageKey> | null>(null);
  const latest = useRef(products);
  latest.current = products;
  // Changes only when a label does: the effect runs for those renders, not for every sale.
  const labels = products.map((p) => `${p.id}=${stockLabel(p.stock).key}`).join("&");

  useEffect(() => {
    const shown = latest.current;
    const now = new Map(shown.map((p) => [p.id, stockLabel(p.stock).key]));
    const before = previous.current;
    previous.current = now;
    if (!before) return;
    const said = shown.flatMap((p) => {
      const was = before.get(p.id);
      const label = stockLabel(p.stock);
      if (!was || !worthSaying(was, label.key)) return [];
      return [t("resident.stock.announce", { name: p.name, label: t(label.key, label.vars) })];
    });
    if (said.length) setMessage(said.join(" "));
  }, [labels, t]);

  return (
    <p className="sr-only" role="status" aria-live="polite" aria-atomic="true" data-testid="stock-announcer">
      {message}
    </p>
  );
}
