// Live stock fan-out (issue 5): READERS sockets in one market's room while RATE stock changes a
// second are made for SECONDS, round-robin over PRODUCTS products of STALLS stalls, through the
// real app (bench/stock-serve.ts: changeStock, its commit, the stock registry, the broadcaster's
// coalescing per market over STOCK_COALESCE_MS, Socket.IO), next to a bare Socket.IO server
// doing the same emits with the same coalescing (bench/bare-stock-server.ts), in the same run.
//
// Each server makes the changes itself and times them (commit, and the send of each
// stock:updated) on the wall clock this process reads too. Per socket and per change, the
// delivery latency is from the change's commit to the first stock:updated that carried it or a
// newer version of its product (coalescing folds the changes of a window into one event): it
// includes the wait for the window to end, by design up to STOCK_COALESCE_MS. The fan-out is
// from each send to each socket's receipt. Lost: a socket that never saw a product's final
// version after GRACE_MS.
import { loadavg } from "node:os";
import { PrismaPg } from "@prisma/adapter-pg";
import { io as connect, type Socket } from "socket.io-client";
import { PrismaClient } from "../app/generated/prisma/client";
import { STOCK_COALESCE_MS, type ClientToServerEvents, type ServerToClientEvents } from "../app/realtime/events";
import { createTestDatabase, dropTestDatabase } from "../tests/setup/database";
import { clientMeter, cpuMs, ms, q, settle, sleep, type ClientLoad } from "./chat";
import { median, startPinned, table } from "./lib";
import { eventKey, wallClock, type BenchProduct, type RunReport, type RunRequest } from "./stock-control";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const READERS = Number(process.env.STOCK_READERS ?? 1_000);
const RATE = Number(process.env.STOCK_RATE ?? 20);
const SECONDS = Number(process.env.STOCK_SECONDS ?? 20);
const STALLS = 5;
const PRODUCTS = 10;
const GRACE_MS = 5_000;
const CONNECT_BATCH = 50;
const ACK_TIMEOUT_MS = 10_000;

type Kind = "app" | "bare";
type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Server = Awaited<ReturnType<typeof startPinned>> & { control: string };

type RoundResult = {
  kind: Kind;
  round: string;
  /** The machine's 1-minute load average when the round ended. */
  load: number;
  commits: number;
  failed: number;
  sends: number;
  deliveries: number;
  /** Commit to the first receipt of that version or a newer one, per socket and change (ms). */
  latencies: Float64Array;
  /** Send to receipt, per socket and event (ms). */
  fanOut: Float64Array;
  lost: number;
  serverCpuPerChange: number;
  client: ClientLoad;
};

async function prepareScene() {
  const databaseUrl = await createTestDatabase("bench-stock");
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  const town = await db.town.create({ data: { slug: "bench-town", name: "Bench town" } });
  const market = await db.market.create({
    data: { townId: town.id, slug: "bench-market", name: "Bench market", status: "PUBLISHED" },
  });
  const now = Date.now();
  await db.marketSession.create({
    data: { marketId: market.id, startsAt: new Date(now - 3_600_000), endsAt: new Date(now + 86_400_000) },
  });
  const products: BenchProduct[] = [];
  for (let s = 0; s < STALLS; s++) {
    const owner = await db.user.create({
      data: { email: `merchant-${s}@bench.test`, name: `Merchant ${s}`, passwordHash: "bench-no-login" },
    });
    const stall = await db.stall.create({
      data: {
        marketId: market.id,
        ownerId: owner.id,
        slug: `stall-${s}`,
        name: `Stall ${s}`,
        category: "miellerie",
        status: "APPROVED",
      },
    });
    for (let p = 0; p < PRODUCTS / STALLS; p++) {
      const product = await db.product.create({
        data: { stallId: stall.id, name: `Product ${s}-${p}`, priceCents: 500, stock: 50_000 },
      });
      products.push({ productId: product.id, stallId: stall.id });
    }
  }
  await db.$disconnect();
  return { databaseUrl, marketId: market.id, products };
}

