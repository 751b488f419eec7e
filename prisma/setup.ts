// `npm start` runs this before the server: the database ready (embedded PostgreSQL without
// DATABASE_URL, the committed migrations applied: server/database.ts, the same path the server
// takes), and the demo market seeded when the database is empty.
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from "./seed";

/** A refused setting or an unusable database: one line, as server/index.ts tells it, not a stack trace. */
function fail(error: unknown): never {
  if (error instanceof Error && error.name === "ConfigError") console.error(`Chalet cannot start: ${error.message}`);
  else console.error(error);
  process.exit(1);
}

const { env } = await import("../app/utils/env.server").catch(fail);
const { ensureDatabase } = await import("../server/database");
const database = await ensureDatabase().catch(fail);
// Interrupted while seeding: the embedded PostgreSQL this process started stops with it.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void database.stop().finally(() => process.exit(1)));
}

const { db, endDatabasePool } = await import("../app/utils/db.server");
try {
  if (env.SEED_DEMO === "auto" && (await db.town.count()) === 0) {
    await seedDemo(db);
    console.log("Seeded the demo market.");
  }
  if (env.NODE_ENV !== "production" && env.SEED_DEMO === "auto") {
    console.log(`Demo accounts (password "${DEMO_PASSWORD}"):`);
    for (const [role, account] of Object.entries(DEMO_ACCOUNTS)) console.log(`  ${role.padEnd(16)} ${account.email}`);
  }
} finally {
  await endDatabasePool();
  await database.stop();
}
