import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { outboxMessages } from '@/db/schema';
import { recordOutboxMessage } from '@/lib/outbox/record-outbox-message';
import { withTestDatabase } from '@/lib/testing/test-database';
import { enqueueJob, jobIdFor, startWorkers, stopWorkers } from './jobs';
import { defineOutboxRelayQueue, defineOutboxTopicQueues, relayOutboxMessages } from './outbox-relay';
import { selectRows } from './queries';

withTestDatabase();

/** What the topic handlers were given, in order: the e-mail module's functions will stand here. */
const handled: { topic: string; notificationId: string; jobId: string }[] = [];
const topicQueues = defineOutboxTopicQueues({
  'notification.created': async ({ notificationId }, job) => void handled.push({ topic: 'notification.created', notificationId, jobId: job.id }),
  'notification.updated': async ({ notificationId }, job) => void handled.push({ topic: 'notification.updated', notificationId, jobId: job.id }),
});

let startupMs = 0;
beforeAll(async () => {
  const started = performance.now();
  await startWorkers({ queues: [defineOutboxRelayQueue(topicQueues), ...Object.values(topicQueues)], pollingIntervalSeconds: 0.5 });
  startupMs = performance.now() - started;
});
afterAll(async () => {
  await stopWorkers();
});

/** The jobs pg-boss holds (or archived) for one notification, on any queue. */
async function jobsFor(notificationId: string) {
  return selectRows<{ id: string; name: string }>(
    getDb(),
    sql`select id::text as id, name from pgboss.job where data->>'notificationId' = ${notificationId}
        union all select id::text, name from pgboss.archive where data->>'notificationId' = ${notificationId}`,
  );
}

async function recordCommitted(topic: 'notification.created' | 'notification.updated', notificationId: string = randomUUID()): Promise<string> {
  await getDb().transaction((tx) => recordOutboxMessage(tx, { topic, payload: { notificationId } }));
  return notificationId;
}

describe('the outbox relay', () => {
  it('starts pg-boss (installing its schema) within a reasonable time', () => {
    // Measured, not a limit anyone tunes for: the schema install is pg-boss's, once per test database.
    expect(startupMs).toBeLessThan(20_000);
  });

  it('hands a committed message to its topic handler once, woken by the commit', async () => {
    const notificationId = await recordCommitted('notification.created');
    await vi.waitFor(() => expect(handled.filter((entry) => entry.notificationId === notificationId)).toHaveLength(1), { timeout: 15_000, interval: 100 });
    const [row] = await getDb().select().from(outboxMessages).where(sql`${outboxMessages.payload}->>'notificationId' = ${notificationId}`);
    expect(row?.relayedAt).toBeInstanceOf(Date);
    expect(await jobsFor(notificationId)).toEqual([{ id: jobIdFor('notification.created', row!.id), name: 'notification.created' }]);
  });

  it('makes exactly one job of a message even with relays running at once, and after a relay died mid-way', async () => {
    const notificationIds = await Promise.all(Array.from({ length: 5 }, () => recordCommitted('notification.updated')));
    // A relay that enqueued the first message and died before marking it: the row still waits.
    const [first] = await getDb().select().from(outboxMessages).where(sql`${outboxMessages.payload}->>'notificationId' = ${notificationIds[0]!}`);
    await enqueueJob(topicQueues['notification.updated'], { notificationId: notificationIds[0]! }, { singletonKey: first!.id });
    await Promise.all([relayOutboxMessages(topicQueues, { batchSize: 2 }), relayOutboxMessages(topicQueues, { batchSize: 2 }), relayOutboxMessages(topicQueues)]);
    await vi.waitFor(() => expect(handled.filter((entry) => notificationIds.includes(entry.notificationId))).toHaveLength(5), { timeout: 15_000, interval: 100 });
    // Checked once every relay is done: the workers' own relay, woken by the commits, may still hold a row it claimed
    // (its job insert not yet visible) while the three above run, which is the skipping the test is about.
    for (const notificationId of notificationIds) expect(await jobsFor(notificationId), notificationId).toHaveLength(1);
    const waiting = await getDb().select().from(outboxMessages).where(eq(outboxMessages.id, first!.id));
    expect(waiting[0]?.relayedAt).toBeInstanceOf(Date);
  });

  it('makes no job of a write that rolled back', async () => {
    const notificationId = randomUUID();
    await expect(
      getDb().transaction(async (tx) => {
        await recordOutboxMessage(tx, { topic: 'notification.created', payload: { notificationId } });
        throw new Error('the change is refused after its outbox message was written');
      }),
    ).rejects.toThrow('refused');
    await relayOutboxMessages(topicQueues);
    expect(await jobsFor(notificationId)).toEqual([]);
    expect(handled.some((entry) => entry.notificationId === notificationId)).toBe(false);
  });
});
