// Small building blocks of the organiser console, shared by its pages.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { MessageKey } from "~/i18n";
import { useT } from "~/utils/i18n";

const statusStyles: Record<string, string> = {
  DRAFT: "border-gold-600 bg-gold-100 text-bark",
  PUBLISHED: "border-fir-700 bg-fir-50 text-fir-900",
  ARCHIVED: "border-gray-500 bg-gray-100 text-gray-800",
};

/** Draft / published / archived, as a pill. */
export function MarketStatusBadge({ status }: { status: string }) {
  const t = useT();
  return (
    <span
      className={`inline-block rounded-full border px-2 py-0.5 text-xs font-semibold ${statusStyles[status] ?? statusStyles.DRAFT}`}
    >
      {t(`organiser.status.${status}` as MessageKey)}
    </span>
  );
}

export function Pill({ tone, children }: { tone: "fir" | "wine" | "gold" | "gray"; children: ReactNode }) {
  const tones = {
    fir: "bg-fir-700 text-snow",
    wine: "bg-wine-700 text-snow",
    gold: "bg-gold-300 text-bark",
    gray: "bg-gray-200 text-gray-800",
  } as const;
  return (
    <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-semibold no-underline ${tones[tone]}`}>
      {children}
    </span>
  );
}

/** A visible result after a form was accepted, announced politely to screen readers. */
export function Notice({ children, tone = "success" }: { children: ReactNode; tone?: "success" | "warning" }) {
  const styles = tone === "success" ? "border-fir-600 bg-fir-50 text-fir-900" : "border-gold-600 bg-gold-100 text-bark";
  return (
    <p role="status" className={`mb-4 rounded-lg border px-3 py-2 font-semibold ${styles}`}>
      {children}
    </p>
  );
}

export function Card({ children, className = "" }: { children: ReactNode; className?: string }) {
  return <div className={`rounded-2xl border border-fir-100 bg-white p-4 shadow-sm ${className}`}>{children}</div>;
}

/**
 * A form that folds away (native <details>, so it works without JavaScript and with the
 * keyboard). `open` forces it open, e.g. to show a refusal inside it.
 */
export function FoldingCard({ title, open, children }: { title: ReactNode; open?: boolean; children: ReactNode }) {
  return (
    <details open={open} className="group rounded-2xl border border-fir-100 bg-white shadow-sm">
      <summary className="flex min-h-12 cursor-pointer list-none items-center justify-between gap-3 rounded-2xl px-4 py-3 font-display text-xl text-fir-900 hover:bg-fir-50 [&::-webkit-details-marker]:hidden">
        <span>{title}</span>
        <span
          aria-hidden="true"
          className="flex h-8 w-8 flex-none items-center justify-center rounded-full bg-fir-700 text-xl leading-none text-snow transition-transform group-open:rotate-45"
        >
          +
        </span>
      </summary>
      <div className="px-4 pb-4">{children}</div>
    </details>
  );
}

export function CheckboxField({
  name,
  value,
  label,
  defaultChecked,
}: {
  name: string;
  value?: string;
  label: ReactNode;
  defaultChecked?: boolean;
}) {
  return (
    <label className="flex min-h-11 cursor-pointer items-center gap-2 rounded-lg px-1 text-fir-900">
      <input
        type="checkbox"
        name={name}
        value={value ?? "on"}
        defaultChecked={defaultChecked}
        className="h-5 w-5 rounded border-fir-600 accent-fir-700"
      />
      <span>{label}</span>
    </label>
  );
}

export const buttonSecondary =
  "inline-flex min-h-11 items-center justify-center rounded-full border-2 border-fir-700 px-4 py-2 font-semibold text-fir-800 hover:bg-fir-50";
export const buttonDanger =
  "inline-flex min-h-11 items-center justify-center rounded-full border-2 border-wine-700 px-4 py-2 font-semibold text-wine-700 hover:bg-wine-50";
export const linkClass = "font-semibold text-fir-700 underline underline-offset-4 hover:text-fir-900";

/** "← Markets": back to the organiser's list of markets. */
export function BackToList() {
  const t = useT();
  return (
    <p className="mb-2 text-sm">
      <Link to="/organiser" className={linkClass}>
        <span aria-hidden="true">← </span>
        {t("organiser.backToList")}
      </Link>
    </p>
  );
}
