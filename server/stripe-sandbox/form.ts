// Stripe's form encoding, as the official SDKs write it: `a[b][0][c]=1` for {a: {b: [{c: "1"}]}}.
// Values stay strings; each endpoint coerces what it reads, as Stripe does.

export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormObject = { [key: string]: FormValue };

export class FormSyntaxError extends Error {
  constructor(readonly param: string) {
    super(`Invalid parameter: ${param}`);
  }
}

const MAX_DEPTH = 8;
const MAX_INDEX = 1000;

/** Splits `line_items[0][price_data][currency]` into ["line_items", "0", "price_data", "currency"]. */
function pathOf(key: string): string[] {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
  if (!match) throw new FormSyntaxError(key);
  const rest = [...match[2].matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1]);
  if (rest.length > MAX_DEPTH) throw new FormSyntaxError(key);
  return [match[1], ...rest];
}

function isIndex(segment: string) {
  return segment === "" || /^\d+$/.test(segment);
}

// Keys that would reach Object.prototype through a plain object.
const FORBIDDEN = new Set(["__proto__", "constructor", "prototype"]);

/** Parses an urlencoded body or query string into nested objects and arrays. */
export function parseStripeForm(encoded: string): FormObject {
  const root: FormObject = {};
  for (const [key, value] of new URLSearchParams(encoded)) {
    const path = pathOf(key);
    if (path.some((segment) => FORBIDDEN.has(segment))) throw new FormSyntaxError(key);
    let container: FormObject | FormValue[] = root;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i];
      const last = i === path.length - 1;
      const next = path[i + 1];
      if (Array.isArray(container)) {
        if (!isIndex(segment)) throw new FormSyntaxError(key);
        const index: number = segment === "" ? container.length : Number(segment);
        if (index > MAX_INDEX) throw new FormSyntaxError(key);
        if (last) {
          container[index] = value;
          break;
        }
        container = container[index] = childFor(container[index], next, key);
      } else {
        if (last) {
          if (typeof container[segment] === "object") throw new FormSyntaxError(key);
          container[segment] = value;
          break;
        }
        container = container[segment] = childFor(container[segment], next, key);
      }
    }
  }
  return compactArrays(root) as FormObject;
}

function childFor(existing: FormValue | undefined, nextSegment: string, key: string): FormObject | FormValue[] {
  const wantsArray = isIndex(nextSegment);
  if (existing === undefined) return wantsArray ? [] : {};
  if (typeof existing === "string" || Array.isArray(existing) !== wantsArray) throw new FormSyntaxError(key);
  return existing;
}

// `a[0]=x&a[2]=y` has a hole at 1: keep the given items in order, as Stripe does.
function compactArrays(value: FormValue): FormValue {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.filter((item) => item !== undefined).map(compactArrays);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, compactArrays(v)]));
}
