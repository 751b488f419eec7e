// What the command-line scripts (`npm run setup`, `npm run setup-link`) do first: the server's
// database choice (server/database.ts: DATABASE_URL, or the embedded PostgreSQL), ready, and
// stopped with the script if it is interrupted. The app's modules that open the pool must be
// imported after this: their pool reads DATABASE_URL.

/** A refused setting or an unusable database: one line, as server/index.ts tells it, not a stack trace. */
function fail(error: unknown): never {
  if (error instanceof Error && error.name === "ConfigError") console.error(`Chalet cannot start: ${error.message}`);
  else console.error(error);
  process.exit(1);
}

export async function openScriptDatabase() {
  const { env } = await import("../app/utils/env.server").catch(fail);
  const { ensureDatabase } = await import("./database");
  const database = await ensureDatabase().catch(fail);
  // Interrupted: the embedded PostgreSQL this process started stops with it.
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void database.stop().finally(() => process.exit(1)));
  }
  return { env, database };
}
