// Scheduler lateness: 100 published markets whose 500 sessions (5 each) all start at the same
// instant, with 1,000 sockets (10 per market room) waiting for session:opened, then for
// session:closed when the sessions end. Lateness is the arrival at the client minus the scheduled
// instant. The real app server (production mode, real clock, the scheduler on its own timer) is
// measured next to a bare Socket.IO server that emits the same events from a setTimeout, with no
// app and no database (bench/bare-socket-server.ts). Both are pinned to CPU 0 and stay up for the
// whole run; the sockets are made afresh each round from this process on CPU 1. Rounds alternate
// the two (app first in odd rounds, bare first in even ones), each with a new instant; a warm-up
// round of each is shown but left out of the medians.
import { readdirSync, readFileSync } from "node:fs";
import { PrismaPg } from "@prisma/adapter-pg";
import { io as connect, type Socket } from "socket.io-client";
import { PrismaClient } from "../app/generated/prisma/client";
import type { ClientToServerEvents, ServerToClientEvents, SessionTransitionEvent } from "../app/realtime/events";
import { createTestDatabase, dropTestDatabase } from "../tests/setup/database";
import { median, startPinned, table } from "./lib";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const MARKETS = 100;
const SESSIONS_PER_MARKET = 5;
const SOCKETS = 1_000;
// The sessions are written by this process, which does not wake the server's scheduler (only its
// own writes do): it sees them at its next check, at most SCHEDULER_LEASE_MS / 3 = 5 s later.
const LEAD_MS = Number(process.env.BENCH_LEAD_MS ?? 10_000);
const OPEN_FOR_MS = 5_000;
// A socket still without its events this long after the closing instant counts as having lost them.
const GRACE_MS = 15_000;
const CONNECT_BATCH = 50;

type Kind = "app" | "bare";
type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Arrival = { socket: number; event: SessionTransitionEvent; arrivedAt: number };

type Sample = {
  /** Sockets that received the event for this instant (of SOCKETS). */
  received: number;
  /** Arrival minus the scheduled instant, one per socket that received it, sorted (ms). */
  lateness: number[];
  /** announcedAt minus the scheduled instant, one per market (ms). */
  announce: number[];
  /** Per market, the first socket's lateness: when its emit left the server, roughly (ms). */
  firstPerMarket: number[];
  /** Events whose cause was not SCHEDULE (a CATCH_UP would mean the scheduler slept through). */
  otherCauses: number;
};

/** `cpuMs`: the server's CPU time from 300 ms before the instant to the last socket's arrival. */
type RoundResult = {
  kind: Kind;
  round: string;
  opened: Sample & { cpuMs: number };
  closed: Sample & { cpuMs: number };
  /** The server's resident memory before and after the sockets connected. */
  rssKb: { before: number; after: number } | null;
};

const q = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : NaN;
const ms = (x: number) => (Number.isNaN(x) ? "-" : String(Math.round(x)));

function rssKb(pid: number | undefined): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

function sample(arrivals: Arrival[], name: "session:opened" | "session:closed", instant: number): Sample {
  const iso = new Date(instant).toISOString();
  const perSocket = new Map<number, Arrival>();
  for (const a of arrivals) {
    if (a.event.at !== iso || (a.event.open ? "session:opened" : "session:closed") !== name) continue;
    if (!perSocket.has(a.socket)) perSocket.set(a.socket, a);
  }
  const lateness = [...perSocket.values()].map((a) => a.arrivedAt - instant).sort((x, y) => x - y);
  const announce = new Map<string, number>();
  const first = new Map<string, number>();
  let otherCauses = 0;
  for (const a of perSocket.values()) {
    announce.set(a.event.marketId, Date.parse(a.event.announcedAt) - instant);
    const late = a.arrivedAt - instant;
    first.set(a.event.marketId, Math.min(first.get(a.event.marketId) ?? Infinity, late));
    if (a.event.cause !== "SCHEDULE") otherCauses++;
  }
  return {
    received: perSocket.size,
    lateness,
    announce: [...announce.values()].sort((x, y) => x - y),
    firstPerMarket: [...first.values()].sort((x, y) => x - y),
    otherCauses,
  };
}

/**
 * CPU time the server's threads have used (ms), from the kernel scheduler's accounting: unlike
 * wall time it does not grow when other processes take the core.
 */
function cpuMs(pid: number | undefined): number | null {
  try {
    let ns = 0;
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, "utf8").split(" ")[0]);
    }
    return ns / 1e6;
  } catch {
    return null;
  }
}

