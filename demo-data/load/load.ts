// No `import 'server-only'`: `npm run db:load` runs this under tsx, outside React, where that import throws.
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { migrationsFolder } from '@/db/migrate';
import { ensureLoadDirectory, loadPassword, type LoadDirectory } from './directory';
import { loadTableNames, loadTables, type LoadTable } from './generate';
import { GeneratorThread } from './generator-thread';
import type { LoadOptions } from './options';
import { ProgressBar } from './progress';
import type { ReferenceCounter } from './reference-numbers';

export class LoadRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LoadRefusedError';
  }
}

export interface LoadResult {
  rows: Record<LoadTable, number>;
  seconds: number;
  directory: Pick<LoadDirectory, 'sampleAccounts' | 'createdOrganisations' | 'createdUsers'>;
  counters: ReferenceCounter[];
  /** Province-years whose numbers are not exactly 1…last (should be none). */
  numberingProblems: string[];
  auditSkippedReason: string | null;
}

type Sql = postgres.Sql;

/** Refuses a database without the schema, or with migrations still to apply: the COPY column lists follow the latest schema. */
async function assertMigrated(sql: Sql): Promise<void> {
  const [table] = await sql<{ name: string | null }[]>`select to_regclass('drizzle.__drizzle_migrations')::text as name`;
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: unknown[] };
  const [applied] = table?.name ? await sql<{ count: number }[]>`select count(*)::int as count from drizzle.__drizzle_migrations` : [{ count: 0 }];
  const appliedCount = applied?.count ?? 0;
  if (appliedCount === 0) {
    throw new LoadRefusedError('This database has no migrations applied. Run `npm run db:migrate` (with the same DATABASE_URL) first, then load.');
  }
  if (appliedCount < journal.entries.length) {
    throw new LoadRefusedError(
      `This database has ${appliedCount} of ${journal.entries.length} migrations applied. Run \`npm run db:migrate\` (with the same DATABASE_URL) first, then load.`,
    );
  }
}

/** One generated batch as the worker hands it over: COPY text per table, already encoded. */
export interface GeneratedBuffers {
  first: number;
  count: number;
  tables: Record<LoadTable, Uint8Array>;
  rows: Record<LoadTable, number>;
}

/** Batches written at the same time, each in its own transaction on its own connection. */
const writeLanes = 2;

async function copyInto(tx: postgres.TransactionSql, table: LoadTable, data: Uint8Array): Promise<void> {
  if (data.byteLength === 0) return;
  const columns = loadTables[table] as readonly string[];
  const writable = await tx`copy ${tx(table)} (${tx(columns as string[])}) from stdin`.writable();
  const chunkSize = 1 << 20;
  const chunks = function* () {
    for (let offset = 0; offset < data.byteLength; offset += chunkSize) yield Buffer.from(data.buffer, data.byteOffset + offset, Math.min(chunkSize, data.byteLength - offset));
  };
  await pipeline(Readable.from(chunks()), writable);
}

/**
 * Writes one batch in one transaction, every table by COPY, in foreign-key order. Audit rows go last through
 * the same COPY: the hash-chain trigger (BEFORE INSERT, FOR EACH ROW) fires for COPY too and chains them like
 * any other insert; its advisory lock makes the audit part of concurrent batches take turns.
 */
async function writeBatch(sql: Sql, batch: GeneratedBuffers): Promise<void> {
  await sql.begin(async (tx) => {
    for (const table of loadTableNames) await copyInto(tx, table, batch.tables[table]);
  });
}

