// A flood of sockets from one address (issue 10, finding 3): `tsx bench/socket-flood.ts`.
//
// The real app server (bench/serve.ts on a database prepared here: one open market, one stall
// with 60 chat messages) is started twice per round: BEFORE, with the sockets' flood protections
// lifted (bench/no-flood-limits.ts: no connection cap, no budget per address or account, no
// load shedding; the per-socket limit stays, as on main), and AFTER, with the defaults of
// app/utils/env.server.ts (BENCH_FLOOD_PROTECTIONS=on). Per scenario, from this process (one
// address, loopback):
// - rest: /healthz probed at PROBE_RATE requests a second for REST_SECONDS, nothing else running;
// - flood: SOCKETS sockets opened from one address (50 at a time; the refused ones are counted),
//   then each fires EVENTS chat:history at once without waiting; /healthz is probed the same way
//   from the first event until the last answer (or ACK_TIMEOUT_MS), and at least WINDOW_SECONDS,
//   and a visitor from another address (X-Forwarded-For through the trusted loopback proxy) asks
//   chat:history every 500 ms meanwhile.
// Latencies are from each probe's scheduled instant (open loop: no coordinated omission).
// The server runs pinned to CPU 0, this process on CPU 1 (bench/lib.ts); the 1-minute load
// average at the end of each run says what else competed for the two cores.
import type { ChildProcess } from "node:child_process";
import { Agent, request } from "node:http";
import { loadavg } from "node:os";
import { PrismaPg } from "@prisma/adapter-pg";
import { io as connect, type Socket } from "socket.io-client";
import { PrismaClient } from "../app/generated/prisma/client";
import type { Ack, ClientToServerEvents, ServerToClientEvents } from "../app/realtime/events";
import { createTestDatabase, dropTestDatabase } from "../tests/setup/database";
import { settle, sleep } from "./chat";
import { median, startPinned, table } from "./lib";

const ROUNDS = Number(process.env.FLOOD_ROUNDS ?? 1);
const PROBE_RATE = 20;
const REST_SECONDS = Number(process.env.FLOOD_REST_SECONDS ?? 10);
const ACK_TIMEOUT_MS = Number(process.env.FLOOD_ACK_TIMEOUT_MS ?? 300_000);
/** /healthz and the visitor are measured for at least this long from the flood's start, however soon it is answered. */
const WINDOW_SECONDS = Number(process.env.FLOOD_WINDOW_SECONDS ?? 10);
const CONNECT_BATCH = 50;
const SCENARIOS = [
  { name: "1,000 × 10", sockets: 1_000, events: 10 },
  { name: "2,000 × 30", sockets: 2_000, events: 30 },
].filter((s) => !process.env.FLOOD_ONLY || process.env.FLOOD_ONLY === String(s.sockets));
const SECRET = (process.env.SESSION_SECRET ??= "bench-secret-not-for-production");

type Mode = "before" | "after";
type Scenario = (typeof SCENARIOS)[number];
type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Server = { url: string; child: ChildProcess };
type Latencies = { p50: number; p99: number; max: number; count: number; failed: number };

type Run = {
  mode: Mode;
  scenario: string;
  round: number;
  rest: Latencies;
  flood: Latencies;
  /** Seconds from the first event to the last answer. */
  floodSeconds: number;
  connected: number;
  refused: number;
  /**
   * The flood's answers by code; TIMEOUT: no answer within ACK_TIMEOUT_MS or, more often, none
   * before the socket dropped (a server stalled past Socket.IO's heartbeat, 45 s, loses them all).
   */
  answers: Record<string, number>;
  visitor: Latencies & { answers: Record<string, number> };
  load: number;
};

const round1 = (x: number) => Math.round(x * 10) / 10;

function summarise(latencies: number[], failed: number): Latencies {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted.length ? round1(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!) : NaN;
  return {
    p50: at(0.5),
    p99: at(0.99),
    max: sorted.length ? round1(sorted.at(-1)!) : NaN,
    count: sorted.length,
    failed,
  };
}

