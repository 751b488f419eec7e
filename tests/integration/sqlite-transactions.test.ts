// One SQLite connection serves every query: a query outside a transaction must not run inside
// someone else's (app/utils/sqlite-adapter.server.ts).
import { statSync } from "node:fs";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { createSqliteAdapter } from "~/utils/sqlite-adapter.server";
import { startWalCheckpointer } from "~/utils/wal-checkpointer.server";
import { createTestDatabase } from "../setup/database";

async function openTransactionThatFails(slug: string) {
  let finish!: () => void;
  const held = new Promise<void>((resolve) => (finish = resolve));
  let started!: () => void;
  const running = new Promise<void>((resolve) => (started = resolve));
  const outcome = db
    .$transaction(async (tx) => {
      await tx.town.create({ data: { slug, name: "Inside" } });
      started();
      await held;
      throw new Error("this transaction rolls back");
    })
    .then(
      () => "committed",
      () => "rolled back",
    );
  await running;
  return { finish, outcome };
}

describe("queries outside a transaction", () => {
  it("neither see its uncommitted rows nor lose their writes when it rolls back", async () => {
    const { finish, outcome } = await openTransactionThatFails("inside-1");
    // Prisma queries are lazy: then() sends them now, while the transaction is open.
    const read = db.town.findUnique({ where: { slug: "inside-1" } }).then((town) => town);
    const write = db.town.create({ data: { slug: "outside-1", name: "Outside" } }).then((town) => town);
    // Let both reach the database before the transaction ends.
    await new Promise((resolve) => setTimeout(resolve, 20));
    finish();

    expect(await outcome).toBe("rolled back");
    expect(await read).toBeNull();
    await write;
    expect(await db.town.findUnique({ where: { slug: "outside-1" } })).not.toBeNull();
    expect(await db.town.findUnique({ where: { slug: "inside-1" } })).toBeNull();
  });

  it("go on as soon as the transaction commits, and transactions still follow one another", async () => {
    const results = await Promise.all([
      db.$transaction(async (tx) => tx.town.create({ data: { slug: "t-a", name: "A" } })),
      db.town.count(),
      db.$transaction(async (tx) => tx.town.create({ data: { slug: "t-b", name: "B" } })),
      db.town.findMany({ where: { slug: { in: ["t-a", "t-b"] } } }),
    ]);
    expect(results[0].slug).toBe("t-a");
    expect(results[2].slug).toBe("t-b");
    expect(await db.town.count({ where: { slug: { in: ["t-a", "t-b"] } } })).toBe(2);
  });
});

describe("a transaction whose COMMIT or ROLLBACK fails", () => {
  // Prisma ends a transaction by sending COMMIT or ROLLBACK, then tells the adapter; when the
  // statement fails it never does, and the adapter's lock (and the gate above) stayed taken.

  it("does not hold up the queries after it when SQLite had already rolled it back", async () => {
    // SQLite undoes a whole transaction by itself after some errors (disk full, I/O error):
    // Prisma's ROLLBACK then fails with "no transaction is active".
    const failed = await db
      .$transaction(async (tx) => {
        await tx.town.create({ data: { slug: "undone-1", name: "Undone" } });
        await tx.$executeRawUnsafe("ROLLBACK");
        throw new Error("the request fails");
      })
      .catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(Error);

    expect(await db.town.count({ where: { slug: "undone-1" } })).toBe(0);
    expect(
      await db.$transaction(async (tx) => tx.town.create({ data: { slug: "after-1", name: "After" } })),
    ).toMatchObject({ slug: "after-1" });
  });

  it("is rolled back when its COMMIT fails, and the queries after it go on", async () => {
    // A deferred foreign key is checked at COMMIT, which then fails and leaves the transaction open.
    const failed = await db
      .$transaction(async (tx) => {
        await tx.$executeRawUnsafe("PRAGMA defer_foreign_keys = ON");
        await tx.town.create({ data: { slug: "orphaned-1", name: "Orphaned" } });
        await tx.$executeRawUnsafe(
          `INSERT INTO "Market" ("id", "townId", "slug", "name", "updatedAt") VALUES ('m-orphan', 'no-such-town', 'orphan', 'Orphan', 0)`,
        );
      })
      .catch((error: unknown) => error);
    expect(String(failed)).toMatch(/ForeignKeyConstraintViolation/);

    expect(await db.town.count({ where: { slug: "orphaned-1" } })).toBe(0);
    expect(await db.market.count({ where: { id: "m-orphan" } })).toBe(0);
    expect(
      await db.$transaction(async (tx) => tx.town.create({ data: { slug: "after-2", name: "After" } })),
    ).toMatchObject({ slug: "after-2" });
  });
});

