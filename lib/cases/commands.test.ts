import { and, asc, count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, caseEvents, casePeople, cases, notifications, notificationUpdates } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { actorFor, buildCaseInput, buildPersonInput, createOrganisation, createUser } from '@/lib/testing/factories';
import { withTestDatabase } from '@/lib/testing/test-database';
import { addCaseNote, assignCase, changeCaseStatus, createCase, updateCase } from './commands';

withTestDatabase();

let officer: Actor;
let secondOfficer: Actor;
let supervisor: Actor;
let otherProvinceOfficer: Actor;
let chinaEmbassyId: string;
let vietnamEmbassyId: string;

beforeAll(async () => {
  const kohKong = await createOrganisation({ kind: 'police', provinceCode: 'KKG' });
  const sihanouk = await createOrganisation({ kind: 'police', provinceCode: 'PSN' });
  officer = await actorFor(await createUser({ role: 'police_officer', organisationId: kohKong.id, name: 'Officer One' }));
  secondOfficer = await actorFor(await createUser({ role: 'police_officer', organisationId: kohKong.id, name: 'Officer Two' }));
  supervisor = await actorFor(await createUser({ role: 'police_supervisor', organisationId: kohKong.id }));
  otherProvinceOfficer = await actorFor(await createUser({ role: 'police_officer', organisationId: sihanouk.id }));
  chinaEmbassyId = (await createOrganisation({ kind: 'embassy', countryCode: 'CN' })).id;
  vietnamEmbassyId = (await createOrganisation({ kind: 'embassy', countryCode: 'VN', detentionAckDeadlineHours: 12 })).id;
});

async function caseRow(id: string) {
  const [row] = await getDb().select().from(cases).where(eq(cases.id, id));
  if (!row) throw new Error('case missing');
  return row;
}

describe('createCase', () => {
  it('writes the case, its people, its first event, its audit entry and the embassy notifications together', async () => {
    const input = buildCaseInput({
      people: [
        buildPersonInput({ nationality: 'CN', detentionStatus: 'detained', detentionChangedAt: '2026-03-02T10:00', idDocumentType: 'passport', idDocumentNumber: 'e 1234 5678' }),
        buildPersonInput({ nationality: 'CN', roleInCase: 'witness' }),
        buildPersonInput({ nationality: 'KH', roleInCase: 'victim', isSensitiveVictim: true }),
      ],
    });
    const created = await createCase(officer, input);
    expect(created.referenceNumber).toMatch(/^KKG-2026-\d{6}$/);

    const db = getDb();
    const people = await db.select().from(casePeople).where(eq(casePeople.caseId, created.id));
    expect(people).toHaveLength(3);
    expect(people.find((person) => person.idDocumentNumber)?.idDocumentNumber).toBe('E12345678');
    const sent = await db.select().from(notifications).where(eq(notifications.caseId, created.id));
    expect(sent.map((notification) => [notification.embassyOrganisationId, notification.kind])).toEqual([[chinaEmbassyId, 'detention']]);
    const [notification] = sent;
    expect((notification!.dueAt.getTime() - notification!.createdAt.getTime()) / 3_600_000).toBe(24);
    const events = await db.select().from(caseEvents).where(eq(caseEvents.caseId, created.id)).orderBy(asc(caseEvents.kind));
    expect(events.map((row) => row.kind).sort()).toEqual(['case_created', 'notification_sent']);
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.entityId, created.id), eq(auditLog.action, 'case.create')));
    expect(audits).toHaveLength(1);
  });

  it('refuses to file for another province and writes nothing', async () => {
    const [before] = await getDb().select({ total: count() }).from(cases);
    await expect(createCase(officer, buildCaseInput({ provinceCode: 'PSN' }))).rejects.toMatchObject({ kind: 'invalid' });
    const [after] = await getDb().select({ total: count() }).from(cases);
    expect(after?.total).toBe(before?.total);
  });

  it('refuses roles that do not record cases', async () => {
    const liaison = await actorFor(await createUser({ role: 'embassy_liaison', organisationId: chinaEmbassyId }));
    await expect(createCase(liaison, buildCaseInput())).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('numbers concurrent intakes of one province-year without gaps or repeats', async () => {
    const input = buildCaseInput({ reportedAt: '2025-06-02T09:30', occurredAt: '2025-06-01T09:30' });
    const created = await Promise.all(Array.from({ length: 12 }, (_, index) => createCase(index % 2 ? officer : secondOfficer, { ...input, title: `Concurrent ${index}` })));
    const sequences = created.map((row) => Number(row.referenceNumber.slice(-6))).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 12 }, (_, index) => index + 1));
  });

  it('leaves no gap when an intake fails inside its transaction', async () => {
    const input = buildCaseInput({ reportedAt: '2024-02-02T09:30', occurredAt: '2024-02-01T09:30' });
    const first = await createCase(officer, input);
    // 999 passes the TypeScript type but not the database's age check: the whole intake must roll back.
    await expect(createCase(officer, { ...input, people: [buildPersonInput({ approximateAge: '999' })] })).rejects.toThrow();
    const second = await createCase(officer, input);
    expect([first.referenceNumber, second.referenceNumber]).toEqual(['KKG-2024-000001', 'KKG-2024-000002']);
  });
});

