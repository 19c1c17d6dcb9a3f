import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { casePeople, notifications, notificationUpdates, organisations } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record-audit';
import { withActorScope } from '@/lib/auth/actor-scope';
import type { Actor } from '@/lib/auth/actor';
import { recordCaseEvent } from '@/lib/cases/case-events';
import { recordOutboxMessage } from '@/lib/outbox/record-outbox-message';
import { requirePermission } from '@/lib/auth/permissions';
import { lockCaseInScope } from '@/lib/cases/lock-case';
import { announceEmbassyChange } from '@/lib/notifications/live';
import type { OverrideDisclosureInput, RecordConsentInput } from './schemas';
import { DomainError } from '@/lib/domain-error';

/** Tells the victim's embassy, if it was notified, that what it may know of her changed. */
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
  await recordOutboxMessage(tx, { topic: 'notification.updated', payload: { notificationId: notification.id } });
  await announceEmbassyChange(tx, notification.embassyOrganisationId);
}

/** Consent and override are about victims only: suspects and witnesses are disclosed whatever they say. */
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
    const record = await lockCaseInScope(tx, actor, input.caseId);
    const person = await lockVictim(tx, record.id, input.personId);
    if (person.consularConsent === input.consent) return;
    await tx
      .update(casePeople)
      .set({ consularConsent: input.consent, consentRecordedAt: now, consentRecordedBy: actor.userId, updatedAt: now })
      .where(eq(casePeople.id, person.id));
    await recordCaseEvent(
      tx,
      { caseId: record.id, actor, occurredAt: now },
      { kind: 'person_edited', details: { personId: person.id, name: person.latinName, fields: ['consularConsent'], consent: input.consent } },
    );
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
    const record = await lockCaseInScope(tx, actor, input.caseId);
    const person = await lockVictim(tx, record.id, input.personId);
    if (person.consularConsent === 'yes') throw DomainError.refused('embassy.errors.consentAlreadyGiven');
    await tx
      .update(casePeople)
      .set({ disclosureOverrideJustification: input.justification, disclosureOverrideBy: actor.userId, disclosureOverrideAt: now, updatedAt: now })
      .where(eq(casePeople.id, person.id));
    await recordCaseEvent(
      tx,
      { caseId: record.id, actor, occurredAt: now },
      { kind: 'person_edited', details: { personId: person.id, name: person.latinName, fields: ['disclosureOverride'] } },
    );
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
