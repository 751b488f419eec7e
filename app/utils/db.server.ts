import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "~/generated/prisma/client";
import { env } from "./env.server";

export type { Prisma } from "~/generated/prisma/client";

function createClient(url: string) {
  const adapter = new PrismaBetterSQLite3({ url });
  return new PrismaClient({ adapter });
}

// One client per process, kept across dev rebuilds that re-evaluate this module.
const globalForDb = globalThis as unknown as { __chaletDb?: PrismaClient; __chaletDbReady?: Promise<void> };

export const db: PrismaClient = (globalForDb.__chaletDb ??= createClient(process.env.DATABASE_URL ?? env.DATABASE_URL));

/**
 * WAL lets readers go on while one writer commits; busy_timeout makes a second writer
 * wait instead of failing with SQLITE_BUSY. Called once at start-up.
 */
export function prepareDatabase(): Promise<void> {
  globalForDb.__chaletDbReady ??= (async () => {
    await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await db.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
    await db.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
    await db.$queryRawUnsafe("PRAGMA foreign_keys = ON");
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
