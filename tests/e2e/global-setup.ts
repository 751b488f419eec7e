import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { dropTestDatabases, ensureTemplate, ensureTestPostgres, runPrefix } from "../setup/database";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Starts tests/e2e/serve.ts and hands its URL to the workers through the environment. */
export default async function globalSetup() {
  // The server's database is copied from the migrated template (tests/setup/database.ts); it
  // inherits this run's prefix, and is dropped with the run.
  runPrefix();
  // The machine's PostgreSQL, or an embedded one for the run when it has none.
  const stopPostgres = await ensureTestPostgres();
  await ensureTemplate();
  await dropTestDatabases("stale");
  const child = spawn(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "tests/e2e/serve.ts"], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`E2E server did not start:\n${output}`)), 60_000);
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /E2E_URL=(\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        process.env.E2E_DATABASE_URL = /E2E_DATABASE_URL=(\S+)/.exec(output)?.[1];
        process.env.E2E_CLOCK_URL = /E2E_CLOCK_URL=(\S+)/.exec(output)?.[1];
        resolve(match[1]!);
      }
    });
    child.once("exit", (code) => reject(new Error(`E2E server exited with ${code}:\n${output}`)));
  });
  child.stdout.resume();
  process.env.E2E_BASE_URL = url;
  return async () => {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
    await dropTestDatabases("run");
    await stopPostgres();
  };
}
