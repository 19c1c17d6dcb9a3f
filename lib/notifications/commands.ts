import 'server-only';
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { withActorScope } from '@/lib/auth/actor-scope';
import { notifications, notificationUpdates, organisations } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record-audit';
import type { Actor } from '@/lib/auth/actor';
import { recordCaseEvent } from '@/lib/cases/case-events';
import { recordOutboxMessage } from '@/lib/outbox/record-outbox-message';
import { requirePermission } from '@/lib/auth/permissions';
import { lockCaseInScope } from '@/lib/cases/lock-case';
import { isCaseOpenToEmbassy } from '@/lib/disclosure/embassy-nationals';
import { notificationDueAt } from './deadlines';
import { announceEmbassyChange } from './live';
import { caseNotificationPreference, inMissionScope, missionOrganisationIdsOf } from './mission-scope';
import { assertCaseId, ownEmbassy } from './own-embassy';
import type { AcknowledgeNotificationInput, ManualNotificationInput } from './schemas';
import { DomainError } from '@/lib/domain-error';

/**
 * The embassy acknowledges its notification of a case, or one of its posts' (decision 021), optionally with a
 * note; the police see who and when. The timeline names the notification's organisation, the audit the actor.
 */
export async function acknowledgeNotification(actor: Actor, input: AcknowledgeNotificationInput): Promise<{ acknowledgedAt: Date }> {
  requirePermission(actor, 'acknowledge:notification:own-embassy');
  const now = new Date();
  return withActorScope(actor, async (tx) => {
    const ownNotification = and(eq(notifications.id, input.notificationId), inMissionScope(notifications.embassyOrganisationId, await missionOrganisationIdsOf(tx, actor)));
    const [notification] = await tx.select().from(notifications).where(ownNotification).for('update');
    if (!notification) {
      // The embassy may no longer update a withdrawn notification (row-level security hides it from FOR UPDATE),
      // but it still reads it, and is told why it cannot acknowledge.
      const [withdrawn] = await tx.select({ id: notifications.id }).from(notifications).where(and(ownNotification, isNotNull(notifications.withdrawnAt)));
      if (withdrawn) throw DomainError.refused('embassy.errors.withdrawn');
      throw DomainError.notFound('notification');
    }
    if (notification.withdrawnAt) throw DomainError.refused('embassy.errors.withdrawn');
    if (notification.acknowledgedAt) throw DomainError.refused('embassy.errors.alreadyAcknowledged');
    if (notification.declinedAt) throw DomainError.refused('embassy.errors.alreadyDeclined');
    await tx
      .update(notifications)
      .set({
        acknowledgedAt: now,
        acknowledgedBy: actor.userId,
        acknowledgementNote: input.note || null,
        firstOpenedAt: notification.firstOpenedAt ?? now,
        firstOpenedBy: notification.firstOpenedBy ?? actor.userId,
      })
      .where(eq(notifications.id, notification.id));
    await recordCaseEvent(
      tx,
      { caseId: notification.caseId, actor, occurredAt: now },
      { kind: 'notification_acknowledged', embassyOrganisationId: notification.embassyOrganisationId, details: { notificationId: notification.id, ...(input.note ? { note: input.note } : {}) } },
    );
    await recordAudit(tx, { actor, action: 'notification.acknowledge', entityType: 'notification', entityId: notification.id, details: { caseId: notification.caseId } });
    await announceEmbassyChange(tx, notification.embassyOrganisationId);
    return { acknowledgedAt: now };
  });
}

/** Police notify an embassy by hand, with a reason, e.g. when a victim's nationality is uncertain. */
export async function notifyEmbassyManually(actor: Actor, input: ManualNotificationInput): Promise<{ id: string }> {
  requirePermission(actor, 'update:case:own-province');
  const now = new Date();
  return withActorScope(actor, async (tx) => {
    const record = await lockCaseInScope(tx, actor, input.caseId);
    const [embassy] = await tx
      .select()
      .from(organisations)
      .where(and(eq(organisations.id, input.embassyOrganisationId), eq(organisations.kind, 'embassy'), eq(organisations.isActive, true)));
    if (!embassy) throw DomainError.refused('errors.invalid', { embassyOrganisationId: ['validation.invalidChoice'] });
    const [existing] = await tx
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(eq(notifications.caseId, record.id), eq(notifications.embassyOrganisationId, embassy.id)));
    if (existing) throw DomainError.refused('errors.invalid', { embassyOrganisationId: ['embassy.errors.alreadyNotified'] });
    const [created] = await tx
      .insert(notifications)
      .values({
        caseId: record.id,
        embassyOrganisationId: embassy.id,
        kind: 'ordinary',
        reason: 'manual',
        manualReason: input.reason,
        createdBy: actor.userId,
        createdAt: now,
        dueAt: notificationDueAt('ordinary', embassy, now),
        lastUpdatedAt: now,
      })
      .returning({ id: notifications.id });
    if (!created) throw new Error('notification insert returned nothing');
    await recordCaseEvent(
      tx,
      { caseId: record.id, actor, occurredAt: now },
      { kind: 'notification_sent', embassyOrganisationId: embassy.id, details: { notificationId: created.id, kind: 'ordinary', reason: 'manual' } },
    );
    await recordOutboxMessage(tx, { topic: 'notification.created', payload: { notificationId: created.id } });
    await recordAudit(tx, { actor, action: 'notification.manual', entityType: 'notification', entityId: created.id, details: { caseId: record.id, embassyId: embassy.id } });
    await announceEmbassyChange(tx, embassy.id);
    return created;
  });
}

/**
 * The embassy opens a case. The first opening is the proof that it read the notification (who and when, on the
 * timeline too); opening marks the notification's updates read and is audited as a read of the case. Returns
 * the updates it marked, which the page opening the case still shows as new.
 */
export async function openEmbassyCase(actor: Actor, caseId: string, now = new Date()): Promise<{ readUpdateIds: string[] }> {
  const embassy = ownEmbassy(actor);
  assertCaseId(caseId);
  return withActorScope(actor, async (tx) => {
    const [notification] = await tx
      .select()
      .from(notifications)
      .where(and(eq(notifications.caseId, caseId), inMissionScope(notifications.embassyOrganisationId, await missionOrganisationIdsOf(tx, actor))))
      .orderBy(...caseNotificationPreference(actor))
      .limit(1);
    if (!notification || !(await isCaseOpenToEmbassy(tx, embassy, notification))) throw DomainError.notFound('case');
    if (!notification.firstOpenedAt) {
      const [opened] = await tx
        .update(notifications)
        .set({ firstOpenedAt: now, firstOpenedBy: actor.userId })
        .where(and(eq(notifications.id, notification.id), isNull(notifications.firstOpenedAt)))
        .returning({ id: notifications.id });
      if (opened) {
        await recordCaseEvent(
          tx,
          { caseId, actor, occurredAt: now },
          { kind: 'notification_opened', embassyOrganisationId: notification.embassyOrganisationId, details: { notificationId: notification.id } },
        );
      }
    }
    const read = await tx
      .update(notificationUpdates)
      .set({ readAt: now, readBy: actor.userId })
      .where(and(eq(notificationUpdates.notificationId, notification.id), isNull(notificationUpdates.readAt)))
      .returning({ id: notificationUpdates.id });
    await recordAudit(tx, { actor, action: 'case.read', entityType: 'case', entityId: caseId, details: { view: 'embassy' } });
    return { readUpdateIds: read.map((update) => update.id) };
  });
}
