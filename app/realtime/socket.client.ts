// One Socket.IO connection per tab, opened on first use. Browser only (.client.ts): the server
// bundle gets an empty module.
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "./events";

export type ChaletSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: ChaletSocket | null = null;

export function getSocket(): ChaletSocket {
  // Same origin, so the session cookie goes along; the default transports start with polling,
  // which gets through proxies that block WebSocket, then upgrade.
  socket ??= io({ autoConnect: true });
  return socket;
}
