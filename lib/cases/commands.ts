import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { withActorScope } from '@/lib/auth/actor-scope';
import { caseNotes, casePeople, cases, organisations, users } from '@/db/schema';
import { recordOutboxMessage } from '@/lib/outbox/record-outbox-message';
import { recordAudit } from '@/lib/audit/record-audit';
import type { Actor } from '@/lib/auth/actor';
import { requirePermission } from '@/lib/auth/permissions';
import { appendCaseStatusUpdate, syncCaseNotifications } from '@/lib/notifications/sync';
import { routablePeopleOf } from '@/lib/consular/nationals';
import { loadMandatoryCountries, syncOfficialNotifications } from '@/lib/consular/official-sync';
import { recordCaseEvent, type CaseEvent } from './case-events';
import { normaliseDocumentNumber } from './document-number';
import { lockCaseInScope, ownProvince } from './lock-case';
import { referenceYearOf, takeReferenceNumber } from './reference-number';
import {
  type AddCaseNoteInput,
  type AssignCaseInput,
  type ChangeCaseStatusInput,
  type CreateCaseInput,
  type PersonInput,
  type UpdateCaseInput,
} from './schemas';
import { checkTransition } from './workflow';
import { DomainError } from '@/lib/domain-error';
import { cambodianLocalToDate } from '@/lib/time/cambodia';

type CaseInsert = typeof cases.$inferInsert;

/** What notification routing needs of each person: every nationality and the detainee's answer (lib/consular/nationals.ts). */
const consularFields = {
  id: casePeople.id,
  nationality: casePeople.nationality,
  otherNationalities: casePeople.otherNationalities,
  detentionStatus: casePeople.detentionStatus,
  notificationWish: casePeople.notificationWish,
  dualNationalDecision: casePeople.dualNationalDecision,
};
type PersonInsert = Omit<typeof casePeople.$inferInsert, 'caseId' | 'provinceCode'>;

function caseValues(details: CreateCaseInput) {
  return {
    crimeType: details.crimeType,
    district: details.district || null,
    commune: details.commune || null,
    placeDescription: details.placeDescription || null,
    occurredAt: cambodianLocalToDate(details.occurredAt),
    reportedAt: cambodianLocalToDate(details.reportedAt),
    title: details.title,
    narrative: details.narrative,
    isNarrativeShareable: details.isNarrativeShareable,
    narrativeHandlingCode: details.narrativeHandlingCode,
    narrativeHandlingNote: details.narrativeHandlingNote || null,
  } satisfies Partial<CaseInsert>;
}

function personValues(person: PersonInput): PersonInsert {
  return {
    roleInCase: person.roleInCase,
    latinName: person.latinName,
    nativeName: person.nativeName || null,
    sex: person.sex,
    dateOfBirth: person.dateOfBirth || null,
    approximateAge: person.approximateAge === '' ? null : Number(person.approximateAge),
    nationality: person.nationality,
    idDocumentType: person.idDocumentType || null,
    idDocumentNumber: person.idDocumentNumber ? normaliseDocumentNumber(person.idDocumentNumber) : null,
    detentionStatus: person.detentionStatus,
    detentionChangedAt: person.detentionStatus === 'not_detained' ? null : cambodianLocalToDate(person.detentionChangedAt),
    isSensitiveVictim: person.roleInCase === 'victim' && person.isSensitiveVictim,
    otherNationalities: (person.otherNationalities ?? []).filter((country) => country !== ''),
    rightsInformedAt: person.rightsInformedAt && person.notificationWish ? cambodianLocalToDate(person.rightsInformedAt) : null,
    notificationWish: person.rightsInformedAt && person.notificationWish ? person.notificationWish : null,
  };
}

/**
 * Records a case with its people. The reference number, the case, its people, its first timeline event, the
 * embassy notifications it triggers and the audit entry commit together or not at all.
 */