describe('updateCase', () => {
  it('refuses the second of two edits made from the same version, naming who saved first', async () => {
    const created = await createCase(officer, buildCaseInput());
    const loaded = await caseRow(created.id);
    const base = buildCaseInput({ title: loaded.title });
    await updateCase(officer, { caseId: created.id, version: loaded.version, details: { ...base, title: 'First edit wins' } });
    const conflict = updateCase(secondOfficer, { caseId: created.id, version: loaded.version, details: { ...base, title: 'Second edit' } });
    await expect(conflict).rejects.toMatchObject({ kind: 'conflict' });
    await expect(conflict).rejects.toMatchObject({ kind: 'conflict', conflict: { changedBy: 'Officer One' } });
    const after = await caseRow(created.id);
    expect(after.title).toBe('First edit wins');
    expect(after.version).toBe(loaded.version + 1);
  });

  it('records which fields changed and keeps people in step: added, edited, removed', async () => {
    const input = buildCaseInput({ people: [buildPersonInput({ nationality: 'KH', latinName: 'Chan Sophal' })] });
    const created = await createCase(officer, input);
    const [person] = await getDb().select().from(casePeople).where(eq(casePeople.caseId, created.id));
    await updateCase(officer, {
      caseId: created.id,
      version: 1,
      details: {
        ...input,
        title: 'Renamed',
        narrative: 'More detail',
        people: [
          { ...input.people[0]!, id: person!.id, latinName: 'Chan Sophal', approximateAge: '36' },
          buildPersonInput({ nationality: 'VN', latinName: 'Nguyen Van An', roleInCase: 'victim' }),
        ],
      },
    });
    const events = await getDb().select().from(caseEvents).where(eq(caseEvents.caseId, created.id));
    expect(events.find((row) => row.kind === 'case_edited')?.details).toEqual({ fields: ['title', 'narrative'] });
    expect(events.find((row) => row.kind === 'person_edited')?.details).toMatchObject({ fields: ['approximateAge'] });
    expect(events.find((row) => row.kind === 'person_added')?.details).toMatchObject({ name: 'Nguyen Van An' });
    const sent = await getDb().select().from(notifications).where(eq(notifications.caseId, created.id));
    expect(sent.map((row) => [row.embassyOrganisationId, row.kind])).toEqual([[vietnamEmbassyId, 'ordinary']]);

    await updateCase(officer, { caseId: created.id, version: 2, details: { ...input, title: 'Renamed', narrative: 'More detail', people: [] } });
    const removed = await getDb().select().from(caseEvents).where(and(eq(caseEvents.caseId, created.id), eq(caseEvents.kind, 'person_removed')));
    expect(removed).toHaveLength(2);
  });

  it('turns an existing notification into a detention one when a national is detained, with an update', async () => {
    const suspect = buildPersonInput({ nationality: 'VN' });
    const input = buildCaseInput({ people: [suspect] });
    const created = await createCase(officer, input);
    const [person] = await getDb().select().from(casePeople).where(eq(casePeople.caseId, created.id));
    const [before] = await getDb().select().from(notifications).where(eq(notifications.caseId, created.id));
    expect(before?.kind).toBe('ordinary');
    await updateCase(officer, {
      caseId: created.id,
      version: 1,
      details: { ...input, people: [{ ...suspect, id: person!.id, detentionStatus: 'detained', detentionChangedAt: '2026-03-03T08:00' }] },
    });
    const [after] = await getDb().select().from(notifications).where(eq(notifications.caseId, created.id));
    expect(after?.kind).toBe('detention');
    expect(after!.dueAt.getTime()).toBeLessThan(before!.dueAt.getTime());
    const updates = await getDb().select().from(notificationUpdates).where(eq(notificationUpdates.notificationId, after!.id));
    expect(updates.map((update) => update.kind)).toEqual(['national_detained']);
  });

  it('answers "not found" to an officer of another province, for every write', async () => {
    const created = await createCase(officer, buildCaseInput());
    const details = buildCaseInput({ provinceCode: 'PSN' });
    await expect(updateCase(otherProvinceOfficer, { caseId: created.id, version: 1, details })).rejects.toMatchObject({ kind: 'not_found' });
    await expect(changeCaseStatus(otherProvinceOfficer, { caseId: created.id, version: 1, status: 'under_investigation', closureReason: '' })).rejects.toMatchObject({
      kind: 'not_found',
    });
    await expect(addCaseNote(otherProvinceOfficer, { caseId: created.id, body: 'Nosy' })).rejects.toMatchObject({ kind: 'not_found' });
    expect((await caseRow(created.id)).version).toBe(1);
  });
});

