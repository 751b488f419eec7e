// The Socket.IO contract against careless or hostile clients, over real sockets: every event is
// validated and answered with an Ack, a bad one never crashes the server or reaches the database,
// and a socket is only as authenticated as its cookie is valid right now.
import { io as connect } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CHAT_MAX_LENGTH, rooms, type Ack, type ChatMessageDto } from "~/realtime/events";
import { db } from "~/utils/db.server";
import { MAX_ROOMS_PER_SOCKET } from "../../server/realtime";
import { createMarket, createMarketScene, createStall, createTown, createUser } from "../fixtures/factories";
import { clientFor, connectSocket, startTestServer, type TestServer, type TestSocket } from "../setup/server";

// The scene opens a session from T0 - 1 h to T0 + 1 h; the server's clock stands at T0.
const T0 = new Date("2026-12-05T10:00:00Z");

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ now: T0 });
});
afterAll(() => server.close());

const sockets: TestSocket[] = [];
afterEach(() => {
  while (sockets.length) sockets.pop()!.disconnect();
});

/** A socket as the given user (anonymous when null), closed after the test. */
async function socketAs(userId: string | null = null) {
  const socket = await connectSocket(server, await clientFor(server, userId));
  sockets.push(socket);
  return socket;
}

/** Attempts a connection with these headers and transport; resolves to the socket, or null if refused. */
async function tryConnect(headers: Record<string, string>, transport: "websocket" | "polling" = "websocket") {
  const socket: TestSocket = connect(server.url, {
    transports: [transport],
    forceNew: true,
    reconnection: false,
    extraHeaders: headers,
  });
  sockets.push(socket);
  return new Promise<TestSocket | null>((resolve) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", () => resolve(null));
  });
}

// The client's typings only allow well-formed calls; a bad client is not bound by them.
type LooseSocket = {
  emit(event: string, ...args: unknown[]): void;
  timeout(ms: number): { emitWithAck(event: string, ...args: unknown[]): Promise<Ack<unknown>> };
};

/** Sends any event with any arguments and waits for the answer (an unanswered event fails the test). */
function ask(socket: TestSocket, event: string, ...args: unknown[]): Promise<Ack<unknown>> {
  return (socket as unknown as LooseSocket).timeout(5_000).emitWithAck(event, ...args);
}

function emitRaw(socket: TestSocket, event: string, ...args: unknown[]) {
  (socket as unknown as LooseSocket).emit(event, ...args);
}

async function membersOf(room: string) {
  return (await server.io.in(room).fetchSockets()).length;
}

/** A market open now with an approved stall, and a logged-in visitor's socket. */
async function openStall() {
  const scene = await createMarketScene(T0);
  const visitor = await createUser({ name: "Visiteuse" });
  const socket = await socketAs(visitor.id);
  return { ...scene, visitor, socket };
}

