// The backup that docs/operations.md tells a town to make: pg_dump of a running database, then
// pg_restore into an empty one. What comes back must be the market as it was (accents, instants,
// photos' bytes) with its migration history, so the restored database starts without migrating.
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { photoStorage } from "~/utils/photo-storage.server";
import { migrate } from "../../server/migrate";
import { createMarketScene } from "../fixtures/factories";
import { blackPng } from "../fixtures/images";
import { runPrefix, testDatabaseUrl } from "../setup/database";

const run = promisify(execFile);
const clients: pg.Client[] = [];

afterAll(async () => {
  for (const client of clients) await client.end();
});

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  clients.push(client);
  return client;
}

/** The major version of a client program (`pg_dump (PostgreSQL) 15.19` → 15), or null without it. */
async function clientMajor(program: string): Promise<number | null> {
  try {
    const { stdout } = await run(program, ["--version"]);
    return Number(/\) (\d+)/.exec(stdout)?.[1] ?? NaN);
  } catch {
    return null;
  }
}

const source = process.env.DATABASE_URL!;
const serverMajor =
  Number(
    (await (await connect(source)).query<{ server_version_num: string }>("SHOW server_version_num")).rows[0]!
      .server_version_num,
  ) / 10_000;
const dumpMajor = await clientMajor("pg_dump");
// pg_dump refuses a server newer than itself: the embedded PostgreSQL (18) that tests fall back
// on without a local server is newer than Debian 12's client (15). Said, not hidden.
const canDump = dumpMajor !== null && dumpMajor >= Math.floor(serverMajor);
if (!canDump)
  console.warn(`backup-restore: skipped, pg_dump ${dumpMajor ?? "missing"} for a PostgreSQL ${serverMajor} server`);

it.runIf(canDump)(
  "a pg_dump restored into an empty database gives back the market, its photos and its history",
  async () => {
    const scene = await createMarketScene(new Date("2026-12-12T17:00:00Z"));
    await db.product.update({ where: { id: scene.product.id }, data: { name: "Vin chaud épicé", stock: 7 } });
    const photo = blackPng(4, 3);
    await photoStorage.put([{ key: `restore-${scene.product.id}.png`, contentType: "image/png", bytes: photo }]);
    const said = await db.chatMessage.create({
      data: {
        stallId: scene.stall.id,
        authorId: scene.merchant.id,
        body: "Joyeux Noël !",
        createdAt: new Date("2026-12-12T17:05:00.123Z"),
      },
    });

    const dump = path.join(mkdtempSync(path.join(tmpdir(), "chalet-dump-")), "chalet.dump");
    await run("pg_dump", ["--format=custom", "--no-owner", `--file=${dump}`, source]);
    const name = `${runPrefix()}restored_${process.pid}_${Math.random().toString(36).slice(2, 6)}`;
    await (await connect(testDatabaseUrl())).query(`CREATE DATABASE "${name}"`);
    const restoredUrl = new URL(testDatabaseUrl());
    restoredUrl.pathname = `/${name}`;
    await run("pg_restore", ["--no-owner", `--dbname=${restoredUrl}`, dump]);

    const restored = await connect(restoredUrl.toString());
    const product = await restored.query(`SELECT "name", "stock" FROM "Product" WHERE "id" = $1`, [scene.product.id]);
    expect(product.rows).toEqual([{ name: "Vin chaud épicé", stock: 7 }]);
    const message = await restored.query(`SELECT "body", "createdAt" FROM "ChatMessage" WHERE "id" = $1`, [said.id]);
    expect(message.rows).toEqual([{ body: "Joyeux Noël !", createdAt: said.createdAt }]);
    const file = await restored.query<{ bytes: Buffer }>(`SELECT "bytes" FROM "PhotoFile" WHERE "key" = $1`, [
      `restore-${scene.product.id}.png`,
    ]);
    expect(file.rows[0]?.bytes.equals(photo)).toBe(true);
    // The history came with it: a server started on the restored database applies nothing.
    expect(await migrate(restoredUrl.toString())).toEqual([]);
  },
);
