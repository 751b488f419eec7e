// The state machine against a real database: every pair of statuses is tried through the one
// transition function. What ORDER_TRANSITIONS / ORDER_LINE_TRANSITIONS forbid changes nothing;
// what they allow wins once, and a second attempt at the same moment loses.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ORDER_LINE_STATUSES,
  ORDER_LINE_TRANSITIONS,
  ORDER_STATUSES,
  ORDER_TRANSITIONS,
  type OrderLineStatus,
  type OrderStatus,
} from "~/models/order-status";
import { transitionOrder, transitionOrderLines } from "~/models/order-transition.server";
import { onStockChanged, stockTransaction, type StockChange } from "~/models/stock-events.server";
import { db } from "~/utils/db.server";
import { createMarketScene, createProduct, createUser } from "../fixtures/factories";
import { createOrder } from "../fixtures/orders";

let scene: Awaited<ReturnType<typeof createMarketScene>>;
let product: Awaited<ReturnType<typeof createProduct>>;
let buyerId: string;
beforeAll(async () => {
  scene = await createMarketScene(new Date("2026-12-12T15:00:00Z"));
  product = await createProduct(scene.stall.id, { stock: 10 });
  buyerId = (await createUser()).id;
});
afterAll(async () => {
  await db.$disconnect();
});

/** An order in `status` with one line in `lineStatus`, written straight into the database. */
async function orderIn(status: OrderStatus, lineStatus: OrderLineStatus = "RESERVED") {
  const order = await createOrder({
    marketId: scene.market.id,
    buyerId,
    lines: [{ product, quantity: 1, status: lineStatus }],
  });
  await db.order.update({ where: { id: order.id }, data: { status } });
  return { id: order.id, lineId: order.lines[0]!.id };
}

const stateOf = (id: string) =>
  db.order.findUniqueOrThrow({ where: { id }, select: { status: true, version: true, releasedAt: true } });
const lineStatusOf = async (id: string) =>
  (await db.orderLine.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;

const orderPairs = ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.map((to) => [from, to] as const));
const linePairs = ORDER_LINE_STATUSES.flatMap((from) => ORDER_LINE_STATUSES.map((to) => [from, to] as const));

