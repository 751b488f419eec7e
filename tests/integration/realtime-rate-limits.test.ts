// Rate limits on the sockets' client events, over real sockets: a socket that fires events
// without waiting for their answers is refused past its burst before any handler or query runs,
// and chat:send is limited per user, however many sockets that user opens.
// The limiters count real time (rate-limiter-flexible takes no clock): nothing here waits, every
// test uses fresh sockets and users, and the wait a refusal announces is asserted instead.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { rooms, type Ack } from "~/realtime/events";
import { db } from "~/utils/db.server";
import { SOCKET_EVENT_LIMIT } from "~/utils/rate-limit.server";
import { localeCookie } from "~/utils/session.server";
import { MAX_ROOMS_PER_SOCKET } from "../../server/realtime";
import { createMarketScene, createUser } from "../fixtures/factories";
import { clientFor, connectSocket, startTestServer, type TestServer, type TestSocket } from "../setup/server";

// The scene opens a session from T0 - 1 h to T0 + 1 h; the server's clock stands at T0.
const T0 = new Date("2026-12-05T10:00:00Z");
/** What one socket may send at once: a second's worth and the burst. */
const ALLOWANCE = SOCKET_EVENT_LIMIT.perSecond + SOCKET_EVENT_LIMIT.burst;
const CHAT_PER_10_S = 5;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ now: T0 });
});
afterAll(() => server.close());

const sockets: TestSocket[] = [];
afterEach(() => {
  while (sockets.length) sockets.pop()!.disconnect();
});

/** A socket as the given user (anonymous when null), in English when asked, closed after the test. */
async function socketAs(userId: string | null = null, options: { english?: boolean } = {}) {
  const client = await clientFor(server, userId);
  if (options.english) client.setCookieHeader(await localeCookie.serialize("en"));
  const socket = await connectSocket(server, client);
  sockets.push(socket);
  return socket;
}

// The client's typings only allow well-formed calls; a bad client is not bound by them.
type LooseSocket = {
  emit(event: string, ...args: unknown[]): void;
  timeout(ms: number): { emitWithAck(event: string, ...args: unknown[]): Promise<Ack<unknown>> };
};

function ask(socket: TestSocket, event: string, ...args: unknown[]): Promise<Ack<unknown>> {
  return (socket as unknown as LooseSocket).timeout(5_000).emitWithAck(event, ...args);
}

function codeOf(answer: Ack<unknown>) {
  return answer.ok ? "OK" : answer.error.code;
}

function count(answers: Ack<unknown>[], code: string) {
  return answers.filter((a) => codeOf(a) === code).length;
}

async function membersOf(room: string) {
  return (await server.io.in(room).fetchSockets()).length;
}

describe("every client event, per socket", () => {
  it("refuses a flood of joins past the burst with RATE_LIMITED, unread, and keeps serving other sockets", async () => {
    const { market } = await createMarketScene(T0);
    const flooder = await socketAs();
    const bystander = await socketAs();

    // Fired without waiting, as a hostile client would; the last one names a real market.
    const flood = Array.from({ length: ALLOWANCE + 50 }, (_, i) => ({ marketId: `no-such-market-${i}` }));
    flood.push({ marketId: market.id });
    const pending = flood.map((payload) => ask(flooder, "market:join", payload));
    expect(await ask(bystander, "market:join", { marketId: market.id })).toMatchObject({ ok: true });
    const answers = await Promise.all(pending);

    // Every event is answered: the burst is honoured, the rest refused (a window of one second
    // may roll over during the flood and let one more second's worth through).
    expect(count(answers, "NOT_FOUND") + count(answers, "RATE_LIMITED")).toBe(flood.length);
    expect(count(answers, "NOT_FOUND")).toBeGreaterThanOrEqual(ALLOWANCE);
    expect(count(answers, "RATE_LIMITED")).toBeGreaterThanOrEqual(50 - SOCKET_EVENT_LIMIT.perSecond);
    // Refused before the handler ran: the real market's join did not join its room.
    expect(answers.at(-1)).toEqual({
      ok: false,
      error: {
        code: "RATE_LIMITED",
        message: "Doucement\u00a0: trop de demandes, réessayez dans quelques secondes.",
      },
    });
    expect(await membersOf(rooms.market(market.id))).toBe(1); // the bystander

    // The flooder is refused, not dropped; a newcomer is served at once.
    expect(flooder.connected).toBe(true);
    expect(await ask(flooder, "market:join", { marketId: market.id })).toMatchObject({
      ok: false,
      error: { code: "RATE_LIMITED" },
    });
    const newcomer = await socketAs();
    expect(await ask(newcomer, "market:join", { marketId: market.id })).toMatchObject({ ok: true });
    expect(await ask(bystander, "market:leave", { marketId: market.id })).toEqual({ ok: true, data: null });
  });

  it("counts events sent without an acknowledgement, and malformed ones, and answers in the visitor's language", async () => {
    const { market } = await createMarketScene(T0);
    const socket = await socketAs(null, { english: true });
    for (let i = 0; i < ALLOWANCE; i++) {
      (socket as unknown as LooseSocket).emit(i % 2 ? "stall:join" : "market:join", i % 3 ? 42 : { marketId: "x" });
    }
    expect(await ask(socket, "market:join", { marketId: market.id })).toEqual({
      ok: false,
      error: { code: "RATE_LIMITED", message: "Slow down: too many requests, try again in a few seconds." },
    });
    expect(await membersOf(rooms.market(market.id))).toBe(0);
  });

  it(`lets a page join and leave ${MAX_ROOMS_PER_SOCKET} markets at once, as the home page does`, async () => {
    const socket = await socketAs();
    const ids = Array.from({ length: MAX_ROOMS_PER_SOCKET }, (_, i) => `market-${i}`);
    const answers = await Promise.all([
      ...ids.map((marketId) => ask(socket, "market:join", { marketId })),
      ...ids.map((marketId) => ask(socket, "market:leave", { marketId })),
      ask(socket, "stall:join", { stallId: "a-stall" }),
    ]);
    expect(count(answers, "RATE_LIMITED")).toBe(0);
    expect(count(answers, "OK")).toBe(MAX_ROOMS_PER_SOCKET); // the leaves
  });
});

