import { describe, expect, it } from "vitest";
import { clampToPlan, freeSpot, isFreeSpot, nextChaletNumber, overlaps, PLAN_CELLS } from "~/models/market-plan";

describe("nextChaletNumber", () => {
  it("is one more than the highest, whatever the gaps below it", () => {
    expect(nextChaletNumber([])).toBe(1);
    expect(nextChaletNumber([1, 2, 3])).toBe(4);
    expect(nextChaletNumber([7, 2])).toBe(8);
  });

  it("past 999, takes the lowest number free, and null when none is", () => {
    expect(nextChaletNumber([1, 2, 4, 999])).toBe(3);
    expect(nextChaletNumber(Array.from({ length: 999 }, (_, i) => i + 1))).toBeNull();
  });
});

describe("freeSpot", () => {
  it("takes the grid's cells in order, skipping those under a chalet", () => {
    expect(freeSpot([])).toEqual(PLAN_CELLS[0]);
    expect(freeSpot([{ planX: 11, planY: 20 }])).toEqual(PLAN_CELLS[1]);
  });

  it("gives every chalet of a growing square a spot clear of the others and of the tree", () => {
    const placed: { planX: number; planY: number }[] = [];
    for (let i = 0; i < PLAN_CELLS.length; i++) {
      const spot = freeSpot(placed);
      expect(isFreeSpot(spot, placed)).toBe(true);
      placed.push(spot);
    }
    // Full: the next one still lands somewhere on the square.
    expect(PLAN_CELLS).toContainEqual(freeSpot(placed));
  });

  it("never offers the tree in the middle", () => {
    expect(PLAN_CELLS.some((cell) => Math.abs(cell.planX - 50) < 20 && Math.abs(cell.planY - 50) < 15)).toBe(false);
    expect(isFreeSpot({ planX: 50, planY: 50 }, [])).toBe(false);
  });
});

describe("overlaps and clampToPlan", () => {
  it("says two chalets overlap when they are closer than a chalet on both axes", () => {
    expect(overlaps({ planX: 10, planY: 22 }, { planX: 23, planY: 35 })).toBe(true);
    expect(overlaps({ planX: 10, planY: 22 }, { planX: 26, planY: 22 })).toBe(false);
    expect(overlaps({ planX: 10, planY: 22 }, { planX: 10, planY: 40 })).toBe(false);
  });

  it("rounds a dragged position and keeps it on the square", () => {
    expect(clampToPlan(-3)).toBe(0);
    expect(clampToPlan(42.6)).toBe(43);
    expect(clampToPlan(140)).toBe(100);
  });
});
