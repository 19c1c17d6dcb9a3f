import { and, desc, eq } from 'drizzle-orm';
import { createTranslator } from 'next-intl';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, cases, cooperationActions, notifications } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';

import { createCase } from '@/lib/cases/commands';
import type { PersonInput } from '@/lib/cases/schemas';
import en from '@/lib/i18n/messages/en.json';
import { actorFor, buildCaseInput, buildPersonInput, createOrganisation, createUser } from '@/lib/testing/factories';
import { withTestDatabase } from '@/lib/testing/test-database';
import { exportSummaryTable } from './export';
import { getSummaryReport } from './queries';
import type { TableLabels } from './tables';

withTestDatabase();

/**
 * A fixed data set with known answers. "Now" is 15 July 2026, noon in Cambodia, so the default period (12 months)
 * runs from August 2025 to July 2026.
 *
 * Koh Kong (the governor's province):
 *   K1 online scam, 10 Jun 2026: a detained Chinese suspect and a Thai victim → notifications to CN (ack 2 h) and TH (ack 5 h)
 *   K2 online scam, 20 Jun 2026: a Chinese suspect → CN (ack 10 h)
 *   K3 drug trafficking, 5 May 2026: a detained Cambodian suspect; closed 1 Jun 2026
 *   K4 online scam, 1 Feb 2026: a Chinese victim → CN (ack 30 h)
 *   K5 human trafficking, 1 Mar 2025 (before the period): a Vietnamese victim, still open
 *   K6 kidnapping, 1 Jul 2026: a detained Chinese suspect and a Chinese victim → CN, never acknowledged (overdue)
 *   K7 online scam, 1 Jun 2024: closed 1 Sep 2025 (closed inside the period)
 * Preah Sihanouk:
 *   P1 kidnapping, 1 Jun 2026: a detained Chinese suspect → CN (ack 4 h)
 *   P2 online scam, 1 Apr 2026: a Thai suspect → TH, never acknowledged (overdue)
 */
const now = new Date('2026-07-15T05:00:00Z');
const hour = 3_600_000;

let governor: Actor;
let analyst: Actor;
let kohKongOfficer: Actor;
let chinaEmbassyId: string;
let thaiEmbassyId: string;
const caseIds: Record<string, string> = {};

const labels: TableLabels = { t: createTranslator({ locale: 'en', messages: en }) as TableLabels['t'], locale: 'en' };

function person(nationality: string, overrides: Partial<PersonInput> = {}): PersonInput {
  return buildPersonInput({ nationality, ...overrides });
}

function detained(nationality: string, at: string): PersonInput {
  return person(nationality, { detentionStatus: 'detained', detentionChangedAt: at });
}

async function setNotification(caseKey: string, embassyId: string, createdAt: string, acknowledgedAfterHours: number | null, liaisonId: string) {
  const created = new Date(createdAt);
  const [updated] = await getDb()
    .update(notifications)
    .set({
      createdAt: created,
      dueAt: new Date(created.getTime() + 24 * hour),
      lastUpdatedAt: created,
      acknowledgedAt: acknowledgedAfterHours === null ? null : new Date(created.getTime() + acknowledgedAfterHours * hour),
      acknowledgedBy: acknowledgedAfterHours === null ? null : liaisonId,
    })
    .where(and(eq(notifications.caseId, caseIds[caseKey]!), eq(notifications.embassyOrganisationId, embassyId)))
    .returning({ id: notifications.id });
  if (!updated) throw new Error(`no notification for ${caseKey}`);
}

async function closeCase(caseKey: string, closedAt: string) {
  await getDb()
    .update(cases)
    .set({ status: 'closed', closureReason: 'solved', closedAt: new Date(closedAt) })
    .where(eq(cases.id, caseIds[caseKey]!));
}

