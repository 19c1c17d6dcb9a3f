import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { mailDeliveries } from '@/db/schema';
import { defineQueue, enqueueJob, type JobContext } from '@/lib/jobs/jobs';
import { mailConfig, type MailConfig } from './config';
import { planNotificationMail } from './plan';
import { markMailDeliveryFailed, sendMailDelivery } from './send';

/**
 * One job per delivery (tests pass their own configuration and short retries): a mail server that is down or refusing is retried with backoff (30 s, 1 min, 2 min, … about
 * two hours in all), and after the last retry the delivery is kept as failed with the server's answer.
 */
export function defineMailSendQueue(configOf: () => MailConfig = mailConfig, retries: { limit: number; delaySeconds: number } = { limit: 8, delaySeconds: 30 }) {
  return defineQueue<{ deliveryId: string }>({
    name: 'mail.send',
    retryLimit: retries.limit,
    retryDelaySeconds: retries.delaySeconds,
    retryBackoff: true,
    async handler({ deliveryId }, job: JobContext) {
      try {
        await sendMailDelivery(deliveryId, new Date(), configOf());
      } catch (error) {
        if (job.retryCount >= retries.limit) await markMailDeliveryFailed(deliveryId, error);
        throw error;
      }
    },
  });
}

/** The configuration is read when a job runs, never when the module loads (`next build` imports it). */
export const mailSendQueue = defineMailSendQueue();

/**
 * A new notification's e-mails: planned (idempotently) and one send job for each delivery still queued — not only
 * the ones this run created, so a run that died between planning and enqueueing loses nothing when retried.
 */
export async function mailNewNotification(notificationId: string): Promise<void> {
  await planNotificationMail(notificationId);
  const waiting = await getDb()
    .select({ id: mailDeliveries.id })
    .from(mailDeliveries)
    .where(and(eq(mailDeliveries.notificationId, notificationId), eq(mailDeliveries.status, 'queued')));
  for (const { id } of waiting) await enqueueJob(mailSendQueue, { deliveryId: id }, { singletonKey: id });
}
