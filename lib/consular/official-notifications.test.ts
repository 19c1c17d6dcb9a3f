import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, caseEvents, casePeople, countryConsularRules, foreignMissions, missionDistricts, notifications, notificationUpdates, officialNotifications } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { withActorScope } from '@/lib/auth/actor-scope';
import { createCase, updateCase } from '@/lib/cases/commands';
import type { CreateCaseInput, PersonInput } from '@/lib/cases/schemas';
import { isDomainError } from '@/lib/domain-error';
import { actorFor, buildCaseInput, buildPersonInput, createOrganisation, createUser } from '@/lib/testing/factories';
import { withTestDatabase } from '@/lib/testing/test-database';
import { queryOverdueDigest } from '@/lib/notifications/digest';
import { planImmediateUpdateMail } from '@/lib/mail/notification-updates';
import { mailDeliveries } from '@/db/schema';
import { inArray } from 'drizzle-orm';
import { decideDualNational, recordFollowUp, recordOfficialAnswer, recordOfficialNotification } from './commands';

withTestDatabase();

const hour = 3_600_000;
let officer: Actor;
let supervisor: Actor;
let otherProvinceOfficer: Actor;
let chinaEmbassy: Actor;
let indonesianEmbassyId: string;
let philippineConsulateId: string;

beforeAll(async () => {
  const police = await createOrganisation({ kind: 'police', provinceCode: 'KKG' });
  officer = await actorFor(await createUser({ role: 'police_officer', organisationId: police.id }));
  supervisor = await actorFor(await createUser({ role: 'police_supervisor', organisationId: police.id }));
  const elsewhere = await createOrganisation({ kind: 'police', provinceCode: 'PNH' });
  otherProvinceOfficer = await actorFor(await createUser({ role: 'police_officer', organisationId: elsewhere.id }));
  const china = await createOrganisation({ kind: 'embassy', countryCode: 'CN' });
  chinaEmbassy = await actorFor(await createUser({ role: 'embassy_liaison', organisationId: china.id }));
  // Off CaseBridge: contacts only. The Philippines have an embassy and a consulate whose district is Koh Kong.
  const missions = await getDb()
    .insert(foreignMissions)
    .values([
      { slug: 'test-embassy-id', countryCode: 'ID', missionType: 'embassy', nameEn: 'Embassy of Indonesia', nameKm: 'ស្ថានទូតឥណ្ឌូនេស៊ី', nameZh: '印度尼西亚大使馆', city: 'Phnom Penh', email: 'consular@id-embassy.example' },
      { slug: 'test-embassy-ph', countryCode: 'PH', missionType: 'embassy', nameEn: 'Embassy of the Philippines', nameKm: 'ស្ថានទូតហ្វីលីពីន', nameZh: '菲律宾大使馆', city: 'Phnom Penh' },
      { slug: 'test-consulate-ph', countryCode: 'PH', missionType: 'honorary_consul', nameEn: 'Honorary Consul of the Philippines', nameKm: 'កុងស៊ុលកិត្តិយសហ្វីលីពីន', nameZh: '菲律宾名誉领事', city: 'Koh Kong' },
    ])
    .returning({ id: foreignMissions.id, slug: foreignMissions.slug });
  indonesianEmbassyId = missions.find((mission) => mission.slug === 'test-embassy-id')!.id;
  philippineConsulateId = missions.find((mission) => mission.slug === 'test-consulate-ph')!.id;
  await getDb().insert(missionDistricts).values({ missionId: philippineConsulateId, provinceCode: 'KKG' });
  // Malaysia: a bilateral agreement makes notification mandatory whatever the detainee wishes.
  await getDb().insert(countryConsularRules).values({ countryCode: 'MY', mandatoryNotification: true });
});

function detained(nationality: string, overrides: Partial<PersonInput> = {}): PersonInput {
  return buildPersonInput({ nationality, detentionStatus: 'detained', detentionChangedAt: '2026-03-02T10:00', ...overrides });
}

async function tasksOf(caseId: string) {
  return getDb().select().from(officialNotifications).where(eq(officialNotifications.caseId, caseId)).orderBy(officialNotifications.countryCode);
}

async function notifiedCountriesOf(caseId: string) {
  const rows = await getDb().execute<{ country_code: string }>(
    sql`select organisations.country_code from notifications join organisations on organisations.id = notifications.embassy_organisation_id where notifications.case_id = ${caseId}`,
  );
  return (Array.isArray(rows) ? rows : (rows as { rows: { country_code: string }[] }).rows).map((row) => row.country_code).sort();
}

