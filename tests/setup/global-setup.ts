// Once per `vitest run`: PostgreSQL answers (the machine's, or an embedded one started for the run
// when the machine has none), the migrated template exists, and the run's databases are dropped
// at its end (tests/setup/database.ts).
import { dropTestDatabases, ensureTemplate, ensureTestPostgres, runPrefix } from "./database";

export default async function globalSetup() {
  // Named before the workers start: they inherit it, so the teardown finds their databases.
  runPrefix();
  const stopPostgres = await ensureTestPostgres();
  try {
    await ensureTemplate();
    await dropTestDatabases("stale");
  } catch (error) {
    await stopPostgres();
    throw error;
  }
  return async () => {
    try {
      await dropTestDatabases("run");
    } finally {
      await stopPostgres();
    }
  };
}
