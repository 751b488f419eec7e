// For bench/stock-fanout.ts: what its two servers (the app, bench/stock-serve.ts, and the bare
// Socket.IO one, bench/bare-stock-server.ts) share. Each runs the stock changes itself at the
// asked rate, so a change's commit and each stock:updated's send are timed in the process that
// makes them, on the wall clock the load generator reads too (same machine). A small HTTP server
// on its own port takes `POST /run` with { marketId, products, rate, seconds } and answers, once the
// changes are made and the last coalescing window has ended, every commit and send it timed.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { StockUpdated } from "../app/realtime/events";

export type BenchProduct = { productId: string; stallId: string };
export type RunRequest = { marketId: string; products: BenchProduct[]; rate: number; seconds: number };
/** [productId, stockVersion, wall-clock ms]. */
export type Commit = [string, number, number];
export type RunReport = { commits: Commit[]; sends: { key: string; at: number }[]; failed: number };

/** Wall-clock milliseconds with sub-millisecond precision, comparable between processes. */
export const wallClock = () => performance.timeOrigin + performance.now();

/** The same event gets the same key in the server that sends it and in every client. */
export const eventKey = (event: StockUpdated) =>
  event.products
    .map((p) => `${p.productId}:${p.stockVersion}`)
    .sort()
    .join(",");

/** How long after the last change the report waits: the coalescing window and then some. */
const TAIL_MS = 1_000;

export function createStockControl(change: (product: BenchProduct, delta: number, marketId: string) => Promise<void>) {
  let report: RunReport = { commits: [], sends: [], failed: 0 };

  async function run({ marketId, products, rate, seconds }: RunRequest): Promise<RunReport> {
    report = { commits: [], sends: [], failed: 0 };
    const total = Math.round(rate * seconds);
    const start = performance.now() + 50;
    const pending: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const wait = start + (i * 1000) / rate - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      const product = products[i % products.length]!;
      // Down then up again: each product's stock stays where it started, far from 0 and the cap.
      const delta = Math.floor(i / products.length) % 2 ? 1 : -1;
      pending.push(change(product, delta, marketId).catch(() => void report.failed++));
    }
    await Promise.all(pending);
    await new Promise((resolve) => setTimeout(resolve, TAIL_MS));
    return report;
  }

  return {
    commit(productId: string, stockVersion: number, at: number) {
      report.commits.push([productId, stockVersion, at]);
    },
    sent(event: StockUpdated, at: number) {
      report.sends.push({ key: eventKey(event), at });
    },
    /** Listens on a port of its own; resolves to its URL. */
    listen(): Promise<string> {
      const server = createServer((req, res) => {
        if (req.method !== "POST" || req.url !== "/run") return void res.writeHead(404).end();
        let body = "";
        req.on("data", (chunk: Buffer) => (body += chunk.toString()));
        req.on("end", () => {
          run(JSON.parse(body) as RunRequest).then(
            (result) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(result)),
            (error: unknown) => res.writeHead(500).end(String(error)),
          );
        });
      });
      return new Promise((resolve) =>
        server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
      );
    },
  };
}
