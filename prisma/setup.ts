// `npm start` runs this before the server: create the database folder, apply the
// committed migrations, and seed the demo market when the database is empty.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from "./seed";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

process.env.DATABASE_URL ??= "file:./data/chalet.db";
const url = process.env.DATABASE_URL;

// Settings before the database: one refused (production without Stripe keys…) is told in one
// line, as server/index.ts tells it, not in a stack trace.
const { env } = await import("../app/utils/env.server").catch((error: unknown) => {
  if (!(error instanceof Error && error.name === "ConfigError")) throw error;
  console.error(`Chalet cannot start: ${error.message}`);
  process.exit(1);
});

if (url.startsWith("file:"))
  mkdirSync(path.dirname(path.resolve(root, url.slice("file:".length))), { recursive: true });

execFileSync(process.execPath, [path.join(root, "node_modules/prisma/build/index.js"), "migrate", "deploy"], {
  cwd: root,
  stdio: ["ignore", "ignore", "inherit"],
  env: process.env,
});

const { db } = await import("../app/utils/db.server");
if (env.SEED_DEMO === "auto" && (await db.town.count()) === 0) {
  await seedDemo(db, { uploadDir: path.resolve(root, env.UPLOAD_DIR) });
  console.log("Seeded the demo market.");
}
if (env.NODE_ENV !== "production" && env.SEED_DEMO === "auto") {
  console.log(`Demo accounts (password "${DEMO_PASSWORD}"):`);
  for (const [role, account] of Object.entries(DEMO_ACCOUNTS)) console.log(`  ${role.padEnd(16)} ${account.email}`);
}
await db.$disconnect();
