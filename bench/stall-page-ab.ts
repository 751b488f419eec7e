// The stall page and the bare route of two checkouts in one run, for a before/after on a machine
// others load too: both servers pinned to the same core and loaded one at a time, closed-loop
// rounds interleaved (before stall, before bare, after stall, after bare), medians; with each
// server's CPU per request (the kernel's accounting of its threads), steadier than req/s when the
// machine is shared.
// Usage: tsx bench/stall-page-ab.ts <other checkout, built, with node_modules>
// A clean copy of main: git archive main | tar -x -C /tmp/main, link node_modules, npm run build.
import { load, median, processCpuMs, startPinned, table } from "./lib";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ROUTES = { stall: "/m/marche-de-noel-rueil/miellerie-du-mont-valerien", bare: "/bench/bare" };

export async function benchStallPageAB(before: string): Promise<string> {
  const servers = {
    [`before (${before})`]: await startPinned("bench/serve.ts", "BENCH_URL", {}, before),
    "after (this checkout)": await startPinned("bench/serve.ts", "BENCH_URL"),
  };
  try {
    for (const { url } of Object.values(servers)) {
      await load(url + ROUTES.stall, { seconds: 3 }); // warm-up
      await load(url + ROUTES.bare, { seconds: 2 });
    }
    const rps: Record<string, number[]> = {};
    const cpu: Record<string, number[]> = {};
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, { url, child }] of Object.entries(servers)) {
        for (const [route, path] of Object.entries(ROUTES)) {
          const cpuBefore = processCpuMs(child.pid);
          const result = await load(url + path, { seconds: SECONDS });
          (cpu[`${name} ${route}`] ??= []).push((processCpuMs(child.pid) - cpuBefore) / result.requests);
          (rps[`${name} ${route}`] ??= []).push(result.rps);
        }
      }
    }
    const rows = Object.keys(servers).map((name) => {
      const [stall, bare] = [median(rps[`${name} stall`]!), median(rps[`${name} bare`]!)];
      const [stallCpu, bareCpu] = [median(cpu[`${name} stall`]!), median(cpu[`${name} bare`]!)];
      return [
        name,
        Math.round(stall),
        Math.round(bare),
        (stall / bare).toFixed(2),
        stallCpu.toFixed(2),
        bareCpu.toFixed(2),
        (bareCpu / stallCpu).toFixed(2),
      ];
    });
    return [
      `Stall page and bare route, two checkouts, ${ROUNDS} interleaved rounds of ${SECONDS}s, medians`,
      table(
        [
          "code",
          "stall req/s",
          "bare req/s",
          "stall / bare",
          "stall CPU ms/req",
          "bare CPU ms/req",
          "bare / stall CPU",
        ],
        rows,
      ),
    ].join("\n");
  } finally {
    for (const { child } of Object.values(servers)) child.kill("SIGTERM");
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!process.argv[2]) throw new Error("usage: tsx bench/stall-page-ab.ts <other checkout>");
  console.log(await benchStallPageAB(process.argv[2]));
}