export async function runLoad(url: string, options: LoadOptions, log: (line: string) => void = (line) => console.error(line)): Promise<LoadResult> {
  const started = performance.now();
  // synchronous_commit off for this session only: a crash could lose the last batches, never corrupt anything.
  const sql = postgres(url, { max: writeLanes, onnotice: () => {}, connection: { application_name: 'casebridge-db-load', synchronous_commit: 'off' } });
  let generator: GeneratorThread | undefined;
  try {
    await assertMigrated(sql);
    const db = drizzle(sql);
    const directory = await ensureLoadDirectory(db, options.seed);
    log(`Directory: ${directory.createdOrganisations} organisations and ${directory.createdUsers} accounts added (the others existed).`);

    const existingCounters = await sql<ReferenceCounter[]>`select province_code as "provinceCode", year::int as year, last_number as "lastNumber" from case_reference_counters`;
    generator = new GeneratorThread({
      seed: options.seed,
      nowMs: Date.now(),
      totalCases: options.cases,
      audit: options.audit,
      provinces: directory.provinces,
      police: [...directory.police.values()],
      embassies: directory.embassies,
      counters: existingCounters,
    });

    await setSummaryTriggers(sql, 'disable');
    const rows = Object.fromEntries(loadTableNames.map((table) => [table, 0])) as Record<LoadTable, number>;
    const progress = new ProgressBar(options.cases, 'cases');
    let auditSkippedReason: string | null = null;
    let written = 0;
    const lanes = new Set<Promise<void>>();
    let failure: unknown = null;

    const write = async (batch: GeneratedBuffers) => {
      if (auditSkippedReason) batch.tables.audit_log = new Uint8Array(0);
      try {
        await writeBatch(sql, batch);
      } catch (error) {
        // If the audit log refuses bulk rows (a trigger of another change), go on without audit entries and say so.
        if (batch.tables.audit_log.byteLength === 0 || !isAuditError(error)) throw error;
        auditSkippedReason ??= error instanceof Error ? error.message : String(error);
        generator?.setAudit('none');
        log(`\nAudit rows refused (${auditSkippedReason}); continuing without audit entries.`);
        batch.tables.audit_log = new Uint8Array(0);
        batch.rows.audit_log = 0;
        await writeBatch(sql, batch);
      }
      for (const table of loadTableNames) rows[table] += batch.rows[table];
      written += batch.count;
      progress.update(written);
    };

    // The worker generates the next batch while up to `writeLanes` earlier ones are being written.
    let next: Promise<GeneratedBuffers> | null = generator.generate(0, Math.min(options.batch, options.cases));
    let requested = Math.min(options.batch, options.cases);
    while (next && !failure) {
      const batch: GeneratedBuffers = await next;
      next = requested < options.cases ? generator.generate(requested, Math.min(options.batch, options.cases - requested)) : null;
      requested = Math.min(requested + options.batch, options.cases);
      while (lanes.size >= writeLanes) await Promise.race(lanes);
      if (failure) break;
      const lane: Promise<void> = write(batch)
        .catch((error: unknown) => {
          failure ??= error;
        })
        .finally(() => lanes.delete(lane));
      lanes.add(lane);
    }
    await Promise.all(lanes);
    if (failure) {
      throw new Error(
        `The load stopped after writing ${written.toLocaleString('en')} cases; batches are atomic but may have committed out of order, ` +
          'so reference numbers can have gaps and the counters were not updated. Drop and recreate this database before loading again.',
        { cause: failure },
      );
    }
    progress.finish(written);

    const counters = await generator.counters();
    await sql.begin(async (tx) => {
      for (const counter of counters) {
        await tx`
          insert into case_reference_counters (province_code, year, last_number)
          values (${counter.provinceCode}, ${counter.year}, ${counter.lastNumber})
          on conflict (province_code, year) do update set last_number = greatest(case_reference_counters.last_number, excluded.last_number)`;
      }
    });
    log('Recomputing the summary rollups and the embassies\' page counters…');
    await sql`select summary_rebuild()`;
    await sql`select page_counters_rebuild()`;
    await setSummaryTriggers(sql, 'enable');
    // VACUUM as well as ANALYZE: index-only scans (the capped counts of the lists) need the visibility map that
    // autovacuum would otherwise build only some time after the load.
    log('Vacuuming and analysing the loaded tables…');
    for (const table of loadTableNames) await sql`vacuum analyze ${sql(table)}`;
    const numberingProblems = await checkNumbering(sql);
    return {
      rows,
      seconds: (performance.now() - started) / 1000,
      directory,
      counters,
      numberingProblems,
      auditSkippedReason,
    };
  } finally {
    await generator?.close();
    await sql.end({ timeout: 5 });
  }
}

/**
 * The summary rollup triggers (migration 0010) and the embassies' page counters (migration 0029) would make
 * parallel COPY lanes queue on the same rows; the load turns them off and recomputes both once at the end. A
 * load that fails leaves them off, with the message to recreate the database.
 */
const summaryTriggers = {
  cases: ['cases_summary_insert_delete', 'cases_summary_update', 'cases_consular_summary_update'],
  case_people: ['case_people_summary_insert_delete', 'case_people_summary_update', 'case_people_consular_summary_insert_delete', 'case_people_consular_summary_update'],
  notifications: [
    'notifications_summary_insert_delete',
    'notifications_summary_update',
    'notifications_consular_summary_insert_delete',
    'notifications_consular_summary_update',
    'notifications_page_counters_insert',
    'notifications_page_counters_delete',
    'notifications_page_counters_update',
  ],
  notification_updates: ['notification_updates_page_counters_insert_delete', 'notification_updates_page_counters_update'],
  cooperation_actions: ['cooperation_actions_summary_insert', 'cooperation_actions_summary_update', 'cooperation_actions_summary_delete'],
} as const;

async function setSummaryTriggers(sql: Sql, state: 'enable' | 'disable'): Promise<void> {
  for (const [table, triggers] of Object.entries(summaryTriggers)) {
    for (const trigger of triggers) {
      await (state === 'enable' ? sql`alter table ${sql(table)} enable trigger ${sql(trigger)}` : sql`alter table ${sql(table)} disable trigger ${sql(trigger)}`);
    }
  }
}

function isAuditError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /audit_log/i.test(message);
}

/** Every province-year must hold exactly the numbers 1…last, and its counter must say last. */
async function checkNumbering(sql: Sql): Promise<string[]> {
  const rows = await sql<{ provinceCode: string; year: number; cases: number; lowest: number; highest: number; counter: number | null }[]>`
    select c.province_code as "provinceCode", c.reference_year::int as year, count(*)::int as cases,
           min(c.reference_sequence) as lowest, max(c.reference_sequence) as highest, r.last_number as counter
    from cases c
    left join case_reference_counters r on r.province_code = c.province_code and r.year = c.reference_year
    group by c.province_code, c.reference_year, r.last_number`;
  return rows
    .filter((row) => row.lowest !== 1 || row.highest !== row.cases || row.counter !== row.highest)
    .map((row) => `${row.provinceCode}-${row.year}: ${row.cases} cases numbered ${row.lowest}…${row.highest}, counter ${row.counter ?? 'missing'}`);
}

export { loadPassword };
