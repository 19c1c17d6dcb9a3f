import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { notifications } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { NotFoundError } from '@/lib/auth/permissions';
import { changeCaseStatus, createCase } from '@/lib/cases/commands';
import { actorFor, buildCaseInput, buildPersonInput, createOrganisation, createUser } from '@/lib/testing/factories';
import { withTestDatabase } from '@/lib/testing/test-database';
import { getSummaryOverview } from './queries';

withTestDatabase();

let governor: Actor;
let analyst: Actor;

beforeAll(async () => {
  const kohKong = await createOrganisation({ kind: 'police', provinceCode: 'KKG' });
  const sihanouk = await createOrganisation({ kind: 'police', provinceCode: 'PSN' });
  const kohKongOfficer = await actorFor(await createUser({ role: 'police_officer', organisationId: kohKong.id }));
  const sihanoukOfficer = await actorFor(await createUser({ role: 'police_officer', organisationId: sihanouk.id }));
  governor = await actorFor(await createUser({ role: 'governor_viewer', organisationId: (await createOrganisation({ kind: 'governor_office', provinceCode: 'KKG' })).id }));
  analyst = await actorFor(await createUser({ role: 'ministry_analyst' }));
  await createOrganisation({ kind: 'embassy', countryCode: 'CN' });

  const recent = { occurredAt: '2026-06-01T08:00', reportedAt: '2026-06-01T09:00' };
  await createCase(kohKongOfficer, buildCaseInput({ ...recent, crimeType: 'online_scam', people: [buildPersonInput({ nationality: 'CN' })] }));
  const closed = await createCase(kohKongOfficer, buildCaseInput({ ...recent, crimeType: 'drug_trafficking' }));
  await changeCaseStatus(kohKongOfficer, { caseId: closed.id, version: 1, status: 'closed', closureReason: 'duplicate' });
  await createCase(kohKongOfficer, buildCaseInput({ crimeType: 'online_scam', occurredAt: '2024-01-01T08:00', reportedAt: '2024-01-02T08:00' }));
  await createCase(sihanoukOfficer, buildCaseInput({ ...recent, provinceCode: 'PSN', crimeType: 'kidnapping', people: [buildPersonInput({ nationality: 'CN' })] }));
  // One notification acknowledged, the other left to run past its deadline.
  const [first] = await getDb().select().from(notifications).limit(1);
  await getDb().update(notifications).set({ acknowledgedAt: new Date(), acknowledgedBy: kohKongOfficer.userId }).where(eq(notifications.id, first!.id));
});

describe('getSummaryOverview', () => {
  const now = new Date('2026-11-24T00:00:00Z');
  const later = new Date('2027-01-01T00:00:00Z');

  it('counts a governor\'s own province only', async () => {
    const summary = await getSummaryOverview(governor, now);
    expect(summary).toMatchObject({ provinceCode: 'KKG', openCases: 2, newCases: 2, closedCases: 1, notificationsSent: 1 });
    expect(summary.newCasesByCrimeType).toEqual(
      expect.arrayContaining([
        { crimeType: 'online_scam', total: 1 },
        { crimeType: 'drug_trafficking', total: 1 },
      ]),
    );
  });

  it('counts the whole country for the ministry, including overdue notifications', async () => {
    const summary = await getSummaryOverview(analyst, later);
    expect(summary.provinceCode).toBeNull();
    expect(summary).toMatchObject({ openCases: 3, newCases: 3, notificationsSent: 2, notificationsAcknowledged: 1, notificationsOverdue: 1 });
  });

  it('refuses police and embassy users', async () => {
    const officer = await actorFor(await createUser({ role: 'police_officer' }));
    await expect(getSummaryOverview(officer, now)).rejects.toBeInstanceOf(NotFoundError);
  });
});
