import { and, eq, sql } from 'drizzle-orm';
import { createTranslator } from 'next-intl';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { casePeople, countryConsularRules, notifications, officialNotifications } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { createCase, updateCase } from '@/lib/cases/commands';
import type { PersonInput } from '@/lib/cases/schemas';
import en from '@/lib/i18n/messages/en.json';
import { actorFor, buildCaseInput, buildPersonInput, createOrganisation, createUser } from '@/lib/testing/factories';
import { withTestDatabase } from '@/lib/testing/test-database';
import { exportSummaryTable } from './export';
import { getSummaryReport } from './queries';
import type { TableLabels } from './tables';

withTestDatabase();

/**
 * A fixed data set with known answers (decision 024). "Now" is 15 July 2026; the default period runs from August
 * 2025 to July 2026. China and Thailand have embassies on CaseBridge; Indonesia and Viet Nam do not, and Viet Nam's
 * agreement makes notification mandatory. Every detention is at 10:00 Cambodian time (03:00 UTC) on the case's day.
 *
 * Koh Kong (the governor's province):
 *   A 1 Jun: a detained Chinese (China notified after exactly 24 h), a Thai victim
 *   B 5 Jun: two detained Chinese, one also Indonesian; China notified after 26 h, Indonesia informed after exactly 72 h
 *   C 10 Jun: two detained Chinese, one of whom declined notification; China notified after 72 h
 *   D 1 Jul: a detained Indonesian (never informed), a detained Vietnamese who declined (mandatory: still due), a
 *     detained Cambodian-Thai dual national nobody decided to notify (not due)
 *   E 20 Jun: a detained Chinese whose case China knew of before the detention (0 h), a Thai detained and since
 *     released (Thailand notified 10 h after the detention)
 *   G 25 Jun: a detained Chinese, China notified after 24 h and 1 minute
 * Preah Sihanouk:
 *   F 2 Jun: a detained Chinese, China notified after 72 h and 1 minute
 * The last test adds a Lao detainee in Koh Kong (November 2025), released through the case form.
 */
const now = new Date('2026-07-15T05:00:00Z');
const hour = 3_600_000;
const minute = 60_000;

let governor: Actor;
let analyst: Actor;
let kohKongOfficer: Actor;
const caseIds: Record<string, string> = {};
const embassyIds: Record<string, string> = {};
const labels: TableLabels = { t: createTranslator({ locale: 'en', messages: en }) as TableLabels['t'], locale: 'en' };

function detained(nationality: string, day: string, overrides: Partial<PersonInput> = {}): PersonInput {
  return buildPersonInput({ nationality, detentionStatus: 'detained', detentionChangedAt: `${day}T10:00`, ...overrides });
}

function declining(nationality: string, day: string): PersonInput {
  return detained(nationality, day, { rightsInformedAt: `${day}T11:00`, notificationWish: 'declines' });
}

/** 03:00 UTC of `day`, the detention time of every detainee of the data set, plus `offset` milliseconds. */
function detentionPlus(day: string, offset: number): Date {
  return new Date(new Date(`${day}T03:00:00Z`).getTime() + offset);
}

async function notifiedAt(caseKey: string, country: string, createdAt: Date) {
  const [updated] = await getDb()
    .update(notifications)
    .set({ createdAt, dueAt: new Date(createdAt.getTime() + 24 * hour), lastUpdatedAt: createdAt })
    .where(and(eq(notifications.caseId, caseIds[caseKey]!), eq(notifications.embassyOrganisationId, embassyIds[country]!)))
    .returning({ id: notifications.id });
  if (!updated) throw new Error(`no notification to ${country} on ${caseKey}`);
}

async function informedAt(caseKey: string, country: string, at: Date) {
  const [updated] = await getDb()
    .update(officialNotifications)
    .set({ method: 'diplomatic_note_via_mfa', informedAt: at, informedWhom: 'Consular section' })
    .where(and(eq(officialNotifications.caseId, caseIds[caseKey]!), eq(officialNotifications.countryCode, country)))
    .returning({ id: officialNotifications.id });
  if (!updated) throw new Error(`no official notification to ${country} on ${caseKey}`);
}

