// Instants are UTC end to end, whatever time zone the PostgreSQL server defaults to. A managed
// server in France may well say Europe/Paris; @prisma/adapter-pg writes dates without a zone and
// reads timestamptz as UTC, so the pool sets each connection's zone to UTC (app/utils/db.server.ts).
import pg from "pg";
import { beforeAll, expect, it } from "vitest";
import type * as Factories from "../fixtures/factories";
import type * as Database from "~/utils/db.server";

let factories: typeof Factories;
let db: typeof Database.db;

beforeAll(async () => {
  // Before the app's pool opens its first connection: new connections take the database's default.
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  const { rows } = await admin.query<{ name: string }>("SELECT current_database() AS name");
  await admin.query(`ALTER DATABASE "${rows[0]!.name}" SET timezone TO 'Europe/Paris'`);
  await admin.end();
  factories = await import("../fixtures/factories");
  ({ db } = await import("~/utils/db.server"));
});

it("stores and reads the very instant given, in winter and in the spring-forward hour, on a server set to Europe/Paris", async () => {
  const town = await factories.createTown();
  const market = await factories.createMarket(town.id);
  // 01:30 UTC on 29 March 2026 is 02:30 in Paris, a wall-clock time that does not exist that day.
  for (const iso of ["2026-12-24T17:00:00.000Z", "2026-03-29T01:30:00.000Z"]) {
    const startsAt = new Date(iso);
    const session = await factories.createSession(market.id, startsAt, new Date(startsAt.getTime() + 3_600_000));
    const read = await db.marketSession.findUniqueOrThrow({ where: { id: session.id } });
    expect(read.startsAt.toISOString()).toBe(iso);
    // What PostgreSQL itself holds, as seconds since the epoch: no zone can hide a shift here.
    const [row] = await db.$queryRaw<{ epoch: number }[]>`
      SELECT extract(epoch FROM "startsAt")::float8 AS epoch FROM "MarketSession" WHERE "id" = ${session.id}`;
    expect(row!.epoch * 1000).toBe(startsAt.getTime());
  }
});
