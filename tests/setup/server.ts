// Integration tests talk to the real server over HTTP: the built Remix app behind Express,
// on port 0, with the database the setup file chose for this test file.
import { io as connect, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "../../app/realtime/events";
import { configureStripeSandbox } from "../../app/utils/stripe.server";
import type { ChaletServer, ChaletServerOptions } from "../../server/index";
import { createServer } from "../../server/index";

export type TestServer = ChaletServer & { clock: TestClock };

export class TestClock {
  constructor(private current = new Date()) {}
  now = () => new Date(this.current);
  set(date: Date | string) {
    this.current = new Date(date);
  }
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/**
 * The scheduler does not run on its own here: a test moves the clock, then calls
 * `server.scheduler.runOnce()`, which is what the real timer would have done at that instant.
 */
export async function startTestServer(
  options: {
    now?: Date;
    clock?: TestClock;
    scheduler?: ChaletServerOptions["scheduler"];
    /** Follows the scheduler's `auto` (off) unless told. */
    holdSweeper?: ChaletServerOptions["holdSweeper"];
    /** Off unless a test asks: a REDIS_URL in the developer's shell must not join unrelated tests. */
    redisUrl?: string;
    redisKey?: string;
    /** Where the Stripe sandbox posts its events (the app's own /webhooks/stripe by default). */
    stripeSandbox?: ChaletServerOptions["stripeSandbox"];
    trustProxy?: string;
    realtimeLimits?: ChaletServerOptions["realtimeLimits"];
    /** The server's timers (ManualTimers: the test fires them); real ones by default. */
    timers?: ChaletServerOptions["timers"];
  } = {},
): Promise<TestServer> {
  const clock = options.clock ?? new TestClock(options.now);
  const server = await createServer({
    port: 0,
    host: "127.0.0.1",
    now: clock.now,
    logRequests: false,
    redisUrl: options.redisUrl ?? null,
    redisKey: options.redisKey,
    scheduler: { auto: false, ...options.scheduler },
    holdSweeper: options.holdSweeper,
    stripeSandbox: options.stripeSandbox,
    trustProxy: options.trustProxy,
    realtimeLimits: options.realtimeLimits,
    timers: options.timers,
  });
  if (options.redisUrl && options.redisKey) {
    // Socket.IO's stream outlives the instances (its sessions and the rate limits' counts expire):
    // dropped with the test's instances, which each use their own key.
    const { adapterKeys } = await import("../../server/realtime-adapter");
    const stream = adapterKeys(options.redisKey).streamName;
    const redisUrl = options.redisUrl;
    const close = server.close;
    server.close = async () => {
      await close();
      const { Redis } = await import("ioredis");
      const redis = new Redis(redisUrl);
      await redis.del(stream).finally(() => redis.disconnect());
    };
  }
  if (server.stripeSandbox) pointStripeAt(server);
  return Object.assign(server, { clock });
}

/**
 * Points the Stripe client of this test process's own copy of the app (the models a test imports
 * from app/, which are not the server's: it runs the Remix build's) at the server's sandbox, as
 * another instance on the same Stripe account would be.
 */
export function pointStripeAt(server: { url: string }): void {
  const { hostname, port } = new URL(server.url);
  configureStripeSandbox({ host: hostname, port: Number(port), protocol: "http" });
}

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A real socket.io-client socket, connected (with the client's cookies when one is given). */
export async function connectSocket(server: { url: string }, client?: TestClient): Promise<TestSocket> {
  const socket: TestSocket = connect(server.url, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    extraHeaders: client ? { Cookie: client.cookieHeader() } : {},
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  return socket;
}

/**
 * A browser-like client: keeps cookies, sends the Origin header browsers send on posts,
 * and never follows redirects so tests can assert them.
 */
export class TestClient {
  private cookies = new Map<string, string>();
  constructor(readonly baseUrl: string) {}

  setCookieHeader(header: string) {
    const [pair] = header.split(";");
    const eq = pair!.indexOf("=");
    const name = pair!.slice(0, eq).trim();
    const value = pair!.slice(eq + 1).trim();
    if (value === "" || /expires=Thu, 01 Jan 1970/i.test(header)) this.cookies.delete(name);
    else this.cookies.set(name, value);
  }

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async request(pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("Cookie", this.cookieHeader());
    if (init.method && init.method !== "GET") headers.set("Origin", this.baseUrl);
    const response = await fetch(new URL(pathname, this.baseUrl), { ...init, headers, redirect: "manual" });
    for (const header of response.headers.getSetCookie()) this.setCookieHeader(header);
    return response;
  }

  get(pathname: string) {
    return this.request(pathname);
  }

  /** Posts a form as a browser would (urlencoded, or multipart when a Blob is present). */
  post(pathname: string, fields: Record<string, string | number | Blob | string[]> | FormData) {
    let body: FormData | URLSearchParams;
    if (fields instanceof FormData) body = fields;
    else if (Object.values(fields).some((v) => v instanceof Blob)) {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) {
        if (Array.isArray(v)) v.forEach((item) => form.append(k, item));
        else form.append(k, v instanceof Blob ? v : String(v));
      }
      body = form;
    } else {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(fields)) {
        if (Array.isArray(v)) v.forEach((item) => params.append(k, item));
        else params.append(k, String(v));
      }
      body = params;
    }
    return this.request(pathname, { method: "POST", body });
  }
}

/** A client already logged in as this user, with a session row and cookie made by the app's own code. */
export async function clientFor(server: { url: string }, userId: string | null): Promise<TestClient> {
  const client = new TestClient(server.url);
  if (userId) {
    const { sessionStorage } = await import("~/utils/session.server");
    const { createLoginSession } = await import("~/models/login-session.server");
    const session = await sessionStorage.getSession();
    // A session row as a log-in makes: ending it (log-out, a reset) ends this client's session.
    session.set("sid", await createLoginSession(userId, null, new Date()));
    client.setCookieHeader(await sessionStorage.commitSession(session));
  }
  return client;
}
