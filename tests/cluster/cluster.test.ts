// The real cluster: three server processes on one database and one Redis, behind HAProxy with
// deploy/haproxy.cfg (tests/cluster/cluster.ts). Started once for this file; the test that kills
// the scheduler's leader comes last, since the others want three instances. The database is the
// one the set-up file made for this file: the instances and this process share it.
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { StockUpdated } from "~/realtime/events";
import { db } from "~/utils/db.server";
import { sessionSecret } from "~/utils/env.server";
import {
  createMarket,
  createMarketScene,
  createProduct,
  createSession,
  createTown,
  createUser,
  TEST_PASSWORD,
} from "../fixtures/factories";
import { clientAs, closeSockets, join, socketTo } from "./clients";
import { startCluster, type Cluster, type ClusterInstance } from "./cluster";

const LEASE_MS = 2_000;

let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster({
    databaseUrl: process.env.DATABASE_URL!,
    sessionSecret,
    // A standby takes over within the lease; schedules written here are seen within the sleep.
    // A stall page stays a minute in each instance's memo: only the announcement of a write made on
    // another instance can make a page fresh before that.
    // 500 checkouts at once queue for each instance's 10 connections: on a loaded machine more
    // than the 5 s default, and a buyer then got a 503. They may wait (the test allows 30 s per
    // answer) without more connections, which the other test databases of this server need.
    env: {
      SCHEDULER_LEASE_MS: String(LEASE_MS),
      SCHEDULER_MAX_SLEEP_MS: "500",
      STALL_PAGE_CACHE_MS: "60000",
      DATABASE_POOL_TIMEOUT_MS: "25000",
    },
  });
}, 120_000);

afterAll(async () => {
  closeSockets();
  await cluster?.stop();
}, 60_000);

const [app1, app2, app3] = [0, 1, 2].map((i) => () => cluster.instances[i]!) as [
  () => ClusterInstance,
  () => ClusterInstance,
  () => ClusterInstance,
];

