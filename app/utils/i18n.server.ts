import { createTranslator, DEFAULT_LOCALE, isLocale, type Locale } from "~/i18n";
import { localeCookie } from "./session.server";

/** Cookie choice first, then the browser's Accept-Language, then French. */
export async function getLocale(request: Request): Promise<Locale> {
  const chosen: unknown = await localeCookie.parse(request.headers.get("Cookie"));
  if (isLocale(chosen)) return chosen;
  const header = request.headers.get("Accept-Language") ?? "";
  const first = header.split(",")[0]?.trim().slice(0, 2).toLowerCase();
  return isLocale(first) ? first : DEFAULT_LOCALE;
}

export async function getTranslator(request: Request) {
  const locale = await getLocale(request);
  return { locale, t: createTranslator(locale) };
}
