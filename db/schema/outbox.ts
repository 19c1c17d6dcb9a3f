import { sql } from 'drizzle-orm';
import { index, jsonb, pgEnum, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';

/** What a committed change asks the workers to do; each topic has one handler (lib/jobs). */
export const outboxTopic = pgEnum('outbox_topic', [
  'notification.created',
  'notification.updated',
  // An unacknowledged notification's deadline passed (the escalation moment), for partner webhooks.
  'notification.overdue',
  'cooperation.action_recorded',
  'cooperation.message_posted',
  // A cooperation action's status changed (requested → done …), for partner webhooks.
  'cooperation.action_updated',
  // A case's details or status changed, for the police's own systems (partner webhooks).
  'case.updated',
  // A message rendered inside the transaction that caused it (an invitation link exists in clear only there).
  'mail.queued',
]);
export type OutboxTopic = (typeof outboxTopic.enumValues)[number];

/**
 * The transactional outbox: a write that must cause messages (e-mail, partner webhooks) records them here in its
 * own transaction, so a rolled-back change sends nothing and a committed one is never forgotten, even if the
 * process dies right after the commit. The relay (lib/jobs) hands each row to a job exactly once and marks it.
 * Payloads carry ids only; the workers read what they need as the owner.
 */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    topic: outboxTopic('topic').notNull(),
    payload: jsonb('payload').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the relay turned the row into a job; null while it waits. */
    relayedAt: timestamp('relayed_at', { withTimezone: true }),
  },
  (t) => [index('outbox_messages_waiting_idx').on(t.createdAt, t.id).where(sql`${t.relayedAt} is null`)],
);