async function open(url: string, marketId: string): Promise<ClientSocket> {
  const socket: ClientSocket = connect(url, { transports: ["websocket"], forceNew: true, reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  const answer = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck("market:join", { marketId });
  if (!answer.ok) throw new Error(`market:join refused: ${answer.error.code} ${answer.error.message}`);
  return socket;
}

async function runRound(
  kind: Kind,
  server: Server,
  scene: { marketId: string; products: BenchProduct[] },
  round: string,
): Promise<RoundResult> {
  const sockets: ClientSocket[] = [];
  for (let i = 0; i < READERS; i += CONNECT_BATCH) {
    const batch = Array.from({ length: Math.min(CONNECT_BATCH, READERS - i) }, () => open(server.url, scene.marketId));
    sockets.push(...(await Promise.all(batch)));
  }
  const index = new Map(scene.products.map((p, i) => [p.productId, i]));
  // Events are the same for every socket: interned once, each socket keeps (event, receipt time).
  const events: { key: string; products: [number, number][] }[] = [];
  const eventIndex = new Map<string, number>();
  const received = sockets.map(() => ({ events: [] as number[], at: [] as number[] }));
  const newest = sockets.map(() => new Float64Array(scene.products.length).fill(-1));
  sockets.forEach((socket, s) =>
    socket.on("stock:updated", (event) => {
      const at = wallClock();
      const key = eventKey(event);
      let e = eventIndex.get(key);
      if (e === undefined) {
        e = events.length;
        eventIndex.set(key, e);
        events.push({ key, products: event.products.map((p) => [index.get(p.productId) ?? -1, p.stockVersion]) });
      }
      received[s]!.events.push(e);
      received[s]!.at.push(at);
      for (const [p, version] of events[e]!.products) if (p >= 0 && version > newest[s]![p]!) newest[s]![p] = version;
    }),
  );

  await sleep(1_000);
  await settle(server);
  const meter = clientMeter();
  const cpuFrom = cpuMs(server.child.pid);
  const request: RunRequest = { marketId: scene.marketId, products: scene.products, rate: RATE, seconds: SECONDS };
  const response = await fetch(`${server.control}/run`, { method: "POST", body: JSON.stringify(request) });
  if (!response.ok) throw new Error(`${kind} run failed: ${response.status} ${await response.text()}`);
  const report = (await response.json()) as RunReport;

  // Per product: the versions of this run and when each was committed.
  const committedAt = scene.products.map(() => new Map<number, number>());
  for (const [productId, version, at] of report.commits) committedAt[index.get(productId)!]!.set(version, at);
  const first = committedAt.map((m) => Math.min(...m.keys()));
  const final = committedAt.map((m) => Math.max(...m.keys()));
  const deadline = performance.now() + GRACE_MS;
  const complete = () => newest.every((n) => final.every((v, p) => n[p]! >= v));
  while (!complete() && performance.now() < deadline) await sleep(50);
  const client = meter();
  await settle(server);
  const serverCpu = cpuMs(server.child.pid) - cpuFrom;
  for (const socket of sockets) socket.disconnect();

  const sentAt = new Map(report.sends.map((s) => [s.key, s.at]));
  const latencies: number[] = [];
  const fanOut: number[] = [];
  let lost = 0;
  let deliveries = 0;
  for (const { events: mine, at } of received) {
    const seen = first.map((v) => v - 1);
    mine.forEach((e, i) => {
      const event = events[e]!;
      const sent = sentAt.get(event.key);
      if (sent === undefined) return; // an event of an earlier round still in flight
      deliveries++;
      fanOut.push(at[i]! - sent);
      for (const [p, version] of event.products) {
        if (p < 0) continue;
        for (let v = seen[p]! + 1; v <= version; v++) {
          const committed = committedAt[p]!.get(v);
          if (committed !== undefined) latencies.push(at[i]! - committed);
        }
        if (version > seen[p]!) seen[p] = version;
      }
    });
    lost += seen.filter((v, p) => v < final[p]!).length;
  }
  return {
    kind,
    round,
    load: loadavg()[0]!,
    commits: report.commits.length,
    failed: report.failed,
    sends: report.sends.length,
    deliveries,
    latencies: Float64Array.from(latencies).sort(),
    fanOut: Float64Array.from(fanOut).sort(),
    lost,
    serverCpuPerChange: serverCpu / Math.max(1, report.commits.length),
    client,
  };
}

export async function benchStockFanOut(): Promise<string> {
  const scene = await prepareScene();
  const start = async (script: string, env: Record<string, string> = {}): Promise<Server> => {
    const started = await startPinned(script, "STOCK_URLS", env);
    const [url, control] = started.url.split(",") as [string, string];
    return { ...started, url, control };
  };
  // One instance with Socket.IO's in-memory adapter, like the bare server (REDIS_URL empty: none).
  const app = await start("bench/stock-serve.ts", { BENCH_DATABASE_URL: scene.databaseUrl, REDIS_URL: "" });
  const bare = await start("bench/bare-stock-server.ts");
  const servers: Record<Kind, Server> = { app, bare };
  try {
    await sleep(2_000); // start-up: the scheduler's first check
    const results: RoundResult[] = [];
    const round = async (kind: Kind, name: string) => {
      results.push(await runRound(kind, servers[kind], scene, name));
      console.error(`stock fan-out bench: ${kind} round ${name} done`);
    };
    await round("app", "warm-up");
    await round("bare", "warm-up");
    for (let r = 1; r <= ROUNDS; r++) {
      for (const kind of (r % 2 ? ["app", "bare"] : ["bare", "app"]) as Kind[]) await round(kind, String(r));
    }
    return report(results);
  } finally {
    app.child.kill("SIGTERM");
    bare.child.kill("SIGTERM");
    await dropTestDatabase(scene.databaseUrl);
  }
}

const at = (values: Float64Array, p: number) => q(values as unknown as number[], p);

function report(results: RoundResult[]): string {
  const rows = results.map((r) => [
    r.round,
    r.kind,
    r.load.toFixed(1),
    `${r.commits}${r.failed ? ` (${r.failed} failed)` : ""}`,
    r.sends,
    r.deliveries,
    ms(at(r.latencies, 0.5)),
    ms(at(r.latencies, 0.95)),
    ms(at(r.latencies, 0.99)),
    ms(r.latencies.at(-1) ?? NaN),
    ms(at(r.fanOut, 0.5)),
    ms(at(r.fanOut, 0.95)),
    ms(at(r.fanOut, 0.99)),
    ms(r.fanOut.at(-1) ?? NaN),
    r.lost,
    ms(r.serverCpuPerChange),
    `${r.client.cpuPercent}% / ${ms(r.client.loopP99)}`,
  ]);
  const measured = (kind: Kind) => results.filter((r) => r.kind === kind && r.round !== "warm-up");
  const med = (kind: Kind, pick: (r: RoundResult) => number) => median(measured(kind).map(pick));
  const summary = (kind: Kind) => [
    kind,
    ms(med(kind, (r) => at(r.latencies, 0.5))),
    ms(med(kind, (r) => at(r.latencies, 0.95))),
    ms(med(kind, (r) => at(r.latencies, 0.99))),
    ms(med(kind, (r) => at(r.fanOut, 0.5))),
    ms(med(kind, (r) => at(r.fanOut, 0.95))),
    ms(med(kind, (r) => at(r.fanOut, 0.99))),
    measured(kind).reduce((n, r) => n + r.lost, 0),
    ms(med(kind, (r) => r.serverCpuPerChange)),
  ];
  const lines = [
    `Stock fan-out, servers pinned to one core, load from this process on the other, websocket transport.`,
    `${READERS} sockets in one market room; ${RATE} stock changes/s for ${SECONDS} s over ${PRODUCTS} products of ` +
      `${STALLS} stalls, coalesced per market over ${STOCK_COALESCE_MS} ms. Latencies in ms: commit → receipt of that ` +
      `version or a newer one (includes the coalescing wait), send → receipt (the fan-out); lost = (socket, product) ` +
      `pairs that never got the product's final version`,
    table(
      [
        "round",
        "server",
        "load avg",
        "changes",
        "events sent",
        "deliveries",
        "commit p50",
        "p95",
        "p99",
        "max",
        "fan-out p50",
        "p95",
        "p99",
        "max",
        "lost",
        "server CPU ms/change",
        "client CPU / loop p99",
      ],
      rows,
    ),
    "",
  ];
  if (!measured("app").length || !measured("bare").length) return lines.join("\n");
  const p99 = (r: RoundResult) => at(r.fanOut, 0.99);
  const commitP99 = (r: RoundResult) => at(r.latencies, 0.99);
  const worst = Math.max(...measured("app").map(p99));
  const lost = measured("app").reduce((n, r) => n + r.lost, 0);
  return [
    ...lines,
    `Medians of ${ROUNDS} rounds (warm-up left out); lost is a total`,
    table(
      ["server", "commit→receipt p50", "p95", "p99", "fan-out p50", "p95", "p99", "lost", "server CPU ms/change"],
      [summary("app"), summary("bare")],
    ),
    `app / bare p99: commit → receipt ${(med("app", commitP99) / med("bare", commitP99)).toFixed(1)}, ` +
      `fan-out ${(med("app", p99) / med("bare", p99)).toFixed(1)}`,
    `target (fan-out p99 < 50 ms, none lost): ${worst < 50 && lost === 0 ? "met in every round" : "MISSED"} ` +
      `(worst fan-out p99 ${ms(worst)} ms, lost ${lost})`,
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchStockFanOut());
}
