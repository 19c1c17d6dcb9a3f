import 'server-only';
import type { AnyQueueDefinition, JobContext } from './jobs';
import { defineMailQueues, type MailQueueOptions } from '@/lib/mail/queues';
import { defineWebhookQueues, type WebhookQueueOptions } from '@/lib/webhooks/queues';
import { defineOutboxRelayQueue, defineOutboxTopicQueues, type OutboxTopicHandlers } from './outbox-relay';

/**
 * The one list of queues the workers work, and what each outbox topic does. This module wires the features to the
 * job core: it may import the feature modules (lib/mail, lib/webhooks …); the core (jobs.ts, boss.ts,
 * outbox-relay.ts) imports none of them, so no feature and the core ever import each other in a circle. Tests
 * build the same list with their own mail server, retries and clock.
 *
 * A topic without a handler completes its jobs with a debug log line: nothing pretends to send.
 */
export function defineAppQueues(mail: MailQueueOptions = {}, webhooks: WebhookQueueOptions = {}): AnyQueueDefinition[] {
  const mailQueues = defineMailQueues(mail);
  const webhookQueues = defineWebhookQueues(webhooks);
  const topicQueues = defineOutboxTopicQueues(combineHandlers(mailQueues.topicHandlers, webhookQueues.topicHandlers));
  return [defineOutboxRelayQueue(topicQueues), ...Object.values(topicQueues), ...mailQueues.queues, ...webhookQueues.queues];
}

/**
 * A topic several features act on runs each one's handler; each is idempotent (keyed deliveries and jobs), so
 * when one fails and the topic job is retried, the one that succeeded adds nothing the second time. Every handler
 * runs even when an earlier one failed: a mail server that is down does not hold back the webhooks.
 */
function combineHandlers(...all: OutboxTopicHandlers[]): OutboxTopicHandlers {
  const combined: Record<string, (payload: never, job: JobContext) => Promise<void>> = {};
  const topics = new Set(all.flatMap((handlers) => Object.keys(handlers))) as Set<keyof OutboxTopicHandlers>;
  for (const topic of topics) {
    const handlers = all.map((set) => set[topic]).filter((handler) => handler !== undefined) as ((payload: never, job: JobContext) => Promise<void>)[];
    combined[topic] = async (payload, job) => {
      const results = await Promise.allSettled(handlers.map((handle) => handle(payload, job)));
      const failure = results.find((result) => result.status === 'rejected');
      if (failure) throw failure.reason;
    };
  }
  return combined as OutboxTopicHandlers;
}
