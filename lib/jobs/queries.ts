import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { getDb, type Database } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';

/** A failed job as an admin sees it: where and when it failed and why, never its payload. */
export interface FailedJobView {
  id: string;
  queue: string;
  createdAt: Date;
  failedAt: Date | null;
  retryCount: number;
  /** The error the last run threw (its message, at most 500 characters). */
  error: string;
}

/**
 * How long a failed job stays in pg-boss's job table, where an admin sees it and may retry it (pg-boss's default
 * is 12 hours, then the archive, where a job can no longer be retried).
 */
export const failedJobRetentionDays = 30;

/** At most this many failed jobs are listed, newest failure first. */
export const maxListedFailedJobs = 100;

/** postgres.js returns a statement's rows as the result; PGlite wraps them in `{ rows }`. */
export async function selectRows<Row>(db: Pick<Database, 'execute'>, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown;
  return Array.isArray(result) ? (result as Row[]) : ((result as { rows?: Row[] }).rows ?? []);
}

/** Whether pg-boss has installed its schema in this database (it does at the first start of a worker or an enqueue). */
export async function hasJobTables(db: Pick<Database, 'execute'>): Promise<boolean> {
  const [row] = await selectRows<{ installed: boolean }>(db, sql`select to_regclass('pgboss.job') is not null as installed`);
  return row?.installed === true;
}

/**
 * The failed jobs of every queue: kept by pg-boss for failedJobRetentionDays, until an admin
 * retries them. Reads pg-boss's own table (pg-boss 10's columns; the version is pinned), as the owner.
 */
export async function listFailedJobs(actor: Actor): Promise<FailedJobView[]> {
  requirePermission(actor, 'read:jobs:all');
  const db = getDb();
  if (!(await hasJobTables(db))) return [];
  const rows = await selectRows<{ id: string; queue: string; createdAtMs: number; failedAtMs: number | null; retryCount: number; error: string }>(
    db,
    sql`select id::text as id, name as queue,
          (extract(epoch from created_on) * 1000)::float8 as "createdAtMs",
          (extract(epoch from completed_on) * 1000)::float8 as "failedAtMs",
          retry_count as "retryCount",
          left(coalesce(output->>'message', output->>'value', output::text, ''), 500) as error
        from pgboss.job
        where state = 'failed'
        order by completed_on desc nulls last, id
        limit ${maxListedFailedJobs}`,
  );
  return rows.map((row) => ({
    id: row.id,
    queue: row.queue,
    createdAt: new Date(Number(row.createdAtMs)),
    failedAt: row.failedAtMs === null ? null : new Date(Number(row.failedAtMs)),
    retryCount: Number(row.retryCount),
    error: row.error,
  }));
}
