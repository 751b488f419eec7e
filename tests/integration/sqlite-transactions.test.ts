// One SQLite connection serves every query: a query outside a transaction must not run inside
// someone else's (app/utils/sqlite-adapter.server.ts).
import { describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";

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
