import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { casePeople, notifications, notificationUpdates, officialNotifications, organisations } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record-audit';
import { withActorScope } from '@/lib/auth/actor-scope';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { recordCaseEvent } from '@/lib/cases/case-events';
import { lockCaseInScope } from '@/lib/cases/lock-case';
import { DomainError } from '@/lib/domain-error';
import { announceEmbassyChange } from '@/lib/notifications/live';
import { syncCaseNotifications } from '@/lib/notifications/sync';
import { recordOutboxMessage } from '@/lib/outbox/record-outbox-message';
import { cambodianLocalToDate } from '@/lib/time/cambodia';
import { isCambodianDualNational, isNotifiedNational, nationalitiesOf, routablePeopleOf } from './nationals';
import { loadMandatoryCountries, syncOfficialNotifications } from './official-sync';
import type { DecideDualNationalInput, RecordFollowUpInput, RecordOfficialAnswerInput, RecordOfficialNotificationInput } from './schemas';

/** The task, locked, in the case the actor may change; a task of another case is "not found". */
async function lockTask(tx: Transaction, caseId: string, officialNotificationId: string, expectedVersion: number) {
  const [task] = await tx
    .select()
    .from(officialNotifications)
    .where(and(eq(officialNotifications.id, officialNotificationId), eq(officialNotifications.caseId, caseId)))
    .for('update');
  if (!task) throw DomainError.notFound('official notification');
  if (task.version !== expectedVersion) throw DomainError.conflict('consular.conflict.body', { changedBy: null, changedAt: task.updatedAt });
  return task;
}

/** The police record how, when and whom they informed the mission (again, to correct it): the task is done. */
export async function recordOfficialNotification(actor: Actor, input: RecordOfficialNotificationInput): Promise<{ version: number }> {
  requirePermission(actor, 'update:case:own-province');
  const now = new Date();
  return withActorScope(actor, async (tx) => {
    const record = await lockCaseInScope(tx, actor, input.caseId);
    const task = await lockTask(tx, record.id, input.officialNotificationId, input.version);
    if (task.withdrawnAt !== null) throw DomainError.refused('consular.errors.withdrawn');
    const informedAt = cambodianLocalToDate(input.informedAt);
    if (informedAt.getTime() < record.occurredAt.getTime()) throw DomainError.invalid({ informedAt: ['consular.validation.informedBeforeCase'] });
    const [saved] = await tx
      .update(officialNotifications)
      .set({
        method: input.method,
        informedAt,
        informedWhom: input.informedWhom,
        reference: input.reference || null,
        informedBy: actor.userId,
        version: task.version + 1,
        updatedAt: now,
      })
      .where(and(eq(officialNotifications.id, task.id), eq(officialNotifications.version, task.version)))
      .returning({ version: officialNotifications.version });
    if (!saved) throw DomainError.conflict('consular.conflict.body', { changedBy: null, changedAt: now });
    const details = { officialNotificationId: task.id, countryCode: task.countryCode, method: input.method };
    await recordCaseEvent(tx, { caseId: record.id, actor, occurredAt: now }, { kind: 'official_notification_recorded', details });
    await recordAudit(tx, { actor, action: 'official_notification.record', entityType: 'official_notification', entityId: task.id, details: { caseId: record.id, ...details } });
    return saved;
  });
}

/** The mission's answer, once the police informed it. */
export async function recordOfficialAnswer(actor: Actor, input: RecordOfficialAnswerInput): Promise<{ version: number }> {
  requirePermission(actor, 'update:case:own-province');
  const now = new Date();
  return withActorScope(actor, async (tx) => {
    const record = await lockCaseInScope(tx, actor, input.caseId);
    const task = await lockTask(tx, record.id, input.officialNotificationId, input.version);
    if (task.informedAt === null) throw DomainError.refused('consular.errors.notInformedYet');
    const answeredAt = cambodianLocalToDate(input.answeredAt);
    if (answeredAt.getTime() < task.informedAt.getTime()) throw DomainError.invalid({ answeredAt: ['consular.validation.answerBeforeNotification'] });
    const [saved] = await tx
      .update(officialNotifications)
      .set({ answer: input.answer, answeredAt, answeredBy: actor.userId, version: task.version + 1, updatedAt: now })
      .where(and(eq(officialNotifications.id, task.id), eq(officialNotifications.version, task.version)))
      .returning({ version: officialNotifications.version });
    if (!saved) throw DomainError.conflict('consular.conflict.body', { changedBy: null, changedAt: now });
    const details = { officialNotificationId: task.id, countryCode: task.countryCode };
    await recordCaseEvent(tx, { caseId: record.id, actor, occurredAt: now }, { kind: 'official_notification_answered', details });
    await recordAudit(tx, { actor, action: 'official_notification.answer', entityType: 'official_notification', entityId: task.id, details: { caseId: record.id, ...details } });
    return saved;
  });
}

const consularFields = {
  id: casePeople.id,
  latinName: casePeople.latinName,
  nationality: casePeople.nationality,
  otherNationalities: casePeople.otherNationalities,
  detentionStatus: casePeople.detentionStatus,
  notificationWish: casePeople.notificationWish,
  dualNationalDecision: casePeople.dualNationalDecision,
};

