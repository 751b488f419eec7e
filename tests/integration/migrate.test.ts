// The migration runner (server/migrate.ts) on a real, empty PostgreSQL database: instances
// starting together apply each migration once, Prisma's own history table is written so that
// `prisma migrate status` reads it, and a migration edited after it was applied stops the start.
import { execFile } from "node:child_process";
import { appendFileSync, cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, expect, it } from "vitest";
import { migrate, MIGRATIONS_DIR, readMigrations } from "../../server/migrate";
import { runPrefix, testDatabaseUrl } from "../setup/database";

const root = path.resolve(import.meta.dirname, "../..");
const clients: pg.Client[] = [];

async function emptyDatabase(): Promise<string> {
  const admin = new pg.Client({ connectionString: testDatabaseUrl() });
  await admin.connect();
  // Named with this run's prefix: the run's end drops it (tests/setup/global-setup.ts).
  const name = `${runPrefix()}migrate_${process.pid}_${Math.random().toString(36).slice(2, 6)}`;
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(testDatabaseUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  clients.push(client);
  return client;
}

afterAll(async () => {
  for (const client of clients) await client.end();
});

it("applies each migration once when several instances start at once, in Prisma's history table", async () => {
  const url = await emptyDatabase();
  const runs = await Promise.all(Array.from({ length: 4 }, () => migrate(url)));
  const names = readMigrations().map((m) => m.name);
  // One runner applied everything; the others waited for the lock and found nothing to do.
  expect(runs.map((applied) => applied.length).sort()).toEqual([0, 0, 0, names.length]);

  const client = await connect(url);
  const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
    `SELECT "migration_name", "checksum", "finished_at" FROM "_prisma_migrations" ORDER BY "migration_name"`,
  );
  expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(readMigrations().map((m) => [m.name, m.checksum]));
  expect(rows.every((r) => r.finished_at instanceof Date)).toBe(true);
  const tables = await client.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'Order'`);
  expect(tables.rowCount).toBe(1);
  expect(await migrate(url)).toEqual([]);

  // Prisma's own CLI reads the history as its own.
  const status = await promisify(execFile)(
    process.execPath,
    [path.join(root, "node_modules/prisma/build/index.js"), "migrate", "status"],
    { cwd: root, env: { ...process.env, DATABASE_URL: url } },
  );
  expect(status.stdout).toContain("Database schema is up to date");
}, 60_000);

it("refuses to start on a migration edited after it was applied, and rolls back one that fails", async () => {
  const url = await emptyDatabase();
  const dir = mkdtempSync(path.join(tmpdir(), "chalet-migrations-"));
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  await migrate(url, { dir });
  const [first] = readMigrations(dir);
  appendFileSync(path.join(dir, first!.name, "migration.sql"), "\n-- edited\n");
  await expect(migrate(url, { dir })).rejects.toThrow(`migration ${first!.name} was edited after it was applied`);

  // A new migration whose second statement fails: its first statement is not kept either.
  const fresh = mkdtempSync(path.join(tmpdir(), "chalet-migrations-"));
  cpSync(MIGRATIONS_DIR, fresh, { recursive: true });
  const broken = path.join(fresh, "29990101000000_broken");
  cpSync(path.join(fresh, first!.name), broken, { recursive: true });
  writeFileSync(
    path.join(broken, "migration.sql"),
    `CREATE TABLE "Kept" (id int);\nALTER TABLE "NoSuchTable" ADD COLUMN x int;\n`,
  );
  const url2 = await emptyDatabase();
  await expect(migrate(url2, { dir: fresh })).rejects.toThrow(
    /migration 29990101000000_broken failed, nothing of it was applied/,
  );
  const client = await connect(url2);
  expect((await client.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'Kept'`)).rowCount).toBe(0);
  // The migrations before it stay applied.
  expect(
    (await client.query(`SELECT 1 FROM "_prisma_migrations" WHERE "migration_name" = $1`, [first!.name])).rowCount,
  ).toBe(1);
});
