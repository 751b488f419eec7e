import type { MessageKey } from "~/i18n";
import { useT } from "~/utils/i18n";

const LOOK: Record<string, { className: string; label: MessageKey; icon: string }> = {
  PENDING: { className: "bg-gold-100 text-bark ring-gold-600/40", label: "merchant.status.PENDING", icon: "⏳" },
  APPROVED: { className: "bg-fir-700 text-snow ring-fir-900/20", label: "merchant.status.APPROVED", icon: "✓" },
  REJECTED: { className: "bg-wine-100 text-wine-800 ring-wine-600/40", label: "merchant.status.REJECTED", icon: "✕" },
};

/** The stall's review state; the word carries the meaning, the colour only helps. */
export function StallStatusBadge({ status }: { status: string }) {
  const t = useT();
  const look = LOOK[status] ?? LOOK.PENDING!;
  return (
    <span
      data-status={status}
      className={`inline-flex items-center gap-1.5 rounded-full px-3 py-1 text-sm font-semibold ring-1 ${look.className}`}
    >
      <span aria-hidden="true">{look.icon}</span>
      {t(look.label)}
    </span>
  );
}