describe("joining rooms", () => {
  it("refuses an unknown or unpublished market with NOT_FOUND and does not join its room", async () => {
    const town = await createTown();
    const draft = await createMarket(town.id, { status: "DRAFT" });
    const socket = await socketAs();

    for (const marketId of ["no-such-market", draft.id]) {
      expect(await ask(socket, "market:join", { marketId })).toMatchObject({
        ok: false,
        error: { code: "NOT_FOUND", message: expect.any(String) },
      });
      expect(await membersOf(rooms.market(marketId))).toBe(0);
    }
  });

  it("answers a published market's state now and joins its room", async () => {
    const { market } = await createMarketScene(T0);
    const socket = await socketAs();
    expect(await ask(socket, "market:join", { marketId: market.id })).toEqual({
      ok: true,
      data: {
        marketId: market.id,
        open: true,
        nextTransitionAt: new Date(T0.getTime() + 3600_000).toISOString(),
        closure: null,
      },
    });
    expect(await membersOf(rooms.market(market.id))).toBe(1);
  });

  it("refuses an unknown stall, a pending one and one of an unpublished market with NOT_FOUND", async () => {
    const { market, merchant, stall } = await createMarketScene(T0);
    const pending = await createStall(market.id, merchant.id, { status: "PENDING" });
    const town = await createTown();
    const draft = await createMarket(town.id, { status: "DRAFT" });
    const inDraft = await createStall(draft.id, merchant.id);
    const socket = await socketAs();

    for (const stallId of ["no-such-stall", pending.id, inDraft.id]) {
      expect(await ask(socket, "stall:join", { stallId })).toMatchObject({
        ok: false,
        error: { code: "NOT_FOUND" },
      });
      expect(await membersOf(rooms.stall(stallId))).toBe(0);
    }
    expect(await ask(socket, "stall:join", { stallId: stall.id })).toEqual({
      ok: true,
      data: {
        stallId: stall.id,
        marketId: market.id,
        presence: { stallId: stall.id, visitors: 1, merchantOnline: false },
        you: { userId: null, isMerchant: false, canModerate: false, mutedUntil: null },
      },
    });
  });

  it(`refuses more than ${MAX_ROOMS_PER_SOCKET} rooms on one socket with BAD_REQUEST, even asked all at once`, async () => {
    const town = await createTown();
    const markets = [];
    for (let i = 0; i <= MAX_ROOMS_PER_SOCKET; i++) markets.push(await createMarket(town.id));
    const socket = await socketAs();

    const answers = await Promise.all(markets.map((m) => ask(socket, "market:join", { marketId: m.id })));
    expect(answers.filter((a) => a.ok)).toHaveLength(MAX_ROOMS_PER_SOCKET);
    const refused = answers.filter((a) => !a.ok);
    expect(refused).toEqual([{ ok: false, error: { code: "BAD_REQUEST", message: expect.stringMatching(/rooms/) } }]);

    // A room already joined can be joined again; leaving one makes space for another.
    const refusedId = markets[answers.findIndex((a) => !a.ok)]!.id;
    const joinedId = markets[answers.findIndex((a) => a.ok)]!.id;
    expect(await ask(socket, "market:join", { marketId: joinedId })).toMatchObject({ ok: true });
    expect(await ask(socket, "market:leave", { marketId: joinedId })).toEqual({ ok: true, data: null });
    expect(await ask(socket, "market:join", { marketId: refusedId })).toMatchObject({ ok: true });
    expect(await ask(socket, "market:join", { marketId: joinedId })).toMatchObject({ ok: false });
  });
});

