// Photos served from PostgreSQL (server/uploads.ts) through the whole app, next to the same bytes
// served from a folder by a bare express.static (what /uploads was before), in the same run: a
// stall page's large rendition (a 1280-pixel WebP made as an upload makes it) and a demo SVG,
// closed loop; rounds interleaved, medians.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import sharp from "sharp";
import { createTestDatabase, dropTestDatabase } from "../tests/setup/database";
import { load, median, startPinned, table, type LoadResult } from "./lib";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);

export async function benchPhotos(): Promise<string> {
  // Plain pg, not the app's db module: bench/run.ts may have loaded that for another database.
  const databaseUrl = await createTestDatabase("bench-photos");
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const dir = mkdtempSync(path.join(tmpdir(), "chalet-bench-photos-"));
  const children: { kill: (signal: NodeJS.Signals) => unknown }[] = [];
  try {
    // A large rendition as storeImage makes one, from a noisy picture (a flat one compresses to nothing).
    const noise = Buffer.from(Array.from({ length: 1600 * 1200 * 3 }, (_, i) => (i * 2654435761) >>> 24));
    const webp = await sharp(noise, { raw: { width: 1600, height: 1200, channels: 3 } })
      .blur(1.5) // softer, as a photo is: a 1280-pixel rendition of a phone photo weighs 100-300 KB
      .resize({ width: 1280 })
      .webp({ quality: 80 })
      .toBuffer();
    const webpKey = "bench-photo-1280.webp";
    await client.query(`INSERT INTO "PhotoFile" ("key", "contentType", "size", "bytes") VALUES ($1, $2, $3, $4)`, [
      webpKey,
      "image/webp",
      webp.byteLength,
      webp,
    ]);
    // The app seeds the demo, whose pictures are stored like any photo.
    const app = await startPinned("bench/serve.ts", "BENCH_URL", {
      BENCH_DATABASE_URL: databaseUrl,
      BENCH_SEED_DEMO: "1",
      REDIS_URL: "",
    });
    children.push(app.child);
    const demo = await client.query<{ key: string; bytes: Buffer }>(
      `SELECT "key", "bytes" FROM "PhotoFile" WHERE "key" LIKE 'demo/%' ORDER BY "key" LIMIT 1`,
    );
    const svgKey = demo.rows[0]!.key;
    const svg = demo.rows[0]!.bytes;
    writeFileSync(path.join(dir, webpKey), webp);
    writeFileSync(path.join(dir, "demo.svg"), svg);
    const bare = await startPinned("bench/bare-static-server.ts", "BARE_URL", { BENCH_STATIC_DIR: dir });
    children.push(bare.child);
    const cases = [
      [`WebP ${Math.round(webp.byteLength / 1024)} KB, PostgreSQL through the app`, `${app.url}/uploads/${webpKey}`],
      [`WebP ${Math.round(webp.byteLength / 1024)} KB, disk, bare express.static`, `${bare.url}/uploads/${webpKey}`],
      [`demo SVG ${svg.byteLength} B, PostgreSQL through the app`, `${app.url}/uploads/${svgKey}`],
      [`demo SVG ${svg.byteLength} B, disk, bare express.static`, `${bare.url}/uploads/demo.svg`],
      // The app's own middleware (security headers, compression) on a file from disk: what any
      // file through the app costs, PostgreSQL or not.
      [`public/favicon.svg, disk through the app`, `${app.url}/favicon.svg`],
    ] as const;
    for (const [, url] of cases) {
      const check = await fetch(url);
      if (check.status !== 200) throw new Error(`${url} answered ${check.status}`);
      await load(url, { seconds: 2 }); // warm-up
    }
    const runs = new Map<string, LoadResult[]>(cases.map(([name]) => [name, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, url] of cases) runs.get(name)!.push(await load(url, { seconds: SECONDS, connections: 10 }));
    }
    const rps = (name: string) => median(runs.get(name)!.map((r) => r.rps));
    const rows = cases.map(([name]) => {
      const r = runs.get(name)!;
      return [
        name,
        Math.round(rps(name)),
        median(r.map((x) => x.p50)),
        median(r.map((x) => x.p99)),
        r.reduce((n, x) => n + x.errors + x.non2xx, 0),
      ];
    });
    return [
      `Photos, each server pinned to one core, ${ROUNDS} interleaved rounds of ${SECONDS}s, 10 connections, medians`,
      table(["file", "req/s", "p50 ms", "p99 ms", "errors"], rows),
      `PostgreSQL / disk throughput: WebP ${(rps(cases[0][0]) / rps(cases[1][0])).toFixed(2)}, SVG ${(rps(cases[2][0]) / rps(cases[3][0])).toFixed(2)}`,
    ].join("\n");
  } finally {
    for (const child of children) child.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
    await client.end();
    await dropTestDatabase(databaseUrl);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchPhotos());
}
