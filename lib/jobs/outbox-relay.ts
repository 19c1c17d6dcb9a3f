import 'server-only';
import { asc, inArray, isNull, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { outboxMessages, type OutboxTopic } from '@/db/schema';
import { logger } from '@/lib/logger';
import type { OutboxMessage } from '@/lib/outbox/record-outbox-message';
import { defineQueue, enqueueJob, prepareQueues, type JobContext, type QueueDefinition } from './jobs';

/**
 * The outbox relay: turns each committed outbox message (lib/outbox) into exactly one job on its topic's queue.
 * Woken at once by the NOTIFY the outbox trigger sends at commit, and sweeping every minute in case a
 * notification was missed (a worker that was down, a dropped connection).
 */

export type OutboxPayload<Topic extends OutboxTopic> = Extract<OutboxMessage, { topic: Topic }>['payload'];

/** One queue per topic: the compiler insists every topic has one, with its own payload. */
export type OutboxTopicQueues = { [Topic in OutboxTopic]: QueueDefinition<OutboxPayload<Topic>> };

/** What a topic's job does; a topic without a handler yet completes its jobs and logs that nothing handled them. */
export type OutboxTopicHandlers = { [Topic in OutboxTopic]?: (payload: OutboxPayload<Topic>, job: JobContext) => Promise<void> };

/** The channel the outbox trigger notifies (db/migrations/0023_transactional_outbox.sql). */
export const outboxChannel = 'casebridge_outbox';

/**
 * Delivery is retried for about two hours (30 s, 1, 2, 4 … 64 minutes) before a job is kept as failed: long
 * enough to ride out a mail server's restart, short enough that an admin sees a lasting fault the same day.
 */
const topicRetryPolicy = { retryLimit: 8, retryDelaySeconds: 30, retryBackoff: true } as const;

export function defineOutboxTopicQueues(handlers: OutboxTopicHandlers): OutboxTopicQueues {
  const queueFor = <Topic extends OutboxTopic>(topic: Topic): QueueDefinition<OutboxPayload<Topic>> =>
    defineQueue<OutboxPayload<Topic>>({
      name: topic,
      ...topicRetryPolicy,
      async handler(payload, job) {
        const handle = handlers[topic] as OutboxTopicHandlers[Topic];
        if (!handle) {
          logger.debug({ topic, jobId: job.id, payload }, 'no handler registered for this outbox topic yet');
          return;
        }
        await handle(payload, job);
      },
    });
  return {
    'notification.created': queueFor('notification.created'),
    'notification.updated': queueFor('notification.updated'),
    'notification.overdue': queueFor('notification.overdue'),
    'cooperation.action_recorded': queueFor('cooperation.action_recorded'),
    'cooperation.message_posted': queueFor('cooperation.message_posted'),
    'cooperation.action_updated': queueFor('cooperation.action_updated'),
    'case.updated': queueFor('case.updated'),
    'mail.queued': queueFor('mail.queued'),
  };
}

/**
 * Claims up to `batchSize` waiting messages at a time — oldest first, skipping rows another relay holds — and
 * enqueues one job per message keyed by the message's id, then marks them relayed, in one transaction as the
 * owner (the outbox is readable by no scoped role). Two relays never claim the same row; a relay that dies after
 * enqueueing leaves its rows waiting, and the next one's enqueue of the same key adds nothing. Returns how many
 * messages it relayed.
 */
export async function relayOutboxMessages(topicQueues: OutboxTopicQueues, { batchSize = 100 }: { batchSize?: number } = {}): Promise<number> {
  // Before the transaction: starting pg-boss and creating queues must not wait behind it (lib/jobs/boss.ts).
  await prepareQueues(Object.values(topicQueues));
  let relayed = 0;
  for (;;) {
    const claimed = await getDb().transaction(async (tx) => {
      const waiting = await tx
        .select({ id: outboxMessages.id, topic: outboxMessages.topic, payload: outboxMessages.payload })
        .from(outboxMessages)
        .where(isNull(outboxMessages.relayedAt))
        .orderBy(asc(outboxMessages.createdAt), asc(outboxMessages.id))
        .limit(batchSize)
        .for('update', { skipLocked: true });
      for (const message of waiting) {
        // The payload was written by recordOutboxMessage for this topic, so it has the topic's shape.
        const queue = topicQueues[message.topic] as QueueDefinition<object>;
        await enqueueJob(queue, message.payload as object, { singletonKey: message.id, transaction: tx });
      }
      if (waiting.length > 0) {
        await tx
          .update(outboxMessages)
          .set({ relayedAt: sql`now()` })
          .where(inArray(outboxMessages.id, waiting.map((message) => message.id)));
      }
      return waiting.length;
    });
    relayed += claimed;
    if (claimed < batchSize) return relayed;
  }
}

/**
 * The relay as a queue: scheduled every minute (the sweep) and run at once on every NOTIFY of the outbox
 * trigger (`wakeOn`). One sweep at a time is enough; a missed tick is caught by the next.
 */
export function defineOutboxRelayQueue(topicQueues: OutboxTopicQueues): QueueDefinition<Record<string, never>> {
  return defineQueue<Record<string, never>>({
    name: 'outbox.relay',
    retryLimit: 0,
    retryDelaySeconds: 0,
    retryBackoff: false,
    schedule: { cron: '* * * * *', data: {} },
    wakeOn: { channel: outboxChannel, run: relay },
    handler: relay,
  });
  async function relay(): Promise<void> {
    const relayed = await relayOutboxMessages(topicQueues);
    if (relayed > 0) logger.debug({ relayed }, 'outbox messages relayed');
  }
}
