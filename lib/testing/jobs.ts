import { runningBoss } from '@/lib/jobs/boss';
import { defineQueue, enqueueJob } from '@/lib/jobs/jobs';

/** A queue whose jobs the tests fail by hand; no worker ever works it. */
const failingQueue = defineQueue<{ attempt: string }>({
  name: 'test.failing',
  retryLimit: 0,
  retryDelaySeconds: 0,
  retryBackoff: false,
  async handler() {},
});

/** A job that failed with an error, as an admin finds it on /admin/jobs: what retryFailedJob takes. */
export async function createFailedJob(): Promise<{ queue: string; jobId: string }> {
  const jobId = await enqueueJob(failingQueue, { attempt: crypto.randomUUID() });
  await (await runningBoss()).boss.fail(failingQueue.name, jobId, new Error('554 5.7.1 relay refused'));
  return { queue: failingQueue.name, jobId };
}
