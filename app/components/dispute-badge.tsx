import { useT } from "~/utils/i18n";

/** Mirrors OrderDisputeBadge (app/models/dispute.server.ts), which the browser cannot import. */
export type DisputeState = "open" | "won" | "lost";

const TONES: Record<DisputeState, string> = {
  open: "bg-wine-100 text-wine-800 ring-wine-600/40",
  won: "bg-fir-50 text-fir-900 ring-fir-700/30",
  lost: "bg-stone-200 text-bark ring-bark/30",
};

const LABELS = {
  open: "disputes.badge.open",
  won: "disputes.badge.won",
  lost: "disputes.badge.lost",
} as const;

/** "Litige en cours" (or how it ended) next to an order, wherever an order is shown. */
export function DisputeBadge({ state }: { state: DisputeState | null }) {
  const t = useT();
  if (!state) return null;
  return (
    <span
      className={`inline-flex items-center rounded-full px-3 py-0.5 text-sm font-semibold ring-1 ${TONES[state]}`}
      data-testid="order-dispute"
      data-dispute={state}
    >
      {state === "open" ? (
        <span aria-hidden="true" className="mr-1">
          ⚠️
        </span>
      ) : null}
      {t(LABELS[state])}
    </span>
  );
}
