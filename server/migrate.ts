// Applies prisma/migrations with the `pg` client: each pending migration.sql in its own
// transaction, all under one advisory lock, recording Prisma's own `_prisma_migrations` rows so
// `prisma migrate status` reads the history. Not `prisma migrate deploy`: through the PrismaPg
// adapter it fails offline (prisma/orm#27403) and splits scripts on every `;`
// (docs/architecture.md, "Database").
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const MIGRATIONS_DIR = path.join(root, "prisma/migrations");

// Prisma Migrate's own advisory lock key: this runner and a `prisma migrate` command never run
// at the same time either.
const LOCK_KEY = 72707369;

export type Migration = { name: string; sql: string; checksum: string };

/** The committed migrations, oldest first. */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^\d+_/.test(entry.name))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      // Prisma's checksum: the sha-256 of the file, in hex.
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/**
 * Brings the database at `url` up to date; returns the names applied. Safe when several
 * instances start at once: the advisory lock makes them apply one after another, and each finds
 * what the others applied. A migration that fails is rolled back whole and stops the start.
 */
export async function migrate(url: string, options: { dir?: string } = {}): Promise<string[]> {
  const migrations = readMigrations(options.dir);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    // The table Prisma Migrate creates, with the same columns.
    await client.query(`
      CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
        "id" VARCHAR(36) PRIMARY KEY NOT NULL,
        "checksum" VARCHAR(64) NOT NULL,
        "finished_at" TIMESTAMPTZ,
        "migration_name" VARCHAR(255) NOT NULL,
        "logs" TEXT,
        "rolled_back_at" TIMESTAMPTZ,
        "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
        "applied_steps_count" INTEGER NOT NULL DEFAULT 0
      )`);
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT "migration_name", "checksum" FROM "_prisma_migrations"
        WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`,
    );
    const done = new Map(rows.map((row) => [row.migration_name, row.checksum]));
    for (const migration of migrations) {
      const checksum = done.get(migration.name);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) {
          throw new Error(`migration ${migration.name} was edited after it was applied: add a new migration instead`);
        }
        continue;
      }
      await client.query("BEGIN");
      try {
        // The simple query protocol runs the whole file as written (several statements, $$ bodies).
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "started_at", "applied_steps_count")
           VALUES ($1, $2, now(), $3, now(), 1)`,
          [randomUUID(), migration.checksum, migration.name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(`migration ${migration.name} failed, nothing of it was applied: ${message}`);
      }
      applied.push(migration.name);
    }
  } finally {
    // Ending the session releases the advisory lock too.
    await client.end().catch(() => undefined);
  }
  return applied;
}
