// Chat (issue 4), the real app server next to a bare Socket.IO server (bench/bare-chat-server.ts:
// same rooms and events, no app, no database), driven by the same load generator in this process.
//
// A, acknowledgements: CHATTERS accounts (session cookies made with the app's own session storage,
// no password hashing), 10 per stall over 50 stalls of one open market, each on its own socket in
// its stall room, sending chat:send every CHAT_PERIOD_MS from a random start for A_SECONDS. The
// merchants of the even stalls are connected to their room (online), those of the odd ones are
// not (offline: the "a visitor is waiting" email path). Ack latency is from the emit to the ack.
// After the run the database must hold exactly the acknowledged messages.
// B, fan-out: 1,000 anonymous readers in one stall room, B_SENDERS accounts sending B_RATE
// messages a second in turn for B_SECONDS; delivery latency is from the emit to each reader's
// receipt (one process, one clock), and every reader must receive every acknowledged message.
// Memory: the server's, after a full garbage collection, before and after the 1,000 readers join.
//
// The per-user chat limit (5 messages per 10 s) makes 1 message a second per account impossible:
// each account sends at most one every 2.2 s (CHAT_PERIOD_MS), so the load of A is
// CHATTERS / 2.2 messages a second; CHAT_CHATTERS=1100 gives the 500 messages a second.
import type { ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { PrismaPg } from "@prisma/adapter-pg";
import { Redis } from "ioredis";
import { io as connect, type Socket } from "socket.io-client";
import { PrismaClient } from "../app/generated/prisma/client";
import type { ClientToServerEvents, ServerToClientEvents } from "../app/realtime/events";
import { adapterKeys } from "../server/realtime-adapter";
import { createTestDatabase, dropTestDatabase } from "../tests/setup/database";
import { median, startPinned, table } from "./lib";
import type { MemoryReport } from "./memory-signal";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const STALLS = 50;
const CHATTERS = Number(process.env.CHAT_CHATTERS ?? 500);
const CHAT_PERIOD_MS = Number(process.env.CHAT_PERIOD_MS ?? 2_200);
const A_SECONDS = Number(process.env.CHAT_A_SECONDS ?? 20);
const READERS = 1_000;
const B_RATE = 10;
const B_SECONDS = Number(process.env.CHAT_B_SECONDS ?? 10);
/** Each sends one message every B_SENDERS / B_RATE = 2.5 s: under the chat limit. */
const B_SENDERS = 25;
const ACK_TIMEOUT_MS = 10_000;
/** After the last send: how long the deliveries may take before the missing ones count as lost. */
const GRACE_MS = 5_000;
const CONNECT_BATCH = 50;
const SECRET = (process.env.SESSION_SECRET ??= "bench-secret-not-for-production");

type Kind = "app" | "bare";
type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Server = { url: string; child: ChildProcess };

type Scene = {
  db: PrismaClient;
  stallIds: string[];
  fanOutStallId: string;
  chatterCookies: string[];
  merchantCookies: string[];
  senderCookies: string[];
};

type AckResult = {
  sent: number;
  ok: number;
  /** ok: false answers by code, and acks that never came ("TIMEOUT"). */
  failed: Record<string, number>;
  latencies: number[];
  /** Deliveries of acknowledged messages that a socket of the room never received. */
  lost: number;
  /** App only: stored rows of this run, acked ids missing from them, stored rows nobody acked. */
  stored: { rows: number; missing: number; unacked: number } | null;
  serverCpuPerMessage: number;
  client: ClientLoad;
};

type FanOutResult = {
  sent: number;
  ok: number;
  latencies: number[];
  lost: number;
  serverCpuPerMessage: number;
  client: ClientLoad;
  memory: { before: MemoryReport; after: MemoryReport } | null;
};

/** This process's CPU (percent of one core) and event-loop delay p99 over a phase. */
export type ClientLoad = { cpuPercent: number; loopP99: number };

/** The machine's 1-minute load average when the round ended: other work competing for the cores. */
type RoundResult = { kind: Kind; round: string; a: AckResult; b: FanOutResult; load: number };

export const q = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : NaN;
export const ms = (x: number) => (Number.isNaN(x) ? "-" : x < 10 ? x.toFixed(1) : String(Math.round(x)));
export const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));
/**
 * CHAT_MARKS=1: prints each measured phase's bounds on the monotonic clock (µs), the clock of a
 * `--cpu-prof` profile's timestamps, so a profile of the server can be cut to one phase.
 */
