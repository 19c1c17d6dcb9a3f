import 'server-only';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { cases, foreignMissions, notifications, organisations, type NationalityResolution } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record-audit';
import type { Actor } from '@/lib/auth/actor';
import { withActorScope } from '@/lib/auth/actor-scope';
import { requirePermission } from '@/lib/auth/permissions';
import { recordCaseEvent, type CaseEventContext } from '@/lib/cases/case-events';
import { lockCaseInScope, ownProvince } from '@/lib/cases/lock-case';
import { DomainError } from '@/lib/domain-error';
import { selectRows } from '@/lib/jobs/queries';
import { recordOutboxMessage } from '@/lib/outbox/record-outbox-message';
import { notificationDueAt } from './deadlines';
import { announceEmbassyChange } from './live';
import { inMissionScope, missionOrganisationIdsOf } from './mission-scope';
import type { ConfirmNationalityInput, DeclineNotificationInput, RedirectNotificationInput } from './schemas';

/**
 * The embassy's answers to a notification and the police's answer to a decline (docs/decisions/022):
 * - decline: "not ours", with a reason; the notification stops waiting and the police are told (e-mail through
 *   the outbox, lib/mail/decline.ts) and must confirm or correct the nationality;
 * - redirect: to another mission of the same country on CaseBridge, which gets it with a fresh deadline;
 * - the police confirm the nationality here; a correction is the edit of the person, recorded by the sync
 *   (lib/notifications/sync.ts) when it withdraws the declined notification.
 */

/**
 * The mission's own notification (an embassy's: its posts' too, decision 021), locked; a withdrawn one it still
 * reads is refused with the reason.
 */
async function lockOwnNotification(tx: Transaction, actor: Actor, notificationId: string) {
  const own = and(eq(notifications.id, notificationId), inMissionScope(notifications.embassyOrganisationId, await missionOrganisationIdsOf(tx, actor)));
  const [notification] = await tx.select().from(notifications).where(own).for('update');
  if (!notification) {
    // Row-level security hides a withdrawn notification from FOR UPDATE; the embassy still reads it.
    const [withdrawn] = await tx.select({ id: notifications.id }).from(notifications).where(and(own, isNotNull(notifications.withdrawnAt)));
    if (withdrawn) throw DomainError.refused('embassy.errors.withdrawn');
    throw DomainError.notFound('notification');
  }
  if (notification.withdrawnAt) throw DomainError.refused('embassy.errors.withdrawn');
  if (notification.declinedAt) throw DomainError.refused('embassy.errors.alreadyDeclined');
  return notification;
}

export async function declineNotification(actor: Actor, input: DeclineNotificationInput): Promise<{ declinedAt: Date }> {
  requirePermission(actor, 'decline:notification:own-embassy');
  const now = new Date();
  return withActorScope(actor, async (tx) => {
    const notification = await lockOwnNotification(tx, actor, input.notificationId);
    // Reading the documents after acknowledging may show the person is not the embassy's; but once a post has
    // taken a notification on, "another post is competent" comes too late (nor can it be redirected then).
    if (notification.acknowledgedAt && input.reason === 'other_post_competent') {
      throw DomainError.refused('embassy.errors.declineAfterAcknowledgement', { reason: ['embassy.errors.declineAfterAcknowledgement'] });
    }
    const note = input.note || null;
    await tx
      .update(notifications)
      .set({
        declinedAt: now,
        declinedBy: actor.userId,
        declineReason: input.reason,
        declineNote: note,
        lastUpdatedAt: now,
        firstOpenedAt: notification.firstOpenedAt ?? now,
        firstOpenedBy: notification.firstOpenedBy ?? actor.userId,
      })
      .where(eq(notifications.id, notification.id));
    await recordCaseEvent(
      tx,
      { caseId: notification.caseId, actor, occurredAt: now },
      { kind: 'notification_declined', embassyOrganisationId: notification.embassyOrganisationId, details: { notificationId: notification.id, reason: input.reason, ...(note ? { note } : {}) } },
    );
    await recordAudit(tx, { actor, action: 'notification.decline', entityType: 'notification', entityId: notification.id, details: { caseId: notification.caseId, reason: input.reason } });
    await recordOutboxMessage(tx, { topic: 'notification.updated', payload: { notificationId: notification.id } });
    await announceEmbassyChange(tx, notification.embassyOrganisationId);
    return { declinedAt: now };
  });
}

/** What casebridge_redirect_notification (migration 0035) answers. */
type RedirectOutcome = 'moved' | 'not_found' | 'not_open' | 'invalid_target' | 'already_notified';

/**
 * The notification moves to the target organisation with a fresh deadline of its own, opened by nobody there
 * yet, its reminder and escalation still to come. The embassy's own UPDATE policy may not hand a row to another
 * organisation, so the move itself is the security-definer function, which checks again what is checked here.
 */
