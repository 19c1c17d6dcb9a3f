import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';

import { createCase } from '@/lib/cases/commands';
import { actorFor, buildCaseInput, buildPersonInput, createOrganisation, createUser } from '@/lib/testing/factories';
import { withTestDatabase } from '@/lib/testing/test-database';
import { acknowledgeNotification } from './commands';
import { digestItemLimit, getOverdueDigest, startOfCambodianDay } from './digest';
import { listInbox } from './embassy-queries';
import { inboxFiltersSchema } from './schemas';

withTestDatabase();

const caseCount = digestItemLimit + 2;
const day = 86_400_000;
let officer: Actor;
let supervisor: Actor;
let otherSupervisor: Actor;
let china: Actor;
let vietnam: Actor;

beforeAll(async () => {
  const police = await createOrganisation({ kind: 'police', provinceCode: 'KKG' });
  officer = await actorFor(await createUser({ role: 'police_officer', organisationId: police.id }));
  supervisor = await actorFor(await createUser({ role: 'police_supervisor', organisationId: police.id }));
  const otherPolice = await createOrganisation({ kind: 'police', provinceCode: 'PSN' });
  otherSupervisor = await actorFor(await createUser({ role: 'police_supervisor', organisationId: otherPolice.id }));
  const chinese = await createOrganisation({ kind: 'embassy', countryCode: 'CN' });
  china = await actorFor(await createUser({ role: 'embassy_liaison', organisationId: chinese.id }));
  const vietnamese = await createOrganisation({ kind: 'embassy', countryCode: 'VN' });
  vietnam = await actorFor(await createUser({ role: 'embassy_liaison', organisationId: vietnamese.id }));
  for (let index = 0; index < caseCount; index++) {
    await createCase(officer, buildCaseInput({ people: [buildPersonInput({ latinName: `Digest Suspect ${index}`, nationality: 'CN' })] }));
  }
});

describe('overdue digest', () => {
  it('counts every overdue notification but names only the longest overdue, oldest deadline first', async () => {
    const aMonthLater = new Date(Date.now() + 30 * day);
    const digest = await getOverdueDigest(china, aMonthLater);
    expect(digest.asOf).toEqual(startOfCambodianDay(aMonthLater));
    expect(digest.total).toBe(caseCount);
    expect(digest.totalIsCapped).toBe(false);
    expect(digest.items).toHaveLength(digestItemLimit);
    const deadlines = digest.items.map((item) => item.dueAt.getTime());
    expect(deadlines).toEqual([...deadlines].sort((a, b) => a - b));
    expect(digest.items.every((item) => item.caseReferenceNumber.startsWith('KKG-'))).toBe(true);
  });

  it('counts nothing before the deadlines have passed, and drops what was acknowledged', async () => {
    expect((await getOverdueDigest(china)).total).toBe(0);
    const [pending] = (await listInbox(china, inboxFiltersSchema.parse({ state: 'pending' }))).items;
    if (!pending) throw new Error('the Chinese embassy should have pending notifications');
    await acknowledgeNotification(china, { notificationId: pending.id, note: '' });
    expect((await getOverdueDigest(china, new Date(Date.now() + 30 * day))).total).toBe(caseCount - 1);
  });

  it("keeps to the reader's scope: another embassy and another province see none of them", async () => {
    const later = new Date(Date.now() + 30 * day);
    expect((await getOverdueDigest(vietnam, later)).total).toBe(0);
    expect((await getOverdueDigest(otherSupervisor, later)).total).toBe(0);
    expect((await getOverdueDigest(supervisor, later)).total).toBe(caseCount - 1);
    await expect(getOverdueDigest(officer, later)).rejects.toMatchObject({ kind: 'not_found' });
  });
});