const mark = (label: string) => {
  if (process.env.CHAT_MARKS === "1") console.error(`MARK ${label} ${process.hrtime.bigint() / 1000n}`);
};

/** CPU time of all the server's threads (ms), from the kernel's accounting: deaf to noisy neighbours. */
export function cpuMs(pid: number | undefined): number {
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

/**
 * Waits until the server is idle (under 5% of a core over 300 ms), at most 60 s: an overloaded
 * server still works through its queue after the clients gave up, and that work belongs to the
 * phase that queued it, not to the next one.
 */
export async function settle(server: Server): Promise<void> {
  const deadline = performance.now() + 60_000;
  while (performance.now() < deadline) {
    const before = cpuMs(server.child.pid);
    await sleep(300);
    if (cpuMs(server.child.pid) - before < 15) return;
  }
}

export function clientMeter(): () => ClientLoad {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const cpu = process.cpuUsage();
  const start = performance.now();
  return () => {
    loop.disable();
    const used = process.cpuUsage(cpu);
    return {
      cpuPercent: Math.round(((used.user + used.system) / 1000 / (performance.now() - start)) * 100),
      loopP99: loop.percentile(99) / 1e6,
    };
  };
}

/** Asks the server for its memory after a full collection (bench/memory-signal.ts). */
function serverMemory(server: Server): Promise<MemoryReport | null> {
  return new Promise((resolve) => {
    let out = "";
    const done = (report: MemoryReport | null) => {
      clearTimeout(timer);
      server.child.stdout!.off("data", onData);
      resolve(report);
    };
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /BENCH_MEMORY=(\{[^\n]*\})/.exec(out);
      if (match) done(JSON.parse(match[1]!) as MemoryReport);
    };
    const timer = setTimeout(() => done(null), 10_000);
    server.child.stdout!.on("data", onData);
    server.child.kill("SIGUSR2");
  });
}

