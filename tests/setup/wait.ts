import { vi } from "vitest";

/**
 * Resolves with the first truthy answer of `probe`, asked again every 20 ms; fails after
 * `timeout`. What every test waits with, rather than a sleep or a hand-written polling loop.
 */
export function eventually<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeout = 10_000,
): Promise<T> {
  return vi.waitFor(
    async () => {
      const value = await probe();
      if (!value) throw new Error("still waiting");
      return value;
    },
    { timeout, interval: 20 },
  );
}
