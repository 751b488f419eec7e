// Once per `vitest run`: PostgreSQL answers (or one line says it does not), the migrated template
// exists, and the run's databases are dropped at its end (tests/setup/database.ts).
import { dropTestDatabases, ensureTemplate, runPrefix } from "./database";

export default async function globalSetup() {
  // Named before the workers start: they inherit it, so the teardown finds their databases.
  runPrefix();
  await ensureTemplate();
  await dropTestDatabases("stale");
  return async () => {
    await dropTestDatabases("run");
  };
}
