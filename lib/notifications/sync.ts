import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { notifications, notificationUpdates, organisations, type DetentionStatus } from '@/db/schema';
import { loadDirectoryMissions, loadReceivingOrganisations } from '@/lib/consular/directory-missions';
import { recordAudit } from '@/lib/audit/record-audit';
import { recordCaseEvent, type CaseEvent } from '@/lib/cases/case-events';
import { recordOutboxMessage } from '@/lib/outbox/record-outbox-message';
import type { Actor } from '@/lib/auth/actor';
import { recordNationalityResolution } from './answers';
import { escalateToDetention, notificationDueAt } from './deadlines';
import { announceEmbassyChange } from './live';
import { routeNotifications, type NotificationRoute, type RoutableEmbassy } from './routing';

type UpdateKind = (typeof notificationUpdates.$inferInsert)['kind'];

export interface PersonNotificationState {
  id: string;
  nationality: string;
  detentionStatus: DetentionStatus;
}

/**
 * Keeps a case's notifications to missions on CaseBridge in step with its people, inside the transaction that
 * changed them. Each country with a national to tell is routed to one organisation: the consular post whose
 * district holds the case's province, else the embassy (lib/consular/directory-missions.ts; decision 021), whose
 * deadlines the notification gets. One notification per case and country: one already made to any organisation of
 * that country — the embassy, a post, wherever it was redirected — stays where it is and gets an update for each
 * national added, detained or released, and a detention shortens its deadline. A notification whose case no
 * longer has a national of its organisation's country is withdrawn (unless the police made it by hand, for a
 * reason of their own); a national of that country added again reopens it.
 */
export async function syncCaseNotifications(
  tx: Transaction,
  input: { caseId: string; provinceCode: string; actor: Actor; before: PersonNotificationState[]; after: PersonNotificationState[]; now: Date },
): Promise<void> {
  const { caseId, provinceCode, actor, before, after, now } = input;
  const nationalities = [...new Set(after.map((person) => person.nationality))];
  const [missions, existing] = await Promise.all([
    loadDirectoryMissions(tx, nationalities),
    tx
      .select({ notification: notifications, countryCode: organisations.countryCode })
      .from(notifications)
      .innerJoin(organisations, eq(organisations.id, notifications.embassyOrganisationId))
      .where(eq(notifications.caseId, caseId)),
  ]);
  const receivers = await loadReceivingOrganisations(tx, missions, nationalities, provinceCode);
  const routes = routeNotifications(after, [...receivers.values()]);
  // Keyed by person and country: the people come one entry per nationality routed (lib/consular/nationals.ts routablePeopleOf).
  const beforeByIdAndCountry = new Map(before.map((person) => [`${person.id}:${person.nationality}`, person]));
  const eventContext = { caseId, actor, occurredAt: now };

  const remainingCountries = new Set(nationalities);
  for (const { notification, countryCode } of existing) {
    if (notification.withdrawnAt || notification.reason === 'manual' || (countryCode !== null && remainingCountries.has(countryCode))) continue;
    await withdrawNotification(tx, { notification, actor, eventContext, now });
  }

  for (const route of routes) {
    const notification = existingNotificationOfCountry(existing, route.embassy);
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
      .set({ lastUpdatedAt: now, ...(notification.withdrawnAt ? reopening(notification, route, now) : {}), ...(escalation ?? {}) })
      .where(eq(notifications.id, notification.id));
    await tx
      .insert(notificationUpdates)
      .values(updates.map((update) => ({ notificationId: notification.id, kind: update.kind, details: { personId: update.personId }, createdAt: now })));
    await recordCaseEvent(
      tx,
      eventContext,
      ...updates.map(
        (update): CaseEvent => ({ kind: 'notification_updated', embassyOrganisationId: notification.embassyOrganisationId, details: { notificationId: notification.id, update: update.kind } }),
      ),
    );
    await recordOutboxMessage(tx, { topic: 'notification.updated', payload: { notificationId: notification.id } });
    await announceEmbassyChange(tx, notification.embassyOrganisationId);
  }
}

/**
 * The case's notification that answers for the route's country: a standing one to any organisation of the
 * country first (it stays with the mission that has it), else a withdrawn one — the receiving organisation's,
 * else another of the country's — to reopen.
 */
function existingNotificationOfCountry(
  existing: readonly { notification: typeof notifications.$inferSelect; countryCode: string | null }[],
  receiver: RoutableEmbassy,
): typeof notifications.$inferSelect | undefined {
  const ofCountry = existing.filter((row) => row.countryCode === receiver.countryCode).map((row) => row.notification);
  return (
    ofCountry.find((notification) => notification.withdrawnAt === null) ??
    ofCountry.find((notification) => notification.embassyOrganisationId === receiver.id) ??
    ofCountry[0]
  );
}

/**
 * A withdrawn notification that concerns the embassy again: still unacknowledged, it waits again with a fresh
 * deadline and its reminder and escalation still to come (the old deadline may long have passed while it was withdrawn).
 */
function reopening(
  notification: typeof notifications.$inferSelect,
  route: NotificationRoute<RoutableEmbassy>,
  now: Date,
): Partial<typeof notifications.$inferInsert> {
  if (notification.acknowledgedAt) return { withdrawnAt: null };
  return { withdrawnAt: null, kind: route.kind, dueAt: notificationDueAt(route.kind, route.embassy, now), remindedAt: null, escalatedAt: null };
}

/**
 * A notification the embassy declined and the police had not answered yet is withdrawn because the police edited
 * the person away from that nationality: that edit is their correction, recorded as the decline's resolution.
 */
async function withdrawNotification(
  tx: Transaction,
  input: { notification: typeof notifications.$inferSelect; actor: Actor; eventContext: { caseId: string; actor: Actor; occurredAt: Date }; now: Date },
): Promise<void> {
  const { notification, actor, eventContext, now } = input;
  const { id: notificationId, embassyOrganisationId } = notification;
  const isCorrection = notification.declinedAt !== null && notification.nationalityResolvedAt === null;
  await tx.update(notifications).set({ withdrawnAt: now, lastUpdatedAt: now }).where(eq(notifications.id, notificationId));
  await recordCaseEvent(tx, eventContext, { kind: 'notification_withdrawn', embassyOrganisationId, details: { notificationId } });
  if (isCorrection) await recordNationalityResolution(tx, eventContext, { notificationId, embassyOrganisationId, resolution: 'corrected', note: null });
  await recordAudit(tx, {
    actor,
    action: 'notification.withdraw',
    entityType: 'notification',
    entityId: notificationId,
    details: { caseId: eventContext.caseId, ...(isCorrection ? { resolution: 'corrected' } : {}) },
  });
  await recordOutboxMessage(tx, { topic: 'notification.updated', payload: { notificationId } });
  await announceEmbassyChange(tx, embassyOrganisationId);
}

/** Tells every embassy notified of a case (and not withdrawn from it) that its status changed. */
export async function appendCaseStatusUpdate(tx: Transaction, input: { caseId: string; from: string; to: string; now: Date }): Promise<void> {
  const rows = await tx
    .update(notifications)
    .set({ lastUpdatedAt: input.now })
    .where(and(eq(notifications.caseId, input.caseId), isNull(notifications.withdrawnAt)))
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
