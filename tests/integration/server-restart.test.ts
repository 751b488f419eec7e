// A deploy stops the server gracefully and starts a new one on the same address. The browsers'
// sockets must come back by themselves: Socket.IO's client reconnects after a lost connection,
// but never after the server says "disconnect" (reason "io server disconnect").
import { io as connect } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { createServer } from "../../server/index";
import { startTestServer, type TestServer, type TestSocket } from "../setup/server";

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe("a graceful restart", () => {
  it.each([["websocket"], ["polling", "websocket"]])(
    "lets the clients' sockets reconnect by themselves (%s)",
    async (...transports) => {
      const first: TestServer = await startTestServer();
      const port = Number(new URL(first.url).port);
      // What the browser does (app/realtime/socket.client.ts): default reconnection, made quick here.
      const socket: TestSocket = connect(first.url, {
        transports,
        forceNew: true,
        reconnectionDelay: 20,
        reconnectionDelayMax: 100,
        randomizationFactor: 0,
      });
      cleanups.push(() => socket.disconnect());
      await new Promise<void>((resolve, reject) => {
        socket.once("connect", resolve);
        socket.once("connect_error", reject);
      });

      const lost = new Promise<string>((resolve) => socket.once("disconnect", resolve));
      await first.close();
      const reason = await lost;
      expect(reason).not.toBe("io server disconnect");
      expect(socket.active, `the client gave up reconnecting (${reason})`).toBe(true);

      const second = await createServer({
        port,
        host: "127.0.0.1",
        logRequests: false,
        redisUrl: null,
        scheduler: { auto: false },
      });
      cleanups.push(() => second.close());
      await new Promise<void>((resolve) => (socket.connected ? resolve() : socket.once("connect", () => resolve())));
      const joined = await socket.timeout(5_000).emitWithAck("market:join", { marketId: "none" });
      expect(joined).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    },
  );
});
