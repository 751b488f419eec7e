// The town's commission, said to a merchant before they accept an invitation to sell.
import { formatBps } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n";

export function CommissionNotice({ bps }: { bps: number }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section
      aria-labelledby="commission-title"
      className="mb-6 rounded-lg border border-fir-100 bg-white px-3 py-2 text-bark"
      data-commission-bps={bps}
    >
      <h2 id="commission-title" className="font-semibold text-fir-900">
        {t("money.invite.title")}
      </h2>
      <p>{bps === 0 ? t("money.invite.none") : t("money.invite.rate", { rate: formatBps(bps, locale) })}</p>
      <p className="mt-1 text-sm">{t("money.invite.how")}</p>
    </section>
  );
}
