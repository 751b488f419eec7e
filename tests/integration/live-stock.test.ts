// Live stock over real sockets: every committed change (the merchant's quick stock page, a
// reservation, a release) reaches the market's room and the stall rooms concerned as
// stock:updated, coalesced per market, each product at its newest version, once per socket
// however many of the rooms it is in; stock:get answers the levels now.
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StockLevel, StockUpdated } from "~/realtime/events";
import { db } from "~/utils/db.server";
import { createServer, type ChaletServices } from "../../server/index";
import { adapterKeys } from "../../server/realtime-adapter";
import {
  createMarket,
  createMarketScene,
  createProduct,
  createStall,
  createTown,
  createUser,
} from "../fixtures/factories";
import { clientFor, connectSocket, TestClock, type TestSocket } from "../setup/server";

// Scenes open a session from T0 - 1 h to T0 + 1 h; the server's clock stands at T0.
const T0 = new Date("2026-12-12T15:00:00Z");

type Server = Awaited<ReturnType<typeof createServer>>;

// The models as the servers run them (from the build, shared by every server of this file): the
// changes they publish reach the servers' sockets, as the routes' do.
let app: ChaletServices;

async function start(stockCoalesceMs?: number, redis?: { url: string; key: string }): Promise<Server> {
  const server = await createServer({
    port: 0,
    host: "127.0.0.1",
    now: new TestClock(T0).now,
    logRequests: false,
    redisUrl: redis?.url ?? null,
    redisKey: redis?.key,
    scheduler: { auto: false },
    stockCoalesceMs,
  });
  app = server.services;
  return server;
}

/** A socket that keeps every stock:updated it hears, joined to the given rooms. */
async function listener(server: Server, join: { marketId?: string; stallIds?: string[] }) {
  const socket: TestSocket = await connectSocket(server);
  const events: StockUpdated[] = [];
  const waiters: { test: () => boolean; resolve: () => void }[] = [];
  socket.on("stock:updated", (event) => {
    events.push(event);
    for (const waiter of [...waiters]) {
      if (waiter.test()) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  });
  if (join.marketId) {
    const answer = await socket.emitWithAck("market:join", { marketId: join.marketId });
    expect(answer.ok).toBe(true);
  }
  for (const stallId of join.stallIds ?? []) {
    const answer = await socket.emitWithAck("stall:join", { stallId });
    expect(answer.ok).toBe(true);
  }
  /** Resolves once the events heard so far satisfy `test` (the test's timeout says when it never happens). */
  const until = (test: (events: StockUpdated[]) => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => test(events);
      if (check()) resolve();
      else waiters.push({ test: check, resolve });
    });
  /** Until a product's level at this version (or newer) has arrived. */
  const untilVersion = (productId: string, stockVersion: number) =>
    until((all) =>
      all.some((e) => e.products.some((p) => p.productId === productId && p.stockVersion >= stockVersion)),
    );
  return { socket, events, until, untilVersion };
}

async function levelOf(productId: string): Promise<{ stock: number; stockVersion: number }> {
  return db.product.findUniqueOrThrow({ where: { id: productId }, select: { stock: true, stockVersion: true } });
}

/** Each event names a product once; a product's versions only grow from one event to the next. */
function expectCoalescedAndOrdered(events: StockUpdated[]) {
  const last = new Map<string, number>();
  for (const event of events) {
    const ids = event.products.map((p) => p.productId);
    expect(new Set(ids).size, "a product once per event").toBe(ids.length);
    for (const p of event.products) {
      expect(p.stockVersion, `versions of ${p.productId} grow`).toBeGreaterThan(last.get(p.productId) ?? -1);
      last.set(p.productId, p.stockVersion);
    }
  }
}

function newestOf(events: StockUpdated[], productId: string): StockLevel | undefined {
  return events
    .flatMap((e) => e.products)
    .filter((p) => p.productId === productId)
    .at(-1);
}

async function buyer() {
  return createUser({ name: "Buyer" });
}

