import 'server-only';
import { createHash } from 'node:crypto';
import { getDatabaseHandle, type Transaction } from '@/db/client';
import { logger } from '@/lib/logger';
import { ensureQueue, jobConnectionIn, runningBoss, stopBoss } from './boss';

/**
 * The job API the rest of the app uses: a queue is a typed definition with its handler and retry policy; jobs are
 * enqueued by value, idempotently when given a key; `startWorkers` works the queues of the list in
 * lib/jobs/queues.ts. pg-boss stays behind this module (and lib/jobs/boss.ts).
 */

export interface JobContext {
  id: string;
  /** How many times this job has been retried before this run (0 on the first run). */
  retryCount: number;
}

export interface QueueDefinition<T extends object> {
  /** The pg-boss queue; outbox topics use their topic as the name. */
  name: string;
  /** Throwing fails this run: pg-boss retries it until `retryLimit`, then keeps it as failed with the error. */
  // A method, not a property, so definitions of different payloads fit one list (lib/jobs/queues.ts).
  handler(data: T, job: JobContext): Promise<void>;
  retryLimit: number;
  /** The first retry's delay; with `retryBackoff`, each retry waits about twice as long as the one before. */
  retryDelaySeconds: number;
  retryBackoff: boolean;
  /** Cron work: pg-boss's scheduler sends this job once per tick across all workers (Cambodian time by default). */
  schedule?: { cron: string; tz?: string; data: T };
  /**
   * Work that should also run at once, in every worker process, when a NOTIFY arrives on `channel` (the outbox
   * relay): bursts are coalesced into one run at a time, and a failure is logged and left to the schedule.
   */
  wakeOn?: { channel: string; run: () => Promise<void> };
}

export type AnyQueueDefinition = QueueDefinition<object>;

export function defineQueue<T extends object>(definition: QueueDefinition<T>): QueueDefinition<T> {
  return definition;
}

export interface EnqueueOptions {
  /**
   * The same key on the same queue never makes a second job, whoever sends it and however often: the job's id
   * is derived from it, and pg-boss inserts a job whose id exists — waiting, running, done or archived — as nothing.
   */
  singletonKey?: string;
  startAfter?: Date;
  /** Enqueue as part of this transaction (lib/jobs/boss.ts, jobConnectionIn, says how far that goes per driver). */
  transaction?: Transaction;
}