describe("chat:send, per user", () => {
  /** The seconds a chat refusal asks to wait, read from its French or English message. */
  function retrySeconds(answer: Ack<unknown>) {
    expect(answer).toMatchObject({ ok: false, error: { code: "RATE_LIMITED" } });
    const message = answer.ok ? "" : answer.error.message;
    if (/une seconde|one second/.test(message)) return 1;
    const match = /(?:dans|in) (\d+) (?:secondes|seconds)\.$/.exec(message);
    expect(match, message).not.toBeNull();
    return Number(match![1]);
  }

  it(`refuses message ${CHAT_PER_10_S + 1} within 10 s, from another socket too, says how long to wait and stores nothing`, async () => {
    const { stall, merchant } = await createMarketScene(T0);
    const visitor = await createUser({ name: "Bavarde" });
    const tab1 = await socketAs(visitor.id);
    const tab2 = await socketAs(visitor.id);
    const send = (socket: TestSocket, body: string) => ask(socket, "chat:send", { stallId: stall.id, body });

    for (let i = 1; i <= CHAT_PER_10_S; i++) {
      expect(await send(i % 2 ? tab1 : tab2, `Message ${i}`)).toMatchObject({ ok: true });
    }
    const refused = await send(tab2, "Message 6");
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: "RATE_LIMITED",
        message: expect.stringMatching(/^Doucement\u00a0: trop de messages, réessayez dans /),
      },
    });
    const seconds = retrySeconds(refused);
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(10);

    // A third tab in English is refused too, in English.
    const tab3 = await socketAs(visitor.id, { english: true });
    const english = await send(tab3, "Message 7");
    expect(english).toMatchObject({
      ok: false,
      error: { code: "RATE_LIMITED", message: expect.stringMatching(/^Slow down: too many messages, try again in /) },
    });
    expect(retrySeconds(english)).toBeLessThanOrEqual(seconds);

    expect(await db.chatMessage.count({ where: { stallId: stall.id, authorId: visitor.id } })).toBe(CHAT_PER_10_S);
    // Another user, on the same stall, is not held back by her.
    const other = await socketAs(merchant.id);
    expect(await send(other, "Bonjour !")).toMatchObject({ ok: true });
  });

  it(`stores exactly ${CHAT_PER_10_S} of 12 messages sent at once by one user`, async () => {
    const { stall } = await createMarketScene(T0);
    const visitor = await createUser();
    const tabs = [await socketAs(visitor.id), await socketAs(visitor.id)];
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => ask(tabs[i % 2]!, "chat:send", { stallId: stall.id, body: `n° ${i}` })),
    );
    expect(count(answers, "OK")).toBe(CHAT_PER_10_S);
    expect(count(answers, "RATE_LIMITED")).toBe(12 - CHAT_PER_10_S);
    expect(await db.chatMessage.count({ where: { stallId: stall.id } })).toBe(CHAT_PER_10_S);
  });
});
