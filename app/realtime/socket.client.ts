// One Socket.IO connection per tab, opened on first use. Browser only (.client.ts): the server
// bundle gets an empty module. socket.io-client (about 13 KB gzipped) is loaded with import()
// when the first hook asks for the socket, after hydration, so it is not part of any page's first
// load (the stall page's JavaScript budget, docs/benchmarks.md); only its types are imported here.
import type { io, Socket } from "socket.io-client";
import type { ClientToServerEvents, ConnectErrorData, ServerToClientEvents } from "./events";

export type ChaletSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: ChaletSocket | null = null;
let loading: Promise<ChaletSocket> | null = null;

/** How long a tab refused for too many connections from its address waits before trying again. */
const CROWDED_RETRY_MS = { min: 30_000, spread: 30_000 };

function open(connect: typeof io): ChaletSocket {
  // Same origin, so the session cookie goes along; the default transports start with polling,
  // which gets through proxies that block WebSocket, then upgrade.
  const created: ChaletSocket = connect({ autoConnect: true });
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
  return created;
}

/** The tab's socket: loads socket.io-client and connects on the first call, the same socket after. */
export function getSocket(): Promise<ChaletSocket> {
  if (socket) return Promise.resolve(socket);
  // One import and one connection however many hooks ask at once.
  loading ??= import("socket.io-client").then(
    ({ io }) => (socket = open(io)),
    (error: unknown) => {
      // The chunk did not arrive (a network drop): the next hook to mount tries again.
      loading = null;
      throw error;
    },
  );
  return loading;
}

/**
 * Runs `setup` with the socket once it is there (at once if it already is) and returns what
 * undoes it, for an effect to return: called before the socket arrived, it cancels `setup`, so a
 * component gone by then joins no room and leaves no listener behind. `socketOf` is the tab's
 * socket unless a test gives its own.
 */
export function withSocket(
  setup: (socket: ChaletSocket) => () => void,
  socketOf: () => ChaletSocket | Promise<ChaletSocket> = () => socket ?? getSocket(),
): () => void {
  const got = socketOf();
  if (!(got instanceof Promise)) return setup(got);
  let cancelled = false;
  let cleanup: (() => void) | undefined;
  got.then(
    (ready) => {
      if (!cancelled) cleanup = setup(ready);
    },
    (error: unknown) => {
      // Nothing live on this page until a later mount loads it; the page itself still works.
      console.error("The live connection could not be loaded", error);
    },
  );
  return () => {
    cancelled = true;
    cleanup?.();
  };
}
