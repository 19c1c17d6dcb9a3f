import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { mailDeliveries } from '@/db/schema';
import { defineQueue, enqueueJob, type AnyQueueDefinition, type JobContext, type QueueDefinition } from '@/lib/jobs/jobs';
import type { OutboxTopicHandlers } from '@/lib/jobs/outbox-relay';
import { mailConfig, type MailConfig } from './config';
import { defineDeadlineQueue } from './deadlines';
import { planDeclineMail } from './decline';
import { planDailyDigests } from './digest';
import { planNewNotificationMail } from './new-notification';
import { defineNotificationUpdateMail } from './notification-updates';
import { planActionRequestMail, planMessageRequestMail } from './requests';
import { markMailDeliveryFailed, sendMailDelivery } from './send';

export interface MailQueueOptions {
  /** Read when a job runs, never when the module loads (`next build` imports it); tests pass their SMTP server's. */
  configOf?: () => MailConfig;
  /**
   * A mail server that is down or refusing is retried with backoff: 30 s, 1 min, 2 min, … about two hours in all
   * by default; tests retry within seconds.
   */
  retries?: { limit: number; delaySeconds: number };
  /** The clock the planners read; tests set their own (a controllable clock). */
  now?: () => Date;
}

/** What every planner is given: the configuration, the clock, and the way to send what it planned. */
export interface MailContext {
  config: () => MailConfig;
  now: () => Date;
  /** Enqueues one send job per delivery (idempotent: a delivery's job is keyed by its id). */
  send: (deliveryIds: readonly string[]) => Promise<void>;
}

export interface MailQueues {
  /** The queues the workers work: sending, the sweep that resends what a crash left queued, update batches, deadlines. */
  queues: AnyQueueDefinition[];
  /** What the outbox topics that cause e-mail do (lib/jobs/queues.ts hands them to the outbox relay). */
  topicHandlers: OutboxTopicHandlers;
}

/**
 * Every e-mail job, wired to one send queue. One job per delivery: after the last retry a delivery is kept as
 * failed with the server's answer. Planners (new-notification.ts …) store rendered deliveries idempotently and
 * hand their ids to `send`.
 */
export function defineMailQueues(options: MailQueueOptions = {}): MailQueues {
  const config = options.configOf ?? mailConfig;
  const retries = options.retries ?? { limit: 8, delaySeconds: 30 };
  const now = options.now ?? (() => new Date());

  const sendQueue: QueueDefinition<{ deliveryId: string }> = defineQueue({
    name: 'mail.send',
    retryLimit: retries.limit,
    retryDelaySeconds: retries.delaySeconds,
    retryBackoff: true,
    async handler({ deliveryId }, job: JobContext) {
      try {
        await sendMailDelivery(deliveryId, new Date(), config());
      } catch (error) {
        if (job.retryCount >= retries.limit) await markMailDeliveryFailed(deliveryId, error);
        throw error;
      }
    },
  });
  const send = async (deliveryIds: readonly string[]) => {
    for (const deliveryId of deliveryIds) await enqueueJob(sendQueue, { deliveryId }, { singletonKey: deliveryId });
  };
  const context: MailContext = { config, now, send };

  // A planner that died between storing its deliveries and enqueueing them (or a `mail.queued` message whose
  // job was lost) leaves them queued: every minute, each queued delivery gets its send job, once.
  const sweepQueue = defineQueue<Record<string, never>>({
    name: 'mail.sweep',
    retryLimit: 0,
    retryDelaySeconds: 0,
    retryBackoff: false,
    schedule: { cron: '* * * * *', data: {} },
    async handler() {
      const waiting = await getDb().select({ id: mailDeliveries.id }).from(mailDeliveries).where(eq(mailDeliveries.status, 'queued'));
      await send(waiting.map((row) => row.id));
    },
  });

  const updateMail = defineNotificationUpdateMail(context, retries);

  // The digest of the day at 07:30 Cambodian time, before the embassies' and the police's working day. pg-boss
  // sends each tick once across the workers, and a second run the same day plans nothing (the day is the key).
  const digestQueue = defineQueue<Record<string, never>>({
    name: 'mail.digest',
    retryLimit: 5,
    retryDelaySeconds: 60,
    retryBackoff: true,
    schedule: { cron: '30 7 * * *', data: {} },
    async handler() {
      await send(await planDailyDigests(context.now(), context.config()));
    },
  });

  return {
    queues: [sendQueue, sweepQueue, updateMail.queue, defineDeadlineQueue(context), digestQueue],
    topicHandlers: {
      'notification.created': async ({ notificationId }) => send(await planNewNotificationMail(notificationId, context.now(), context.config())),
      'notification.updated': async (payload) => {
        await updateMail.onNotificationUpdated(payload);
        // A decline is the police's to answer: they are told at once (lib/mail/decline.ts).
        await send(await planDeclineMail(payload.notificationId, context.now(), context.config()));
      },
      'cooperation.action_recorded': async ({ actionId }) => send(await planActionRequestMail(actionId, context.now(), context.config())),
      'cooperation.message_posted': async ({ messageId }) => send(await planMessageRequestMail(messageId, context.now(), context.config())),
      'mail.queued': async ({ deliveryId }) => send([deliveryId]),
    },
  };
}
