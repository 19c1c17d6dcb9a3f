import 'server-only';
import type { AnyQueueDefinition } from './jobs';
import { defineOutboxRelayQueue, defineOutboxTopicQueues, type OutboxTopicHandlers } from './outbox-relay';

/**
 * The one list of queues the workers work, and what each outbox topic does. This module wires the features to the
 * job core: it may import the feature modules (lib/mail …); the core (jobs.ts, boss.ts, outbox-relay.ts) imports
 * none of them, so no feature and the core ever import each other in a circle.
 *
 * The e-mail delivery (issue 12, "E-mail") fills in the topic handlers, e.g.
 * `'notification.created': ({ notificationId }) => onNotificationCreated(notificationId)`, and appends its own
 * queues (reminders, escalations, the daily digest with its schedule) to `queues`. Until then a topic's jobs
 * complete with a debug log line: nothing pretends to send.
 */
const outboxTopicHandlers: OutboxTopicHandlers = {};

export const outboxTopicQueues = defineOutboxTopicQueues(outboxTopicHandlers);

export const queues: readonly AnyQueueDefinition[] = [defineOutboxRelayQueue(outboxTopicQueues), ...Object.values(outboxTopicQueues)];