/** A job id fixed by the queue and the key: an RFC 9562 version 8 UUID from their SHA-256. */
export function jobIdFor(queueName: string, singletonKey: string): string {
  const bytes = createHash('sha256').update(`${queueName}\n${singletonKey}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Starts pg-boss and creates the queues, so that enqueueing inside a transaction sends only the job's insert. */
export async function prepareQueues(queues: readonly AnyQueueDefinition[]): Promise<void> {
  const running = await runningBoss();
  for (const queue of queues) await ensureQueue(running, queue.name);
}

/** Enqueues one job and returns its id (with a singletonKey: the id of the one job that key ever makes). */
export async function enqueueJob<T extends object>(queue: QueueDefinition<T>, data: T, options: EnqueueOptions = {}): Promise<string> {
  const running = await runningBoss();
  await ensureQueue(running, queue.name);
  const db = options.transaction ? jobConnectionIn(running, options.transaction) : undefined;
  const id = options.singletonKey ? jobIdFor(queue.name, options.singletonKey) : undefined;
  // Completed jobs move to pg-boss's archive after 12 hours, out of reach of the insert's conflict check.
  if (id && (await running.boss.getJobById(queue.name, id, { includeArchive: true, ...(db ? { db } : {}) }))) return id;
  const sent = await running.boss.send(queue.name, data, {
    ...(id ? { id } : {}),
    ...(options.startAfter ? { startAfter: options.startAfter } : {}),
    retryLimit: queue.retryLimit,
    retryDelay: queue.retryDelaySeconds,
    retryBackoff: queue.retryBackoff,
    ...(db ? { db } : {}),
  });
  const jobId = sent ?? id;
  if (!jobId) throw new Error(`pg-boss did not enqueue a job on ${queue.name}`);
  return jobId;
}

/** Cambodian time, in which every schedule's cron is read unless it says otherwise. */
export const scheduleTimeZone = 'Asia/Phnom_Penh';

/**
 * Sends `data` to the queue on every tick of `cron`. pg-boss keeps one schedule per queue (scheduling again
 * replaces it) and sends each tick once, whichever worker's scheduler sees it first.
 */
export async function schedule<T extends object>(queue: QueueDefinition<T>, cron: string, options: { tz?: string; data: T }): Promise<void> {
  const running = await runningBoss();
  await ensureQueue(running, queue.name);
  await running.boss.schedule(queue.name, cron, options.data, {
    tz: options.tz ?? scheduleTimeZone,
    retryLimit: queue.retryLimit,
    retryDelay: queue.retryDelaySeconds,
    retryBackoff: queue.retryBackoff,
  });
}

export interface StartWorkersOptions {
  queues: readonly AnyQueueDefinition[];
  /** How often an idle worker looks for work; pg-boss's default is 2 s, its minimum 0.5 s. */
  pollingIntervalSeconds?: number;
  /** How often the scheduler looks at the schedules; pg-boss's default is 30 s. */
  cronMonitorIntervalSeconds?: number;
}

/**
 * Works every queue of the list in this process, and registers their schedules. pg-boss's maintenance (expiring
 * stuck jobs, archiving) runs here too. Several processes may do this at once on one PostgreSQL server: each job
 * is fetched by one of them (`FOR UPDATE SKIP LOCKED`).
 */
export async function startWorkers(options: StartWorkersOptions): Promise<void> {
  const running = await runningBoss({
    runsWorkers: true,
    pollingIntervalSeconds: options.pollingIntervalSeconds,
    cronMonitorIntervalSeconds: options.cronMonitorIntervalSeconds,
  });
  for (const queue of options.queues) {
    await ensureQueue(running, queue.name);
    await running.boss.work<object>(
      queue.name,
      { includeMetadata: true, batchSize: 1, ...(options.pollingIntervalSeconds ? { pollingIntervalSeconds: options.pollingIntervalSeconds } : {}) },
      async (jobs) => {
        for (const job of jobs) await runJob(queue, job);
      },
    );
    if (queue.schedule) await schedule(queue, queue.schedule.cron, { tz: queue.schedule.tz, data: queue.schedule.data });
    if (queue.wakeOn) wakeListeners.push(await listenAndRun(queue.name, queue.wakeOn));
  }
  logger.info({ queues: options.queues.map((queue) => queue.name) }, 'job workers started');
}

async function runJob(queue: AnyQueueDefinition, job: { id: string; data: object; retryCount: number }): Promise<void> {
  try {
    await queue.handler(job.data, { id: job.id, retryCount: job.retryCount });
  } catch (error) {
    // pg-boss records the error on the job and schedules the retry; the log says it happened.
    logger.warn({ err: error, queue: queue.name, jobId: job.id, retryCount: job.retryCount }, 'job failed');
    throw error;
  }
}

interface WakeListener {
  /** Stops listening and waits for a run in progress. */
  stop(): Promise<void>;
}

const wakeListeners: WakeListener[] = [];

async function listenAndRun(queueName: string, wakeOn: { channel: string; run: () => Promise<void> }): Promise<WakeListener> {
  let current: Promise<void> | null = null;
  let isWanted = false;
  const runWhileWanted = async () => {
    while (isWanted) {
      isWanted = false;
      try {
        await wakeOn.run();
      } catch (error) {
        logger.warn({ err: error, queue: queueName, channel: wakeOn.channel }, 'woken run failed; the schedule tries again');
      }
    }
    current = null;
  };
  const wake = () => {
    isWanted = true;
    current ??= runWhileWanted();
  };
  const unlisten = await getDatabaseHandle().listen(wakeOn.channel, wake);
  // What was committed while no worker listened is taken at once rather than at the next tick.
  wake();
  return {
    stop: async () => {
      await unlisten();
      isWanted = false;
      await current;
    },
  };
}

/** Stops the workers, letting running jobs finish for up to `timeoutMs`; what is left is retried later. */
export async function stopWorkers(timeoutMs?: number): Promise<void> {
  for (const listener of wakeListeners.splice(0)) await listener.stop();
  await stopBoss(timeoutMs);
}
