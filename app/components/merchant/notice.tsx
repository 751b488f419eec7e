import type { MessageKey } from "~/i18n";
import { useT } from "~/utils/i18n";

/** A confirmation after a save, announced politely by screen readers. */
export function SavedNotice({ message }: { message?: MessageKey | null }) {
  const t = useT();
  return (
    <div role="status" aria-live="polite">
      {message ? (
        <p className="mb-4 rounded-lg border border-fir-600/40 bg-fir-50 px-3 py-2 font-semibold text-fir-800">
          <span aria-hidden="true">✓ </span>
          {t(message)}
        </p>
      ) : null}
    </div>
  );
}
