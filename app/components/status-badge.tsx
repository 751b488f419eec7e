// The market's state at a glance. "Open" pulses gently (the dot only, and not at all with
// reduced motion) so a live market looks live; the word carries the meaning, not the colour.
export function StatusBadge({
  tone,
  label,
  size = "md",
}: {
  tone: "open" | "soon" | "closed";
  label: string;
  size?: "sm" | "md";
}) {
  const colours =
    tone === "open"
      ? "bg-fir-700 text-snow ring-fir-900/20"
      : tone === "soon"
        ? "bg-gold-100 text-bark ring-gold-600/30"
        : "bg-stone-200 text-bark ring-bark/15";
  const padding = size === "sm" ? "px-2.5 py-0.5 text-xs" : "px-3 py-1 text-sm";
  return (
    <span
      className={`inline-flex items-center gap-1.5 rounded-full font-semibold ring-1 ${colours} ${padding}`}
      data-status={tone}
    >
      {tone === "open" ? (
        <span className="relative flex size-2.5" aria-hidden="true">
          <span className="absolute inline-flex size-full animate-ping rounded-full bg-gold-300 opacity-75" />
          <span className="relative inline-flex size-2.5 rounded-full bg-gold-300" />
        </span>
      ) : tone === "soon" ? (
        <span className="size-2 rounded-full bg-gold-600" aria-hidden="true" />
      ) : null}
      {label}
    </span>
  );
}
