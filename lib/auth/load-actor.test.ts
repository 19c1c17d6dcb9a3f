import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { organisations, users } from '@/db/schema';
import { createOrganisation, createUser } from '@/lib/testing/factories';
import { withTestDatabase } from '@/lib/testing/test-database';
import { loadActor } from './load-actor';


withTestDatabase();

describe('loadActor', () => {
  it('carries role, organisation and scope: province for police, country for embassies', async () => {
    const officer = await createUser({ role: 'police_officer' });
    expect(await loadActor(officer.id, officer.sessionVersion)).toMatchObject({
      userId: officer.id,
      role: 'police_officer',
      organisationId: officer.organisationId,
      organisationKind: 'police',
      provinceCode: 'KKG',
      countryCode: null,
    });
    const embassy = await createOrganisation({ kind: 'embassy', countryCode: 'VN' });
    const liaison = await createUser({ role: 'embassy_liaison', organisationId: embassy.id });
    expect(await loadActor(liaison.id, liaison.sessionVersion)).toMatchObject({ countryCode: 'VN', provinceCode: null });
  });

  it('ends the session of a deactivated user, a deactivated organisation and an outdated session version', async () => {
    const user = await createUser({ role: 'police_officer' });
    expect(await loadActor(user.id, user.sessionVersion + 1)).toBeNull();
    await getDb().update(organisations).set({ isActive: false }).where(eq(organisations.id, user.organisationId));
    expect(await loadActor(user.id, user.sessionVersion)).toBeNull();
    await getDb().update(organisations).set({ isActive: true }).where(eq(organisations.id, user.organisationId));
    await getDb().update(users).set({ isActive: false }).where(eq(users.id, user.id));
    expect(await loadActor(user.id, user.sessionVersion)).toBeNull();
    expect(await loadActor('00000000-0000-0000-0000-000000000000', 1)).toBeNull();
  });
});
