// Several instances behind a load balancer: what one instance's Socket.IO server emits to a room
// (the scheduler leader announcing a session, a chat message) must reach the sockets connected to
// the others. With REDIS_URL set, the official Redis adapter carries every broadcast through Redis
// pub/sub; without it Socket.IO keeps its in-memory adapter and nothing here is loaded.
import { createAdapter } from "@socket.io/redis-adapter";
import { Redis } from "ioredis";
import type { ChaletIo } from "./realtime";

export type RedisAdapterOptions = {
  url: string;
  /** Prefix of the pub/sub channels: instances hear each other when they share it. */
  key?: string;
  /** How long start-up waits for Redis before failing. */
  connectTimeoutMs?: number;
};

export const DEFAULT_REDIS_KEY = "chalet";

/** The URL without its password, for messages. */
function shownUrl(url: string): string {
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
 * Connects a publishing and a subscribing Redis client, then makes them `io`'s adapter. Fails
 * with a clear message when Redis does not answer within `connectTimeoutMs`, rather than start an
 * instance whose visitors would silently miss what the others announce. Returns the function
 * that closes both clients.
 */
export async function attachRedisAdapter(io: ChaletIo, options: RedisAdapterOptions): Promise<() => Promise<void>> {
  const { url, key = DEFAULT_REDIS_KEY, connectTimeoutMs = 5_000 } = options;
  const pubClient = new Redis(url, {
    lazyConnect: true,
    connectTimeout: connectTimeoutMs,
    // While Redis is away, commands wait for it instead of failing after 20 retries: the adapter
    // publishes without handling a rejection, and an unhandled rejection would end the process.
    maxRetriesPerRequest: null,
  });
  const subClient = pubClient.duplicate();
  const clients = [pubClient, subClient];

  const results = await Promise.allSettled(clients.map((client) => connectWithin(client, connectTimeoutMs)));
  const failure = results.find((result) => result.status === "rejected");
  if (failure) {
    clients.forEach((client) => client.disconnect());
    const reason: unknown = failure.reason;
    const cause = reason instanceof Error ? reason.message : String(reason);
    throw new Error(
      `Cannot reach Redis at ${shownUrl(url)} (REDIS_URL): ${cause}. ` +
        "Start Redis, correct REDIS_URL, or leave it unset to run a single instance without Redis.",
      { cause: reason },
    );
  }

  // Belt and braces for shutdown: a publish still queued when the clients close is logged, not
  // left as an unhandled rejection.
  const publish = pubClient.publish.bind(pubClient);
  pubClient.publish = ((channel: string | Buffer, message: string | Buffer) => {
    const sent = publish(channel, message);
    sent.catch((error: unknown) => console.error("realtime: a broadcast did not reach Redis:", error));
    return sent;
  }) as typeof pubClient.publish;

  logHealth(pubClient, "publisher");
  logHealth(subClient, "subscriber");
  io.adapter(createAdapter(pubClient, subClient, { key }));

  return async () => {
    await Promise.all(clients.map(end));
  };
}
