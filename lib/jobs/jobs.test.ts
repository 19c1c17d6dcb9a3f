import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { actorFor, createOrganisation, createUser } from '@/lib/testing/factories';
import { withTestDatabase } from '@/lib/testing/test-database';
import { retryFailedJob } from './commands';
import { defineQueue, enqueueJob, startWorkers, stopWorkers } from './jobs';
import { listFailedJobs, selectRows } from './queries';

withTestDatabase();

interface Attempt {
  key: string;
  retryCount: number;
  at: number;
}
const attempts: Attempt[] = [];
const attemptsOf = (key: string) => attempts.filter((attempt) => attempt.key === key);

/** Throws on the first two runs of a job, then succeeds. Small delays so the test waits seconds, not minutes. */
const flakyQueue = defineQueue<{ key: string }>({
  name: 'test.flaky',
  retryLimit: 3,
  retryDelaySeconds: 1,
  retryBackoff: true,
  async handler({ key }, job) {
    attempts.push({ key, retryCount: job.retryCount, at: Date.now() });
    if (attemptsOf(key).length <= 2) throw new Error(`attempt ${attemptsOf(key).length} of ${key} failed`);
  },
});

/** Fails until the test lets it succeed: a fault that outlasts the retries. */
const isMailServerBack = { value: false };
const brokenQueue = defineQueue<{ key: string }>({
  name: 'test.broken',
  retryLimit: 1,
  retryDelaySeconds: 1,
  retryBackoff: false,
  async handler({ key }, job) {
    attempts.push({ key, retryCount: job.retryCount, at: Date.now() });
    if (!isMailServerBack.value) throw new Error('connect ECONNREFUSED 127.0.0.1:2525');
  },
});

/** The minute (since the epoch) of each scheduled run. */
const scheduledRuns: number[] = [];
const scheduledQueue = defineQueue<{ label: string }>({
  name: 'test.every-minute',
  retryLimit: 0,
  retryDelaySeconds: 0,
  retryBackoff: false,
  schedule: { cron: '* * * * *', data: { label: 'tick' } },
  async handler({ label }) {
    if (label === 'tick') scheduledRuns.push(Math.floor(Date.now() / 60_000));
  },
});

let admin: Actor;
let officer: Actor;
beforeAll(async () => {
  admin = await actorFor(await createUser({ role: 'admin', totpEnabledAt: new Date() }));
  officer = await actorFor(await createUser({ role: 'police_officer', organisationId: (await createOrganisation({ kind: 'police', provinceCode: 'KKG' })).id }));
  await startWorkers({ queues: [flakyQueue, brokenQueue, scheduledQueue], pollingIntervalSeconds: 0.5, cronMonitorIntervalSeconds: 1 });
});
afterAll(async () => {
  await stopWorkers();
});

async function stateOf(jobId: string): Promise<string | undefined> {
  const [row] = await selectRows<{ state: string }>(getDb(), sql`select state::text as state from pgboss.job where id = ${jobId}::uuid`);
  return row?.state;
}

describe('jobs', () => {
  it('enqueues the same singletonKey once', async () => {
    const first = await enqueueJob(scheduledQueue, { label: 'keyed' }, { singletonKey: 'report-2026-12-01', startAfter: new Date(Date.now() + 3_600_000) });
    const second = await enqueueJob(scheduledQueue, { label: 'keyed again' }, { singletonKey: 'report-2026-12-01' });
    expect(second).toBe(first);
    const rows = await selectRows<{ total: number }>(getDb(), sql`select count(*)::int as total from pgboss.job where name = 'test.every-minute' and singleton_key is null and data->>'label' like 'keyed%'`);
    expect(rows[0]?.total).toBe(1);
  });

  it('retries a job that throws twice, with backoff, and completes it once', async () => {
    const jobId = await enqueueJob(flakyQueue, { key: 'flaky' });
    await vi.waitFor(async () => expect(await stateOf(jobId)).toBe('completed'), { timeout: 20_000, interval: 200 });
    const runs = attemptsOf('flaky');
    expect(runs.map((run) => run.retryCount)).toEqual([0, 1, 2]);
    // Backoff: the first retry waits 1–2 s, the second 2–4 s (pg-boss adds jitter); polling adds up to 0.5 s.
    expect(runs[1]!.at - runs[0]!.at).toBeGreaterThanOrEqual(900);
    expect(runs[2]!.at - runs[1]!.at).toBeGreaterThanOrEqual(1_900);
  });

  it('keeps a job that keeps failing as failed, with its error, for an admin to retry by hand', async () => {
    const jobId = await enqueueJob(brokenQueue, { key: 'broken' });
    await vi.waitFor(async () => expect(await stateOf(jobId)).toBe('failed'), { timeout: 20_000, interval: 200 });
    expect(attemptsOf('broken')).toHaveLength(2);

    const failed = (await listFailedJobs(admin)).find((job) => job.id === jobId);
    expect(failed).toMatchObject({ queue: 'test.broken', retryCount: 1, error: 'connect ECONNREFUSED 127.0.0.1:2525' });
    expect(failed?.failedAt).toBeInstanceOf(Date);
    expect(Object.keys(failed ?? {}).sort()).toEqual(['createdAt', 'error', 'failedAt', 'id', 'queue', 'retryCount']);
    await expect(listFailedJobs(officer)).rejects.toMatchObject({ kind: 'not_found' });
    await expect(retryFailedJob(officer, { queue: 'test.broken', jobId })).rejects.toMatchObject({ kind: 'not_found' });

    isMailServerBack.value = true;
    // Two admins pressing Retry at once: the job runs once more, the second is told it is gone.
    const results = await Promise.allSettled([retryFailedJob(admin, { queue: 'test.broken', jobId }), retryFailedJob(admin, { queue: 'test.broken', jobId })]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    await vi.waitFor(async () => expect(await stateOf(jobId)).toBe('completed'), { timeout: 20_000, interval: 200 });
    expect(attemptsOf('broken')).toHaveLength(3);
    expect((await listFailedJobs(admin)).some((job) => job.id === jobId)).toBe(false);
    const audited = await getDb().select().from(auditLog).where(sql`${auditLog.action} = 'admin.job.retry' and ${auditLog.entityId} = ${jobId}`);
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actorUserId: admin.userId, details: { queue: 'test.broken', retryCount: 1 } });
  });

  it('runs a scheduled job from pg-boss’s scheduler', async () => {
    await vi.waitFor(() => expect(scheduledRuns.length).toBeGreaterThan(0), { timeout: 20_000, interval: 200 });
    // Once per tick: the scheduler sends a schedule at most once a minute, however often it looks.
    expect(new Set(scheduledRuns).size).toBe(scheduledRuns.length);
  });
});
