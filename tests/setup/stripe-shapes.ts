// Compares an object the Stripe sandbox returned with Stripe's published example of it
// (tests/fixtures/stripe/fixtures.json): every fixture field present, with the same JSON type;
// null where the fixture has a value only if the SDK declares the field nullable.
import { readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

export const stripeFixtures = JSON.parse(
  readFileSync(path.join(root, "tests/fixtures/stripe/fixtures.json"), "utf8"),
) as Record<string, Record<string, unknown>>;

const kind = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);

/** `declaration`: the SDK file that declares the object (node_modules/stripe/esm/resources/…). */
export function compareWithFixture(
  object: string,
  declaration: string,
  actual: Record<string, unknown>,
  fixture: Record<string, unknown> = stripeFixtures[object],
  at = "",
): string[] {
  const source = readFileSync(path.join(root, "node_modules/stripe/esm/resources", declaration), "utf8");
  const nullable = (field: string) => new RegExp(`\\n\\s+${field}\\??: [^;]*\\| null;`).test(source);
  const problems: string[] = [];
  for (const [key, expected] of Object.entries(fixture)) {
    const where = `${object}${at}.${key}`;
    if (!(key in actual)) {
      problems.push(`${where} is missing`);
      continue;
    }
    const value = actual[key];
    if (expected === null) continue;
    if (value === null) {
      if (!nullable(key)) problems.push(`${where} is null, the fixture has ${kind(expected)}`);
      continue;
    }
    if (kind(value) !== kind(expected)) problems.push(`${where} is ${kind(value)}, the fixture has ${kind(expected)}`);
    else if (kind(expected) === "object" && key !== "metadata" && !(object === "event" && key === "data")) {
      problems.push(
        ...compareWithFixture(
          object,
          declaration,
          value as Record<string, unknown>,
          expected as Record<string, unknown>,
          `${at}.${key}`,
        ),
      );
    }
  }
  return problems;
}
