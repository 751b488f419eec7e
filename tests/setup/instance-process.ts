// A whole Chalet instance in its own process (`node --import tsx server/index.ts`, as `npm run
// serve` starts it), configured through its environment only. Several of them on this test file's
// database and one Redis are several instances for real: nothing in memory is shared between
// them, unlike servers started in the test process (whose Remix build, rate limits and caches are
// one per process).
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { freePort } from "./ports";

const root = path.resolve(import.meta.dirname, "../..");

export type InstanceProcess = { url: string; stop: () => Promise<void>; output: () => string };

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
}

/**
 * Starts an instance with this test process's settings (NODE_ENV=test, DATABASE_URL…)
 * plus `env`, and resolves once it serves. stop() ends it as an operator would (SIGTERM).
 */
export async function startInstanceProcess(env: Record<string, string>): Promise<InstanceProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    cwd: root,
    env: { ...process.env, HOST: "127.0.0.1", PORT: String(port), LOG_REQUESTS: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  await new Promise<void>((resolve, reject) => {
    const onData = () => {
      if (output.includes("Chalet is serving")) {
        child.stdout!.off("data", onData);
        child.off("exit", onExit);
        resolve();
      }
    };
    const onExit = (code: number | null) =>
      reject(new Error(`the instance exited (${code}) before serving:\n${output}`));
    child.stdout!.on("data", onData);
    child.once("exit", onExit);
  });
  return {
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited(child);
      clearTimeout(timer);
    },
  };
}
