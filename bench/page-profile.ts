// Where a page's CPU goes: the production server (bench/serve.ts, pinned to CPU 0) under
// `node --cpu-prof`, loaded with one route at a time (closed loop, 10 connections), then its
// profile's self time per request grouped by where the code lives (a package, the app's build,
// node's own code, garbage collection), counting only the samples taken during the load. The
// sampler's intervals are wall time: on a machine others load, the figures include time the
// server waited for the core, so compare routes measured in the same run. Run after `npm run build`; one profile per route, so the
// stall page and the bare route can be compared side by side.
// Usage: tsx bench/page-profile.ts [seconds] [path…]   (default: 10 s, the stall page and the bare route)
// PROFILE_DETAIL=1: also the functions with the most self and inclusive time.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { load, startPinned, table } from "./lib";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; startTime: number; samples: number[]; timeDeltas: number[] };

const STALL = "/m/marche-de-noel-rueil/miellerie-du-mont-valerien";
const BARE = "/bench/bare";

/** The group a frame's self time counts in: a package, the app's build, node, GC, idle. */
function groupOf({ functionName, url }: Node["callFrame"]): string {
  if (functionName === "(garbage collector)") return "garbage collection";
  if (functionName === "(idle)" || functionName === "(program)") return functionName;
  if (!url) return "native (V8 builtins, no script)";
  if (url.startsWith("node:")) return "node core";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.includes("/build/")) return "app (build/index.js)";
  return url.replace(/^file:\/\//, "");
}

/** Microseconds on the monotonic clock, the one V8 stamps its samples with (both CLOCK_MONOTONIC). */
const nowUs = () => Number(process.hrtime.bigint() / 1000n);

/**
 * Self time per group and per function, and inclusive time per function, of the samples taken
 * between `from` and `to` (the load, not start-up). Samples are counted, not their wall-clock
 * intervals: a thread kept off the core by a neighbour is sampled once when it comes back, so a
 * sample's share is a share of the thread's CPU time. `cpuUs` (the main thread's CPU over the
 * window, from the kernel) turns the shares into microseconds.
 */
function summarise(profile: Profile, window: { from: number; to: number }, cpuUs: number, requests: number) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const counts = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at >= window.from && at <= window.to) counts.set(id, (counts.get(id) ?? 0) + 1);
  });
  const label = (frame: Node["callFrame"]) =>
    `${frame.functionName || "(anonymous)"} ${groupOf(frame)} :${frame.lineNumber + 1}`;
  const groups = new Map<string, number>();
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let busy = 0;
  for (const [id, n] of counts) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === "(idle)") continue;
    busy += n;
    const group = groupOf(frame);
    groups.set(group, (groups.get(group) ?? 0) + n);
    self.set(label(frame), (self.get(label(frame)) ?? 0) + n);
    const seen = new Set<string>(); // a recursive function counts once per sample
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at))
      seen.add(label(byId.get(at)!.callFrame));
    for (const name of seen) inclusive.set(name, (inclusive.get(name) ?? 0) + n);
  }
  const usPerSample = cpuUs / Math.max(busy, 1);
  const rows = (map: Map<string, number>, count: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, n]) => [name, ((n * usPerSample) / requests).toFixed(1), ((100 * n) / busy).toFixed(1)]);
  return { busy, groups: rows(groups, 25), self: rows(self, 40), inclusive: rows(inclusive, 80) };
}

/** The main thread's CPU time (µs), from the kernel's accounting. */
const mainThreadCpuUs = (pid: number) =>
  Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, "utf8").split(" ")[0]) / 1000;

export async function profilePages(seconds: number, paths: string[]): Promise<string> {
  const out: string[] = [];
  // PROFILE_DETAIL=1: the functions too (self and inclusive time), not only the groups.
  const detail = process.env.PROFILE_DETAIL === "1";
  for (const route of paths) {
    const dir = mkdtempSync(path.join(tmpdir(), "chalet-profile-"));
    const previous = process.env.BENCH_NODE_FLAGS;
    process.env.BENCH_NODE_FLAGS = `${previous ?? ""} --cpu-prof --cpu-prof-dir=${dir}`;
    const { url, child } = await startPinned("bench/serve.ts", "BENCH_URL");
    if (previous === undefined) delete process.env.BENCH_NODE_FLAGS;
    else process.env.BENCH_NODE_FLAGS = previous;
    let requests = 0;
    let cpuUs = 0;
    const window = { from: 0, to: 0 };
    try {
      await load(url + route, { seconds: 3 }); // warm-up: JIT, memos
      // Only the samples of this load count (start-up and warm-up are left out).
      const cpuBefore = mainThreadCpuUs(child.pid!);
      window.from = nowUs();
      const result = await load(url + route, { seconds });
      window.to = nowUs();
      cpuUs = mainThreadCpuUs(child.pid!) - cpuBefore;
      requests = result.requests;
    } finally {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    const file = readdirSync(dir).find((name) => name.endsWith(".cpuprofile"));
    if (!file) throw new Error(`no profile written in ${dir}`);
    const profile = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as Profile;
    const summary = summarise(profile, window, cpuUs, requests);
    out.push(
      `${route}: ${requests} requests in ${seconds} s, main thread ${(cpuUs / requests / 1000).toFixed(2)} ms of CPU per request, ${summary.busy} samples (profile: ${path.join(dir, file)})`,
      table(["where (self time)", "µs per request", "%"], summary.groups),
    );
    if (detail) {
      out.push(table(["function (self time)", "µs per request", "%"], summary.self));
      out.push(table(["function (inclusive time)", "µs per request", "%"], summary.inclusive));
    }
    out.push("");
  }
  return out.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [seconds, ...paths] = process.argv.slice(2);
  console.log(await profilePages(Number(seconds ?? 10), paths.length ? paths : [STALL, BARE]));
}
