// The Prisma client, over one `pg` pool (@prisma/adapter-pg). DATABASE_URL is set by
// server/database.ts (embedded PostgreSQL or the configured one) before this module loads.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "~/generated/prisma/client";
import { env } from "~/utils/env.server";

export type { Prisma } from "~/generated/prisma/client";

// Models whose rows the public pages show. Any write to them makes cached public reads stale
// (see app/utils/read-cache.server.ts). PayoutAccount: whether a stall can take orders; Town: its
// slug, for the stall page's link to the town's legal notice.
const CATALOGUE_MODELS = new Set([
  "Town",
  "Market",
  "MarketSession",
  "MarketOverride",
  "Stall",
  "Product",
  "Photo",
  "PayoutAccount",
]);
// Models that decide when markets open: a write wakes the scheduler in this process at once
// (other processes' writes are seen at its next capped wake-up).
const SCHEDULE_MODELS = new Set(["Market", "MarketSession", "MarketOverride"]);
const WRITE_OPERATIONS = new Set([
  "create",
  "createMany",
  "createManyAndReturn",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "upsert",
  "delete",
  "deleteMany",
]);

let version = 0;

/** Bumped after every write to a catalogue model, through any code path that uses `db`. */
export function catalogueVersion(): number {
  return version;
}

const catalogueListeners = new Set<() => void>();

/**
 * Drops this process's memos of public pages (they are read under an older catalogue version),
 * after a write `db`'s extension cannot see: raw SQL, another instance's, a schedule change.
 */
export function dropPublicPageMemos(): void {
  version++;
  for (const listener of catalogueListeners) listener();
}

/** Calls `listener` at each bump of the catalogue version (a write, or dropPublicPageMemos()). */
export function onCatalogueWrite(listener: () => void): () => void {
  catalogueListeners.add(listener);
  return () => catalogueListeners.delete(listener);
}

const scheduleListeners = new Set<() => void>();

/** Calls `listener` after each write to a schedule model (inside a transaction: before it commits). */
export function onScheduleWrite(listener: () => void): () => void {
  scheduleListeners.add(listener);
  return () => scheduleListeners.delete(listener);
}

/** Connections the pool opened whose socket is not closed yet. */
let openConnections = 0;
const waitingForClose: (() => void)[] = [];

function createPool(url: string): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    // 10 by default (pg's): a burst of pages queues briefly; ten instances stay under PostgreSQL's 100.
    max: env.DATABASE_POOL_MAX,
    connectionTimeoutMillis: env.DATABASE_POOL_TIMEOUT_MS,
    // Instants are UTC end to end: adapter-pg writes dates without a zone and reads timestamptz as
    // UTC, which agree only when the session's zone is UTC (a managed server may say Europe/Paris).
    options: "-c TimeZone=UTC",
  });
  // An idle connection the server closed (a restart, a failover) must not crash the process: the
  // pool drops it, and the next query opens a new one (/healthz says 503 meanwhile).
  pool.on("error", (error) => console.error(`database connection lost: ${error.message}`));
  pool.on("connect", () => openConnections++);
  // After the connection's socket has closed (pg's pool forgets it before that).
  pool.on("remove", () => {
    if (--openConnections === 0) for (const resolve of waitingForClose.splice(0)) resolve();
  });
  return pool;
}

function createClient(pool: pg.Pool) {
  // Each transaction takes a connection of its own from the pool: `db` stays usable inside one.
  const client = new PrismaClient({ adapter: new PrismaPg(pool) });
  return client.$extends({
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          if (!WRITE_OPERATIONS.has(operation) || !CATALOGUE_MODELS.has(model)) return query(args);
          // Before and after: a read that starts while the write runs is cached under an
          // older version and thrown away on the next request.
          dropPublicPageMemos();
          try {
            return await query(args);
          } finally {
            dropPublicPageMemos();
            // Inside a transaction this runs before the commit; listeners defer their work.
            if (SCHEDULE_MODELS.has(model)) for (const listener of scheduleListeners) listener();
          }
        },
      },
    },
  });
}

