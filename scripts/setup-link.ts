// `npm run setup-link`: a fresh one-time set-up link, for whoever cannot read the server's log
// (app/models/setup.server.ts). The same database choice as the server and `npm run setup`
// (server/database.ts: DATABASE_URL, or the embedded PostgreSQL, used as it is if it runs).
// The app's modules are imported after the database is chosen: their pool reads DATABASE_URL.
import { openScriptDatabase } from "../server/script-database";

const { env, database } = await openScriptDatabase();

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