beforeAll(async () => {
  kohKongOfficer = await actorFor(await createUser({ role: 'police_officer', organisationId: (await createOrganisation({ kind: 'police', provinceCode: 'KKG' })).id }));
  const sihanoukOfficer = await actorFor(await createUser({ role: 'police_officer', organisationId: (await createOrganisation({ kind: 'police', provinceCode: 'PSN' })).id }));
  governor = await actorFor(await createUser({ role: 'governor_viewer', organisationId: (await createOrganisation({ kind: 'governor_office', provinceCode: 'KKG' })).id }));
  analyst = await actorFor(await createUser({ role: 'ministry_analyst' }));
  for (const country of ['CN', 'TH']) embassyIds[country] = (await createOrganisation({ kind: 'embassy', countryCode: country })).id;
  await getDb().insert(countryConsularRules).values({ countryCode: 'VN', mandatoryNotification: true });

  const planned = [
    ['A', kohKongOfficer, '2026-06-01', [detained('CN', '2026-06-01'), buildPersonInput({ nationality: 'TH', roleInCase: 'victim' })]],
    ['B', kohKongOfficer, '2026-06-05', [detained('CN', '2026-06-05'), detained('CN', '2026-06-05', { otherNationalities: ['ID'] })]],
    ['C', kohKongOfficer, '2026-06-10', [detained('CN', '2026-06-10'), declining('CN', '2026-06-10')]],
    ['D', kohKongOfficer, '2026-07-01', [detained('ID', '2026-07-01'), declining('VN', '2026-07-01'), detained('KH', '2026-07-01', { otherNationalities: ['TH'] })]],
    ['E', kohKongOfficer, '2026-06-20', [detained('CN', '2026-06-20'), detained('TH', '2026-06-20')]],
    ['G', kohKongOfficer, '2026-06-25', [detained('CN', '2026-06-25')]],
    ['F', sihanoukOfficer, '2026-06-02', [detained('CN', '2026-06-02')]],
  ] as const;
  for (const [key, officer, day, people] of planned) {
    const moment = `${day}T10:00`;
    caseIds[key] = (await createCase(officer, buildCaseInput({ provinceCode: officer.provinceCode!, occurredAt: moment, reportedAt: moment, people: [...people] }))).id;
  }
  await notifiedAt('A', 'CN', detentionPlus('2026-06-01', 24 * hour));
  await notifiedAt('A', 'TH', detentionPlus('2026-06-01', 2 * hour));
  await notifiedAt('B', 'CN', detentionPlus('2026-06-05', 26 * hour));
  await informedAt('B', 'ID', detentionPlus('2026-06-05', 72 * hour));
  await notifiedAt('C', 'CN', detentionPlus('2026-06-10', 72 * hour));
  await notifiedAt('E', 'CN', detentionPlus('2026-06-20', -2 * hour));
  await notifiedAt('E', 'TH', detentionPlus('2026-06-20', 10 * hour));
  await notifiedAt('G', 'CN', detentionPlus('2026-06-25', 24 * hour + minute));
  await notifiedAt('F', 'CN', detentionPlus('2026-06-02', 72 * hour + minute));
  // The Thai of E is released: the hours still run from the detention, not from the release.
  await getDb()
    .update(casePeople)
    .set({ detentionStatus: 'released', detentionChangedAt: new Date('2026-07-05T03:00:00Z') })
    .where(and(eq(casePeople.caseId, caseIds.E!), eq(casePeople.nationality, 'TH')));
});

