// `npm start` on a machine without PostgreSQL: without DATABASE_URL, `npm run setup`
// (prisma/setup.ts) and the server (server/index.ts) start an embedded PostgreSQL in their data
// directory, migrate and seed it, serve the demo, and leave no PostgreSQL behind when stopped.
// Whole processes, as `npm start` runs them, on a data directory and a port of the test's own.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { TMP_DIR } from "../setup/database";
import { freePort } from "../setup/ports";

const root = path.resolve(import.meta.dirname, "../..");
// Under the checkout, not the system's temporary folder: as root, PostgreSQL runs as the
// `postgres` user, who must be able to reach it (mkdtemp makes 0700 folders).
const dataDir = path.join(TMP_DIR, `embedded-${process.pid}-${Math.random().toString(36).slice(2, 8)}`, "postgres");

afterAll(() => rmSync(path.dirname(dataDir), { recursive: true, force: true }));

/** The processes whose command line names the data directory: its postgres and their children. */
function postgresProcessesOf(directory: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
      if (command.includes(directory)) found.push(`${pid}: ${command}`);
    } catch {
      // ended meanwhile
    }
  }
  return found;
}

type Run = { code: number | null; output: string };

/** Runs `script`; once it prints `readyLine`, runs `whileReady`, then sends SIGTERM. */
function run(script: string, env: NodeJS.ProcessEnv, readyLine?: string, whileReady?: () => Promise<void>) {
  return new Promise<Run>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script], { cwd: root, env });
    let output = "";
    let ready = false;
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (readyLine && !ready && output.includes(readyLine)) {
        ready = true;
        whileReady!().then(
          () => child.kill("SIGTERM"),
          (error: unknown) => {
            child.kill("SIGKILL");
            reject(error instanceof Error ? error : new Error(String(error)));
          },
        );
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, output }));
  });
}

it("starts, migrates and seeds an embedded PostgreSQL, serves the demo, and stops it", async () => {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "development",
    // No DATABASE_URL: the embedded PostgreSQL, in a directory and on a port of this test.
    EMBEDDED_POSTGRES_DIR: dataDir,
    EMBEDDED_POSTGRES_PORT: String(await freePort()),
    SESSION_SECRET: "a-test-secret-of-enough-length",
    HOST: "127.0.0.1",
    PORT: String(await freePort()),
    LOG_REQUESTS: "0",
  };

  const setup = await run("prisma/setup.ts", env);
  expect(setup.code, setup.output).toBe(0);
  expect(setup.output).toContain("Creating the embedded PostgreSQL database");
  expect(setup.output).toContain("Seeded the demo market.");
  expect(existsSync(path.join(dataDir, "PG_VERSION"))).toBe(true);
  // The set-up stopped the PostgreSQL it started.
  expect(postgresProcessesOf(dataDir)).toEqual([]);

  let whileServing: string[] = [];
  const server = await run("server/index.ts", env, "Chalet is serving", async () => {
    whileServing = postgresProcessesOf(dataDir);
    const home = await fetch(`http://127.0.0.1:${env.PORT}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("Rueil-Malmaison");
  });
  expect(server.code, server.output).toBe(0);
  // The server ran it (the same data, not made again), and SIGTERM stopped it with the server.
  expect(server.output).not.toContain("Creating the embedded PostgreSQL database");
  expect(whileServing.length).toBeGreaterThan(0);
  expect(postgresProcessesOf(dataDir)).toEqual([]);
  expect(existsSync(path.join(dataDir, "postmaster.pid"))).toBe(false);
}, 60_000);
