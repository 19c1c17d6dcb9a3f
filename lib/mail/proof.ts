import 'server-only';
import { asc, inArray } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { mailDeliveries } from '@/db/schema';
import type { MailDeliveryProof } from './views';

/**
 * The deliveries of some notifications, inside the reader's scoped transaction: row-level security limits them
 * to the police of the case's province and to the notified embassy's own (migration 0024), and only these
 * columns are granted — never a message's text.
 */
export async function listDeliveriesOfNotifications(db: Transaction, notificationIds: string[]): Promise<MailDeliveryProof[]> {
  if (notificationIds.length === 0) return [];
  const rows = await db
    .select({
      id: mailDeliveries.id,
      notificationId: mailDeliveries.notificationId,
      kind: mailDeliveries.kind,
      recipientAddress: mailDeliveries.recipientAddress,
      recipientUserId: mailDeliveries.recipientUserId,
      status: mailDeliveries.status,
      attempts: mailDeliveries.attempts,
      lastError: mailDeliveries.lastError,
      providerMessageId: mailDeliveries.providerMessageId,
      queuedAt: mailDeliveries.queuedAt,
      finishedAt: mailDeliveries.finishedAt,
    })
    .from(mailDeliveries)
    .where(inArray(mailDeliveries.notificationId, notificationIds))
    .orderBy(asc(mailDeliveries.queuedAt), asc(mailDeliveries.recipientAddress));
  return rows.map(({ recipientUserId, notificationId, ...row }) => ({ ...row, notificationId: notificationId ?? '', isDutyAddress: recipientUserId === null }));
}
