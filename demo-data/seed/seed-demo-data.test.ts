import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import {
  caseEvents,
  caseMessages,
  caseNotes,
  casePeople,
  cases,
  cooperationActions,
  foreignMissions,
  missionDistricts,
  notifications,
  notificationUpdates,
  officialNotifications,
  organisations,
  users,
} from '@/db/schema';
import { receivingOrganisationId } from '@/lib/consular/competent-mission';
import { demoMissions } from '@/demo-data/shared/demo-missions';
import { verifyPassword } from '@/lib/auth/password';
import { roles } from '@/lib/auth/roles';
import { withTestDatabase } from '@/lib/testing/test-database';
import { demoAccounts } from './demo-accounts';
import { demoOrganisations, type DemoOrganisation } from '@/demo-data/shared/demo-organisations';
import { demoCaseCount, planDemoCases, type DemoDirectory } from './plan-demo-cases';
import { seedDemoData, type SeedDemoDataResult } from './seed-demo-data';

withTestDatabase();

const now = new Date('2026-06-15T03:00:00Z');
const embassyCountries = ['CN', 'VN', 'TH'];

/** `Map.groupBy` arrives only with Node 21. */
function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
}

async function tableCounts() {
  const db = getDb();
  const tables = {
    organisations,
    users,
    cases,
    casePeople,
    caseEvents,
    caseNotes,
    notifications,
    notificationUpdates,
    cooperationActions,
    caseMessages,
    foreignMissions,
    missionDistricts,
    officialNotifications,
  };
  const entries = await Promise.all(Object.entries(tables).map(async ([name, table]) => [name, await db.$count(table)] as const));
  return Object.fromEntries(entries);
}