describe('changeCaseStatus', () => {
  it('walks the workflow, needs a reason to close and lets only a supervisor reopen', async () => {
    const created = await createCase(officer, buildCaseInput());
    const change = (actor: Actor, version: number, status: 'reported' | 'under_investigation' | 'referred_to_prosecutor' | 'closed', closureReason: '' | 'solved' = '') =>
      changeCaseStatus(actor, { caseId: created.id, version, status, closureReason });

    await expect(change(officer, 1, 'referred_to_prosecutor')).rejects.toMatchObject({ kind: 'not_found' });
    await change(officer, 1, 'under_investigation');
    await change(officer, 2, 'referred_to_prosecutor');
    await expect(change(officer, 3, 'closed')).rejects.toMatchObject({ kind: 'invalid', fieldErrors: { closureReason: ['cases.validation.closureReasonNeeded'] } });
    await change(officer, 3, 'closed', 'solved');
    expect(await caseRow(created.id)).toMatchObject({ status: 'closed', closureReason: 'solved', version: 4 });
    await expect(change(officer, 4, 'under_investigation')).rejects.toMatchObject({ kind: 'not_found' });
    await change(supervisor, 4, 'under_investigation');
    expect(await caseRow(created.id)).toMatchObject({ status: 'under_investigation', closureReason: null, closedAt: null });
    const events = await getDb().select().from(caseEvents).where(and(eq(caseEvents.caseId, created.id), eq(caseEvents.kind, 'status_changed')));
    expect(events).toHaveLength(4);
  });

  it('refuses a stale version', async () => {
    const created = await createCase(officer, buildCaseInput());
    await changeCaseStatus(officer, { caseId: created.id, version: 1, status: 'under_investigation', closureReason: '' });
    await expect(changeCaseStatus(secondOfficer, { caseId: created.id, version: 1, status: 'closed', closureReason: 'duplicate' })).rejects.toMatchObject({
      kind: 'conflict',
    });
  });
});

describe('assignCase and notes', () => {
  it('lets a supervisor assign to an officer of the province only', async () => {
    const created = await createCase(officer, buildCaseInput());
    await expect(assignCase(officer, { caseId: created.id, version: 1, assigneeId: secondOfficer.userId })).rejects.toMatchObject({ kind: 'not_found' });
    await expect(assignCase(supervisor, { caseId: created.id, version: 1, assigneeId: otherProvinceOfficer.userId })).rejects.toMatchObject({ kind: 'invalid' });
    await assignCase(supervisor, { caseId: created.id, version: 1, assigneeId: secondOfficer.userId });
    expect((await caseRow(created.id)).assignedTo).toBe(secondOfficer.userId);
  });

  it('adds a note with a timeline event', async () => {
    const created = await createCase(officer, buildCaseInput());
    const note = await addCaseNote(officer, { caseId: created.id, body: 'Interpreter booked for Monday.' });
    const events = await getDb().select().from(caseEvents).where(and(eq(caseEvents.caseId, created.id), eq(caseEvents.kind, 'note_added')));
    expect(events[0]?.details).toEqual({ noteId: note.id });
  });
});