describe("a cluster of three instances behind HAProxy", () => {
  it("carries a chat message sent through one instance to readers on the others and through the balancer", async () => {
    const scene = await createMarketScene(new Date());
    const sender = await createUser({ name: "Lucas" });
    const readers = [
      { where: "app2", socket: await socketTo(app2().url) },
      { where: "app3", socket: await socketTo(app3().url) },
      { where: "balancer", socket: await socketTo(cluster.balancerUrl, undefined, { polling: true }) },
    ];
    const heard = new Map<string, string[]>(readers.map((r) => [r.where, []]));
    for (const reader of readers) {
      await join(reader.socket, scene.market.id, scene.stall.id);
      reader.socket.on("chat:message", (message) => heard.get(reader.where)!.push(message.body));
    }
    // The balancer's reader went through long polling, then upgraded on the same instance.
    expect(readers[2]!.socket.io.engine.transport.name).toBe("websocket");

    const onApp1 = await socketTo(app1().url, await clientAs(app1().url, sender.id));
    await join(onApp1, scene.market.id, scene.stall.id);
    const sent = await onApp1.emitWithAck("chat:send", { stallId: scene.stall.id, body: "Il reste du vin chaud ?" });
    expect(sent, JSON.stringify(sent)).toMatchObject({ ok: true, data: { body: "Il reste du vin chaud ?" } });

    await vi.waitFor(
      () =>
        expect(Object.fromEntries(heard)).toEqual({
          app2: ["Il reste du vin chaud ?"],
          app3: ["Il reste du vin chaud ?"],
          balancer: ["Il reste du vin chaud ?"],
        }),
      { timeout: 10_000, interval: 50 },
    );
  });

  it("a sale on one instance changes the stock told by the others' sockets", async () => {
    const scene = await createMarketScene(new Date());
    const product = await createProduct(scene.stall.id, { stock: 7, name: "Bredele" });
    const levels = new Map<string, number[]>();
    for (const instance of [app2(), app3()]) {
      const socket = await socketTo(instance.url);
      await join(socket, scene.market.id, scene.stall.id);
      levels.set(instance.name, []);
      socket.on("stock:updated", (event: StockUpdated) => {
        for (const level of event.products)
          if (level.productId === product.id) levels.get(instance.name)!.push(level.stock);
      });
    }

    const buyer = await createUser();
    const client = await clientAs(app1().url, buyer.id);
    expect((await client.post("/basket", { intent: "add", productId: product.id, quantity: "3" })).status).toBe(200);
    expect((await client.post("/basket", { intent: "checkout", marketId: scene.market.id })).status).toBe(303);

    await vi.waitFor(() => expect(Object.fromEntries(levels)).toEqual({ app2: [4], app3: [4] }), {
      timeout: 10_000,
      interval: 50,
    });
  });

  it("a checkout through the balancer is paid on the sandbox page of another instance, and the order is paid", async () => {
    const scene = await createMarketScene(new Date());
    const product = await createProduct(scene.stall.id, { stock: 3, name: "Vin chaud" });
    const buyer = await clientAs(cluster.balancerUrl, (await createUser()).id);
    expect((await buyer.post("/basket", { intent: "add", productId: product.id, quantity: "1" })).status).toBe(200);
    const checkout = await buyer.post("/basket", { intent: "checkout", marketId: scene.market.id });
    expect(checkout.status).toBe(303);
    // The payment page is on the balancer's address (PUBLIC_URL), not the instance's.
    const page = new URL(checkout.headers.get("Location")!);
    expect(page.origin).toBe(cluster.balancerUrl);
    expect(page.pathname).toMatch(/^\/sandbox\/checkout\/cs_test_/);

    // Paid on an instance other than the one the buyer sticks to, which created the session: the
    // sandbox's objects are in the shared database, and its event reaches a webhook route.
    const sticky = buyer.cookieHeader().match(/chalet_instance=(app\d)/)?.[1];
    const elsewhere = cluster.instances.find((instance) => instance.name !== sticky)!;
    expect(sticky).toBeDefined();
    const paid = await fetch(`${elsewhere.url}${page.pathname}/pay`, {
      method: "POST",
      body: new URLSearchParams({
        method: "card",
        email: "lucie@example.test",
        number: "4242 4242 4242 4242",
        expiry: "12 / 34",
        cvc: "123",
      }),
      redirect: "manual",
    });
    expect(paid.status).toBe(303);
    const order = await db.order.findFirstOrThrow({ where: { lines: { some: { productId: product.id } } } });
    await vi.waitFor(
      async () => expect((await db.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("PAID"),
      { timeout: 15_000, interval: 100 },
    );
  });

  it("sells exactly the stock to 500 concurrent buyers spread over the three instances, never below zero", async () => {
    const scene = await createMarketScene(new Date());
    const product = await createProduct(scene.stall.id, { stock: 50, name: "Santons" });
    const BUYERS = 500;
    // Buyers with the product in their basket, made here in bulk: the race is the checkout.
    const tag = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
    await db.user.createMany({
      data: Array.from({ length: BUYERS }, (_, i) => ({
        email: `buyer-${tag}-${i}@example.test`,
        name: `Buyer ${i}`,
        passwordHash: "not-a-hash: these buyers never log in by password",
      })),
    });
    const buyers = await db.user.findMany({ where: { email: { startsWith: `buyer-${tag}-` } }, select: { id: true } });
    expect(buyers).toHaveLength(BUYERS);
    for (const buyer of buyers) {
      await db.basket.create({ data: { userId: buyer.id, items: { create: { productId: product.id, quantity: 1 } } } });
    }
    const clients = await Promise.all(buyers.map((buyer, i) => clientAs(cluster.instances[i % 3]!.url, buyer.id)));

    // A reader on each instance sees every level the stock goes through.
    const seen: number[] = [];
    for (const instance of cluster.instances) {
      const socket = await socketTo(instance.url);
      await join(socket, scene.market.id);
      socket.on("stock:updated", (event: StockUpdated) => {
        for (const level of event.products) if (level.productId === product.id) seen.push(level.stock);
      });
    }

    // Each answer is awaited at most 30 s: a cluster that hangs fails with the counts it got.
    const statuses = await Promise.all(
      clients.map(async (client) => {
        try {
          const response = await client.request("/basket", {
            method: "POST",
            body: new URLSearchParams({ intent: "checkout", marketId: scene.market.id }),
            signal: AbortSignal.timeout(30_000),
          });
          return response.status;
        } catch (error) {
          return error instanceof Error ? error.name : String(error);
        }
      }),
    );
    const counts: Record<string, number> = {};
    for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
    expect(counts).toEqual({ 303: 50, 409: 450 });
    expect((await db.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(0);
    const sold = await db.orderLine.aggregate({ where: { productId: product.id }, _sum: { quantity: true } });
    expect(sold._sum.quantity).toBe(50);
    expect(await db.order.count({ where: { lines: { some: { productId: product.id } }, status: "RESERVED" } })).toBe(
      50,
    );
    // Each instance told its readers the last level, 0; none ever told a negative one.
    await vi.waitFor(() => expect(seen.filter((s) => s === 0).length).toBeGreaterThanOrEqual(3), {
      timeout: 10_000,
      interval: 50,
    });
    expect(Math.min(...seen)).toBe(0);
  }, 120_000);
});

describe("a cluster: limits shared through Redis", () => {
  it("refuses the 11th failed log-in on one account from one address, the tries spread over the instances", async () => {
    const user = await createUser();
    // An address of this test's own in 127.0.0.0/8 (all of it is loopback on Linux): counts that
    // other tests left in a shared Redis for 127.0.0.1 cannot be what refuses these tries.
    const address = `127.${1 + Math.floor(Math.random() * 254)}.${Math.floor(Math.random() * 255)}.${1 + Math.floor(Math.random() * 254)}`;
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const body = new URLSearchParams({ email: user.email, password: `${TEST_PASSWORD}-wrong-${i}` }).toString();
      statuses.push(await postFrom(address, `${cluster.instances[i % 3]!.url}/login`, body));
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(400));
    expect(statuses[10]).toBe(429);
  });
});

/** POSTs a form from `localAddress`, as a visitor at that address would; resolves with the status. */
function postFrom(localAddress: string, url: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      {
        method: "POST",
        localAddress,
        headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body) },
      },
      (response) => {
        response.resume();
        response.once("end", () => resolve(response.statusCode ?? 0));
      },
    );
    request.once("error", reject);
    request.end(body);
  });
}

