// Dictionaries shared by server and browser. Each namespace file exports `fr` (the source of
// truth, French first) and `en` typed against it, so a missing English string is a type error.
import * as accounts from "./messages/accounts";
import * as chat from "./messages/chat";
import * as common from "./messages/common";
import * as live from "./messages/live";
import * as merchant from "./messages/merchant";
import * as orders from "./messages/orders";
import * as organiser from "./messages/organiser";
import * as payments from "./messages/payments";
import * as resident from "./messages/resident";
import * as shop from "./messages/shop";

export const LOCALES = ["fr", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "fr";

const fr = {
  ...common.fr,
  ...resident.fr,
  ...accounts.fr,
  ...merchant.fr,
  ...organiser.fr,
  ...live.fr,
  ...chat.fr,
  ...shop.fr,
  ...payments.fr,
  ...orders.fr,
};
const en: Record<keyof typeof fr, string> = {
  ...common.en,
  ...resident.en,
  ...accounts.en,
  ...merchant.en,
  ...organiser.en,
  ...live.en,
  ...chat.en,
  ...shop.en,
  ...payments.en,
  ...orders.en,
};

export type MessageKey = keyof typeof fr;
export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

const dictionaries: Record<Locale, Record<MessageKey, string>> = { fr, en };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** `{name}` placeholders are replaced by vars; unknown placeholders are left visible so they get noticed. */
export function createTranslator(locale: Locale): Translate {
  const dict = dictionaries[locale];
  return (key, vars) => {
    const template = dict[key] ?? fr[key] ?? key;
    if (!vars) return template;
    return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match));
  };
}

/** BCP 47 tag used with Intl for a locale. */
export function intlLocale(locale: Locale): string {
  return locale === "fr" ? "fr-FR" : "en-GB";
}
