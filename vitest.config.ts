import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  test: {
    globals: true,
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts", "tests/cluster/**/*.test.ts"],
    globalSetup: ["tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/vitest.setup.ts"],
    pool: "forks",
    // Two files at a time even on two cores (Vitest's default is cores − 1, so one): the
    // integration files mostly wait on PostgreSQL, sockets and child servers, and each has its own
    // database. 401 s → 249 s for the whole run on the CI machine (2026-12-07).
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