async function editPeople(caseId: string, input: CreateCaseInput, people: PersonInput[]) {
  const [current] = await getDb().select({ version: sql<number>`version` }).from(sql`cases`).where(sql`id = ${caseId}`);
  return updateCase(officer, { caseId, version: current!.version, details: { ...input, people } });
}

describe('official-notification tasks for countries off CaseBridge', () => {
  it('gives a detained Indonesian a detention task due in 24 hours, at the competent mission, and the Chinese embassy its notification', async () => {
    const before = Date.now();
    const created = await createCase(officer, buildCaseInput({ people: [detained('ID'), buildPersonInput({ nationality: 'CN' })] }));
    const [task, ...others] = await tasksOf(created.id);
    expect(others).toEqual([]);
    expect(task).toMatchObject({ countryCode: 'ID', kind: 'detention', missionId: indonesianEmbassyId, provinceCode: 'KKG', informedAt: null, withdrawnAt: null });
    expect(task!.dueAt.getTime() - task!.createdAt.getTime()).toBe(24 * hour);
    expect(task!.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(await notifiedCountriesOf(created.id)).toEqual(['CN']);
    const [event] = await getDb().select().from(caseEvents).where(and(eq(caseEvents.caseId, created.id), eq(caseEvents.kind, 'official_notification_due')));
    expect(event?.details).toMatchObject({ countryCode: 'ID', kind: 'detention' });
  });

  it('routes to the post whose consular district has the case’s province', async () => {
    const created = await createCase(officer, buildCaseInput({ people: [buildPersonInput({ nationality: 'PH', roleInCase: 'victim' })] }));
    const [task] = await tasksOf(created.id);
    expect(task).toMatchObject({ countryCode: 'PH', kind: 'ordinary', missionId: philippineConsulateId });
    expect(task!.dueAt.getTime() - task!.createdAt.getTime()).toBe(72 * hour);
  });

  it('shortens an ordinary task when its national is detained, and withdraws a pending task whose nationals are gone', async () => {
    const input = buildCaseInput({ people: [buildPersonInput({ nationality: 'LA', roleInCase: 'witness' })] });
    const created = await createCase(officer, input);
    const [ordinary] = await tasksOf(created.id);
    await editPeople(created.id, input, [detained('LA', { roleInCase: 'witness', latinName: input.people[0]!.latinName, id: (await peopleOf(created.id))[0]!.id })]);
    const [escalated] = await tasksOf(created.id);
    expect(escalated!.kind).toBe('detention');
    expect(escalated!.dueAt.getTime()).toBeLessThan(ordinary!.dueAt.getTime());
    expect(escalated!.dueAt.getTime()).toBeLessThanOrEqual(Date.now() + 24 * hour);

    await editPeople(created.id, input, [buildPersonInput({ nationality: 'KH' })]);
    const [withdrawn] = await tasksOf(created.id);
    expect(withdrawn!.withdrawnAt).not.toBeNull();
  });

  it('keeps a task already done when its national leaves the case: it is the record of what the police did', async () => {
    const input = buildCaseInput({ people: [detained('MM')] });
    const created = await createCase(officer, input);
    const [task] = await tasksOf(created.id);
    await recordOfficialNotification(officer, { caseId: created.id, officialNotificationId: task!.id, version: task!.version, method: 'fax', informedAt: '2026-03-02T12:00', informedWhom: 'Consular section', reference: 'F-1' });
    await editPeople(created.id, input, [buildPersonInput({ nationality: 'KH' })]);
    const [kept] = await tasksOf(created.id);
    expect(kept).toMatchObject({ method: 'fax', withdrawnAt: null });
  });

  it('records how, when and whom the police informed, then the answer, with version, audit and timeline', async () => {
    const created = await createCase(officer, buildCaseInput({ people: [detained('ID')] }));
    const [task] = await tasksOf(created.id);
    const answerFirst = await recordOfficialAnswer(officer, { caseId: created.id, officialNotificationId: task!.id, version: task!.version, answeredAt: '2026-03-03T09:00', answer: 'A consul will visit.' }).catch((error: unknown) => error);
    expect(isDomainError(answerFirst, 'refused')).toBe(true);

    const recorded = await recordOfficialNotification(officer, {
      caseId: created.id,
      officialNotificationId: task!.id,
      version: task!.version,
      method: 'diplomatic_note_via_mfa',
      informedAt: '2026-03-02T15:00',
      informedWhom: 'Consular section, Embassy of Indonesia',
      reference: 'MFA/2026/0142',
    });
    expect(recorded.version).toBe(task!.version + 1);
    const stale = await recordOfficialNotification(officer, { caseId: created.id, officialNotificationId: task!.id, version: task!.version, method: 'email', informedAt: '2026-03-02T15:00', informedWhom: 'x', reference: '' }).catch((error: unknown) => error);
    expect(isDomainError(stale, 'conflict')).toBe(true);

    const elsewhere = await recordOfficialNotification(otherProvinceOfficer, { caseId: created.id, officialNotificationId: task!.id, version: recorded.version, method: 'email', informedAt: '2026-03-02T15:00', informedWhom: 'x', reference: '' }).catch((error: unknown) => error);
    expect(isDomainError(elsewhere, 'not_found')).toBe(true);

    const tooEarly = await recordOfficialAnswer(officer, { caseId: created.id, officialNotificationId: task!.id, version: recorded.version, answeredAt: '2026-03-02T14:00', answer: 'Noted.' }).catch((error: unknown) => error);
    expect(isDomainError(tooEarly, 'invalid')).toBe(true);
    await recordOfficialAnswer(officer, { caseId: created.id, officialNotificationId: task!.id, version: recorded.version, answeredAt: '2026-03-03T09:00', answer: 'A consul will visit on Friday.' });

    const [done] = await tasksOf(created.id);
    expect(done).toMatchObject({ method: 'diplomatic_note_via_mfa', reference: 'MFA/2026/0142', answer: 'A consul will visit on Friday.', informedBy: officer.userId, answeredBy: officer.userId });
    const kinds = (await getDb().select({ kind: caseEvents.kind }).from(caseEvents).where(eq(caseEvents.caseId, created.id))).map((row) => row.kind);
    expect(kinds).toEqual(expect.arrayContaining(['official_notification_recorded', 'official_notification_answered']));
    const audits = await getDb().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, task!.id));
    expect(audits.map((row) => row.action).sort()).toEqual(['official_notification.answer', 'official_notification.record']);
  });

  it('is in the province’s overdue digest once past its deadline, until the police record it', async () => {
    const created = await createCase(officer, buildCaseInput({ people: [detained('KP')] }));
    const [task] = await tasksOf(created.id);
    const twoDaysLater = new Date(task!.dueAt.getTime() + 48 * hour);
    const overdue = await queryOverdueDigest(getDb(), { provinceCode: 'KKG' }, twoDaysLater);
    expect(overdue.official.items.map((item) => item.officialNotificationId)).toContain(task!.id);
    expect((await queryOverdueDigest(getDb(), { provinceCode: 'KKG' }, new Date(task!.dueAt.getTime() - hour))).official.items.map((item) => item.officialNotificationId)).not.toContain(task!.id);
    await recordOfficialNotification(officer, { caseId: created.id, officialNotificationId: task!.id, version: task!.version, method: 'phone', informedAt: '2026-03-02T12:00', informedWhom: 'Duty consul', reference: '' });
    const afterwards = await queryOverdueDigest(getDb(), { provinceCode: 'KKG' }, twoDaysLater);
    expect(afterwards.official.items.map((item) => item.officialNotificationId)).not.toContain(task!.id);
    expect((await queryOverdueDigest(getDb(), { provinceCode: 'PNH' }, twoDaysLater)).official.total).toBe(0);
  });

  it('is readable by the police of the case’s province only: never by an embassy or another province', async () => {
    const created = await createCase(officer, buildCaseInput({ people: [detained('ID'), buildPersonInput({ nationality: 'CN' })] }));
    const asOwner = await withActorScope(officer, (tx) => tx.select().from(officialNotifications).where(eq(officialNotifications.caseId, created.id)));
    const asOtherProvince = await withActorScope(otherProvinceOfficer, (tx) => tx.select().from(officialNotifications).where(eq(officialNotifications.caseId, created.id)));
    expect(asOwner).toHaveLength(1);
    expect(asOtherProvince).toEqual([]);
    const asEmbassy = await withActorScope(chinaEmbassy, (tx) => tx.select().from(officialNotifications).where(eq(officialNotifications.caseId, created.id))).catch((error: unknown) => error);
    expect(asEmbassy).toBeInstanceOf(Error);
  });
});

