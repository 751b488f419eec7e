// A fresh PostgreSQL database for one test file, one browser-test server or one benchmark, copied
// from a migrated template (CREATE DATABASE … TEMPLATE: milliseconds, where migrating costs far
// more). The server is TEST_DATABASE_URL's, by default this machine's PostgreSQL on 127.0.0.1:5432;
// when that is unset and nothing answers there, an embedded PostgreSQL started for the run
// (ensureTestPostgres, in tests/.tmp/postgres).
import { createHash } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { startEmbeddedPostgres } from "../../server/database";
import { migrate, readMigrations } from "../../server/migrate";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const TMP_DIR = path.join(root, "tests/.tmp");

const LOCAL_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/postgres";
// The embedded server's own port, away from the demo's (5488) and the machine's (5432).
const EMBEDDED_PORT = Number(process.env.TEST_EMBEDDED_POSTGRES_PORT || 54329);

/** Read at each use: the global set-up may choose the embedded server after this module loads. */
export function testDatabaseUrl(): string {
  return process.env.TEST_DATABASE_URL || LOCAL_POSTGRES_URL;
}
// Every database made here starts with this: the sweep below drops only its own.
const PREFIX = "chalet_t_";
// Databases of an interrupted run are dropped by a later one once this old.
const STALE_MS = 3 * 60 * 60 * 1000;
const LOCK_KEY = 72707370;

/** One line for the operator instead of a connection stack trace. */
export class TestDatabaseUnavailable extends Error {
  override name = "TestDatabaseUnavailable";
}

function urlFor(database: string): string {
  const url = new URL(testDatabaseUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testDatabaseUrl(), connectionTimeoutMillis: 5_000 });
  client.on("error", () => {});
  try {
    await client.connect();
  } catch (error) {
    const where = new URL(testDatabaseUrl());
    const message = error instanceof Error ? error.message || error.name : String(error);
    throw new TestDatabaseUnavailable(
      `The tests need PostgreSQL at ${where.hostname}:${where.port || 5432} (TEST_DATABASE_URL), and it does not answer: ${message}`,
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The run's PostgreSQL (vitest's and Playwright's global set-ups call this first): the one
 * TEST_DATABASE_URL names, else this machine's on 127.0.0.1:5432 when it answers (CI's), else an
 * embedded one started now and stopped by the returned function (`npm test` on a machine without
 * PostgreSQL). Workers inherit TEST_DATABASE_URL.
 */
export async function ensureTestPostgres(): Promise<() => Promise<void>> {
  const nothing = async () => {};
  if (process.env.TEST_DATABASE_URL) return nothing;
  if (await answers(LOCAL_POSTGRES_URL)) return nothing;
  const dataDir = path.join(TMP_DIR, "postgres");
  console.log(
    `PostgreSQL does not answer on 127.0.0.1:5432: the tests use an embedded one (${path.relative(root, dataDir)}, 127.0.0.1:${EMBEDDED_PORT}).`,
  );
  const embedded = await startEmbeddedPostgres({
    port: EMBEDDED_PORT,
    dataDir,
    passwordFile: path.join(TMP_DIR, "postgres-password"),
    database: "postgres",
  });
  process.env.TEST_DATABASE_URL = embedded.url;
  return async () => {
    await embedded.stop();
    delete process.env.TEST_DATABASE_URL;
  };
}

/** Whether a PostgreSQL answers at `url` at all: one refusing us still answers (and is the one to fix). */
async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on("error", () => {});
  try {
    await client.connect();
    return true;
  } catch (error) {
    // Refused or silent: nothing there. An error from PostgreSQL itself (a SQLSTATE): something is.
    return (
      typeof (error as { code?: unknown }).code === "string" && !/^E[A-Z]+$/.test((error as { code: string }).code)
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The template's name follows the migrations: a changed migration gets a template of its own. */
export function templateName(): string {
  const hash = createHash("sha256");
  for (const migration of readMigrations()) hash.update(`${migration.name}\0${migration.checksum}\0`);
  return `chalet_template_${hash.digest("hex").slice(0, 16)}`;
}

let templateReady: Promise<string> | null = null;

/**
 * The migrated template, built once (vitest's and Playwright's global set-ups call this first;
 * a lone benchmark builds it itself). Built under a new name and renamed when complete, under an
 * advisory lock: parallel workers and runs never copy a half-built one.
 */
export function ensureTemplate(): Promise<string> {
  templateReady ??= admin(async (client) => {
    const name = templateName();
    const exists = async () =>
      (await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1;
    if (await exists()) return name;
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    try {
      if (await exists()) return name;
      const building = `${name}_building`;
      await client.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
      await client.query(`CREATE DATABASE "${building}"`);
      await migrate(urlFor(building));
      await client.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
      return name;
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]);
    }
  }).catch((error: unknown) => {
    templateReady = null;
    throw error;
  });
  return templateReady;
}

/** Names this run's databases, so the run's end can drop them all. */
export function runPrefix(): string {
  process.env.CHALET_TEST_RUN ??= `${PREFIX}${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}_`;
  return process.env.CHALET_TEST_RUN;
}

/** A new database copied from the template; returns its URL. */
export async function createTestDatabase(name: string): Promise<string> {
  const template = await ensureTemplate();
  const suffix = name.toLowerCase().replace(/[^a-z0-9]+/g, "_");
  const database = `${runPrefix()}${suffix}_${process.pid}_${Math.random().toString(36).slice(2, 6)}`.slice(0, 63);
  await admin((client) => client.query(`CREATE DATABASE "${database}" TEMPLATE "${template}"`));
  return urlFor(database);
}

/** Drops the databases of this run (its end), or of runs older than a few hours (interrupted). */
export async function dropTestDatabases(which: "run" | "stale"): Promise<void> {
  await admin(async (client) => {
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [
      `${PREFIX.replace(/_/g, "\\_")}%`,
    ]);
    const prefix = runPrefix();
    for (const { datname } of rows) {
      const stamp = parseInt(datname.slice(PREFIX.length).split("_")[0] ?? "", 36);
      const drop = which === "run" ? datname.startsWith(prefix) : Date.now() - stamp > STALE_MS;
      if (drop) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  });
}

/** Drops one database made by createTestDatabase (a benchmark done with its thousands of rows). */
export async function dropTestDatabase(url: string): Promise<void> {
  const database = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!database.startsWith(PREFIX)) throw new Error(`not a test database: ${database}`);
  await admin((client) => client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
}
