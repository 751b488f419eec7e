// The browser-test server's database, for tests that must change a schedule behind the page's
// back (a session starting in a few seconds, an override from another instance).
import type { Db } from "../../app/utils/db.server";

let client: Promise<Db> | null = null;

export function e2eDb(): Promise<Db> {
  client ??= (async () => {
    const url = process.env.E2E_DATABASE_URL;
    if (!url) throw new Error("E2E_DATABASE_URL is not set: run through the Playwright global set-up");
    process.env.DATABASE_URL = url;
    process.env.NODE_ENV = "test";
    const { db } = await import("../../app/utils/db.server");
    return db;
  })();
  return client;
}

/** Removes orders and the money records that keep them (Restrict): reversals, transfers, disputes. */
export async function deleteOrders(where: { id?: { in: string[] }; marketId?: { in: string[] } }): Promise<void> {
  const db = await e2eDb();
  const ids = (await db.order.findMany({ where, select: { id: true } })).map((order) => order.id);
  if (ids.length === 0) return;
  await db.transferReversal.deleteMany({ where: { transfer: { orderId: { in: ids } } } });
  await db.stallTransfer.deleteMany({ where: { orderId: { in: ids } } });
  await db.orderDispute.deleteMany({ where: { orderId: { in: ids } } });
  await db.order.deleteMany({ where: { id: { in: ids } } });
}
