import { describe, expect, it } from "vitest";
import { canTransition, ORDER_STATUSES, ORDER_TRANSITIONS, STOCK_TAKEN } from "~/models/order-status";

describe("order state machine", () => {
  it("lets a hold be paid, awaited or released, and nothing leave a refund", () => {
    expect(canTransition("RESERVED", "PAID")).toBe(true);
    expect(canTransition("RESERVED", "AWAITING_PAYMENT")).toBe(true);
    expect(canTransition("RESERVED", "RELEASED")).toBe(true);
    expect(canTransition("AWAITING_PAYMENT", "RELEASED")).toBe(true);
    expect(canTransition("RELEASED", "RESERVED")).toBe(false);
    expect(canTransition("PAID", "RELEASED")).toBe(false);
    expect(ORDER_TRANSITIONS.REFUNDED).toEqual([]);
  });

  it("a payment landing after the release is taken again or refunded, never lost", () => {
    expect(canTransition("RELEASED", "PAID")).toBe(true);
    expect(canTransition("RELEASED", "REFUNDED")).toBe(true);
  });

  it("only known statuses, and stock is out of the product exactly while held or sold", () => {
    for (const targets of Object.values(ORDER_TRANSITIONS)) {
      for (const target of targets) expect(ORDER_STATUSES).toContain(target);
    }
    expect([...STOCK_TAKEN].sort()).toEqual(["AWAITING_PAYMENT", "PAID", "RESERVED"]);
  });
});
