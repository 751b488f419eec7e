// `npm run setup-link`: a fresh one-time set-up link, for whoever cannot read the server's log
// (app/models/setup.server.ts). The same database choice as the server and `npm run setup`
// (server/database.ts: DATABASE_URL, or the embedded PostgreSQL, used as it is if it runs).
// The app's modules are imported after the database is chosen: their pool reads DATABASE_URL.
export {};

/** A refused setting or an unusable database: one line, as server/index.ts tells it, not a stack trace. */
function fail(error: unknown): never {
  if (error instanceof Error && error.name === "ConfigError") console.error(`Chalet cannot start: ${error.message}`);
  else console.error(error);
  process.exit(1);
}

const { env } = await import("../app/utils/env.server").catch(fail);
const { ensureDatabase } = await import("../server/database");
const database = await ensureDatabase().catch(fail);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void database.stop().finally(() => process.exit(1)));
}

const { endDatabasePool } = await import("../app/utils/db.server");
const { createSetupToken, setupLink } = await import("../app/models/setup.server");
try {
  const baseUrl = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  const token = await createSetupToken(new Date());
  if (token) console.log(`Open this link to set up Chalet (once, within 24 hours): ${setupLink(baseUrl, token)}`);
  else console.log(`Chalet: an administrator already exists; log in at ${new URL("/login", baseUrl).href}`);
} finally {
  await endDatabasePool();
  await database.stop();
}
