import { defineConfig, devices } from "@playwright/test";

// Debian's Chromium: Playwright cannot download its own browser on our machines.
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const launchOptions = {
  executablePath,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  globalSetup: "./tests/e2e/global-setup.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // Journeys through several pages, each scanned by axe, take 10–20 s on a quiet two-core machine
  // and passed 30 s when other work loaded it: a timeout here says nothing about the app's speed
  // (bench/ measures that), so it is generous.
  timeout: 60_000,
  expect: { timeout: 7_000 },
  reporter: [["list"]],
  use: {
    baseURL: process.env.E2E_BASE_URL,
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    { name: "phone", use: { ...devices["Pixel 7"], launchOptions } },
    { name: "desktop", use: { ...devices["Desktop Chrome"], launchOptions }, grep: /@desktop/ },
  ],
});
