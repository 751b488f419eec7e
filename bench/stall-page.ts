// Stall page server-side rendering: throughput (closed loop, autocannon) and latency at 250 req/s
// (open loop, Poisson arrivals), next to a bare Remix route rendered by the same server in the same run. Rounds are
// interleaved so a noisy neighbour hits both alike; medians of the rounds are reported. The
// server's CPU per request in the closed-loop rounds (the kernel's accounting of its threads) is
// reported too: on a shared machine it moves far less than req/s, and on a core of its own the
// throughput ratio is the inverse of the CPU ratio.
// BENCH_OPEN_LOOP=0 leaves out the rounds at 250 req/s (a quicker comparison of CPU and throughput).
import { load, median, openLoop, processCpuMs, startPinned, table, type LoadResult } from "./lib";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const OPEN_LOOP = process.env.BENCH_OPEN_LOOP !== "0";
const STALL = "/m/marche-de-noel-rueil/miellerie-du-mont-valerien";
const BARE = "/bench/bare";

export async function benchStallPage(): Promise<string> {
  const { url, child } = await startPinned("bench/serve.ts", "BENCH_URL");
  try {
    for (const path of [STALL, BARE]) {
      const check = await fetch(url + path);
      if (check.status !== 200) throw new Error(`${path} answered ${check.status}`);
    }
    await load(url + STALL, { seconds: 3 }); // warm-up: JIT and the page memos
    await load(url + BARE, { seconds: 2 });

    const runs: Record<string, { max: LoadResult[]; fixed: LoadResult[]; cpu: number[] }> = {
      stall: { max: [], fixed: [], cpu: [] },
      bare: { max: [], fixed: [], cpu: [] },
    };
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, path] of [
        ["stall", STALL],
        ["bare", BARE],
      ] as const) {
        const cpuBefore = processCpuMs(child.pid);
        const max = await load(url + path, { seconds: SECONDS, connections: 10 });
        runs[name]!.max.push(max);
        runs[name]!.cpu.push((processCpuMs(child.pid) - cpuBefore) / max.requests);
        if (OPEN_LOOP) runs[name]!.fixed.push(await openLoop(url + path, { seconds: SECONDS, rate: 250 }));
      }
    }
    const row = (name: string) => {
      const r = runs[name]!;
      const failures = [...r.max, ...r.fixed].reduce((n, x) => n + x.errors + x.non2xx, 0);
      return [
        name === "stall" ? `stall page ${STALL}` : `bare route ${BARE}`,
        Math.round(median(r.max.map((x) => x.rps))),
        median(r.max.map((x) => x.p50)),
        median(r.max.map((x) => x.p99)),
        median(r.cpu).toFixed(2),
        OPEN_LOOP ? median(r.fixed.map((x) => x.p50)) : "-",
        OPEN_LOOP ? median(r.fixed.map((x) => x.p99)) : "-",
        failures,
      ];
    };
    const stallRps = median(runs.stall!.max.map((x) => x.rps));
    const bareRps = median(runs.bare!.max.map((x) => x.rps));
    return [
      `Stall page SSR, server pinned to one core, ${ROUNDS} interleaved rounds of ${SECONDS}s, medians`,
      table(
        ["route", "max req/s", "p50 ms", "p99 ms", "CPU ms/req", "p50 ms @250/s", "p99 ms @250/s", "errors"],
        [row("stall"), row("bare")],
      ),
      `stall / bare throughput: ${(stallRps / bareRps).toFixed(2)} (per round: ${runs
        .stall!.max.map((x, i) => (x.rps / runs.bare!.max[i]!.rps).toFixed(2))
        .join(", ")}); bare / stall CPU per request: ${(median(runs.bare!.cpu) / median(runs.stall!.cpu)).toFixed(2)}`,
    ].join("\n");
  } finally {
    child.kill("SIGTERM");
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchStallPage());
}