/** Probes `url` at `rate` a second (Poisson arrivals) until stop() is called; stop() waits for the answers. */
function probe(url: string, rate: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const latencies: number[] = [];
  const inFlight: Promise<void>[] = [];
  let failed = 0;
  let running = true;
  let next = performance.now();
  const loop = (async () => {
    while (running) {
      const wait = next - performance.now();
      if (wait > 1) await sleep(wait);
      if (!running) break;
      const scheduled = Math.min(next, performance.now());
      inFlight.push(
        new Promise<void>((resolve) => {
          const req = request(url, { agent }, (res) => {
            if (res.statusCode !== 200) failed++;
            res.resume();
            res.on("end", () => {
              latencies.push(performance.now() - scheduled);
              resolve();
            });
          });
          req.on("error", () => {
            failed++;
            resolve();
          });
          req.end();
        }),
      );
      next += -Math.log(1 - Math.random()) * (1000 / rate);
    }
  })();
  return async (): Promise<Latencies> => {
    running = false;
    await loop;
    await Promise.all(inFlight);
    agent.destroy();
    return summarise(latencies, failed);
  };
}

/** Opens a socket; null when its handshake is refused (the connection cap). */
function open(url: string, headers: Record<string, string> = {}): Promise<ClientSocket | null> {
  const socket: ClientSocket = connect(url, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    extraHeaders: headers,
  });
  return new Promise((resolve) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", () => {
      socket.close();
      resolve(null);
    });
  });
}

async function prepareScene() {
  const databaseUrl = await createTestDatabase("bench-flood");
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  const town = await db.town.create({ data: { slug: "flood-town", name: "Flood town" } });
  const market = await db.market.create({
    data: { townId: town.id, slug: "flood-market", name: "Flood market", status: "PUBLISHED" },
  });
  const now = Date.now();
  await db.marketSession.create({
    data: { marketId: market.id, startsAt: new Date(now - 3_600_000), endsAt: new Date(now + 86_400_000) },
  });
  const merchant = await db.user.create({
    data: { email: "merchant@flood.test", name: "Merchant", passwordHash: "bench-no-login" },
  });
  const stall = await db.stall.create({
    data: {
      marketId: market.id,
      ownerId: merchant.id,
      slug: "stall",
      name: "Stall",
      category: "miellerie",
      status: "APPROVED",
    },
  });
  // More than a page: every chat:history reads and sends a full one, as on a lively stall.
  await db.chatMessage.createMany({
    data: Array.from({ length: 60 }, (_, i) => ({ stallId: stall.id, authorId: merchant.id, body: `Message ${i}` })),
  });
  await db.$disconnect();
  return { databaseUrl, stallId: stall.id };
}

async function runScenario(
  mode: Mode,
  server: Server,
  stallId: string,
  scenario: Scenario,
  round: number,
): Promise<Run> {
  const healthz = `${server.url}/healthz`;
  await settle(server);
  const stopRest = probe(healthz, PROBE_RATE);
  await sleep(REST_SECONDS * 1000);
  const rest = await stopRest();

  const sockets: ClientSocket[] = [];
  let refused = 0;
  for (let i = 0; i < scenario.sockets; i += CONNECT_BATCH) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(CONNECT_BATCH, scenario.sockets - i) }, () => open(server.url)),
    );
    for (const socket of batch) {
      if (socket) sockets.push(socket);
      else refused++;
    }
  }
  const visitor = await open(server.url, { "x-forwarded-for": "198.51.100.77" });
  if (!visitor) throw new Error("the visitor from another address was refused");
  await settle(server);

  const answers: Record<string, number> = {};
  const tally = (into: Record<string, number>, answer: Ack<unknown> | null) => {
    const code = answer === null ? "TIMEOUT" : answer.ok ? "OK" : answer.error.code;
    into[code] = (into[code] ?? 0) + 1;
  };
  const ask = (socket: ClientSocket) =>
    socket
      .timeout(ACK_TIMEOUT_MS)
      .emitWithAck("chat:history", { stallId })
      .then(
        (answer) => answer as Ack<unknown>,
        () => null,
      );

  const stopFlood = probe(healthz, PROBE_RATE);
  const start = performance.now();
  const flood = Promise.all(
    sockets.flatMap((socket) =>
      Array.from({ length: scenario.events }, () => ask(socket).then((a) => tally(answers, a))),
    ),
  );
  // A visitor from another address, reading the same stall's chat while the flood goes on.
  const visitorAnswers: Record<string, number> = {};
  const visitorLatencies: number[] = [];
  let flooding = true;
  const visiting = (async () => {
    while (flooding) {
      const t0 = performance.now();
      const answer = await ask(visitor);
      tally(visitorAnswers, answer);
      if (answer?.ok) visitorLatencies.push(performance.now() - t0);
      await sleep(500);
    }
  })();
  await flood;
  const floodSeconds = round1((performance.now() - start) / 1000);
  await sleep(start + WINDOW_SECONDS * 1000 - performance.now());
  flooding = false;
  await visiting;
  const during = await stopFlood();

  for (const socket of sockets) socket.disconnect();
  visitor.disconnect();
  await sleep(1_000);
  return {
    mode,
    scenario: scenario.name,
    round,
    rest,
    flood: during,
    floodSeconds,
    connected: sockets.length,
    refused,
    answers,
    visitor: { ...summarise(visitorLatencies, 0), answers: visitorAnswers },
    load: round1(loadavg()[0]!),
  };
}