export async function redirectNotification(actor: Actor, input: RedirectNotificationInput): Promise<{ redirectedAt: Date }> {
  requirePermission(actor, 'redirect:notification:own-embassy');
  const now = new Date();
  return withActorScope(actor, async (tx) => {
    const notification = await lockOwnNotification(tx, actor, input.notificationId);
    if (notification.acknowledgedAt) throw DomainError.refused('embassy.errors.redirectAfterAcknowledgement');
    const [target] = await tx
      .select({
        id: organisations.id,
        names: { en: foreignMissions.nameEn, km: foreignMissions.nameKm, zh: foreignMissions.nameZh },
        ackDeadlineHours: organisations.ackDeadlineHours,
        detentionAckDeadlineHours: organisations.detentionAckDeadlineHours,
      })
      .from(foreignMissions)
      .innerJoin(organisations, eq(organisations.id, foreignMissions.organisationId))
      .where(and(eq(foreignMissions.organisationId, input.targetOrganisationId), eq(foreignMissions.isActive, true), eq(organisations.isActive, true)));
    if (!target) throw DomainError.invalid({ targetOrganisationId: ['validation.invalidChoice'] });
    const note = input.note || null;
    // Recorded while the notification is still the embassy's: its timeline policy asks for exactly that.
    await recordCaseEvent(
      tx,
      { caseId: notification.caseId, actor, occurredAt: now },
      {
        kind: 'notification_redirected',
        embassyOrganisationId: notification.embassyOrganisationId,
        details: { notificationId: notification.id, toOrganisationId: target.id, to: target.names, ...(note ? { note } : {}) },
      },
    );
    const dueAt = notificationDueAt(notification.kind, target, now);
    const [result] = await selectRows<{ outcome: RedirectOutcome }>(
      tx,
      sql`select casebridge_redirect_notification(${notification.id}, ${target.id}, ${dueAt.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz) as outcome`,
    );
    switch (result?.outcome) {
      case 'moved':
        break;
      case 'already_notified':
        throw DomainError.refused('errors.invalid', { targetOrganisationId: ['embassy.errors.targetAlreadyNotified'] });
      case 'invalid_target':
        throw DomainError.invalid({ targetOrganisationId: ['validation.invalidChoice'] });
      case 'not_open':
        throw DomainError.refused('embassy.errors.redirectAfterAcknowledgement');
      default:
        throw DomainError.notFound('notification');
    }
    await recordAudit(tx, {
      actor,
      action: 'notification.redirect',
      entityType: 'notification',
      entityId: notification.id,
      details: { caseId: notification.caseId, fromOrganisationId: notification.embassyOrganisationId, toOrganisationId: target.id },
    });
    // The target hears of it as of a new notification (its officers and duty desk are e-mailed, its webhooks
    // called); `notification.updated` tells partner systems that it changed.
    await recordOutboxMessage(
      tx,
      { topic: 'notification.created', payload: { notificationId: notification.id } },
      { topic: 'notification.updated', payload: { notificationId: notification.id } },
    );
    await announceEmbassyChange(tx, notification.embassyOrganisationId);
    await announceEmbassyChange(tx, target.id);
    return { redirectedAt: now };
  });
}

/** The police of the case's province confirm the nationality an embassy declined: the decline stands, answered. */
export async function confirmNationality(actor: Actor, input: ConfirmNationalityInput): Promise<{ resolvedAt: Date }> {
  requirePermission(actor, 'resolve:nationality:own-province');
  const now = new Date();
  return withActorScope(actor, async (tx) => {
    const [found] = await tx
      .select({ caseId: notifications.caseId })
      .from(notifications)
      .innerJoin(cases, eq(cases.id, notifications.caseId))
      .where(and(eq(notifications.id, input.notificationId), eq(cases.provinceCode, ownProvince(actor))));
    if (!found) throw DomainError.notFound('notification');
    // Every change to a case takes its lock first (lib/cases/lock-case.ts): a person edited at the same moment
    // (a correction) queues behind this confirmation, or this one behind it.
    await lockCaseInScope(tx, actor, found.caseId);
    const [notification] = await tx.select().from(notifications).where(eq(notifications.id, input.notificationId));
    if (!notification?.declinedAt) throw DomainError.refused('cases.decline.errors.notDeclined');
    if (notification.nationalityResolvedAt) throw DomainError.refused('cases.decline.errors.alreadyResolved');
    await recordNationalityResolution(tx, { caseId: found.caseId, actor, occurredAt: now }, { notificationId: notification.id, embassyOrganisationId: notification.embassyOrganisationId, resolution: 'confirmed', note: input.note || null });
    await recordAudit(tx, { actor, action: 'notification.resolve_nationality', entityType: 'notification', entityId: notification.id, details: { caseId: found.caseId, resolution: 'confirmed' } });
    await recordOutboxMessage(tx, { topic: 'notification.updated', payload: { notificationId: notification.id } });
    await announceEmbassyChange(tx, notification.embassyOrganisationId);
    return { resolvedAt: now };
  });
}

/**
 * Records the police's answer to a decline with its timeline event: by confirmation above, or as "corrected" by
 * the sync when the person's edit withdraws the notification. The caller audits and records the outbox message
 * (a withdrawal has its own of both, which say it all).
 */
export async function recordNationalityResolution(
  tx: Transaction,
  context: CaseEventContext,
  input: { notificationId: string; embassyOrganisationId: string; resolution: NationalityResolution; note: string | null },
): Promise<void> {
  await tx
    .update(notifications)
    .set({
      nationalityResolvedAt: context.occurredAt,
      nationalityResolvedBy: context.actor.userId,
      nationalityResolution: input.resolution,
      nationalityResolutionNote: input.note,
      lastUpdatedAt: context.occurredAt,
    })
    .where(eq(notifications.id, input.notificationId));
  await recordCaseEvent(tx, context, {
    kind: 'nationality_resolved',
    embassyOrganisationId: input.embassyOrganisationId,
    details: { notificationId: input.notificationId, resolution: input.resolution, ...(input.note ? { note: input.note } : {}) },
  });
}
