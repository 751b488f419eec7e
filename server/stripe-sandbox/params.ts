// Reading Stripe parameters out of a parsed form, with Stripe's error for each kind of mistake.
import { invalidInteger, invalidRequest, missingParam, unknownParam } from "./errors";
import type { FormObject, FormValue } from "./form";

export function rejectUnknown(params: FormObject, known: readonly string[], prefix = ""): void {
  for (const key of Object.keys(params)) {
    if (!known.includes(key)) throw unknownParam(`${prefix}${key}`);
  }
}

export function optionalString(params: FormObject, name: string, label = name): string | null {
  const value = params[name];
  if (value === undefined) return null;
  if (typeof value !== "string") throw invalidRequest(`Invalid string: ${label}`, label, "parameter_invalid_string");
  return value;
}

export function requiredString(params: FormObject, name: string, label = name): string {
  const value = optionalString(params, name, label);
  if (value === null || value === "") throw missingParam(label);
  return value;
}

export function optionalInteger(params: FormObject, name: string, label = name): number | null {
  const value = optionalString(params, name, label);
  if (value === null) return null;
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(Number(value))) throw invalidInteger(label);
  return Number(value);
}

export function optionalObject(params: FormObject, name: string, label = name): FormObject | null {
  const value = params[name];
  if (value === undefined || value === "") return null;
  if (typeof value !== "object" || Array.isArray(value)) {
    throw invalidRequest(`Invalid object: ${label}`, label, "parameter_invalid_object");
  }
  return value;
}

export function optionalArray(params: FormObject, name: string, label = name): FormValue[] | null {
  const value = params[name];
  if (value === undefined || value === "") return null;
  if (Array.isArray(value)) return value;
  throw invalidRequest(`Invalid array: ${label}`, label, "parameter_invalid_array");
}

export function stringArray(params: FormObject, name: string): string[] | null {
  const items = optionalArray(params, name);
  if (!items) return null;
  return items.map((item, i) => {
    if (typeof item !== "string") throw invalidRequest(`Invalid string: ${name}[${i}]`, `${name}[${i}]`);
    return item;
  });
}

/** Stripe's metadata rules: at most 50 keys, keys up to 40 characters, values up to 500. */
export function metadataOf(params: FormObject, name = "metadata"): Record<string, string> {
  const value = optionalObject(params, name);
  if (!value) return {};
  const entries = Object.entries(value);
  if (entries.length > 50) throw invalidRequest(`Invalid ${name}: metadata can have up to 50 keys`, name);
  const out: Record<string, string> = {};
  for (const [key, item] of entries) {
    if (typeof item !== "string") throw invalidRequest(`Invalid string: ${name}[${key}]`, `${name}[${key}]`);
    if (key.length > 40) throw invalidRequest(`Metadata keys can be at most 40 characters: ${key}`, `${name}[${key}]`);
    if (item.length > 500) throw invalidRequest(`Metadata values can be at most 500 characters`, `${name}[${key}]`);
    out[key] = item;
  }
  return out;
}

export function urlParam(params: FormObject, name: string): string | null {
  const value = optionalString(params, name);
  if (value === null) return null;
  let parsed: URL | null = null;
  try {
    // {CHECKOUT_SESSION_ID} is a template Stripe fills in later: braces are fine here.
    parsed = new URL(value);
  } catch {
    parsed = null;
  }
  if (!parsed || !/^https?:$/.test(parsed.protocol)) throw invalidRequest("Not a valid URL", name, "url_invalid");
  return value;
}

export function expandList(params: FormObject): string[] {
  return stringArray(params, "expand") ?? [];
}
