import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Starts a script that prints `<MARKER>=<url>`, pinned to CPU 0 with taskset when the machine
 * has more than one core, so the load generator (this process) runs on the other one. `env` is
 * added to this process's environment; `cwd` is the checkout whose script runs (another build to
 * compare with, for instance).
 */
export async function startPinned(
  script: string,
  marker: string,
  env: Record<string, string> = {},
  cwd = root,
): Promise<{ url: string; child: ChildProcess }> {
  // node --import tsx (not the tsx CLI, which runs a second process) so BENCH_NODE_FLAGS reach the server.
  const flags = process.env.BENCH_NODE_FLAGS?.split(" ").filter(Boolean) ?? [];
  const node = [process.execPath, ...flags, "--import", "tsx", script];
  const pinned = availableParallelism() > 1;
  // The load generator (this process) on CPU 1, so it never competes with the server.
  if (pinned) execFileSync("taskset", ["-a", "-cp", "1", String(process.pid)], { stdio: "ignore" });
  const child = spawn(pinned ? "taskset" : node[0]!, pinned ? ["-c", "0", ...node] : node.slice(1), {
    cwd,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = new RegExp(`${marker}=(\\S+)`).exec(out);
      if (match) resolve(match[1]!);
    });
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code}: ${out}`)));
  });
  child.stdout!.resume();
  return { url, child };
}

export type LoadResult = {
  rps: number;
  /** Responses received. */
  requests: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
};

/** Closed-loop load (as fast as the server answers) or open-loop at a fixed rate. */
/** A phone's browser: pages count a view for it (app/models/visit.server.ts), as they would for a resident. */
export const BROWSER_AGENT =
  "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";

export async function load(
  url: string,
  options: { seconds: number; connections?: number; rate?: number },
): Promise<LoadResult> {
  const result = await autocannon({
    url,
    duration: options.seconds,
    connections: options.connections ?? 10,
    overallRate: options.rate,
    headers: { "accept-language": "fr-FR", "user-agent": BROWSER_AGENT },
  });
  return {
    rps: result.requests.average,
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/**
 * Open-loop load at a fixed rate with Poisson arrivals, the way visitors arrive: a request is
 * sent when its turn comes whether or not earlier ones have been answered, and its latency is
 * counted from that moment (no coordinated omission). autocannon's fixed rate sends in bursts,
 * one per connection at the same instant, which measures the bursts more than the server.
 */
export async function openLoop(url: string, options: { rate: number; seconds: number }): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  const end = start + options.seconds * 1000;
  let next = start;
  while (next < end) {
    const wait = next - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    // Late sends count from their turn (the visitor was already waiting); early ones from the send.
    const scheduled = Math.min(next, performance.now());
    inFlight.push(
      new Promise<void>((resolve) => {
        const req = request(
          url,
          { agent, headers: { "accept-language": "fr-FR", "user-agent": BROWSER_AGENT } },
          (res) => {
            if (res.statusCode! < 200 || res.statusCode! >= 300) non2xx++;
            res.resume();
            res.on("end", () => {
              latencies.push(performance.now() - scheduled);
              resolve();
            });
          },
        );
        req.on("error", () => {
          errors++;
          resolve();
        });
        req.end();
      }),
    );
    next += -Math.log(1 - Math.random()) * (1000 / options.rate);
  }
  await Promise.all(inFlight);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]! * 10) / 10;
  return {
    rps: latencies.length / options.seconds,
    requests: latencies.length,
    p50: at(0.5),
    p99: at(0.99),
    errors,
    non2xx,
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(cells[0]!), `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`, ...cells.slice(1).map(line)].join(
    "\n",
  );
}

/**
 * CPU time of all a process's threads (ms), from the kernel's accounting: deaf to noisy
 * neighbours, so CPU per request compares two routes even when the machine is shared.
 */
export function processCpuMs(pid: number | undefined): number {
  let ns = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, "utf8").split(" ")[0]);
    } catch {
      // a thread that ended between the listing and the read
    }
  }
  return ns / 1e6;
}
