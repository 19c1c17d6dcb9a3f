import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Transaction } from '@/db/client';
import { withActorScope } from '@/lib/auth/actor-scope';
import { caseEvents, cases, notifications, notificationUpdates, organisations, users, type CrimeType, type NotificationKind, type NotificationReason } from '@/db/schema';
import { caseEventOf } from '@/lib/cases/case-events';
import { declineViewOf } from './decline-view';
import { recordAudit } from '@/lib/audit/record-audit';
import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import { isUuid } from '@/lib/ids';
import type { DeclineView, NotificationUpdateView } from './views';
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
  /** The embassy's decline and the police's answer (both sides). */
  decline: DeclineView | null;
  /**
   * Where the notification went before it reached its embassy: each redirect, oldest first. From the case's
   * timeline, which only its police read: the embassy's record shows none (nor the missions it passed through).
   */
  redirects: { at: Date; from: LocalizedNames | null; to: LocalizedNames; note: string | null }[];
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
  const decliner = alias(users, 'decliner');
  const resolver = alias(users, 'resolver');
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
        declinedByName: decliner.name,
        resolvedByName: resolver.name,
      })
      .from(notifications)
      .innerJoin(cases, eq(cases.id, notifications.caseId))
      .innerJoin(organisations, eq(organisations.id, notifications.embassyOrganisationId))
      .leftJoin(creator, eq(creator.id, notifications.createdBy))
      .leftJoin(opener, eq(opener.id, notifications.firstOpenedBy))
      .leftJoin(acknowledger, eq(acknowledger.id, notifications.acknowledgedBy))
      .leftJoin(decliner, eq(decliner.id, notifications.declinedBy))
      .leftJoin(resolver, eq(resolver.id, notifications.nationalityResolvedBy))
      .where(and(eq(notifications.id, notificationId), scope));
    if (!row) throw DomainError.notFound('notification');
    const updates = await db
      .select({ id: notificationUpdates.id, kind: notificationUpdates.kind, createdAt: notificationUpdates.createdAt })
      .from(notificationUpdates)
      .where(eq(notificationUpdates.notificationId, notificationId))
      .orderBy(asc(notificationUpdates.createdAt));
    const deliveries = await listDeliveriesOfNotifications(db, [notificationId]);
    // The timeline is the case police's alone (the embassy's database role may not read it at all).
    const redirects = isPolice ? await listRedirectsOf(db, row.case.id, notificationId) : [];
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
      decline: declineViewOf(notification, row.declinedByName, row.resolvedByName),
      redirects,
      updates,
      deliveries,
    };
  });
}

/** Each time the notification was sent on, from the case's timeline (lib/notifications/answers.ts records them). */
async function listRedirectsOf(db: Transaction, caseId: string, notificationId: string): Promise<NotificationRecord['redirects']> {
  const events = await db
    .select({
      kind: caseEvents.kind,
      details: caseEvents.details,
      embassyOrganisationId: caseEvents.embassyOrganisationId,
      occurredAt: caseEvents.occurredAt,
      from: { en: organisations.nameEn, km: organisations.nameKm, zh: organisations.nameZh },
    })
    .from(caseEvents)
    .leftJoin(organisations, eq(organisations.id, caseEvents.embassyOrganisationId))
    .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.kind, 'notification_redirected'), sql`${caseEvents.details}->>'notificationId' = ${notificationId}`))
    .orderBy(asc(caseEvents.occurredAt));
  return events.flatMap((event) => {
    const happened = caseEventOf(event);
    if (happened.kind !== 'notification_redirected') return [];
    return [{ at: event.occurredAt, from: event.from?.en ? event.from : null, to: happened.details.to, note: happened.details.note ?? null }];
  });
}
