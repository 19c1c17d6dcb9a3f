import type { Database } from '@/db/client';
import { outboxMessages } from '@/db/schema';

/**
 * What a committed change asks the workers to do, each topic with its payload (ids only: the workers read the
 * rest themselves, as the owner, when they run). The one vocabulary of the outbox, as CaseEvent is the timeline's.
 */
export type OutboxMessage =
  /** A new notification of an embassy: its officers and duty addresses are told at once. */
  | { topic: 'notification.created'; payload: { notificationId: string } }
  /** Something was appended to a notification (a national added, detained, released, a status change, consent, an override). */
  | { topic: 'notification.updated'; payload: { notificationId: string } }
  | { topic: 'notification.overdue'; payload: { notificationId: string } }
  /** A cooperation action was recorded or answered by one side: the other side's people on the thread hear of it. */
  | { topic: 'cooperation.action_recorded'; payload: { actionId: string } }
  /** A message was posted to a case's thread with one embassy. */
  | { topic: 'cooperation.message_posted'; payload: { messageId: string } }
  /** A cooperation action's status changed. */
  | { topic: 'cooperation.action_updated'; payload: { actionId: string } }
  /** A case's details, people or status changed (police). */
  | { topic: 'case.updated'; payload: { caseId: string } }
  /**
   * An e-mail rendered inside the change that causes it, because what it says exists only there (an invitation
   * link is in clear only in the transaction that issues it): the delivery row commits with the change.
   */
  | { topic: 'mail.queued'; payload: { deliveryId: string } };

/** Appends messages to the outbox in the transaction of the change that causes them. */
export async function recordOutboxMessage(db: Pick<Database, 'insert'>, ...messages: OutboxMessage[]): Promise<void> {
  if (messages.length === 0) return;
  await db.insert(outboxMessages).values(messages.map((message) => ({ topic: message.topic, payload: message.payload })));
}
