// One Socket.IO connection per tab, opened on first use. Browser only (.client.ts): the server
// bundle gets an empty module.
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "./events";

export type ChaletSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: ChaletSocket | null = null;

export function getSocket(): ChaletSocket {
  // Same origin, so the session cookie goes along; the default transports start with polling,
  // which gets through proxies that block WebSocket, then upgrade.
  if (!socket) {
    const created: ChaletSocket = io({ autoConnect: true });
    // The server closes a socket whose log-in ended (log-out elsewhere, a password reset:
    // docs/realtime.md), and Socket.IO does not reconnect after a server's close. Reconnect at
    // once: the cookie now says who this tab is (logged out, or logged in again), and the hooks
    // join their rooms again on "connect" as after any reconnection.
    created.on("disconnect", (reason) => {
      if (reason === "io server disconnect") created.connect();
    });
    socket = created;
  }
  return socket;
}