async function connectAll(url: string, marketIds: string[], onArrival: (a: Arrival) => void): Promise<ClientSocket[]> {
  const sockets: ClientSocket[] = [];
  const one = async (index: number) => {
    const socket: ClientSocket = connect(url, { transports: ["websocket"], forceNew: true, reconnection: false });
    // Date.now(), not performance.now(): the servers decide with the wall clock, and over a long
    // run the two can drift apart by more than the millisecond gained.
    socket.on("session:opened", (event) => onArrival({ socket: index, event, arrivedAt: Date.now() }));
    socket.on("session:closed", (event) => onArrival({ socket: index, event, arrivedAt: Date.now() }));
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("connect_error", reject);
    });
    const answer = await socket.timeout(10_000).emitWithAck("market:join", { marketId: marketIds[index % MARKETS]! });
    if (!answer.ok) throw new Error(`market:join refused: ${answer.error.message}`);
    return socket;
  };
  for (let i = 0; i < SOCKETS; i += CONNECT_BATCH) {
    const batch = Array.from({ length: Math.min(CONNECT_BATCH, SOCKETS - i) }, (_, k) => one(i + k));
    sockets.push(...(await Promise.all(batch)));
  }
  return sockets;
}

async function waitUntil(done: () => boolean, deadline: number) {
  while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
}

