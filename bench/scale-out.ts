// Scale-out (issue 11): the stall page's throughput through HAProxy with two instances against
// one, in the same run, on one PostgreSQL database and one Redis. The instances and the balancers
// are the cluster test's (tests/cluster/cluster.ts): `node --import tsx server/index.ts` with the
// production environment an operator gives them, and HAProxy running deploy/haproxy.cfg itself.
//
// Two instances, app1 and app2, stay up for the whole run, and two HAProxy processes with that
// file: "one" sends everything to app1, "two" balances app1 and app2 (round robin per request:
// autocannon keeps no cookie, so stickiness plays no part). The config names three servers; the
// slots a setup does not use point at a port where nothing listens, and the run starts once
// HAProxy has taken them out. "direct" loads app1 without a balancer: what HAProxy costs.
// Each round runs the three setups in a rotating order, closed-loop like bench/stall-page.ts
// (autocannon, BENCH_SECONDS, SCALE_CONNECTIONS connections, as fast as answers come).
//
// Nothing is pinned: on a 2-core machine the instances, HAProxy, this load generator, PostgreSQL
// and Redis share both cores, as on a small host. Each one's CPU over the round (percent of one
// core, from the kernel's accounting) is printed, and "rest" is what the rest of the machine used
// (PostgreSQL, Redis, other processes): the cores' total busy time from /proc/stat, minus these.
import type { ChildProcess } from "node:child_process";
import { execFileSync, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { createTestDatabase, dropTestDatabase } from "../tests/setup/database";
import { freePort } from "../tests/setup/ports";
import {
  haproxyAvailable,
  instanceEnv,
  processOutput,
  startBalancer,
  startInstance,
  stopProcesses,
} from "../tests/cluster/cluster";
import { cpuMs } from "./chat";
import { load, median, root, table, type LoadResult } from "./lib";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.SCALE_CONNECTIONS ?? 10);
const STALL = "/m/marche-de-noel-rueil/miellerie-du-mont-valerien";
const SETUPS = ["direct", "one", "two"] as const;
type Setup = (typeof SETUPS)[number];

/** Percent of one core each process used over a round. */
type Cpu = { app1: number; app2: number; haproxy: number; generator: number; rest: number; total: number };
/** CPU time per request (ms) of the instances together and of HAProxy: what a core buys, whatever the neighbours. */
type Round = {
  round: number;
  setup: Setup;
  result: LoadResult;
  cpu: Cpu;
  perRequest: { apps: number; haproxy: number };
  load: number;
};

/** Busy time of all the machine's cores (ms), from /proc/stat's first line. */
function machineBusyMs(): number {
  const [, ...fields] = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal] = fields.map(Number) as number[];
  const ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }));
  return ((user! + nice! + system! + irq! + softirq! + steal!) * 1000) / ticksPerSecond;
}

/** The demo market, seeded as `npm run setup` seeds it. */
function seed(env: NodeJS.ProcessEnv): Promise<void> {
  const child = spawn(process.execPath, ["--import", "tsx", "prisma/setup.ts"], {
    cwd: root,
    env: { ...env, SEED_DEMO: "auto" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve, reject) =>
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`prisma/setup.ts exited ${code}: ${out}`)),
    ),
  );
}