beforeAll(async () => {
  const kohKong = await createOrganisation({ kind: 'police', provinceCode: 'KKG' });
  const sihanouk = await createOrganisation({ kind: 'police', provinceCode: 'PSN' });
  kohKongOfficer = await actorFor(await createUser({ role: 'police_officer', organisationId: kohKong.id }));
  const sihanoukOfficer = await actorFor(await createUser({ role: 'police_officer', organisationId: sihanouk.id }));
  governor = await actorFor(await createUser({ role: 'governor_viewer', organisationId: (await createOrganisation({ kind: 'governor_office', provinceCode: 'KKG' })).id }));
  analyst = await actorFor(await createUser({ role: 'ministry_analyst' }));
  const chinaEmbassy = await createOrganisation({ kind: 'embassy', countryCode: 'CN' });
  const thaiEmbassy = await createOrganisation({ kind: 'embassy', countryCode: 'TH' });
  chinaEmbassyId = chinaEmbassy.id;
  thaiEmbassyId = thaiEmbassy.id;
  const chinaLiaison = await createUser({ role: 'embassy_liaison', organisationId: chinaEmbassy.id });
  const thaiLiaison = await createUser({ role: 'embassy_liaison', organisationId: thaiEmbassy.id });

  const planned = [
    ['K1', kohKongOfficer, 'online_scam', '2026-06-10T10:00', [detained('CN', '2026-06-10T10:00'), person('TH', { roleInCase: 'victim' })]],
    ['K2', kohKongOfficer, 'online_scam', '2026-06-20T10:00', [person('CN')]],
    ['K3', kohKongOfficer, 'drug_trafficking', '2026-05-05T10:00', [detained('KH', '2026-05-05T10:00')]],
    ['K4', kohKongOfficer, 'online_scam', '2026-02-01T10:00', [person('CN', { roleInCase: 'victim' })]],
    ['K5', kohKongOfficer, 'human_trafficking', '2025-03-01T10:00', [person('VN', { roleInCase: 'victim' })]],
    ['K6', kohKongOfficer, 'kidnapping', '2026-07-01T09:00', [detained('CN', '2026-07-01T09:00'), person('CN', { roleInCase: 'victim' })]],
    ['K7', kohKongOfficer, 'online_scam', '2024-06-01T10:00', [person('KH')]],
    ['P1', sihanoukOfficer, 'kidnapping', '2026-06-01T10:00', [detained('CN', '2026-06-01T10:00')]],
    ['P2', sihanoukOfficer, 'online_scam', '2026-04-01T10:00', [person('TH')]],
  ] as const;
  for (const [key, officer, crimeType, reportedAt, people] of planned) {
    const created = await createCase(
      officer,
      buildCaseInput({ provinceCode: officer.provinceCode!, crimeType, occurredAt: reportedAt, reportedAt, people: [...people] }),
    );
    caseIds[key] = created.id;
  }
  await closeCase('K3', '2026-06-01T03:00:00Z');
  await closeCase('K7', '2025-09-01T03:00:00Z');

  await setNotification('K1', chinaEmbassyId, '2026-06-10T03:00:00Z', 2, chinaLiaison.id);
  await setNotification('K1', thaiEmbassyId, '2026-06-10T03:00:00Z', 5, thaiLiaison.id);
  await setNotification('K2', chinaEmbassyId, '2026-06-20T03:00:00Z', 10, chinaLiaison.id);
  await setNotification('K4', chinaEmbassyId, '2026-02-01T03:00:00Z', 30, chinaLiaison.id);
  await setNotification('K6', chinaEmbassyId, '2026-07-01T02:00:00Z', null, chinaLiaison.id);
  await setNotification('P1', chinaEmbassyId, '2026-06-01T03:00:00Z', 4, chinaLiaison.id);
  await setNotification('P2', thaiEmbassyId, '2026-04-01T03:00:00Z', null, thaiLiaison.id);

  // Cooperation on K1 with China: a request answered by a linked answer, a visit done, two pending, one declined,
  // and one request from before the period. On P1: a visit done.
  const action = (caseKey: string, actionType: (typeof cooperationActions.$inferInsert)['actionType'], status: (typeof cooperationActions.$inferInsert)['status'], createdAt: string, extra: Partial<typeof cooperationActions.$inferInsert> = {}) => ({
    caseId: caseIds[caseKey]!,
    embassyOrganisationId: chinaEmbassyId,
    actionType,
    status,
    recordedBySide: 'police' as const,
    createdBy: kohKongOfficer.userId,
    actionDate: createdAt.slice(0, 10),
    description: 'Test action',
    createdAt: new Date(createdAt),
    updatedAt: new Date(createdAt),
    ...extra,
  });
  const [request] = await getDb()
    .insert(cooperationActions)
    .values(action('K1', 'information_request', 'requested', '2026-06-11T03:00:00Z'))
    .returning({ id: cooperationActions.id });
  await getDb()
    .insert(cooperationActions)
    .values([
      action('K1', 'information_provided', 'done', '2026-06-12T03:00:00Z', { respondsToId: request!.id, recordedBySide: 'embassy', createdBy: chinaLiaison.id }),
      action('K1', 'consular_visit', 'done', '2026-06-13T03:00:00Z', { recordedBySide: 'embassy', createdBy: chinaLiaison.id }),
      action('K1', 'identity_verification', 'requested', '2026-06-14T03:00:00Z'),
      action('K1', 'interpreter', 'in_progress', '2026-06-15T03:00:00Z'),
      action('K1', 'identity_verification', 'declined', '2026-06-16T03:00:00Z'),
      action('K1', 'information_request', 'requested', '2025-01-01T03:00:00Z'),
      action('P1', 'consular_visit', 'done', '2026-06-02T03:00:00Z', { recordedBySide: 'embassy', createdBy: chinaLiaison.id }),
    ]);
});

