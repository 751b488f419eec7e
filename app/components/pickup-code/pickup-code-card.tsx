// The buyer's pickup code on their order page: the code large enough to read across a counter and
// its QR code, drawn on the server (app/models/pickup-code.server.ts) so the page needs no script
// for it. The SVG is the `qrcode` package's output with its accessible name: markup we made.
import { useT } from "~/utils/i18n";

export function PickupCodeCard({ code, qrSvg }: { code: string; qrSvg: string }) {
  const t = useT();
  return (
    <section
      aria-labelledby="pickup-code-title"
      data-testid="pickup-code"
      className="rounded-2xl bg-white p-5 text-center shadow-sm ring-2 ring-fir-700"
    >
      <h2 id="pickup-code-title" className="font-display text-2xl font-bold text-fir-900">
        {t("collect.buyer.title")}
      </h2>
      <p className="mt-1 text-lg font-semibold text-wine-700">{t("collect.buyer.show")}</p>
      {/* Read letter by letter by screen readers (the label), shown as one word. */}
      <p
        aria-label={t("collect.buyer.codeLabel", { code: [...code].join(" ") })}
        className="mt-3 font-mono text-5xl font-bold tracking-[0.2em] text-fir-900 tabular-nums"
      >
        {code}
      </p>
      <div
        className="mx-auto mt-4 w-full max-w-64 [&>svg]:h-auto [&>svg]:w-full"
        dangerouslySetInnerHTML={{ __html: qrSvg }}
      />
      <p className="mt-3 text-sm text-bark">{t("collect.buyer.hint")}</p>
    </section>
  );
}
