import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

// E2E_PORT lets a second checkout run its suite beside a running one.
const PORT = Number(process.env.E2E_PORT ?? 4173);
const BASE_URL = `http://127.0.0.1:${PORT}`;

/**
 * The browser rule: a system Chromium when one exists — $CHROMIUM_PATH first,
 * then Debian's /usr/bin/chromium — otherwise Playwright's own bundled build.
 * (This workplace cannot download browsers, so CI installs Debian's package.)
 */
function systemChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'];
  return candidates.find((p): p is string => !!p && existsSync(p));
}

const executablePath = systemChromium();

// Flags for a system Chromium in a sandboxed, offline container running as
// root: no setuid sandbox, no GPU, and no background calls home (which this
// machine's closed network refuses, noisily).
const SYSTEM_CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  // Flaky tests are bugs: never retry.
  retries: 0,
  // The machines have 2 cores.
  workers: 2,
  reporter: 'list',
  use: {
    baseURL: BASE_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: executablePath
          ? { executablePath, args: SYSTEM_CHROMIUM_ARGS }
          : {},
      },
    },
  ],
  // Serves the built app (dist/). `npm run e2e` builds first when dist/ is
  // missing or older than the sources; `npm test` builds right before.
  webServer: {
    command: `npm run preview -- --port ${PORT}`,
    url: BASE_URL,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