describe("a cluster: pages after a change elsewhere", () => {
  it("a stall page served by another instance once its stock:updated has arrived shows the new stock", async () => {
    const scene = await createMarketScene(new Date());
    const product = await createProduct(scene.stall.id, { stock: 7, name: "Manalas" });
    const socket = await socketTo(app2().url);
    await join(socket, scene.market.id);
    const levels: number[] = [];
    socket.on("stock:updated", (event: StockUpdated) => {
      for (const level of event.products) if (level.productId === product.id) levels.push(level.stock);
    });
    // The stall page as a visitor reloading it on app2 gets it: each card says its stock.
    const stockOnApp2 = async () => {
      const response = await fetch(`${app2().url}/m/${scene.market.slug}/${scene.stall.slug}`);
      expect(response.status).toBe(200);
      const card = new RegExp(`data-product-id="${product.id}" data-stock="(\\d+)"`).exec(await response.text());
      return card ? Number(card[1]) : null;
    };
    // Read once on app2: its stall-page cache now holds 7.
    expect(await stockOnApp2()).toBe(7);

    const buyer = await clientAs(app1().url, (await createUser()).id);
    expect((await buyer.post("/basket", { intent: "add", productId: product.id, quantity: "3" })).status).toBe(200);
    expect((await buyer.post("/basket", { intent: "checkout", marketId: scene.market.id })).status).toBe(303);
    await vi.waitFor(() => expect(levels).toEqual([4]), { timeout: 10_000, interval: 20 });
    // A visitor on app2 told "4" reloads: the page must not keep saying 7, as a memo kept per
    // instance would for a minute. The announcement travels apart from the stock event (pub/sub,
    // not the stream), so it may land a moment after it: the page must catch up, not match at once.
    await expect.poll(stockOnApp2, { timeout: 5_000, interval: 50 }).toBe(4);
  });
});

describe("a cluster: the scheduler's leader dies", () => {
  it("kill -9 of the leader: another instance announces the next opening within the lease", async () => {
    const town = await createTown();
    const market = await createMarket(town.id);
    // Real clocks: processes cannot share an injected one. The opening comes after the lease has
    // run out, so it is the new leader that announces it, on schedule.
    const opensAt = new Date(Date.now() + 4 * LEASE_MS);
    await createSession(market.id, opensAt, new Date(opensAt.getTime() + 3600_000));

    const lease = await vi.waitFor(
      async () => {
        const row = await db.schedulerLease.findUnique({ where: { name: "market-scheduler" } });
        expect(row && row.expiresAt > new Date()).toBe(true);
        return row!;
      },
      { timeout: 10_000, interval: 100 },
    );
    const leader = cluster.byHolder(lease.holder);
    expect(leader, `lease holder ${lease.holder}`).toBeDefined();
    const survivors = cluster.instances.filter((instance) => instance !== leader);

    const heard: { where: string; cause: string; at: string }[] = [];
    for (const instance of survivors) {
      const socket = await socketTo(instance.url);
      await join(socket, market.id);
      socket.on("session:opened", (event) => {
        if (event.marketId === market.id) heard.push({ where: instance.name, cause: event.cause, at: event.at });
      });
    }
    await cluster.kill(leader!);
    expect(leader!.alive).toBe(false);

    await vi.waitFor(
      () =>
        expect(heard.sort((a, b) => a.where.localeCompare(b.where))).toEqual(
          survivors.map((s) => ({ where: s.name, cause: "SCHEDULE", at: opensAt.toISOString() })),
        ),
      // The opening, then at most a lease and a sleep of the scheduler, plus a busy machine's margin.
      { timeout: opensAt.getTime() - Date.now() + LEASE_MS + 10_000, interval: 100 },
    );
    const after = await db.schedulerLease.findUniqueOrThrow({ where: { name: "market-scheduler" } });
    expect(survivors.map((s) => s.name)).toContain(cluster.byHolder(after.holder)?.name);
  }, 60_000);
});