export async function createCase(actor: Actor, input: CreateCaseInput): Promise<{ id: string; referenceNumber: string }> {
  requirePermission(actor, 'create:case:own-province');
  const provinceCode = ownProvince(actor);
  if (input.provinceCode !== provinceCode) throw DomainError.invalid({ provinceCode: ['cases.validation.otherProvince'] });
  const values = caseValues(input);
  const now = new Date();
  return withActorScope(actor, async (tx) => {
    const reference = await takeReferenceNumber(tx, provinceCode, referenceYearOf(values.reportedAt));
    const [created] = await tx
      .insert(cases)
      .values({ ...values, ...reference, provinceCode, createdBy: actor.userId, updatedBy: actor.userId, createdAt: now, updatedAt: now })
      .returning({ id: cases.id, referenceNumber: cases.referenceNumber });
    if (!created) throw new Error('case insert returned nothing');
    const people = input.people.length
      ? await tx
          .insert(casePeople)
          .values(input.people.map((person) => ({ ...personValues(person), caseId: created.id, provinceCode })))
          .returning(consularFields)
      : [];
    await recordCaseEvent(tx, { caseId: created.id, actor, occurredAt: now }, { kind: 'case_created', details: { referenceNumber: created.referenceNumber, people: people.length } });
    const isMandatoryCountry = await loadMandatoryCountries(tx);
    await syncCaseNotifications(tx, { caseId: created.id, provinceCode, actor, before: [], after: routablePeopleOf(people, isMandatoryCountry), now });
    await syncOfficialNotifications(tx, { caseId: created.id, provinceCode, actor, now });
    await recordAudit(tx, { actor, action: 'case.create', entityType: 'case', entityId: created.id, details: { referenceNumber: created.referenceNumber } });
    return created;
  });
}

async function assertVersion(tx: Transaction, current: typeof cases.$inferSelect, expectedVersion: number): Promise<void> {
  if (current.version === expectedVersion) return;
  const [editor] = current.updatedBy ? await tx.select({ name: users.name }).from(users).where(eq(users.id, current.updatedBy)) : [];
  const changedBy = editor?.name ?? null;
  throw DomainError.conflict(changedBy ? 'cases.conflict.body' : 'cases.conflict.bodyUnknown', { changedBy, changedAt: current.updatedAt });
}

const comparableCaseFields = ['crimeType', 'district', 'commune', 'placeDescription', 'occurredAt', 'reportedAt', 'title', 'narrative', 'isNarrativeShareable', 'narrativeHandlingCode', 'narrativeHandlingNote'] as const;
const comparablePersonFields = [
  'roleInCase',
  'latinName',
  'nativeName',
  'sex',
  'dateOfBirth',
  'approximateAge',
  'nationality',
  'idDocumentType',
  'idDocumentNumber',
  'detentionStatus',
  'detentionChangedAt',
  'isSensitiveVictim',
  'otherNationalities',
  'rightsInformedAt',
  'notificationWish',
] as const;

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => item === b[index]);
  return (a ?? null) === (b ?? null);
}

/**
 * Saves an edit of the case and its people if nobody saved in between (optimistic concurrency on `version`);
 * otherwise refuses with who changed it and when, and writes nothing. The timeline records which fields changed.
 */
