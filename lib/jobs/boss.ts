import 'server-only';
import type { Transaction as PgliteTransaction, PGlite } from '@electric-sql/pglite';
import PgBoss from 'pg-boss';
import { getDatabaseHandle, pgliteClientOf, pgliteTransactionOf, type DatabaseHandle, type Transaction } from '@/db/client';
import { logger } from '@/lib/logger';
import { failedJobRetentionDays } from './queries';

/**
 * The process's pg-boss, over whichever database the app uses (docs/decisions/011-jobs-and-outbox.md). On
 * PostgreSQL it opens its own small pool from the server's URL; on the embedded database it sends its statements
 * through an adapter over the app's one PGlite instance, since nothing may open a second. It installs (and on a
 * newer pg-boss migrates) its own schema `pgboss` at start, as the owner.
 */

type PgliteConnection = Pick<PGlite | PgliteTransaction, 'query' | 'exec'>;

/**
 * pg-boss's `db` option over a PGlite connection. PGlite's `query()` is one prepared statement and refuses
 * several, and pg-boss sends its schema install and maintenance as parameterless batches (`BEGIN; …; COMMIT;`):
 * those go through `exec()`, whose last result is the batch's answer; everything with values through `query()`.
 */
function pgliteAdapter(connection: PgliteConnection): PgBoss.Db {
  return {
    executeSql: async (text, values) => {
      if (values && values.length > 0) return { rows: (await connection.query(text, values)).rows };
      const results = await connection.exec(text);
      return { rows: results.at(-1)?.rows ?? [] };
    },
  };
}

export interface BossOptions {
  /** Workers run in this process: pg-boss then also runs its maintenance and its cron scheduler here. */
  runsWorkers: boolean;
  /** How often an idle worker looks for work (pg-boss's minimum is 0.5 s; tests poll fast). */
  pollingIntervalSeconds?: number;
  /** How often the scheduler checks the schedules (pg-boss: 30 s; tests check every second). */
  cronMonitorIntervalSeconds?: number;
}

interface RunningBoss {
  handle: DatabaseHandle;
  boss: PgBoss;
  options: BossOptions;
  /** Queues known to exist in this database, so each is created once per process, never inside a transaction. */
  queues: Set<string>;
  /** The queue creation in progress, which the next one waits for. */
  creating: Promise<void>;
}

// On globalThis, like the database handle: dev hot reload must not start a second pg-boss.
const holder = globalThis as typeof globalThis & { __casebridgeBoss?: Promise<RunningBoss> };

function connectionOptions(handle: DatabaseHandle): PgBoss.ConstructorOptions {
  if (handle.serverUrl) return { connectionString: handle.serverUrl, max: 4, application_name: 'casebridge-jobs' };
  return { db: pgliteAdapter(pgliteClientOf(handle)) };
}

async function startBoss(handle: DatabaseHandle, options: BossOptions): Promise<RunningBoss> {
  const boss = new PgBoss({
    ...connectionOptions(handle),
    supervise: options.runsWorkers,
    schedule: options.runsWorkers,
    archiveFailedAfterSeconds: failedJobRetentionDays * 24 * 60 * 60,
    ...(options.pollingIntervalSeconds ? { pollingIntervalSeconds: options.pollingIntervalSeconds } : {}),
    ...(options.cronMonitorIntervalSeconds ? { cronMonitorIntervalSeconds: options.cronMonitorIntervalSeconds, cronWorkerIntervalSeconds: options.cronMonitorIntervalSeconds } : {}),
  });
  // pg-boss reports failures of its own loops (polling, maintenance) here; without a listener they would crash.
  boss.on('error', (error) => logger.error({ err: error }, 'pg-boss error'));
  await boss.start();
  return { handle, boss, options, queues: new Set(), creating: Promise.resolve() };
}

/**
 * The running pg-boss for the current database, started on first use (enqueueing alone needs no workers). A test
 * that replaced the database gets a new one; `runsWorkers` upgrades an enqueue-only instance.
 */
export async function runningBoss(options: BossOptions = { runsWorkers: false }): Promise<RunningBoss> {
  const handle = getDatabaseHandle();
  const current = holder.__casebridgeBoss ? await holder.__casebridgeBoss.catch(() => null) : null;
  if (current && current.handle === handle && (current.options.runsWorkers || !options.runsWorkers)) return current;
  if (current) await stopBoss();
  holder.__casebridgeBoss = startBoss(handle, options);
  try {
    return await holder.__casebridgeBoss;
  } catch (error) {
    holder.__casebridgeBoss = undefined;
    throw error;
  }
}

/** Stops pg-boss, letting running jobs finish for up to `timeoutMs` (those still running are failed and retried). */
export async function stopBoss(timeoutMs = 10_000): Promise<void> {
  const pending = holder.__casebridgeBoss;
  holder.__casebridgeBoss = undefined;
  const current = pending ? await pending.catch(() => null) : null;
  await current?.boss.stop({ graceful: true, timeout: timeoutMs, wait: true });
}

/**
 * Creates a queue once per process (pg-boss drops jobs sent to a queue that does not exist). pg-boss 10 creates
 * each queue's partition without a lock, and two creations at once — two workers starting together — can
 * deadlock in PostgreSQL: creations are serialised within the process, and the victim of a deadlock between
 * processes tries again (the queue then usually exists already).
 */
export async function ensureQueue(running: RunningBoss, name: string): Promise<void> {
  if (running.queues.has(name)) return;
  const created = running.creating.then(() => createQueueRetryingDeadlocks(running, name));
  running.creating = created.catch(() => {});
  await created;
  running.queues.add(name);
}

async function createQueueRetryingDeadlocks(running: RunningBoss, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      if (!(await running.boss.getQueue(name))) await running.boss.createQueue(name);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== '40P01' || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200 * attempt));
    }
  }
}

/**
 * The connection pg-boss should use to write inside `tx`. On PGlite, the transaction's own: the instance runs one
 * transaction at a time, so a job insert sent beside it would wait for it forever; inside it, the job commits or
 * rolls back with the transaction. On PostgreSQL, pg-boss's own pool: postgres.js runs text SQL only through
 * `unsafe`, which the app does not use. The insert then commits on its own, which the callers make safe with a
 * job id derived from their idempotency key (lib/jobs/jobs.ts).
 */
export function jobConnectionIn(running: RunningBoss, tx: Transaction): PgBoss.Db | undefined {
  return running.handle.driver === 'pglite' ? pgliteAdapter(pgliteTransactionOf(tx)) : undefined;
}