describe("live stock with the real coalescing window", () => {
  let server: Server;
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    server = await start();
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server.close();
  });

  it("a quick stock tap, a direct change, a reservation and its release reach both rooms, once per socket", async () => {
    const scene = await createMarketScene(T0);
    const otherStall = await createStall(scene.market.id, scene.merchant.id);
    const honey = scene.product;
    const candle = await createProduct(otherStall.id, { stock: 5, name: "Bougie" });
    const elsewhere = await createMarketScene(T0);

    const market = await listener(server, { marketId: scene.market.id });
    const stall = await listener(server, { stallIds: [scene.stall.id] });
    const both = await listener(server, { marketId: scene.market.id, stallIds: [scene.stall.id, otherStall.id] });
    const other = await listener(server, { marketId: elsewhere.market.id });
    sockets.push(market.socket, stall.socket, both.socket, other.socket);

    // The merchant's quick stock page (a route), then the models themselves: all reach the sockets.
    const merchant = await clientFor(server, scene.merchant.id);
    const tap = await merchant.post(`/merchant/stalls/${scene.stall.id}/stock`, {
      intent: "adjust",
      productId: honey.id,
      delta: -1,
    });
    expect(tap.status).toBe(200);
    expect(await app.changeStock(scene.stall.id, honey.id, { delta: -2 })).toMatchObject({ ok: true, stock: 7 });
    const reserved = await app.reserveOrder({
      buyerId: (await buyer()).id,
      marketId: scene.market.id,
      lines: [
        { productId: honey.id, quantity: 3 },
        { productId: candle.id, quantity: 2 },
      ],
      now: T0,
    });
    if (!reserved.ok) throw new Error(`reservation refused: ${reserved.reason}`);
    expect((await app.releaseOrder(reserved.order.id, "CANCELLED", T0)).released).toBe(true);

    const honeyNow = await levelOf(honey.id);
    const candleNow = await levelOf(candle.id);
    expect(honeyNow).toEqual({ stock: 7, stockVersion: 4 });
    expect(candleNow).toEqual({ stock: 5, stockVersion: 2 });
    for (const s of [market, both]) {
      await s.untilVersion(honey.id, honeyNow.stockVersion);
      await s.untilVersion(candle.id, candleNow.stockVersion);
    }
    await stall.untilVersion(honey.id, honeyNow.stockVersion);

    // Everything settled: each product once per event, at growing versions, the newest last.
    expectCoalescedAndOrdered(market.events);
    expect(newestOf(market.events, honey.id)).toEqual({ productId: honey.id, stallId: scene.stall.id, ...honeyNow });
    expect(newestOf(market.events, candle.id)).toEqual({ productId: candle.id, stallId: otherStall.id, ...candleNow });
    expect(market.events.every((e) => e.marketId === scene.market.id)).toBe(true);
    // In the market's room and both stalls': the same events, each once.
    expect(both.events).toEqual(market.events);
    // A stall's room hears exactly the events with one of its products.
    expect(stall.events).toEqual(market.events.filter((e) => e.products.some((p) => p.stallId === scene.stall.id)));

    // The other market's socket heard nothing: its own market's news, sent after, arrives first.
    expect(await app.changeStock(elsewhere.stall.id, elsewhere.product.id, { delta: 1 })).toMatchObject({ ok: true });
    await other.untilVersion(elsewhere.product.id, 1);
    expect(other.events.map((e) => e.marketId)).toEqual([elsewhere.market.id]);
  });

  it("30 quick changes of one product make a few events, the last with the final stock", async () => {
    const scene = await createMarketScene(T0);
    const market = await listener(server, { marketId: scene.market.id });
    sockets.push(market.socket);
    const results = await Promise.all(
      Array.from({ length: 30 }, () => app.changeStock(scene.stall.id, scene.product.id, { delta: 3 })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    await market.untilVersion(scene.product.id, 30);
    expectCoalescedAndOrdered(market.events);
    expect(market.events.length).toBeLessThan(30);
    expect(market.events.at(-1)!.products).toEqual([
      { productId: scene.product.id, stallId: scene.stall.id, stock: 100, stockVersion: 30 },
    ]);
  });

  it("stock:get answers the levels now, and NOT_FOUND for a market that is not published", async () => {
    const scene = await createMarketScene(T0);
    const second = await createProduct(scene.stall.id, { stock: 2 });
    await createProduct(scene.stall.id, { stock: 9 }).then((p) =>
      db.product.update({ where: { id: p.id }, data: { active: false } }),
    );
    const pending = await createStall(scene.market.id, scene.merchant.id, { status: "PENDING" });
    await createProduct(pending.id, { stock: 4 });
    expect(await app.changeStock(scene.stall.id, second.id, { set: 1 })).toMatchObject({ ok: true });

    const socket = await connectSocket(server);
    sockets.push(socket);
    const answer = await socket.emitWithAck("stock:get", { marketId: scene.market.id });
    expect(answer).toEqual({
      ok: true,
      data: {
        marketId: scene.market.id,
        products: expect.arrayContaining([
          { productId: scene.product.id, stallId: scene.stall.id, stock: 10, stockVersion: 0 },
          { productId: second.id, stallId: scene.stall.id, stock: 1, stockVersion: 1 },
        ]) as unknown,
      },
    });
    // Hidden products and stalls not approved are not for sale: not listed.
    expect(answer.ok && answer.data.products).toHaveLength(2);

    const draft = await createMarket((await createTown()).id, { status: "DRAFT" });
    const refused = await socket.emitWithAck("stock:get", { marketId: draft.id });
    expect(refused).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });
});

