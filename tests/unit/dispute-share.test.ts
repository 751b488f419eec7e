// What a lost dispute takes back from a stall (disputeReversalCents, app/models/commission.ts):
// the stall's share less its commission, in proportion to the amount disputed, never more.
import { describe, expect, it } from "vitest";
import { disputeReversalCents, stallShare } from "~/models/commission";

const stallA = [{ unitPriceCents: 1250, quantity: 2 }];
const stallB = [{ unitPriceCents: 800, quantity: 1 }];

describe("disputeReversalCents", () => {
  it("a whole order disputed takes back each stall's transfer exactly", () => {
    expect(disputeReversalCents(stallA, 500, 3300, 3300)).toBe(stallShare(stallA, 500).amountCents);
    expect(disputeReversalCents(stallA, 500, 3300, 3300)).toBe(2375);
    expect(disputeReversalCents(stallB, 500, 3300, 3300)).toBe(760);
    expect(disputeReversalCents(stallB, 0, 3300, 3300)).toBe(800);
  });

  it("part of the order disputed: pro rata, rounded half up", () => {
    // 2375 × 1650 / 3300 = 1187.5 → 1188; 760 / 2 = 380.
    expect(disputeReversalCents(stallA, 500, 1650, 3300)).toBe(1188);
    expect(disputeReversalCents(stallB, 500, 1650, 3300)).toBe(380);
  });

  it("never more than the stall's share, nothing for nothing disputed or an empty order", () => {
    expect(disputeReversalCents(stallA, 500, 9999, 3300)).toBe(2375);
    expect(disputeReversalCents(stallA, 500, 0, 3300)).toBe(0);
    expect(disputeReversalCents(stallA, 500, 100, 0)).toBe(0);
  });
});
