// How code outside a socket handler (a page's action, a model) reaches the sockets: the server
// registers its Socket.IO instance once, and callers broadcast by room after their write has
// committed. With the Redis adapter the broadcast reaches every instance.
import type { ServerToClientEvents } from "./events";

type Emit = <E extends keyof ServerToClientEvents>(
  rooms: string[],
  event: E,
  ...args: Parameters<ServerToClientEvents[E]>
) => void;

let emitter: Emit | null = null;

/** Called by server/realtime.ts; returns the function that unregisters it (on close). */
export function registerBroadcaster(emit: Emit): () => void {
  emitter = emit;
  return () => {
    if (emitter === emit) emitter = null;
  };
}

/** Sends to every socket in any of the rooms (once each). A no-op when no socket server runs (scripts). */
export const broadcast: Emit = (rooms, event, ...args) => {
  emitter?.(rooms, event, ...args);
};
