// The merchant's transfers, per order of their stall(s): what their lines came to, the town's
// commission, the transfer to their Stripe account and what was taken back. One card per order:
// it reads the same on a phone and on a desktop, and a screen reader gets each figure's label.
import type { MessageKey } from "~/i18n";
import type { MerchantTransferRow } from "~/models/merchant-payouts.server";
import { formatDateTime, formatPrice } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n";

const STATUS_TONE: Record<string, string> = {
  SENT: "bg-fir-700 text-snow",
  PENDING: "bg-gold-300 text-bark",
  WAITING: "bg-gold-300 text-bark",
  NONE: "bg-gray-200 text-gray-800",
  FAILED: "bg-wine-700 text-snow",
  SUCCEEDED: "bg-fir-700 text-snow",
  DEDUCTED: "bg-gray-200 text-gray-800",
};

// Dates and row data travel through the loader as JSON: strings, not Date objects.
type Row = MerchantTransferRow;

/** `limit` is MERCHANT_TRANSFERS_LIMIT, passed by the loader (a .server module stays on the server). */
export function MerchantTransfers({ rows, truncated, limit }: { rows: Row[]; truncated: boolean; limit: number }) {
  const t = useT();
  const locale = useLocale();
  const price = (cents: number) => formatPrice(cents, locale);
  return (
    <section aria-labelledby="transfers-title" className="mt-8">
      <h2 id="transfers-title" className="font-display text-2xl text-fir-900">
        {t("money.merchant.title")}
      </h2>
      <p className="mt-1 mb-4 text-bark">{t("money.merchant.intro")}</p>
      {rows.length === 0 ? (
        <p className="rounded-lg bg-fir-50 px-4 py-3 text-fir-900">{t("money.merchant.none")}</p>
      ) : (
        <ul className="space-y-3">
          {rows.map((row) => (
            <li
              key={row.key}
              data-order-id={row.orderId}
              data-stall-id={row.stallId}
              className="rounded-xl border border-fir-100 bg-white p-3 shadow-sm"
            >
              <h3 className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
                <span className="font-semibold text-fir-900">{t("money.merchant.order", { id: row.reference })}</span>
                <span className="text-sm text-bark">
                  {row.stallName} · {formatDateTime(row.paidAt, row.timezone, locale)}
                </span>
              </h3>
              <dl className="mt-2 max-w-md text-sm text-bark">
                <Figure label={t("money.merchant.lines")} value={price(row.grossCents)} />
                <Figure label={t("money.merchant.commission")} value={`− ${price(row.commissionCents)}`} />
                <Figure label={t("money.merchant.due")} value={price(row.amountCents)} strong />
                <div className="flex items-center justify-between gap-2 py-0.5">
                  <dt>{t("money.merchant.transfer")}</dt>
                  <dd className="flex flex-wrap items-center justify-end gap-2">
                    <span
                      className={`rounded-full px-2 py-0.5 text-xs font-semibold ${STATUS_TONE[row.transferStatus] ?? STATUS_TONE.NONE}`}
                    >
                      {t(`money.transfer.${row.transferStatus}` as MessageKey)}
                    </span>
                    {row.transferAt && row.transferStatus === "SENT" ? (
                      <span>{formatDateTime(row.transferAt, row.timezone, locale)}</span>
                    ) : null}
                  </dd>
                </div>
              </dl>
              {row.reversals.length > 0 ? (
                <div className="mt-2 border-t border-fir-100 pt-2 text-sm text-bark">
                  <h4 className="font-semibold text-fir-900">{t("money.merchant.reversals")}</h4>
                  <ul>
                    {row.reversals.map((r) => (
                      <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-0.5">
                        <span>
                          {t(`money.reason.${r.reason}` as MessageKey)} · {formatDateTime(r.at, row.timezone, locale)}
                        </span>
                        <span className="flex items-center gap-2">
                          <span className="tabular-nums">− {price(r.amountCents)}</span>
                          <span
                            className={`rounded-full px-2 py-0.5 text-xs font-semibold ${STATUS_TONE[r.status] ?? STATUS_TONE.PENDING}`}
                          >
                            {t(`money.reversal.${r.status}` as MessageKey)}
                          </span>
                        </span>
                      </li>
                    ))}
                  </ul>
                  {row.leftCents !== row.amountCents ? (
                    <dl className="max-w-md">
                      <Figure label={t("money.merchant.left")} value={price(row.leftCents)} strong />
                    </dl>
                  ) : null}
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {truncated ? <p className="mt-2 text-sm text-bark">{t("money.merchant.more", { n: limit })}</p> : null}
    </section>
  );
}

function Figure({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  return (
    <div className="flex justify-between gap-2 py-0.5">
      <dt>{label}</dt>
      <dd className={`tabular-nums ${strong ? "font-bold text-fir-900" : ""}`}>{value}</dd>
    </div>
  );
}
