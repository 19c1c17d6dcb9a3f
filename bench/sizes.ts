// `npm run bench -- --sizes 10000,200000,1000000 [--runs 300] [--only …] [--no-http] [--port 3400]`: the benchmark at
// every size. Each size has its own database, named after DATABASE_URL's (cb_load → cb_load_10000, …): created,
// migrated and loaded (`npm run db:load`) when missing, reused when it already holds that many cases. Each size
// runs bench/run.ts in its own process against its database; when the app is built (.next/BUILD_ID), the built
// app is started (`next start` on --port, job workers off) against the same database for the HTTP figures, and
// stopped afterwards. Writes bench/results.md: the worst figure of every query across sizes, then one table per
// size; every statement with its EXPLAIN per size in bench/results/<size>.md.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { parseLoadOptions } from '@/demo-data/load/options';
import { env } from '@/lib/env';
import { formatMs } from './stats';
import type { BenchmarkFigures, SizeReport } from './summary';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);
const detailsFolder = path.join(import.meta.dirname, 'results');

/** Options the run of each size gets as they were given; the others belong to this orchestration. */
const passedOn = ['--runs', '--only', '--budget-seconds'];

interface SizeOutcome {
  size: number;
  database: string;
  loaded: 'loaded now' | 'reused';
  report: SizeReport | null;
  error: string | null;
}

function databaseUrlFor(baseUrl: string, size: number): { url: string; name: string } {
  const url = new URL(baseUrl);
  const name = `${url.pathname.slice(1) || 'cb_load'}_${size}`;
  url.pathname = `/${name}`;
  return { url: url.toString(), name };
}

function run(command: string, args: string[], databaseUrl: string): void {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, DATABASE_URL: databaseUrl } });
  if (result.status !== 0) throw new Error(`${path.basename(command)} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
}

/** Creates the size's database if missing, applies the migrations, loads it if empty; refuses one with another number of cases. */
async function prepareDatabase(baseUrl: string, size: number): Promise<{ url: string; name: string; loaded: SizeOutcome['loaded'] }> {
  const { url, name } = databaseUrlFor(baseUrl, size);
  const maintenance = new URL(baseUrl);
  maintenance.pathname = '/postgres';
  const admin = postgres(maintenance.toString(), { max: 1, onnotice: () => {} });
  try {
    const [existing] = await admin<{ exists: boolean }[]>`select exists (select 1 from pg_database where datname = ${name}) as exists`;
    if (!existing?.exists) {
      console.error(`bench: creating database ${name}`);
      await admin.unsafe(`create database "${name.replace(/"/g, '""')}"`);
    }
  } finally {
    await admin.end({ timeout: 5 });
  }
  run(bin('tsx'), [path.join(root, 'scripts', 'db-migrate.ts')], url);
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  let cases: number;
  try {
    const [row] = await sql<{ cases: number }[]>`select count(*)::int as cases from cases`;
    cases = row?.cases ?? 0;
  } finally {
    await sql.end({ timeout: 5 });
  }
  if (cases === size) return { url, name, loaded: 'reused' };
  if (cases !== 0) {
    throw new Error(`${name} holds ${cases.toLocaleString('en')} cases, not ${size.toLocaleString('en')} (an intake benchmark adds some): drop it (dropdb ${name}) to load it again.`);
  }
  console.error(`bench: loading ${size.toLocaleString('en')} cases into ${name}`);
  run(bin('tsx'), [path.join(root, 'scripts', 'db-load.ts'), '--cases', String(size)], url);
  return { url, name, loaded: 'loaded now' };
}

function sessionSecret(): string {
  const file = path.join(root, '.data', 'nextauth-secret');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : randomBytes(32).toString('base64url');
}

