// The header's "Commandes reçues" for a merchant: the orders paid at their stalls that still have
// lines to prepare, counted live (use-orders-to-prepare.ts). Their own purchases stay under
// "Mes commandes". A rise is announced to screen readers.
import { Link } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import type { Translate } from "~/i18n";
import { useOrdersToPrepare } from "~/realtime/use-orders-to-prepare";

export function OrdersReceivedLink({ loaded, to, t }: { loaded: number; to: string; t: Translate }) {
  const count = useOrdersToPrepare(loaded);
  const label = t("alerts.nav.receivedCount", { count });
  const previous = useRef(count);
  const [announcement, setAnnouncement] = useState("");
  useEffect(() => {
    if (count > previous.current) setAnnouncement(label);
    previous.current = count;
  }, [count, label]);
  return (
    <>
      <Link
        className="inline-flex min-h-11 items-center gap-1 rounded-full px-2 underline-offset-4 hover:bg-fir-700 sm:hover:bg-transparent sm:hover:underline"
        to={to}
        aria-label={label}
        data-testid="orders-received"
      >
        {/* On a phone the header has room for a picture only; the label names the link. */}
        <span aria-hidden="true" className="text-lg sm:hidden">
          📦
        </span>
        <span className="whitespace-nowrap max-sm:hidden">{t("alerts.nav.received")}</span>
        <span
          aria-hidden="true"
          className={`min-w-5 rounded-full px-1.5 text-center text-xs font-bold ${count > 0 ? "bg-wine-700 text-snow" : "bg-fir-700 text-snow"}`}
        >
          {count}
        </span>
      </Link>
      <span className="sr-only" role="status" aria-live="polite">
        {announcement}
      </span>
    </>
  );
}
