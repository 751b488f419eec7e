// The Remix request handler of a build, called in this process without HTTP (no Express, no
// sockets), for the stall page and the bare route in small interleaved blocks: the CPU each costs
// (process.cpuUsage) and their difference, the work that is the stall page's own. The HTTP bench
// (bench/stall-page.ts) gives the ratio that counts; this one tells, with less noise, what a change
// saves. Other builds (another checkout's `build/index.js`, built against the same node_modules)
// can be loaded next to this one and measured in the same interleaved blocks: an A/B on a machine
// others load, where figures taken minutes apart cannot be compared. Run after `npm run build`.
// Usage: tsx bench/page-handler.ts [other build/index.js …]
// PAGE_BLOCK (requests per block, 100), PAGE_BLOCKS (blocks per route and build, 30),
// PAGE_ONLY=stall, bare or market: that route only (the market page is measured only so), for a profile of one route
// (`PAGE_ONLY=stall node --cpu-prof --import tsx bench/page-handler.ts`); the measured blocks'
// bounds are printed on the monotonic clock (the profile's), so the profile can be cut to them.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { createTestDatabase } from "../tests/setup/database";
import { BROWSER_AGENT, median, root, table } from "./lib";

const ROUTES = {
  stall: "/m/marche-de-noel-rueil/miellerie-du-mont-valerien",
  bare: "/bench/bare",
  // The market page (its grid, plan and search data), measured with PAGE_ONLY=market.
  market: "/m/marche-de-noel-rueil",
};

process.env.NODE_ENV = "production";
process.env.CHALET_BENCH = "1";
process.env.SESSION_SECRET ??= "bench-secret-not-for-production";
process.env.PUBLIC_URL ??= "http://localhost:3000";
process.env.STRIPE_SANDBOX ??= "1";
process.env.DATABASE_URL = await createTestDatabase("bench");

const { db } = await import("../app/utils/db.server");
const { seedDemo } = await import("../prisma/seed");
await seedDemo(db);

const buildFiles = [path.join(root, "build/index.js"), ...process.argv.slice(2).map((file) => path.resolve(file))];
const builds = await Promise.all(
  buildFiles.map(async (file) => {
    const build = (await import(pathToFileURL(file).href)) as ServerBuild;
    // Views are counted as in the server (a build older than the counting has none to start).
    const services = (build.entry.module as { services?: { startVisitCounter?: () => unknown } }).services;
    services?.startVisitCounter?.();
    return { name: path.relative(process.cwd(), file), handle: createRequestHandler(build, "production") };
  }),
);
const context = { clientIp: "127.0.0.1", now: () => new Date(), cspNonce: "bench-nonce" };

async function once(handle: (typeof builds)[number]["handle"], url: string): Promise<Buffer> {
  const response = await handle(
    new Request(`http://localhost:3000${url}`, {
      headers: { "accept-language": "fr-FR", "user-agent": BROWSER_AGENT },
    }),
    context,
  );
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

/** CPU time (ms) per request over `count` requests, one after the other. */
async function block(handle: (typeof builds)[number]["handle"], url: string, count: number): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < count; i++) await once(handle, url);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / count;
}

const count = Number(process.env.PAGE_BLOCK ?? 100);
const blocks = Number(process.env.PAGE_BLOCKS ?? 30);
const only = process.env.PAGE_ONLY;
const routes = Object.entries(ROUTES).filter(([name]) => (only ? name === only : name !== "market"));
const cases = builds.flatMap((build) => routes.map(([route, url]) => ({ build, route, url, cpu: [] as number[] })));
// The page's size as sent, and gzipped as the server's compression middleware sends it.
const bytes = new Map<(typeof cases)[number], string>();
for (const c of cases) {
  const body = await once(c.build.handle, c.url);
  bytes.set(c, `${body.length} (${gzipSync(body).length} gz)`);
}
for (const c of cases) await block(c.build.handle, c.url, 10 * count); // warm-up: JIT, the page memos

const mark = (label: string) => console.error(`MARK ${label} ${process.hrtime.bigint() / 1000n}`);
mark("start");
for (let i = 0; i < blocks; i++) {
  // Rotated, so no case always follows the same one (a collection another case left behind).
  for (let j = 0; j < cases.length; j++) {
    const c = cases[(i + j) % cases.length]!;
    c.cpu.push(await block(c.build.handle, c.url, count));
  }
}
mark("end");

// The lower tenth: the blocks least slowed by neighbours (CPU time grows too when others share
// the core's caches), steadier than the median on a busy machine.
const p10 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 10)]!;
const rows = cases.map((c) => [
  c.build.name,
  c.route,
  median(c.cpu).toFixed(3),
  p10(c.cpu).toFixed(3),
  Math.min(...c.cpu).toFixed(3),
  bytes.get(c)!,
]);
const lines = [
  `Remix handler in-process, ${blocks} rotated blocks of ${count} requests per case, CPU ms per request`,
  table(["build", "route", "median", "p10", "min", "HTML bytes"], rows),
];
if (!only) {
  for (const build of builds) {
    // Per block pair (the same minute): stall minus bare and bare / stall, then their medians.
    const [stall, bare] = ["stall", "bare"].map((r) => cases.find((c) => c.build === build && c.route === r)!.cpu);
    const diff = median(stall!.map((s, i) => s - bare![i]!));
    const ratio = median(stall!.map((s, i) => bare![i]! / s));
    lines.push(`${build.name}: stall minus bare ${diff.toFixed(3)} ms, bare / stall ${ratio.toFixed(3)}`);
  }
}
console.log(lines.join("\n"));
await db.$disconnect();
process.exit(0);
