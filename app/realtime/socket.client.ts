// One Socket.IO connection per tab, opened on first use. Browser only (.client.ts): the server
// bundle gets an empty module.
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ConnectErrorData, ServerToClientEvents } from "./events";

export type ChaletSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: ChaletSocket | null = null;

/** How long a tab refused for too many connections from its address waits before trying again. */
const CROWDED_RETRY_MS = { min: 30_000, spread: 30_000 };

export function getSocket(): ChaletSocket {
  // Same origin, so the session cookie goes along; the default transports start with polling,
  // which gets through proxies that block WebSocket, then upgrade.
  if (socket) return socket;
  const created: ChaletSocket = io({ autoConnect: true });
  // A handshake refused by the server is never retried by Socket.IO itself. Too many sockets from
  // this address (a crowded shared network) passes: try again later, spread out so that the tabs
  // refused together do not all come back at once.
  created.on("connect_error", (error: Error & { data?: Partial<ConnectErrorData> }) => {
    if (created.active || error.data?.code !== "TOO_MANY_CONNECTIONS") return;
    window.setTimeout(
      () => {
        if (!created.connected && !created.active) created.connect();
      },
      CROWDED_RETRY_MS.min + Math.random() * CROWDED_RETRY_MS.spread,
    );
  });
  // The server closes a socket whose log-in ended (log-out elsewhere, a password reset:
  // docs/realtime.md), and Socket.IO does not reconnect after a server's close. Reconnect at
  // once: the cookie now says who this tab is (logged out, or logged in again), and the hooks
  // join their rooms again on "connect" as after any reconnection.
  created.on("disconnect", (reason) => {
    if (reason === "io server disconnect") created.connect();
  });
  socket = created;
  return socket;
}
