import type { MessageKey } from "~/i18n";
import { useT } from "~/utils/i18n";

/** A live page's connection: a pulsing dot while connected, a still one once it dropped. */
export function LiveDot({
  connected,
  offline,
  labels,
}: {
  connected: boolean;
  offline: boolean;
  labels: { live: MessageKey; offline: MessageKey };
}) {
  const t = useT();
  if (!connected && !offline) return null;
  return (
    <p className="flex items-center gap-2 text-sm font-semibold text-fir-900" data-live={connected ? "on" : "off"}>
      <span
        aria-hidden="true"
        className={`inline-block size-3 rounded-full ${connected ? "animate-pulse bg-fir-600" : "bg-gold-600"}`}
      />
      {connected ? t(labels.live) : t(labels.offline)}
    </p>
  );
}