async function peopleOf(caseId: string) {
  return getDb().select().from(casePeople).where(eq(casePeople.caseId, caseId)).orderBy(casePeople.createdAt);
}

describe('the detainee’s answer and mandatory-notification countries', () => {
  it('does not notify a declined detention of a country without an agreement, on CaseBridge or off', async () => {
    const declines = { rightsInformedAt: '2026-03-02T11:00', notificationWish: 'declines' as const };
    const created = await createCase(officer, buildCaseInput({ people: [detained('CN', declines), detained('ID', declines)] }));
    expect(await tasksOf(created.id)).toEqual([]);
    expect(await notifiedCountriesOf(created.id)).toEqual([]);
  });

  it('notifies a mandatory country whatever the detainee wishes', async () => {
    const created = await createCase(officer, buildCaseInput({ people: [detained('MY', { rightsInformedAt: '2026-03-02T11:00', notificationWish: 'declines' })] }));
    const [task] = await tasksOf(created.id);
    expect(task).toMatchObject({ countryCode: 'MY', kind: 'detention' });
  });

  it('still notifies the embassy for another national, but hides the detainee who declined from it', async () => {
    const decliner = detained('CN', { latinName: 'Wang Declines', rightsInformedAt: '2026-03-02T11:00', notificationWish: 'declines' });
    const created = await createCase(officer, buildCaseInput({ people: [decliner, buildPersonInput({ nationality: 'CN', roleInCase: 'witness', latinName: 'Li Witness' })] }));
    const [notification] = await getDb().select().from(notifications).where(eq(notifications.caseId, created.id));
    expect(notification).toMatchObject({ kind: 'ordinary', reason: 'national_involved' });
    const visible = await withActorScope(chinaEmbassy, (tx) => tx.select({ latinName: casePeople.latinName }).from(casePeople).where(eq(casePeople.caseId, created.id)));
    expect(visible.map((person) => person.latinName)).toEqual(['Li Witness']);
  });

  it('refuses an answer without the time the detainee was informed, and rights for someone not detained', async () => {
    const { createCaseSchema } = await import('@/lib/cases/schemas');
    const missingTime = createCaseSchema.safeParse(buildCaseInput({ people: [detained('ID', { notificationWish: 'requests' })] }));
    expect(missingTime.success).toBe(false);
    const notDetained = createCaseSchema.safeParse(buildCaseInput({ people: [buildPersonInput({ nationality: 'ID', rightsInformedAt: '2026-03-02T11:00', notificationWish: 'requests' })] }));
    expect(notDetained.success).toBe(false);
  });
});

