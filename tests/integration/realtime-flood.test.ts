// One client flooding the sockets (issue 10, finding 3), over real sockets: the per-socket limit
// alone let 1,000 sockets from one address send 1,000 times as much. Here the sockets of one
// address are capped, events have a budget per address and per account whatever the socket, and
// expensive reads are refused with BUSY while the event loop lags, while /healthz, cheap events
// and writes are still answered. The limits are lowered per server so a test reaches them with a
// few sockets, and the event-loop delay is injected: nothing here is timed.
// Addresses come from X-Forwarded-For through the trusted loopback proxy, or from sockets bound
// to another loopback address (127.0.0.2), as the HTTP side reads them (server/client-address.ts).
import { io as connect } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Ack, ConnectErrorData } from "~/realtime/events";
import { localeCookie } from "~/utils/session.server";
import { createMarketScene, createUser } from "../fixtures/factories";
import { clientFor, startTestServer, type TestServer, type TestSocket } from "../setup/server";

const T0 = new Date("2026-12-05T10:00:00Z");
const FR_TOO_MANY =
  "Trop de connexions ouvertes depuis votre adresse\u00a0: fermez quelques onglets ou réessayez dans une minute.";
const FR_BUSY = "Le marché est très fréquenté en ce moment\u00a0: réessayez dans un instant.";

const sockets: TestSocket[] = [];
afterEach(() => {
  while (sockets.length) sockets.pop()!.disconnect();
});

type Origin = {
  /** X-Forwarded-For, as a proxy in front of the server would set it. */
  forwardedFor?: string;
  /** The local address the socket is bound to (127.0.0.2: another client on loopback). */
  localAddress?: string;
  cookie?: string;
};

type Refusal = Error & { data?: ConnectErrorData };

/** A socket from the given origin: connected, or the connect_error its handshake got. */
function open(server: { url: string }, origin: Origin = {}): Promise<TestSocket | Refusal> {
  const headers: Record<string, string> = {};
  if (origin.forwardedFor) headers["x-forwarded-for"] = origin.forwardedFor;
  if (origin.cookie) headers.cookie = origin.cookie;
  const socket: TestSocket = connect(server.url, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    extraHeaders: headers,
    ...(origin.localAddress ? { localAddress: origin.localAddress } : {}),
  });
  sockets.push(socket);
  return new Promise((resolve) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (error: Refusal) => resolve(error));
  });
}

async function connected(server: { url: string }, origin: Origin = {}): Promise<TestSocket> {
  const result = await open(server, origin);
  if (result instanceof Error) throw result;
  return result;
}

async function refused(server: { url: string }, origin: Origin = {}): Promise<Refusal> {
  const result = await open(server, origin);
  if (!(result instanceof Error)) throw new Error("the socket was accepted");
  return result;
}

// The client's typings only allow well-formed calls; a bad client is not bound by them.
type LooseSocket = { timeout(ms: number): { emitWithAck(event: string, ...args: unknown[]): Promise<Ack<unknown>> } };

function ask(socket: TestSocket, event: string, payload: unknown): Promise<Ack<unknown>> {
  return (socket as unknown as LooseSocket).timeout(5_000).emitWithAck(event, payload);
}

const codeOf = (answer: Ack<unknown>) => (answer.ok ? "OK" : answer.error.code);
const count = (answers: Ack<unknown>[], code: string) => answers.filter((a) => codeOf(a) === code).length;

describe("connections per client address", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ now: T0, realtimeLimits: { maxConnectionsPerAddress: 3 } });
  });
  afterAll(() => server.close());

  it("refuses the socket over the cap with a clear connect_error, while other addresses still connect", async () => {
    const mine = [await connected(server), await connected(server), await connected(server)];

    const refusal = await refused(server);
    expect(refusal.message).toBe(FR_TOO_MANY);
    expect(refusal.data).toEqual({ code: "TOO_MANY_CONNECTIONS" });
    // In the visitor's language.
    const english = await refused(server, { cookie: await localeCookie.serialize("en") });
    expect(english.message).toBe(
      "Too many connections open from your address: close a few tabs or try again in a minute.",
    );

    // Behind the trusted loopback proxy, each forwarded client has its own cap.
    const forwarded = { forwardedFor: "203.0.113.7" };
    for (let i = 0; i < 3; i++) expect((await connected(server, forwarded)).connected).toBe(true);
    expect((await refused(server, forwarded)).data).toEqual({ code: "TOO_MANY_CONNECTIONS" });
    // The proxy appends the address it saw to whatever the client sent: the nearest hop counts,
    // so a client cannot name itself another address.
    expect((await refused(server, { forwardedFor: "198.51.100.1, 203.0.113.7" })).data).toEqual({
      code: "TOO_MANY_CONNECTIONS",
    });

    // A socket that closes gives its place back.
    mine[0]!.disconnect();
    await vi.waitFor(async () => expect((await connected(server)).connected).toBe(true));
    expect(mine[1]!.connected && mine[2]!.connected).toBe(true);
  });

  it("counts an IPv6 client by its /64: picking another address in it does not escape the cap", async () => {
    for (const suffix of ["1", "2", "abcd:1"]) await connected(server, { forwardedFor: `2001:db8:1:2::${suffix}` });
    expect((await refused(server, { forwardedFor: "2001:db8:1:2:ffff::9" })).data).toEqual({
      code: "TOO_MANY_CONNECTIONS",
    });
    await connected(server, { forwardedFor: "2001:db8:1:3::1" });
  });
});