/** The built app on `port` against the size's database, without job workers; resolves once the sign-in page answers. */
async function startServer(databaseUrl: string, port: number): Promise<ChildProcess> {
  const server = spawn(bin('next'), ['start', '--port', String(port), '--keepAliveTimeout', '65000'], {
    cwd: root,
    // Its own process group, so stopping it stops whatever it started too.
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      NEXTAUTH_URL: `http://localhost:${port}`,
      NEXTAUTH_SECRET: sessionSecret(),
      CASEBRIDGE_WORKERS: 'false',
      LOG_LEVEL: 'warn',
      NEXT_TELEMETRY_DISABLED: '1',
    },
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`next start exited with ${server.exitCode}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/sign-in`);
      await response.text();
      if (response.ok) return server;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  stopServer(server);
  throw new Error(`next start did not answer on port ${port} within 120 s`);
}

function stopServer(server: ChildProcess): void {
  if (server.pid && server.exitCode === null) process.kill(-server.pid, 'SIGTERM');
}

async function waitForExit(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      if (server.pid && server.exitCode === null) process.kill(-server.pid, 'SIGKILL');
      resolve();
    }, 10_000);
    server.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function passedOnArguments(argv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const value = argv[index] ?? '';
    const name = value.split('=')[0] ?? '';
    if (!passedOn.includes(name)) continue;
    kept.push(value);
    if (!value.includes('=') && argv[index + 1] !== undefined) kept.push(argv[(index += 1)] ?? '');
  }
  return kept;
}

async function measureSize(baseUrl: string, size: number, argv: readonly string[], http: { port: number } | null): Promise<SizeOutcome> {
  const { name: database } = databaseUrlFor(baseUrl, size);
  let loaded: SizeOutcome['loaded'] = 'reused';
  let server: ChildProcess | null = null;
  const jsonPath = path.join(detailsFolder, `${size}.json`);
  try {
    const prepared = await prepareDatabase(baseUrl, size);
    loaded = prepared.loaded;
    if (http) {
      console.error(`bench: starting the app on port ${http.port} against ${prepared.name}`);
      server = await startServer(prepared.url, http.port);
    }
    fs.rmSync(jsonPath, { force: true });
    const args = [
      '--conditions=react-server',
      path.join(import.meta.dirname, 'run.ts'),
      '--out',
      path.join('results', `${size}.md`),
      '--json',
      jsonPath,
      ...passedOnArguments(argv),
      ...(http ? ['--http', `http://127.0.0.1:${http.port}`] : []),
    ];
    const child = spawnSync(bin('tsx'), args, { cwd: root, stdio: 'inherit', env: { ...process.env, DATABASE_URL: prepared.url } });
    const report = fs.existsSync(jsonPath) ? (JSON.parse(fs.readFileSync(jsonPath, 'utf8')) as SizeReport) : null;
    return { size, database, loaded, report, error: child.status === 0 ? null : `bench/run.ts exited with ${child.status ?? child.signal}` };
  } catch (error) {
    const report = fs.existsSync(jsonPath) ? (JSON.parse(fs.readFileSync(jsonPath, 'utf8')) as SizeReport) : null;
    return { size, database, loaded, report, error: error instanceof Error ? error.message : String(error) };
  } finally {
    if (server) {
      stopServer(server);
      await waitForExit(server);
    }
  }
}

const sizeLabel = (size: number) => (size >= 1_000_000 && size % 1_000_000 === 0 ? `${size / 1_000_000}M` : size >= 1_000 && size % 1_000 === 0 ? `${size / 1_000}k` : String(size));

/** The worst of each figure over the sizes a query was measured at, with the size it was worst at. */
function worstAcrossSizes(outcomes: readonly SizeOutcome[]) {
  const names = [...new Set(outcomes.flatMap((outcome) => outcome.report?.benchmarks.map((benchmark) => benchmark.name) ?? []))];
  return names.map((name) => {
    const measured = outcomes.flatMap((outcome) => {
      const figures = outcome.report?.benchmarks.find((benchmark) => benchmark.name === name);
      return figures ? [{ size: outcome.size, figures }] : [];
    });
    const worst = (key: keyof Pick<BenchmarkFigures, 'appP95' | 'ratio' | 'appP50'>) =>
      measured.reduce((worstSoFar, entry) => (entry.figures[key] > worstSoFar.figures[key] ? entry : worstSoFar));
    const misses = measured.flatMap((entry) => entry.figures.misses.map((miss) => `${sizeLabel(entry.size)}: ${miss}`));
    return { name, measured, p95: worst('appP95'), p50: worst('appP50'), ratio: worst('ratio'), misses };
  });
}