describe("transitionOrder", () => {
  const forbidden = orderPairs.filter(([from, to]) => !ORDER_TRANSITIONS[from].includes(to));
  const allowed = orderPairs.filter(([from, to]) => ORDER_TRANSITIONS[from].includes(to));

  it("has something to try both ways", () => {
    expect(allowed.length).toBeGreaterThanOrEqual(7);
    expect(forbidden.length).toBeGreaterThanOrEqual(15);
  });

  it.each(forbidden)("%s → %s is refused and writes nothing", async (from, to) => {
    const order = await orderIn(from);
    const before = await stateOf(order.id);
    const releasedAt = new Date("2026-12-12T16:00:00Z");
    expect(await transitionOrder(db, order.id, to, { data: { releasedAt } })).toBe(false);
    expect(await stateOf(order.id)).toEqual(before);
  });

  it.each(allowed)("%s → %s wins once; a concurrent second attempt loses", async (from, to) => {
    const order = await orderIn(from);
    const before = await stateOf(order.id);
    const results = await Promise.all([transitionOrder(db, order.id, to), transitionOrder(db, order.id, to)]);
    expect(results.sort()).toEqual([false, true]);
    expect(await stateOf(order.id)).toMatchObject({ status: to, version: before.version + 1 });
    expect(await transitionOrder(db, order.id, to)).toBe(false);
  });

  it("writes the caller's data with the status, and only when it wins", async () => {
    const order = await orderIn("RESERVED");
    const releasedAt = new Date("2026-12-12T16:00:00Z");
    expect(await transitionOrder(db, order.id, "RELEASED", { data: { releasedAt, releaseReason: "EXPIRED" } })).toBe(
      true,
    );
    expect(await stateOf(order.id)).toMatchObject({ status: "RELEASED", releasedAt });
  });

  it("a caller may narrow the table's states, never widen them", async () => {
    const released = await orderIn("RELEASED");
    // RELEASED → PAID is a transition, but not one this caller takes.
    expect(await transitionOrder(db, released.id, "PAID", { from: ["RESERVED", "AWAITING_PAYMENT"] })).toBe(false);
    expect((await stateOf(released.id)).status).toBe("RELEASED");
    const paid = await orderIn("PAID");
    await expect(transitionOrder(db, paid.id, "RELEASED", { from: ["PAID"] })).rejects.toThrow(
      "not a transition: PAID → RELEASED",
    );
    expect((await stateOf(paid.id)).status).toBe("PAID");
  });

  it("inside a transaction, a rollback undoes the win", async () => {
    const order = await orderIn("RESERVED");
    await expect(
      db.$transaction(async (tx) => {
        expect(await transitionOrder(tx, order.id, "PAID")).toBe(true);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect((await stateOf(order.id)).status).toBe("RESERVED");
  });
});

describe("transitionOrderLines", () => {
  const forbidden = linePairs.filter(([from, to]) => !ORDER_LINE_TRANSITIONS[from].includes(to));
  const allowed = linePairs.filter(([from, to]) => ORDER_LINE_TRANSITIONS[from].includes(to));

  it.each(forbidden)("%s → %s is refused and writes nothing", async (from, to) => {
    const { lineId } = await orderIn("PAID", from);
    expect(await transitionOrderLines(db, { id: lineId }, to)).toBe(0);
    expect(await lineStatusOf(lineId)).toBe(from);
  });

  it.each(allowed)("%s → %s wins once; a concurrent second attempt loses", async (from, to) => {
    const { lineId } = await orderIn("PAID", from);
    const results = await Promise.all([
      transitionOrderLines(db, { id: lineId }, to),
      transitionOrderLines(db, { id: lineId }, to),
    ]);
    expect(results.sort()).toEqual([0, 1]);
    expect(await lineStatusOf(lineId)).toBe(to);
  });

  it("an order's lines move together, each only from an allowed status", async () => {
    const order = await createOrder({
      marketId: scene.market.id,
      buyerId,
      lines: [
        { product, quantity: 1, status: "REFUSED" },
        { product, quantity: 2, status: "RELEASED" },
        { product, quantity: 3, status: "COLLECTED" },
      ],
    });
    expect(await transitionOrderLines(db, { orderId: order.id }, "REFUNDED")).toBe(2);
    const lines = await db.orderLine.findMany({ where: { orderId: order.id }, orderBy: { quantity: "asc" } });
    expect(lines.map((l) => l.status)).toEqual(["REFUNDED", "REFUNDED", "COLLECTED"]);
  });
});

describe("stockTransaction", () => {
  const stock = async () => (await db.product.findUniqueOrThrow({ where: { id: product.id } })).stock;
  const change = (level: number): StockChange => ({
    productId: product.id,
    stallId: scene.stall.id,
    marketId: scene.market.id,
    stock: level,
    stockVersion: 0,
  });

  it("publishes the changes once committed, and what the listener reads then is the committed stock", async () => {
    const heard: { changes: StockChange[]; seen: Promise<number> }[] = [];
    const stop = onStockChanged((changes) => heard.push({ changes, seen: stock() }));
    try {
      const before = await stock();
      const result = await stockTransaction(async (tx, changed) => {
        await tx.product.update({ where: { id: product.id }, data: { stock: { decrement: 1 } } });
        changed([change(before - 1)]);
        expect(heard).toEqual([]);
        return "done";
      });
      expect(result).toBe("done");
      expect(heard.map((h) => h.changes)).toEqual([[change(before - 1)]]);
      expect(await heard[0]!.seen).toBe(before - 1);
    } finally {
      stop();
    }
  });

  it("a transaction that fails publishes nothing and keeps nothing", async () => {
    const heard: StockChange[][] = [];
    const stop = onStockChanged((changes) => heard.push(changes));
    try {
      const before = await stock();
      await expect(
        stockTransaction(async (tx, changed) => {
          await tx.product.update({ where: { id: product.id }, data: { stock: { decrement: 1 } } });
          changed([change(before - 1)]);
          throw new Error("refused after the write");
        }),
      ).rejects.toThrow("refused after the write");
      expect(heard).toEqual([]);
      expect(await stock()).toBe(before);
    } finally {
      stop();
    }
  });
});