/**
 * A supervisor decides whether a Cambodian dual national's other country is told of them. Notifying it (or no
 * longer) goes through the same routing as any change of the case's people, in the same transaction.
 */
export async function decideDualNational(actor: Actor, input: DecideDualNationalInput): Promise<void> {
  requirePermission(actor, 'decide:dual-national:own-province');
  const now = new Date();
  await withActorScope(actor, async (tx) => {
    const record = await lockCaseInScope(tx, actor, input.caseId);
    const before = await tx.select(consularFields).from(casePeople).where(eq(casePeople.caseId, record.id));
    const person = before.find((candidate) => candidate.id === input.personId);
    if (!person) throw DomainError.notFound('person');
    if (!isCambodianDualNational(person)) throw DomainError.refused('consular.errors.notCambodianDualNational');
    if (person.dualNationalDecision === input.decision) return;
    await tx
      .update(casePeople)
      .set({ dualNationalDecision: input.decision, dualNationalDecidedBy: actor.userId, dualNationalDecidedAt: now, updatedAt: now })
      .where(eq(casePeople.id, person.id));
    const after = before.map((candidate) => (candidate.id === person.id ? { ...candidate, dualNationalDecision: input.decision } : candidate));
    const isMandatoryCountry = await loadMandatoryCountries(tx);
    await recordCaseEvent(
      tx,
      { caseId: record.id, actor, occurredAt: now },
      { kind: 'dual_national_decided', details: { personId: person.id, name: person.latinName, decision: input.decision } },
    );
    await syncCaseNotifications(tx, {
      caseId: record.id,
      provinceCode: record.provinceCode,
      actor,
      before: routablePeopleOf(before, isMandatoryCountry),
      after: routablePeopleOf(after, isMandatoryCountry),
      now,
    });
    await syncOfficialNotifications(tx, { caseId: record.id, provinceCode: record.provinceCode, actor, now });
    await recordAudit(tx, {
      actor,
      action: 'person.decide_dual_national',
      entityType: 'person',
      entityId: person.id,
      details: { caseId: record.id, decision: input.decision, nationalities: nationalitiesOf(person) },
    });
  });
}

/**
 * A follow-up notice about a detained national (moved, hospitalised, released, deported or repatriated, died in
 * custody): an update to every notification on CaseBridge of a country told of them. Its urgency is the mail
 * planner's (lib/mail/notification-updates.ts): a death in custody is e-mailed at once; the rest wait for the batch.
 */
export async function recordFollowUp(actor: Actor, input: RecordFollowUpInput): Promise<{ notified: number }> {
  requirePermission(actor, 'update:case:own-province');
  const now = new Date();
  return withActorScope(actor, async (tx) => {
    const record = await lockCaseInScope(tx, actor, input.caseId);
    const [person] = await tx
      .select(consularFields)
      .from(casePeople)
      .where(and(eq(casePeople.id, input.personId), eq(casePeople.caseId, record.id)));
    if (!person) throw DomainError.notFound('person');
    if (person.detentionStatus === 'not_detained') throw DomainError.refused('consular.errors.followUpOnlyDetained');
    const isMandatoryCountry = await loadMandatoryCountries(tx);
    const countries = nationalitiesOf(person).filter((country) => isNotifiedNational(person, country, isMandatoryCountry));
    const notified = countries.length
      ? await tx
          .select({ id: notifications.id, embassyOrganisationId: notifications.embassyOrganisationId })
          .from(notifications)
          .innerJoin(organisations, eq(organisations.id, notifications.embassyOrganisationId))
          .where(and(eq(notifications.caseId, record.id), inArray(organisations.countryCode, countries)))
      : [];
    if (notified.length === 0) throw DomainError.refused('consular.errors.noNotificationForFollowUp');
    const occurredAt = cambodianLocalToDate(input.occurredAt).toISOString();
    await tx.insert(notificationUpdates).values(notified.map((notification) => ({ notificationId: notification.id, kind: input.kind, details: { personId: person.id, occurredAt }, createdAt: now })));
    await tx.update(notifications).set({ lastUpdatedAt: now }).where(inArray(notifications.id, notified.map((notification) => notification.id)));
    await recordCaseEvent(
      tx,
      { caseId: record.id, actor, occurredAt: now },
      ...notified.map((notification) => ({ kind: 'notification_updated' as const, embassyOrganisationId: notification.embassyOrganisationId, details: { notificationId: notification.id, update: input.kind } })),
    );
    await recordOutboxMessage(tx, ...notified.map((notification) => ({ topic: 'notification.updated' as const, payload: { notificationId: notification.id } })));
    for (const notification of notified) await announceEmbassyChange(tx, notification.embassyOrganisationId);
    await recordAudit(tx, { actor, action: 'person.record_follow_up', entityType: 'person', entityId: person.id, details: { caseId: record.id, kind: input.kind } });
    return { notified: notified.length };
  });
}
