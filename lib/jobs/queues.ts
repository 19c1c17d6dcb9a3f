import 'server-only';
import type { AnyQueueDefinition } from './jobs';
import { defineMailQueues, type MailQueueOptions } from '@/lib/mail/queues';
import { defineOutboxRelayQueue, defineOutboxTopicQueues } from './outbox-relay';

/**
 * The one list of queues the workers work, and what each outbox topic does. This module wires the features to the
 * job core: it may import the feature modules (lib/mail …); the core (jobs.ts, boss.ts, outbox-relay.ts) imports
 * none of them, so no feature and the core ever import each other in a circle. Tests build the same list with
 * their own mail server, retries and clock.
 *
 * A topic without a handler completes its jobs with a debug log line: nothing pretends to send.
 */
export function defineAppQueues(mail: MailQueueOptions = {}): AnyQueueDefinition[] {
  const mailQueues = defineMailQueues(mail);
  const topicQueues = defineOutboxTopicQueues({ ...mailQueues.topicHandlers });
  return [defineOutboxRelayQueue(topicQueues), ...Object.values(topicQueues), ...mailQueues.queues];
}
