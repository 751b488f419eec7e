// The stall page and the bare route of two checkouts in one run, for a before/after on a machine
// others load too: both servers pinned to the same core and loaded one at a time, closed-loop
// rounds interleaved (before stall, before bare, after stall, after bare), medians; with each
// server's CPU per request (the kernel's accounting of its threads), steadier than req/s when the
// machine is shared. Run twice, each checkout's server started and loaded first once, and averaged:
// the slot alone moved the ratio by 0.1.
// Usage: tsx bench/stall-page-ab.ts <other checkout, built, with node_modules>
// A clean copy of main: git archive main | tar -x -C /tmp/main, link node_modules, npm run build.
import { load, median, processCpuMs, root, startPinned, table } from "./lib";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ROUTES = { stall: "/m/marche-de-noel-rueil/miellerie-du-mont-valerien", bare: "/bench/bare" };

type Figures = { stall: number; bare: number; stallCpu: number; bareCpu: number };

/**
 * One pass: both servers started in the given order, warmed up, then loaded in that order each
 * round. Medians per server.
 */
async function pass(checkouts: [string, string][], rounds: number): Promise<Map<string, Figures>> {
  const servers: [string, Awaited<ReturnType<typeof startPinned>>][] = [];
  try {
    for (const [name, cwd] of checkouts)
      servers.push([name, await startPinned("bench/serve.ts", "BENCH_URL", {}, cwd)]);
    for (const [, { url }] of servers) {
      await load(url + ROUTES.stall, { seconds: 3 }); // warm-up
      await load(url + ROUTES.bare, { seconds: 2 });
    }
    const rps: Record<string, number[]> = {};
    const cpu: Record<string, number[]> = {};
    for (let round = 0; round < rounds; round++) {
      for (const [name, { url, child }] of servers) {
        for (const [route, path] of Object.entries(ROUTES)) {
          const cpuBefore = processCpuMs(child.pid);
          const result = await load(url + path, { seconds: SECONDS });
          (cpu[`${name} ${route}`] ??= []).push((processCpuMs(child.pid) - cpuBefore) / result.requests);
          (rps[`${name} ${route}`] ??= []).push(result.rps);
        }
      }
    }
    return new Map(
      servers.map(([name]) => [
        name,
        {
          stall: median(rps[`${name} stall`]!),
          bare: median(rps[`${name} bare`]!),
          stallCpu: median(cpu[`${name} stall`]!),
          bareCpu: median(cpu[`${name} bare`]!),
        },
      ]),
    );
  } finally {
    for (const [, { child }] of servers) child.kill("SIGTERM");
  }
}

/**
 * Two passes, each server first in one of them: whichever server runs second came out faster
 * whatever its code (docs/benchmarks.md, issue 12's fifth pass), so only the average of the two
 * orders compares the code. ROUNDS is split between the passes.
 */
export async function benchStallPageAB(before: string): Promise<string> {
  const checkouts: [string, string][] = [
    [`before (${before})`, before],
    ["after (this checkout)", root],
  ];
  const rounds = Math.max(1, Math.ceil(ROUNDS / 2));
  const passes = [await pass(checkouts, rounds), await pass([checkouts[1]!, checkouts[0]!], rounds)];
  const row = (label: string, slot: string, f: Figures) => [
    label,
    slot,
    Math.round(f.stall),
    Math.round(f.bare),
    (f.stall / f.bare).toFixed(2),
    f.stallCpu.toFixed(2),
    f.bareCpu.toFixed(2),
    (f.bareCpu / f.stallCpu).toFixed(2),
  ];
  const rows: (string | number)[][] = [];
  passes.forEach((figures, i) =>
    [...figures].forEach(([name, f], slot) => rows.push(row(name, `pass ${i + 1}, ${slot ? "second" : "first"}`, f))),
  );
  for (const [name] of checkouts) {
    const both = passes.map((figures) => figures.get(name)!);
    const mean = (pick: (f: Figures) => number) => both.reduce((sum, f) => sum + pick(f), 0) / both.length;
    // The ratios averaged over the two orders (each order's ratio, then their mean).
    rows.push([
      name,
      "average of both orders",
      Math.round(mean((f) => f.stall)),
      Math.round(mean((f) => f.bare)),
      mean((f) => f.stall / f.bare).toFixed(2),
      mean((f) => f.stallCpu).toFixed(2),
      mean((f) => f.bareCpu).toFixed(2),
      mean((f) => f.bareCpu / f.stallCpu).toFixed(2),
    ]);
  }
  return [
    `Stall page and bare route, two checkouts, two passes (each server first once), ${rounds} interleaved rounds of ${SECONDS}s per pass, medians`,
    table(
      [
        "code",
        "slot",
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
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!process.argv[2]) throw new Error("usage: tsx bench/stall-page-ab.ts <other checkout>");
  console.log(await benchStallPageAB(process.argv[2]));
}
