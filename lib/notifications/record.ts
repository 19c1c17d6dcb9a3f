import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { withActorScope } from '@/lib/auth/actor-scope';
import { cases, notifications, notificationUpdates, organisations, users, type CrimeType, type NotificationKind, type NotificationReason } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record-audit';
import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import { isUuid } from '@/lib/ids';
import type { NotificationUpdateView } from './views';
import type { LocalizedNames } from '@/lib/i18n/localized-name';
import { DomainError } from '@/lib/domain-error';
import { inMissionScope, missionOrganisationIdsOf } from './mission-scope';
import { listDeliveriesOfNotifications } from '@/lib/mail/proof';
import type { MailDeliveryProof } from '@/lib/mail/views';

/** Evidence that an embassy was informed of a case and when: printable by the case's police and by that embassy. */
export interface NotificationRecord {
  notificationId: string;
  caseId: string;
  caseReferenceNumber: string;
  provinceCode: string;
  crimeType: CrimeType;
  embassy: LocalizedNames;
  kind: NotificationKind;
  reason: NotificationReason;
  manualReason: string | null;
  createdAt: Date;
  createdByName: string | null;
  dueAt: Date;
  firstOpenedAt: Date | null;
  firstOpenedByName: string | null;
  acknowledgedAt: Date | null;
  acknowledgedByName: string | null;
  acknowledgementNote: string | null;
  /** When the case stopped involving a national of the embassy's country; the embassy then no longer opens this record. */
  withdrawnAt: Date | null;
  updates: Pick<NotificationUpdateView, 'id' | 'kind' | 'createdAt'>[];
  /** Every e-mail about this notification the reader may see (police: all of them; the embassy: its own). */
  deliveries: MailDeliveryProof[];
}

export async function getNotificationRecord(actor: Actor, notificationId: string): Promise<NotificationRecord> {
  if (!isUuid(notificationId)) throw DomainError.notFound('notification');
  const isPolice = can(actor, 'read:case:own-province') && actor.provinceCode !== null;
  if (!isPolice && !can(actor, 'read:notification:own-embassy')) throw DomainError.notFound('notification');
  const creator = alias(users, 'creator');
  const opener = alias(users, 'opener');
  const acknowledger = alias(users, 'acknowledger');
  return withActorScope(actor, async (db) => {
    const scope =
      isPolice && actor.provinceCode
        ? eq(cases.provinceCode, actor.provinceCode)
        : inMissionScope(notifications.embassyOrganisationId, await missionOrganisationIdsOf(db, actor));
    const [row] = await db
      .select({
        notification: notifications,
        case: { id: cases.id, referenceNumber: cases.referenceNumber, provinceCode: cases.provinceCode, crimeType: cases.crimeType },
        embassy: { en: organisations.nameEn, km: organisations.nameKm, zh: organisations.nameZh },
        createdByName: creator.name,
        firstOpenedByName: opener.name,
        acknowledgedByName: acknowledger.name,
      })
      .from(notifications)
      .innerJoin(cases, eq(cases.id, notifications.caseId))
      .innerJoin(organisations, eq(organisations.id, notifications.embassyOrganisationId))
      .leftJoin(creator, eq(creator.id, notifications.createdBy))
      .leftJoin(opener, eq(opener.id, notifications.firstOpenedBy))
      .leftJoin(acknowledger, eq(acknowledger.id, notifications.acknowledgedBy))
      .where(and(eq(notifications.id, notificationId), scope));
    if (!row) throw DomainError.notFound('notification');
    const updates = await db
      .select({ id: notificationUpdates.id, kind: notificationUpdates.kind, createdAt: notificationUpdates.createdAt })
      .from(notificationUpdates)
      .where(eq(notificationUpdates.notificationId, notificationId))
      .orderBy(asc(notificationUpdates.createdAt));
    const deliveries = await listDeliveriesOfNotifications(db, [notificationId]);
    await recordAudit(db, { actor, action: 'notification.print_record', entityType: 'notification', entityId: notificationId, details: { caseId: row.case.id } });
    const notification = row.notification;
    return {
      notificationId,
      caseId: row.case.id,
      caseReferenceNumber: row.case.referenceNumber,
      provinceCode: row.case.provinceCode,
      crimeType: row.case.crimeType,
      embassy: row.embassy,
      kind: notification.kind,
      reason: notification.reason,
      manualReason: notification.manualReason,
      createdAt: notification.createdAt,
      createdByName: row.createdByName,
      dueAt: notification.dueAt,
      firstOpenedAt: notification.firstOpenedAt,
      firstOpenedByName: row.firstOpenedByName,
      acknowledgedAt: notification.acknowledgedAt,
      acknowledgedByName: row.acknowledgedByName,
      acknowledgementNote: notification.acknowledgementNote,
      withdrawnAt: notification.withdrawnAt,
      updates,
      deliveries,
    };
  });
}