export async function benchScaleOut(): Promise<string> {
  if (!haproxyAvailable()) throw new Error("bench/scale-out.ts needs HAProxy: apt-get install haproxy");
  // Another bench of `npm run bench` may have pinned this process to one core (startPinned), and
  // children inherit it: this one spreads over all of them.
  const cores = availableParallelism();
  if (cores > 1) execFileSync("taskset", ["-a", "-cp", `0-${cores - 1}`, String(process.pid)], { stdio: "ignore" });

  const databaseUrl = await createTestDatabase("bench-scale-out");
  const [onePort, twoPort, app1Port, app2Port, nobodyPort] = await Promise.all(
    Array.from({ length: 5 }, () => freePort()),
  );
  const env = instanceEnv({
    databaseUrl,
    sessionSecret: "bench-secret-not-for-production",
    balancerUrl: `http://127.0.0.1:${twoPort}`,
    redisPrefix: `chalet-bench-scale-${randomUUID().slice(0, 8)}`,
  });
  const output = processOutput();
  const children: ChildProcess[] = [];
  try {
    await seed(env);
    const [app1, app2] = await Promise.all([
      startInstance("app1", app1Port!, env, output),
      startInstance("app2", app2Port!, env, output),
    ]);
    children.push(app1.child, app2.child);
    const at = (port: number) => `127.0.0.1:${port}`;
    const one = await startBalancer(onePort!, [at(app1Port!), at(nobodyPort!), at(nobodyPort!)], output, {
      label: "haproxy-one",
      down: ["app2", "app3"],
    });
    children.push(one);
    const two = await startBalancer(twoPort!, [at(app1Port!), at(app2Port!), at(nobodyPort!)], output, {
      label: "haproxy-two",
      down: ["app3"],
    });
    children.push(two);
    const setups: Record<Setup, { url: string; haproxy: ChildProcess | null }> = {
      direct: { url: app1.url, haproxy: null },
      one: { url: `http://127.0.0.1:${onePort}`, haproxy: one },
      two: { url: `http://127.0.0.1:${twoPort}`, haproxy: two },
    };
    for (const setup of SETUPS) {
      const check = await fetch(setups[setup].url + STALL);
      if (check.status !== 200) throw new Error(`${setup}: ${STALL} answered ${check.status}`);
    }
    // Warm-up: JIT, the stall page's read cache and the pools of both instances.
    await load(app1.url + STALL, { seconds: 3 });
    await load(app2.url + STALL, { seconds: 3 });

    const rounds: Round[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const order = SETUPS.map((_, i) => SETUPS[(i + round - 1) % SETUPS.length]!);
      for (const setup of order) {
        const { url, haproxy } = setups[setup];
        const processes = { app1: app1.child.pid, app2: app2.child.pid, haproxy: haproxy?.pid, generator: process.pid };
        const cpuOf = () => Object.fromEntries(Object.entries(processes).map(([k, pid]) => [k, pid ? cpuMs(pid) : 0]));
        const before = cpuOf();
        const busyBefore = machineBusyMs();
        const started = performance.now();
        const result = await load(url + STALL, { seconds: SECONDS, connections: CONNECTIONS });
        const elapsed = performance.now() - started;
        const after = cpuOf();
        const percent = (ms: number) => Math.round((ms / elapsed) * 100);
        const used = Object.fromEntries(Object.keys(processes).map((k) => [k, after[k]! - before[k]!]));
        const total = machineBusyMs() - busyBefore;
        const own = Object.values(used).reduce((a, b) => a + b, 0);
        const requests = Math.max(1, result.rps * SECONDS);
        rounds.push({
          round,
          setup,
          result,
          load: loadavg()[0]!,
          perRequest: { apps: (used.app1! + used.app2!) / requests, haproxy: used.haproxy! / requests },
          cpu: {
            app1: percent(used.app1!),
            app2: percent(used.app2!),
            haproxy: percent(used.haproxy!),
            generator: percent(used.generator!),
            rest: percent(Math.max(0, total - own)),
            total: percent(total),
          },
        });
      }
    }
    return report(rounds);
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${output.logs()}`);
  } finally {
    await stopProcesses(children);
    await dropTestDatabase(databaseUrl);
  }
}

function report(rounds: Round[]): string {
  const cpuCells = (c: Cpu) => [c.app1, c.app2, c.haproxy, c.generator, c.rest, c.total].map((x) => `${x}%`);
  const perRequestCells = (p: Round["perRequest"]) => [p.apps.toFixed(2), p.haproxy.toFixed(2)];
  const perRound = rounds.map(({ round, setup, result, cpu, perRequest, load }) => [
    round,
    setup,
    load.toFixed(1),
    Math.round(result.rps),
    result.p50,
    result.p99,
    result.errors + result.non2xx,
    ...cpuCells(cpu),
    ...perRequestCells(perRequest),
  ]);
  const of = (setup: Setup) => rounds.filter((r) => r.setup === setup);
  const rps = (setup: Setup) => median(of(setup).map((r) => r.result.rps));
  const medCpu = (setup: Setup): Cpu => {
    const pick = (k: keyof Cpu) => Math.round(median(of(setup).map((r) => r.cpu[k])));
    return {
      app1: pick("app1"),
      app2: pick("app2"),
      haproxy: pick("haproxy"),
      generator: pick("generator"),
      rest: pick("rest"),
      total: pick("total"),
    };
  };
  const summary = SETUPS.map((setup) => [
    setup,
    Math.round(rps(setup)),
    median(of(setup).map((r) => r.result.p50)),
    median(of(setup).map((r) => r.result.p99)),
    of(setup).reduce((n, r) => n + r.result.errors + r.result.non2xx, 0),
    ...cpuCells(medCpu(setup)),
    ...perRequestCells({
      apps: median(of(setup).map((r) => r.perRequest.apps)),
      haproxy: median(of(setup).map((r) => r.perRequest.haproxy)),
    }),
  ]);
  const cpuHeaders = [
    "app1 CPU",
    "app2 CPU",
    "HAProxy CPU",
    "generator CPU",
    "rest CPU",
    "machine CPU",
    "apps ms/req",
    "HAProxy ms/req",
  ];
  return [
    `Scale-out: ${STALL} through HAProxy (deploy/haproxy.cfg), ${availableParallelism()} cores, nothing pinned, ` +
      `closed loop with ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s, setups in rotating order; ` +
      `CPU in percent of one core over the round`,
    table(["round", "setup", "load avg", "req/s", "p50 ms", "p99 ms", "errors", ...cpuHeaders], perRound),
    "",
    "Medians",
    table(["setup", "req/s", "p50 ms", "p99 ms", "errors", ...cpuHeaders], summary),
    `two instances / one, through HAProxy: ${(rps("two") / rps("one")).toFixed(2)}; ` +
      `one instance through HAProxy / direct: ${(rps("one") / rps("direct")).toFixed(2)}`,
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchScaleOut());
}
