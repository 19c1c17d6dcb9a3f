#!/usr/bin/env node
// `npm test`: every suite — vitest (domain and data access) and Playwright (user journeys in Chromium) —
// against PGlite, or against the PostgreSQL server when DATABASE_URL is set. Ends with the one line CI
// reads, `N passed, N failed`, and a non-zero exit on any failure.
//   --unit   only vitest        --e2e   only Playwright
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const resultsDir = path.join(root, '.data', 'test-results');
fs.mkdirSync(resultsDir, { recursive: true });
const args = new Set(process.argv.slice(2));
const runUnit = !args.has('--e2e');
const runE2e = !args.has('--unit');
// A launcher: it passes the environment on to vitest, Playwright and the server, which validate it (lib/env.ts).
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
const database = env.DATABASE_URL ? `PostgreSQL (${new URL(env.DATABASE_URL).pathname.slice(1)})` : 'PGlite';
const totals = { passed: 0, failed: 0, skipped: 0 };

if (runUnit) {
  console.log(`\n== vitest on ${database} ==`);
  const output = path.join(resultsDir, 'vitest.json');
  fs.rmSync(output, { force: true });
  spawnSync(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${output}`], { cwd: root, env, stdio: 'inherit' });
  const report = readJson(output);
  if (report) {
    add(report.numPassedTests, report.numFailedTests + (report.numFailedTestSuites > 0 && report.numFailedTests === 0 ? 1 : 0), report.numPendingTests + report.numTodoTests);
  } else add(0, 1, 0, 'vitest wrote no report');
}

if (runE2e) {
  console.log(`\n== Playwright on ${database} ==`);
  // The seed encrypts the demo admin's second-factor key with a key derived from NEXTAUTH_SECRET: the seed of a
  // server database and the server under test must share it (playwright.config.ts passes it on).
  const e2eEnv = { ...env, NEXTAUTH_SECRET: 'e2e-only-secret-not-for-production-use', PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(resultsDir, 'e2e.json') };
  fs.rmSync(e2eEnv.PLAYWRIGHT_JSON_OUTPUT_NAME, { force: true });
  if (env.DATABASE_URL) {
    e2eEnv.DATABASE_URL = await freshServerDatabase(env.DATABASE_URL, 'e2e');
    for (const script of ['db-migrate.ts', 'db-seed.ts']) {
      const step = spawnSync(bin('tsx'), [path.join('scripts', script)], { cwd: root, env: e2eEnv, stdio: 'inherit' });
      if (step.status !== 0) finish(`${script} failed for the end-to-end database`);
    }
  } else {
    e2eEnv.CASEBRIDGE_DATA_DIR = '.data/e2e-pglite';
    fs.rmSync(path.join(root, e2eEnv.CASEBRIDGE_DATA_DIR), { recursive: true, force: true });
  }
  spawnSync(bin('playwright'), ['test'], { cwd: root, env: e2eEnv, stdio: 'inherit' });
  const report = readJson(e2eEnv.PLAYWRIGHT_JSON_OUTPUT_NAME);
  if (report?.stats) {
    const { expected, unexpected, flaky, skipped } = report.stats;
    add(expected + flaky, unexpected + (report.errors?.length ?? 0), skipped);
  } else add(0, 1, 0, 'Playwright wrote no report');
}

finish();

function add(passed, failed, skipped, why) {
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  if (why) console.error(`FAILED: ${why}`);
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** A new, empty database next to the one in DATABASE_URL, so runs never see each other's data. */
async function freshServerDatabase(serverUrl, suffix) {
  const url = new URL(serverUrl);
  const name = `${url.pathname.slice(1) || 'casebridge'}_${suffix}`;
  const maintenance = new URL(serverUrl);
  maintenance.pathname = '/postgres';
  const admin = postgres(maintenance.toString(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  await admin.end();
  url.pathname = `/${name}`;
  return url.toString();
}

function finish(why) {
  if (why) add(0, 1, 0, why);
  console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
  process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
}
