import { spawn, type ChildProcess } from "node:child_process";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Starts a script that prints `<MARKER>=<url>`, pinned to CPU 0 with taskset when the machine
 * has more than one core, so the load generator (this process) runs on the other one.
 */
export async function startPinned(script: string, marker: string): Promise<{ url: string; child: ChildProcess }> {
  const node = [process.execPath, path.join(root, "node_modules/tsx/dist/cli.mjs"), script];
  const pinned = availableParallelism() > 1;
  const child = spawn(pinned ? "taskset" : node[0]!, pinned ? ["-c", "0", ...node] : node.slice(1), {
    cwd: root,
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

export type LoadResult = { rps: number; p50: number; p99: number; errors: number; non2xx: number };

/** Closed-loop load (as fast as the server answers) or open-loop at a fixed rate. */
export async function load(
  url: string,
  options: { seconds: number; connections?: number; rate?: number },
): Promise<LoadResult> {
  const result = await autocannon({
    url,
    duration: options.seconds,
    connections: options.connections ?? 10,
    overallRate: options.rate,
    headers: { "accept-language": "fr-FR" },
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
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