function writeReport(outcomes: readonly SizeOutcome[], sizes: readonly number[], started: Date, loadBefore: string): void {
  const lines: string[] = [];
  lines.push('# Benchmark results at every size', '');
  lines.push(
    `Generated by \`npm run bench -- --sizes ${sizes.join(',')}\`, started ${started.toISOString()}, finished ${new Date().toISOString()}. Re-running overwrites this file.`,
    'Each size is its own database, loaded by `npm run db:load` with the same seed and mix; the report of each size with every statement, its',
    'EXPLAIN (ANALYZE, BUFFERS) and the conditions is `bench/results/<size>.md` (plans in `<size>.plans.json`).',
    '',
  );
  lines.push('## Conditions', '');
  lines.push(`- ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM. Load average (1/5/15 min) at the start: ${loadBefore}.`);
  lines.push('- **The machine may be shared**: other work on the same cores makes every figure wait for CPU. Each size\'s `uptime` before and after is below.');
  lines.push('- Targets: p95 ≤ 50 ms for lists, search, inbox, unread count and workspace; ≤ 200 ms for dashboards; app/raw (p50) ≤ 1.3; no Seq Scan on cases or case_people.', '');

  const worst = worstAcrossSizes(outcomes);
  lines.push('## Worst figure per query across sizes', '');
  lines.push('| query | worst app p50 | worst app p95 | target p95 | worst app/raw | seq scans | at every size |', '| --- | --- | --- | --- | --- | --- | --- |');
  for (const entry of worst) {
    const seqScans = [...new Set(entry.measured.flatMap((measured) => measured.figures.seqScans))];
    lines.push(
      `| ${entry.name} | ${formatMs(entry.p50.figures.appP50)} (${sizeLabel(entry.p50.size)}) | ${formatMs(entry.p95.figures.appP95)} (${sizeLabel(entry.p95.size)}) | ≤ ${entry.p95.figures.target} | ${entry.ratio.figures.ratio.toFixed(2)} (${sizeLabel(entry.ratio.size)}) | ${seqScans.join(' ') || '–'} | ${entry.misses.length === 0 ? `ok (${entry.measured.map((measured) => sizeLabel(measured.size)).join(', ')})` : `**MISS** — ${entry.misses.join('; ')}`} |`,
    );
  }
  lines.push('');

  const httpNames = [...new Set(outcomes.flatMap((outcome) => outcome.report?.http.map((result) => result.name) ?? []))];
  const httpConnections = [...new Set(outcomes.flatMap((outcome) => outcome.report?.http.map((result) => result.connections) ?? []))].sort((a, b) => a - b);
  for (const connections of httpConnections) {
    lines.push(`## HTTP pages across sizes, ${connections === 1 ? 'one client alone' : `${connections} clients at once`} (p50 / p95 ms)`, '');
    lines.push(`| page | ${outcomes.map((outcome) => sizeLabel(outcome.size)).join(' | ')} |`, `| --- | ${outcomes.map(() => '---').join(' | ')} |`);
    for (const name of httpNames) {
      const cells = outcomes.map((outcome) => {
        const result = outcome.report?.http.find((entry) => entry.name === name && entry.connections === connections);
        return result ? `${formatMs(result.p50Ms)} / ${formatMs(result.p95Ms)}${result.non2xx + result.errors > 0 ? ` (${result.non2xx + result.errors} failed)` : ''}` : '–';
      });
      lines.push(`| ${name} | ${cells.join(' | ')} |`);
    }
    lines.push('');
  }

  for (const outcome of outcomes) {
    const report = outcome.report;
    lines.push(`## ${outcome.size.toLocaleString('en')} cases (\`${outcome.database}\`, ${outcome.loaded})`, '');
    if (outcome.error) lines.push(`**The run stopped: ${outcome.error}.**${report ? ' The figures below are what it measured before.' : ''}`, '');
    if (!report) continue;
    lines.push(`Database ${report.databaseSize}. \`uptime\` before: \`${report.uptimeBefore}\`; after: \`${report.uptimeAfter}\`. Every statement: [\`results/${report.detailsFile}\`](results/${report.detailsFile}).`, '');
    lines.push('| query | runs | app p50 | app p95 | raw p50 | raw p95 | app/raw | app − raw p50 | target p95 | statements/waves | seq scans | verdict |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const figures of report.benchmarks) {
      lines.push(
        `| ${figures.name} | ${figures.runs} | ${formatMs(figures.appP50)} | ${formatMs(figures.appP95)} | ${formatMs(figures.rawP50)} | ${formatMs(figures.rawP95)} | ${figures.ratio.toFixed(2)} | ${formatMs(figures.appP50 - figures.rawP50)} | ≤ ${figures.target} | ${figures.statements}/${figures.waves} | ${figures.seqScans.join(' ') || '–'} | ${figures.misses.length === 0 ? 'ok' : `MISS: ${figures.misses.join('; ')}`} |`,
      );
    }
    lines.push('');
    if (report.http.length > 0) {
      const floorOf = (connections: number) => report.http.find((result) => result.path === '/sign-in' && result.connections === connections);
      lines.push('| page (HTTP) | at once | req/s | p50 ms | p95 ms | p99 ms | p50 over the sign-in page | requests | failed | load avg after |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
      for (const result of report.http) {
        const floor = floorOf(result.connections);
        lines.push(
          `| ${result.name} \`${result.path.length > 40 ? `${result.path.slice(0, 37)}…` : result.path}\` | ${result.connections} | ${result.requestsPerSecond.toFixed(1)} | ${formatMs(result.p50Ms)} | ${formatMs(result.p95Ms)} | ${formatMs(result.p99Ms)} | ${floor && result !== floor ? `+${formatMs(result.p50Ms - floor.p50Ms)}` : '–'} | ${result.requests} | ${result.non2xx + result.errors} | ${result.loadAverage} |`,
        );
      }
      lines.push('');
    }
    for (const failure of report.httpFailures ?? []) lines.push(`- HTTP not measured: ${failure}`);
    if ((report.httpFailures ?? []).length > 0) lines.push('');
  }
  fs.writeFileSync(path.join(import.meta.dirname, 'results.md'), `${lines.join('\n')}\n`);
}

/** Runs every size in turn; returns the exit code (1 when a size could not be measured). */
export async function runSizes(sizesArgument: string, argv: readonly string[]): Promise<number> {
  const baseUrl = env().DATABASE_URL;
  if (!baseUrl) {
    console.error('npm run bench -- --sizes … needs DATABASE_URL: its database name is the stem of each size\'s (cb_load → cb_load_10000, …).');
    return 2;
  }
  let sizes: number[];
  try {
    sizes = sizesArgument.split(',').map((text) => parseLoadOptions(['--cases', text.trim()]).cases);
  } catch (error) {
    console.error(`--sizes: ${(error as Error).message}`);
    return 2;
  }
  const portIndex = argv.indexOf('--port');
  const port = portIndex >= 0 ? Number(argv[portIndex + 1]) : 3400;
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    console.error('--port must be a port number (1–65535).');
    return 2;
  }
  const built = fs.existsSync(path.join(root, '.next', 'BUILD_ID'));
  const http = argv.includes('--no-http') || !built ? null : { port };
  if (!http && !argv.includes('--no-http')) console.error('bench: no build (.next/BUILD_ID), so no HTTP figures; `npx next build` first to have them.');
  fs.mkdirSync(detailsFolder, { recursive: true });
  const started = new Date();
  const loadBefore = os.loadavg().map((value) => value.toFixed(2)).join(', ');
  const outcomes: SizeOutcome[] = [];
  for (const size of sizes) {
    console.error(`\nbench: ${size.toLocaleString('en')} cases`);
    outcomes.push(await measureSize(baseUrl, size, argv, http));
    writeReport(outcomes, sizes, started, loadBefore);
  }
  console.error('Wrote bench/results.md (and bench/results/<size>.md for each size).');
  return outcomes.some((outcome) => outcome.error) ? 1 : 0;
}
