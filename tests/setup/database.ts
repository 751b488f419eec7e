// A fresh SQLite file with the committed migrations applied, for one test file or one
// browser-test server. Applying the SQL directly is the same schema `prisma migrate deploy`
// builds, in milliseconds instead of a second per file.
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const TMP_DIR = path.join(root, "tests/.tmp");

export function createTestDatabase(name: string): string {
  mkdirSync(TMP_DIR, { recursive: true });
  const file = path.join(TMP_DIR, `${name}-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}.db`);
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  const migrationsDir = path.join(root, "prisma/migrations");
  for (const dir of readdirSync(migrationsDir)
    .filter((d) => /^\d+_/.test(d))
    .sort()) {
    sqlite.exec(readFileSync(path.join(migrationsDir, dir, "migration.sql"), "utf8"));
  }
  sqlite.close();
  return `file:${file}`;
}
