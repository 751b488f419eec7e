// Dictionaries shared by server and browser. Each namespace file exports `fr` (the source of
// truth, French first); its English is in messages/en/<ns>.ts, typed against it, so a missing
// English string is a type error. The browser bundles French only (the default, most visitors):
// English is its own chunk, loaded by `loadLocale` before hydration on English pages (issue 12).
// French strings are written the French way: ’ (never '), a no-break space (U+00A0) before ":" and
// inside « », a narrow one (U+202F) before ";", "!" and "?"; tests/unit/i18n-typography.test.ts
// checks it. A count never shows as "(s)": see `plural` below.
import * as accounts from "./messages/accounts";
import * as alerts from "./messages/alerts";
import * as bilan from "./messages/bilan";
import * as chat from "./messages/chat";
import * as collect from "./messages/collect";
import * as common from "./messages/common";
import * as consoleMessages from "./messages/console";
import * as disputes from "./messages/disputes";
import * as edition from "./messages/edition";
import * as legal from "./messages/legal";
import * as live from "./messages/live";
import * as merchant from "./messages/merchant";
import * as merchantSetup from "./messages/merchant-setup";
import * as money from "./messages/money";
import * as numbers from "./messages/numbers";
import * as orders from "./messages/orders";
import * as organiser from "./messages/organiser";
import * as payments from "./messages/payments";
import * as plan from "./messages/plan";
import * as pickup from "./messages/pickup";
import * as poster from "./messages/poster";
import * as productImport from "./messages/product-import";
import * as reportCsv from "./messages/report-csv";
import * as resident from "./messages/resident";
import * as rights from "./messages/rights";
import * as setup from "./messages/setup";
import * as shop from "./messages/shop";
import * as team from "./messages/team";
import * as thread from "./messages/thread";
// The server has both languages synchronously. `.server` modules are empty in the browser build
// (Remix's compiler), so there `serverEn` is undefined and English stays out of the bundle.
import { en as serverEn } from "./en.server";

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
  ...disputes.fr,
  ...money.fr,
  ...rights.fr,
  ...edition.fr,
  ...legal.fr,
  ...setup.fr,
  ...team.fr,
  ...plan.fr,
  ...pickup.fr,
  ...collect.fr,
  ...thread.fr,
  ...poster.fr,
  ...productImport.fr,
  ...merchantSetup.fr,
  ...numbers.fr,
  ...alerts.fr,
  ...consoleMessages.fr,
  ...reportCsv.fr,
  ...bilan.fr,
};

export type MessageKey = keyof typeof fr;
export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

const dictionaries: Partial<Record<Locale, Record<MessageKey, string>>> = serverEn ? { fr, en: serverEn } : { fr };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** The browser's way to get a language it did not bundle: resolves once `createTranslator` has it. */
export async function loadLocale(locale: Locale): Promise<void> {
  if (dictionaries[locale]) return;
  // The only language not bundled; esbuild makes this import its own chunk.
  if (locale === "en") dictionaries.en = (await import("./en")).en;
}

const translators: Partial<Record<Locale, Translate>> = {};

/**
 * `{name}` placeholders are replaced by vars; unknown placeholders are left visible so they get
 * noticed. A language not loaded yet (browser, before `loadLocale`) reads French, and is not cached.
 */
export function createTranslator(locale: Locale): Translate {
  const dict = dictionaries[locale];
  if (!dict) return createTranslator(DEFAULT_LOCALE);
  let t = translators[locale];
  if (!t) {
    translators[locale] = t = translatorFor(dict);
    localeOfTranslator.set(t, locale);
  }
  return t;
}

// A template is split at its placeholders once (text, name, text, …), not searched at every call:
// a page translates a few hundred strings per request.
function translatorFor(dict: Record<MessageKey, string>): Translate {
  const split = new Map<MessageKey, string[]>();
  return (key, vars) => {
    const template = dict[key] ?? fr[key] ?? key;
    if (!vars) return template;
    let parts = split.get(key);
    if (!parts) split.set(key, (parts = template.split(/\{(\w+)\}/)));
    let text = parts[0]!;
    for (let i = 1; i < parts.length; i += 2) {
      const name = parts[i]!;
      text += (name in vars ? String(vars[name]) : `{${name}}`) + parts[i + 1]!;
    }
    return text;
  };
}

// Plurals: a message that depends on a count is written as one key per CLDR plural category,
// `<base>#one` and `<base>#other` (and `#few`, `#many`… if a language needs them), chosen by
// `Intl.PluralRules` for the locale: French says "0 stand" and "1 stand" (both "one"), English
// "0 stalls". `#other` is required (the unit test checks it) and is the fallback for a category a
// language has and the dictionary does not write (French's "many" for a million). The `#` keeps
// these keys apart from ordinary ones that end in `.one` or `.other`. `{count}` is filled with the
// count written for the locale ("1 200" in French). Plain `t(key)` calls never go through this.
export type PluralKey = { [K in MessageKey]: K extends `${infer Base}#other` ? Base : never }[MessageKey];

const pluralRules: Partial<Record<Locale, Intl.PluralRules>> = {};
const countFormats: Partial<Record<Locale, Intl.NumberFormat>> = {};
const localeOfTranslator = new Map<Translate, Locale>();

/**
 * The form of `key` for `count`: `plural(t, "chat.presence.visitors", 3)` is "3 visiteurs au
 * stand". Takes the translator (or the locale) the caller already has.
 */
export function plural(translate: Translate | Locale, key: PluralKey, count: number, vars?: Vars): string {
  const locale = typeof translate === "string" ? translate : (localeOfTranslator.get(translate) ?? DEFAULT_LOCALE);
  const t = typeof translate === "string" ? createTranslator(translate) : translate;
  const category = (pluralRules[locale] ??= new Intl.PluralRules(intlLocale(locale))).select(count);
  const chosen = `${key}#${category}`;
  const written = (countFormats[locale] ??= new Intl.NumberFormat(intlLocale(locale))).format(count);
  // Every locale has the same keys (en is typed against fr), so fr tells which forms exist.
  return t((chosen in fr ? chosen : `${key}#other`) as MessageKey, { count: written, ...vars });
}

/** BCP 47 tag used with Intl for a locale. */
export function intlLocale(locale: Locale): string {
  return locale === "fr" ? "fr-FR" : "en-GB";
}
