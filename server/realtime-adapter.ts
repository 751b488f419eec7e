// Several instances behind a load balancer: what one instance's Socket.IO server emits to a room
// (the scheduler leader announcing a session, a chat message) must reach the sockets connected to
// the others, and a browser whose instance died must get its rooms and missed events back from
// whichever instance it reaches next. With REDIS_URL set, the Redis Streams adapter carries every
// broadcast through one Redis stream (kept for a while: connection state recovery replays it) and
// the inter-server messages (serverSideEmit, fetchSockets, disconnectSockets) through pub/sub.
// Without it Socket.IO keeps its in-memory adapter and nothing here is loaded.
import { createAdapter } from "@socket.io/redis-streams-adapter";
import { Redis } from "ioredis";
import type { ChaletIo } from "./realtime";

export type RedisAdapterOptions = {
  url: string;
  /** Prefix of the stream, channels and session keys: instances hear each other when they share it. */
  key?: string;
  /** How long start-up waits for Redis before failing. */
  connectTimeoutMs?: number;
};

export const DEFAULT_REDIS_KEY = "chalet";

/**
 * Broadcasts kept in the stream (approximately trimmed): a reconnecting browser recovers only
 * from an offset still in it. 100,000 entries are about 3 minutes at 500 broadcasts a second,
 * longer than the 2 minutes a session is kept (RECOVERY_WINDOW_MS in server/realtime.ts), and a
 * few tens of MB of Redis memory.
 */
export const STREAM_MAX_LEN = 100_000;

/** The Redis names the adapter uses under `key`, for docs and tests. */
export function adapterKeys(key: string) {
  return { streamName: `${key}:socket.io`, channelPrefix: `${key}:socket.io`, sessionKeyPrefix: `${key}:sio-session:` };
}

/** The URL without its password, for messages. */
export function shownUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparsable URL)";
  }
}

async function connectWithin(client: Redis, timeoutMs: number): Promise<void> {
  let lastError: Error | undefined;
  const onError = (error: Error) => (lastError = error);
  client.on("error", onError);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.connect(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (error) {
    // ioredis answers a refused connection with "Connection is closed."; the error event says why.
    throw lastError ?? error;
  } finally {
    clearTimeout(timer);
    client.off("error", onError);
  }
}

/** Says once when a connection is lost and once when it is back, not at every retry. */
function logHealth(client: Redis, role: string) {
  let healthy = true;
  client.on("error", (error: Error) => {
    if (healthy) {
      console.error(`realtime: Redis ${role} connection lost (${error.message}); retrying.`);
      console.error("realtime: until it is back, events reach only the sockets of this instance.");
    }
    healthy = false;
  });
  client.on("ready", () => {
    if (!healthy) console.log(`realtime: Redis ${role} connection is back.`);
    healthy = true;
  });
}

async function end(client: Redis) {
  if (client.status === "ready") {
    // QUIT is answered after the commands sent before it, so queued broadcasts still leave.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      client.quit().catch(() => undefined),
      new Promise((resolve) => (timer = setTimeout(resolve, 2_000))),
    ]);
    clearTimeout(timer);
  }
  client.disconnect();
}

/**
 * Connects a Redis client and makes it `io`'s adapter (the adapter opens its own duplicates to
 * read the stream and to subscribe). Fails with a clear message when Redis does not answer within
 * `connectTimeoutMs`, rather than start an instance whose visitors would silently miss what the
 * others announce. Returns the function that closes the adapter and its clients.
 */
export async function attachRedisAdapter(io: ChaletIo, options: RedisAdapterOptions): Promise<() => Promise<void>> {
  const { url, key = DEFAULT_REDIS_KEY, connectTimeoutMs = 5_000 } = options;
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: connectTimeoutMs,
    // While Redis is away, commands wait for it instead of failing after 20 retries: the adapter
    // sends most of them without handling a rejection (below).
    maxRetriesPerRequest: null,
  });

  try {
    await connectWithin(client, connectTimeoutMs);
  } catch (reason) {
    client.disconnect();
    const cause = reason instanceof Error ? reason.message : String(reason);
    throw new Error(
      `Cannot reach Redis at ${shownUrl(url)} (REDIS_URL): ${cause}. ` +
        "Start Redis, correct REDIS_URL, or leave it unset to run a single instance without Redis.",
      { cause: reason },
    );
  }

  // The adapter publishes, appends to the stream and saves sessions without awaiting: a command
  // that fails (the client closing at shutdown while Redis is away) would be an unhandled
  // rejection, which ends the process. Every command's promise gets a handler that logs; whoever
  // awaits it still sees the rejection.
  const send = client.sendCommand.bind(client);
  client.sendCommand = ((...args: Parameters<Redis["sendCommand"]>) => {
    const sent = send(...args);
    if (sent instanceof Promise) {
      sent.catch((error: unknown) =>
        console.error("realtime: a Redis command failed:", error instanceof Error ? error.message : error),
      );
    }
    return sent;
  }) as Redis["sendCommand"];

  // The adapter's duplicates of this client (its stream reader, its subscriber) await connect()
  // when the client is lazy, and nothing handles that promise: Redis lost while they connect, just
  // after the start, ended the process. Connected now, the client need not be lazy: its duplicates
  // connect on their own and retry like any ioredis client.
  client.options.lazyConnect = false;
  logHealth(client, "adapter");
  io.adapter(createAdapter(client, { ...adapterKeys(key), maxLen: STREAM_MAX_LEN }));

  return async () => {
    // Stops reading the stream and closes the adapter's own clients (at most one blocked read's
    // wait later), then ours once what it queued has left.
    void io.of("/").adapter.close();
    await end(client);
  };
}