async function open(url: string, cookie: string | null): Promise<ClientSocket> {
  const socket: ClientSocket = connect(url, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    ...(cookie ? { extraHeaders: { cookie } } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  return socket;
}

/** Opens one socket per entry, in batches, each joined to its stall room. */
async function openAll(url: string, entries: { cookie: string | null; stallId: string }[]): Promise<ClientSocket[]> {
  const sockets: ClientSocket[] = [];
  for (let i = 0; i < entries.length; i += CONNECT_BATCH) {
    const batch = entries.slice(i, i + CONNECT_BATCH).map(async ({ cookie, stallId }) => {
      const socket = await open(url, cookie);
      const answer = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck("stall:join", { stallId });
      if (!answer.ok) throw new Error(`stall:join refused: ${answer.error.code} ${answer.error.message}`);
      return socket;
    });
    sockets.push(...(await Promise.all(batch)));
  }
  return sockets;
}

async function closeAll(sockets: ClientSocket[]) {
  for (const socket of sockets) socket.disconnect();
  await sleep(1_500); // the server drops them and settles its presence
}

/** The bench's database: one open market, its stalls, and every account with a session cookie. */
async function prepareScene(): Promise<Scene & { databaseUrl: string }> {
  const databaseUrl = await createTestDatabase("bench-chat");
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  const { newSessionToken, sessionIdOf, sessionStorage, SESSION_MAX_AGE_S } =
    await import("../app/utils/session.server");
  const town = await db.town.create({ data: { slug: "bench-town", name: "Bench town" } });
  const market = await db.market.create({
    data: { townId: town.id, slug: "bench-market", name: "Bench market", status: "PUBLISHED" },
  });
  // Open from an hour ago for a day: the whole run.
  const now = Date.now();
  await db.marketSession.create({
    data: { marketId: market.id, startsAt: new Date(now - 3_600_000), endsAt: new Date(now + 86_400_000) },
  });
  const users = async (prefix: string, count: number) => {
    await db.user.createMany({
      data: Array.from({ length: count }, (_, i) => ({
        email: `${prefix}-${i}@bench.test`,
        name: `${prefix} ${i}`,
        // Never logged in with: sessions are made directly below.
        passwordHash: "bench-no-login",
      })),
    });
    const rows = await db.user.findMany({
      where: { email: { startsWith: `${prefix}-` } },
      select: { id: true, email: true },
    });
    const index = (email: string) => Number(email.slice(prefix.length + 1, email.indexOf("@")));
    return rows.sort((x, y) => index(x.email) - index(y.email)).map((r) => r.id);
  };
  const cookie = async (userId: string) => {
    // The row a log-in writes (app/models/login-session.server.ts), made with the bench's client.
    const token = newSessionToken();
    await db.loginSession.create({
      data: { id: sessionIdOf(token), userId, expiresAt: new Date(Date.now() + SESSION_MAX_AGE_S * 1000) },
    });
    const session = await sessionStorage.getSession();
    session.set("sid", token);
    return (await sessionStorage.commitSession(session)).split(";")[0]!;
  };
  const merchants = await users("merchant", STALLS + 1);
  await db.stall.createMany({
    data: merchants.map((ownerId, i) => ({
      marketId: market.id,
      ownerId,
      slug: `stall-${String(i).padStart(3, "0")}`,
      name: `Stall ${i}`,
      category: "miellerie",
      status: "APPROVED",
    })),
  });
  const stalls = await db.stall.findMany({ select: { id: true }, orderBy: { slug: "asc" } });
  const chatters = await users("chatter", CHATTERS);
  const senders = await users("sender", B_SENDERS);
  return {
    databaseUrl,
    db,
    stallIds: stalls.slice(0, STALLS).map((s) => s.id),
    fanOutStallId: stalls[STALLS]!.id,
    chatterCookies: await Promise.all(chatters.map(cookie)),
    merchantCookies: await Promise.all(merchants.slice(0, STALLS).map(cookie)),
    senderCookies: await Promise.all(senders.map(cookie)),
  };
}

async function scenarioA(kind: Kind, server: Server, scene: Scene, round: string): Promise<AckResult> {
  const chatterStall = (i: number) => scene.stallIds[i % STALLS]!;
  const chatters = await openAll(
    server.url,
    scene.chatterCookies.map((cookie, i) => ({ cookie, stallId: chatterStall(i) })),
  );
  // The even stalls' merchants are online, in their room.
  const online = scene.stallIds.flatMap((stallId, i) =>
    i % 2 ? [] : [{ cookie: scene.merchantCookies[i]!, stallId }],
  );
  const merchants = await openAll(server.url, online);
  const members = [...chatters.map((s, i) => ({ socket: s, stallId: chatterStall(i) }))].concat(
    merchants.map((s, i) => ({ socket: s, stallId: online[i]!.stallId })),
  );
  const tag = `A ${kind} ${round} `;
  const received = members.map(() => new Set<number>());
  members.forEach(({ socket }, i) =>
    socket.on("chat:message", (message) => {
      if (message.body.startsWith(tag)) received[i]!.add(message.id);
    }),
  );

  const latencies: number[] = [];
  const failed: Record<string, number> = {};
  const acked = new Map<number, string>(); // id -> stall
  const pending: Promise<void>[] = [];
  let sent = 0;
  await sleep(500);
  const meter = clientMeter();
  const cpuFrom = cpuMs(server.child.pid);
  mark(`A ${kind} ${round} start`);
  const start = performance.now() + 100;
  const end = start + A_SECONDS * 1000;
  await Promise.all(
    chatters.map(
      (socket, i) =>
        new Promise<void>((resolve) => {
          let next = start + Math.random() * CHAT_PERIOD_MS;
          let n = 0;
          const fire = () => {
            const k = n++;
            sent++;
            const payload = {
              stallId: chatterStall(i),
              body: `${tag}${i} ${k}`,
              clientKey: `bench-a-${kind}-${round}-${i}-${k}`,
            };
            const t0 = performance.now();
            pending.push(
              socket
                .timeout(ACK_TIMEOUT_MS)
                .emitWithAck("chat:send", payload)
                .then(
                  (answer) => {
                    if (answer.ok) {
                      latencies.push(performance.now() - t0);
                      acked.set(answer.data.id, payload.stallId);
                    } else failed[answer.error.code] = (failed[answer.error.code] ?? 0) + 1;
                  },
                  () => void (failed.TIMEOUT = (failed.TIMEOUT ?? 0) + 1),
                ),
            );
            next += CHAT_PERIOD_MS;
            if (next < end) setTimeout(fire, next - performance.now());
            else resolve();
          };
          setTimeout(fire, next - performance.now());
        }),
    ),
  );
  await Promise.all(pending);
  const client = meter();
  await settle(server);
  const serverCpu = cpuMs(server.child.pid) - cpuFrom;
  mark(`A ${kind} ${round} end`);
  // Deliveries: every member of a room should have every acknowledged message of its stall.
  await sleep(1_000);
  const perStall = new Map<string, number[]>();
  for (const [id, stallId] of acked) {
    if (!perStall.has(stallId)) perStall.set(stallId, []);
    perStall.get(stallId)!.push(id);
  }
  let lost = 0;
  members.forEach(({ stallId }, i) => {
    for (const id of perStall.get(stallId) ?? []) if (!received[i]!.has(id)) lost++;
  });
  await closeAll([...chatters, ...merchants]);

  let stored: AckResult["stored"] = null;
  if (kind === "app") {
    const rows = await scene.db.chatMessage.findMany({ where: { body: { startsWith: tag } }, select: { id: true } });
    const ids = new Set(rows.map((r) => r.id));
    stored = {
      rows: rows.length,
      missing: [...acked.keys()].filter((id) => !ids.has(id)).length,
      unacked: rows.filter((r) => !acked.has(r.id)).length,
    };
  }
  latencies.sort((x, y) => x - y);
  return {
    sent,
    ok: latencies.length,
    failed,
    latencies,
    lost,
    stored,
    serverCpuPerMessage: serverCpu / Math.max(1, sent),
    client,
  };
}

async function scenarioB(kind: Kind, server: Server, scene: Scene, round: string): Promise<FanOutResult> {
  const stallId = scene.fanOutStallId;
  await settle(server);
  // Twice: the first collection after scenario A frees its garbage, the second measures.
  await serverMemory(server);
  const before = await serverMemory(server);
  const readers = await openAll(
    server.url,
    Array.from({ length: READERS }, () => ({ cookie: null, stallId })),
  );
  await sleep(1_000); // presence updates settle
  const after = await serverMemory(server);
  const senders = await openAll(
    server.url,
    scene.senderCookies.map((cookie) => ({ cookie, stallId })),
  );

  const tag = `B ${kind} ${round} `;
  const total = B_RATE * B_SECONDS;
  const sentAt = new Float64Array(total);
  const got = readers.map(() => new Uint8Array(total));
  const latencies: number[] = [];
  readers.forEach((socket, r) =>
    socket.on("chat:message", (message) => {
      if (!message.body.startsWith(tag)) return;
      const index = Number(message.body.slice(tag.length));
      if (got[r]![index]) return;
      got[r]![index] = 1;
      latencies.push(performance.now() - sentAt[index]!);
    }),
  );
  const okIndexes: number[] = [];
  const pending: Promise<void>[] = [];
  await sleep(500);
  const meter = clientMeter();
  const cpuFrom = cpuMs(server.child.pid);
  mark(`B ${kind} ${round} start`);
  const start = performance.now() + 100;
  for (let index = 0; index < total; index++) {
    const wait = start + (index * 1000) / B_RATE - performance.now();
    if (wait > 0) await sleep(wait);
    const sender = senders[index % B_SENDERS]!;
    sentAt[index] = performance.now();
    pending.push(
      sender
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck("chat:send", { stallId, body: `${tag}${index}`, clientKey: `bench-b-${kind}-${round}-${index}` })
        .then(
          (answer) => void (answer.ok && okIndexes.push(index)),
          () => undefined,
        ),
    );
  }
  await Promise.all(pending);
  const expected = okIndexes.length * READERS;
  const deadline = performance.now() + GRACE_MS;
  while (latencies.length < expected && performance.now() < deadline) await sleep(50);
  const client = meter();
  await settle(server);
  const serverCpu = cpuMs(server.child.pid) - cpuFrom;
  mark(`B ${kind} ${round} end`);
  let lost = 0;
  for (const index of okIndexes) for (const g of got) if (!g[index]) lost++;
  await closeAll([...readers, ...senders]);
  latencies.sort((x, y) => x - y);
  return {
    sent: total,
    ok: okIndexes.length,
    latencies,
    lost,
    serverCpuPerMessage: serverCpu / total,
    client,
    memory: before && after ? { before, after } : null,
  };
}

export async function benchChat(): Promise<string> {
  const scene = await prepareScene();
  const redisPrefix = `chalet-bench-${process.pid}`;
  // One instance with Socket.IO's in-memory adapter, like the bare server (REDIS_URL empty: none);
  // BENCH_REDIS_URL: the same instance on Redis (Streams adapter, rate limits counted in Redis),
  // to see what sharing costs.
  const app = await startPinned("bench/serve.ts", "BENCH_URL", {
    BENCH_DATABASE_URL: scene.databaseUrl,
    REDIS_URL: process.env.BENCH_REDIS_URL ?? "",
    REDIS_PREFIX: redisPrefix,
    SESSION_SECRET: SECRET,
  });
  const bare = await startPinned("bench/bare-chat-server.ts", "BARE_URL");
  const servers: Record<Kind, Server> = { app, bare };
  try {
    await sleep(2_000); // start-up: the scheduler's first check
    const results: RoundResult[] = [];
    const runRound = async (kind: Kind, round: string) => {
      const a = await scenarioA(kind, servers[kind], scene, round);
      const b = await scenarioB(kind, servers[kind], scene, round);
      results.push({ kind, round, a, b, load: loadavg()[0]! });
      console.error(`chat bench: ${kind} round ${round} done`);
    };
    await runRound("app", "warm-up");
    await runRound("bare", "warm-up");
    for (let r = 1; r <= ROUNDS; r++) {
      for (const kind of (r % 2 ? ["app", "bare"] : ["bare", "app"]) as Kind[]) await runRound(kind, String(r));
    }
    return report(results);
  } finally {
    app.child.kill("SIGTERM");
    bare.child.kill("SIGTERM");
    await scene.db.$disconnect();
    // Thousands of messages a run: not worth keeping.
    await dropTestDatabase(scene.databaseUrl);
    if (process.env.BENCH_REDIS_URL) {
      // The Socket.IO stream outlives the server (sessions and rate-limit counts expire).
      const redis = new Redis(process.env.BENCH_REDIS_URL);
      await redis.del(adapterKeys(redisPrefix).streamName).finally(() => redis.disconnect());
    }
  }
}

function report(results: RoundResult[]): string {
  const failures = (f: Record<string, number>) =>
    Object.entries(f)
      .map(([code, n]) => `${code} ${n}`)
      .join(", ") || "0";
  const aRows = results.map(({ kind, round, a, load }) => [
    round,
    kind,
    load.toFixed(1),
    a.sent,
    a.ok,
    failures(a.failed),
    ms(q(a.latencies, 0.5)),
    ms(q(a.latencies, 0.95)),
    ms(q(a.latencies, 0.99)),
    ms(a.latencies.at(-1) ?? NaN),
    a.lost,
    a.stored ? `${a.stored.rows} rows, ${a.stored.missing} missing, ${a.stored.unacked} unacked` : "-",
    ms(a.serverCpuPerMessage),
    `${a.client.cpuPercent}% / ${ms(a.client.loopP99)}`,
  ]);
  const bRows = results.map(({ kind, round, b }) => [
    round,
    kind,
    `${b.ok}/${b.sent}`,
    `${b.latencies.length}`,
    b.lost,
    ms(q(b.latencies, 0.5)),
    ms(q(b.latencies, 0.99)),
    ms(b.latencies.at(-1) ?? NaN),
    ms(b.serverCpuPerMessage),
    `${b.client.cpuPercent}% / ${ms(b.client.loopP99)}`,
    b.memory ? `${mb(js(b.memory.before))} → ${mb(js(b.memory.after))}` : "-",
    b.memory ? `${mb(b.memory.before.rssKb)} → ${mb(b.memory.after.rssKb)}` : "-",
  ]);
  const measured = (kind: Kind) => results.filter((r) => r.kind === kind && r.round !== "warm-up");
  const med = (kind: Kind, pick: (r: RoundResult) => number) => median(measured(kind).map(pick));
  const sum = (kind: Kind, pick: (r: RoundResult) => number) => measured(kind).reduce((n, r) => n + pick(r), 0);
  const aP99 = (r: RoundResult) => q(r.a.latencies, 0.99);
  const bP99 = (r: RoundResult) => q(r.b.latencies, 0.99);
  const summary = (kind: Kind) => [
    kind,
    ms(med(kind, (r) => q(r.a.latencies, 0.5))),
    ms(med(kind, aP99)),
    ms(med(kind, (r) => r.a.latencies.at(-1) ?? NaN)),
    sum(kind, (r) => r.a.sent - r.a.ok),
    ms(med(kind, (r) => r.a.serverCpuPerMessage)),
    ms(med(kind, (r) => q(r.b.latencies, 0.5))),
    ms(med(kind, bP99)),
    ms(med(kind, (r) => r.b.latencies.at(-1) ?? NaN)),
    sum(kind, (r) => r.b.sent - r.b.ok),
    sum(kind, (r) => r.b.lost),
    ms(med(kind, (r) => r.b.serverCpuPerMessage)),
  ];
  const rate = Math.round((CHATTERS * 1000) / CHAT_PERIOD_MS);
  const perRound = [
    `Chat, servers pinned to one core, load from this process on the other, websocket transport.`,
    `A: ${CHATTERS} chatters (10 per stall, ${STALLS} stalls, even stalls' merchants online), one chat:send each every ` +
      `${CHAT_PERIOD_MS} ms for ${A_SECONDS} s (~${rate} messages/s); ack latency in ms`,
    table(
      [
        "round",
        "server",
        "load avg",
        "sent",
        "acked ok",
        "failed",
        "p50",
        "p95",
        "p99",
        "max",
        "deliveries lost",
        "stored (app)",
        "server CPU ms/msg",
        "client CPU / loop p99",
      ],
      aRows,
    ),
    "",
    `B: ${READERS} anonymous readers in one stall room, ${B_SENDERS} senders, ${B_RATE} messages/s for ${B_SECONDS} s; ` +
      `delivery latency (emit to each reader's receipt) in ms; server memory after a full GC, before → after the readers joined`,
    table(
      [
        "round",
        "server",
        "acked ok",
        "deliveries",
        "lost",
        "p50",
        "p99",
        "max",
        "server CPU ms/msg",
        "client CPU / loop p99",
        "server heap+external",
        "server RSS",
      ],
      bRows,
    ),
    "",
  ];
  const appA = measured("app");
  if (!appA.length || !measured("bare").length) return perRound.join("\n");
  const storedOk = appA.every((r) => r.a.stored && r.a.stored.missing === 0 && r.a.stored.unacked === 0);
  const allAcked = appA.every((r) => r.a.ok === r.a.sent);
  const worstA = Math.max(...appA.map(aP99));
  const worstB = Math.max(...appA.map(bP99));
  const lostB = sum("app", (r) => r.b.lost);
  const unackedB = sum("app", (r) => r.b.sent - r.b.ok);
  const perThousand = (kind: Kind, pick: (m: MemoryReport) => number) => {
    const withMemory = measured(kind).filter((r) => r.b.memory);
    return mb(median(withMemory.map((r) => pick(r.b.memory!.after) - pick(r.b.memory!.before))) * (1000 / READERS));
  };
  const idle = (kind: Kind) => mb(median(measured(kind).flatMap((r) => (r.b.memory ? [r.b.memory.before.rssKb] : []))));
  return [
    ...perRound,
    `Medians of ${ROUNDS} rounds (warm-up left out); failed and lost are totals`,
    table(
      [
        "server",
        "A ack p50",
        "A p99",
        "A max",
        "A not acked",
        "A CPU ms/msg",
        "B delivery p50",
        "B p99",
        "B max",
        "B not acked",
        "B lost",
        "B CPU ms/msg",
      ],
      [summary("app"), summary("bare")],
    ),
    `app / bare p99: ack ${(med("app", aP99) / med("bare", aP99)).toFixed(1)}, ` +
      `delivery ${(med("app", bP99) / med("bare", bP99)).toFixed(1)}`,
    `target A (ack p99 < 50 ms, every message stored): ${
      worstA < 50 && storedOk && allAcked ? "met in every round" : "MISSED"
    } (worst p99 ${ms(worstA)} ms; all acked ok: ${allAcked}; stored = acked: ${storedOk})`,
    `target B (delivery p99 < 100 ms, none lost): ${
      worstB < 100 && lostB === 0 && unackedB === 0 ? "met in every round" : "MISSED"
    } (worst p99 ${ms(worstB)} ms, deliveries lost ${lostB}, messages not acknowledged ${unackedB})`,
    `Memory per 1,000 connected sockets (median change after a full GC): ` +
      `app heap+external ${perThousand("app", js)}, RSS ${perThousand("app", (m) => m.rssKb)} (idle RSS ${idle("app")}); ` +
      `bare heap+external ${perThousand("bare", js)}, RSS ${perThousand("bare", (m) => m.rssKb)} (idle RSS ${idle("bare")}). ` +
      `RSS moves with what the collector hands back to the system, heap+external with what stays alive`,
  ].join("\n");
}

/** What the JavaScript side keeps alive: the V8 heap plus buffers outside it. */
const js = (m: MemoryReport) => m.heapUsedKb + m.externalKb;

function mb(kb: number): string {
  return Number.isNaN(kb) ? "-" : `${(kb / 1024).toFixed(1)} MB`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchChat());
}
