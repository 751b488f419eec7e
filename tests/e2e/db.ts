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
