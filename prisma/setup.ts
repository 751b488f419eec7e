// `npm start` runs this before the server: the database ready (embedded PostgreSQL without
// DATABASE_URL, the committed migrations applied: server/database.ts, the same path the server
// takes), and the demo market seeded when the database is empty.
import { openScriptDatabase } from "../server/script-database";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from "./seed";

const { env, database } = await openScriptDatabase();

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
