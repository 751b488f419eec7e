// The merchant's orders page between two loads: what order:created / order:updated do to the list.
import { describe, expect, it } from "vitest";
import type { MerchantOrderDto, OrderUpdated } from "~/realtime/events";
import { reduceStallOrders, stallOrdersState } from "~/realtime/stall-orders-view";

const reduce = reduceStallOrders("s1");

function order(
  id: string,
  paidAt: string,
  version = 1,
  lines = [{ id: `${id}-l1`, status: "RESERVED" }],
): MerchantOrderDto {
  return {
    orderId: id,
    reference: `R-${id}`,
    stallId: "s1",
    marketId: "m1",
    status: "PAID",
    paidAt,
    buyer: { name: `Buyer ${id}` },
    pickup: null,
    lines: lines.map((l) => ({ ...l, productId: "p", name: "Miel", quantity: 1, unitPriceCents: 500 })),
    totalCents: 500 * lines.length,
    version,
  };
}

function updated(id: string, version: number, lines: OrderUpdated["lines"], status = "PAID"): OrderUpdated {
  return { orderId: id, marketId: "m1", status, version, refundedCents: 0, lines };
}

describe("the stall's live orders", () => {
  it("puts a new order at the top, marked fresh; the same order heard again changes nothing", () => {
    const start = stallOrdersState([order("a", "2026-12-05T10:00:00Z")]);
    const next = reduce(start, { type: "created", order: order("b", "2026-12-05T11:00:00Z") });
    expect(next.orders.map((o) => o.orderId)).toEqual(["b", "a"]);
    expect(next.fresh).toEqual(["b"]);
    expect(reduce(next, { type: "created", order: order("b", "2026-12-05T11:00:00Z") })).toBe(next);
    expect(reduce(next, { type: "handled", orderId: "b" }).fresh).toEqual([]);
  });

  it("ignores another stall's order", () => {
    const start = stallOrdersState([]);
    expect(reduce(start, { type: "created", order: { ...order("x", "2026-12-05T10:00:00Z"), stallId: "s2" } })).toBe(
      start,
    );
    expect(
      reduce(start, { type: "updated", event: updated("x", 2, [{ id: "x-l1", stallId: "s2", status: "READY" }]) }),
    ).toBe(start);
  });

  it("applies a newer update to this stall's lines and drops older news", () => {
    const start = stallOrdersState([order("a", "2026-12-05T10:00:00Z", 3)]);
    const event = updated("a", 4, [
      { id: "a-l1", stallId: "s1", status: "READY" },
      { id: "other", stallId: "s2", status: "REFUSED" },
    ]);
    const next = reduce(start, { type: "updated", event });
    expect(next.orders[0]!.lines.map((l) => l.status)).toEqual(["READY"]);
    expect(next.orders[0]!.version).toBe(4);
    expect(
      reduce(next, { type: "updated", event: updated("a", 3, [{ id: "a-l1", stallId: "s1", status: "RESERVED" }]) }),
    ).toBe(next);
  });

  it("asks for a reload when an update is about an order or a line it does not hold", () => {
    const start = stallOrdersState([order("a", "2026-12-05T10:00:00Z")]);
    expect(
      reduce(start, { type: "updated", event: updated("zz", 2, [{ id: "zz-l1", stallId: "s1", status: "READY" }]) })
        .stale,
    ).toBe(true);
    expect(
      reduce(start, { type: "updated", event: updated("a", 2, [{ id: "unknown", stallId: "s1", status: "READY" }]) })
        .stale,
    ).toBe(true);
  });

  it("takes the loader's rows on reset, keeping live news that is newer and orders heard since", () => {
    let state = stallOrdersState([order("a", "2026-12-05T10:00:00Z", 1)]);
    state = reduce(state, { type: "created", order: order("b", "2026-12-05T11:00:00Z", 1) });
    state = reduce(state, {
      type: "updated",
      event: updated("a", 5, [{ id: "a-l1", stallId: "s1", status: "COLLECTED" }]),
    });
    // A reload that read the database before those events.
    const next = reduce(state, { type: "reset", orders: [order("a", "2026-12-05T10:00:00Z", 2)] });
    expect(next.orders.map((o) => [o.orderId, o.version, o.lines[0]!.status])).toEqual([
      ["b", 1, "RESERVED"],
      ["a", 5, "COLLECTED"],
    ]);
    expect(next.fresh).toEqual(["b"]);
    expect(next.stale).toBe(false);
  });
});
