// For bench/chat.ts: a server started by the bench prints "BENCH_MEMORY=<json>" on SIGUSR2,
// measured after a full garbage collection so the figure is what stays alive (the sockets), not
// what the next collection would reclaim. Only bench entry points install it.
import { readFileSync } from "node:fs";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

export type MemoryReport = { rssKb: number; heapUsedKb: number; externalKb: number };

export function reportMemoryOnSignal(): void {
  // Enables global.gc without a command-line flag: a fresh context picks the flag up.
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  process.on("SIGUSR2", () => {
    gc();
    const usage = process.memoryUsage();
    // VmRSS, not usage.rss: the same figure the scheduler bench reads from outside.
    const vmRss = /VmRSS:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
    const report: MemoryReport = {
      rssKb: vmRss ? Number(vmRss[1]) : Math.round(usage.rss / 1024),
      heapUsedKb: Math.round(usage.heapUsed / 1024),
      externalKb: Math.round(usage.external / 1024), // buffers included
    };
    console.log(`BENCH_MEMORY=${JSON.stringify(report)}`);
  });
}
