// Clients of a cluster's instances and of its balancer: HTTP with cookies, and real Socket.IO
// sockets. Sessions are made by the app's own code with the secret the instances share.
import { io as connect } from "socket.io-client";
import { expect } from "vitest";
import { createLoginSession } from "~/models/login-session.server";
import { sessionStorage } from "~/utils/session.server";
import { TestClient, type TestSocket } from "../setup/server";

/** A client of `baseUrl`, logged in as `userId` with a session row as a log-in makes it. */
export async function clientAs(baseUrl: string, userId: string | null): Promise<TestClient> {
  const client = new TestClient(baseUrl);
  if (userId) {
    const session = await sessionStorage.getSession();
    session.set("sid", await createLoginSession(userId, null, new Date()));
    client.setCookieHeader(await sessionStorage.commitSession(session));
  }
  return client;
}

const opened: TestSocket[] = [];

/**
 * A socket to `url`: WebSocket only for an instance's own port; through the balancer, Socket.IO's
 * default (long polling first, then the upgrade), which works only if every request of the
 * connection reaches the same instance: the sticky cookie, kept by the client's cookie jar.
 */
export async function socketTo(
  url: string,
  client?: TestClient,
  options: { polling?: boolean } = {},
): Promise<TestSocket> {
  const socket: TestSocket = connect(url, {
    transports: options.polling ? ["polling", "websocket"] : ["websocket"],
    // socket.io-client's cookie jar in Node (withCredentials) keeps the balancer's cookie; it
    // would replace the session cookie of extraHeaders, so only the balancer's clients use it.
    withCredentials: options.polling === true,
    forceNew: true,
    reconnection: false,
    extraHeaders: client ? { Cookie: client.cookieHeader() } : {},
  });
  opened.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  return socket;
}

/** Closes every socket socketTo opened (afterAll). */
export function closeSockets() {
  opened.splice(0).forEach((socket) => socket.disconnect());
}

export async function join(socket: TestSocket, marketId: string, stallId?: string) {
  expect(await socket.emitWithAck("market:join", { marketId })).toMatchObject({ ok: true });
  if (stallId) expect(await socket.emitWithAck("stall:join", { stallId })).toMatchObject({ ok: true });
}
