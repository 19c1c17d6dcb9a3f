import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { cases, mailDeliveries, notifications, type MailDeliveryStatus, type MailKind } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { DomainError } from '@/lib/domain-error';
import type { Locale } from '@/lib/i18n/locales';
import { isUuid } from '@/lib/ids';
import { mailConfig } from './config';
import type { OutboxFilters } from './schemas';
import { listUnsubscribeHeadersOf } from './unsubscribe';

export const outboxPageSize = 50;

/** One message in the administrator's outbox list. */
export interface OutboxItem {
  id: string;
  kind: MailKind;
  status: MailDeliveryStatus;
  recipientAddress: string;
  isDutyAddress: boolean;
  /** Null: every language in one message (a duty address). */
  locale: Locale | null;
  isUrgent: boolean;
  subject: string;
  attempts: number;
  queuedAt: Date;
  finishedAt: Date | null;
  caseReferenceNumber: string | null;
}

export interface OutboxPage {
  items: OutboxItem[];
  page: number;
  hasNextPage: boolean;
}

/** The message exactly as it was, or would have been, sent. */
export interface OutboxMessageView extends OutboxItem {
  from: string;
  textBody: string;
  htmlBody: string;
  lastError: string | null;
  providerMessageId: string | null;
  /**
   * The headers sent besides From, To, Subject and the priority: one-click unsubscribe, where it applies. Derived,
   * like From, from the configuration and the delivery's kind and recipient (nothing is stored): what was sent,
   * as long as NEXTAUTH_URL and the session secret have not changed since.
   */
  headers: [name: string, value: string][];
}

const itemColumns = {
  id: mailDeliveries.id,
  kind: mailDeliveries.kind,
  status: mailDeliveries.status,
  recipientAddress: mailDeliveries.recipientAddress,
  recipientUserId: mailDeliveries.recipientUserId,
  locale: mailDeliveries.locale,
  isUrgent: mailDeliveries.isUrgent,
  subject: mailDeliveries.subject,
  attempts: mailDeliveries.attempts,
  queuedAt: mailDeliveries.queuedAt,
  finishedAt: mailDeliveries.finishedAt,
  caseReferenceNumber: cases.referenceNumber,
};

type ItemRow = Omit<OutboxItem, 'isDutyAddress'> & { recipientUserId: string | null };

function itemOf(row: ItemRow): OutboxItem {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    recipientAddress: row.recipientAddress,
    isDutyAddress: row.recipientUserId === null,
    locale: row.locale,
    isUrgent: row.isUrgent,
    subject: row.subject,
    attempts: row.attempts,
    queuedAt: row.queuedAt,
    finishedAt: row.finishedAt,
    caseReferenceNumber: row.caseReferenceNumber,
  };
}

/**
 * Every delivery, newest first, a page at a time. The administrator reads the outbox as the owner, as the
 * directory is read: mail is platform data, not a province's or an embassy's, and the rendered bodies are
 * granted to no scoped role.
 */
export async function listOutbox(actor: Actor, filters: OutboxFilters): Promise<OutboxPage> {
  requirePermission(actor, 'read:mail:all');
  const rows = await getDb()
    .select(itemColumns)
    .from(mailDeliveries)
    .leftJoin(notifications, eq(notifications.id, mailDeliveries.notificationId))
    .leftJoin(cases, eq(cases.id, notifications.caseId))
    .where(and(filters.status ? eq(mailDeliveries.status, filters.status) : undefined, filters.kind ? eq(mailDeliveries.kind, filters.kind) : undefined))
    .orderBy(desc(mailDeliveries.queuedAt), desc(mailDeliveries.id))
    .limit(outboxPageSize + 1)
    .offset((filters.page - 1) * outboxPageSize);
  return { items: rows.slice(0, outboxPageSize).map(itemOf), page: filters.page, hasNextPage: rows.length > outboxPageSize };
}

export async function getOutboxMessage(actor: Actor, deliveryId: string): Promise<OutboxMessageView> {
  requirePermission(actor, 'read:mail:all');
  if (!isUuid(deliveryId)) throw DomainError.notFound('mail');
  const [row] = await getDb()
    .select({ ...itemColumns, textBody: mailDeliveries.textBody, htmlBody: mailDeliveries.htmlBody, lastError: mailDeliveries.lastError, providerMessageId: mailDeliveries.providerMessageId })
    .from(mailDeliveries)
    .leftJoin(notifications, eq(notifications.id, mailDeliveries.notificationId))
    .leftJoin(cases, eq(cases.id, notifications.caseId))
    .where(eq(mailDeliveries.id, deliveryId));
  if (!row) throw DomainError.notFound('mail');
  const { from, baseUrl } = mailConfig();
  return {
    ...itemOf(row),
    from,
    textBody: row.textBody,
    htmlBody: row.htmlBody,
    lastError: row.lastError,
    providerMessageId: row.providerMessageId,
    headers: Object.entries(listUnsubscribeHeadersOf(row, baseUrl)),
  };
}
