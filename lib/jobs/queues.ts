import 'server-only';
import type { AnyQueueDefinition } from './jobs';
import { mailNewNotification, mailSendQueue } from '@/lib/mail/queues';
import { defineOutboxRelayQueue, defineOutboxTopicQueues, type OutboxTopicHandlers } from './outbox-relay';

/**
 * The one list of queues the workers work, and what each outbox topic does. This module wires the features to the
 * job core: it may import the feature modules (lib/mail …); the core (jobs.ts, boss.ts, outbox-relay.ts) imports
 * none of them, so no feature and the core ever import each other in a circle.
 *
 * A topic without a handler (`notification.updated`: the batched update e-mails are still to come) completes its
 * jobs with a debug log line: nothing pretends to send.
 */
const outboxTopicHandlers: OutboxTopicHandlers = {
  'notification.created': ({ notificationId }) => mailNewNotification(notificationId),
};

export const outboxTopicQueues = defineOutboxTopicQueues(outboxTopicHandlers);

export const queues: readonly AnyQueueDefinition[] = [defineOutboxRelayQueue(outboxTopicQueues), ...Object.values(outboxTopicQueues), mailSendQueue];