describe('seedDemoData', () => {
  let firstRun: SeedDemoDataResult;

  beforeAll(async () => {
    firstRun = await seedDemoData(getDb(), { now });
  });

  it('adds every demo organisation and account, with at least one user per role', async () => {
    expect(firstRun.inserted.organisations).toBe(demoOrganisations.length);
    expect(firstRun.inserted.users).toBe(demoAccounts.length);
    const rows = await getDb().select({ role: users.role }).from(users);
    for (const role of roles) expect(rows.some((row) => row.role === role), role).toBe(true);
  });

  it('adds 200 cases reported over the past year, none in the future', async () => {
    const rows = await getDb().select({ reportedAt: cases.reportedAt, occurredAt: cases.occurredAt }).from(cases);
    // The bulk, and Kampong Cham's misrouted case (plan-misrouted-case.ts).
    expect(rows).toHaveLength(demoCaseCount + 1);
    const yearAgo = now.getTime() - 366 * 24 * 3_600_000;
    for (const row of rows) {
      expect(row.reportedAt.getTime()).toBeLessThanOrEqual(now.getTime());
      expect(row.reportedAt.getTime()).toBeGreaterThan(yearAgo);
      expect(row.occurredAt.getTime()).toBeLessThanOrEqual(row.reportedAt.getTime());
    }
  });

  it('numbers cases 1..n per province and year, rising with the reporting time', async () => {
    const rows = await getDb()
      .select({ provinceCode: cases.provinceCode, year: cases.referenceYear, sequence: cases.referenceSequence, reportedAt: cases.reportedAt })
      .from(cases);
    const groups = groupBy(rows, (row) => `${row.provinceCode}-${row.year}`);
    expect(new Set(rows.map((row) => row.provinceCode))).toEqual(new Set(['KKG', 'PSN', 'PNH', 'KCM']));
    for (const [group, members] of groups) {
      const ordered = members.toSorted((first, second) => first.sequence - second.sequence);
      expect(
        ordered.map((row) => row.sequence),
        group,
      ).toEqual(ordered.map((_, index) => index + 1));
      const times = ordered.map((row) => row.reportedAt.getTime());
      expect(times, group).toEqual(times.toSorted((first, second) => first - second));
    }
  });

  it('notifies exactly the embassies of CN, VN and TH nationals in each case, as detention when one is detained', async () => {
    const db = getDb();
    const people = await db.select({ caseId: casePeople.caseId, nationality: casePeople.nationality, detentionStatus: casePeople.detentionStatus }).from(casePeople);
    const sent = await db
      .select({ caseId: notifications.caseId, countryCode: organisations.countryCode, kind: notifications.kind, createdAt: notifications.createdAt, dueAt: notifications.dueAt })
      .from(notifications)
      .innerJoin(organisations, eq(organisations.id, notifications.embassyOrganisationId));
    const caseIds = await db.select({ id: cases.id }).from(cases);
    let notifiedCases = 0;
    for (const { id } of caseIds) {
      const nationals = people.filter((person) => person.caseId === id && embassyCountries.includes(person.nationality));
      const toCase = sent.filter((notification) => notification.caseId === id);
      const expectedCountries = [...new Set(nationals.map((person) => person.nationality))].sort();
      expect(toCase.map((notification) => notification.countryCode).sort()).toEqual(expectedCountries);
      for (const notification of toCase) {
        const isNationalDetained = nationals.some((person) => person.nationality === notification.countryCode && person.detentionStatus === 'detained');
        if (isNationalDetained) expect(notification.kind).toBe('detention');
        const hoursToDue = (notification.dueAt.getTime() - notification.createdAt.getTime()) / 3_600_000;
        // A detention after sending brings the due time forward, never past the ordinary one.
        if (notification.kind === 'ordinary') expect(hoursToDue).toBe(72);
        else expect(hoursToDue).toBeGreaterThanOrEqual(24);
        expect(hoursToDue).toBeLessThanOrEqual(72);
      }
      if (toCase.length > 0) notifiedCases += 1;
    }
    expect(notifiedCases).toBeGreaterThan(50);
  });

  it('writes the directory: the missions on CaseBridge linked, the consulate-general with its district, the others with contacts', async () => {
    const db = getDb();
    const missions = await db.select().from(foreignMissions);
    expect(missions).toHaveLength(demoMissions.length);
    const organisationSlugs = new Map((await db.select({ id: organisations.id, slug: organisations.slug }).from(organisations)).map((row) => [row.id, row.slug]));
    const linked = missions.filter((mission) => mission.organisationId).map((mission) => [mission.countryCode, mission.missionType, organisationSlugs.get(mission.organisationId ?? '')]);
    expect(linked.sort()).toEqual(
      [
        ['CN', 'embassy', 'embassy-cn'],
        ['TH', 'embassy', 'embassy-th'],
        ['VN', 'consulate_general', 'embassy-vn-cg-psn'],
        ['VN', 'embassy', 'embassy-vn'],
      ].sort(),
    );
    const consulateGeneral = missions.find((mission) => mission.missionType === 'consulate_general');
    expect(consulateGeneral?.city).toBe('Sihanoukville');
    const district = await db.select({ provinceCode: missionDistricts.provinceCode }).from(missionDistricts).where(eq(missionDistricts.missionId, consulateGeneral?.id ?? ''));
    expect(district.map((row) => row.provinceCode).sort()).toEqual(['KKG', 'PSN']);
    for (const mission of missions.filter((candidate) => !candidate.organisationId)) {
      expect(mission.email ?? mission.phone ?? mission.fax, mission.slug).toBeTruthy();
      expect(mission.email ?? '', mission.slug).toMatch(/\.example$/);
    }
    expect(new Set(missions.filter((mission) => !mission.organisationId).map((mission) => mission.countryCode))).toEqual(new Set(['ID', 'MY', 'PH', 'MM', 'LA', 'TH']));
  });

  it('notifies Vietnamese nationals of Preah Sihanouk and Koh Kong to the consulate-general, elsewhere to the embassy (Kampong Cham’s case on purpose at the post)', async () => {
    const db = getDb();
    const rows = await db
      .select({ provinceCode: cases.provinceCode, slug: organisations.slug, reason: notifications.reason })
      .from(notifications)
      .innerJoin(cases, eq(cases.id, notifications.caseId))
      .innerJoin(organisations, eq(organisations.id, notifications.embassyOrganisationId))
      .where(eq(organisations.countryCode, 'VN'));
    const byProvince = groupBy(rows, (row) => row.provinceCode);
    for (const province of ['PSN', 'KKG']) {
      expect(byProvince.get(province)?.length, province).toBeGreaterThan(0);
      expect(new Set(byProvince.get(province)?.map((row) => row.slug))).toEqual(new Set(['embassy-vn-cg-psn']));
    }
    expect(new Set(byProvince.get('PNH')?.map((row) => row.slug))).toEqual(new Set(['embassy-vn']));
    expect(byProvince.get('KCM')).toEqual([{ provinceCode: 'KCM', slug: 'embassy-vn-cg-psn', reason: 'manual' }]);
    // Routing itself would have chosen the embassy for Kampong Cham.
    const missions = await db.select().from(foreignMissions);
    const districts = await db.select().from(missionDistricts);
    const directory = missions.map((mission) => ({ ...mission, provinceCodes: districts.filter((row) => row.missionId === mission.id).map((row) => row.provinceCode) }));
    const vietnamEmbassy = missions.find((mission) => mission.countryCode === 'VN' && mission.missionType === 'embassy');
    expect(receivingOrganisationId(directory, 'VN', 'KCM')).toBe(vietnamEmbassy?.organisationId);
  });

  it('gives each case an official-notification task per country off CaseBridge with a national in it, due as a notification would be', async () => {
    const db = getDb();
    const people = await db.select({ caseId: casePeople.caseId, nationality: casePeople.nationality }).from(casePeople);
    const tasks = await db.select().from(officialNotifications);
    const offCaseBridge = ['ID', 'MY', 'PH', 'MM', 'LA'];
    const expected = [...new Set(people.filter((person) => offCaseBridge.includes(person.nationality)).map((person) => `${person.caseId} ${person.nationality}`))].sort();
    expect(tasks.map((task) => `${task.caseId} ${task.countryCode}`).sort()).toEqual(expected);
    expect(tasks.length).toBeGreaterThan(20);
    const missionIds = new Map((await db.select().from(foreignMissions)).map((mission) => [mission.countryCode + mission.missionType, mission.id]));
    for (const task of tasks) {
      expect(task.missionId).toBe(missionIds.get(`${task.countryCode}embassy`));
      const hoursToDue = (task.dueAt.getTime() - task.createdAt.getTime()) / 3_600_000;
      if (task.kind === 'ordinary') expect(hoursToDue).toBe(72);
      else expect(hoursToDue).toBeGreaterThanOrEqual(24);
      expect(hoursToDue).toBeLessThanOrEqual(72);
      if (task.informedAt) expect(task.informedAt.getTime()).toBeLessThanOrEqual(now.getTime());
    }
    const informed = tasks.filter((task) => task.informedAt !== null);
    expect(informed.length).toBeGreaterThan(0);
    expect(informed.length).toBeLessThan(tasks.length);
    expect(tasks.some((task) => task.answeredAt !== null)).toBe(true);
    expect(tasks.some((task) => task.informedAt === null && task.dueAt < now)).toBe(true);
  });

  it('has acknowledged, overdue and still pending notifications, and people found in two cases', async () => {
    const db = getDb();
    const rows = await db.select({ dueAt: notifications.dueAt, acknowledgedAt: notifications.acknowledgedAt }).from(notifications);
    const acknowledged = rows.filter((row) => row.acknowledgedAt !== null).length;
    const overdue = rows.filter((row) => row.acknowledgedAt === null && row.dueAt < now).length;
    const pending = rows.filter((row) => row.acknowledgedAt === null && row.dueAt >= now).length;
    expect(acknowledged / rows.length).toBeGreaterThan(0.6);
    expect(overdue).toBeGreaterThan(0);
    expect(pending).toBeGreaterThan(0);

    const documents = await db.select({ number: casePeople.idDocumentNumber, caseId: casePeople.caseId }).from(casePeople);
    const casesByDocument = groupBy(
      documents.filter((row) => row.number !== null),
      (row) => row.number,
    );
    const repeated = [...casesByDocument.values()].filter((rowsOfDocument) => new Set(rowsOfDocument.map((row) => row.caseId)).size > 1);
    expect(repeated.length).toBeGreaterThanOrEqual(3);
  });

  it('adds nothing when run again', async () => {
    const before = await tableCounts();
    const secondRun = await seedDemoData(getDb(), { now });
    expect(secondRun.seededCases).toBe(false);
    expect(Object.values(secondRun.inserted).every((count) => count === 0)).toBe(true);
    expect(await tableCounts()).toEqual(before);
  });

  it('stores password hashes that verify against the published demo passwords', async () => {
    const rows = await getDb().select({ email: users.email, passwordHash: users.passwordHash, isActive: users.isActive }).from(users);
    for (const account of demoAccounts) {
      expect(account.password.length).toBeGreaterThanOrEqual(15);
      const row = rows.find((candidate) => candidate.email === account.email);
      expect(row?.isActive, account.email).toBe(account.isActive);
      expect(await verifyPassword(row?.passwordHash ?? '', account.password), account.email).toBe(true);
    }
  });
});

