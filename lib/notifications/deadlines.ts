import type { NotificationKind, notifications, organisations } from '@/db/schema';

export type EmbassyDeadlines = Pick<typeof organisations.$inferSelect, 'ackDeadlineHours' | 'detentionAckDeadlineHours'>;

const hourInMs = 3_600_000;

/** When the embassy must have acknowledged a notification of this kind sent at `createdAt`. */
export function notificationDueAt(kind: NotificationKind, embassy: EmbassyDeadlines, createdAt: Date): Date {
  const hours = kind === 'detention' ? embassy.detentionAckDeadlineHours : embassy.ackDeadlineHours;
  return new Date(createdAt.getTime() + hours * hourInMs);
}

/**
 * Overdue only strictly after the due time: an acknowledgement at the due instant is on time. A withdrawn or
 * declined notification waits for nothing (readers that list only waiting ones need not select the columns).
 */
export function isOverdue(
  notification: Pick<typeof notifications.$inferSelect, 'dueAt' | 'acknowledgedAt'> & { withdrawnAt?: Date | null; declinedAt?: Date | null },
  now: Date,
): boolean {
  return notification.acknowledgedAt === null && !notification.withdrawnAt && !notification.declinedAt && now.getTime() > notification.dueAt.getTime();
}

/**
 * A national detained after the notification was sent makes it a detention notification. The detention
 * deadline runs from the detention, but never later than the deadline the embassy already had: a detention
 * must not buy the embassy time. The reason is left as it was, because it says why the notification was
 * first sent; the detention itself is recorded as a notification update.
 */
export function escalateToDetention(
  notification: Pick<typeof notifications.$inferSelect, 'dueAt'>,
  embassy: EmbassyDeadlines,
  detainedAt: Date,
): { kind: 'detention'; dueAt: Date } {
  const detentionDueAt = notificationDueAt('detention', embassy, detainedAt);
  const dueAt = detentionDueAt.getTime() < notification.dueAt.getTime() ? detentionDueAt : notification.dueAt;
  return { kind: 'detention', dueAt };
}