describe('dual nationals', () => {
  it('routes each nationality: the embassy on CaseBridge and the task off it, the embassy seeing the person', async () => {
    const created = await createCase(officer, buildCaseInput({ people: [detained('ID', { latinName: 'Budi Dual', otherNationalities: ['CN'] })] }));
    expect((await tasksOf(created.id)).map((task) => task.countryCode)).toEqual(['ID']);
    expect(await notifiedCountriesOf(created.id)).toEqual(['CN']);
    const visible = await withActorScope(chinaEmbassy, (tx) => tx.select({ latinName: casePeople.latinName }).from(casePeople).where(eq(casePeople.caseId, created.id)));
    expect(visible.map((person) => person.latinName)).toEqual(['Budi Dual']);
  });

  it('leaves a Cambodian dual national’s other country to the supervisor’s recorded decision', async () => {
    const created = await createCase(officer, buildCaseInput({ people: [detained('KH', { latinName: 'Sok Dual', otherNationalities: ['PH'] })] }));
    expect(await tasksOf(created.id)).toEqual([]);
    const [person] = await peopleOf(created.id);
    const byOfficer = await decideDualNational(officer, { caseId: created.id, personId: person!.id, decision: 'notify' }).catch((error: unknown) => error);
    expect(isDomainError(byOfficer, 'not_found')).toBe(true);

    await decideDualNational(supervisor, { caseId: created.id, personId: person!.id, decision: 'notify' });
    expect((await tasksOf(created.id)).map((task) => [task.countryCode, task.kind])).toEqual([['PH', 'detention']]);
    const [decided] = await peopleOf(created.id);
    expect(decided).toMatchObject({ dualNationalDecision: 'notify', dualNationalDecidedBy: supervisor.userId });
    const audits = await getDb().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, person!.id));
    expect(audits.map((row) => row.action)).toContain('person.decide_dual_national');

    await decideDualNational(supervisor, { caseId: created.id, personId: person!.id, decision: 'do_not_notify' });
    const [withdrawn] = await tasksOf(created.id);
    expect(withdrawn!.withdrawnAt).not.toBeNull();
  });

  it('refuses the decision for someone who is not a Cambodian dual national', async () => {
    const created = await createCase(officer, buildCaseInput({ people: [detained('ID', { otherNationalities: ['PH'] })] }));
    const [person] = await peopleOf(created.id);
    const refused = await decideDualNational(supervisor, { caseId: created.id, personId: person!.id, decision: 'notify' }).catch((error: unknown) => error);
    expect(isDomainError(refused, 'refused')).toBe(true);
  });
});

