// How code outside a socket handler (a page's action, a model) reaches the sockets: the server
// registers its Socket.IO instance once, and callers broadcast by room after their write has
// committed. With the Redis adapter the broadcast reaches every instance.
import type { ServerToClientEvents } from "./events";

type Emit = <E extends keyof ServerToClientEvents>(
  rooms: string[],
  event: E,
  ...args: Parameters<ServerToClientEvents[E]>
) => void;

type Disconnect = (rooms: string[]) => void;

let registeredEmit: Emit | null = null;
let registeredDisconnect: Disconnect | null = null;

/** Called by server/realtime.ts; returns the function that unregisters it (on close). */
export function registerBroadcaster(emit: Emit): () => void {
  registeredEmit = emit;
  return () => {
    if (registeredEmit === emit) registeredEmit = null;
  };
}

/** Sends to every socket in any of the rooms (once each). A no-op when no socket server runs (scripts). */
export const broadcast: Emit = (rooms, event, ...args) => {
  registeredEmit?.(rooms, event, ...args);
};

/** Called by server/realtime.ts, like registerBroadcaster. */
export function registerDisconnecter(disconnect: Disconnect): () => void {
  registeredDisconnect = disconnect;
  return () => {
    if (registeredDisconnect === disconnect) registeredDisconnect = null;
  };
}

/**
 * Closes every socket in any of the rooms, on every instance (a session's room once the session
 * ended). Call after the write that ended the session has committed: a client that reconnects at
 * once must find the session gone. A no-op when no socket server runs.
 */
export function disconnectRooms(rooms: string[]): void {
  if (rooms.length) registeredDisconnect?.(rooms);
}
