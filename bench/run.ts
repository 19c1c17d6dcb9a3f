// `npm run bench [-- --runs 300] [--only list,search] [--intake] [--http http://127.0.0.1:3400]`: times the app's own data-access functions against the
// PostgreSQL server in DATABASE_URL (filled by `npm run db:load`), next to the same SQL sent straight to the
// server, with EXPLAIN of every statement; prints a table and writes bench/results.md.
// `npm run bench -- --sizes 10000,200000,1000000`: the same at each size, each in its own database (bench/sizes.ts).
// Runs under `tsx --conditions=react-server` so `import 'server-only'` in lib/ resolves to its empty module.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadPassword } from '@/demo-data/load/directory';
import type { Actor } from '@/lib/auth/actor';
import { loadActor } from '@/lib/auth/load-actor';
import { env } from '@/lib/env';
import { getCaseWorkspace, listCases } from '@/lib/cases/queries';
import { caseListFiltersSchema, type CaseListFilters } from '@/lib/cases/schemas';
import { openPoliceCaseThreads } from '@/lib/cooperation/commands';
import { countUnreadForEmbassy, listInbox } from '@/lib/notifications/embassy-queries';
import { getEmbassyDashboard } from '@/lib/notifications/queries';
import { inboxFiltersSchema } from '@/lib/notifications/schemas';
import { getSummaryReport } from '@/lib/summaries/queries';
import { isScopeStatement, openBenchDatabases, replay, wavesOf, type CapturedQuery } from './capture';
import { explain, guardedTables, isSetting, type QueryPlan } from './explain';
import { hammer, signIn, type HttpResult } from './http';
import { runIntake, type IntakeResult } from './intake';
import { runSizes } from './sizes';
import { formatMs, percentile } from './stats';
import type { SizeReport } from './summary';

type Kind = 'list' | 'dashboard';

interface Benchmark {
  name: string;
  description: string;
  kind: Kind;
  run: () => Promise<unknown>;
}

interface BenchResult {
  benchmark: Benchmark;
  runs: number;
  app: number[];
  raw: number[];
  queries: CapturedQuery[];
  waves: number;
  /** Median time of each statement sent alone. */
  alone: number[];
  plans: QueryPlan[];
  explainError: string | null;
}

const targets: Record<Kind, number> = { list: 50, dashboard: 200 };
const ratioTarget = 1.3;
/** Each page is requested by one client alone (what a user waits), then by twenty at once (what the two cores serve). */
const httpLoads = [
  { connections: 1, seconds: 10 },
  { connections: 20, seconds: 20 },
] as const;

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  if (index >= 0) return process.argv[index + 1];
  return process.argv.find((value) => value.startsWith(`--${name}=`))?.slice(name.length + 3);
}

const sizesArgument = argument('sizes');
if (sizesArgument) {
  // Each size in its own process (the app's data layer holds one database handle), then one report.
  process.exit(await runSizes(sizesArgument, process.argv.slice(2)));
}

const url = env().DATABASE_URL;
if (!url) {
  console.error('npm run bench measures the PostgreSQL server in DATABASE_URL: load it first (npm run db:load -- --cases 1000000), then set DATABASE_URL.');
  process.exit(2);
}
// 300: with fewer, a spell of interference on one side (two shared cores) moved a quick read's p50 ratio over
// 1.3 in one run and not the next (README, "How close the targets are").
const runCount = Number(argument('runs') ?? 300);
const warmUps = 3;
/** A benchmark stops early once it has used this much time, so slow dashboards don't take the whole session. */
const budgetMs = Number(argument('budget-seconds') ?? 120) * 1000;
const only = argument('only')?.split(',');
/** `--http http://127.0.0.1:3400`: also drive a running `next start` (on the same DATABASE_URL) with autocannon. */
const httpBase = argument('http');
/** `--intake`: also measure concurrent intake through createCase (adds a few thousand cases). */
const withIntake = process.argv.includes('--intake');
const resultsPath = path.resolve(import.meta.dirname, argument('out') ?? 'results.md');
/** `--json path`: also the figures as data, for the report across sizes (bench/sizes.ts). */
const jsonPath = argument('json');

const databases = openBenchDatabases(url);
const { raw, recorder } = databases;

function loadAverage(): string {
  return os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(', ');
}

