// A real cluster for the tests of tests/cluster/: three separate server processes
// (`node --import tsx server/index.ts`, as `npm run serve` starts one) on one database and one
// Redis, behind HAProxy running deploy/haproxy.cfg itself, the file docs/operations.md gives to
// operators. Everything comes from the environment, as in a deployment: DATABASE_URL, REDIS_URL
// with a key prefix of its own per run, the same SESSION_SECRET, PUBLIC_URL = the balancer.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "../setup/ports";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const HAPROXY_CONFIG = path.join(root, "deploy/haproxy.cfg");
export const CLUSTER_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const START_TIMEOUT_MS = 90_000;
// Debian installs it in /usr/sbin, which is not on every user's PATH.
const HAPROXY = process.env.HAPROXY_PATH ?? (existsSync("/usr/sbin/haproxy") ? "/usr/sbin/haproxy" : "haproxy");

export type ClusterInstance = {
  /** The name deploy/haproxy.cfg gives its server, also the value of its sticky cookie. */
  name: "app1" | "app2" | "app3";
  url: string;
  pid: number;
  alive: boolean;
  child: ChildProcess;
};

export type Cluster = {
  instances: ClusterInstance[];
  /** HAProxy's address: what PUBLIC_URL says and browsers use. */
  balancerUrl: string;
  /** Prefix of this run's Redis keys and channels (REDIS_PREFIX). */
  redisPrefix: string;
  /** The instance whose scheduler holder (`host:pid:…`, server/scheduler.ts) is this one. */
  byHolder(holder: string): ClusterInstance | undefined;
  /** kill -9: no graceful close, no lease handed over, sockets cut by the kernel. */
  kill(instance: ClusterInstance): Promise<void>;
  /** What the processes printed, for a failure's message. */
  logs(): string;
  stop(): Promise<void>;
};

export type ClusterOptions = {
  databaseUrl: string;
  sessionSecret: string;
  /** More settings for every instance (SCHEDULER_LEASE_MS, …). */
  env?: Record<string, string>;
};

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/** Resolves once `child` printed a line matching `ready`; rejects if it exits or takes too long. */
function waitForLine(child: ChildProcess, ready: RegExp, output: () => string, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`${what} did not start within ${START_TIMEOUT_MS} ms:\n${output()}`));
    }, START_TIMEOUT_MS);
    const onData = () => {
      if (ready.test(output())) {
        cleanup();
        resolve();
      }
    };
    const onExit = (code: number | null, signal: string | null) => {
      cleanup();
      reject(new Error(`${what} exited (${code ?? signal}) while starting:\n${output()}`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      child.stderr?.off("data", onData);
      child.off("exit", onExit);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", onExit);
    onData();
  });
}

async function waitForHealthy(url: string, what: string, child: ChildProcess, logs: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let last = "";
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${what} exited (${child.exitCode ?? child.signalCode}):\n${logs()}`);
    }
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = String(error);
    }
    // Polling a process that is starting: there is no event to wait for from outside it.
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} is not healthy (${last}):\n${logs()}`);
}

export function haproxyAvailable(): boolean {
  return spawnSync(HAPROXY, ["-v"], { stdio: "ignore" }).status === 0;
}

/** What started processes print, each line labelled with its process, for a failure's message. */
export function processOutput() {
  const output: string[] = [];
  return {
    capture(child: ChildProcess, label: string) {
      const add = (chunk: Buffer) =>
        output.push(
          chunk
            .toString()
            .split("\n")
            .filter((line) => line !== "")
            .map((line) => `[${label}] ${line}\n`)
            .join(""),
        );
      child.stdout?.on("data", add);
      child.stderr?.on("data", add);
    },
    logs: () => output.join("").split("\n").slice(-200).join("\n"),
  };
}

export type ProcessOutput = ReturnType<typeof processOutput>;

/** An instance's environment: what an operator runs (docs/operations.md, "Several instances"). */
export function instanceEnv(options: ClusterOptions & { balancerUrl: string; redisPrefix: string }): NodeJS.ProcessEnv {
  return {
    ...process.env,
    // Production settings, with the sandbox taking the payments.
    NODE_ENV: "production",
    STRIPE_SANDBOX: "1",
    STRIPE_SECRET_KEY: "",
    STRIPE_WEBHOOK_SECRET: "",
    HOST: "127.0.0.1",
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: CLUSTER_REDIS_URL,
    REDIS_PREFIX: options.redisPrefix,
    SESSION_SECRET: options.sessionSecret,
    PUBLIC_URL: options.balancerUrl,
    // HAProxy runs on this machine: its X-Forwarded-For is believed (server/client-address.ts).
    TRUST_PROXY: "loopback",
    LOG_REQUESTS: "0",
    SEED_DEMO: "never",
    // Three servers, HAProxy and the test share two busy cores: their pauses are not a flood.
    SOCKET_SHED_DELAY_MS: "60000",
    ...options.env,
  };
}

