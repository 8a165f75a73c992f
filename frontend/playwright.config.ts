import { defineConfig } from "@playwright/test";

/**
 * The browser tests drive a stack that is already running: the frontend's production build (FRONTEND_URL) and
 * Warden (API_URL, its process WARDEN_PID), as src/test/java/dev/warden/e2e/FrontendEndToEndIT.java starts them.
 * They use the machine's Chromium (CHROMIUM_PATH), never a downloaded one. See e2e/README.md.
 */
const OUTPUT_DIR = process.env.E2E_OUTPUT_DIR ?? "test-results";

export default defineConfig({
  testDir: "e2e",
  outputDir: `${OUTPUT_DIR}/playwright`,
  reporter: "list",
  retries: 0,
  // One stack shared by every spec, and a spec that freezes Warden would stall any other running beside it.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL: process.env.FRONTEND_URL,
    viewport: { width: 1100, height: 800 },
    actionTimeout: 20_000,
    navigationTimeout: 30_000,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    },
  },
});