export async function updateCase(actor: Actor, input: UpdateCaseInput): Promise<{ version: number }> {
  requirePermission(actor, 'update:case:own-province');
  const now = new Date();
  return withActorScope(actor, async (tx) => {
    const current = await lockCaseInScope(tx, actor, input.caseId);
    await assertVersion(tx, current, input.version);
    if (input.details.provinceCode !== current.provinceCode) throw DomainError.invalid({ provinceCode: ['cases.validation.otherProvince'] });

    const values = caseValues(input.details);
    const changedFields = comparableCaseFields.filter((field) => !sameValue(current[field], values[field]));

    const existingPeople = await tx.select().from(casePeople).where(eq(casePeople.caseId, current.id));
    const existingById = new Map(existingPeople.map((person) => [person.id, person]));
    const keptIds = new Set<string>();
    const personEvents: CaseEvent[] = [];
    for (const [index, person] of input.details.people.entries()) {
      const personValuesToSave = personValues(person);
      if (person.id) {
        const previous = existingById.get(person.id);
        if (!previous) throw DomainError.invalid({ [`people.${index}.latinName`]: ['cases.validation.personNotOnCase'] });
        keptIds.add(person.id);
        const changed = comparablePersonFields.filter((field) => !sameValue(previous[field], personValuesToSave[field]));
        if (changed.length === 0) continue;
        await tx
          .update(casePeople)
          .set({ ...personValuesToSave, updatedAt: now })
          .where(eq(casePeople.id, person.id));
        personEvents.push({ kind: 'person_edited', details: { personId: person.id, name: person.latinName, fields: changed } });
      } else {
        const [added] = await tx
          .insert(casePeople)
          .values({ ...personValuesToSave, caseId: current.id, provinceCode: current.provinceCode })
          .returning({ id: casePeople.id });
        if (!added) throw new Error('person insert returned nothing');
        personEvents.push({ kind: 'person_added', details: { personId: added.id, name: person.latinName, role: person.roleInCase } });
      }
    }
    const removed = existingPeople.filter((person) => !keptIds.has(person.id));
    if (removed.length) {
      await tx.delete(casePeople).where(
        inArray(
          casePeople.id,
          removed.map((person) => person.id),
        ),
      );
      for (const person of removed) personEvents.push({ kind: 'person_removed', details: { personId: person.id, name: person.latinName } });
    }
    if (changedFields.length === 0 && personEvents.length === 0) return { version: current.version };

    const [saved] = await tx
      .update(cases)
      .set({ ...values, version: current.version + 1, updatedAt: now, updatedBy: actor.userId })
      .where(and(eq(cases.id, current.id), eq(cases.version, input.version)))
      .returning({ version: cases.version });
    if (!saved) throw DomainError.conflict('cases.conflict.bodyUnknown', { changedBy: null, changedAt: now });
    const edited: CaseEvent[] = changedFields.length ? [{ kind: 'case_edited', details: { fields: changedFields } }] : [];
    await recordCaseEvent(tx, { caseId: current.id, actor, occurredAt: now }, ...edited, ...personEvents);

    const afterPeople = await tx.select(consularFields).from(casePeople).where(eq(casePeople.caseId, current.id));
    const isMandatoryCountry = await loadMandatoryCountries(tx);
    await syncCaseNotifications(tx, {
      caseId: current.id,
      provinceCode: current.provinceCode,
      actor,
      before: routablePeopleOf(existingPeople, isMandatoryCountry),
      after: routablePeopleOf(afterPeople, isMandatoryCountry),
      now,
    });
    await syncOfficialNotifications(tx, { caseId: current.id, provinceCode: current.provinceCode, actor, now });
    await recordAudit(tx, {
      actor,
      action: 'case.update',
      entityType: 'case',
      entityId: current.id,
      details: { fields: changedFields, people: personEvents.map((personEvent) => personEvent.kind) },
    });
    await recordOutboxMessage(tx, { topic: 'case.updated', payload: { caseId: current.id } });
    return saved;
  });
}