describe('getSummaryReport for a governor\'s office', () => {
  it('counts its own province over the last 12 months, small counts shown as "<3"', async () => {
    const report = await getSummaryReport(governor, {}, now);
    expect(report.scope).toEqual({
      provinceCode: 'KKG',
      provinceNames: expect.objectContaining({ en: 'Koh Kong' }),
      isSuppressed: true,
      canCompareProvinces: false,
    });
    expect(report.period).toMatchObject({ fromMonth: '2025-08', toMonth: '2026-07', presetMonths: 12 });
    expect(report.period.start).toEqual(new Date('2025-07-31T17:00:00Z'));
    expect(report.period.end).toEqual(now);
    expect(report.headline).toEqual({
      newCases: 5,
      closedCases: '<3',
      openCases: 5,
      detainedForeignNationals: '<3',
      notificationsSent: 5,
      notificationsAcknowledged: 4,
      notificationsOverdue: '<3',
    });
    expect(report.casesByCrimeType).toEqual([
      { crimeType: 'human_trafficking', cases: 0 },
      { crimeType: 'drug_trafficking', cases: '<3' },
      { crimeType: 'online_scam', cases: 3 },
      { crimeType: 'kidnapping', cases: '<3' },
      { crimeType: 'fraud_extortion', cases: 0 },
      { crimeType: 'other', cases: 0 },
    ]);
    expect(report.casesByStatus).toEqual([
      { status: 'reported', cases: 4 },
      { status: 'under_investigation', cases: 0 },
      { status: 'referred_to_prosecutor', cases: 0 },
      { status: 'closed', cases: '<3' },
    ]);
    // Suppressed rows rank alike, so their order (alphabetical) does not tell 1 from 2.
    expect(report.casesByNationality).toEqual([
      { nationality: 'CN', cases: 4 },
      { nationality: 'KH', cases: '<3' },
      { nationality: 'TH', cases: '<3' },
    ]);
    expect(report.detainedByNationality).toEqual([{ nationality: 'CN', detained: '<3', stillDetained: '<3' }]);
    expect(report.provinces).toBeNull();
  });

  it('gives a monthly trend per crime type with every month of the period', async () => {
    const { monthlyTrend } = await getSummaryReport(governor, {}, now);
    expect(monthlyTrend.map((row) => row.month)).toEqual([
      '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07',
    ]);
    const byMonth = Object.fromEntries(monthlyTrend.map((row) => [row.month, row]));
    expect(byMonth['2026-06']).toEqual({
      month: '2026-06',
      byCrimeType: { human_trafficking: 0, drug_trafficking: 0, online_scam: '<3', kidnapping: 0, fraud_extortion: 0, other: 0 },
      total: '<3',
    });
    expect(byMonth['2026-05']?.byCrimeType.drug_trafficking).toBe('<3');
    expect(byMonth['2026-07']?.byCrimeType.kidnapping).toBe('<3');
    expect(byMonth['2025-08']?.total).toBe(0);
  });

  it('gives acknowledgement times per embassy as median and 90th percentile', async () => {
    const { notificationsByEmbassy } = await getSummaryReport(governor, {}, now);
    // China: acknowledged after 2, 10 and 30 hours; K6 overdue. p90 = 10 + 0.8 × (30 − 10) = 26.
    expect(notificationsByEmbassy).toEqual([
      { embassy: { countryCode: 'CN', names: expect.any(Object) }, sent: 4, acknowledged: 3, overdue: '<3', medianHoursToAcknowledge: 10, p90HoursToAcknowledge: 26 },
      { embassy: { countryCode: 'TH', names: expect.any(Object) }, sent: '<3', acknowledged: '<3', overdue: 0, medianHoursToAcknowledge: 5, p90HoursToAcknowledge: 5 },
    ]);
  });

  it('counts cooperation actions by type and requests answered', async () => {
    const report = await getSummaryReport(governor, {}, now);
    expect(report.cooperationByType).toEqual([
      {
        embassy: expect.objectContaining({ countryCode: 'CN' }),
        byActionType: {
          identity_verification: '<3',
          consular_visit: '<3',
          information_request: '<3',
          information_provided: '<3',
          repatriation: 0,
          joint_operation: 0,
          interpreter: '<3',
          other: 0,
        },
        total: 6,
      },
    ]);
    // Requests: the information request (answered by a linked answer), the visit (done), the declined
    // verification (answered), the open verification and the interpreter (pending).
    expect(report.cooperationRequests).toEqual([{ embassy: expect.objectContaining({ countryCode: 'CN' }), requests: 5, answered: 3, pending: '<3' }]);
  });

  it('follows the period: a preset of 3 months and an explicit range in the past', async () => {
    const lastThree = await getSummaryReport(governor, { months: 3 }, now);
    expect(lastThree.period).toMatchObject({ fromMonth: '2026-05', toMonth: '2026-07', presetMonths: 3 });
    expect(lastThree.headline).toMatchObject({ newCases: 4, closedCases: '<3', openCases: 5, notificationsSent: 4 });

    const march2025 = await getSummaryReport(governor, { from: '2025-03', to: '2025-03' }, now);
    expect(march2025.period).toMatchObject({ fromMonth: '2025-03', toMonth: '2025-03', presetMonths: null });
    expect(march2025.period.end).toEqual(new Date('2025-03-31T17:00:00Z'));
    // Open at the end of March 2025: K5 (reported then) and K7 (closed only in September 2025).
    expect(march2025.headline).toMatchObject({ newCases: '<3', openCases: '<3', closedCases: 0, notificationsSent: 0 });
    expect(march2025.casesByCrimeType.find((row) => row.crimeType === 'human_trafficking')?.cases).toBe('<3');
    expect(march2025.notificationsByEmbassy).toEqual([]);
  });

  it('is its own province or nothing: another province is "not found"', async () => {
    await expect(getSummaryReport(governor, { province: 'KKG' }, now)).resolves.toMatchObject({ scope: { provinceCode: 'KKG' } });
    await expect(getSummaryReport(governor, { province: 'PSN' }, now)).rejects.toMatchObject({ kind: 'not_found' });
  });
});