export async function benchSchedulerLateness(): Promise<string> {
  const databaseUrl = await createTestDatabase("bench-scheduler");
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  const town = await db.town.create({ data: { slug: "bench-town", name: "Bench town" } });
  await db.market.createMany({
    data: Array.from({ length: MARKETS }, (_, i) => ({
      townId: town.id,
      slug: `bench-market-${String(i).padStart(3, "0")}`,
      name: `Bench market ${i}`,
      status: "PUBLISHED",
    })),
  });
  const marketIds = (await db.market.findMany({ select: { id: true }, orderBy: { slug: "asc" } })).map((m) => m.id);

  // The markets exist before the server starts, so its first check records them all as closed.
  // One instance with Socket.IO's in-memory adapter, like the bare server (REDIS_URL empty: none).
  const app = await startPinned("bench/serve.ts", "BENCH_URL", { BENCH_DATABASE_URL: databaseUrl, REDIS_URL: "" });
  const bare = await startPinned("bench/bare-socket-server.ts", "BARE_URL");
  const servers = { app, bare };

  // Each round: a new instant T, LEAD_MS ahead, on a whole second; 5 sessions per market all
  // starting at T (one opening per market: they overlap) and ending 0 to 2 s before T + 5 s, when
  // the market closes. The previous round's sessions are deleted first, so the scheduler sees
  // exactly 500 session rows.
  const schedule: Record<Kind, (open: number, close: number) => Promise<void>> = {
    app: async (open, close) => {
      await db.marketSession.deleteMany({});
      await db.marketSession.createMany({
        data: marketIds.flatMap((marketId) =>
          Array.from({ length: SESSIONS_PER_MARKET }, (_, k) => ({
            marketId,
            startsAt: new Date(open),
            endsAt: new Date(close - k * 500),
          })),
        ),
      });
    },
    bare: async (open, close) => {
      const res = await fetch(`${bare.url}/schedule?open=${open}&close=${close}`);
      if (res.status !== 204) throw new Error(`bare /schedule answered ${res.status}`);
    },
  };

  async function runRound(kind: Kind, round: string): Promise<RoundResult> {
    const { url, child } = servers[kind];
    const arrivals: Arrival[] = [];
    const counts = { opened: 0, closed: 0 };
    // Server CPU from 300 ms before the instant until the last socket has the event.
    const cpu = { opened: { from: NaN, to: NaN }, closed: { from: NaN, to: NaN } };
    const before = rssKb(child.pid);
    const sockets = await connectAll(url, marketIds, (arrival) => {
      arrivals.push(arrival);
      const name = arrival.event.open ? "opened" : "closed";
      if (++counts[name] === SOCKETS) cpu[name].to = cpuMs(child.pid) ?? NaN;
    });
    const after = rssKb(child.pid);
    const open = Math.ceil((Date.now() + LEAD_MS) / 1000) * 1000;
    const close = open + OPEN_FOR_MS;
    await schedule[kind](open, close);
    for (const [name, instant] of [
      ["opened", open],
      ["closed", close],
    ] as const) {
      setTimeout(() => (cpu[name].from = cpuMs(child.pid) ?? NaN), instant - 300 - Date.now());
    }
    await waitUntil(() => counts.closed >= SOCKETS, close + GRACE_MS);
    for (const socket of sockets) socket.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // let the server drop them
    return {
      kind,
      round,
      opened: { ...sample(arrivals, "session:opened", open), cpuMs: cpu.opened.to - cpu.opened.from },
      closed: { ...sample(arrivals, "session:closed", close), cpuMs: cpu.closed.to - cpu.closed.from },
      rssKb: before === null || after === null ? null : { before, after },
    };
  }

  try {
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // start-up checks and timers settle
    const results: RoundResult[] = [];
    results.push(await runRound("app", "warm-up"), await runRound("bare", "warm-up"));
    for (let r = 1; r <= ROUNDS; r++) {
      const order: Kind[] = r % 2 ? ["app", "bare"] : ["bare", "app"];
      for (const kind of order) results.push(await runRound(kind, String(r)));
    }

    const rows = results.flatMap((r) =>
      (["opened", "closed"] as const).map((name) => {
        const x = r[name];
        return [
          r.round,
          r.kind,
          name,
          `${x.received}/${SOCKETS}`,
          ms(q(x.lateness, 0.5)),
          ms(q(x.lateness, 0.99)),
          ms(x.lateness.at(-1) ?? NaN),
          `${ms(x.firstPerMarket[0] ?? NaN)}–${ms(x.firstPerMarket.at(-1) ?? NaN)}`,
          ms(x.announce.at(-1) ?? NaN),
          ms(x.cpuMs),
          x.otherCauses,
        ];
      }),
    );
    const measured = (kind: Kind) => results.filter((r) => r.kind === kind && r.round !== "warm-up");
    const med = (kind: Kind, pick: (r: RoundResult) => number) => median(measured(kind).map(pick));
    const summary = (kind: Kind, name: "opened" | "closed") => [
      kind,
      name,
      ms(med(kind, (r) => q(r[name].lateness, 0.5))),
      ms(med(kind, (r) => q(r[name].lateness, 0.99))),
      ms(med(kind, (r) => r[name].lateness.at(-1) ?? NaN)),
      ms(med(kind, (r) => (r[name].firstPerMarket.at(-1) ?? NaN) - (r[name].firstPerMarket[0] ?? NaN))),
      ms(med(kind, (r) => r[name].cpuMs)),
      measured(kind).reduce((n, r) => n + SOCKETS - r[name].received, 0),
    ];
    const ratio = (name: "opened" | "closed") =>
      (med("app", (r) => q(r[name].lateness, 0.99)) / med("bare", (r) => q(r[name].lateness, 0.99))).toFixed(1);
    const worstAppP99 = Math.max(...measured("app").map((r) => q(r.opened.lateness, 0.99)));
    const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;
    const rss = (kind: Kind) => {
      const with_ = measured(kind).filter((r) => r.rssKb);
      const before = median(with_.map((r) => r.rssKb!.before));
      const after = median(with_.map((r) => r.rssKb!.after));
      const delta = median(with_.map((r) => r.rssKb!.after - r.rssKb!.before));
      return `${kind} ${mb(before)} → ${mb(after)} (median change ${Math.round(delta / 1024)} MB)`;
    };
    return [
      `Scheduler lateness: ${MARKETS} markets, ${MARKETS * SESSIONS_PER_MARKET} sessions starting at the same instant ` +
        `and ending by the same one ${OPEN_FOR_MS / 1000} s later, ${SOCKETS} sockets (${SOCKETS / MARKETS} per market room), ` +
        `servers pinned to one core; ms after the scheduled instant`,
      table(
        [
          "round",
          "server",
          "event",
          "got it",
          "p50",
          "p99",
          "max",
          "first–last market",
          "announcedAt max",
          "server CPU",
          "not SCHEDULE",
        ],
        rows,
      ),
      "",
      `Medians of ${ROUNDS} rounds (warm-up left out)`,
      table(
        ["server", "event", "p50", "p99", "max", "first-to-last market", "server CPU", "lost"],
        [summary("app", "opened"), summary("bare", "opened"), summary("app", "closed"), summary("bare", "closed")],
      ),
      `app / bare p99: opened ${ratio("opened")}, closed ${ratio("closed")}; ` +
        `target app opened p99 < 1000 ms: ${worstAppP99 < 1000 ? "met in every round" : `MISSED in a round (worst ${ms(worstAppP99)} ms)`}`,
      `RSS before → after connecting ${SOCKETS} sockets, medians: ${rss("app")}; ${rss("bare")}`,
    ].join("\n");
  } finally {
    app.child.kill("SIGTERM");
    bare.child.kill("SIGTERM");
    await db.$disconnect();
    await dropTestDatabase(databaseUrl);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchSchedulerLateness());
}
