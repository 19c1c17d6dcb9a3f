import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { notifications, notificationUpdates, organisations, type DetentionStatus } from '@/db/schema';
import { recordCaseEvent, type CaseEvent } from '@/lib/cases/case-events';
import { recordOutboxMessage } from '@/lib/outbox/record-outbox-message';
import type { Actor } from '@/lib/auth/actor';
import { escalateToDetention, notificationDueAt } from './deadlines';
import { announceEmbassyChange } from './live';
import { routeNotifications } from './routing';

type UpdateKind = (typeof notificationUpdates.$inferInsert)['kind'];

export interface PersonNotificationState {
  id: string;
  nationality: string;
  detentionStatus: DetentionStatus;
}

/**
 * Keeps a case's embassy notifications in step with its people, inside the transaction that changed them:
 * an embassy whose national appears is notified (one notification per case and embassy); an embassy already
 * notified gets an update for each national added, detained or released, and a detention shortens its deadline.
 */
export async function syncCaseNotifications(
  tx: Transaction,
  input: { caseId: string; actor: Actor; before: PersonNotificationState[]; after: PersonNotificationState[]; now: Date },
): Promise<void> {
  const { caseId, actor, before, after, now } = input;
  const nationalities = [...new Set(after.map((person) => person.nationality))];
  if (nationalities.length === 0) return;
  const embassies = await tx
    .select({
      id: organisations.id,
      countryCode: organisations.countryCode,
      ackDeadlineHours: organisations.ackDeadlineHours,
      detentionAckDeadlineHours: organisations.detentionAckDeadlineHours,
    })
    .from(organisations)
    .where(and(eq(organisations.kind, 'embassy'), eq(organisations.isActive, true), inArray(organisations.countryCode, nationalities)));
  const routes = routeNotifications(after, embassies);
  if (routes.length === 0) return;
  const existing = await tx.select().from(notifications).where(eq(notifications.caseId, caseId));
  const existingByEmbassy = new Map(existing.map((notification) => [notification.embassyOrganisationId, notification]));
  // Keyed by person and country: the people come one entry per nationality routed (lib/consular/nationals.ts routablePeopleOf).
  const beforeByIdAndCountry = new Map(before.map((person) => [`${person.id}:${person.nationality}`, person]));
  const eventContext = { caseId, actor, occurredAt: now };

  for (const route of routes) {
    const notification = existingByEmbassy.get(route.embassy.id);
    if (!notification) {
      const [created] = await tx
        .insert(notifications)
        .values({
          caseId,
          embassyOrganisationId: route.embassy.id,
          kind: route.kind,
          reason: route.reason,
          createdBy: actor.userId,
          createdAt: now,
          dueAt: notificationDueAt(route.kind, route.embassy, now),
          lastUpdatedAt: now,
        })
        .returning({ id: notifications.id });
      if (!created) throw new Error('notification insert returned nothing');
      await recordCaseEvent(tx, eventContext, {
        kind: 'notification_sent',
        embassyOrganisationId: route.embassy.id,
        details: { notificationId: created.id, kind: route.kind, reason: route.reason },
      });
      await recordOutboxMessage(tx, { topic: 'notification.created', payload: { notificationId: created.id } });
      await announceEmbassyChange(tx, route.embassy.id);
      continue;
    }

    const updates: { kind: UpdateKind; personId: string }[] = [];
    for (const person of after.filter((candidate) => candidate.nationality === route.embassy.countryCode)) {
      const previous = beforeByIdAndCountry.get(`${person.id}:${person.nationality}`);
      if (!previous) updates.push({ kind: 'national_added', personId: person.id });
      if (person.detentionStatus !== (previous?.detentionStatus ?? 'not_detained')) {
        if (person.detentionStatus === 'detained') updates.push({ kind: 'national_detained', personId: person.id });
        if (person.detentionStatus === 'released') updates.push({ kind: 'national_released', personId: person.id });
      }
    }
    if (updates.length === 0) continue;
    const isNewDetention = updates.some((update) => update.kind === 'national_detained');
    const escalation = isNewDetention && !notification.acknowledgedAt ? escalateToDetention(notification, route.embassy, now) : null;
    await tx
      .update(notifications)
      .set({ lastUpdatedAt: now, ...(escalation ?? {}) })
      .where(eq(notifications.id, notification.id));
    await tx
      .insert(notificationUpdates)
      .values(updates.map((update) => ({ notificationId: notification.id, kind: update.kind, details: { personId: update.personId }, createdAt: now })));
    await recordCaseEvent(
      tx,
      eventContext,
      ...updates.map((update): CaseEvent => ({ kind: 'notification_updated', embassyOrganisationId: route.embassy.id, details: { notificationId: notification.id, update: update.kind } })),
    );
    await recordOutboxMessage(tx, { topic: 'notification.updated', payload: { notificationId: notification.id } });
    await announceEmbassyChange(tx, route.embassy.id);
  }
}

/** Tells every embassy notified of a case that its status changed. */
export async function appendCaseStatusUpdate(tx: Transaction, input: { caseId: string; from: string; to: string; now: Date }): Promise<void> {
  const rows = await tx
    .update(notifications)
    .set({ lastUpdatedAt: input.now })
    .where(eq(notifications.caseId, input.caseId))
    .returning({ id: notifications.id, embassyOrganisationId: notifications.embassyOrganisationId });
  if (rows.length === 0) return;
  for (const row of rows) await announceEmbassyChange(tx, row.embassyOrganisationId);
  await recordOutboxMessage(tx, ...rows.map((row) => ({ topic: 'notification.updated' as const, payload: { notificationId: row.id } })));
  await tx.insert(notificationUpdates).values(
    rows.map((row) => ({
      notificationId: row.id,
      kind: 'case_status_changed' as const,
      details: { from: input.from, to: input.to },
      createdAt: input.now,
    })),
  );
}