describe('getSummaryReport for the ministry', () => {
  it('counts the whole country with exact counts', async () => {
    const report = await getSummaryReport(analyst, {}, now);
    expect(report.scope).toEqual({ provinceCode: null, provinceNames: null, isSuppressed: false, canCompareProvinces: true });
    expect(report.headline).toEqual({
      newCases: 7,
      closedCases: 2,
      openCases: 7,
      detainedForeignNationals: 3,
      notificationsSent: 7,
      notificationsAcknowledged: 5,
      notificationsOverdue: 2,
    });
    expect(report.casesByCrimeType.filter((row) => row.cases !== 0)).toEqual([
      { crimeType: 'drug_trafficking', cases: 1 },
      { crimeType: 'online_scam', cases: 4 },
      { crimeType: 'kidnapping', cases: 2 },
    ]);
    expect(report.casesByNationality).toEqual([
      { nationality: 'CN', cases: 5 },
      { nationality: 'TH', cases: 2 },
      { nationality: 'KH', cases: 1 },
    ]);
    expect(report.detainedByNationality).toEqual([{ nationality: 'CN', detained: 3, stillDetained: 3 }]);
    // China nationwide: 2, 4, 10, 30 hours → median 7, p90 = 10 + 0.7 × 20 = 24.
    expect(report.notificationsByEmbassy.map((row) => [row.embassy.countryCode, row.sent, row.acknowledged, row.overdue, row.medianHoursToAcknowledge, row.p90HoursToAcknowledge])).toEqual([
      ['CN', 5, 4, 1, 7, 24],
      ['TH', 2, 1, 1, 5, 5],
    ]);
    expect(report.cooperationRequests.map((row) => [row.requests, row.answered, row.pending])).toEqual([[6, 4, 2]]);
    expect(report.cooperationByType.map((row) => [row.byActionType.consular_visit, row.byActionType.identity_verification, row.total])).toEqual([[2, 2, 7]]);
  });

  it('puts all 25 provinces side by side', async () => {
    const { provinces } = await getSummaryReport(analyst, {}, now);
    expect(provinces).toHaveLength(25);
    const byCode = Object.fromEntries((provinces ?? []).map((row) => [row.provinceCode, row]));
    expect(byCode.KKG).toMatchObject({
      newCases: 5,
      closedCases: 2,
      openCases: 5,
      detainedForeignNationals: 2,
      notificationsSent: 5,
      notificationsOverdue: 1,
      // 2, 5, 10 and 30 hours.
      medianHoursToAcknowledge: 7.5,
    });
    expect(byCode.PSN).toMatchObject({ newCases: 2, closedCases: 0, openCases: 2, detainedForeignNationals: 1, notificationsSent: 2, notificationsOverdue: 1, medianHoursToAcknowledge: 4 });
    expect(byCode.BTB).toMatchObject({ newCases: 0, openCases: 0, notificationsSent: 0, medianHoursToAcknowledge: null });
  });

  it('narrows to a chosen province without suppressing, and keeps the comparison national', async () => {
    const report = await getSummaryReport(analyst, { province: 'KKG' }, now);
    expect(report.scope).toMatchObject({ provinceCode: 'KKG', isSuppressed: false });
    expect(report.headline).toEqual({
      newCases: 5,
      closedCases: 2,
      openCases: 5,
      detainedForeignNationals: 2,
      notificationsSent: 5,
      notificationsAcknowledged: 4,
      notificationsOverdue: 1,
    });
    expect(report.provinces).toHaveLength(25);
    await expect(getSummaryReport(analyst, { province: 'ZZZ' }, now)).rejects.toMatchObject({ kind: 'not_found' });
  });
});

