import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';

import { createCase } from '@/lib/cases/commands';
import { actorFor, buildCaseInput, buildPersonInput, createOrganisation, createUser } from '@/lib/testing/factories';
import { withTestDatabase } from '@/lib/testing/test-database';
import { getEmbassyDashboard } from './queries';

withTestDatabase();

let chinaLiaison: Actor;
let vietnamLiaison: Actor;
let thaiLiaison: Actor;

beforeAll(async () => {
  const officer = await actorFor(await createUser({ role: 'police_officer' }));
  const embassy = async (countryCode: string) =>
    actorFor(await createUser({ role: 'embassy_liaison', organisationId: (await createOrganisation({ kind: 'embassy', countryCode })).id }));
  chinaLiaison = await embassy('CN');
  vietnamLiaison = await embassy('VN');
  thaiLiaison = await embassy('TH');
  await createCase(
    officer,
    buildCaseInput({
      people: [
        buildPersonInput({ nationality: 'CN', detentionStatus: 'detained', detentionChangedAt: '2026-03-02T10:00' }),
        buildPersonInput({ nationality: 'VN', roleInCase: 'victim' }),
      ],
    }),
  );
  await createCase(officer, buildCaseInput({ people: [buildPersonInput({ nationality: 'CN' })] }));
});

describe('getEmbassyDashboard', () => {
  it('counts and lists only the embassy\'s own notifications', async () => {
    const now = new Date();
    const china = await getEmbassyDashboard(chinaLiaison, 10, now);
    expect(china).toMatchObject({ countryCode: 'CN', awaitingAcknowledgement: 2, detentionAwaiting: 1, overdue: 0 });
    expect(china.recentNotifications).toHaveLength(2);
    const vietnam = await getEmbassyDashboard(vietnamLiaison, 10, now);
    expect(vietnam).toMatchObject({ awaitingAcknowledgement: 1, detentionAwaiting: 0 });
    expect(await getEmbassyDashboard(thaiLiaison, 10, now)).toMatchObject({ awaitingAcknowledgement: 0, recentNotifications: [] });
  });

  it('marks unacknowledged notifications overdue once their deadline has passed', async () => {
    const inFourDays = new Date(Date.now() + 4 * 24 * 3_600_000);
    expect((await getEmbassyDashboard(chinaLiaison, 10, inFourDays)).overdue).toBe(2);
  });

  it('refuses police users', async () => {
    const officer = await actorFor(await createUser({ role: 'police_officer' }));
    await expect(getEmbassyDashboard(officer)).rejects.toMatchObject({ kind: 'not_found' });
  });
});
