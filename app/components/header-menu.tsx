// The header's menu: the less used links (a merchant's stalls, the account, log-out, the language)
// behind one button, so that the header keeps one row on a 390 px phone. A native <details>: it
// opens with Enter or Space, screen readers announce it expanded or collapsed, and it works
// before the page hydrates or without JavaScript. Once hydrated it also closes on Escape (focus
// back on its button), on a tap outside and when the page changes (the header stays mounted
// across client navigations, so an open menu would otherwise stay open over the next page).
import { useLocation } from "@remix-run/react";
import { useEffect, useRef, useState, type ReactNode } from "react";

export function HeaderMenu({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const [open, setOpen] = useState(false);
  // Closed when the address changes (back, forward, a form's redirect) and when one of its links
  // is followed (even to the page already shown); not on every navigation, since a form sent on
  // the page (its own address again) may end just after the menu was opened.
  const { pathname, search } = useLocation();
  const close = () => {
    if (ref.current) ref.current.open = false;
  };
  useEffect(close, [pathname, search]);

  useEffect(() => {
    if (!open) return;
    function outside(event: PointerEvent) {
      if (ref.current && !ref.current.contains(event.target as Node)) close();
    }
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, [open]);

  return (
    <details
      ref={ref}
      className="group relative"
      data-testid="header-menu"
      onToggle={(event) => setOpen(event.currentTarget.open)}
      onKeyDown={(event) => {
        if (event.key !== "Escape" || !ref.current?.open) return;
        ref.current.open = false;
        ref.current.querySelector("summary")?.focus();
      }}
    >
      <summary className="flex min-h-11 min-w-11 cursor-pointer list-none items-center justify-center gap-1.5 rounded-full px-2 font-semibold hover:bg-fir-700 group-open:bg-fir-700 sm:px-3 [&::-webkit-details-marker]:hidden">
        <MenuIcon />
        <span className="max-sm:sr-only">{label}</span>
      </summary>
      {/* Only watches its links' clicks (Enter on a link is a click too). */}
      <div
        className="absolute right-0 top-full z-40 mt-2 w-72 max-w-[calc(100vw-2rem)] rounded-xl bg-white p-2 text-base text-bark shadow-lg ring-1 ring-bark/15"
        onClick={(event) => {
          if ((event.target as Element).closest("a")) close();
        }}
      >
        {children}
      </div>
    </details>
  );
}

/** Three bars, drawn (an emoji's look changes from one phone to the next). */
function MenuIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="size-5" fill="none" stroke="currentColor" strokeWidth="2">
      <path strokeLinecap="round" d="M3 5h14M3 10h14M3 15h14" />
    </svg>
  );
}

/** One row of the menu: a link or a button as tall as a finger. */
export const headerMenuItem =
  "flex min-h-11 w-full items-center rounded-lg px-3 py-2 text-left font-medium text-fir-900 hover:bg-fir-50 focus-visible:bg-fir-50";