describe("chat:send", () => {
  it("refuses an anonymous socket with UNAUTHENTICATED and stores nothing", async () => {
    const { stall } = await createMarketScene(T0);
    const socket = await socketAs(null);
    expect(await ask(socket, "chat:send", { stallId: stall.id, body: "Bonjour" })).toMatchObject({
      ok: false,
      error: { code: "UNAUTHENTICATED", message: expect.stringMatching(/Connectez-vous/) },
    });
    expect(await db.chatMessage.count({ where: { stallId: stall.id } })).toBe(0);
  });

  const long = "é".repeat(CHAT_MAX_LENGTH + 1);
  it.each<[string, (stallId: string) => unknown[], string]>([
    ["a number body", (stallId) => [{ stallId, body: 42 }], "body"],
    ["a number stall id", () => [{ stallId: 42, body: "Bonjour" }], "stallId"],
    ["an array payload", (stallId) => [[stallId, "Bonjour"]], "payload"],
    ["a string payload", () => ["Bonjour"], "payload"],
    ["a null payload", () => [null], "payload"],
    ["no payload at all", () => [], "payload"],
    [
      "two payloads",
      (stallId) => [
        { stallId, body: "Bonjour" },
        { stallId, body: "Encore" },
      ],
      "payload",
    ],
    ["a missing body", (stallId) => [{ stallId }], "body"],
    ["a missing stall id", () => [{ body: "Bonjour" }], "stallId"],
    ["an extra field", (stallId) => [{ stallId, body: "Bonjour", authorId: "someone-else" }], "authorId"],
    ["an empty body", (stallId) => [{ stallId, body: "" }], "body"],
    ["a body of white space", (stallId) => [{ stallId, body: " \n\t\u00a0 " }], "body"],
    [`a body of ${CHAT_MAX_LENGTH + 1} characters`, (stallId) => [{ stallId, body: long }], "body"],
    ["a body with a control character", (stallId) => [{ stallId, body: "Bon\u0000jour" }], "body"],
  ])("refuses %s with BAD_REQUEST naming the field, and stores nothing", async (_case, args, field) => {
    const { stall, socket } = await openStall();
    const answer = await ask(socket, "chat:send", ...args(stall.id));
    expect(answer).toMatchObject({ ok: false, error: { code: "BAD_REQUEST" } });
    expect(answer.ok || answer.error.message).toMatch(new RegExp(`\\b${field}\\b`));
    expect(await db.chatMessage.count({ where: { stallId: stall.id } })).toBe(0);
  });

  it(`accepts exactly ${CHAT_MAX_LENGTH} characters, line breaks included, and stores them`, async () => {
    const { stall, socket } = await openStall();
    const body = `Bonjour,\n${"m".repeat(CHAT_MAX_LENGTH - 9)}`;
    expect(body).toHaveLength(CHAT_MAX_LENGTH);
    const answer = await ask(socket, "chat:send", { stallId: stall.id, body });
    expect(answer).toMatchObject({ ok: true, data: { body } });
    expect(await db.chatMessage.findMany({ where: { stallId: stall.id }, select: { body: true } })).toEqual([{ body }]);
  });

  it("stores and echoes HTML as the exact text typed: escaping is the renderer's job", async () => {
    const { stall, socket } = await openStall();
    const body = `<script>alert("x")</script><img src=x onerror=alert(1)> &amp; 'miel'`;
    await ask(socket, "stall:join", { stallId: stall.id });
    const heard = new Promise<ChatMessageDto>((resolve) => socket.once("chat:message", resolve));
    const answer = await ask(socket, "chat:send", { stallId: stall.id, body });
    expect(answer).toMatchObject({ ok: true, data: { body } });
    expect((await heard).body).toBe(body);
    expect((await db.chatMessage.findFirstOrThrow({ where: { stallId: stall.id } })).body).toBe(body);
  });
});

describe("careless clients", () => {
  it("survives events sent without an acknowledgement and keeps answering the socket", async () => {
    const { stall, market, socket } = await openStall();
    emitRaw(socket, "chat:send", { stallId: stall.id, body: "Sans accusé" });
    emitRaw(socket, "chat:send", 42);
    emitRaw(socket, "market:join", { marketId: "no-such-market" });
    emitRaw(socket, "stall:join");
    expect(await ask(socket, "market:join", { marketId: market.id })).toMatchObject({ ok: true });
    expect(socket.connected).toBe(true);
    // Unasked work is not done (docs: every client event carries an acknowledgement).
    expect(await db.chatMessage.count({ where: { stallId: stall.id } })).toBe(0);
  });

  it("ignores unknown event names, the reserved 'error' included, and stays connected", async () => {
    const { market, socket } = await openStall();
    emitRaw(socket, "market:explode", { marketId: market.id });
    emitRaw(socket, "error", new Error("from the client"));
    emitRaw(socket, "__proto__", {});
    emitRaw(socket, "constructor");
    let answered = false;
    emitRaw(socket, "order:steal", { id: "x" }, () => (answered = true));
    expect(await ask(socket, "market:join", { marketId: market.id })).toMatchObject({ ok: true });
    expect(socket.connected).toBe(true);
    expect(answered).toBe(false);
  });

  it("drops a socket that sends more than 16 KB in one message and keeps serving the others", async () => {
    const { stall, market, socket: bystander } = await openStall();
    const offender = await socketAs();
    const dropped = new Promise<string>((resolve) => offender.once("disconnect", (reason) => resolve(reason)));
    emitRaw(offender, "chat:send", { stallId: stall.id, body: "x".repeat(17 * 1024) }, () => undefined);
    expect(await dropped).toMatch(/transport/);

    expect(await ask(bystander, "market:join", { marketId: market.id })).toMatchObject({ ok: true });
    const newcomer = await socketAs();
    expect(await ask(newcomer, "market:join", { marketId: market.id })).toMatchObject({ ok: true });
  });
});

