// Runs before every test file, before the file imports the app: each file gets its own
// PostgreSQL database (copied from the migrated template, photos included), so files run in
// parallel without seeing each other.
import { createTestDatabase } from "./database";

process.env.NODE_ENV = "test";
process.env.LOG_REQUESTS = "0";
// The event loop's real delay follows the machine (a busy core, a collection), not the test:
// load shedding would answer BUSY at random. The tests of shedding inject their own delay.
process.env.SOCKET_SHED_DELAY_MS = "60000";
process.env.DATABASE_URL = await createTestDatabase(`vitest-${process.env.VITEST_POOL_ID ?? "0"}`);