describe('consular figures per country', () => {
  it('counts the governor\'s province, small counts and medians of one or two people as "<3"', async () => {
    const { consularByCountry } = await getSummaryReport(governor, {}, now);
    // China: hours 0 (E), 24 (A), 24.02 (G), 26, 26 (B), 72 (C) → median 25; the decliner of C has no time. Within 24 h: E and
    // A (the boundary counts); G is a minute late. Indonesia: the dual national of B (72 h) and the never-informed one of D.
    expect(consularByCountry).toEqual([
      { countryCode: 'CN', isOnCaseBridge: true, involved: 7, detained: 7, notifiedWithin24Hours: '<3', notifiedWithin72Hours: 6, medianHoursToNotification: 25, declined: '<3', unnotified: 0 },
      { countryCode: 'TH', isOnCaseBridge: true, involved: 3, detained: '<3', notifiedWithin24Hours: '<3', notifiedWithin72Hours: '<3', medianHoursToNotification: '<3', declined: 0, unnotified: 0 },
      { countryCode: 'ID', isOnCaseBridge: false, involved: '<3', detained: '<3', notifiedWithin24Hours: 0, notifiedWithin72Hours: '<3', medianHoursToNotification: '<3', declined: 0, unnotified: '<3' },
      { countryCode: 'VN', isOnCaseBridge: false, involved: '<3', detained: '<3', notifiedWithin24Hours: 0, notifiedWithin72Hours: 0, medianHoursToNotification: null, declined: '<3', unnotified: '<3' },
    ]);
  });

  it('counts the whole country exactly for the ministry', async () => {
    const { consularByCountry } = await getSummaryReport(analyst, {}, now);
    const figures = consularByCountry.map((row) => [
      row.countryCode,
      row.involved,
      row.detained,
      row.notifiedWithin24Hours,
      row.notifiedWithin72Hours,
      row.medianHoursToNotification,
      row.declined,
      row.unnotified,
    ]);
    // China adds F (72 h and a minute: not within 72 h): 0, 24, 24.02, 26, 26, 72, 72.02 → median 26. Thailand: the victim, the
    // released detainee (10 h) and the Cambodian dual national, who is not due until a supervisor decides. Viet Nam: declined,
    // and still due because notification is mandatory.
    expect(figures).toEqual([
      ['CN', 8, 8, 2, 6, 26, 1, 0],
      ['TH', 3, 2, 1, 1, 10, 0, 0],
      ['ID', 2, 2, 0, 1, 72, 0, 1],
      ['VN', 1, 1, 0, 0, null, 1, 1],
    ]);
    const sihanouk = await getSummaryReport(analyst, { province: 'PSN' }, now);
    expect(sihanouk.consularByCountry).toEqual([
      { countryCode: 'CN', isOnCaseBridge: true, involved: 1, detained: 1, notifiedWithin24Hours: 0, notifiedWithin72Hours: 0, medianHoursToNotification: 72, declined: 0, unnotified: 0 },
    ]);
  });

  it('follows the mandatory-country rule as the admin has it now, and notifications as they change', async () => {
    await getDb().update(countryConsularRules).set({ mandatoryNotification: false }).where(eq(countryConsularRules.countryCode, 'VN'));
    expect((await getSummaryReport(analyst, {}, now)).consularByCountry.find((row) => row.countryCode === 'VN')).toMatchObject({ declined: 1, unnotified: 0 });
    await getDb().update(countryConsularRules).set({ mandatoryNotification: true }).where(eq(countryConsularRules.countryCode, 'VN'));
    // Indonesia informed for D after 5 hours: no one left un-notified, two times.
    await informedAt('D', 'ID', detentionPlus('2026-07-01', 5 * hour));
    expect((await getSummaryReport(analyst, {}, now)).consularByCountry.find((row) => row.countryCode === 'ID')).toMatchObject({
      notifiedWithin24Hours: 1,
      notifiedWithin72Hours: 2,
      medianHoursToNotification: 38.5,
      unnotified: 0,
    });
    await getDb().update(officialNotifications).set({ method: null, informedAt: null, informedWhom: null }).where(and(eq(officialNotifications.caseId, caseIds.D!), eq(officialNotifications.countryCode, 'ID')));
  });

  it('reads the same figures from the rollup as a recount from the tables gives', async () => {
    const kept = await getSummaryReport(analyst, {}, now);
    await getDb().execute(sql`select summary_rebuild()`);
    expect((await getSummaryReport(analyst, {}, now)).consularByCountry).toEqual(kept.consularByCountry);
  });

  it('leaves a period without foreign people empty', async () => {
    expect((await getSummaryReport(analyst, { from: '2025-09', to: '2025-10' }, now)).consularByCountry).toEqual([]);
  });

  it('exports the table as CSV with the governor\'s suppression', async () => {
    const exported = await exportSummaryTable(governor, { table: 'consular' }, labels, now);
    expect(exported.body.replace('\uFEFF', '').trimEnd().split('\r\n')).toEqual([
      'Country,Mission,Nationals involved,Detained,Notified within 24 h of detention,Notified within 72 h of detention,Median hours from detention to notification,Declined notification,Still not notified',
      'China,On CaseBridge,7,7,<3,6,25,<3,0',
      'Thailand,On CaseBridge,3,<3,<3,<3,<3,0,0',
      'Indonesia,Off CaseBridge: official channel,<3,<3,0,<3,<3,0,<3',
      'Vietnam,Off CaseBridge: official channel,<3,<3,0,0,,<3,<3',
    ]);
  });

  it('keeps the time of detention when the case form records the release', async () => {
    const detainee = detained('LA', '2025-11-10');
    const input = buildCaseInput({ provinceCode: 'KKG', occurredAt: '2025-11-10T10:00', reportedAt: '2025-11-10T10:00', people: [detainee] });
    caseIds.L = (await createCase(kohKongOfficer, input)).id;
    await informedAt('L', 'LA', detentionPlus('2025-11-10', 30 * hour));
    const [person] = await getDb().select().from(casePeople).where(eq(casePeople.caseId, caseIds.L));
    await updateCase(kohKongOfficer, {
      caseId: caseIds.L,
      version: 1,
      details: { ...input, people: [{ ...detainee, id: person!.id, detentionStatus: 'released', detentionChangedAt: '2025-11-20T10:00' }] },
    });
    const [released] = await getDb().select().from(casePeople).where(eq(casePeople.id, person!.id));
    expect(released).toMatchObject({ detentionStatus: 'released', detentionChangedAt: new Date('2025-11-20T03:00:00Z'), detainedAt: new Date('2025-11-10T03:00:00Z') });
    const { consularByCountry } = await getSummaryReport(analyst, { from: '2025-11', to: '2025-11' }, now);
    expect(consularByCountry).toEqual([
      { countryCode: 'LA', isOnCaseBridge: false, involved: 1, detained: 1, notifiedWithin24Hours: 0, notifiedWithin72Hours: 1, medianHoursToNotification: 30, declined: 0, unnotified: 0 },
    ]);
  });
});
