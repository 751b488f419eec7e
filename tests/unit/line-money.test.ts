// The one rule of a stall's total after refunds (app/models/line-money.ts).
import { describe, expect, it } from "vitest";
import { lineMoney, stallTotal } from "~/models/line-money";

const line = (quantity: number, unitPriceCents: number, status: string) => ({ quantity, unitPriceCents, status });

describe("stallTotal", () => {
  it("leaves refused and refunded lines out of the net, and says what went back", () => {
    expect(stallTotal("PAID", [line(2, 1200, "REFUNDED"), line(1, 900, "READY")])).toEqual({
      grossCents: 3300,
      refundedCents: 2400,
      netCents: 900,
    });
    expect(stallTotal("PAID", [line(2, 1200, "REFUSED"), line(1, 900, "COLLECTED")]).netCents).toBe(900);
    expect(stallTotal("PAID", [line(3, 500, "RESERVED")])).toEqual({
      grossCents: 1500,
      refundedCents: 0,
      netCents: 1500,
    });
  });

  it("counts every line of a refunded order as refunded, whatever its pickup status", () => {
    expect(stallTotal("REFUNDED", [line(1, 700, "COLLECTED"), line(1, 300, "REFUSED")])).toEqual({
      grossCents: 1000,
      refundedCents: 1000,
      netCents: 0,
    });
  });

  it("lineMoney reads the status it is given", () => {
    expect(lineMoney(line(2, 250, "REFUNDED"))).toEqual({ grossCents: 500, refundedCents: 500, netCents: 0 });
    expect(lineMoney(line(2, 250, "READY"))).toEqual({ grossCents: 500, refundedCents: 0, netCents: 500 });
  });
});