describe("handshake", () => {
  it.each(["websocket", "polling"] as const)("refuses a foreign or opaque Origin over %s", async (transport) => {
    expect(await tryConnect({ Origin: "https://evil.example" }, transport)).toBeNull();
    // Sandboxed frames and file: pages send the opaque origin "null"; "::" is not a URL at all.
    expect(await tryConnect({ Origin: "null" }, transport)).toBeNull();
    expect(await tryConnect({ Origin: "::" }, transport)).toBeNull();
    // The same host on another port is another origin.
    expect(await tryConnect({ Origin: "http://127.0.0.1:1" }, transport)).toBeNull();
  });

  it.each(["websocket", "polling"] as const)("accepts its own Origin, or none, over %s", async (transport) => {
    expect(await tryConnect({ Origin: server.url }, transport)).not.toBeNull();
    expect(await tryConnect({}, transport)).not.toBeNull();
  });

  it("treats a forged or garbled cookie as anonymous, and odd languages as French", async () => {
    const { stall } = await createMarketScene(T0);
    const visitor = await createUser();
    // The session's JSON without the signature: what someone who knows an id but not the secret can make.
    const forged = encodeURIComponent(btoa(JSON.stringify({ userId: visitor.id, sid: "x".repeat(43) })));
    for (const headers of [
      { Cookie: `chalet_session=${forged}`, "Accept-Language": ";;,q=x" },
      { Cookie: "chalet_session=%E0%A4%A; chalet_lang=%%%; =; ;;", "Accept-Language": "*" },
    ]) {
      const socket = await tryConnect(headers);
      expect(socket).not.toBeNull();
      expect(await ask(socket!, "chat:send", { stallId: stall.id, body: "Bonjour" })).toMatchObject({
        ok: false,
        error: { code: "UNAUTHENTICATED", message: expect.stringMatching(/Connectez-vous/) },
      });
    }
    expect(await db.chatMessage.count({ where: { stallId: stall.id } })).toBe(0);
  });

  it("treats the cookie of a session ended (log-out, password reset) as anonymous", async () => {
    const { stall } = await createMarketScene(T0);
    const visitor = await createUser();
    const client = await clientFor(server, visitor.id);
    await db.loginSession.deleteMany({ where: { userId: visitor.id } });

    const socket = await connectSocket(server, client);
    sockets.push(socket);
    expect(await ask(socket, "chat:send", { stallId: stall.id, body: "Toujours là ?" })).toMatchObject({
      ok: false,
      error: { code: "UNAUTHENTICATED" },
    });
    expect(await db.chatMessage.count({ where: { stallId: stall.id } })).toBe(0);
  });

  it("stops a socket already connected from writing once its session is ended, even if its close was lost", async () => {
    const { stall, visitor, socket } = await openStall();
    expect(await ask(socket, "chat:send", { stallId: stall.id, body: "Avant" })).toMatchObject({ ok: true });
    // Ended in the database only: no socket is closed, as when the close does not reach an instance.
    await db.loginSession.deleteMany({ where: { userId: visitor.id } });
    expect(await ask(socket, "chat:send", { stallId: stall.id, body: "Après" })).toMatchObject({
      ok: false,
      error: { code: "UNAUTHENTICATED" },
    });
    expect(await db.chatMessage.count({ where: { stallId: stall.id } })).toBe(1);
  });
});
