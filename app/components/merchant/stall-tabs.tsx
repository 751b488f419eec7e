import { NavLink } from "@remix-run/react";
import type { MessageKey } from "~/i18n";
import { useT } from "~/utils/i18n";

const TABS: { to: string; label: MessageKey; end?: boolean }[] = [
  { to: "", label: "merchant.tabs.details", end: true },
  { to: "photos", label: "merchant.tabs.photos" },
  { to: "products", label: "merchant.tabs.products" },
  { to: "stock", label: "merchant.tabs.stock" },
  { to: "orders", label: "orders.merchant.tab" },
  { to: "payments", label: "merchant.tabs.payments" },
  { to: "bilan", label: "bilan.tab" },
];

/** The screens of one stall, reachable with a thumb: large tabs that wrap, so none hides past the edge. */
export function StallTabs({ stallId }: { stallId: string }) {
  const t = useT();
  return (
    <nav aria-label={t("merchant.tabs.label")} className="mb-6 print:hidden">
      <ul className="flex flex-wrap gap-2">
        {TABS.map((tab) => (
          <li key={tab.to}>
            <NavLink
              to={`/merchant/stalls/${stallId}${tab.to ? `/${tab.to}` : ""}`}
              end={tab.end}
              prefetch="intent"
              className={({ isActive }) =>
                `inline-flex min-h-12 items-center rounded-full px-4 font-semibold ring-1 ${
                  isActive
                    ? "bg-fir-800 text-snow ring-fir-900"
                    : "bg-white text-fir-800 ring-fir-600/40 hover:bg-fir-50"
                }`
              }
            >
              {t(tab.label)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
