import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { apiKeys, auditLog, users } from '@/db/schema';
import { createUserAccount, setUserActive } from '@/lib/directory/commands';
import { listOrganisationMembers } from '@/lib/directory/queries';
import { actorFor, createOrganisation, createUser, uniqueSuffix } from '@/lib/testing/factories';
import { withTestDatabase } from '@/lib/testing/test-database';
import { authenticateApiKey } from './authenticate';
import { createApiKey, revokeApiKey } from './commands';
import { listApiKeys } from './queries';
import { parseApiKey } from './token';

vi.mock('next-auth', () => ({ getServerSession: vi.fn() }));

withTestDatabase();

async function embassyWithAdmin() {
  const embassy = await createOrganisation({ kind: 'embassy', countryCode: 'FR' });
  const admin = await actorFor(await createUser({ role: 'organisation_admin', organisationId: embassy.id }));
  return { embassy, admin };
}

describe('API keys', () => {
  it('are shown once, stored as a hash, and act as the organisation’s ordinary role', async () => {
    const { embassy, admin } = await embassyWithAdmin();
    const created = await createApiKey(admin, { organisationId: embassy.id, name: 'Consular system', scopes: ['notifications:read'], expiresInDays: 30 });
    const [row] = await getDb().select().from(apiKeys).where(eq(apiKeys.id, created.id));
    expect(row?.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(parseApiKey(created.token)?.secret);
    const caller = await authenticateApiKey(`Bearer ${created.token}`);
    expect(caller).toMatchObject({ keyName: 'Consular system', scopes: ['notifications:read'], actor: { role: 'embassy_liaison', organisationId: embassy.id, countryCode: 'FR' } });
    const listed = await listApiKeys(admin, embassy.id);
    expect(listed.keys).toEqual([expect.objectContaining({ name: 'Consular system', status: 'active', prefix: created.prefix })]);
    expect(listed.keys[0]?.lastUsedAt).toBeInstanceOf(Date);
    expect(JSON.stringify(listed)).not.toContain(row?.secretHash);
  });

  it('refuses a wrong secret, a revoked key and an expired one alike', async () => {
    const { embassy, admin } = await embassyWithAdmin();
    const created = await createApiKey(admin, { organisationId: embassy.id, name: 'Sync', scopes: ['notifications:read'], expiresInDays: 1 });
    expect(await authenticateApiKey(`Bearer ${created.token.slice(0, -1)}${created.token.endsWith('A') ? 'B' : 'A'}`)).toBeNull();
    expect(await authenticateApiKey('Bearer nonsense')).toBeNull();
    expect(await authenticateApiKey(null)).toBeNull();
    const expiring = await createApiKey(admin, { organisationId: embassy.id, name: 'Old', scopes: ['notifications:read'], expiresInDays: 1 });
    await getDb().update(apiKeys).set({ expiresAt: new Date(Date.now() + 1), createdAt: new Date(Date.now() - 1000) }).where(eq(apiKeys.id, expiring.id));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await authenticateApiKey(`Bearer ${expiring.token}`)).toBeNull();
    await revokeApiKey(admin, { id: created.id });
    expect(await authenticateApiKey(`Bearer ${created.token}`)).toBeNull();
    const audit = await getDb().select().from(auditLog).where(eq(auditLog.entityId, created.id));
    expect(audit.map((entry) => entry.action).sort()).toEqual(['api_key.create', 'api_key.revoke']);
  });

  it('keeps an organisation administrator to its own organisation, and keys to their kind’s scopes', async () => {
    const { admin } = await embassyWithAdmin();
    const other = await createOrganisation({ kind: 'embassy', countryCode: 'DE' });
    await expect(createApiKey(admin, { organisationId: other.id, name: 'x', scopes: ['notifications:read'], expiresInDays: 1 })).rejects.toThrow(/not_found/);
    await expect(listApiKeys(admin, other.id)).rejects.toThrow(/not_found/);
    await expect(createApiKey(admin, { organisationId: admin.organisationId, name: 'x', scopes: ['cases:write'], expiresInDays: 1 })).rejects.toThrow(/invalid/);
    const officer = await actorFor(await createUser({ role: 'embassy_liaison', organisationId: admin.organisationId }));
    await expect(createApiKey(officer, { organisationId: admin.organisationId, name: 'x', scopes: ['notifications:read'], expiresInDays: 1 })).rejects.toThrow(/not_found/);
  });

  it('lets an organisation administrator invite and deactivate its own users only', async () => {
    const { embassy, admin } = await embassyWithAdmin();
    const email = `liaison-${uniqueSuffix()}@test.example`;
    const created = await createUserAccount(admin, { organisationId: embassy.id, role: 'embassy_liaison', name: 'New liaison', email, preferredLocale: 'en', credential: 'invitation' });
    const [user] = await getDb().select().from(users).where(eq(users.id, created.id));
    expect(user?.organisationId).toBe(embassy.id);
    await setUserActive(admin, { id: created.id, version: 1, isActive: false });
    const other = await createUser({ role: 'embassy_liaison' });
    await expect(setUserActive(admin, { id: other.id, version: other.version, isActive: false })).rejects.toThrow(/not_found/);
    await createApiKey(admin, { organisationId: embassy.id, name: 'Hidden account', scopes: ['notifications:read'], expiresInDays: 1 });
    const members = await listOrganisationMembers(admin);
    expect(members.map((member) => member.id).sort()).toEqual([admin.userId, created.id].sort());
    await expect(listOrganisationMembers(await actorFor(other))).rejects.toThrow(/not_found/);
    await expect(
      createUserAccount(admin, { organisationId: other.organisationId, role: 'embassy_liaison', name: 'x', email: `x-${uniqueSuffix()}@test.example`, preferredLocale: 'en', credential: 'invitation' }),
    ).rejects.toThrow(/invalid/);
  });
});
