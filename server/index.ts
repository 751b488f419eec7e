import { createServer as createHttpServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import morgan from "morgan";
import { ensureDatabase } from "./database";
import type { ChaletIo, RealtimeLimits, Timers } from "./realtime";
import type { HoldSweeper } from "./hold-sweeper";
import type { Scheduler } from "./scheduler";
import type * as Services from "./services";
import type { StripeSandbox } from "./stripe-sandbox";

/** The app's modules as the Remix build bundles them (server/services.ts). */
export type ChaletServices = typeof Services;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BUILD_PATH = path.join(root, "build/index.js");

export type ChaletServerOptions = {
  port?: number;
  host?: string;
  /** Injected clock: tests move time instead of sleeping. */
  now?: () => Date;
  logRequests?: boolean;
  /** Redis for the Socket.IO adapter (several instances); defaults to REDIS_URL, null: none. */
  redisUrl?: string | null;
  /** Prefix of the adapter's Redis stream and channels; instances that share it hear each other.
   *  Defaults to REDIS_PREFIX. (The rate limits follow REDIS_URL and REDIS_PREFIX only.) */
  redisKey?: string;
  scheduler?: {
    /** false: the scheduler runs only when runOnce() is called (tests that step the clock). */
    auto?: boolean;
    holder?: string;
    leaseMs?: number;
    maxSleepMs?: number;
  };
  /** Proxies whose X-Forwarded-For is believed; defaults to TRUST_PROXY (loopback). */
  trustProxy?: string;
  /**
   * The sockets' flood protections; each defaults to its setting in env.server.ts. Tests lower
   * them and inject the event-loop delay; the flood benchmark's "before" run lifts them all.
   */
  realtimeLimits?: Partial<Omit<RealtimeLimits, "trustProxy">>;
  /**
   * The server's timers: the sockets' presence coalescing, the scheduler's sleeps and wake-ups, the
   * hold sweeper's interval. Real ones by default; tests may run them by hand.
   */
  timers?: Timers;
  /** Page views wait in memory this long, or until `batch` wait, before one write (visit.server.ts). */
  visits?: { flushMs?: number; batch?: number };
  /** How long stock changes of a market are gathered into one stock:updated (STOCK_COALESCE_MS). */
  stockCoalesceMs?: number;
  /**
   * Releases ended holds and retries pending refunds every ~15 s, on the scheduler's leader.
   * `auto` defaults to the scheduler's: tests that step the clock call runOnce() instead.
   */
  holdSweeper?: { auto?: boolean; intervalMs?: number };
  /** The Stripe sandbox, which runs only without STRIPE_SECRET_KEY (see docs/stripe-sandbox.md);
   *  in production only with STRIPE_SANDBOX=1. */
  stripeSandbox?: {
    /** Where its events go; defaults to this server's own /webhooks/stripe. */
    webhookUrl?: string;
    /** Where its Connect events go; defaults to this server's own /webhooks/stripe-connect. */
    connectWebhookUrl?: string;
    retryDelaysMs?: number[];
    settleAfterMs?: number;
    /** How long a completed sandbox onboarding is "being verified" before the account is active. */
    verifyAfterMs?: number;
    maxSleepMs?: number;
  };
};

export type ChaletServer = {
  httpServer: Server;
  io: ChaletIo;
  scheduler: Scheduler;
  holdSweeper: HoldSweeper;
  /** null when a real STRIPE_SECRET_KEY is configured. */
  stripeSandbox: StripeSandbox | null;
  /** Resolves once the sockets' background work is done (presence counts, offline merchants' emails). */
  idle: () => Promise<void>;
  /** The build's modules, the ones the routes use: tests and benchmarks act on the app through them. */
  services: ChaletServices;
  url: string;
  close: () => Promise<void>;
};

/**
 * The Remix build and, from its entry module, the app's services. Import it only once the database
 * is chosen: its pool reads DATABASE_URL when the build loads.
 */
export async function importBuild(): Promise<{ build: ServerBuild; services: ChaletServices }> {
  const build = (await import(pathToFileURL(BUILD_PATH).href)) as ServerBuild;
  const { services } = build.entry.module as unknown as { services?: ChaletServices };
  if (!services) throw new Error(`${BUILD_PATH} is older than the server: run npm run build`);
  return { build, services };
}

/**
 * Builds the whole app on one HTTP server (Express, Remix and, later, Socket.IO) and
 * listens. Returns close() so tests and the signal handlers shut it down the same way.
 */
export async function createServer(options: ChaletServerOptions = {}): Promise<ChaletServer> {
  // Embedded PostgreSQL without DATABASE_URL, and the migrations, before the build makes its pool.
  const database = await ensureDatabase();
  const { build: plainBuild, services } = await importBuild();
  const { env, db } = services;

  const now = options.now ?? (() => new Date());
  // Pages answer 503 while the database cannot be reached (server/database-outage.ts).
  const build = services.withDatabaseOutageAnswers(plainBuild);

  const app = express();
  app.disable("x-powered-by");
  // One rule for the client's address, HTTP and sockets alike (server/client-address.ts).
  const trustProxy = services.compileTrustProxy(options.trustProxy ?? env.TRUST_PROXY);
  app.set("trust proxy", trustProxy);
  app.use(services.securityHeaders);
  app.use(compression());
  if (options.logRequests ?? env.LOG_REQUESTS === "1") app.use(morgan("tiny"));

  // Fingerprinted build output: cache forever. Everything else in public/: an hour.
  app.use("/build", express.static(path.join(root, "public/build"), { immutable: true, maxAge: "1y" }));
  app.use("/uploads", services.servePhotos(services.photoStorage));
  app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));
  // Pages without an icon link (the Stripe sandbox's, files) make browsers ask for the old name.
  app.get("/favicon.ico", (_req, res) => res.redirect(301, "/favicon.svg"));

  app.use(services.sameOriginOnly);
  // Forms are small; only the upload routes take multipart bodies (app/utils/body-limits.server.ts).
  app.use(
    services.limitBodies({
      uploadBytes: services.uploadBodyBytes(env.MAX_UPLOAD_BYTES),
      fileBytes: env.MAX_UPLOAD_BYTES,
    }),
  );
  // Without a real Stripe key, the sandbox's /v1 API and hosted page live on this same server
  // (one port for the demo). It parses bodies on its own paths only: /webhooks/stripe gets the raw body.
  let serverUrl = "";
  const stripeSandbox = env.STRIPE_SECRET_KEY
    ? null
    : services.createStripeSandbox({
        ...services.sandboxCredentials(),
        webhookUrl: () => options.stripeSandbox?.webhookUrl ?? `${serverUrl}/webhooks/stripe`,
        connectWebhookUrl: () => options.stripeSandbox?.connectWebhookUrl ?? `${serverUrl}/webhooks/stripe-connect`,
        publicUrl: () => env.PUBLIC_URL?.replace(/\/$/, "") ?? serverUrl,
        now,
        retryDelaysMs: options.stripeSandbox?.retryDelaysMs,
        settleAfterMs: options.stripeSandbox?.settleAfterMs,
        verifyAfterMs: options.stripeSandbox?.verifyAfterMs,
        maxSleepMs: options.stripeSandbox?.maxSleepMs,
      });
  if (stripeSandbox) app.use(stripeSandbox.router);
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: env.NODE_ENV,
      getLoadContext: (req, res) => ({
        clientIp: services.clientAddress(req, trustProxy),
        now,
        cspNonce: services.cspNonce(res),
      }),
    }),
  );

  const httpServer = createHttpServer(app);
  const realtime = services.createRealtime(httpServer, {
    now,
    timers: options.timers,
    limits: {
      trustProxy,
      maxConnectionsPerAddress: env.SOCKET_MAX_PER_ADDRESS,
      budgets: { perAddress: env.SOCKET_EVENTS_PER_ADDRESS, perAccount: env.SOCKET_EVENTS_PER_ACCOUNT },
      expensiveInFlight: env.SOCKET_EXPENSIVE_IN_FLIGHT,
      expensiveInFlightPerAddress: env.SOCKET_EXPENSIVE_IN_FLIGHT_PER_ADDRESS,
      shedDelayMs: env.SOCKET_SHED_DELAY_MS,
      ...options.realtimeLimits,
    },
  });
  const io = realtime.io;
  const redisUrl = options.redisUrl === undefined ? env.REDIS_URL : options.redisUrl;
  const closeAdapter = redisUrl
    ? await services.attachRedisAdapter(io, { url: redisUrl, key: options.redisKey ?? env.REDIS_PREFIX })
    : null;
  // A catalogue write here drops the other instances' memos of public pages (none without Redis).
  const catalogueNews = closeAdapter ? services.announceCatalogueChanges(io) : null;
  // After the adapter: a server that fails to start must not be left as the one broadcasting.
  const stopStockBroadcaster = services.startStockBroadcaster((to, event) => io.to(to).emit("stock:updated", event), {
    windowMs: options.stockCoalesceMs,
  });
  // Page views for the report, buffered and written in batches (app/models/visit.server.ts).
  const stopVisitCounter = services.startVisitCounter({ timers: options.timers, now, ...options.visits });
  const scheduler = services.createScheduler({
    now,
    holder: options.scheduler?.holder,
    leaseMs: options.scheduler?.leaseMs ?? env.SCHEDULER_LEASE_MS,
    maxSleepMs: options.scheduler?.maxSleepMs ?? env.SCHEDULER_MAX_SLEEP_MS,
    // A change may come from a write this process never saw (another instance, a script): its
    // cached stall pages go first, or the pages reloading on the announcement would be stale.
    // Other instances hear it through the adapter (with none, serverSideEmit is a no-op).
    announce: (event, name) => {
      services.dropPublicPageMemos();
      if (closeAdapter) io.serverSideEmit("schedule:changed");
      io.to(services.rooms.market(event.marketId)).emit(name, event);
    },
    // An organiser's change handled by a standby instance wakes the leader through the adapter,
    // rather than waiting for its next lease renewal. (Only the Redis adapter carries it.)
    onLocalScheduleWrite: closeAdapter ? () => io.serverSideEmit("schedule:changed") : undefined,
    timers: options.timers,
  });
  const holdSweeper = services.createHoldSweeper({
    now,
    intervalMs: options.holdSweeper?.intervalMs,
    shouldRun: () => scheduler.isLeader(),
    timers: options.timers,
  });
  // A schedule written on another instance: look at once, and drop this process's cached stall
  // pages, or a visitor reloading here on the announcement would get the state from before it.
  io.on("schedule:changed", () => {
    // Only the Redis adapter carries it, so catalogueNews is there; heard() tells nobody back.
    catalogueNews?.heard();
    scheduler.wake();
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(options.port ?? env.PORT, options.host ?? services.listenHost, () => resolve());
  });
  const address = httpServer.address() as AddressInfo;
  const url = `http://${address.family === "IPv6" ? "[::1]" : "127.0.0.1"}:${address.port}`;
  serverUrl = url;
  if (stripeSandbox) {
    services.configureStripeSandbox({
      host: address.family === "IPv6" ? "::1" : "127.0.0.1",
      port: address.port,
      protocol: "http",
    });
    stripeSandbox.start();
  }

  if (options.scheduler?.auto ?? true) scheduler.start();
  if (options.holdSweeper?.auto ?? options.scheduler?.auto ?? true) holdSweeper.start();

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      // Their last writes (the lease given up) may find the database gone, as when Ctrl-C in a
      // terminal reaches the embedded PostgreSQL too: said in one line, and the close goes on.
      const step = (what: string, work: Promise<unknown> | undefined) =>
        work?.catch((error: unknown) =>
          console.error(
            `closing: ${what}: ${error instanceof Error ? error.message.trim().split("\n").pop() : String(error)}`,
          ),
        );
      await step("hold sweeper", holdSweeper.stop());
      await step("scheduler", scheduler.stop());
      await step("Stripe sandbox", stripeSandbox?.stop());
      // Sends what waits in the coalescing window before the sockets go.
      stopStockBroadcaster();
      catalogueNews?.close();
      // Cut this instance's connections without saying "disconnect": Socket.IO clients never
      // reconnect after the server's disconnect ("io server disconnect"), so every open page would
      // stay offline after a deploy; a lost connection they retry, reaching the next server.
      io.engine.close();
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeIdleConnections();
        // Requests still running get a few seconds to finish before their sockets are cut.
        setTimeout(() => httpServer.closeAllConnections(), 5_000).unref();
      });
      await closeAdapter?.();
      // Once no request runs: the views still in memory are written, none is lost to a deploy.
      await step("visits", stopVisitCounter());
      await db.$disconnect();
      // The embedded PostgreSQL this process started stops last, once no connection is left.
      if (database.embedded) {
        await services.endDatabasePool();
        await database.stop();
      }
    })());

  return { httpServer, io, idle: realtime.idle, scheduler, holdSweeper, stripeSandbox, services, url, close };
}

async function main() {
  const server = await createServer();
  const { env, listenHost } = server.services;
  const shownHost = listenHost === "0.0.0.0" || listenHost === "127.0.0.1" ? "localhost" : listenHost;
  console.log(`Chalet is serving http://${shownHost}:${env.PORT}`);
  // With no administrator yet (a town's first start), a one-time set-up link; nothing otherwise.
  // Said here, once per start; each instance of a cluster that finds no administrator says it.
  await server.services
    .announceSetupLink({
      baseUrl: env.PUBLIC_URL ?? `http://${shownHost}:${env.PORT}`,
      now: new Date(),
      print: (line) => console.log(line),
    })
    .catch((error: unknown) => console.error("The set-up link could not be made:", error));
  if (server.stripeSandbox) {
    console.warn("Payments are NOT real: the built-in Stripe sandbox takes them, and every page says so.");
  }
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      console.log(`${signal}: closing`);
      server.close().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
    });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    // A refused setting is the operator's to fix: its one line says what, a stack trace would bury it.
    if (error instanceof Error && error.name === "ConfigError") console.error(`Chalet cannot start: ${error.message}`);
    else console.error(error);
    process.exit(1);
  });
}
