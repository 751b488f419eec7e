// A socket whose handshake meets a failing database. The browser's client never retries a
// handshake the server refuses (connect_error from a middleware), and whatever the refusal says
// reaches an anonymous visitor: a database failure must neither leak nor leave the page offline.
import { io as connect } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { createMarketScene, createUser } from "../fixtures/factories";
import { clientFor, startTestServer, type TestServer, type TestSocket } from "../setup/server";

const T0 = new Date("2026-12-05T10:00:00Z");

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ now: T0 });
});
afterAll(() => server.close());

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe("a handshake while the database fails", () => {
  it("connects as anonymous without telling the visitor about the database, and writes once it is back", async () => {
    const { stall } = await createMarketScene(T0);
    const visitor = await createUser();
    const cookie = (await clientFor(server, visitor.id)).cookieHeader();

    // Reading the session's user fails.
    await db.$executeRawUnsafe(`ALTER TABLE "User" RENAME TO "User_away"`);
    let restored = false;
    const restore = async () => {
      if (!restored) await db.$executeRawUnsafe(`ALTER TABLE "User_away" RENAME TO "User"`);
      restored = true;
    };
    cleanups.push(restore);

    const socket: TestSocket = connect(server.url, {
      transports: ["websocket"],
      forceNew: true,
      reconnection: false,
      extraHeaders: { Cookie: cookie },
    });
    cleanups.push(() => socket.disconnect());
    const outcome = await new Promise<{ connected: true } | { connected: false; message: string }>((resolve) => {
      socket.once("connect", () => resolve({ connected: true }));
      socket.once("connect_error", (error) => resolve({ connected: false, message: error.message }));
    });
    expect(outcome.connected ? "" : outcome.message).not.toMatch(/prisma|User|table|sql|invocation/i);
    expect(outcome).toEqual({ connected: true });

    // Reading goes on; writing waits for the database, then works without a new connection.
    expect(await socket.emitWithAck("stall:join", { stallId: stall.id })).toMatchObject({ ok: true });
    await restore();
    expect(await socket.emitWithAck("chat:send", { stallId: stall.id, body: "Bonjour" })).toMatchObject({
      ok: true,
      data: { author: { id: visitor.id } },
    });
  });
});
