import { useRouteLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { createTranslator, DEFAULT_LOCALE, type Locale } from "~/i18n";
import type { loader as rootLoader } from "~/root";

export function useLocale(): Locale {
  const data = useRouteLoaderData<typeof rootLoader>("root");
  return data?.locale ?? DEFAULT_LOCALE;
}

/** The translator for the visitor's language, in any component under the root route. */
export function useT() {
  const locale = useLocale();
  return useMemo(() => createTranslator(locale), [locale]);
}

export function useOptionalUser() {
  return useRouteLoaderData<typeof rootLoader>("root")?.user ?? null;
}
