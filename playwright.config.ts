import fs from 'node:fs';
import { defineConfig } from '@playwright/test';

// The test harness's own settings, and the environment it hands to the server it starts (which validates it).
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
// The journeys' own mail server (scripts/e2e-mail-sink.ts): the app sends every e-mail there, as to a real one.
const smtpPort = Number(process.env.E2E_SMTP_PORT ?? port + 25);
const mailSinkPort = Number(process.env.E2E_MAIL_SINK_PORT ?? port + 26);
process.env.E2E_MAIL_SINK_URL = `http://127.0.0.1:${mailSinkPort}`;
// Debian's Chromium: Playwright's own browser download is not possible on these machines.
const chromiumPath = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));

export default defineConfig({
  testDir: 'e2e',
  outputDir: process.env.PLAYWRIGHT_OUTPUT_DIR ?? 'test-results',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  // The cross-role journeys run for half a minute on a quiet two-core machine; leave room for a busy one.
  timeout: 180_000,
  expect: { timeout: 10_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: [
    {
      command: 'npx tsx scripts/e2e-mail-sink.ts',
      url: `http://127.0.0.1:${mailSinkPort}/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { E2E_SMTP_PORT: String(smtpPort), E2E_MAIL_SINK_PORT: String(mailSinkPort) },
    },
    {
      command: 'node scripts/run-app.mjs start',
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 600_000,
      stdout: 'pipe',
      env: {
        PORT: String(port),
        NEXTAUTH_URL: baseURL,
        NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? 'e2e-only-secret-not-for-production-use',
        CASEBRIDGE_DATA_DIR: process.env.CASEBRIDGE_DATA_DIR ?? '.data/e2e-pglite',
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
      },
    },
  ],
});