export type Db = ReturnType<typeof createClient>;
/** A transaction's client, what `db.$transaction(async (tx) => …)` passes: the one name for it. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: server/database.ts ensureDatabase() runs before the app loads");
  return url;
}
const pool = createPool(databaseUrl());
export const db: Db = createClient(pool);

/**
 * One statement straight on the pool, prepared once per connection under `name`, without Prisma:
 * for the statements each chat message runs. Prisma 6's query compiler (WebAssembly) plans even a
 * `$queryRaw` again at every call, and with its client runtime it cost several times the query
 * (docs/benchmarks.md, chat). Parameters are PostgreSQL's ($1, $2…); rows come as pg reads them.
 */
export async function preparedQuery<R extends pg.QueryResultRow>(
  name: string,
  text: string,
  values: unknown[],
): Promise<R[]> {
  return (await pool.query<R>({ name, text, values })).rows;
}

/**
 * The pool under `db`, for the one transaction that skips Prisma (the reservation batch in
 * order-reserve.server.ts): Prisma's interactive transaction costs a round trip and client work per
 * statement, which the hot product's batch cannot afford (docs/benchmarks.md).
 */
export function databasePool(): pg.Pool {
  return pool;
}

/**
 * Ends the pool for good (a process about to exit, before stopping the embedded PostgreSQL).
 * `db.$disconnect()` alone leaves the pool usable: tests start several servers in one process.
 */
export async function endDatabasePool(): Promise<void> {
  await db.$disconnect();
  if (!pool.ended) await pool.end();
  // pool.end() resolves once its connections are told to close, not once they have: an embedded
  // PostgreSQL stopped right after cut them, and each said "database connection lost" (npm run
  // setup printed it twice at its orderly end).
  if (openConnections > 0) await new Promise<void>((resolve) => waitingForClose.push(resolve));
}

// How the failure of a database that cannot be reached shows, at each layer: Prisma's codes
// (P1001 can't reach, P1002 timed out, P1017 server closed the connection), adapter-pg's kinds,
// node's socket errors, pg's own messages, and PostgreSQL's connection (08) and shutdown (57P0x)
// SQLSTATEs. A database too busy to answer in time is the same for the visitor ("try again"):
// a lock held past lock_timeout (55P03) or a statement past statement_timeout (57014), which the
// reservation batch sets so that one stuck batch does not hold every later one.
const UNREACHABLE_PRISMA_CODES = new Set(["P1001", "P1002", "P1017"]);
const UNREACHABLE_ADAPTER_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TlsConnectionError",
]);
const UNREACHABLE_NODE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENOTFOUND",
]);
// At the start of a line: Prisma puts the driver's message on the last line of its own.
const UNREACHABLE_PG_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/m;

/** What a 503 for an unreachable database asks browsers (and load balancers) to wait, in seconds. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * True when `error` says the database cannot answer now: out of reach, or past a lock or
 * statement timeout (not that a query was wrong). Pages and actions answer 503 "try again".
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  // The error, its causes, and the driver adapter's error Prisma keeps in `meta`.
  const queue: unknown[] = [error];
  for (let seen = 0; queue.length && seen < 10; seen++) {
    const current = queue.shift();
    if (!current || typeof current !== "object") continue;
    const { code, meta, message, cause, kind } = current as {
      code?: unknown;
      meta?: { driverAdapterError?: unknown };
      message?: unknown;
      cause?: unknown;
      kind?: unknown;
    };
    if (typeof code === "string") {
      if (UNREACHABLE_PRISMA_CODES.has(code) || UNREACHABLE_NODE_CODES.has(code)) return true;
      if (/^(08...|57P0[123]|55P03|57014)$/.test(code)) return true;
    }
    if (typeof kind === "string" && UNREACHABLE_ADAPTER_KINDS.has(kind)) return true;
    if (typeof message === "string" && UNREACHABLE_PG_MESSAGES.test(message)) return true;
    queue.push(cause, meta?.driverAdapterError);
  }
  return false;
}

/**
 * What to log of an error: one line when the database cannot answer (every page, socket event
 * and timer fails alike then, and /healthz already says so), the whole error otherwise.
 */
export function forLog(error: unknown): unknown {
  if (!isDatabaseUnavailable(error)) return error;
  const message = error instanceof Error ? error.message.trim().split("\n").pop() : String(error);
  return `the database cannot answer now (${message})`;
}

export async function databaseHealth(): Promise<{ ok: boolean; latencyMs: number; error?: string }> {
  const started = performance.now();
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return { ok: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    return { ok: false, latencyMs: -1, error: error instanceof Error ? error.message : String(error) };
  }
}