async function withServer<T>(mode: Mode, databaseUrl: string, work: (server: Server) => Promise<T>): Promise<T> {
  const server = await startPinned("bench/serve.ts", "BENCH_URL", {
    BENCH_DATABASE_URL: databaseUrl,
    BENCH_FLOOD_PROTECTIONS: mode === "before" ? "off" : "on",
    REDIS_URL: "",
    SESSION_SECRET: SECRET,
  });
  try {
    await sleep(2_000); // start-up: the scheduler's first check
    return await work(server);
  } finally {
    server.child.kill("SIGTERM");
    await new Promise((resolve) => server.child.once("exit", resolve));
  }
}

export async function benchSocketFlood(): Promise<string> {
  const { databaseUrl, stallId } = await prepareScene();
  const runs: Run[] = [];
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      // Alternated, so neither mode always runs on the warmer machine.
      const modes: Mode[] = round % 2 ? ["before", "after"] : ["after", "before"];
      for (const mode of modes) {
        await withServer(mode, databaseUrl, async (server) => {
          for (const scenario of SCENARIOS) {
            const run = await runScenario(mode, server, stallId, scenario, round);
            runs.push(run);
            console.error(`socket flood: ${mode} ${scenario.name} round ${round}: ${JSON.stringify(run)}`);
          }
        });
      }
    }
  } finally {
    await dropTestDatabase(databaseUrl);
  }
  return report(runs);
}

const ms = (x: number) => (Number.isNaN(x) ? "-" : x < 10 ? x.toFixed(1) : String(Math.round(x)));
const codes = (answers: Record<string, number>) =>
  Object.entries(answers)
    .sort(([, a], [, b]) => b - a)
    .map(([code, n]) => `${code} ${n}`)
    .join(", ");

function report(runs: Run[]): string {
  const perRun = table(
    [
      "round",
      "scenario",
      "protections",
      "load avg",
      "sockets open / refused",
      "flood answers",
      "flood s",
      "/healthz rest p50 / p99",
      "/healthz flood p50 / p99 / max",
      "probes failed",
      "visitor history p50 / max",
      "visitor answers",
    ],
    runs.map((r) => [
      r.round,
      r.scenario,
      r.mode === "before" ? "off (before)" : "on (after)",
      r.load.toFixed(1),
      `${r.connected} / ${r.refused}`,
      codes(r.answers),
      r.floodSeconds,
      `${ms(r.rest.p50)} / ${ms(r.rest.p99)}`,
      `${ms(r.flood.p50)} / ${ms(r.flood.p99)} / ${ms(r.flood.max)}`,
      r.rest.failed + r.flood.failed,
      `${ms(r.visitor.p50)} / ${ms(r.visitor.max)}`,
      codes(r.visitor.answers),
    ]),
  );
  const side = SCENARIOS.map((scenario) => {
    const of = (mode: Mode) => runs.filter((r) => r.scenario === scenario.name && r.mode === mode);
    const med = (mode: Mode, pick: (r: Run) => number) => median(of(mode).map(pick));
    const row = (label: string, pick: (r: Run) => number) => {
      const before = med("before", pick);
      const after = med("after", pick);
      return [scenario.name, label, ms(before), ms(after), (before / after).toFixed(1)];
    };
    return [
      row("/healthz at rest p50", (r) => r.rest.p50),
      row("/healthz at rest p99", (r) => r.rest.p99),
      row("/healthz under flood p50", (r) => r.flood.p50),
      row("/healthz under flood p99", (r) => r.flood.p99),
      row("/healthz under flood max", (r) => r.flood.max),
      row("flood duration (s)", (r) => r.floodSeconds),
    ];
  }).flat();
  return [
    `Socket flood from one address: chat:history fired at once by every socket; /healthz probed at ${PROBE_RATE}/s ` +
      `(open loop), ms. Server pinned to CPU 0, load from this process on CPU 1.`,
    perRun,
    "",
    `Before and after, medians of ${ROUNDS} round(s); before / after is how many times slower it was without the protections`,
    table(["scenario", "", "before (ms)", "after (ms)", "before / after"], side),
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchSocketFlood());
}
