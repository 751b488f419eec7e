import type { ReactNode } from "react";
import type { MessageKey } from "~/i18n";
import type { useInboxAlerts } from "~/realtime/use-merchant-inbox";
import { useT } from "~/utils/i18n";

/**
 * How a merchant's screen gets their attention (sound, vibration), as the inbox and the orders
 * tab both offer it; each page adds its own lines below (notification permission, a hint).
 */
export function AlertSettingsCard({
  alerts,
  id,
  labels,
  children,
}: {
  alerts: ReturnType<typeof useInboxAlerts>;
  /** The heading's id, unique on the page. */
  id: string;
  labels: { title: MessageKey; sound: MessageKey; vibrate: MessageKey; vibrateUnsupported: MessageKey };
  children?: ReactNode;
}) {
  const t = useT();
  const { options, setOption, canVibrate } = alerts;
  return (
    <section aria-labelledby={id} className="mt-8 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-fir-600/20">
      <h2 id={id} className="text-lg font-semibold text-fir-900">
        {t(labels.title)}
      </h2>
      <div className="mt-2 flex flex-wrap gap-x-6">
        <label className="flex min-h-12 cursor-pointer items-center gap-2 text-fir-900">
          <input
            type="checkbox"
            checked={options.sound}
            onChange={(e) => setOption("sound", e.currentTarget.checked)}
            className="size-5 accent-fir-700"
          />
          {t(labels.sound)}
        </label>
        <label className="flex min-h-12 cursor-pointer items-center gap-2 text-fir-900">
          <input
            type="checkbox"
            checked={options.vibrate && canVibrate}
            disabled={!canVibrate}
            onChange={(e) => setOption("vibrate", e.currentTarget.checked)}
            className="size-5 accent-fir-700"
          />
          {canVibrate ? t(labels.vibrate) : t(labels.vibrateUnsupported)}
        </label>
      </div>
      {children}
    </section>
  );
}