describe('who may read summaries', () => {
  it('refuses police and embassy users', async () => {
    const liaison = await actorFor(await createUser({ role: 'embassy_liaison' }));
    await expect(getSummaryReport(kohKongOfficer, {}, now)).rejects.toMatchObject({ kind: 'not_found' });
    await expect(getSummaryReport(liaison, {}, now)).rejects.toMatchObject({ kind: 'not_found' });
  });
});

describe('exportSummaryTable', () => {
  it('writes the governor\'s table as CSV with suppressed cells, and audits the export', async () => {
    const exported = await exportSummaryTable(governor, { table: 'crimeTypes' }, labels, now);
    expect(exported.filename).toBe('casebridge-crimeTypes-kkg-2025-08-to-2026-07.csv');
    expect(exported.body).toBe(
      '\uFEFFCrime type,New cases\r\nHuman trafficking,0\r\nDrug trafficking,<3\r\nOnline scam,3\r\nKidnapping,<3\r\nFraud or extortion,0\r\nOther,0\r\n',
    );
    const [entry] = await getDb().select().from(auditLog).where(eq(auditLog.actorUserId, governor.userId)).orderBy(desc(auditLog.id)).limit(1);
    expect(entry).toMatchObject({
      action: 'summary.export',
      outcome: 'success',
      entityType: 'summary',
      entityId: 'crimeTypes',
      details: { table: 'crimeTypes', from: '2025-08', to: '2026-07', province: 'KKG', rows: 6 },
    });
  });

  it('exports acknowledgement times with one decimal and empty cells for none', async () => {
    const exported = await exportSummaryTable(analyst, { table: 'embassyResponse', from: '2026-06', to: '2026-07' }, labels, now);
    const lines = exported.body.replace('\uFEFF', '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('Embassy,Sent,Acknowledged,Overdue,Median hours to acknowledge,90th percentile hours');
    // China in June and July: 2, 4 and 10 hours → median 4, p90 = 4 + 0.8 × 6 = 8.8; Thailand: 5 hours.
    expect(lines.slice(1).map((line) => line.split(',').slice(1).join(','))).toEqual(['4,3,1,4,8.8', '1,1,0,5,5']);
    // April: Thailand's only notification was never acknowledged, so there is no time to give.
    const april = await exportSummaryTable(analyst, { table: 'embassyResponse', from: '2026-04', to: '2026-04' }, labels, now);
    expect(april.body.trimEnd().split('\r\n').slice(1).map((line) => line.split(',').slice(1).join(','))).toEqual(['1,0,1,,']);
  });

  it('refuses the side-by-side table and other provinces to a governor, and audits the refusal', async () => {
    await expect(exportSummaryTable(governor, { table: 'provinces' }, labels, now)).rejects.toMatchObject({ kind: 'not_found' });
    await expect(exportSummaryTable(governor, { table: 'crimeTypes', province: 'PSN' }, labels, now)).rejects.toMatchObject({ kind: 'not_found' });
    const [entry] = await getDb().select().from(auditLog).where(eq(auditLog.actorUserId, governor.userId)).orderBy(desc(auditLog.id)).limit(1);
    expect(entry).toMatchObject({ action: 'summary.export', outcome: 'denied', details: { table: 'crimeTypes', province: 'PSN' } });
  });

  it('gives the ministry all 25 provinces', async () => {
    const exported = await exportSummaryTable(analyst, { table: 'provinces' }, labels, now);
    const lines = exported.body.trimEnd().split('\r\n');
    expect(lines).toHaveLength(26);
    expect(lines.find((line) => line.startsWith('Koh Kong,'))).toBe('Koh Kong,5,2,5,2,5,1,7.5');
  });
});