describe("queries waiting for a transaction", () => {
  it("run before the transactions asked for after them, so a stream of transactions cannot starve them", async () => {
    // The gated adapter itself, on a connection of its own: every step is awaited, nothing timed.
    const adapter = await createSqliteAdapter(process.env.DATABASE_URL!).connect();
    const statement = (sql: string) => ({ sql, args: [], argTypes: [] });
    const end = async (transaction: Awaited<ReturnType<typeof adapter.startTransaction>>) => {
      await transaction.executeRaw(statement("COMMIT"));
      await transaction.commit();
    };
    try {
      const order: string[] = [];
      const first = await adapter.startTransaction();
      const read = adapter.queryRaw(statement("SELECT 1")).then(() => order.push("read"));
      const second = adapter.startTransaction().then((transaction) => {
        order.push("second transaction");
        return transaction;
      });
      await end(first);
      await end(await second);
      await read;
      expect(order).toEqual(["read", "second transaction"]);
    } finally {
      await adapter.dispose();
    }
  });
});

describe("direct statements (db.$direct)", () => {
  it("wait outside an open transaction: no uncommitted rows seen, no write lost to its rollback", async () => {
    const { finish, outcome } = await openTransactionThatFails("direct-inside");
    const read = db.$direct<{ slug: string }>(`SELECT "slug" FROM "Town" WHERE "slug" = ?`, ["direct-inside"]);
    const write = db.$direct(`INSERT INTO "Town" ("id", "slug", "name", "createdAt") VALUES (?, ?, ?, ?)`, [
      "direct-town",
      "direct-outside",
      "Outside",
      new Date(),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    finish();

    expect(await outcome).toBe("rolled back");
    expect(await read).toEqual([]);
    await write;
    expect(await db.town.findUnique({ where: { slug: "direct-outside" } })).not.toBeNull();
  });

  it("store dates and booleans as Prisma does and answer integers as numbers", async () => {
    const at = new Date("2026-12-05T10:00:00.123Z");
    await db.$direct(`INSERT INTO "Town" ("id", "slug", "name", "createdAt") VALUES (?, ?, ?, ?)`, [
      "direct-dates",
      "direct-dates",
      "Dates",
      at,
    ]);
    // Read back through Prisma: the stored text is the format its own writes use.
    expect((await db.town.findUniqueOrThrow({ where: { id: "direct-dates" } })).createdAt).toEqual(at);
    const [row] = await db.$direct<{ n: number; yes: number }>(`SELECT COUNT(*) AS "n", ? AS "yes"`, [true]);
    expect(row).toEqual({ n: expect.any(Number), yes: 1 });
    // The same text twice uses the prepared statement again, with the new parameters.
    const again = await db.$direct<{ yes: number }>(`SELECT COUNT(*) AS "n", ? AS "yes"`, [false]);
    expect(again[0]!.yes).toBe(0);
  });
});

describe("direct transactions (db.$directTransaction)", () => {
  const insertTown = `INSERT INTO "Town" ("id", "slug", "name", "createdAt") VALUES (?, ?, ?, ?)`;
  const townCount = (slug: string) => db.town.count({ where: { slug } });

  it("wait outside an open transaction: no uncommitted rows seen, no write lost to its rollback", async () => {
    const { finish, outcome } = await openTransactionThatFails("dtx-inside");
    const done = db.$directTransaction((sql) => {
      const seen = sql.all<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "Town" WHERE "slug" = ?`, ["dtx-inside"]);
      sql.run(insertTown, ["dtx-outside", "dtx-outside", "Outside", new Date()]);
      return seen[0]!.n;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    finish();

    expect(await outcome).toBe("rolled back");
    expect(await done).toBe(0);
    expect(await townCount("dtx-outside")).toBe(1);
  });

  it("commit everything or, when the work throws, nothing, and go on after", async () => {
    const failed = await db
      .$directTransaction((sql) => {
        sql.run(insertTown, ["dtx-undone", "dtx-undone", "Undone", new Date()]);
        throw new Error("the basket fails");
      })
      .catch((error: unknown) => error);
    expect(String(failed)).toMatch(/the basket fails/);
    expect(await townCount("dtx-undone")).toBe(0);

    const changes = await db.$directTransaction((sql) =>
      sql.run(insertTown, ["dtx-done", "dtx-done", "Done", new Date()]),
    );
    expect(changes).toBe(1);
    expect(await townCount("dtx-done")).toBe(1);
    // Prisma's own transactions still start and commit on the connection after it.
    await db.$transaction(async (tx) => tx.town.create({ data: { slug: "dtx-after", name: "After" } }));
    expect(await townCount("dtx-after")).toBe(1);
  });

  it("undo only a failed savepoint's writes, and keep the rest of the transaction", async () => {
    await db.$directTransaction((sql) => {
      sql.run(insertTown, ["dtx-kept", "dtx-kept", "Kept", new Date()]);
      expect(() =>
        sql.savepoint(() => {
          sql.run(insertTown, ["dtx-given-back", "dtx-given-back", "Given back", new Date()]);
          throw new Error("short");
        }),
      ).toThrow("short");
      expect(sql.savepoint(() => sql.run(insertTown, ["dtx-nested", "dtx-nested", "Nested", new Date()]))).toBe(1);
    });
    expect(await townCount("dtx-kept")).toBe(1);
    expect(await townCount("dtx-given-back")).toBe(0);
    expect(await townCount("dtx-nested")).toBe(1);
  });

  it("refuse asynchronous work and write nothing of it", async () => {
    const failed = await db
      .$directTransaction((sql) => {
        sql.run(insertTown, ["dtx-async", "dtx-async", "Async", new Date()]);
        return Promise.resolve();
      })
      .catch((error: unknown) => error);
    expect(String(failed)).toMatch(/synchronous/);
    expect(await townCount("dtx-async")).toBe(0);
  });

  it("roll back when the COMMIT fails, and the queries after it go on", async () => {
    // A deferred foreign key is checked at COMMIT, which then fails and leaves the transaction open.
    const failed = await db
      .$directTransaction((sql) => {
        sql.run("PRAGMA defer_foreign_keys = ON", []);
        sql.run(insertTown, ["dtx-orphaned", "dtx-orphaned", "Orphaned", new Date()]);
        sql.run(
          `INSERT INTO "Market" ("id", "townId", "slug", "name", "updatedAt") VALUES ('dtx-m-orphan', 'no-such-town', 'dtx-orphan', 'Orphan', 0)`,
          [],
        );
      })
      .catch((error: unknown) => error);
    expect(String(failed)).toMatch(/FOREIGN KEY/);
    expect(await townCount("dtx-orphaned")).toBe(0);
    expect(await db.market.count({ where: { id: "dtx-m-orphan" } })).toBe(0);
    expect(
      await db.$transaction(async (tx) => tx.town.create({ data: { slug: "dtx-after-2", name: "After" } })),
    ).toMatchObject({ slug: "dtx-after-2" });
  });
});

describe("WAL checkpoints", () => {
  it("stop at once when the checkpointer has already died", async () => {
    const reasons: string[] = [];
    let exited!: () => void;
    const gone = new Promise<void>((resolve) => (exited = resolve));
    const checkpointer = startWalCheckpointer("/nonexistent/chalet-no-such.db", (reason) => {
      reasons.push(reason);
      // Reported from the worker's "exit" event: it has happened and will not happen again.
      if (/exited/.test(reason)) exited();
    });
    await gone;
    // It used to wait for that exit again: forever.
    await checkpointer.stop();
    await checkpointer.stop();
    expect(reasons).toEqual([expect.stringMatching(/died/), expect.stringMatching(/exited with 1/)]);
  });

  it("are made by the checkpointer's thread, not only by the connection that writes", async () => {
    const file = createTestDatabase("wal-checkpointer").slice("file:".length);
    const writer = new Database(file);
    writer.pragma("journal_mode = WAL");
    writer.pragma("wal_autocheckpoint = 0");
    writer.exec(`CREATE TABLE "Filler" ("v" TEXT)`);
    const before = statSync(file).size;
    const insert = writer.prepare(`INSERT INTO "Filler" ("v") VALUES (?)`);
    writer.transaction(() => {
      for (let i = 0; i < 500; i++) insert.run("x".repeat(3000));
    })();
    // Everything is in the log: the database file has not grown.
    expect(statSync(file).size).toBe(before);

    const checkpointer = startWalCheckpointer(file, (reason) => {
      throw new Error(reason);
    });
    try {
      // The worker copies the log into the file on its next ticks; the test's timeout bounds the wait.
      while (statSync(file).size < before + 500 * 3000) await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      await checkpointer.stop();
      writer.close();
    }
  });
});
