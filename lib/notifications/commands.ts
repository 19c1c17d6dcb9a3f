import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { withActorScope } from '@/lib/auth/actor-scope';
import { caseEvents, casePeople, cases, notifications, notificationUpdates, organisations } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record-audit';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { notificationDueAt } from './deadlines';
import { announceEmbassyChange } from './live';
import type { AcknowledgeNotificationInput, ManualNotificationInput, OverrideDisclosureInput, RecordConsentInput } from './schemas';
import { DomainError } from '@/lib/domain-error';

/** The embassy acknowledges its notification of a case, optionally with a note; the police see who and when. */
export async function acknowledgeNotification(actor: Actor, input: AcknowledgeNotificationInput): Promise<{ acknowledgedAt: Date }> {
  requirePermission(actor, 'acknowledge:notification:own-embassy');
  const now = new Date();
  return withActorScope(actor, async (tx) => {
    const [notification] = await tx
      .select()
      .from(notifications)
      .where(and(eq(notifications.id, input.notificationId), eq(notifications.embassyOrganisationId, actor.organisationId)))
      .for('update');
    if (!notification) throw DomainError.notFound('notification');
    if (notification.acknowledgedAt) throw DomainError.refused('embassy.errors.alreadyAcknowledged');
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
    await tx.insert(caseEvents).values({
      caseId: notification.caseId,
      kind: 'notification_acknowledged',
      actorUserId: actor.userId,
      actorOrganisationId: actor.organisationId,
      embassyOrganisationId: actor.organisationId,
      occurredAt: now,
      details: { notificationId: notification.id, ...(input.note ? { note: input.note } : {}) },
    });
    await recordAudit(tx, { actor, action: 'notification.acknowledge', entityType: 'notification', entityId: notification.id, details: { caseId: notification.caseId } });
    await announceEmbassyChange(tx, actor.organisationId);
    return { acknowledgedAt: now };
  });
}

async function lockProvinceCase(tx: Transaction, actor: Actor, caseId: string) {
  if (!actor.provinceCode) throw DomainError.notFound('case');
  const [row] = await tx
    .select()
    .from(cases)
    .where(and(eq(cases.id, caseId), eq(cases.provinceCode, actor.provinceCode)))
    .for('update');
  if (!row) throw DomainError.notFound('case');
  return row;
}

/** Police notify an embassy by hand, with a reason, e.g. when a victim's nationality is uncertain. */
export async function notifyEmbassyManually(actor: Actor, input: ManualNotificationInput): Promise<{ id: string }> {
  requirePermission(actor, 'update:case:own-province');
  const now = new Date();
  return withActorScope(actor, async (tx) => {
    const record = await lockProvinceCase(tx, actor, input.caseId);
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
    await tx.insert(caseEvents).values({
      caseId: record.id,
      kind: 'notification_sent',
      actorUserId: actor.userId,
      actorOrganisationId: actor.organisationId,
      embassyOrganisationId: embassy.id,
      occurredAt: now,
      details: { notificationId: created.id, kind: 'ordinary', reason: 'manual' },
    });
    await recordAudit(tx, { actor, action: 'notification.manual', entityType: 'notification', entityId: created.id, details: { caseId: record.id, embassyId: embassy.id } });
    await announceEmbassyChange(tx, embassy.id);
    return created;
  });
}

/** Appends an update about one person to the notification of that person's embassy, if there is one. */
async function appendPersonUpdate(
  tx: Transaction,
  input: { caseId: string; nationality: string; kind: 'consent_recorded' | 'disclosure_override'; details: Record<string, unknown>; now: Date },
): Promise<void> {
  const [notification] = await tx
    .select({ id: notifications.id, embassyOrganisationId: notifications.embassyOrganisationId })
    .from(notifications)
    .innerJoin(organisations, eq(organisations.id, notifications.embassyOrganisationId))
    .where(and(eq(notifications.caseId, input.caseId), eq(organisations.countryCode, input.nationality)));
  if (!notification) return;
  await tx.insert(notificationUpdates).values({ notificationId: notification.id, kind: input.kind, details: input.details, createdAt: input.now });
  await tx.update(notifications).set({ lastUpdatedAt: input.now }).where(eq(notifications.id, notification.id));
  await announceEmbassyChange(tx, notification.embassyOrganisationId);
}

async function lockVictim(tx: Transaction, caseId: string, personId: string) {
  const [person] = await tx
    .select()
    .from(casePeople)
    .where(and(eq(casePeople.id, personId), eq(casePeople.caseId, caseId)))
    .for('update');
  if (!person) throw DomainError.notFound('person');
  if (person.roleInCase !== 'victim') throw DomainError.refused('embassy.errors.onlyVictims');
  return person;
}

/** Records whether a victim consents to consular contact: only then do their details reach their embassy. */
export async function recordConsent(actor: Actor, input: RecordConsentInput): Promise<void> {
  requirePermission(actor, 'update:case:own-province');
  const now = new Date();
  await withActorScope(actor, async (tx) => {
    const record = await lockProvinceCase(tx, actor, input.caseId);
    const person = await lockVictim(tx, record.id, input.personId);
    if (person.consularConsent === input.consent) return;
    await tx
      .update(casePeople)
      .set({ consularConsent: input.consent, consentRecordedAt: now, consentRecordedBy: actor.userId, updatedAt: now })
      .where(eq(casePeople.id, person.id));
    await tx.insert(caseEvents).values({
      caseId: record.id,
      kind: 'person_edited',
      actorUserId: actor.userId,
      actorOrganisationId: actor.organisationId,
      occurredAt: now,
      details: { personId: person.id, name: person.latinName, fields: ['consularConsent'], consent: input.consent },
    });
    await appendPersonUpdate(tx, { caseId: record.id, nationality: person.nationality, kind: 'consent_recorded', details: { personId: person.id, consent: input.consent }, now });
    await recordAudit(tx, { actor, action: 'person.record_consent', entityType: 'person', entityId: person.id, details: { caseId: record.id, consent: input.consent } });
  });
}

/**
 * A supervisor discloses a victim to their embassy without consent. The written justification is kept, audited,
 * and shown to both sides.
 */
export async function overrideDisclosure(actor: Actor, input: OverrideDisclosureInput): Promise<void> {
  requirePermission(actor, 'override:disclosure:own-province');
  const now = new Date();
  await withActorScope(actor, async (tx) => {
    const record = await lockProvinceCase(tx, actor, input.caseId);
    const person = await lockVictim(tx, record.id, input.personId);
    if (person.consularConsent === 'yes') throw DomainError.refused('embassy.errors.consentAlreadyGiven');
    await tx
      .update(casePeople)
      .set({ disclosureOverrideJustification: input.justification, disclosureOverrideBy: actor.userId, disclosureOverrideAt: now, updatedAt: now })
      .where(eq(casePeople.id, person.id));
    await tx.insert(caseEvents).values({
      caseId: record.id,
      kind: 'person_edited',
      actorUserId: actor.userId,
      actorOrganisationId: actor.organisationId,
      occurredAt: now,
      details: { personId: person.id, name: person.latinName, fields: ['disclosureOverride'] },
    });
    await appendPersonUpdate(tx, {
      caseId: record.id,
      nationality: person.nationality,
      kind: 'disclosure_override',
      details: { personId: person.id, justification: input.justification },
      now,
    });
    await recordAudit(tx, {
      actor,
      action: 'person.override_disclosure',
      entityType: 'person',
      entityId: person.id,
      details: { caseId: record.id, justification: input.justification },
    });
  });
}