describe('planDemoCases', () => {
  it('plans the same cases and people every time for the same moment', () => {
    const directory: DemoDirectory = {
      organisation: (slug) => ({
        id: `org-${slug}`,
        countryCode: (demoOrganisations as readonly DemoOrganisation[]).find((organisation) => organisation.slug === slug)?.countryCode ?? null,
        ackDeadlineHours: 72,
        detentionAckDeadlineHours: 24,
      }),
      userId: (email) => `user-${email}`,
      missions: demoMissions.map((mission) => ({ ...mission, id: `mission-${mission.slug}`, organisationId: mission.organisationSlug ? `org-${mission.organisationSlug}` : null, isActive: true })),
    };
    const summary = () => {
      const plan = planDemoCases(directory, now);
      return {
        cases: plan.cases.map(({ row }) => [row.provinceCode, row.crimeType, row.status, row.reportedAt.toISOString(), row.title]),
        people: plan.people.map((person) => [person.latinName, person.nationality, person.idDocumentNumber, person.detentionStatus]),
        notifications: plan.notifications.map((notification) => [notification.kind, notification.dueAt?.toISOString(), notification.acknowledgedAt?.toISOString()]),
      };
    };
    expect(summary()).toEqual(summary());
  });
});

describe('the demo API keys', () => {
  it('open the API with the values the README publishes, for the Chinese embassy and Koh Kong police', async () => {
    const { authenticateApiKey } = await import('@/lib/api-keys/authenticate');
    const { demoApiKeys } = await import('./demo-api-keys');
    for (const key of demoApiKeys) {
      const caller = await authenticateApiKey(`Bearer ${key.token}`);
      expect(caller?.actor.organisationKind, key.name).toBe(key.kind);
      expect(caller?.scopes).toEqual(key.scopes);
    }
  });
});