export async function changeCaseStatus(actor: Actor, input: ChangeCaseStatusInput): Promise<{ version: number }> {
  requirePermission(actor, 'update:case:own-province');
  const now = new Date();
  return withActorScope(actor, async (tx) => {
    const current = await lockCaseInScope(tx, actor, input.caseId);
    await assertVersion(tx, current, input.version);
    const closureReason = input.closureReason || null;
    const check = checkTransition(current.status, input.status, actor.role, closureReason);
    if (!check.ok) {
      // A missing closure reason is the officer's to fix; any other refused transition was never offered to them.
      throw check.reason === 'reason_required' ? DomainError.invalid({ closureReason: ['cases.validation.closureReasonNeeded'] }) : DomainError.notFound('transition');
    }
    const [saved] = await tx
      .update(cases)
      .set({
        status: input.status,
        closureReason,
        closedAt: input.status === 'closed' ? now : null,
        version: current.version + 1,
        updatedAt: now,
        updatedBy: actor.userId,
      })
      .where(and(eq(cases.id, current.id), eq(cases.version, input.version)))
      .returning({ version: cases.version });
    if (!saved) throw DomainError.conflict('cases.conflict.bodyUnknown', { changedBy: null, changedAt: now });
    const details = { from: current.status, to: input.status, ...(closureReason ? { closureReason } : {}) };
    await recordCaseEvent(tx, { caseId: current.id, actor, occurredAt: now }, { kind: 'status_changed', details });
    await appendCaseStatusUpdate(tx, { caseId: current.id, from: current.status, to: input.status, now });
    await recordAudit(tx, { actor, action: 'case.change_status', entityType: 'case', entityId: current.id, details });
    await recordOutboxMessage(tx, { topic: 'case.updated', payload: { caseId: current.id } });
    return saved;
  });
}

export async function addCaseNote(actor: Actor, input: AddCaseNoteInput): Promise<{ id: string }> {
  requirePermission(actor, 'update:case:own-province');
  const now = new Date();
  return withActorScope(actor, async (tx) => {
    const current = await lockCaseInScope(tx, actor, input.caseId);
    const [note] = await tx
      .insert(caseNotes)
      .values({ caseId: current.id, authorId: actor.userId, body: input.body, createdAt: now })
      .returning({ id: caseNotes.id });
    if (!note) throw new Error('note insert returned nothing');
    await recordCaseEvent(tx, { caseId: current.id, actor, occurredAt: now }, { kind: 'note_added', details: { noteId: note.id } });
    await recordAudit(tx, { actor, action: 'case.add_note', entityType: 'case', entityId: current.id, details: { noteId: note.id } });
    return note;
  });
}

/** A supervisor hands a case to an active officer of the same province (or takes it back: no assignee). */
export async function assignCase(actor: Actor, input: AssignCaseInput): Promise<{ version: number }> {
  requirePermission(actor, 'assign:case:own-province');
  const now = new Date();
  return withActorScope(actor, async (tx) => {
    const current = await lockCaseInScope(tx, actor, input.caseId);
    await assertVersion(tx, current, input.version);
    const assigneeId = input.assigneeId || null;
    if (assigneeId) {
      const [assignee] = await tx
        .select({ id: users.id })
        .from(users)
        .innerJoin(organisations, eq(organisations.id, users.organisationId))
        .where(
          and(
            eq(users.id, assigneeId),
            eq(users.isActive, true),
            eq(users.isApiKeyAccount, false),
            inArray(users.role, ['police_officer', 'police_supervisor']),
            eq(organisations.provinceCode, current.provinceCode),
            eq(organisations.kind, 'police'),
          ),
        );
      if (!assignee) throw DomainError.invalid({ assigneeId: ['cases.validation.assigneeNotInProvince'] });
    }
    const [saved] = await tx
      .update(cases)
      .set({ assignedTo: assigneeId, version: current.version + 1, updatedAt: now, updatedBy: actor.userId })
      .where(and(eq(cases.id, current.id), eq(cases.version, input.version)))
      .returning({ version: cases.version });
    if (!saved) throw DomainError.conflict('cases.conflict.bodyUnknown', { changedBy: null, changedAt: now });
    await recordCaseEvent(tx, { caseId: current.id, actor, occurredAt: now }, { kind: 'case_assigned', details: { assignedTo: assigneeId } });
    await recordAudit(tx, { actor, action: 'case.assign', entityType: 'case', entityId: current.id, details: { assignedTo: assigneeId } });
    return saved;
  });
}
