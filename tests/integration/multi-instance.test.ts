// Two Chalet instances behind one load balancer: same database, one Redis, one scheduler leader.
// Each visitor's socket is connected to one instance only, and must still hear what the other
// announces. Needs a Redis server: TEST_REDIS_URL, or 127.0.0.1:6379 (.ci/run starts one). Without
// it these tests fail; they are not skipped.
import { randomUUID } from "node:crypto";
import { createServer as createTcpServer, type Socket as TcpSocket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { rooms, type SessionTransitionEvent } from "~/realtime/events";
import { attachRedisAdapter } from "../../server/realtime-adapter";
import { createMarket, createSession, createStall, createTown, createUser, TEST_PASSWORD } from "../fixtures/factories";
import {
  clientFor,
  connectSocket,
  startTestServer,
  TestClient,
  TestClock,
  type TestServer,
  type TestSocket,
} from "../setup/server";
import { eventually } from "../setup/wait";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const T0 = new Date("2026-12-05T08:00:00Z");
const minutes = (n: number) => n * 60_000;
const after = (ms: number) => new Date(T0.getTime() + ms);
const LEASE_MS = 15_000;

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** An instance of the site: its own scheduler holder, the shared clock, database and Redis channels. */
async function instance(holder: string, clock: TestClock, redisKey: string) {
  const server = await startTestServer({
    clock,
    redisUrl: REDIS_URL,
    redisKey,
    scheduler: { holder, leaseMs: LEASE_MS },
  });
  cleanups.push(() => server.close());
  return server;
}

type Heard = { name: string; event: unknown };

async function socketOn(server: TestServer, userId: string | null = null) {
  const socket = await connectSocket(server, await clientFor(server, userId));
  cleanups.push(() => socket.disconnect());
  const heard: Heard[] = [];
  socket.on("session:opened", (event) => heard.push({ name: "session:opened", event }));
  socket.on("session:closed", (event) => heard.push({ name: "session:closed", event }));
  socket.on("chat:message", (event) => heard.push({ name: "chat:message", event }));
  // Not part of the contract: the tests' own marker, see settled().
  (socket as unknown as { on(name: string, listener: (n: number) => void): void }).on("test:marker", (n) =>
    heard.push({ name: "test:marker", event: n }),
  );
  return { socket, heard };
}

/** Waits until `heard` holds `count` entries; events travel real sockets and Redis. */
async function until(heard: Heard[], count: number) {
  await eventually(() => heard.length >= count, 3_000).catch(() => undefined);
  return heard;
}

let markers = 0;
/**
 * Proves that nothing more is on its way from `from` to these sockets: a marker sent to the same
 * room after the event travels the same path (the same Redis connection, in order), so once every
 * socket has it, a duplicate of the event would have arrived before it. Returns what each heard
 * before the marker.
 */
async function settled(from: TestServer, room: string, listeners: Heard[][]) {
  const n = ++markers;
  (from.io as unknown as { to(room: string): { emit(name: string, n: number): void } }).to(room).emit("test:marker", n);
  for (const heard of listeners) {
    await eventually(() => heard.some((h) => h.name === "test:marker" && h.event === n), 3_000).catch(() => undefined);
    const at = heard.findIndex((h) => h.name === "test:marker" && h.event === n);
    expect(at, "the marker arrived").toBeGreaterThanOrEqual(0);
    heard.splice(at, 1);
  }
  return listeners.map((heard) => heard.map((h) => h.name));
}

async function join(socket: TestSocket, marketId: string, stallId?: string) {
  expect(await socket.emitWithAck("market:join", { marketId })).toMatchObject({ ok: true });
  if (stallId) expect(await socket.emitWithAck("stall:join", { stallId })).toMatchObject({ ok: true });
}

const mine = (marketId: string, events: SessionTransitionEvent[]) => events.filter((e) => e.marketId === marketId);

describe("several instances sharing Redis", () => {
  it("every socket hears the leader's announcements and the chat once, and a standby takes over", async () => {
    const town = await createTown();
    const market = await createMarket(town.id);
    const first = await createSession(market.id, after(minutes(10)), after(minutes(20)));
    const merchant = await createUser();
    const stall = await createStall(market.id, merchant.id);
    const visitor = await createUser();
    const clock = new TestClock(T0);
    const redisKey = `chalet-test-${randomUUID()}`;
    const a = await instance("a", clock, redisKey);
    const b = await instance("b", clock, redisKey);

    // A leads from the start; B stands by.
    await a.scheduler.runOnce();
    await b.scheduler.runOnce();
    expect([a.scheduler.isLeader(), b.scheduler.isLeader()]).toEqual([true, false]);

    const onA = await socketOn(a);
    await join(onA.socket, market.id, stall.id);
    const onB = await socketOn(b, visitor.id);
    await join(onB.socket, market.id, stall.id);
    const room = rooms.market(market.id);

    // The opening is announced by A's scheduler only, and heard on both instances.
    clock.set(after(minutes(10)));
    expect(mine(market.id, await a.scheduler.runOnce())).toEqual([
      expect.objectContaining({ open: true, sessionId: first.id, cause: "SCHEDULE" }),
    ]);
    expect(mine(market.id, await b.scheduler.runOnce())).toEqual([]);
    await until(onB.heard, 1);
    expect(onB.heard).toEqual([
      {
        name: "session:opened",
        event: expect.objectContaining({ marketId: market.id, open: true, at: after(minutes(10)).toISOString() }),
      },
    ]);
    expect(await settled(a, room, [onA.heard, onB.heard])).toEqual([["session:opened"], ["session:opened"]]);
    onA.heard.length = onB.heard.length = 0;

    // A message sent through B reaches the stall's visitors on A, once.
    const sent = await onB.socket.emitWithAck("chat:send", { stallId: stall.id, body: "Bonjour, il reste du miel ?" });
    expect(sent).toMatchObject({ ok: true, data: { body: "Bonjour, il reste du miel ?" } });
    await until(onA.heard, 1);
    expect(onA.heard).toEqual([
      {
        name: "chat:message",
        event: expect.objectContaining({ stallId: stall.id, body: "Bonjour, il reste du miel ?" }),
      },
    ]);
    expect(await settled(b, rooms.stall(stall.id), [onA.heard, onB.heard])).toEqual([
      ["chat:message"],
      ["chat:message"],
    ]);
    onA.heard.length = onB.heard.length = 0;

    // A dies without giving up its lease. Its sockets go; B's stay connected.
    await a.scheduler.stop({ releaseLease: false });
    await a.close();
    expect(onB.socket.connected).toBe(true);

    // Before the lease runs out B still waits; after it, B leads and announces the closing.
    clock.set(after(minutes(10) + LEASE_MS - 1_000));
    await b.scheduler.runOnce();
    expect(b.scheduler.isLeader()).toBe(false);
    clock.set(after(minutes(20)));
    expect(mine(market.id, await b.scheduler.runOnce())).toEqual([
      expect.objectContaining({ open: false, sessionId: first.id, cause: "SCHEDULE" }),
    ]);
    expect(b.scheduler.isLeader()).toBe(true);
    await until(onB.heard, 1);
    expect(onB.heard).toEqual([
      {
        name: "session:closed",
        event: expect.objectContaining({ marketId: market.id, open: false, at: after(minutes(20)).toISOString() }),
      },
    ]);
    expect(await settled(b, room, [onB.heard])).toEqual([["session:closed"]]);
  });
});

describe("a schedule written on a standby", () => {
  it("wakes the leader on the other instance at once, not at its next renewal", async () => {
    const town = await createTown();
    const market = await createMarket(town.id);
    await createSession(market.id, after(minutes(10)), after(minutes(60)));
    const clock = new TestClock(T0);
    const redisKey = `chalet-test-${randomUUID()}`;
    // A runs on its own timer, which would not fire again for minutes: only a wake-up can act.
    const a = await startTestServer({
      clock,
      redisUrl: REDIS_URL,
      redisKey,
      scheduler: { auto: true, holder: "a", leaseMs: 600_000, maxSleepMs: 300_000 },
    });
    cleanups.push(() => a.close());
    const b = await instance("b", clock, redisKey);
    await eventually(() => a.scheduler.isLeader(), 3_000);
    expect(a.scheduler.isLeader()).toBe(true);
    const onB = await socketOn(b);
    await join(onB.socket, market.id);

    clock.set(after(minutes(10)));
    // The servers' copy of the memos' version (the build's, which both instances here share).
    const { catalogueVersion } = a.services;
    const cachedAs = catalogueVersion();
    // What B's scheduler sends when an organiser's action on B writes a schedule.
    b.io.serverSideEmit("schedule:changed");
    await until(onB.heard, 1);
    // A's cached public reads are dropped too (in one process the instances share the version,
    // so this shows A's handler ran; across processes it is what keeps A's stall pages fresh).
    expect(catalogueVersion()).toBeGreaterThan(cachedAs);
    expect(onB.heard).toEqual([{ name: "session:opened", event: expect.objectContaining({ marketId: market.id }) }]);
  });
});

describe("a session ended on one instance", () => {
  it("closes the session's sockets held by another instance at once", async () => {
    const town = await createTown();
    const market = await createMarket(town.id);
    const merchant = await createUser();
    const stall = await createStall(market.id, merchant.id);
    const clock = new TestClock(T0);
    const redisKey = `chalet-test-${randomUUID()}`;
    // B starts first: the pages' registry (one per process, the last server registered) then holds
    // A's sockets server, so the close asked for on A can reach B only through Redis.
    const b = await instance("b", clock, redisKey);
    const a = await instance("a", clock, redisKey);

    const browser = new TestClient(a.url);
    expect((await browser.post("/login", { email: merchant.email, password: TEST_PASSWORD })).status).toBe(302);
    const copied = new TestClient(b.url);
    copied.setCookieHeader(browser.cookieHeader());
    const socket = await connectSocket(b, copied);
    cleanups.push(() => socket.disconnect());
    expect(await socket.emitWithAck("merchant:join", { stallId: stall.id })).toMatchObject({ ok: true });
    const disconnected = new Promise<string>((resolve) => socket.once("disconnect", resolve));
    expect(a.io.of("/").sockets.size).toBe(0);

    expect((await browser.post("/logout", {})).status).toBe(302);

    await expect.poll(() => socket.connected, { timeout: 5_000 }).toBe(false);
    expect(await disconnected).toBe("io server disconnect");
    const again = await connectSocket(b, copied);
    cleanups.push(() => again.disconnect());
    expect(await again.emitWithAck("merchant:join", { stallId: stall.id })).toMatchObject({
      ok: false,
      error: { code: "UNAUTHENTICATED" },
    });
  });
});

describe("Redis out of reach at start-up", () => {
  it("fails at once with a message naming REDIS_URL when the connection is refused", async () => {
    // A port just freed by this process: nothing listens there.
    const probe = createTcpServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as { port: number };
    await new Promise((resolve) => probe.close(resolve));

    await expect(startTestServer({ redisUrl: `redis://:hunter2@127.0.0.1:${port}` })).rejects.toThrow(
      new RegExp(`Cannot reach Redis at redis://:\\*\\*\\*@127\\.0\\.0\\.1:${port}/? \\(REDIS_URL\\): .*ECONNREFUSED`),
    );
  });

  it("gives up after its timeout when Redis accepts the connection but never answers", async () => {
    const held: TcpSocket[] = [];
    const silent = createTcpServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => {
      held.forEach((socket) => socket.destroy());
      return new Promise((resolve) => silent.close(resolve));
    });
    const { port } = silent.address() as { port: number };
    const { Server } = await import("socket.io");

    const attempt = attachRedisAdapter(new Server() as never, {
      url: `redis://127.0.0.1:${port}`,
      connectTimeoutMs: 300,
    });
    await expect(attempt).rejects.toThrow(/Cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+\/? \(REDIS_URL\)/);
    expect(held.length, "the client did connect before timing out").toBeGreaterThan(0);
  });
});