/** One instance (`node --import tsx server/index.ts`, as `npm run serve` starts it) on `port`, once it serves. */
export async function startInstance(
  name: ClusterInstance["name"],
  port: number,
  env: NodeJS.ProcessEnv,
  output: ProcessOutput,
): Promise<ClusterInstance> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    cwd: root,
    env: { ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  output.capture(child, name);
  const instance: ClusterInstance = { name, url: `http://127.0.0.1:${port}`, pid: child.pid!, alive: true, child };
  child.once("exit", () => (instance.alive = false));
  try {
    await waitForLine(child, /Chalet is serving/, output.logs, name);
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  return instance;
}

/**
 * HAProxy running deploy/haproxy.cfg on `port`, its servers app1 to app3 at `servers`
 * ("127.0.0.1:<port>"), once it answers /healthz. Each of `down` (names of servers at addresses
 * where nothing listens) is awaited until HAProxy has taken it out, so no request tries it.
 */
export async function startBalancer(
  port: number,
  servers: [string, string, string],
  output: ProcessOutput,
  options: { label?: string; down?: ClusterInstance["name"][] } = {},
): Promise<ChildProcess> {
  const label = options.label ?? "haproxy";
  const haproxy = spawn(HAPROXY, ["-db", "-f", HAPROXY_CONFIG], {
    cwd: root,
    env: {
      ...process.env,
      CHALET_LISTEN: `127.0.0.1:${port}`,
      ...Object.fromEntries(servers.map((address, i) => [`CHALET_APP${i + 1}`, address])),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  output.capture(haproxy, label);
  try {
    await waitForHealthy(`http://127.0.0.1:${port}`, label, haproxy, output.logs);
    for (const name of options.down ?? []) {
      await waitForLine(haproxy, new RegExp(`\\[${label}\\] Server instances/${name} is DOWN`), output.logs, label);
    }
  } catch (error) {
    haproxy.kill("SIGKILL");
    throw error;
  }
  return haproxy;
}

/** SIGTERM, then SIGKILL after 8 s; resolves once every one has exited. */
export async function stopProcesses(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 8_000);
      await exited(child);
      clearTimeout(timer);
    }),
  );
}

/**
 * Starts the three instances and HAProxy; on any failure stops what it started and throws with
 * their output. Call stop() in afterAll: it ends every process, killed or not.
 */
export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  if (!haproxyAvailable()) {
    throw new Error("The cluster tests need HAProxy: apt-get install haproxy (.ci/run installs it when missing)");
  }
  const redisPrefix = `chalet-cluster-${randomUUID().slice(0, 8)}`;
  const [balancerPort, ...ports] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  const balancerUrl = `http://127.0.0.1:${balancerPort}`;
  const output = processOutput();
  const children: ChildProcess[] = [];
  const env = instanceEnv({ ...options, balancerUrl, redisPrefix });
  const stopAll = () => stopProcesses(children);
  // A test runner that dies must not leave servers behind holding ports and the lease.
  const onExit = () => children.forEach((child) => child.exitCode === null && child.kill("SIGKILL"));
  process.once("exit", onExit);

  try {
    const names = ["app1", "app2", "app3"] as const;
    // Every start settled before any failure is thrown: none is left running behind stopAll().
    const started = await Promise.allSettled(names.map((name, i) => startInstance(name, ports[i]!, env, output)));
    const instances = started.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
    children.push(...instances.map((instance) => instance.child));
    const failed = started.find((result) => result.status === "rejected");
    if (failed) throw failed.reason;
    const addresses = ports.map((port) => `127.0.0.1:${port}`) as [string, string, string];
    children.push(await startBalancer(balancerPort!, addresses, output));

    return {
      instances,
      balancerUrl,
      redisPrefix,
      byHolder: (holder) => instances.find((instance) => holder.split(":")[1] === String(instance.pid)),
      kill: async (instance) => {
        instance.child.kill("SIGKILL");
        await exited(instance.child);
      },
      logs: output.logs,
      stop: async () => {
        await stopAll();
        process.off("exit", onExit);
      },
    };
  } catch (error) {
    await stopAll();
    process.off("exit", onExit);
    throw error;
  }
}
