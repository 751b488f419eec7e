// What several instances must share, with each instance in its own process (nothing in memory in
// common, as on separate machines) on this file's database and one Redis: the rate limits (an
// 11th log-in try refused on whichever instance it reaches; a socket event budget per account
// spent across instances) and the memos of public pages (a product renamed through one instance
// is shown by the other at once). Needs Redis: TEST_REDIS_URL, or 127.0.0.1:6379.
import { randomUUID } from "node:crypto";
import { connect as tcpConnect, createServer as createTcpServer, type Socket as TcpSocket } from "node:net";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ack } from "~/realtime/events";
import { db } from "~/utils/db.server";
import { createMarketScene, createUser, TEST_PASSWORD } from "../fixtures/factories";
import { adapterKeys } from "../../server/realtime-adapter";
import { startInstanceProcess, type InstanceProcess } from "../setup/instance-process";
import { clientFor, connectSocket, TestClient, type TestSocket } from "../setup/server";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const REDIS_PREFIX = `chalet-test-${randomUUID()}`;
/** Events per account per 10 s on both instances: low, so two sockets' worth goes over it. */
const ACCOUNT_BUDGET = 30;

let a: InstanceProcess;
let b: InstanceProcess;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  const env = {
    REDIS_URL,
    REDIS_PREFIX,
    SOCKET_EVENTS_PER_ACCOUNT: String(ACCOUNT_BUDGET),
    // Ten minutes: a stall page that changes on the other instance within this test was told so.
    STALL_PAGE_CACHE_MS: "600000",
  };
  [a, b] = await Promise.all([startInstanceProcess(env), startInstanceProcess(env)]);
}, 120_000);

afterAll(async () => {
  sockets.forEach((socket) => socket.disconnect());
  await Promise.all([a?.stop(), b?.stop()]);
  // The stream outlives the instances; sessions and counts expire by themselves.
  const redis = new Redis(REDIS_URL);
  await redis.del(adapterKeys(REDIS_PREFIX).streamName);
  redis.disconnect();
}, 30_000);

describe("rate limits", () => {
  it("count log-in tries made on both instances together: the 11th is refused on either", async () => {
    const user = await createUser();
    const onA = new TestClient(a.url);
    const onB = new TestClient(b.url);
    for (let i = 0; i < 10; i++) {
      const wrong = await (i % 2 ? onB : onA).post("/login", { email: user.email, password: `not it ${i}` });
      expect(wrong.status, `try ${i + 1}`).not.toBe(429);
      expect(wrong.status, `try ${i + 1}`).toBeLessThan(500);
    }
    // Five tries on each: alone, neither instance would refuse. Even the right password waits.
    const eleventh = await onB.post("/login", { email: user.email, password: TEST_PASSWORD });
    expect(eleventh.status).toBe(429);
    expect(Number(eleventh.headers.get("Retry-After"))).toBeGreaterThan(0);
  });

  it("spend one account's socket event budget across its sockets on both instances", async () => {
    const user = await createUser();
    const open = async (instance: InstanceProcess) => {
      const socket = await connectSocket(instance, await clientFor(instance, user.id));
      sockets.push(socket);
      return socket;
    };
    const [onA, onB] = await Promise.all([open(a), open(b)]);
    const send = (socket: TestSocket, n: number) =>
      Promise.all(
        Array.from(
          { length: n },
          () =>
            (socket as unknown as { emitWithAck(event: string, payload: unknown): Promise<Ack<unknown>> }).emitWithAck(
              "market:leave",
              { marketId: "none" },
            ) as Promise<Ack<unknown>>,
        ),
      );
    // 20 each: under every per-socket and per-address limit, 40 together for a budget of 30.
    const fromA = await send(onA, 20);
    const fromB = await send(onB, 20);
    expect(fromA.every((answer) => answer.ok)).toBe(true);
    const refused = fromB.filter((answer) => !answer.ok);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]).toMatchObject({ ok: false, error: { code: "RATE_LIMITED" } });
  });
});

describe("public page memos", () => {
  it("drop a stall page on the other instance as soon as a product is renamed on one", async () => {
    const { market, stall, product, merchant } = await createMarketScene();
    const page = `/m/${market.slug}/${stall.slug}`;
    const visitor = new TestClient(b.url);
    const before = await visitor.get(page);
    expect(before.status).toBe(200);
    expect(await before.text()).toContain(product.name);

    const owner = await clientFor(a, merchant.id);
    const saved = await owner.post(`/merchant/stalls/${stall.id}/products/${product.id}`, {
      intent: "save",
      name: "Miel de lavande",
      description: "500 g",
      price: "10,00",
      stock: String(product.stock),
      stockWas: product.stock,
    });
    expect(saved.status).toBe(200);
    expect(await db.product.findUniqueOrThrow({ where: { id: product.id } })).toMatchObject({
      name: "Miel de lavande",
    });

    // B read this page into its memo for ten minutes; only A's announcement can drop it.
    await expect
      .poll(async () => (await visitor.get(page)).text(), { timeout: 5_000, interval: 50 })
      .toContain("Miel de lavande");
  });
});

/** A TCP relay to Redis that the test can cut, as a network failure or a Redis restart would. */
async function redisRelay() {
  const target = new URL(REDIS_URL);
  const open = new Set<TcpSocket>();
  let cut = false;
  const server = createTcpServer((incoming) => {
    if (cut) return incoming.destroy();
    const outgoing = tcpConnect(Number(target.port || 6379), target.hostname);
    for (const [from, to] of [
      [incoming, outgoing],
      [outgoing, incoming],
    ] as const) {
      open.add(from);
      from.pipe(to);
      from.on("error", () => to.destroy());
      from.on("close", () => {
        open.delete(from);
        to.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `redis://127.0.0.1:${port}`,
    cut() {
      cut = true;
      open.forEach((socket) => socket.destroy());
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("Redis going away", () => {
  it("leaves log-ins answered and still limited, by each instance alone", async () => {
    const relay = await redisRelay();
    const c = await startInstanceProcess({ REDIS_URL: relay.url, REDIS_PREFIX });
    try {
      const user = await createUser();
      const browser = new TestClient(c.url);
      relay.cut();
      for (let i = 0; i < 10; i++) {
        const wrong = await browser.post("/login", { email: user.email, password: `not it ${i}` });
        expect(wrong.status, `try ${i + 1}`).toBe(400);
      }
      // Counted in memory meanwhile (rate-limiter-flexible's insurance limiter), not refused with a 500.
      expect((await browser.post("/login", { email: user.email, password: TEST_PASSWORD })).status).toBe(429);
      expect(c.output()).toMatch(/rate limits: Redis connection lost/);
    } finally {
      await c.stop();
      await relay.close();
    }
  }, 60_000);
});