describe("coalescing, with a window that ends only when the test says", () => {
  let server: Server;
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    // An hour: nothing the test did not flush is sent by the timer during the test.
    server = await start(3_600_000);
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server.close();
  });

  it("the first change goes at once, the rest of the window in ONE event with the newest versions", async () => {
    const scene = await createMarketScene(T0);
    const otherStall = await createStall(scene.market.id, scene.merchant.id);
    const candle = await createProduct(otherStall.id, { stock: 5 });
    const honey = scene.product;
    const everywhere = await listener(server, {
      marketId: scene.market.id,
      stallIds: [scene.stall.id, otherStall.id],
    });
    const candleStall = await listener(server, { stallIds: [otherStall.id] });
    sockets.push(everywhere.socket, candleStall.socket);

    // A quiet market: the reservation's two lines go out at once, in one event.
    const reserved = await app.reserveOrder({
      buyerId: (await buyer()).id,
      marketId: scene.market.id,
      lines: [
        { productId: honey.id, quantity: 1 },
        { productId: candle.id, quantity: 5 },
      ],
      now: T0,
    });
    if (!reserved.ok) throw new Error(`reservation refused: ${reserved.reason}`);
    await everywhere.until((events) => events.length === 1);
    expect(everywhere.events[0]).toEqual({
      marketId: scene.market.id,
      products: expect.arrayContaining([
        { productId: honey.id, stallId: scene.stall.id, stock: 9, stockVersion: 1 },
        { productId: candle.id, stallId: otherStall.id, stock: 0, stockVersion: 1 },
      ]) as unknown,
    });

    // Inside the window: a release and three taps wait for its end, then go together.
    expect((await app.releaseOrder(reserved.order.id, "EXPIRED", T0)).released).toBe(true);
    for (let i = 0; i < 3; i++) await app.changeStock(scene.stall.id, honey.id, { delta: -1 });
    app.flushStockBroadcasts();
    await everywhere.until((events) => events.length === 2);
    expect(everywhere.events[1]!.products).toEqual(
      expect.arrayContaining([
        { productId: honey.id, stallId: scene.stall.id, stock: 7, stockVersion: 5 },
        { productId: candle.id, stallId: otherStall.id, stock: 5, stockVersion: 2 },
      ]),
    );
    expect(everywhere.events[1]!.products).toHaveLength(2);

    // The flush ended the window: the next change goes at once, and nothing came in between.
    await app.changeStock(otherStall.id, candle.id, { delta: -1 });
    await everywhere.until((events) => events.length === 3);
    expect(everywhere.events[2]!.products).toEqual([
      { productId: candle.id, stallId: otherStall.id, stock: 4, stockVersion: 3 },
    ]);
    // Every event carried the candle: its stall's room got the same three (on its own socket).
    await candleStall.until((events) => events.length === 3);
    expect(candleStall.events).toEqual(everywhere.events);
  });

  it("30 quick changes: the first at once, the 29 others in one event carrying the last", async () => {
    const scene = await createMarketScene(T0);
    const stall = await listener(server, { stallIds: [scene.stall.id] });
    sockets.push(stall.socket);
    for (let i = 1; i <= 30; i++) {
      expect(await app.changeStock(scene.stall.id, scene.product.id, { set: i })).toMatchObject({ ok: true });
    }
    await stall.until((events) => events.length === 1);
    app.flushStockBroadcasts();
    await stall.untilVersion(scene.product.id, 30);
    expect(stall.events.map((e) => e.products)).toEqual([
      [{ productId: scene.product.id, stallId: scene.stall.id, stock: 1, stockVersion: 1 }],
      [{ productId: scene.product.id, stallId: scene.stall.id, stock: 30, stockVersion: 30 }],
    ]);
  });
});

// Needs a Redis server, like multi-instance.test.ts: TEST_REDIS_URL, or 127.0.0.1:6379.
describe("two instances sharing Redis (here in one process)", () => {
  const servers: Server[] = [];
  const sockets: TestSocket[] = [];
  const redis = { url: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379", key: `chalet-stock-${Date.now()}` };
  beforeAll(async () => {
    // An hour: the test closes the window itself.
    servers.push(await start(3_600_000, redis), await start(3_600_000, redis));
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    for (const server of servers.reverse()) await server.close();
    // Socket.IO's stream outlives the instances.
    const client = new Redis(redis.url);
    await client.del(adapterKeys(redis.key).streamName).finally(() => client.disconnect());
  });

  it("a change is heard once by the sockets of either instance", async () => {
    const scene = await createMarketScene(T0);
    const [a, b] = servers as [Server, Server];
    const onA = await listener(a, { marketId: scene.market.id, stallIds: [scene.stall.id] });
    const onB = await listener(b, { marketId: scene.market.id });
    sockets.push(onA.socket, onB.socket);
    await app.changeStock(scene.stall.id, scene.product.id, { delta: -1 });
    for (let i = 0; i < 5; i++) await app.changeStock(scene.stall.id, scene.product.id, { delta: -1 });
    app.flushStockBroadcasts();
    for (const s of [onA, onB]) await s.untilVersion(scene.product.id, 6);
    // A third change, sent after: anything heard twice would have come before it.
    await app.changeStock(scene.stall.id, scene.product.id, { delta: 1 });
    for (const s of [onA, onB]) await s.untilVersion(scene.product.id, 7);
    const expected = [1, 6, 7].map((stockVersion) => [
      {
        productId: scene.product.id,
        stallId: scene.stall.id,
        stock: stockVersion === 7 ? 5 : 10 - stockVersion,
        stockVersion,
      },
    ]);
    expect(onA.events.map((e) => e.products)).toEqual(expected);
    expect(onB.events.map((e) => e.products)).toEqual(expected);
  });
});
