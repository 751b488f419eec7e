// Whenever the built-in Stripe sandbox takes the payments (the demo, or STRIPE_SANDBOX=1), every
// page says so: a visitor must never believe a fake payment bought something. The root loader
// tells whether (app/utils/stripe.server.ts, paymentsAreFake).
import { useRouteLoaderData } from "@remix-run/react";
import type { loader as rootLoader } from "~/root";
import { useT } from "~/utils/i18n";

export function usePaymentsAreFake(): boolean {
  return useRouteLoaderData<typeof rootLoader>("root")?.paymentsAreFake ?? false;
}

/** The strip above every page: words and an icon, not colour alone; read first by screen readers. */
export function FakePaymentsBanner() {
  const t = useT();
  if (!usePaymentsAreFake()) return null;
  return (
    <p
      role="note"
      data-testid="fake-payments-banner"
      className="border-b-2 border-bark bg-gold-300 px-4 py-1.5 text-center text-sm font-semibold leading-snug text-bark"
    >
      <span aria-hidden="true">⚠️ </span>
      {t("payments.sandbox.banner")}
    </p>
  );
}

/** On an order's page: this order's payment is not real. */
export function FakePaymentNote() {
  const t = useT();
  if (!usePaymentsAreFake()) return null;
  return (
    <p
      role="note"
      data-testid="fake-payment-note"
      className="rounded-lg border-2 border-bark bg-gold-300/40 px-3 py-2 text-sm font-semibold text-bark"
    >
      <span aria-hidden="true">⚠️ </span>
      {t("payments.sandbox.order")}
    </p>
  );
}
