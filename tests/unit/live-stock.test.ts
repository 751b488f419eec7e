// What a page keeps of the stock news: per product, the highest stockVersion seen.
import { describe, expect, it } from "vitest";
import { mergeLevels } from "~/realtime/use-live-stock";

const level = (productId: string, stock: number, stockVersion: number) => ({
  productId,
  stallId: "stall",
  stock,
  stockVersion,
});

describe("mergeLevels", () => {
  const keep = new Set(["a", "b"]);

  it("takes newer versions, ignores older and equal ones", () => {
    const start = mergeLevels(new Map(), [level("a", 5, 3)], keep);
    expect(start.get("a")).toEqual({ stock: 5, stockVersion: 3 });
    expect(mergeLevels(start, [level("a", 9, 2), level("a", 8, 3)], keep)).toBe(start);
    expect(mergeLevels(start, [level("a", 4, 4), level("a", 6, 2)], keep).get("a")).toEqual({
      stock: 4,
      stockVersion: 4,
    });
  });

  it("keeps only the products the page shows, and returns the same map when nothing changes", () => {
    const start = new Map([["b", { stock: 1, stockVersion: 1 }]]);
    expect(mergeLevels(start, [level("elsewhere", 1, 10)], keep)).toBe(start);
    const next = mergeLevels(start, [level("b", 0, 2)], keep);
    expect(next).not.toBe(start);
    expect(start.get("b")).toEqual({ stock: 1, stockVersion: 1 });
    expect(next.get("b")).toEqual({ stock: 0, stockVersion: 2 });
  });
});