describe("which proxies are believed", () => {
  let server: TestServer;
  beforeAll(async () => {
    // Only 127.0.0.1 is a proxy here: a client on 127.0.0.2 is a client, whatever it says.
    server = await startTestServer({
      now: T0,
      trustProxy: "127.0.0.1",
      realtimeLimits: { maxConnectionsPerAddress: 1 },
    });
  });
  afterAll(() => server.close());

  it("ignores X-Forwarded-For from a peer that is not a trusted proxy", async () => {
    await connected(server, { localAddress: "127.0.0.2", forwardedFor: "198.51.100.10" });
    // Another made-up address from the same peer is still that peer.
    const refusal = await refused(server, { localAddress: "127.0.0.2", forwardedFor: "198.51.100.11" });
    expect(refusal.data).toEqual({ code: "TOO_MANY_CONNECTIONS" });
    // Through the trusted proxy the same header is believed.
    await connected(server, { localAddress: "127.0.0.1", forwardedFor: "198.51.100.11" });
  });
});

describe("event budgets shared by sockets", () => {
  let server: TestServer;
  const PER_ADDRESS = 30;
  const PER_ACCOUNT = 20;
  beforeAll(async () => {
    server = await startTestServer({
      now: T0,
      realtimeLimits: { budgets: { perAddress: PER_ADDRESS, perAccount: PER_ACCOUNT } },
    });
  });
  afterAll(() => server.close());

  it("refuses the events of one address over its budget, however many sockets carry them", async () => {
    const { market } = await createMarketScene(T0);
    const origin = { forwardedFor: "203.0.113.20" };
    const flood = await Promise.all(Array.from({ length: 6 }, () => connected(server, origin)));
    // 10 each: far under the per-socket limit, 60 together.
    const answers = await Promise.all(
      flood.flatMap((socket) => Array.from({ length: 10 }, () => ask(socket, "market:leave", { marketId: market.id }))),
    );
    expect(count(answers, "OK")).toBe(PER_ADDRESS);
    expect(count(answers, "RATE_LIMITED")).toBe(60 - PER_ADDRESS);
    expect(answers.find((a) => !a.ok)).toEqual({
      ok: false,
      error: {
        code: "RATE_LIMITED",
        message: "Trop de demandes depuis votre réseau\u00a0: réessayez dans quelques secondes.",
      },
    });
    // Refused, not dropped; another address is served at once.
    expect(flood.every((socket) => socket.connected)).toBe(true);
    const neighbour = await connected(server, { forwardedFor: "203.0.113.21" });
    expect(await ask(neighbour, "market:join", { marketId: market.id })).toMatchObject({ ok: true });
  });

  it("refuses the events of one account over its budget, from every address it uses", async () => {
    const { market } = await createMarketScene(T0);
    const user = await createUser({ name: "Mille-Onglets" });
    const cookie = (await clientFor(server, user.id)).cookieHeader();
    const tabs = await Promise.all(
      Array.from({ length: 4 }, (_, i) => connected(server, { cookie, forwardedFor: `198.51.100.${30 + i}` })),
    );
    const answers = await Promise.all(
      tabs.flatMap((socket) => Array.from({ length: 10 }, () => ask(socket, "market:leave", { marketId: market.id }))),
    );
    expect(count(answers, "OK")).toBe(PER_ACCOUNT);
    expect(count(answers, "RATE_LIMITED")).toBe(40 - PER_ACCOUNT);
    expect(answers.find((a) => !a.ok)).toEqual({
      ok: false,
      error: {
        code: "RATE_LIMITED",
        message: "Trop de demandes pour ce compte\u00a0: réessayez dans quelques secondes.",
      },
    });
    // Another account behind one of the same addresses is not held back.
    const other = await createUser();
    const otherCookie = (await clientFor(server, other.id)).cookieHeader();
    const neighbour = await connected(server, { cookie: otherCookie, forwardedFor: "198.51.100.30" });
    expect(await ask(neighbour, "market:join", { marketId: market.id })).toMatchObject({ ok: true });
  });
});

describe("load shedding", () => {
  let server: TestServer;
  /** The event loop's delay as the server sees it: set by the test. */
  let delayMs = 0;
  beforeAll(async () => {
    server = await startTestServer({
      now: T0,
      realtimeLimits: { shedDelayMs: 100, eventLoopDelayMs: () => delayMs },
    });
  });
  afterAll(() => server.close());

  it("answers expensive reads BUSY while the event loop lags, and keeps answering /healthz, cheap events and writes", async () => {
    const { market, stall } = await createMarketScene(T0);
    const visitor = await createUser();
    const socket = await connected(server, { cookie: (await clientFor(server, visitor.id)).cookieHeader() });
    expect(await ask(socket, "chat:history", { stallId: stall.id })).toMatchObject({ ok: true });

    delayMs = 500;
    const busy = { ok: false, error: { code: "BUSY", message: FR_BUSY } };
    expect(await ask(socket, "chat:history", { stallId: stall.id })).toEqual(busy);
    expect(await ask(socket, "stock:get", { marketId: market.id })).toEqual(busy);
    expect(await ask(socket, "stall:join", { stallId: stall.id })).toEqual(busy);
    expect(await ask(socket, "market:join", { marketId: market.id })).toEqual(busy);
    // What is cheap, or already limited per user, still goes through; so does /healthz.
    expect(await ask(socket, "market:leave", { marketId: market.id })).toEqual({ ok: true, data: null });
    expect(await ask(socket, "chat:send", { stallId: stall.id, body: "Toujours là ?" })).toMatchObject({ ok: true });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

    // Caught up: served again.
    delayMs = 20;
    expect(await ask(socket, "chat:history", { stallId: stall.id })).toMatchObject({ ok: true });
    expect(await ask(socket, "stall:join", { stallId: stall.id })).toMatchObject({ ok: true });
  });
});