describe('follow-up notices', () => {
  it('adds a follow-up update to the notification of the detainee’s embassy', async () => {
    const created = await createCase(officer, buildCaseInput({ people: [detained('CN')] }));
    const [person] = await peopleOf(created.id);
    const result = await recordFollowUp(officer, { caseId: created.id, personId: person!.id, kind: 'died_in_custody', occurredAt: '2026-03-03T04:00' });
    expect(result.notified).toBe(1);
    const [notification] = await getDb().select().from(notifications).where(eq(notifications.caseId, created.id));
    const updates = await getDb().select().from(notificationUpdates).where(eq(notificationUpdates.notificationId, notification!.id));
    expect(updates.map((update) => update.kind)).toContain('died_in_custody');
  });

  it('e-mails a death in custody at once, urgent, but lets a hospitalisation wait for the batch', async () => {
    const created = await createCase(officer, buildCaseInput({ people: [detained('CN'), detained('CN')] }));
    const [first, second] = await peopleOf(created.id);
    const [notification] = await getDb().select().from(notifications).where(eq(notifications.caseId, created.id));
    await getDb().update(notifications).set({ updatesMailedUntil: new Date() }).where(eq(notifications.id, notification!.id));
    await createUser({ role: 'embassy_liaison', organisationId: chinaEmbassy.organisationId, updateMailFrequency: 'off' });
    await recordFollowUp(officer, { caseId: created.id, personId: first!.id, kind: 'hospitalised', occurredAt: '2026-03-03T04:00' });
    const waiting = await planImmediateUpdateMail(notification!.id, new Date(), { smtpUrl: undefined, from: 'CaseBridge <no-reply@casebridge.example>', baseUrl: 'https://casebridge.example' });
    expect(waiting.deliveryIds).toEqual([]);
    await recordFollowUp(officer, { caseId: created.id, personId: second!.id, kind: 'died_in_custody', occurredAt: '2026-03-03T05:00' });
    const urgent = await planImmediateUpdateMail(notification!.id, new Date(), { smtpUrl: undefined, from: 'CaseBridge <no-reply@casebridge.example>', baseUrl: 'https://casebridge.example' });
    expect(urgent.deliveryIds.length).toBeGreaterThan(0);
    const deliveries = await getDb().select().from(mailDeliveries).where(inArray(mailDeliveries.id, urgent.deliveryIds));
    expect(deliveries.every((delivery) => delivery.isUrgent && delivery.subject.includes('died in custody'))).toBe(true);
  });

  it('refuses a follow-up about someone never detained, or with no notification on CaseBridge', async () => {
    const created = await createCase(officer, buildCaseInput({ people: [buildPersonInput({ nationality: 'CN' }), detained('ID')] }));
    const [chinese, indonesian] = await peopleOf(created.id);
    const notDetained = await recordFollowUp(officer, { caseId: created.id, personId: chinese!.id, kind: 'hospitalised', occurredAt: '2026-03-03T04:00' }).catch((error: unknown) => error);
    expect(isDomainError(notDetained, 'refused')).toBe(true);
    const offCaseBridge = await recordFollowUp(officer, { caseId: created.id, personId: indonesian!.id, kind: 'hospitalised', occurredAt: '2026-03-03T04:00' }).catch((error: unknown) => error);
    expect(isDomainError(offCaseBridge, 'refused')).toBe(true);
  });
});
