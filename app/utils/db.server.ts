import { PrismaClient } from "~/generated/prisma/client";
import { env } from "./env.server";
import { createSqliteAdapter, type DirectStatements, type SqlValue } from "./sqlite-adapter.server";
import { startWalCheckpointer } from "./wal-checkpointer.server";

export type { Prisma } from "~/generated/prisma/client";

// Models whose rows the public pages show. Any write to them makes cached public reads stale
// (see app/utils/read-cache.server.ts).
const CATALOGUE_MODELS = new Set(["Market", "MarketSession", "MarketOverride", "Stall", "Product", "Photo"]);
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

const globalForDb = globalThis as unknown as {
  __chaletDb?: Db;
  __chaletDbUrl?: string;
  __chaletDbReady?: Promise<void>;
  __chaletCatalogueVersion?: number;
  __chaletScheduleListeners?: Set<() => void>;
  __chaletCatalogueListeners?: Set<() => void>;
};

/** Bumped after every write to a catalogue model, through any code path that uses `db`. */
export function catalogueVersion(): number {
  return globalForDb.__chaletCatalogueVersion ?? 0;
}

const catalogueListeners = (globalForDb.__chaletCatalogueListeners ??= new Set());

function bumpCatalogueVersion() {
  globalForDb.__chaletCatalogueVersion = catalogueVersion() + 1;
  for (const listener of catalogueListeners) listener();
}

/** Calls `listener` at each bump of the catalogue version (a write, or catalogueChangedElsewhere()). */
export function onCatalogueWrite(listener: () => void): () => void {
  catalogueListeners.add(listener);
  return () => catalogueListeners.delete(listener);
}

/** Another instance wrote the catalogue: this process's cached public reads are stale. */
export function catalogueChangedElsewhere(): void {
  bumpCatalogueVersion();
}

const scheduleListeners = (globalForDb.__chaletScheduleListeners ??= new Set());

/** Calls `listener` after each write to a schedule model (inside a transaction: before it commits). */
export function onScheduleWrite(listener: () => void): () => void {
  scheduleListeners.add(listener);
  return () => scheduleListeners.delete(listener);
}

function createClient(url: string) {
  const adapter = createSqliteAdapter(url);
  const client = new PrismaClient({ adapter });
  let connected: Promise<void> | null = null;
  return client.$extends({
    client: {
      /**
       * A hot statement in plain SQL with `?` placeholders, prepared once on Prisma's
       * own connection and run outside transactions like any query made through `db`
       * (app/utils/sqlite-adapter.server.ts). For the few statements that run hundreds of times
       * a second (chat messages, the session's user); everything else goes through Prisma.
       */
      async $direct<Row>(sql: string, params: SqlValue[]): Promise<Row[]> {
        // Prisma opens its connection on the first query: make sure there is one to use.
        connected ??= client.$connect();
        await connected;
        return adapter.direct<Row>(sql, params);
      },
      /**
       * A synchronous `work` whose statements (plain SQL, as for `$direct`) run in one
       * BEGIN IMMEDIATE … COMMIT on Prisma's own connection, outside Prisma's transactions, all
       * undone if it throws. For a hot path's whole transaction (the reservation batch); never
       * inside `$transaction`. Its writes skip the catalogue extension below: a caller writing a
       * catalogue table calls catalogueChangedElsewhere().
       */
      async $directTransaction<T>(work: (sql: DirectStatements) => T): Promise<T> {
        connected ??= client.$connect();
        await connected;
        return adapter.directTransaction(work);
      },
    },
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          if (!WRITE_OPERATIONS.has(operation) || !CATALOGUE_MODELS.has(model)) return query(args);
          // Before and after: a read that starts while the write runs is cached under an
          // older version and thrown away on the next request.
          bumpCatalogueVersion();
          try {
            return await query(args);
          } finally {
            bumpCatalogueVersion();
            // Inside a transaction this runs before the commit; listeners defer their work.
            if (SCHEDULE_MODELS.has(model)) for (const listener of scheduleListeners) listener();
          }
        },
      },
    },
  });
}

export type Db = ReturnType<typeof createClient>;

// One client per process, kept across dev rebuilds that re-evaluate this module.
const databaseUrl = (globalForDb.__chaletDbUrl ??= process.env.DATABASE_URL ?? env.DATABASE_URL);
export const db: Db = (globalForDb.__chaletDb ??= createClient(databaseUrl));

/**
 * WAL lets readers go on while one writer commits; busy_timeout makes a second writer
 * wait instead of failing with SQLITE_BUSY; a worker thread copies the log into the database
 * file so that a request's commit seldom has to (app/utils/wal-checkpointer.server.ts). Called
 * once at start-up.
 */
export function prepareDatabase(): Promise<void> {
  globalForDb.__chaletDbReady ??= (async () => {
    await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await db.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
    await db.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
    await db.$queryRawUnsafe("PRAGMA foreign_keys = ON");
    const file = databaseUrl.replace(/^file:/, "");
    if (file && file !== ":memory:" && !file.startsWith("file::memory:")) {
      let failed = false;
      startWalCheckpointer(file, (reason) => {
        if (failed) return;
        failed = true;
        // Nothing else to do: this connection's own checkpoints (every 1,000 pages) go on.
        console.error(`${reason}; commits copy the whole log again`);
      });
    }
  })();
  return globalForDb.__chaletDbReady;
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
