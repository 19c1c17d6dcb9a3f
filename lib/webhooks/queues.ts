import 'server-only';
import { and, eq, lte } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { webhookDeliveries } from '@/db/schema';
import { env } from '@/lib/env';
import { defineQueue, enqueueJob, type AnyQueueDefinition, type JobContext, type QueueDefinition } from '@/lib/jobs/jobs';
import type { OutboxTopicHandlers } from '@/lib/jobs/outbox-relay';
import { mailConfig } from '@/lib/mail/config';
import { attemptWebhookDelivery } from './deliver';
import { planWebhookDeliveries, type WebhookEvent } from './fan-out';

export interface WebhookQueueOptions {
  /** Read when a job runs; tests pass `true` for their receiver on 127.0.0.1. Default: WEBHOOKS_ALLOW_LOOPBACK_HTTP. */
  allowLoopbackHttp?: () => boolean;
  /** The app's address, for the API URLs in payloads. Default: the one the e-mail links use. */
  baseUrl?: () => string;
}

export interface WebhookQueues {
  queues: AnyQueueDefinition[];
  topicHandlers: OutboxTopicHandlers;
}

/**
 * One job per attempt, keyed by the delivery, its attempt number and time, started at that time: the backoff
 * lives in the delivery row (lib/webhooks/deliver.ts), not in pg-boss's retries, so the log, the redelivery and
 * the 24-hour limit all read one record. A sweep every minute enqueues any attempt that is due and whose job was
 * lost (a worker that died between recording an attempt and enqueueing the next).
 */
export function defineWebhookQueues(options: WebhookQueueOptions = {}): WebhookQueues {
  const allowLoopbackHttp = options.allowLoopbackHttp ?? (() => env().WEBHOOKS_ALLOW_LOOPBACK_HTTP);
  const baseUrl = options.baseUrl ?? (() => mailConfig().baseUrl);

  const deliverQueue: QueueDefinition<{ deliveryId: string }> = defineQueue({
    name: 'webhooks.deliver',
    retryLimit: 0,
    retryDelaySeconds: 0,
    retryBackoff: false,
    async handler({ deliveryId }) {
      const outcome = await attemptWebhookDelivery(deliveryId, { now: new Date(), allowLoopbackHttp: allowLoopbackHttp(), baseUrl: baseUrl() });
      if (outcome.kind === 'retry') await enqueueAttempts([deliveryId]);
    },
  });

  /** Enqueues the next attempt of each pending delivery, at its time; once per attempt whoever asks. */
  async function enqueueAttempts(deliveryIds: readonly string[]): Promise<void> {
    for (const deliveryId of deliveryIds) {
      const [row] = await getDb()
        .select({ attemptCount: webhookDeliveries.attemptCount, nextAttemptAt: webhookDeliveries.nextAttemptAt })
        .from(webhookDeliveries)
        .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.status, 'pending')))
        .limit(1);
      if (!row?.nextAttemptAt) continue;
      // Keyed by the attempt and its time: a redelivery (same count, a new time) gets a job of its own.
      await enqueueJob(deliverQueue, { deliveryId }, { singletonKey: `${deliveryId}:${row.attemptCount}:${row.nextAttemptAt.toISOString()}`, startAfter: row.nextAttemptAt });
    }
  }

  const sweepQueue = defineQueue<Record<string, never>>({
    name: 'webhooks.sweep',
    retryLimit: 0,
    retryDelaySeconds: 0,
    retryBackoff: false,
    schedule: { cron: '* * * * *', data: {} },
    async handler() {
      const due = await getDb()
        .select({ id: webhookDeliveries.id })
        .from(webhookDeliveries)
        .where(and(eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, new Date())));
      await enqueueAttempts(due.map((row) => row.id));
    },
  });

  const fanOut = async (event: WebhookEvent, job: JobContext) => enqueueAttempts(await planWebhookDeliveries(event, job.id, new Date(), baseUrl()));

  return {
    queues: [deliverQueue, sweepQueue],
    topicHandlers: {
      'notification.created': async ({ notificationId }, job) => fanOut({ type: 'notification.created', notificationId }, job),
      'notification.updated': async ({ notificationId }, job) => fanOut({ type: 'notification.updated', notificationId }, job),
      'notification.overdue': async ({ notificationId }, job) => fanOut({ type: 'notification.overdue', notificationId }, job),
      'cooperation.action_recorded': async ({ actionId }, job) => fanOut({ type: 'cooperation.action_recorded', actionId }, job),
      'cooperation.action_updated': async ({ actionId }, job) => fanOut({ type: 'cooperation.action_updated', actionId }, job),
      'cooperation.message_posted': async ({ messageId }, job) => fanOut({ type: 'cooperation.message_posted', messageId }, job),
      'case.updated': async ({ caseId }, job) => fanOut({ type: 'case.updated', caseId }, job),
    },
  };
}