async function actorFor(email: string): Promise<Actor> {
  const [user] = await raw<{ id: string; sessionVersion: number }[]>`select id, session_version as "sessionVersion" from users where lower(email) = lower(${email})`;
  if (!user) throw new Error(`No account ${email}: load the data first (npm run db:load -- --cases 1000000).`);
  const actor = await loadActor(user.id, user.sessionVersion);
  if (!actor) throw new Error(`${email} cannot act (deactivated?)`);
  return actor;
}

/** The cursor `listCases` hands out for "after this row" (lib/cases/queries.ts, encodeCursor). */
function cursorAfter(sortValue: Date, id: string): string {
  return Buffer.from(JSON.stringify([sortValue.toISOString(), id])).toString('base64url');
}

async function time(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

async function measure(benchmark: Benchmark): Promise<BenchResult> {
  for (let index = 0; index < warmUps; index += 1) await benchmark.run();
  const queries = await recorder.capture(benchmark.run);
  const waves = wavesOf(queries);
  for (let index = 0; index < warmUps; index += 1) await replay(raw, waves);
  const app: number[] = [];
  const rawTimes: number[] = [];
  const started = performance.now();
  // Interleaved, so load from other processes on this machine hits both sides alike.
  for (let index = 0; index < runCount; index += 1) {
    app.push(await time(benchmark.run));
    rawTimes.push(await time(() => replay(raw, waves)));
    if (performance.now() - started > budgetMs && index >= 4) break;
  }
  // Each statement on its own (median of 5), to show which one the time goes to.
  const alone: number[] = [];
  for (const query of queries) {
    if (isSetting(query)) {
      alone.push(Number.NaN);
      continue;
    }
    const samples: number[] = [];
    for (let index = 0; index < 5; index += 1) samples.push(await time(() => replay(raw, [[query]])));
    alone.push(percentile(samples, 50));
  }
  const plans: QueryPlan[] = [];
  let explainError: string | null = null;
  const scope = queries.find(isScopeStatement);
  // The transaction's settings once each (the ministry's three transactions make the same ones).
  const settings = [...new Map(queries.filter(isSetting).map((query) => [query.sql, query])).values()];
  const context = scope ? [scope, ...settings] : settings;
  for (const query of queries) {
    try {
      plans.push(await explain(raw, query, query === scope ? [] : context));
    } catch (error) {
      explainError = error instanceof Error ? error.message : String(error);
      plans.push({ sql: query.sql, plan: null, analysed: false, executionMs: null, seqScans: [], indexes: [], hotspots: [`EXPLAIN failed: ${explainError}`] });
    }
  }
  return { benchmark, runs: app.length, app, raw: rawTimes, queries, waves: waves.length, alone, plans, explainError };
}

function summarise(result: BenchResult) {
  const appP50 = percentile(result.app, 50);
  const appP95 = percentile(result.app, 95);
  const rawP50 = percentile(result.raw, 50);
  const rawP95 = percentile(result.raw, 95);
  const target = targets[result.benchmark.kind];
  const seqScans = [...new Set(result.plans.flatMap((plan) => plan.seqScans))];
  const guardedSeqScans = seqScans.filter((table) => guardedTables.includes(table));
  const ratio = appP50 / rawP50;
  const misses = [
    appP95 > target ? `p95 ${formatMs(appP95)} ms > ${target} ms` : null,
    ratio > ratioTarget ? `ratio ${ratio.toFixed(2)} > ${ratioTarget}` : null,
    guardedSeqScans.length > 0 ? `Seq Scan on ${guardedSeqScans.join(', ')}` : null,
  ].filter((miss): miss is string => miss !== null);
  return { appP50, appP95, rawP50, rawP95, ratio, ratioP95: appP95 / rawP95, target, seqScans, guardedSeqScans, misses };
}

async function main() {
  const loadBefore = loadAverage();
  const uptimeBefore = execFileSync('uptime', { encoding: 'utf8' }).trim();
  const [server] = await raw<{ version: string; sharedBuffers: string; workMem: string }[]>`select version() as version, current_setting('shared_buffers') as "sharedBuffers", current_setting('work_mem') as "workMem"`;
  const sizes = await raw<{ table: string; rows: number; size: string }[]>`
    select c.relname as table, c.reltuples::bigint::float8 as rows, pg_size_pretty(pg_total_relation_size(c.oid)) as size
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r' and c.relname in ('cases', 'case_people', 'notifications', 'notification_updates', 'cooperation_actions', 'case_events', 'audit_log')
    order by c.reltuples desc`;
  const [database] = await raw<{ size: string }[]>`select pg_size_pretty(pg_database_size(current_database())) as size`;

  const officer = await actorFor('officer01@pnh.police.load');
  const liaison = await actorFor('liaison01@cn.embassy.load');
  const governor = await actorFor('governor01@pnh.governor.load');
  const ministry = await actorFor('analyst01@interior.load');
  const province = officer.provinceCode ?? 'PNH';

  // Search terms that exist in the officer's province: a Chinese suspect's passport number and names.
  const [person] = await raw<{ idDocumentNumber: string; latinName: string; nativeName: string }[]>`
    select p.id_document_number as "idDocumentNumber", p.latin_name as "latinName", p.native_name as "nativeName"
    from case_people p join cases c on c.id = p.case_id
    where c.province_code = ${province} and p.nationality = 'CN' and p.id_document_number is not null and p.native_name is not null
      and c.reported_at > now() - interval '2 years'
    order by c.reported_at desc offset 50 limit 1`;
  if (!person) throw new Error(`No Chinese national with a passport in ${province}: is the database loaded?`);
  const [khmerPerson] = await raw<{ nativeName: string }[]>`
    select p.native_name as "nativeName" from case_people p join cases c on c.id = p.case_id
    where c.province_code = ${province} and p.nationality = 'KH' and p.native_name is not null
    order by c.reported_at desc offset 20 limit 1`;
  const listFilters = caseListFiltersSchema.parse({ status: 'under_investigation', crimeType: 'drug_trafficking' });
  // Row 2,000, or half-way down a smaller list (at 10,000 cases the province has far fewer matches).
  const [matching] = await raw<{ rows: number }[]>`
    select count(*)::int as rows from cases
    where province_code = ${province} and status = ${listFilters.status ?? 'under_investigation'} and crime_type = ${listFilters.crimeType ?? 'drug_trafficking'}`;
  const deepOffset = Math.min(2_000, Math.floor((matching?.rows ?? 0) / 2));
  const [deepRow] = await raw<{ reportedAt: Date; id: string }[]>`
    select reported_at as "reportedAt", id from cases
    where province_code = ${province} and status = ${listFilters.status ?? 'under_investigation'} and crime_type = ${listFilters.crimeType ?? 'drug_trafficking'}
    order by reported_at desc, id desc offset ${deepOffset} limit 1`;
  const [workspaceCase] = await raw<{ id: string; referenceNumber: string; events: number; notifications: number }[]>`
    select c.id, c.reference_number as "referenceNumber", (select count(*)::int from case_events e where e.case_id = c.id) as events,
      (select count(*)::int from notifications n where n.case_id = c.id) as notifications
    from cases c
    where c.province_code = ${province} and exists (select 1 from notifications n where n.case_id = c.id)
      and c.reported_at > now() - interval '1 year'
    order by c.reported_at desc
    offset least(300, (select count(*) / 2 from cases r where r.province_code = ${province} and r.reported_at > now() - interval '1 year')) limit 1`;
  if (!workspaceCase) throw new Error('No case with notifications found for the workspace benchmark');
  const search = (q: string): CaseListFilters => caseListFiltersSchema.parse({ q });

  const benchmarks: Benchmark[] = [
    {
      name: 'list.first-page',
      description: `Case list of ${province}, status under investigation + crime type drug trafficking, first page with total`,
      kind: 'list',
      run: () => listCases(officer, listFilters),
    },
    {
      name: 'list.deep-page',
      description: `Same list, keyset page after row ${deepOffset.toLocaleString('en')}`,
      kind: 'list',
      run: () => listCases(officer, { ...listFilters, cursor: deepRow ? cursorAfter(deepRow.reportedAt, deepRow.id) : undefined }),
    },
    {
      name: 'search.id-number',
      description: `Free text: passport number "${person.idDocumentNumber}"`,
      kind: 'list',
      run: () => listCases(officer, search(person.idDocumentNumber)),
    },
    {
      name: 'search.latin-name',
      description: `Free text: name "${person.latinName}"`,
      kind: 'list',
      run: () => listCases(officer, search(person.latinName)),
    },
    {
      name: 'search.native-name',
      description: `Free text: name in Chinese script "${person.nativeName}"`,
      kind: 'list',
      run: () => listCases(officer, search(person.nativeName)),
    },
    {
      name: 'search.khmer-name',
      description: `Free text: name in Khmer script "${khmerPerson?.nativeName ?? ''}"`,
      kind: 'list',
      run: () => listCases(officer, search(khmerPerson?.nativeName ?? 'សុខ')),
    },
    {
      name: 'inbox',
      description: 'Embassy inbox of the Chinese embassy, first page, no filter',
      kind: 'list',
      run: () => listInbox(liaison, inboxFiltersSchema.parse({})),
    },
    {
      name: 'inbox.pending',
      description: 'Embassy inbox of the Chinese embassy, "pending" filter',
      kind: 'list',
      run: () => listInbox(liaison, inboxFiltersSchema.parse({ state: 'pending' })),
    },
    {
      name: 'inbox.unread-count',
      description: 'Unread count of the Chinese embassy (`countUnreadForEmbassy`, shown in the navigation of every embassy page)',
      kind: 'list',
      run: () => countUnreadForEmbassy(liaison),
    },
    {
      name: 'inbox.dashboard',
      description: 'Figures above the embassy inbox: awaiting acknowledgement, overdue, detention (`getEmbassyDashboard`)',
      kind: 'list',
      run: () => getEmbassyDashboard(liaison, 0),
    },
    {
      name: 'workspace',
      description: `Case workspace of ${workspaceCase.referenceNumber} (${workspaceCase.events} timeline events), incl. its audit insert`,
      kind: 'list',
      run: () => getCaseWorkspace(officer, workspaceCase.id),
    },
    {
      name: 'workspace.threads',
      description: `The workspace's cooperation threads of ${workspaceCase.referenceNumber} (${workspaceCase.notifications} notified embassies), marked read (\`openPoliceCaseThreads\`)`,
      kind: 'list',
      run: () => openPoliceCaseThreads(officer, workspaceCase.id),
    },
    {
      name: 'dashboard.governor',
      description: `Governor's office of ${province}: summary figures for 12 months, the per-country consular figures included`,
      kind: 'dashboard',
      run: () => getSummaryReport(governor, { months: 12 }),
    },
    {
      name: 'dashboard.ministry',
      description: 'Ministry: national summary figures for 12 months, the per-country consular figures included',
      kind: 'dashboard',
      run: () => getSummaryReport(ministry, { months: 12 }),
    },
    {
      // The medians unnest every acknowledgement and detention-to-notification time of the period: the longest
      // preset has the most of them.
      name: 'dashboard.ministry.24months',
      description: 'Ministry: national summary figures for 24 months (the longest preset; most hours behind the medians)',
      kind: 'dashboard',
      run: () => getSummaryReport(ministry, { months: 24 }),
    },
  ].filter((benchmark) => !only || only.some((prefix) => benchmark.name.startsWith(prefix))) as Benchmark[];

  const results: BenchResult[] = [];
  const intakeResults: IntakeResult[] = [];
  const httpResults: HttpResult[] = [];
  const httpFailures: string[] = [];
  /** Writes results.md (and the plans) with what has been measured so far; called after every step, so an interrupted run leaves its numbers. */
  const writeReport = (final: boolean) => {
    const loadAfter = loadAverage();
    const uptimeAfter = execFileSync('uptime', { encoding: 'utf8' }).trim();

    const header = ['query', 'runs', 'app p50', 'app p95', 'raw p50', 'raw p95', 'ratio p50', 'target p95', 'queries/waves', 'seq scans', 'verdict'];
    const tableRows = results.map((result) => {
      const summary = summarise(result);
      return [
        result.benchmark.name,
        String(result.runs),
        formatMs(summary.appP50),
        formatMs(summary.appP95),
        formatMs(summary.rawP50),
        formatMs(summary.rawP95),
        summary.ratio.toFixed(2),
        `≤ ${summary.target}`,
        `${result.queries.length}/${result.waves}`,
        summary.seqScans.length > 0 ? summary.seqScans.join(' ') : '–',
        summary.misses.length === 0 ? 'ok' : 'MISS',
      ];
    });
    const widths = header.map((title, column) => Math.max(title.length, ...tableRows.map((row) => (row[column] ?? '').length)));
    const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ');
    if (final) console.log(`\n${line(header)}\n${widths.map((width) => '-'.repeat(width)).join('  ')}\n${tableRows.map(line).join('\n')}`);
    if (final) console.log(`\nTimes in ms. Machine load (1/5/15 min) before: ${loadBefore}; after: ${loadAfter} on ${os.cpus().length} cores.`);

    const markdown: string[] = [];
    markdown.push('# National-scale benchmark results', '');
    markdown.push(`Generated by \`npm run bench\` on ${new Date().toISOString()} against \`${new URL(url ?? '').pathname.slice(1)}\`. Re-running overwrites this file.`, '');
    markdown.push('## Conditions', '');
    markdown.push(`- ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM; ${server?.version.split(' on ')[0] ?? ''}, shared_buffers ${server?.sharedBuffers}, work_mem ${server?.workMem}.`);
    markdown.push(`- \`uptime\` before: \`${uptimeBefore}\``);
    markdown.push(`- \`uptime\` after: \`${uptimeAfter}\``);
    markdown.push(
      '- **Mind the load average**: the machine may be shared, and other work on the same two cores makes the benchmark wait for CPU. Above 2,',
      '  absolute times are pessimistic and noisy. The app-over-raw ratio is less affected, because the two sides are measured interleaved, run by run.',
    );
    markdown.push(`- Data: database ${database?.size}; ${sizes.map((size) => `${size.table} ≈ ${Math.round(size.rows).toLocaleString('en')} rows (${size.size})`).join(', ')}.`);
    markdown.push(`- ${warmUps} warm-up calls, then up to ${runCount} runs per query (fewer when a query used up its ${budgetMs / 1000} s budget), app and raw interleaved.`, '');
    markdown.push('## How it is measured', '');
    markdown.push(
      '- **(a) app**: the data-access function itself (`listCases`, `listInbox`, `getCaseWorkspace`, `getSummaryReport`), called with an `Actor` built',
      '  by `loadActor` for an account of the loaded data, through drizzle on postgres.js (pool of 10) exactly as the app runs it — SQL building,',
      '  authorisation, result mapping and any follow-up queries included.',
      '- **(b) raw**: the same statements with the same parameters, **captured from drizzle** (its logger hook records every statement of one call),',
      '  sent straight to PostgreSQL with postgres.js `unsafe(sql, params).values()` on a second pool of 10. Statements the app sent together',
      '  (`Promise.all`) are replayed together; statements it sent after awaiting others are replayed after them. A signed-in user\'s statements',
      '  are replayed as the app sends them: BEGIN, the row-level security scope (role and settings), the statements, COMMIT; EXPLAIN runs',
      '  under that scope too (and is rolled back).',
      '- **ratio** = app p50 / raw p50. **EXPLAIN**: `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)` of every captured read (plain `EXPLAIN` of writes);',
      '  any Seq Scan is listed, and one on `cases` or `case_people` fails the query. "Most time in" is each node\'s own time summed over parallel',
      '  workers, so it can exceed the wall time.',
      `- Targets: p95 ≤ ${targets.list} ms for list, search, inbox and workspace; ≤ ${targets.dashboard} ms for dashboards; ratio ≤ ${ratioTarget}; no Seq Scan on cases or case_people.`,
      '',
    );
    markdown.push('## Results (ms)', '');
    markdown.push(`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`);
    for (const row of tableRows) markdown.push(`| ${row.join(' | ')} |`);
    markdown.push('');
    markdown.push('## Each query', '');
    for (const result of results) {
      const summary = summarise(result);
      markdown.push(`### ${result.benchmark.name}: ${summary.misses.length === 0 ? 'meets the targets' : `misses — ${summary.misses.join('; ')}`}`, '');
      markdown.push(`${result.benchmark.description}.`, '');
      markdown.push(
        `app p50 ${formatMs(summary.appP50)} / p95 ${formatMs(summary.appP95)} ms; raw p50 ${formatMs(summary.rawP50)} / p95 ${formatMs(summary.rawP95)} ms; ratio ${summary.ratio.toFixed(2)} (p95 ${summary.ratioP95.toFixed(2)}); ${result.queries.length} statements in ${result.waves} waves; ${result.runs} runs.`,
        '',
      );
      if (result.explainError) markdown.push(`EXPLAIN failed for a statement: ${result.explainError}`, '');
      const waveIds = [...new Set(result.queries.map((query) => query.wave))].sort((a, b) => a - b);
      result.plans.forEach((plan, index) => {
        const statement = plan.sql.replace(/\s+/g, ' ');
        markdown.push(
          `${index + 1}. \`${statement.length > 160 ? `${statement.slice(0, 157)}…` : statement}\` — alone ${formatMs(result.alone[index] ?? Number.NaN)} ms, wave ${waveIds.indexOf(result.queries[index]?.wave ?? 0) + 1}; ${plan.analysed ? `EXPLAIN ANALYZE ${plan.executionMs?.toFixed(1)} ms` : isSetting(plan) ? 'a setting of the transaction' : 'write, not executed by EXPLAIN'}; ` +
            `${plan.seqScans.length > 0 ? `**Seq Scan on ${plan.seqScans.join(', ')}**` : 'no Seq Scan'}; indexes: ${plan.indexes.join(', ') || 'none'}${plan.hotspots.length > 0 ? `; most time in: ${plan.hotspots.join(', ')}` : ''}.`,
        );
      });
      markdown.push('');
    }
    if (intakeResults.length > 0) {
      markdown.push('## Intake through createCase', '');
      markdown.push(
        'Concurrent clients in this process calling `createCase` (what the intake form\'s server action calls: reference number, case, three people,',
        'timeline event, embassy notifications and audit entry in one transaction) for 20 s each; afterwards every returned case is looked up and the new',
        'numbers of each province-year are checked to run on from the counter without a gap. Target: ≥ 100 cases/s, nothing lost, gap-free.',
        '',
        '| scenario | cases/s | created | failed | p50 ms | p95 ms | lost | numbering |',
        '| --- | --- | --- | --- | --- | --- | --- | --- |',
      );
      for (const result of intakeResults) {
        markdown.push(
          `| ${result.name} | ${result.casesPerSecond.toFixed(0)} | ${result.created} | ${result.failed} | ${formatMs(result.p50Ms)} | ${formatMs(result.p95Ms)} | ${result.lost} | ${result.numberingProblems.length === 0 ? 'gap-free' : result.numberingProblems.join('; ')} |`,
        );
      }
      const errors = intakeResults.flatMap((result) => result.errors);
      if (errors.length > 0) markdown.push('', `Errors: ${errors.join('; ')}`);
      markdown.push('');
    }
    if (httpResults.length > 0 || httpFailures.length > 0) {
      markdown.push(`## HTTP (autocannon: ${httpLoads.map((load) => `${load.connections} at once for ${load.seconds} s`).join(', then ')})`, '');
      markdown.push(`Against \`next start\` at ${httpBase} on the same database, signed in as officer01@pnh.police.load and liaison01@cn.embassy.load.`, '');
      markdown.push('| route | at once | req/s | p50 ms | p95 ms | p99 ms | requests | non-2xx | errors/timeouts | load avg after |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
      for (const result of httpResults) {
        markdown.push(`| ${result.name} \`${result.path}\` | ${result.connections} | ${result.requestsPerSecond.toFixed(1)} | ${formatMs(result.p50Ms)} | ${formatMs(result.p95Ms)} | ${formatMs(result.p99Ms)} | ${result.requests} | ${result.non2xx} | ${result.errors} | ${result.loadAverage} |`);
      }
      for (const failure of httpFailures) markdown.push(`- Not measured: ${failure}`);
      markdown.push('');
    }
    fs.writeFileSync(resultsPath, `${markdown.join('\n')}\n`);
    if (jsonPath) {
      const report: SizeReport = {
        database: new URL(url ?? '').pathname.slice(1),
        finished: final,
        cases: Math.round(sizes.find((size) => size.table === 'cases')?.rows ?? 0),
        databaseSize: database?.size ?? '',
        uptimeBefore,
        uptimeAfter,
        detailsFile: path.basename(resultsPath),
        benchmarks: results.map((result) => {
          const summary = summarise(result);
          return {
            name: result.benchmark.name,
            description: result.benchmark.description,
            runs: result.runs,
            appP50: summary.appP50,
            appP95: summary.appP95,
            rawP50: summary.rawP50,
            rawP95: summary.rawP95,
            ratio: summary.ratio,
            target: summary.target,
            ratioTarget,
            statements: result.queries.length,
            waves: result.waves,
            seqScans: summary.seqScans,
            misses: summary.misses,
          };
        }),
        http: httpResults,
        httpFailures,
      };
      fs.writeFileSync(jsonPath, `${JSON.stringify(report, null, 1)}\n`);
    }
    fs.writeFileSync(
      resultsPath.replace(/\.md$/, '.plans.json'),
      `${JSON.stringify(
        results.map((result) => ({ name: result.benchmark.name, statements: result.plans.map((plan) => ({ sql: plan.sql, plan: plan.plan })) })),
        null,
        1,
      )}\n`,
    );
    if (final) console.log(`Wrote ${path.relative(process.cwd(), resultsPath)} (and the full plans next to it).`);
  };
  for (const benchmark of benchmarks) {
    process.stderr.write(`${benchmark.name.padEnd(20)} … `);
    const result = await measure(benchmark);
    const summary = summarise(result);
    process.stderr.write(`app p50 ${formatMs(summary.appP50)} p95 ${formatMs(summary.appP95)} ms, raw p50 ${formatMs(summary.rawP50)} p95 ${formatMs(summary.rawP95)} ms (${result.runs} runs)\n`);
    results.push(result);
    writeReport(false);
  }
  if (withIntake) {
    const topProvinces = await raw<{ code: string }[]>`select code from provinces order by population desc limit 10`;
    const nationalOfficers = await Promise.all(topProvinces.map((row) => actorFor(`officer01@${row.code.toLowerCase()}.police.load`)));
    const capitalOfficers = await Promise.all(Array.from({ length: 10 }, (_, index) => actorFor(`officer${String(index + 1).padStart(2, '0')}@${province.toLowerCase()}.police.load`)));
    for (const [name, officers] of [
      ['20 clients, 10 provinces', nationalOfficers],
      [`20 clients, all in ${province}`, capitalOfficers],
    ] as const) {
      process.stderr.write(`intake: ${name} … `);
      const result = await runIntake(raw, name, officers, 20, 20);
      process.stderr.write(`${result.casesPerSecond.toFixed(0)} cases/s, p95 ${formatMs(result.p95Ms)} ms, lost ${result.lost}, ${result.numberingProblems.length === 0 ? 'gap-free' : 'GAPS'}\n`);
      intakeResults.push(result);
      writeReport(false);
    }
  }
  if (httpBase) {
    const officerCookie = await signIn(httpBase, 'officer01@pnh.police.load', loadPassword);
    const liaisonCookie = await signIn(httpBase, 'liaison01@cn.embassy.load', loadPassword);
    const governorCookie = await signIn(httpBase, 'governor01@pnh.governor.load', loadPassword);
    // The sign-in page is the floor: a page rendered by the same server with no data behind it.
    for (const [name, pathName, cookie] of [
      ['sign-in page (floor)', '/sign-in', null],
      ['case list page', '/police/cases?status=under_investigation&crimeType=drug_trafficking', officerCookie],
      ['embassy inbox page', '/embassy', liaisonCookie],
      ['case workspace page', `/police/cases/${workspaceCase.id}`, officerCookie],
      ['summaries page', '/summaries', governorCookie],
    ] as const) {
      for (const { connections, seconds } of httpLoads) {
        process.stderr.write(`http: ${name}, ${connections} at once … `);
        try {
          const result = await hammer(name, httpBase, pathName, cookie, seconds, connections);
          process.stderr.write(`${result.requestsPerSecond.toFixed(1)} req/s, p95 ${formatMs(result.p95Ms)} ms\n`);
          httpResults.push(result);
        } catch (error) {
          // One page that does not answer 200 must not cost the others their figures.
          const message = `${name} (${pathName}, ${connections} at once): ${error instanceof Error ? error.message : String(error)}`;
          process.stderr.write(`failed: ${message}\n`);
          httpFailures.push(message);
        }
        writeReport(false);
      }
    }
  }
  writeReport(true);
}

try {
  await main();
} finally {
  await databases.close();
}
