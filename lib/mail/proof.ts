import 'server-only';
import { asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Database, Transaction } from '@/db/client';
import { prebuilt, type Placeholders } from '@/db/prebuilt';
import { mailDeliveries, notifications } from '@/db/schema';
import type { MailDeliveryProof } from './views';

/**
 * The deliveries of some notifications, inside the reader's scoped transaction: row-level security limits them
 * to the police of the case's province and to the notified embassy's own (migration 0024), and only these
 * columns are granted — never a message's text.
 */
export async function listDeliveriesOfNotifications(db: Transaction, notificationIds: string[]): Promise<MailDeliveryProof[]> {
  if (notificationIds.length === 0) return [];
  return deliveriesWhere(db, inArray(mailDeliveries.notificationId, notificationIds));
}

/**
 * The deliveries of every notification of a case, in the same way: the case workspace sends this beside its
 * other reads instead of after the notifications (one round trip fewer).
 */
export async function listDeliveriesOfCase(db: Transaction, caseId: string): Promise<MailDeliveryProof[]> {
  return proofsOf(await selectDeliveriesOfCase(db, { caseId }));
}

// Built once (db/prebuilt.ts): it is one of the workspace's reads, on every view of a case.
const selectDeliveriesOfCase = prebuilt((db, p: Placeholders<{ caseId: string }>) =>
  selectDeliveries(db, inArray(mailDeliveries.notificationId, db.select({ id: notifications.id }).from(notifications).where(eq(notifications.caseId, p.caseId)))),
);

async function deliveriesWhere(db: Transaction, where: SQL): Promise<MailDeliveryProof[]> {
  return proofsOf(await selectDeliveries(db, where));
}

function selectDeliveries(db: Database | Transaction, where: SQL) {
  return db
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
    .where(where)
    .orderBy(asc(mailDeliveries.queuedAt), asc(mailDeliveries.recipientAddress));
}

function proofsOf(rows: Awaited<ReturnType<typeof selectDeliveries>>): MailDeliveryProof[] {
  return rows.map((row) => ({
    id: row.id,
    notificationId: row.notificationId ?? '',
    kind: row.kind,
    recipientAddress: row.recipientAddress,
    isDutyAddress: row.recipientUserId === null,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    providerMessageId: row.providerMessageId,
    queuedAt: row.queuedAt,
    finishedAt: row.finishedAt,
  }));
}
